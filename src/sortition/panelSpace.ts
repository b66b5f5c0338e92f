/**
 * The set of feasible panels, as a mixed-integer program over type counts.
 *
 * A panel is a vector c with c_t people of type t: it must have the panel size, keep every kept
 * person, meet every quota, take at most one person per household and, with point targets, stay
 * within the allowed weighted deviation. Column generation asks this program over and over for
 * the panel of highest weight ("pricing"), so one persistent HiGHS model is built per run and only
 * its objective changes between calls.
 */
import { createQuietModel, guarded, type Highs, type HighsModel } from '../solver/highs.ts';
import type { Instance } from './instance.ts';

/** A panel as counts per type; `types` lists the types with a positive count. */
export interface TypePanel {
  counts: Int32Array;
  key: string;
}

/** Σ weights[t]·c_t: how heavy a panel is for the given weights. */
export function panelWeight(counts: Int32Array, weights: ArrayLike<number>): number {
  let sum = 0;
  for (let t = 0; t < counts.length; t++) if (counts[t] !== 0) sum += weights[t] * counts[t];
  return sum;
}

/**
 * The smallest weighted deviation a panel can have without having none: with whole-number targets
 * every count that misses its target misses it by at least 1, so at least the lightest positive
 * weight. With fractional targets nothing smaller than 0 is safe to assume.
 */
export function smallestDeviationStep(instance: Instance): number {
  let step = Number.POSITIVE_INFINITY;
  for (const value of instance.values) {
    const weight = instance.features[value.feature].weight;
    if (weight <= 0) continue;
    if (!Number.isInteger(value.target ?? 0)) return 0;
    step = Math.min(step, weight);
  }
  return step;
}

export function typePanel(counts: Int32Array): TypePanel {
  const parts: string[] = [];
  for (let t = 0; t < counts.length; t++) if (counts[t] > 0) parts.push(`${t}:${counts[t]}`);
  return { counts, key: parts.join(',') };
}

export interface PanelSearch {
  best: TypePanel;
  value: number;
  /** Other good panels met on the way (improving incumbents), best first. */
  others: { panel: TypePanel; value: number }[];
  /** Upper bound on the best value proved by the solver. */
  bound: number;
}

/** A row of the panel program: lower ≤ Σ coefs[i]·column[cols[i]] ≤ upper (bounds may be infinite). */
export interface PanelLimit {
  row: number;
  lower: number;
  upper: number;
  cols: number[];
  coefs: number[];
}

interface Row {
  lower: number;
  upper: number;
  cols: number[];
  coefs: number[];
}

export interface PanelSpaceOptions {
  /** Allow quotas to be violated at a cost: adds slack columns (used to find the smallest relaxation). */
  relax?: boolean;
  /** Relative MIP gap for pricing; tiny by default because pricing must prove optimality. */
  mipGap?: number;
  /**
   * Without HiGHS' feasibility-jump heuristic and restarts (as with point targets, see below). For
   * peeling (pointDecomposition.ts), where each MILP asks for a rounding of a point: paperLargest
   * 27.7 → 25.7 s (452 → 150 panels), largeAssembly 1.46 → 0.89 s, sfBenchmark 1.25 → 0.85 s.
   */
  lean?: boolean;
}

export class PanelSpace {
  readonly model: HighsModel;
  readonly numTypes: number;
  /** Column of the deviation slack for each value (points mode), else -1. */
  private readonly deviationCol: Int32Array;
  private deviationRow = -1;
  private deviationBound = Number.POSITIVE_INFINITY;
  /** Relax mode: slack columns for [value index, 'min' | 'max']. */
  readonly slackCols: { value: number; bound: 'min' | 'max'; col: number }[] = [];
  /**
   * Every row of the program as built (not relaxed; the deviation bound as last set), for
   * `pointDecomposition.ts`, which narrows them. Empty for a relaxed program.
   */
  readonly limits: PanelLimit[] = [];
  /** Every column's own bounds (the types', then with point targets the deviations'), as last set. */
  private readonly colLower: Float64Array;
  private readonly colUpper: Float64Array;
  solves = 0;

