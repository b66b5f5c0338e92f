/**
 * The restricted master LP of column generation: a probability distribution over the panels found
 * so far that maximises the lowest selection probability z of the types not yet fixed, while fixed
 * types keep the probability they were given at earlier leximin levels.
 *
 *   minimise  −z
 *   s.t.      Σ_C λ_C · c_{C,t}/n_t − z ≥ 0        for every unfixed type t   (dual y_t ≥ 0)
 *             Σ_C λ_C · c_{C,t}/n_t     ≥ f_t − ε  for every fixed type t
 *             Σ_C λ_C = 1                                                   (dual y_0)
 *
 * A new panel C improves the LP exactly when Σ_t (y_t/n_t) c_{C,t} + y_0 > 0, so pricing asks the
 * panel program for the panel of highest weight y_t/n_t. The HiGHS model is kept between solves:
 * adding a column keeps the basis, so each re-solve is a warm start of a few simplex iterations.
 */
import {
  createQuietModel,
  guarded,
  type Highs,
  type HighsCallbackMap,
  type HighsModel,
} from '../solver/highs.ts';
import type { Instance } from './instance.ts';
import { CancelledError } from './model.ts';
import type { TypePanel } from './panelSpace.ts';

/**
 * How far below its level a fixed type may drift, absorbing the rounding of the levels before it:
 * with 1e-9 the Swedish point-target pool's LP turned infeasible at its 32nd level, once levels
 * were fixed one on another's rounding (HiGHS' own default tolerance is 1e-7). The polish at the
 * end takes the slack away again where the panels allow it.
 */
export const FIX_SLACK = 1e-7;
/** From this many open types on, the LP is re-solved with the primal simplex. */
const PRIMAL_SIMPLEX_TYPES = 200;
/**
 * A re-solve that takes more simplex iterations than this is stopped and tried with the other
 * simplex: HiGHS' primal simplex did not come back (minutes, on a 254-type pool) from a basis whose
 * bounds had just changed.
 */
const ITERATION_LIMIT = 200_000;
/** Right after a fix, the primal simplex gets this many iterations per row before the dual one takes over. */
const FIXED_ITERATION_ROWS = 2;
/** A large LP's simplex run gets this many iterations per row before the interior point method takes over. */
const LARGE_LP_PASSES = 4;
/**
 * What a shortfall costs once an aim has ended (per unit of probability): more than any dual of an
 * open row can be in the max–min LP (they add up to 1), so no optimum uses one and the LP is the
 * same max–min; but the aim's last basis stays primal feasible, so the LP goes on from it with the
 * primal simplex instead of repairing it with the dual one (see `aimAt`).
 */
const ELASTIC_COST = 2;

export interface LpSolution {
  z: number;
  /** Dual per type (0 for types without a row). */
  duals: Float64Array;
  convexityDual: number;
  lambdas: Float64Array;
}

export class DistributionLp {
  readonly model: HighsModel;
  readonly panels: TypePanel[] = [];
  private readonly panelKeys = new Set<string>();

  /** Row of each type in the LP, or -1 for types whose probability is settled outside it. */
  readonly rowOfType: Int32Array;
  /** Lower bound of each fixed type's row (NaN while the type is open). */
  readonly fixedLower: Float64Array;
  /** Lower bound of each open type's row: 0, or the probability aimed at (see `aimAt`). */
  readonly openLower: Float64Array;
  private readonly convexityRow: number;
  /** Column of each open type's shortfall (see `aimAt`), or -1. */
  private readonly shortfallCol: Int32Array;
  /** Index of the first panel's column. */
  private readonly firstPanelCol: number;
  private aiming = false;
  /** The aim has just ended and its basis is primal feasible: the next run uses the primal simplex. */
  private aimEnded = false;
  /** An aim was just set: the next run of a large LP uses the interior point method (see `run`). */
  private aimMoved = false;
  /** Large LPs: the primal simplex after columns were added, the dual one after bounds changed. */
  private readonly primalAfterColumns: boolean;
  private boundsChanged = false;
  /** Rows of types fixed since the last solve, left free for the primal simplex (see `run`). */
  private retiredSinceSolve: number[] = [];
  /** Every retired row. */
  private readonly retiredRows: number[] = [];
  /** Types settled while aiming whose rows still contain z (pinned at 0 then; see `fix`). */
  private fixedWhileAiming: number[] = [];
  /** HiGHS callbacks that stop a run once the selection is cancelled. */
  private readonly interrupts: HighsCallbackMap;
  /** Whether the LP has shortfall columns, so that `aimAt` may be used. */
  readonly canAim: boolean;
  /** Types with a row: what the LP's re-solves cost grows with. */
  readonly typeRows: number;
  solves = 0;

