/**
 * Small random pools with Swedish point targets and brute-force answers about them, for the
 * sortition property tests. With at most 9 people and panels of at most 4 every panel can be
 * enumerated: its weighted deviation comes from checkPanel's own `weightedDeviation` (no engine
 * code), and optima over a set of panels are solved as LP text with HiGHS' one-shot API (not the
 * engine's persistent models).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Highs } from '../../src/solver/highs.ts';
import { weightedDeviation } from '../../src/sortition/checkPanel.ts';
import type { SelectionInput } from '../../src/sortition/model.ts';

export const rawPointInstance = fc.record({
  n: fc.constantFrom(6, 7, 8, 9),
  size: fc.constantFrom(2, 3, 4),
  answers: fc.array(fc.array(fc.nat(2), { minLength: 2, maxLength: 2 }), { minLength: 9, maxLength: 9 }),
  /** Targets in quarter seats, and a weight per feature. */
  targets: fc.array(fc.nat(8), { minLength: 6, maxLength: 6 }),
  weights: fc.array(fc.constantFrom(1, 2, 3), { minLength: 2, maxLength: 2 }),
});

export type RawPointInstance = typeof rawPointInstance extends fc.Arbitrary<infer T> ? T : never;

export function buildPointInput(raw: RawPointInstance): SelectionInput {
  const values = ['a', 'b', 'c'];
  const people = Array.from({ length: raw.n }, (_, p) => ({
    id: `p${p}`,
    features: { f0: values[raw.answers[p][0]], f1: values[raw.answers[p][1]] },
  }));
  const features = ['f0', 'f1'].map((feature, f) => ({
    feature,
    weight: raw.weights[f],
    values: values.map((value, v) => ({ value, target: raw.targets[f * 3 + v] / 4 })),
  }));
  return { people, targets: { kind: 'points', features }, panelSize: raw.size };
}

export function subsets(ids: string[], k: number): string[][] {
  if (k === 0) return [[]];
  if (ids.length < k) return [];
  const [first, ...rest] = ids;
  return [...subsets(rest, k - 1).map((s) => [first, ...s]), ...subsets(rest, k)];
}

/** Every panel of the pool with its weighted deviation. */
export function panelsWithDeviation(input: SelectionInput): { members: string[]; deviation: number }[] {
  return subsets(
    input.people.map((p) => p.id),
    input.panelSize,
  ).map((members) => ({ members, deviation: weightedDeviation(input, members) }));
}

/** The panels within `extra` of the smallest weighted deviation. */
export function panelsWithin(input: SelectionInput, extra: number): string[][] {
  const all = panelsWithDeviation(input);
  const best = Math.min(...all.map((p) => p.deviation));
  return all.filter((p) => p.deviation <= best + extra + 1e-9).map((p) => p.members);
}

export function solveLpText(highs: Highs, text: string): number {
  const solution = highs.solve(text, { output_flag: false });
  assert.equal(solution.Status, 'Optimal', text);
  return solution.ObjectiveValue;
}

/** The largest z such that some distribution over `panels` gives every one of `eligible` at least z. */
export function maximinOver(highs: Highs, panels: string[][], eligible: string[]): number {
  const rows = eligible.map((id, i) => {
    const terms = panels.flatMap((members, j) => (members.includes(id) ? [`s${j}`] : []));
    assert.ok(terms.length > 0, `${id} is on none of the panels`);
    return ` m${i}: z - ${terms.join(' - ')} <= 0`;
  });
  return solveLpText(
    highs,
    [
      'Maximize',
      ' obj: z',
      'Subject To',
      ` total: ${panels.map((_, j) => `s${j}`).join(' + ')} = 1`,
      ...rows,
      'Bounds',
      ' 0 <= z <= 1',
      'End',
    ].join('\n'),
  );
}