  constructor(
    private readonly highs: Highs,
    private readonly instance: Instance,
    options: PanelSpaceOptions = {},
  ) {
    const { types, values, features, panelSize } = instance;
    this.numTypes = types.length;
    const inf = highs.infinity;
    const colLower: number[] = [];
    const colUpper: number[] = [];
    const integrality: number[] = [];
    for (const type of types) {
      colLower.push(type.kept ? type.members.length : 0);
      colUpper.push(type.members.length);
      integrality.push(1);
    }
    const rows: Row[] = [];
    const allTypes = types.map((_, t) => t);
    rows.push({ lower: panelSize, upper: panelSize, cols: allTypes, coefs: allTypes.map(() => 1) });

    const typesWithValue: number[][] = values.map(() => []);
    types.forEach((type, t) => {
      for (const v of type.values) if (v >= 0) typesWithValue[v].push(t);
    });

    this.deviationCol = new Int32Array(values.length).fill(-1);
    if (instance.mode === 'quotas') {
      values.forEach((value, v) => {
        const cols = [...typesWithValue[v]];
        const coefs = cols.map(() => 1);
        if (options.relax) {
          // Slack that lowers the minimum, bounded by min_flex; and one that raises the maximum.
          const down = value.min - Math.min(value.min, value.minFlex ?? 0);
          const up = (value.maxFlex ?? panelSize) - value.max;
          const minRow: Row = { lower: value.min, upper: inf, cols: [...cols], coefs: [...coefs] };
          const maxRow: Row = { lower: -inf, upper: value.max, cols: [...cols], coefs: [...coefs] };
          if (down > 0) {
            const col = colLower.length;
            colLower.push(0);
            colUpper.push(down);
            integrality.push(1);
            minRow.cols.push(col);
            minRow.coefs.push(1);
            this.slackCols.push({ value: v, bound: 'min', col });
          }
          if (up > 0) {
            const col = colLower.length;
            colLower.push(0);
            colUpper.push(up);
            integrality.push(1);
            maxRow.cols.push(col);
            maxRow.coefs.push(-1);
            this.slackCols.push({ value: v, bound: 'max', col });
          }
          rows.push(minRow, maxRow);
        } else {
          rows.push({ lower: value.min, upper: value.max, cols, coefs });
        }
      });
    } else {
      const weightCols: number[] = [];
      const weights: number[] = [];
      values.forEach((value, v) => {
        const col = colLower.length;
        colLower.push(0);
        colUpper.push(inf);
        integrality.push(0);
        this.deviationCol[v] = col;
        const target = value.target ?? 0;
        const cols = typesWithValue[v];
        // d_v >= count - target and d_v >= target - count.
        rows.push({ lower: -target, upper: inf, cols: [col, ...cols], coefs: [1, ...cols.map(() => -1)] });
        rows.push({ lower: target, upper: inf, cols: [col, ...cols], coefs: [1, ...cols.map(() => 1)] });
        weightCols.push(col);
        weights.push(features[value.feature].weight);
      });
      this.deviationRow = rows.length;
      rows.push({ lower: -inf, upper: inf, cols: weightCols, coefs: weights });
    }
    for (const household of instance.households) {
      rows.push({ lower: -inf, upper: 1, cols: household, coefs: household.map(() => 1) });
    }

    if (!options.relax) {
      rows.forEach((row, i) => {
        this.limits.push({ row: i, lower: row.lower, upper: row.upper, cols: row.cols, coefs: row.coefs });
      });
    }
    this.colLower = Float64Array.from(colLower);
    this.colUpper = Float64Array.from(colUpper);
    const starts = [0];
    const indices: number[] = [];
    const coefs: number[] = [];
    for (const row of rows) {
      indices.push(...row.cols);
      coefs.push(...row.coefs);
      starts.push(indices.length);
    }
    this.model = createQuietModel(highs, {
      mip_rel_gap: options.mipGap ?? 1e-9,
      mip_abs_gap: 1e-10,
      presolve: 'on',
      // With point targets pricing is most of the work, starts from a heavy panel (pricingStart)
      // and must prove optimality, so HiGHS' feasibility-jump heuristic and its restart after root
      // reductions buy little: without them 150 pricing MILPs of the Swedish point pool took 64 ms
      // each instead of 91–94 ms. With quotas a run solves a handful of MILPs, and the other
      // panels these settings lead to changed the path: sfBenchmark's aim was no longer reached
      // and its LEXIMIN ended 1e-7 below the maximin; the relaxed model, among equally small
      // relaxations, found one with two changes where one was enough.
      ...((instance.mode === 'points' && !options.relax) || options.lean
        ? { mip_heuristic_run_feasibility_jump: false, mip_allow_restart: false }
        : {}),
    });
    const numCols = colLower.length;
    guarded('building the panel model', () =>
      this.model.passModel({
        numCols,
        numRows: rows.length,
        colCost: new Float64Array(numCols),
        colLower,
        colUpper,
        rowLower: rows.map((r) => r.lower),
        rowUpper: rows.map((r) => r.upper),
        matrix: {
          format: 'csr',
          numRows: rows.length,
          numCols,
          starts: Int32Array.from(starts),
          indices: Int32Array.from(indices),
          values: Float64Array.from(coefs),
        },
        integrality: Int32Array.from(integrality),
      }),
    );
  }