  constructor(
    private readonly highs: Highs,
    readonly instance: Instance,
    /** Types that get a row: not kept, not excluded. */
    activeTypes: number[],
    /**
     * `aim`: give each row a shortfall column, so that the LP can aim at given probabilities
     * (`aimAt`). `isCancelled`: looked at during every simplex and interior point iteration, so that
     * a cancelled run does not wait for a long re-solve to end (they took minutes on paperLargest).
     */
    options: { aim?: boolean; isCancelled?: () => boolean } = {},
  ) {
    const isCancelled = options.isCancelled ?? (() => false);
    const stop = (event: { interrupt(): void }): undefined => {
      if (isCancelled()) event.interrupt();
      return undefined;
    };
    const callbacks = highs.constants.callbackType;
    this.interrupts = { [callbacks.simplexInterrupt]: stop, [callbacks.ipmInterrupt]: stop };
    this.model = createQuietModel(highs, {
      primal_feasibility_tolerance: 1e-9,
      dual_feasibility_tolerance: 1e-9,
      simplex_iteration_limit: ITERATION_LIMIT,
    });
    this.primalAfterColumns = activeTypes.length >= PRIMAL_SIMPLEX_TYPES;
    this.rowOfType = new Int32Array(instance.types.length).fill(-1);
    this.fixedLower = new Float64Array(instance.types.length).fill(Number.NaN);
    this.openLower = new Float64Array(instance.types.length);
    const inf = highs.infinity;
    guarded('building the distribution LP', () => {
      this.model.addVar(-inf, inf);
      this.model.changeColCost(0, -1);
      activeTypes.forEach((t, row) => {
        this.rowOfType[t] = row;
        this.model.addRow(0, inf, { indices: [0], values: [-1] });
      });
      this.model.addRow(1, 1, { indices: [], values: [] });
    });
    this.convexityRow = activeTypes.length;
    this.shortfallCol = new Int32Array(instance.types.length).fill(-1);
    if (options.aim) {
      guarded('building the distribution LP', () => {
        activeTypes.forEach((t, row) => {
          this.shortfallCol[t] = 1 + row;
          this.model.addCol(0, 0, 0, { indices: [row], values: [1] });
        });
      });
    }
    this.firstPanelCol = options.aim ? 1 + activeTypes.length : 1;
    this.canAim = options.aim === true;
    this.typeRows = activeTypes.length;
  }

  has(panel: TypePanel): boolean {
    return this.panelKeys.has(panel.key);
  }

  /** Adds a panel as a column; returns false when it is already there. */
  add(panel: TypePanel): boolean {
    if (this.panelKeys.has(panel.key)) return false;
    const indices: number[] = [];
    const values: number[] = [];
    const { counts } = panel;
    for (let t = 0; t < counts.length; t++) {
      const row = this.rowOfType[t];
      if (counts[t] === 0 || row < 0) continue;
      indices.push(row);
      values.push(counts[t] / this.instance.types[t].members.length);
    }
    indices.push(this.convexityRow);
    values.push(1);
    guarded('adding a panel', () => this.model.addCol(0, 0, this.highs.infinity, { indices, values }));
    this.panels.push(panel);
    this.panelKeys.add(panel.key);
    return true;
  }

  /** Settles type t at probability `level`: it leaves the objective and keeps at least that much. */
  fix(t: number, level: number): void {
    const row = this.rowOfType[t];
    if (row < 0) return;
    // Exactly 0 stays 0; anything else gets the slack (see `polish`).
    const lower = level <= FIX_SLACK ? 0 : level - FIX_SLACK;
    this.fixedLower[t] = lower;
    guarded('fixing a probability', () => {
      // A settled type may no longer fall short of its aim.
      const col = this.shortfallCol[t];
      if (col >= 0) {
        this.model.changeColBounds(col, 0, 0);
        this.model.changeColCost(col, 0);
      }
      if (this.aiming) {
        // While aiming, z is pinned at 0, so the row itself can keep the level: its bounds change
        // and the basis stays feasible. Its z is taken out only when the aim ends (`aimAt(null)`).
        // Swedish point pool: the re-solves after the aim's levels took ~1,000 iterations each
        // (3.6 s of 38 s) with the row replaced at once.
        this.model.changeRowBounds(row, lower, this.highs.infinity);
        this.fixedWhileAiming.push(t);
      } else {
        this.replaceRow(t, lower);
      }
    });
  }

