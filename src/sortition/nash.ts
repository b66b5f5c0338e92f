/**
 * NASH: the distribution over panels that maximises the product of everyone's selection
 * probabilities, i.e. Σ_i log p_i = Σ_t n_t log p_t over types.
 *
 * The logarithm is not linear, so the master problem replaces it with tangent cuts
 * φ_t ≤ log a + (p_t − a)/a, added wherever the current solution overestimates log p_t. Cuts and
 * columns are added alternately until neither improves: the result is optimal to the cut
 * tolerance. Pricing is the same panel program as for LEXIMIN, with weights from the duals of the
 * rows that define p_t.
 */
import { createQuietModel, guarded, type Highs } from '../solver/highs.ts';
import type { Instance } from './instance.ts';
import { CancelledError } from './model.ts';
import type { PanelSpace, TypePanel } from './panelSpace.ts';

const CUT_TOLERANCE = 1e-9;
const PRICING_TOLERANCE = 1e-10;
const MAX_ROUNDS = 5000;

export interface NashOptions {
  isCancelled: () => boolean;
  onRound?: (round: number) => void;
}

export function nash(
  highs: Highs,
  instance: Instance,
  space: PanelSpace,
  activeTypes: number[],
  initial: TypePanel[],
  options: NashOptions,
): { panels: TypePanel[]; lambdas: Float64Array } {
  const { types } = instance;
  const inf = highs.infinity;
  const model = createQuietModel(highs, {
    primal_feasibility_tolerance: 1e-9,
    dual_feasibility_tolerance: 1e-9,
  });
  const A = activeTypes.length;
  // Columns: p_t (0..A-1), φ_t (A..2A-1), then one λ per panel. Rows: definition of p_t (0..A-1),
  // convexity (A), then cuts.
  const pCol = (i: number) => i;
  const phiCol = (i: number) => A + i;
  const rowOf = new Int32Array(types.length).fill(-1);
  activeTypes.forEach((t, i) => {
    rowOf[t] = i;
  });
  const panels: TypePanel[] = [];
  const keys = new Set<string>();
  try {
    guarded('building the Nash model', () => {
      for (let i = 0; i < A; i++) model.addVar(0, 1);
      for (let i = 0; i < A; i++) {
        model.addVar(-inf, 0);
        model.changeColCost(phiCol(i), -types[activeTypes[i]].members.length);
      }
      for (let i = 0; i < A; i++) model.addRow(0, 0, { indices: [pCol(i)], values: [-1] });
      model.addRow(1, 1, { indices: [], values: [] });
    });
    const addCut = (i: number, at: number) =>
      guarded('adding a tangent cut', () =>
        model.addRow(-inf, Math.log(at) - 1, { indices: [phiCol(i), pCol(i)], values: [1, -1 / at] }),
      );
    const addPanel = (panel: TypePanel) => {
      if (keys.has(panel.key)) return false;
      const indices: number[] = [];
      const values: number[] = [];
      for (let t = 0; t < types.length; t++) {
        if (panel.counts[t] === 0 || rowOf[t] < 0) continue;
        indices.push(rowOf[t]);
        values.push(panel.counts[t] / types[t].members.length);
      }
      indices.push(A);
      values.push(1);
      guarded('adding a panel', () => model.addCol(0, 0, inf, { indices, values }));
      keys.add(panel.key);
      panels.push(panel);
      return true;
    };
    for (const panel of initial) addPanel(panel);
    // Starting cuts around the average probability keep φ bounded from the first solve on.
    const mean = instance.panelSize / instance.people.length;
    for (let i = 0; i < A; i++) for (const at of [mean / 4, mean, Math.min(1, mean * 4), 1]) addCut(i, at);

    const weights = new Float64Array(types.length);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (options.isCancelled()) throw new CancelledError();
      options.onRound?.(round);
      const status = guarded('solving the Nash model', () => model.run().modelStatus);
      if (status !== highs.constants.modelStatus.optimal) {
        throw new Error(`the Nash model ended with HiGHS status ${status}`);
      }
      const solution = guarded('reading the Nash model', () => model.getSolution());
      let changed = false;
      for (let i = 0; i < A; i++) {
        const p = Math.max(solution.colValue[pCol(i)], 1e-12);
        if (solution.colValue[phiCol(i)] > Math.log(p) + CUT_TOLERANCE) {
          addCut(i, p);
          changed = true;
        }
      }
      weights.fill(0);
      for (let i = 0; i < A; i++) {
        const t = activeTypes[i];
        weights[t] = solution.rowDual[i] / types[t].members.length;
      }
      const search = space.best(weights);
      if (search === null) throw new Error('the panel program became infeasible during Nash');
      const threshold = -solution.rowDual[A] + PRICING_TOLERANCE;
      if (search.value > threshold) {
        if (addPanel(search.best)) changed = true;
        for (const other of search.others)
          if (other.value > threshold && addPanel(other.panel)) changed = true;
      }
      if (!changed) {
        return { panels, lambdas: solution.colValue.slice(2 * A) };
      }
    }
    throw new Error('Nash did not converge');
  } finally {
    guarded('releasing the Nash model', () => model.dispose());
  }
}