  /** Objective terms that make `best` minimise the weighted deviation from the point targets. */
  deviationCosts(): { col: number; weight: number }[] {
    const costs: { col: number; weight: number }[] = [];
    this.deviationCol.forEach((col, v) => {
      if (col >= 0)
        costs.push({ col, weight: -this.instance.features[this.instance.values[v].feature].weight });
    });
    return costs;
  }

  /** Limits the weighted deviation from the point targets (points mode). */
  setDeviationBound(bound: number): void {
    if (this.deviationRow < 0) return;
    const exact = bound < smallestDeviationStep(this.instance);
    const limit = this.limits.find((l) => l.row === this.deviationRow);
    // Exact: every weighted deviation is fixed at 0 (below), so the row binds nothing any more.
    if (limit) limit.upper = exact ? Number.POSITIVE_INFINITY : bound;
    this.deviationBound = bound;
    guarded('bounding the deviation', () => {
      this.model.changeRowBounds(this.deviationRow, -this.highs.infinity, bound);
      // Below the smallest possible step every weighted value must meet its target exactly. Saying
      // so (each deviation fixed at 0, so its two rows become count = target) spares the solver's
      // presolve from finding it again on every pricing call, and its LP relaxation can no longer
      // spread a fraction of a deviation over the values.
      this.deviationCol.forEach((col, v) => {
        if (col < 0 || this.instance.features[this.instance.values[v].feature].weight <= 0) return;
        this.colUpper[col] = exact ? 0 : this.highs.infinity;
        this.model.changeColBounds(col, 0, this.colUpper[col]);
      });
    });
  }

  /**
   * The panel maximising Σ weights[t]·c_t (plus `slackWeights` on relaxation slacks), or null when
   * no panel exists. Other improving panels found by the solver are returned too: column generation
   * adds them all, which saves pricing rounds.
   */
  best(
    weights: ArrayLike<number>,
    extraCosts?: { col: number; weight: number }[],
    /** Only panels of value above this are of interest: lets the solver prune the rest. */
    cutoff?: number,
    /**
     * A known panel, heavy for these weights: the solver starts from it and prunes sooner. It only
     * changes the speed; an infeasible start is set aside by the solver.
     */
    start?: Int32Array,
  ): PanelSearch | null {
    const numCols = this.model.getDimensions().numCols;
    const cost = new Float64Array(numCols);
    for (let t = 0; t < this.numTypes; t++) cost[t] = -weights[t];
    for (const extra of extraCosts ?? []) cost[extra.col] = -extra.weight;
    const incumbents: Float64Array[] = [];
    const highs = this.highs;
    const status = guarded('searching for a panel', () => {
      this.model.changeColsCost({ kind: 'range', from: 0, to: numCols - 1 }, cost);
      this.model.options.set({
        objective_bound: cutoff === undefined ? 1e30 : -cutoff,
      });
      if (start) this.model.setSolution({ colValue: this.columnsOf(start, numCols) });
      const result = this.model.run({
        [highs.constants.callbackType.mipImprovingSolution](event) {
          const solution = event.data.mip_solution;
          if (solution) incumbents.push(Float64Array.from(solution));
        },
      });
      return result.modelStatus;
    });
    this.solves++;
    const statuses = this.highs.constants.modelStatus;
    if (status === statuses.infeasible) return null;
    if (status !== statuses.optimal) {
      throw new Error(`the panel search ended with HiGHS status ${status}`);
    }
    const solution = guarded('reading a panel', () => this.model.getSolution().colValue);
    const best = this.toPanel(solution);
    const value = panelWeight(best.counts, weights);
    const seen = new Set([best.key]);
    const others: { panel: TypePanel; value: number }[] = [];
    for (const incumbent of incumbents.reverse()) {
      const panel = this.toPanel(incumbent);
      if (seen.has(panel.key)) continue;
      seen.add(panel.key);
      others.push({ panel, value: panelWeight(panel.counts, weights) });
    }
    const bound = -Number(guarded('reading the bound', () => this.model.info.get('mip_dual_bound')));
    return { best, value, others, bound: Number.isFinite(bound) ? bound : value };
  }