  /**
   * Takes z out of a settled type's row: the row is retired (free; bounded for the dual simplex, see
   * `run`) and a new one without z takes its place, so the basis stays HiGHS' own and the
   * distribution stays feasible: the next re-solve is a warm primal one. Taking z out of the row
   * instead changed a basic column; HiGHS then treated the basis as alien, and the re-solve after a
   * level took ~1,800 iterations (dual simplex) or stalled for minutes (primal, on a 254-type pool).
   * Swedish point pool: 27 such re-solves in 3.2 s, not 31 s.
   */
  private replaceRow(t: number, lower: number): void {
    const row = this.rowOfType[t];
    this.model.changeRowBounds(row, -this.highs.infinity, this.highs.infinity);
    this.retiredSinceSolve.push(row);
    this.retiredRows.push(row);
    const indices: number[] = [];
    const values: number[] = [];
    const size = this.instance.types[t].members.length;
    this.panels.forEach((panel, j) => {
      if (panel.counts[t] > 0) {
        indices.push(this.firstPanelCol + j);
        values.push(panel.counts[t] / size);
      }
    });
    this.model.addRow(lower, this.highs.infinity, { indices, values });
    this.rowOfType[t] = this.model.getDimensions().numRows - 1;
  }

  /**
   * Aims at a probability per open type (needs the `aim` option): each open row becomes
   * p_t + s_t ≥ aim_t with a shortfall s_t ≥ 0 that costs n_t per unit (people short of their aim),
   * and z is pinned at 0. `solve` then reports z as minus the total shortfall, so z = 0 means every
   * open type reached its aim. The shortfall's cost caps each row's dual at n_t: pricing weights
   * stay within [0, 1] per person, where the largest shortfall's duals would be extreme and jumpy.
   * `null` goes back to plain levels.
   */
  aimAt(aim: Float64Array | null, priority?: Float64Array): void {
    // Leaving an aim only lowers bounds and changes costs: its basis stays primal feasible, as long
    // as the shortfalls keep their bounds (at a cost no max–min optimum pays, `ELASTIC_COST`).
    // paperLargest: these re-solves took 3,000–7,300 dual simplex iterations, 1.7–11 s each.
    this.aimEnded = this.aiming && aim === null;
    this.aimMoved = aim !== null;
    this.aiming = aim !== null;
    this.boundsChanged = true;
    const inf = this.highs.infinity;
    guarded('aiming the distribution', () => {
      // z is about to move again: the rows settled while aiming must not contain it. From one aim
      // to the next z stays pinned at 0, and so may stay in them.
      if (aim === null) {
        for (const t of this.fixedWhileAiming) this.replaceRow(t, this.fixedLower[t]);
        this.fixedWhileAiming = [];
      }
      this.model.changeColBounds(0, aim === null ? -inf : 0, aim === null ? inf : 0);
      this.model.changeColCost(0, aim === null ? -1 : 0);
      this.rowOfType.forEach((row, t) => {
        if (row < 0 || !Number.isNaN(this.fixedLower[t])) return;
        const col = this.shortfallCol[t];
        if (col >= 0) {
          const cost = this.instance.types[t].members.length * (priority?.[t] ?? 1);
          this.model.changeColBounds(col, 0, aim === null && !this.aimEnded ? 0 : inf);
          this.model.changeColCost(col, aim === null ? ELASTIC_COST : cost);
        }
        const lower = aim === null ? 0 : aim[t];
        this.openLower[t] = lower;
        this.model.changeRowBounds(row, lower, inf);
      });
    });
  }

  /** Lower bound of type t's row, fixed or open (what a Lagrangian bound subtracts). */
  rowLower(t: number): number {
    return Number.isNaN(this.fixedLower[t]) ? this.openLower[t] : this.fixedLower[t];
  }

  /**
   * Once every type is fixed (or none was open), z appears in no row: pin it, or the LP is unbounded.
   */
  pinLevel(): void {
    guarded('pinning the level', () => this.model.changeColBounds(0, 0, 0));
  }

