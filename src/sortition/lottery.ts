/**
 * Rounds a distribution over panels to a uniform lottery over exactly M panels, so that a public
 * draw only has to pick a number from 1 to M (Flanigan, Kehne, Procaccia, "Fair Sortition Made
 * Transparent", NeurIPS 2021), keeping every person's probability as close as possible to the
 * exact one.
 *
 * Rounding happens in two steps that each lose little. First each type panel j gets m_j copies,
 * with m_j the floor or ceiling of M·λ_j, chosen by a small MILP that minimises the largest change
 * of any type's expected count. Then, inside each type, the seats of all copies are handed out
 * round-robin, so the people of a type are drawn in as many copies as each other, give or take one.
 */
import { createQuietModel, guarded, type Highs } from '../solver/highs.ts';
import type { Instance } from './instance.ts';
import type { TypePanel } from './panelSpace.ts';

export interface Lottery {
  size: number;
  /** Exactly `size` panels of member ids (pool order); a panel may appear more than once. */
  panels: string[][];
  /** Share of the lottery's panels that include each person. */
  probabilities: Record<string, number>;
  /** Largest |lottery probability − exact probability| over all people. */
  maxDeviation: number;
}

const SUPPORT = 1e-12;

export function roundToLottery(
  highs: Highs,
  instance: Instance,
  panels: TypePanel[],
  lambdas: ArrayLike<number>,
  size: number,
  exact: Record<string, number>,
): Lottery {
  const { types, people } = instance;
  const support = panels.map((_, j) => j).filter((j) => lambdas[j] > SUPPORT);
  let total = 0;
  for (const j of support) total += lambdas[j];
  const target = support.map((j) => (lambdas[j] / total) * size);
  const copies = chooseCopies(highs, instance, support.map((j) => panels[j]), target, size);

  const memberLists: number[][] = [];
  const pointer = new Int32Array(types.length);
  support.forEach((j, s) => {
    for (let copy = 0; copy < copies[s]; copy++) {
      const members: number[] = [];
      const counts = panels[j].counts;
      for (let t = 0; t < types.length; t++) {
        const c = counts[t];
        if (c === 0) continue;
        const group = types[t].members;
        // Consecutive cyclic positions are distinct because c ≤ |group|.
        for (let k = 0; k < c; k++) members.push(group[(pointer[t] + k) % group.length]);
        pointer[t] = (pointer[t] + c) % group.length;
      }
      members.sort((a, b) => a - b);
      memberLists.push(members);
    }
  });

  const count = new Float64Array(people.length);
  for (const members of memberLists) for (const p of members) count[p]++;
  const probabilities: Record<string, number> = {};
  let maxDeviation = 0;
  people.forEach((person, p) => {
    probabilities[person.id] = count[p] / size;
    maxDeviation = Math.max(maxDeviation, Math.abs(count[p] / size - (exact[person.id] ?? 0)));
  });
  return {
    size,
    panels: memberLists.map((members) => members.map((p) => people[p].id)),
    probabilities,
    maxDeviation,
  };
}

/** m_s ∈ {⌊target_s⌋, ⌈target_s⌉} with Σ m_s = size, minimising the largest change of a type's expected count. */
function chooseCopies(
  highs: Highs,
  instance: Instance,
  panels: TypePanel[],
  target: number[],
  size: number,
): number[] {
  const { types } = instance;
  const S = panels.length;
  const floors = target.map((x) => Math.floor(x + 1e-9));
  if (floors.reduce((a, b) => a + b, 0) === size) return floors;
  const model = createQuietModel(highs, { mip_rel_gap: 1e-4, time_limit: 30 });
  try {
    return guarded('rounding the lottery', () => {
      const inf = highs.infinity;
      for (let s = 0; s < S; s++) {
        model.addVar(floors[s], Math.max(floors[s], Math.ceil(target[s] - 1e-9)));
        model.changeColIntegrality(s, highs.constants.variableType.integer);
      }
      const e = S;
      model.addVar(0, inf);
      model.changeColCost(e, 1);
      model.addRow(size, size, { indices: panels.map((_, s) => s), values: panels.map(() => 1) });
      for (let t = 0; t < types.length; t++) {
        const indices: number[] = [];
        const values: number[] = [];
        let expected = 0;
        panels.forEach((panel, s) => {
          if (panel.counts[t] === 0) return;
          const share = panel.counts[t] / types[t].members.length;
          indices.push(s);
          values.push(share);
          expected += share * target[s];
        });
        if (indices.length === 0) continue;
        model.addRow(-inf, expected, { indices: [...indices, e], values: [...values, -1] });
        model.addRow(expected, inf, { indices: [...indices, e], values: [...values, 1] });
      }
      const status = model.run().modelStatus;
      const statuses = highs.constants.modelStatus;
      if (status !== statuses.optimal && status !== statuses.timeLimit) {
        throw new Error(`rounding ended with HiGHS status ${status}`);
      }
      const values = model.getSolution().colValue;
      const copies = floors.map((_, s) => Math.round(values[s]));
      if (copies.reduce((a, b) => a + b, 0) !== size) throw new Error('rounding found no lottery of the right size');
      return copies;
    });
  } finally {
    model.dispose();
  }
}
