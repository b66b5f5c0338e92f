/**
 * Property tests of `compileInstance`'s merging of people into types.
 *
 * The optimisation works on one variable per type, so a wrong merge silently changes who can be
 * selected with whom: merging people of different answers would break quotas, merging a household
 * member would break the one-per-household rule, merging a kept person with others would keep the
 * wrong person. Answers arrive with arbitrary case and spacing, which must not split a type.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { compileInstance } from './instance.ts';
import type { Person, Quota, SelectionInput } from './model.ts';

const SEED = 20240612;
const FEATURES = ['gender', 'age', 'home region'];
const VALUES = [
  ['female', 'male', 'non binary'],
  ['young', 'middle aged', 'old'],
  ['north', 'south', 'new york'],
];

/**
 * The normal form the readers promise: trimmed, inner spaces collapsed, lower case. Written here
 * rather than imported, so that the test does not trust the function it checks.
 */
function canonical(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** `value` with random case per letter, padding at both ends and widened inner spaces. */
function respelled(value: string): fc.Arbitrary<string> {
  const padding = fc.constantFrom('', ' ', '  ', '\t', ' \t ');
  return fc
    .tuple(
      padding,
      fc.array(fc.boolean(), { minLength: value.length, maxLength: value.length }),
      fc.constantFrom(' ', '  ', '\t', ' \t'),
      padding,
    )
    .map(([before, upper, gap, after]) => {
      const letters = [...value].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join('');
      return `${before}${letters.replace(/ /g, gap)}${after}`;
    });
}

const rawPerson = fc.record({
  answers: fc.array(fc.nat(2), { minLength: FEATURES.length, maxLength: FEATURES.length }),
  spellings: fc.array(fc.nat(1000), { minLength: FEATURES.length, maxLength: FEATURES.length }),
  /** Mostly none (so that types can merge); otherwise a small set of keys that several people share. */
  household: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.nat(3), weight: 1 }),
  kept: fc.nat(4).map((x) => x === 0),
});

/**
 * Pools of 1–12 people over 1–3 features whose answers come with random spelling. Few distinct
 * answers, so most types have several members; the quotas spell values in a canonical or a
 * respelled way too, since the targets file is typed by hand as well.
 */
const pools = fc
  .record({
    features: fc.integer({ min: 1, max: FEATURES.length }),
    people: fc.array(rawPerson, { minLength: 1, maxLength: 12 }),
    /** Spellings to pick from per feature and value (picked by each person's spelling index). */
    spellings: fc.tuple(
      ...VALUES.map((values) =>
        fc.tuple(...values.map((v) => fc.array(respelled(v), { minLength: 1, maxLength: 4 }))),
      ),
    ),
    quotaSpellings: fc.tuple(...VALUES.map((values) => fc.tuple(...values.map((v) => respelled(v))))),
  })
  .map(({ features, people: raws, spellings, quotaSpellings }): SelectionInput => {
    const people: Person[] = raws.map((raw, p) => {
      const answers: Record<string, string> = {};
      for (let f = 0; f < features; f++) {
        const options = spellings[f][raw.answers[f]];
        answers[FEATURES[f]] = options[raw.spellings[f] % options.length];
      }
      const person: Person = { id: `p${p + 1}`, features: answers };
      if (raw.household !== null) person.household = `h${raw.household}`;
      return person;
    });
    const quotas: Quota[] = [];
    for (let f = 0; f < features; f++) {
      VALUES[f].forEach((_, v) => {
        quotas.push({ feature: FEATURES[f], value: quotaSpellings[f][v], min: 0, max: people.length });
      });
    }
    const keep = people.filter((_, p) => raws[p].kept).map((person) => person.id);
    // Panel size = pool size, so that any number of kept people is allowed.
    return { people, targets: { kind: 'quotas', quotas }, panelSize: people.length, keep };
  });

/** Ids of people whose household key is shared with someone else. */
function inSharedHousehold(people: Person[]): Set<string> {
  const byKey = new Map<string, string[]>();
  for (const person of people) {
    if (person.household === undefined || person.household === '') continue;
    byKey.set(person.household, [...(byKey.get(person.household) ?? []), person.id]);
  }
  return new Set([...byKey.values()].filter((ids) => ids.length > 1).flat());
}

