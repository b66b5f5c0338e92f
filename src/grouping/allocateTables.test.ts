import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allocateTables } from './allocateTables.ts';
import { affineRounds, finiteField, unitalRounds } from './constructions.ts';
import { type Participant, type TablesInput, TablesInputError } from './model.ts';
import { addLateArrival, previewMove } from './reallocate.ts';
import { seatingProblems } from './validate.ts';

const anonymous = (count: number): Participant[] =>
  Array.from({ length: count }, (_, i) => ({ id: `p${i + 1}`, values: {} }));

function golfers(tables: number, size: number, rounds: number): TablesInput {
  return { people: anonymous(tables * size), fields: [], tables, rounds, seed: 'test' };
}

describe('constructions', () => {
  test('finite fields of prime-power order have inverses for every non-zero element', () => {
    for (const q of [2, 3, 4, 5, 7, 8, 9, 16]) {
      const field = finiteField(q);
      assert.ok(field, `GF(${q})`);
      for (let a = 1; a < q; a++) {
        assert.ok(
          Array.from({ length: q }, (_, b) => field.mul(a, b)).includes(1),
          `${a} has an inverse in GF(${q})`,
        );
      }
    }
    assert.equal(finiteField(6), undefined);
  });

  test('the affine design seats no pair together twice', () => {
    const rounds = affineRounds(16, 4, 5);
    assert.ok(rounds);
    assert.equal(rounds.length, 5);
    const met = new Set<string>();
    for (const round of rounds) {
      for (const table of round) {
        for (const a of table)
          for (const b of table)
            if (a < b) {
              assert.ok(!met.has(`${a}-${b}`));
              met.add(`${a}-${b}`);
            }
      }
    }
    assert.equal(met.size, 120);
  });
});

test('the unital of order 3 gives 9 rounds of 7 tables of 4 in which no pair meets twice', () => {
  const rounds = unitalRounds(28, 7, 9);
  assert.ok(rounds);
  assert.equal(rounds.length, 9);
  const met = new Set<string>();
  for (const round of rounds) {
    assert.deepEqual(
      round.flat().sort((a, b) => a - b),
      Array.from({ length: 28 }, (_, i) => i),
    );
    for (const table of round) {
      assert.equal(table.length, 4);
      for (const a of table) for (const b of table) if (a < b) met.add(`${a}-${b}`);
    }
  }
  assert.equal(met.size, (28 * 27) / 2);
});

describe('known social-golfer optima', () => {
  for (const [tables, size, rounds] of [
    [3, 3, 4],
    [4, 4, 5],
    [5, 5, 6],
    [5, 3, 7],
    [5, 4, 5],
    [7, 4, 9],
    [8, 4, 9],
  ]) {
    test(`${tables} tables of ${size} for ${rounds} rounds without a repeated pair`, () => {
      const input = golfers(tables, size, rounds);
      const result = allocateTables(input);
      assert.deepEqual(seatingProblems(input, result), []);
      assert.equal(result.report.repeatedPairs, 0);
      assert.equal(result.report.maxMeetings, 1);
      assert.equal(result.report.distinctPairs, (tables * size * rounds * (size - 1)) / 2);
    });
  }
});

describe('when repeats cannot be avoided', () => {
  test('they are spread out: no pair meets three times while another has met only once', () => {
    // 4 people at 2 tables of 2 for 6 rounds: 12 meetings over 6 pairs, so every pair exactly twice.
    const result = allocateTables(golfers(2, 2, 6));
    assert.equal(result.report.maxMeetings, 2);
    assert.equal(result.report.repeatedPairs, 6);
    // 9 people at 3 tables of 3 for 6 rounds: 54 meetings over 36 pairs; no pair needs a third.
    const nine = allocateTables(golfers(3, 3, 6));
    assert.equal(nine.report.maxMeetings, 2);
    assert.equal(nine.report.repeatedPairs, 18);
  });

  test('the report gives the known bounds', () => {
    const result = allocateTables({ ...golfers(2, 3, 3) });
    const codes = Object.fromEntries(result.report.bounds.map((b) => [b.code, b.value]));
    assert.equal(codes['social-golfer'], 2); // (6 − 1) / (3 − 1)
    assert.equal(codes.pigeonhole, 1); // 3 seats per table, 2 tables
    assert.equal(codes.contacts, 5);
  });
});