  /**
   * Removes the slack below every fixed level (or puts them at `exact`, when given and feasible) and re-solves, so that probabilities land on their
   * levels instead of a hair below; keeps the slack when the exact levels are numerically infeasible.
   */
  polish(exact?: Float64Array): LpSolution | undefined {
    const rows: { row: number; lower: number; t: number }[] = [];
    this.fixedLower.forEach((lower, t) => {
      if (!Number.isNaN(lower) && this.rowOfType[t] >= 0) rows.push({ row: this.rowOfType[t], lower, t });
    });
    if (exact) {
      // Levels known exactly (the relaxation's, when the aim was reached): first try them as they
      // are, or the aim's margin is left to whichever types the LP happens to favour.
      guarded('polishing the distribution', () => {
        for (const { row, t } of rows) this.model.changeRowBounds(row, exact[t], this.highs.infinity);
      });
      this.pinLevel();
      this.boundsChanged = true;
      const status = this.run();
      if (status === this.highs.constants.modelStatus.optimal) return this.solve();
    }
    const setLowers = (shift: number) =>
      guarded('polishing the distribution', () => {
        for (const { row, lower } of rows) {
          this.model.changeRowBounds(row, lower === 0 ? 0 : lower + shift, this.highs.infinity);
        }
      });
    setLowers(FIX_SLACK);
    this.pinLevel();
    this.boundsChanged = true;
    const status = this.run();
    if (status === this.highs.constants.modelStatus.optimal) return this.solve();
    setLowers(0);
    return undefined;
  }

  solve(): LpSolution {
    const status = this.run();
    this.solves++;
    if (status !== this.highs.constants.modelStatus.optimal) {
      throw new Error(`the distribution LP ended with HiGHS status ${status}`);
    }
    const solution = guarded('reading the distribution', () => this.model.getSolution());
    const duals = new Float64Array(this.instance.types.length);
    for (let t = 0; t < duals.length; t++) {
      const row = this.rowOfType[t];
      if (row >= 0) duals[t] = solution.rowDual[row];
    }
    let z = solution.colValue[0];
    if (this.aiming) {
      z = 0;
      this.shortfallCol.forEach((col, t) => {
        if (col >= 0) z -= this.instance.types[t].members.length * solution.colValue[col];
      });
    }
    return {
      z,
      duals,
      convexityDual: solution.rowDual[this.convexityRow],
      lambdas: solution.colValue.slice(this.firstPanelCol),
    };
  }

  /**
   * One simplex run. Adding columns keeps the last basis primal feasible, so large LPs resume with
   * the primal simplex (measured on the 965-type pool: 0.5 s against 1.9 s per re-solve); changing
   * bounds keeps it dual feasible, so the next run uses the dual simplex, where the primal one could
   * stall for minutes. Small LPs take milliseconds per re-solve either way and keep HiGHS' default
   * (the dual simplex), except right after a level.
   */
  private run(): number {
    const status = this.runOnce();
    if (status === this.highs.constants.modelStatus.interrupted) throw new CancelledError();
    return status;
  }