  /** Values of all columns of the last solution (types first, then slacks). */
  lastColumns(): Float64Array {
    return guarded('reading a solution', () => this.model.getSolution().colValue);
  }

  private toPanel(colValue: ArrayLike<number>): TypePanel {
    const counts = new Int32Array(this.numTypes);
    for (let t = 0; t < this.numTypes; t++) counts[t] = Math.round(colValue[t]);
    return typePanel(counts);
  }

  /** Every column's value for a panel: its counts, and (points mode) its deviation per value. */
  private columnsOf(counts: Int32Array, numCols: number): Float64Array {
    const columns = new Float64Array(numCols);
    columns.set(counts);
    const { values } = this.instance;
    const valueCount = this.valueCounts(counts);
    this.deviationCol.forEach((col, v) => {
      if (col >= 0) columns[col] = Math.abs(valueCount[v] - (values[v].target ?? 0));
    });
    return columns;
  }

  /**
   * With point targets: sets the deviation columns of `point` (whose type counts are given) to
   * values that meet every row, and that keep as many rows as can be off their bounds: each
   * weighted value's |count − target| plus an equal share of what the deviation bound leaves spare,
   * and an unweighted one's plus 1. Where the bound leaves nothing spare, a panel on the point's face
   * must deviate to the same side of every target (`pointDecomposition.ts`). A no-op with quotas.
   */
  fillDeviations(point: Float64Array): void {
    const { instance } = this;
    if (instance.mode !== 'points') return;
    const counts = this.valueCounts(point);
    let used = 0;
    let weights = 0;
    this.deviationCol.forEach((col, v) => {
      if (col < 0) return;
      const weight = instance.features[instance.values[v].feature].weight;
      point[col] = Math.abs(counts[v] - (instance.values[v].target ?? 0));
      if (weight > 0) {
        used += weight * point[col];
        weights += weight;
      } else {
        point[col] += 1;
      }
    });
    const share = weights > 0 ? Math.max(0, this.deviationBound - used) / weights : 0;
    this.deviationCol.forEach((col, v) => {
      if (col < 0 || instance.features[instance.values[v].feature].weight <= 0) return;
      point[col] = Math.min(this.colUpper[col], point[col] + (Number.isFinite(share) ? share : 0));
    });
  }

  /** How many seats each value has, for seats per type (the first `numTypes` of `counts`). */
  private valueCounts(counts: ArrayLike<number>): Float64Array {
    const { types, values } = this.instance;
    const valueCount = new Float64Array(values.length);
    for (let t = 0; t < types.length; t++) {
      if (counts[t] === 0) continue;
      for (const v of types[t].values) if (v >= 0) valueCount[v] += counts[t];
    }
    return valueCount;
  }

  /** Columns: the types' counts (whole numbers) first, then with point targets the deviations. */
  get numCols(): number {
    return this.colLower.length;
  }

  /** The program's own bounds on a column (a type's count: all of a kept type, else 0 to all). */
  columnBounds(col: number): [number, number] {
    return [this.colLower[col], this.colUpper[col]];
  }

  /**
   * Narrows one column's bounds (a type's count: to test whether it can be included, or to peel in
   * `pointDecomposition.ts`); `columnBounds` stays the program's own.
   */
  boundColumn(col: number, lower: number, upper: number): void {
    guarded('bounding a column', () => this.model.changeColBounds(col, lower, upper));
  }

  /** Narrows one row's bounds (a row of `limits`; its bounds there stay the program's own). */
  boundRow(row: number, lower: number, upper: number): void {
    guarded('bounding a row', () => this.model.changeRowBounds(row, lower, upper));
  }

  dispose(): void {
    this.model.dispose();
  }
}
