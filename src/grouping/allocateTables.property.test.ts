/**
 * Property tests of `allocateTables` on small random instances: the seating keeps every hard rule
 * (checked by validate.ts, which shares no code with the engine), tables differ by at most one seat,
 * a seed gives the same seating, and the search never ends with more repeated meetings than the plain
 * greedy seating it may start from.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createRandom } from '../sortition/random.ts';
import { allocateTables } from './allocateTables.ts';
import { greedySchedule } from './greedy.ts';
import { pairCost } from './meetings.ts';
import { type TablesInput, TablesInputError } from './model.ts';
import { compileProblem } from './problem.ts';
import { seatingProblems } from './validate.ts';

const SEED = 20261206;

const instance = fc
  .record({
    people: fc.integer({ min: 4, max: 26 }),
    tables: fc.integer({ min: 2, max: 6 }),
    rounds: fc.integer({ min: 1, max: 5 }),
    genders: fc.array(fc.constantFrom('f', 'm', 'x'), { minLength: 26, maxLength: 26 }),
    languages: fc.array(fc.constantFrom('', '', '', '', 'fi', 'ar'), { minLength: 26, maxLength: 26 }),
    apart: fc.array(fc.tuple(fc.nat(25), fc.nat(25)), { maxLength: 3 }),
    fixed: fc.array(fc.tuple(fc.nat(25), fc.nat(4), fc.nat(5)), { maxLength: 2 }),
    facilitators: fc.integer({ min: 0, max: 3 }),
    seed: fc.string({ maxLength: 6 }),
  })
  .map((raw): TablesInput => {
    const n = raw.people;
    const people = Array.from({ length: n }, (_, i) => ({
      id: `p${i}`,
      values: { gender: raw.genders[i], lang: raw.languages[i] },
    }));
    const facilitators = Array.from({ length: raw.facilitators }, (_, i) => `f${i}`);
    return {
      people: [...people, ...facilitators.map((id) => ({ id, values: { gender: '', lang: '' } }))],
      fields: [
        { name: 'gender', mode: 'diversify' },
        { name: 'lang', mode: 'cluster' },
      ],
      tables: Math.min(raw.tables, n),
      rounds: raw.rounds,
      facilitators,
      apart: raw.apart
        .filter(([a, b]) => a < n && b < n && a !== b)
        .map(([a, b]) => [`p${a}`, `p${b}`] as const),
      fixed: raw.fixed
        .filter(([p, r, t]) => p < n && r < raw.rounds && t < Math.min(raw.tables, n))
        .map(([p, r, t]) => ({ person: `p${p}`, round: r, table: t })),
      seed: raw.seed,
      effort: 20_000,
    };
  });

/** Repeat cost of the greedy seating with the engine's own generator order (its first use of the seed). */
function greedyCost(input: TablesInput): number {
  const problem = compileProblem(input);
  const rounds = greedySchedule(problem, createRandom(input.seed));
  const counts = new Map<string, number>();
  for (const round of rounds) {
    for (const table of round) {
      for (const a of table)
        for (const b of table) if (a < b) counts.set(`${a}-${b}`, (counts.get(`${a}-${b}`) ?? 0) + 1);
    }
  }
  let cost = 0;
  for (const k of counts.values()) cost += pairCost(k);
  return cost;
}

test('random instances: hard rules, sizes, determinism, never worse than greedy', () => {
  let seated = 0;
  fc.assert(
    fc.property(instance, (input) => {
      let result: ReturnType<typeof allocateTables>;
      try {
        result = allocateTables(input);
      } catch (error) {
        // Random rules may contradict each other; then the engine must say so, not seat anyway.
        assert.ok(error instanceof TablesInputError, String(error));
        return;
      }
      seated++;
      assert.deepEqual(seatingProblems(input, result), []);
      for (const round of result.rounds) {
        const sizes = round.tables.map((t) => t.members.length);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
      }
      assert.deepEqual(allocateTables(input), result);
      let cost = 0;
      const counts = new Map<string, number>();
      for (const round of result.rounds) {
        for (const table of round.tables) {
          for (const a of table.members) {
            for (const b of table.members)
              if (a < b) counts.set(`${a}-${b}`, (counts.get(`${a}-${b}`) ?? 0) + 1);
          }
        }
      }
      for (const k of counts.values()) cost += pairCost(k);
      assert.ok(cost <= greedyCost(input), `repeat cost ${cost} above the greedy seating's`);
    }),
    { seed: SEED, numRuns: 60 },
  );
  assert.ok(seated > 30, `only ${seated} of 60 instances could be seated`);
});