describe('rules and report', () => {
  const people: Participant[] = Array.from({ length: 24 }, (_, i) => ({
    id: `m${i + 1}`,
    values: { gender: i % 2 === 0 ? 'f' : 'm', lang: i < 3 ? 'fi' : i < 5 ? 'ar' : '' },
  }));
  const input: TablesInput = {
    people: [
      ...people,
      { id: 'f1', values: { gender: '', lang: '' } },
      { id: 'f2', values: { gender: '', lang: '' } },
    ],
    fields: [
      { name: 'gender', mode: 'diversify' },
      { name: 'lang', mode: 'cluster' },
    ],
    tableSize: 5,
    rounds: 4,
    facilitators: ['f1', 'f2'],
    apart: [
      ['m6', 'm7'],
      ['m8', 'm9'],
    ],
    fixed: [
      { person: 'm10', round: 1, table: 2 },
      { person: 'f1', round: 2, table: 0 },
    ],
    seed: 'rules',
  };

  test('every hard rule holds, facilitators move, and the seed decides', () => {
    const result = allocateTables(input);
    assert.deepEqual(seatingProblems(input, result), []);
    assert.equal(result.rounds[0].tables.length, 5);
    const f2Tables = result.rounds.map((r) => r.tables.findIndex((t) => t.facilitator === 'f2'));
    assert.equal(new Set(f2Tables).size, 4, 'f2 leads a new table each round');
    assert.deepEqual(allocateTables(input), result);
    assert.equal(result.report.clusterRepeatedPairs, 4); // fi: 3 pairs, ar: 1 pair
    assert.equal(result.report.rounds.length, 4);
    assert.equal(result.report.rounds[1].tables.length, 5);
  });

  test('re-allocation keeps the history, seats only who is present, and counts earlier meetings', () => {
    const first = allocateTables(input);
    const present = people.map((p) => p.id).filter((id) => id !== 'm12' && id !== 'm13');
    const again = allocateTables({ ...input, history: first.rounds.slice(0, 2), present, fixed: [] });
    assert.deepEqual(
      seatingProblems({ ...input, history: first.rounds.slice(0, 2), present, fixed: [] }, again),
      [],
    );
    assert.deepEqual(again.rounds.slice(0, 2), first.rounds.slice(0, 2));
    assert.ok(again.rounds[2].tables.every((t) => !t.members.includes('m12')));
    // Pairs from round 1 who meet again in round 3 are listed as having met before.
    const metBefore = again.report.rounds[2].tables.flatMap((t) => t.metBefore);
    assert.ok(metBefore.every((m) => m.times >= 1));
  });

  const bad: [string, Partial<TablesInput>, string][] = [
    ['a cluster larger than a table', { tableSize: 2 }, 'cluster-too-large'],
    ['more facilitators than tables', { tables: 1, tableSize: undefined }, 'too-many-facilitators'],
    [
      'a fixed placement at a table that does not exist',
      { fixed: [{ person: 'm1', round: 0, table: 9 }] },
      'fixed-table',
    ],
    [
      'fixed placements that break an apart rule',
      {
        fixed: [
          { person: 'm6', round: 0, table: 1 },
          { person: 'm7', round: 0, table: 1 },
        ],
      },
      'fixed-apart',
    ],
    [
      'a fixed placement that splits a cluster',
      {
        fixed: [
          { person: 'm1', round: 0, table: 0 },
          { person: 'm2', round: 0, table: 1 },
        ],
      },
      'fixed-cluster',
    ],
    ['an apart pair inside a cluster', { apart: [['m1', 'm2']] }, 'apart-cluster'],
    ['more tables than people', { tables: 30, facilitators: [] }, 'too-many-tables'],
    [
      'more people than the engine seats',
      { people: anonymous(5001), fields: [], apart: [], fixed: [] },
      'too-many-people',
    ],
  ];
  for (const [name, change, code] of bad) {
    test(`bad input: ${name}`, () => {
      assert.throws(
        () => allocateTables({ ...input, ...change }),
        (error: unknown) => error instanceof TablesInputError && error.code === code,
      );
    });
  }
});

describe('changes after the fact', () => {
  const people: Participant[] = Array.from({ length: 20 }, (_, i) => ({
    id: `m${i + 1}`,
    values: { gender: i % 2 === 0 ? 'f' : 'm' },
  }));
  const input: TablesInput = {
    people,
    fields: [{ name: 'gender', mode: 'diversify' }],
    tables: 4,
    rounds: 4,
    apart: [['m1', 'm2']],
    seed: 'late',
  };

  test('a late arrival joins a smallest table from their first round on, nobody else moves', () => {
    const current = allocateTables(input);
    const late = addLateArrival(input, current, { id: 'new', values: { gender: 'f' } }, 1);
    assert.deepEqual(late.problems, []);
    assert.ok(late.result.rounds[0].tables.every((t) => !t.members.includes('new')));
    for (const [r, round] of late.result.rounds.entries()) {
      if (r === 0) continue;
      assert.equal(round.tables.filter((t) => t.members.includes('new')).length, 1);
      const withoutNew = round.tables.map((t) => t.members.filter((id) => id !== 'new'));
      assert.deepEqual(
        withoutNew,
        current.rounds[r].tables.map((t) => t.members),
      );
    }
    // 4 tables of 5: the newcomer meets 4 people per round, 12 in three rounds, all different.
    const pairsWithNew = late.result.report.distinctPairs - current.report.distinctPairs;
    assert.equal(pairsWithNew, 12);
  });

  test('a manual move shows what it changes and which rule it breaks, and saves nothing', () => {
    const current = allocateTables(input);
    const snapshot = JSON.stringify(current);
    const round = current.rounds[2];
    const tableOfM2 = round.tables.findIndex((t) => t.members.includes('m2'));
    const other = round.tables[tableOfM2].members.find((id) => id !== 'm2') as string;
    const preview = previewMove(input, current, {
      round: 2,
      person: 'm1',
      table: tableOfM2,
      swapWith: other,
    });
    assert.ok(preview.problems.some((p) => p.includes('m1 and m2 must sit apart')));
    assert.equal(JSON.stringify(current), snapshot);
    assert.ok(preview.result.rounds[2].tables[tableOfM2].members.includes('m1'));
    assert.equal(
      preview.repeatedPairsChange,
      preview.result.report.repeatedPairs - current.report.repeatedPairs,
    );
  });
});
