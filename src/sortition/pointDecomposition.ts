/**
 * Writes a fractional panel (expected seats per type, inside the LP relaxation of the panel
 * program) as a lottery over real panels, when it can be done, by peeling panels off it.
 *
 * The point x sits on some face of the relaxation: a few types' counts are whole numbers and a few
 * limits (quotas, households, with point targets the deviation rows) are met exactly. A real panel
 * v inside that face and in x's rounding box (each count ⌊x_t⌋ or ⌈x_t⌉) can be taken with some
 * weight θ: the rest, (x − θv)/(1 − θ), moves away from v and stays inside the relaxation for θ up
 * to the first count that becomes whole or the first limit met exactly. So every step makes the
 * face smaller, and after at most as many steps as there are types and limits the rest is a real
 * panel itself. A step can fail only where the face holds no real panel (an integrality gap); then
 * the panels found so far are returned, incomplete.
 *
 * Used on the LP relaxation's leximin (see `leximin.ts`): where the peeling completes, the lottery
 * reaches the relaxation's leximin, which bounds every real one, so every level is certified at
 * once and no distribution LP is solved. On the paper's largest pool (965 types) 187 panels in
 * ~26 s, where column generation had not finished in 1,200 s.
 */
import { CancelledError } from './model.ts';
import type { PanelLimit, PanelSpace, TypePanel } from './panelSpace.ts';

/** A count or a sum within this of a whole number or a bound counts as on it (the LP's noise). */
const ON_FACE = 1e-7;
/**
 * A panel meets a bound when it is within this of it: the MILP's own feasibility tolerance (HiGHS'
 * default), which lets it leave a deviation that much off the bound it was narrowed to.
 */
const PANEL_ON_FACE = 1e-6;
/**
 * Where no panel is left on the face once the weight left is below this, the rest is dropped too
 * (it is the LP's noise, grown by the divisions by the weight left; with point targets the
 * deviation bound's slack of 1e-7 ends there): no type's probability drops by more, and
 * `leximin.ts` checks every level against the relaxation's before it takes the lottery.
 */
const DROPPABLE_REST = 1e-7;
/** The peeling ends once the weight left is below this: the rest is dropped, and the weights scaled up. */
const NEGLIGIBLE_REST = 1e-9;

export interface PointDecomposition {
  /** The panels peeled off, with their weights (adding up to 1 when complete). */
  panels: TypePanel[];
  weights: number[];
  complete: boolean;
}

export interface DecomposeOptions {
  isCancelled: () => boolean;
  /** After each panel: the weight still to be written as panels (from 1 down to 0). */
  onPanel?: (rest: number, panels: number) => void;
}

/**
 * Peels real panels off `point`, a point of `space` (one value per column: the types' expected
 * seats, then with point targets the deviations, which are set anew at each step). `space` must be
 * a program of its own, not relaxed: its bounds are narrowed on every step and restored at the end.
 */