/** A person's answers in normal form, as one string that equal people share. */
function answerKey(person: Person): string {
  return Object.keys(person.features)
    .sort()
    .map((key) => `${key}=${canonical(person.features[key])}`)
    .join('|');
}

describe('compileInstance types (property)', () => {
  test('every person is in exactly one type, and a type holds only interchangeable people', () => {
    fc.assert(
      fc.property(pools, (input) => {
        const instance = compileInstance(input);
        const { people, types, typeOfPerson } = instance;
        const shared = inSharedHousehold(people);
        const kept = new Set(input.keep);

        const seen = new Array<number>(people.length).fill(0);
        types.forEach((type, t) => {
          assert.ok(type.members.length > 0, `type ${t} is empty`);
          for (const p of type.members) {
            seen[p]++;
            assert.equal(typeOfPerson[p], t, `typeOfPerson of ${people[p].id}`);
          }
          const [first, ...others] = type.members.map((p) => people[p]);
          for (const other of others) {
            assert.equal(
              answerKey(other),
              answerKey(first),
              `${first.id} and ${other.id} answer differently`,
            );
            assert.ok(!shared.has(other.id) && !shared.has(first.id), `household member merged: ${other.id}`);
          }
          for (const member of [first, ...others]) {
            assert.equal(type.kept, kept.has(member.id), `kept status of ${member.id} in type ${t}`);
            // The household row of the panel program is built from this index.
            assert.equal(type.household >= 0, shared.has(member.id), `household of ${member.id}`);
          }
        });
        assert.deepEqual(seen, new Array(people.length).fill(1), 'people per type membership');
      }),
      { numRuns: 200, seed: SEED },
    );
  });

  test('interchangeable people are merged: same answers, no shared household, same kept status', () => {
    fc.assert(
      fc.property(pools, (input) => {
        const { people, typeOfPerson } = compileInstance(input);
        const shared = inSharedHousehold(people);
        const kept = new Set(input.keep);
        // Without this the types could be correct but useless (one per person).
        for (let a = 0; a < people.length; a++) {
          for (let b = a + 1; b < people.length; b++) {
            const [pa, pb] = [people[a], people[b]];
            const interchangeable =
              answerKey(pa) === answerKey(pb) &&
              !shared.has(pa.id) &&
              !shared.has(pb.id) &&
              kept.has(pa.id) === kept.has(pb.id);
            assert.equal(typeOfPerson[a] === typeOfPerson[b], interchangeable, `${pa.id} and ${pb.id}`);
          }
        }
      }),
      { numRuns: 200, seed: SEED + 1 },
    );
  });

  test('answers match target values whatever their case and spacing', () => {
    fc.assert(
      fc.property(pools, (input) => {
        const instance = compileInstance(input);
        const { people, types, typeOfPerson, values, features } = instance;
        const poolCounts = new Array<number>(values.length).fill(0);
        people.forEach((person, p) => {
          const type = types[typeOfPerson[p]];
          features.forEach((feature, f) => {
            const value = values[type.values[f]];
            assert.equal(value.feature, f);
            assert.equal(
              canonical(value.name),
              canonical(person.features[feature.name]),
              `${person.id} ${feature.name}`,
            );
            poolCounts[type.values[f]]++;
          });
        });
        assert.deepEqual(
          values.map((v) => v.poolCount),
          poolCounts,
          'pool count per value',
        );
      }),
      { numRuns: 200, seed: SEED + 2 },
    );
  });

  test('"  Female " in the pool is the quota value "female"', () => {
    const instance = compileInstance({
      people: [
        { id: 'a', features: { gender: '  Female ' } },
        { id: 'b', features: { gender: 'female' } },
        { id: 'c', features: { gender: 'MALE' } },
      ],
      targets: {
        kind: 'quotas',
        quotas: [
          { feature: 'gender', value: 'female', min: 1, max: 2 },
          { feature: 'gender', value: ' Male', min: 0, max: 1 },
        ],
      },
      panelSize: 2,
    });
    assert.equal(instance.types.length, 2);
    assert.equal(instance.typeOfPerson[0], instance.typeOfPerson[1]);
    assert.deepEqual(
      instance.values.map((v) => [v.name, v.poolCount]),
      [
        ['female', 2],
        ['Male', 1],
      ],
    );
  });
});