  private runOnce(): number {
    const statuses = this.highs.constants.modelStatus;
    const retired = this.retiredSinceSolve;
    // Right after a level is fixed the primal simplex is quickest, whatever the LP's size (Swedish
    // point pool: ~180 iterations, against ~2,000 for the dual one; a 183-type point pool: 26 levels
    // in 1,880 iterations, against 26,155); as a guard against a stall like the one seen on the
    // 254-type pool (see ITERATION_LIMIT), it gets two passes over the rows before the dual takes over.
    const primal = this.aimEnded || (!this.boundsChanged && (this.primalAfterColumns || retired.length > 0));
    const limit =
      primal && (retired.length > 0 || this.aimEnded)
        ? FIXED_ITERATION_ROWS * this.numRows()
        : ITERATION_LIMIT;
    // For the dual simplex a free row whose slack is nonbasic is dual infeasible (its dual was
    // positive: the type was tight), and it hung for minutes on paperLargest with 337 of them.
    // A lower bound no distribution reaches keeps it dual feasible instead: p_t − z ≥ −2.
    const boundRetired = () =>
      guarded('retiring rows', () => {
        for (const row of retired) this.model.changeRowBounds(row, -2, this.highs.infinity);
      });
    if (!primal) boundRetired();
    this.retiredSinceSolve = [];
    this.boundsChanged = false;
    // A large LP whose aim just moved, or ended, is solved afresh by the interior point method, with
    // crossover for a basis to go on from: the simplex repaired the old basis in 3,000–7,300
    // iterations there (paperLargest: 1.7–11 s each), the interior point method takes 1–7 s, and its
    // basis serves the re-solves after it as well. Not before the first solve: the LP then holds only
    // the first panels, and the first level came at 39 s instead of 19 s.
    const interior = (this.aimMoved || this.aimEnded) && this.primalAfterColumns && this.solves > 0;
    this.aimMoved = false;
    this.aimEnded = false;
    const runInterior = () => {
      if (primal) boundRetired();
      this.model.options.set({ solver: 'ipm', run_crossover: 'on', presolve: 'off' });
      try {
        return this.model.run(this.interrupts).modelStatus;
      } finally {
        this.model.options.set({ solver: 'simplex', presolve: 'choose' });
      }
    };
    try {
      return guarded('solving the distribution LP', () => {
        if (interior) {
          const status = runInterior();
          if (status === statuses.optimal || status === statuses.interrupted) return status;
        }
        // On a large LP a simplex run that goes on past a few passes over the rows is handed to the
        // interior point method: near the end of paperLargest one primal re-solve took 9,818
        // iterations (72 s), and one did not end in 490 s, where the interior point method took 26 s.
        const passes = this.primalAfterColumns ? LARGE_LP_PASSES * this.numRows() : ITERATION_LIMIT;
        this.model.options.set({
          simplex_strategy: primal ? 4 : 1,
          simplex_iteration_limit: Math.min(limit, passes),
        });
        let status = this.model.run(this.interrupts).modelStatus;
        if (status === statuses.iterationLimit && this.primalAfterColumns && limit > passes) {
          status = runInterior();
          if (status === statuses.optimal || status === statuses.interrupted) return status;
          status = statuses.iterationLimit;
        }
        if (status === statuses.iterationLimit) {
          if (primal) boundRetired();
          this.model.options.set({
            simplex_strategy: primal ? 1 : 4,
            simplex_iteration_limit: 2_147_483_647,
          });
          status = this.model.run(this.interrupts).modelStatus;
          this.model.options.set({ simplex_iteration_limit: ITERATION_LIMIT });
        }
        return status;
      });
    } catch {
      // HiGHS can fail outright from a warm start (status -1, seen once on the Swedish point pool
      // after 1,400 panels and 20 levels): the model itself is sound, so it is solved again cold.
      return guarded('solving the distribution LP from scratch', () => {
        this.model.clearSolver();
        this.model.options.set({ simplex_strategy: 1, simplex_iteration_limit: 2_147_483_647 });
        try {
          return this.model.run(this.interrupts).modelStatus;
        } finally {
          this.model.options.set({ simplex_iteration_limit: ITERATION_LIMIT });
        }
      });
    }
  }

  private numRows(): number {
    return guarded('reading the LP size', () => this.model.getDimensions().numRows);
  }

  /**
   * Duals near the centre of the optimal dual face (interior point, no crossover, centred), with
   * the slack of each open type's row; null when the interior point solve does not end optimal.
   * It runs on a copy of the LP: after an interior point run on the model itself, even with its
   * simplex basis put back, the next re-solve took ~1,800 iterations instead of ~270 (Swedish
   * point pool: 31 s of its LEXIMIN's 130 s, in the 27 re-solves after a centred level).
   */
  centredDuals(): { duals: Float64Array; slacks: Float64Array; convexityDual: number } | null {
    const copy = createQuietModel(this.highs, {
      primal_feasibility_tolerance: 1e-9,
      dual_feasibility_tolerance: 1e-9,
      solver: 'ipm',
      run_crossover: 'off',
      run_centring: true,
      max_centring_steps: 10,
      presolve: 'off',
    });
    try {
      return guarded('centring the duals', () => {
        copy.passModel(this.model.getLp());
        // HiGHS' interior point failed outright (status -1, sfBenchmark) on retired rows left free.
        for (const row of this.retiredRows) copy.changeRowBounds(row, -2, this.highs.infinity);
        if (copy.run().modelStatus !== this.highs.constants.modelStatus.optimal) return null;
        const { rowDual, rowValue } = copy.getSolution();
        const duals = new Float64Array(this.instance.types.length);
        const slacks = new Float64Array(this.instance.types.length).fill(Number.POSITIVE_INFINITY);
        this.rowOfType.forEach((row, t) => {
          if (row < 0) return;
          duals[t] = rowDual[row];
          if (Number.isNaN(this.fixedLower[t])) slacks[t] = Math.max(0, rowValue[row]);
        });
        return { duals, slacks, convexityDual: rowDual[this.convexityRow] };
      });
    } finally {
      copy.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}
