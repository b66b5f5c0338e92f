/**
 * An upper bound on the current leximin level from the LP relaxation of the panel program.
 *
 * Every distribution over panels has expected counts that satisfy the panel constraints with
 * fractional counts, so "maximise the lowest open probability over fractional panels" can only do
 * better than over real ones. On real-shaped pools the two are often equal (integrality gap zero);
 * then column generation can stop as soon as its LP reaches this bound, and the relaxation's own
 * duals say which types are tight, with no exact pricing left to prove it: a type that sits at the
 * level in every fractional optimum also does in every real one, because real ones are among them.
 */
import { guarded, type Highs } from '../solver/highs.ts';
import type { Instance } from './instance.ts';
import { PanelSpace } from './panelSpace.ts';

/**
 * How far (in seats) a fixed type's expected count may fall below its level: ten times the solver's
 * feasibility tolerance. With less, levels fixed one after another pile up their rounding until the
 * relaxation turns infeasible (seen on the 965-type pool).
 */
const FIX_SEATS = 1e-8;
/** A simplex dual above this marks a type as tight. */
const TIGHT_DUAL = 1e-9;
/** A centred dual (in probability units) must exceed this, and this many times the type's slack. */
const CENTRED_DUAL = 1e-7;
const CENTRED_RATIO = 100;

export class FractionalBound {
  private readonly space: PanelSpace;
  private readonly zCol: number;
  /** Row of each open type (-1 once fixed or never open). */
  private readonly rowOfType: Int32Array;
  readonly numTypes: number;
  /** The last simplex optimum's columns but the level's: the types' expected counts first (none before the first solve). */
  private lastPoint: Float64Array | null = null;

  constructor(
    private readonly highs: Highs,
    private readonly instance: Instance,
    activeTypes: number[],
  ) {
    this.space = new PanelSpace(highs, instance);
    const model = this.space.model;
    const { types } = instance;
    this.numTypes = types.length;
    this.rowOfType = new Int32Array(types.length).fill(-1);
    this.zCol = guarded('building the relaxation', () => model.getDimensions().numCols);
    guarded('building the relaxation', () => {
      // As tight as the distribution LP's: levels are fixed one after another on these values.
      model.options.set({ primal_feasibility_tolerance: 1e-9, dual_feasibility_tolerance: 1e-9 });
      model.clearIntegrality();
      model.addVar(-highs.infinity, highs.infinity);
      const costs = new Float64Array(this.zCol + 1);
      costs[this.zCol] = -1;
      model.changeColsCost({ kind: 'range', from: 0, to: this.zCol }, costs);
      // A type outside the open ones and not kept is in no real panel (initialPanels.ts proved it):
      // its count is 0 here too, which only tightens the bound and keeps the relaxation's points
      // writable as real panels (pointDecomposition.ts).
      const open = new Set(activeTypes);
      types.forEach((type, t) => {
        if (!open.has(t) && !type.kept) model.changeColBounds(t, 0, 0);
      });
      let row = model.getDimensions().numRows;
      for (const t of activeTypes) {
        this.rowOfType[t] = row++;
        model.addRow(0, highs.infinity, { indices: [t, this.zCol], values: [1, -types[t].members.length] });
      }
    });
  }

  /**
   * With point targets, the same limit on the weighted deviation as the panel program: fractional
   * panels that deviate more would make the bound needlessly loose.
   */
  limitDeviation(bound: number): void {
    this.space.setDeviationBound(bound);
  }

  /**
   * The bound on the level, and which open types are tight in the relaxation.
   *
   * The simplex gives the bound, but its duals are a vertex of the optimal dual face: positive only
   * for some of the types that are tight in every optimum, so each leximin level would settle only
   * a few types. An interior point solve without crossover, centred, ends near the analytic centre
   * of the optimal faces, where (strict complementarity) each type has either a positive dual or a
   * positive slack: the types with a dual are exactly those tight in *every* fractional optimum, so
   * one level settles them all. Types the simplex already proved tight stay tight.
   */
  solve(): { bound: number; tight: number[] } {
    const model = this.space.model;
    return guarded('solving the relaxation', () => {
      model.options.set({ solver: 'simplex' });
      const status = model.run().modelStatus;
      if (status !== this.highs.constants.modelStatus.optimal) {
        return { bound: Number.POSITIVE_INFINITY, tight: [] };
      }
      const solution = model.getSolution();
      const bound = solution.colValue[this.zCol];
      this.lastPoint = Float64Array.from(solution.colValue.slice(0, this.zCol));
      const tight = new Set<number>();
      this.rowOfType.forEach((row, t) => {
        if (row >= 0 && solution.rowDual[row] > TIGHT_DUAL) tight.add(t);
      });
      for (const t of this.centredTight()) tight.add(t);
      return { bound, tight: [...tight].sort((a, b) => a - b) };
    });
  }

  /** Types tight at the centred interior point optimum (empty when the interior point solve fails). */
  private centredTight(): number[] {
    const model = this.space.model;
    // Without presolve: its postsolve would hand back duals of the reduced problem's vertex.
    model.options.set({
      solver: 'ipm',
      run_crossover: 'off',
      run_centring: true,
      max_centring_steps: 10,
      presolve: 'off',
    });
    try {
      if (model.run().modelStatus !== this.highs.constants.modelStatus.optimal) return [];
      const { rowDual, rowValue } = model.getSolution();
      const tight: number[] = [];
      this.rowOfType.forEach((row, t) => {
        if (row < 0) return;
        const n = this.instance.types[t].members.length;
        // Both sides in probability units: the slack of p_t ≥ z and the dual of that scaled row.
        const dual = rowDual[row] * n;
        const slack = Math.max(0, rowValue[row]) / n;
        if (dual > CENTRED_DUAL && dual > CENTRED_RATIO * slack) tight.push(t);
      });
      return tight;
    } finally {
      model.options.set({ solver: 'simplex', run_crossover: 'on', run_centring: false, presolve: 'on' });
    }
  }

  /**
   * The last simplex optimum as a point of the panel program (every column but the level's: the
   * types' expected counts, then with point targets the deviations); null before the first solve.
   */
  point(): Float64Array | null {
    return this.lastPoint && Float64Array.from(this.lastPoint);
  }

  /** Type t is settled at `level`: its row keeps x_t ≥ n_t·level and leaves the objective. */
  fix(t: number, level: number): void {
    const row = this.rowOfType[t];
    if (row < 0) return;
    const n = this.instance.types[t].members.length;
    guarded('fixing in the relaxation', () => {
      this.space.model.changeCoefficient(row, this.zCol, 0);
      // Never above the last optimum: a level reached by the distribution LP can sit a rounding above
      // the relaxation's own bound, and n times that rounding made the relaxation infeasible (Swedish
      // pool: every level after the fifth went without a relaxation bound).
      const count = Math.min(n * level, this.lastPoint?.[t] ?? Number.POSITIVE_INFINITY);
      this.space.model.changeRowBounds(row, Math.max(0, count - FIX_SEATS), this.highs.infinity);
    });
    this.rowOfType[t] = -1;
  }

  dispose(): void {
    this.space.dispose();
  }
}