export function decomposePoint(
  space: PanelSpace,
  point: ArrayLike<number>,
  { isCancelled, onPanel }: DecomposeOptions,
): PointDecomposition {
  const T = space.numTypes;
  const N = space.numCols;
  if (point.length !== N) throw new Error(`a point of ${point.length} columns for a program of ${N}`);
  /**
   * The types' seats left to write as panels, times the weight left (so that rounding errors do not
   * grow). Other columns (point targets' deviations) are set anew for each step (`fillDeviations`).
   */
  const rest = Float64Array.from(point).subarray(0, T);
  let weightLeft = 1;
  const panels: TypePanel[] = [];
  const weights: number[] = [];
  const x = new Float64Array(N);
  const lower = new Float64Array(N);
  const upper = new Float64Array(N);
  const roundUp = new Float64Array(T);
  /** Each limit's sum at x, this step. */
  const sums = new Float64Array(space.limits.length);
  try {
    while (weightLeft > NEGLIGIBLE_REST) {
      if (isCancelled()) throw new CancelledError();
      for (let t = 0; t < T; t++) x[t] = rest[t] / weightLeft;
      space.fillDeviations(x);
      for (let col = 0; col < N; col++) {
        faceBounds(space, col, x[col], lower, upper);
        space.boundColumn(col, lower[col], upper[col]);
      }
      for (let t = 0; t < T; t++) {
        // Rounding up the types nearest their ceiling keeps the weight θ large (see `stepWeight`).
        const fraction = Math.min(1 - 1e-6, Math.max(1e-6, x[t] - lower[t]));
        roundUp[t] = upper[t] > lower[t] ? Math.log(fraction / (1 - fraction)) : 0;
      }
      space.limits.forEach((limit, i) => {
        sums[i] = sumOver(limit, x);
        // A limit the point meets exactly binds every panel of its face.
        const met = boundMet(limit, sums[i]);
        if (met === undefined) space.boundRow(limit.row, limit.lower, limit.upper);
        else space.boundRow(limit.row, met, met);
      });
      const found = space.best(roundUp);
      if (found === null && weightLeft <= DROPPABLE_REST) break;
      if (found === null) return { panels, weights, complete: false };
      const columns = space.lastColumns();
      // The panel's counts exactly (the solver's columns may be a rounding off whole numbers).
      columns.set(found.best.counts);
      const theta = stepWeight(space, x, sums, lower, upper, columns);
      if (!(theta > 0)) return { panels, weights, complete: false };
      const weight = theta * weightLeft;
      for (let t = 0; t < T; t++) if (columns[t] !== 0) rest[t] -= weight * columns[t];
      weightLeft -= weight;
      panels.push(found.best);
      weights.push(weight);
      onPanel?.(weightLeft, panels.length);
    }
  } finally {
    for (let col = 0; col < N; col++) space.boundColumn(col, ...space.columnBounds(col));
    for (const limit of space.limits) space.boundRow(limit.row, limit.lower, limit.upper);
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  return { panels, weights: weights.map((w) => w / total), complete: true };
}

/**
 * The bounds of a column on the point's face: a count between ⌊x⌋ and ⌈x⌉ (whole when x is), a
 * deviation (point targets, not rounded) fixed where x sits on one of its bounds.
 */
function faceBounds(space: PanelSpace, col: number, value: number, lower: Float64Array, upper: Float64Array) {
  const [low, high] = space.columnBounds(col);
  if (col < space.numTypes) {
    lower[col] = Math.floor(value + ON_FACE);
    upper[col] = Math.max(lower[col], Math.ceil(value - ON_FACE));
  } else if (value <= low + ON_FACE) {
    lower[col] = upper[col] = low;
  } else if (value >= high - ON_FACE) {
    lower[col] = upper[col] = high;
  } else {
    lower[col] = low;
    upper[col] = high;
  }
}

/**
 * The largest θ for which (x − θ·v)/(1 − θ) stays within x's face bounds and every limit: a
 * column above v may rise to its upper bound, one below fall to its lower bound, and so may sums.
 */
function stepWeight(
  space: PanelSpace,
  x: Float64Array,
  sums: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  v: Float64Array,
): number {
  let theta = 1;
  for (let col = 0; col < x.length; col++) {
    if (upper[col] === lower[col]) continue;
    theta = Math.min(theta, room(x[col], v[col], lower[col], upper[col]));
  }
  for (let i = 0; i < space.limits.length; i++) {
    const limit = space.limits[i];
    const panelSum = sumOver(limit, v);
    const met = boundMet(limit, sums[i]);
    // Where x meets a bound (to the LP's noise), only a panel that meets it too keeps the rest inside.
    if (met !== undefined && Math.abs(panelSum - met) > PANEL_ON_FACE) return 0;
    if (met === undefined) theta = Math.min(theta, room(sums[i], panelSum, limit.lower, limit.upper));
  }
  return Math.max(0, Math.min(1, theta));
}

/** The bound of `limit` that a sum meets (to the LP's noise), if any: the one the face narrows the row to. */
function boundMet(limit: PanelLimit, sum: number): number | undefined {
  if (sum <= limit.lower + ON_FACE) return limit.lower;
  if (sum >= limit.upper - ON_FACE) return limit.upper;
  return undefined;
}

/** How far θ may go before (value − θ·panel)/(1 − θ) leaves [lower, upper] (Infinity: never). */
function room(value: number, panel: number, lower: number, upper: number): number {
  // Moving away from the panel's value: up when the panel is below, down when above.
  if (panel < value && Number.isFinite(upper)) return (upper - value) / (upper - panel);
  if (panel > value && Number.isFinite(lower)) return (value - lower) / (panel - lower);
  return Number.POSITIVE_INFINITY;
}

function sumOver(limit: PanelLimit, values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < limit.cols.length; i++) sum += limit.coefs[i] * values[limit.cols[i]];
  return sum;
}
