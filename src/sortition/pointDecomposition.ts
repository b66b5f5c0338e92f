/**
 * Writes a fractional panel (expected seats per type, inside the LP relaxation of the panel
 * program) as a lottery over real panels, when it can be done, by peeling panels off it.
 *
 * The point x sits on some face of the relaxation: a few types' counts are whole numbers and a few
 * quotas are met exactly. A real panel v inside that face and in x's rounding box (each count
 * ⌊x_t⌋ or ⌈x_t⌉) can be taken with some weight θ: the rest, (x − θv)/(1 − θ), moves away from v
 * and stays inside the relaxation for θ up to the first count that becomes whole or the first
 * quota met exactly. So every step makes the face smaller, and after at most as many steps as
 * there are types and quotas the rest is a real panel itself. A step can fail only where the face
 * holds no real panel (an integrality gap); then the panels found so far are returned, incomplete.
 *
 * Used on the LP relaxation's leximin (see `leximin.ts`): where the peeling completes, the lottery
 * reaches the relaxation's leximin, which bounds every real one, so every level is certified at
 * once and no distribution LP is solved. On the paper's largest pool (965 types) 479 panels,
 * ~35 MILPs a second, where column generation took over 700 s.
 */
import { CancelledError } from './model.ts';
import type { PanelSpace, TypePanel } from './panelSpace.ts';

/** A count or a sum within this of a whole number or a bound counts as on it (the LP's noise). */
const ON_FACE = 1e-7;
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
 * Peels real panels off `point` (expected seats per type). `space` must be a program of its own
 * (its bounds are narrowed on every step and restored at the end) whose limits other than `limits`
 * every panel and the point meet alike: quotas mode, or point targets that must be met exactly.
 */
export function decomposePoint(
  space: PanelSpace,
  point: ArrayLike<number>,
  { isCancelled, onPanel }: DecomposeOptions,
): PointDecomposition {
  const T = space.numTypes;
  /** What is left to write as panels, times the weight left (so that rounding errors do not grow). */
  const rest = Float64Array.from(point);
  let weightLeft = 1;
  const panels: TypePanel[] = [];
  const weights: number[] = [];
  const x = new Float64Array(T);
  const lower = new Float64Array(T);
  const upper = new Float64Array(T);
  const roundUp = new Float64Array(T);
  try {
    while (weightLeft > NEGLIGIBLE_REST) {
      if (isCancelled()) throw new CancelledError();
      for (let t = 0; t < T; t++) {
        x[t] = rest[t] / weightLeft;
        lower[t] = Math.floor(x[t] + ON_FACE);
        upper[t] = Math.max(lower[t], Math.ceil(x[t] - ON_FACE));
        space.boundType(t, lower[t], upper[t]);
        // Rounding up the types nearest their ceiling keeps the weight θ large (see `stepWeight`).
        const fraction = Math.min(1 - 1e-6, Math.max(1e-6, x[t] - lower[t]));
        roundUp[t] = upper[t] > lower[t] ? Math.log(fraction / (1 - fraction)) : 0;
      }
      for (const limit of space.limits) {
        const sum = sumOver(limit.types, x);
        // A limit the point meets exactly binds every panel of its face.
        if (sum <= limit.lower + ON_FACE) space.boundRow(limit.row, limit.lower, limit.lower);
        else if (sum >= limit.upper - ON_FACE) space.boundRow(limit.row, limit.upper, limit.upper);
        else space.boundRow(limit.row, limit.lower, limit.upper);
      }
      const found = space.best(roundUp);
      if (found === null) return { panels, weights, complete: false };
      const panel = found.best;
      const theta = stepWeight(space, x, lower, upper, panel.counts);
      if (!(theta > 0)) return { panels, weights, complete: false };
      const weight = theta * weightLeft;
      for (let t = 0; t < T; t++) if (panel.counts[t] !== 0) rest[t] -= weight * panel.counts[t];
      weightLeft -= weight;
      panels.push(panel);
      weights.push(weight);
      onPanel?.(weightLeft, panels.length);
    }
  } finally {
    for (let t = 0; t < T; t++) space.boundType(t, ...space.typeBounds(t));
    for (const limit of space.limits) space.boundRow(limit.row, limit.lower, limit.upper);
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  return { panels, weights: weights.map((w) => w / total), complete: true };
}

/**
 * The largest θ for which (x − θ·counts)/(1 − θ) stays in x's rounding box and within every
 * limit: a type rounded up may fall to its floor, one rounded down rise to its ceiling, a sum
 * below the panel's may rise to its upper bound and one above fall to its lower bound.
 */
function stepWeight(
  space: PanelSpace,
  x: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  counts: Int32Array,
): number {
  let theta = 1;
  for (let t = 0; t < x.length; t++) {
    if (upper[t] === lower[t]) continue;
    if (counts[t] > x[t]) theta = Math.min(theta, (x[t] - lower[t]) / (counts[t] - lower[t]));
    else if (counts[t] < x[t]) theta = Math.min(theta, (upper[t] - x[t]) / (upper[t] - counts[t]));
  }
  for (const limit of space.limits) {
    const sum = sumOver(limit.types, x);
    const panelSum = sumOver(limit.types, counts);
    // Where x meets a bound (to the LP's noise), only a panel that meets it too keeps the rest inside.
    if (sum >= limit.upper - ON_FACE || sum <= limit.lower + ON_FACE) {
      if (panelSum !== (sum >= limit.upper - ON_FACE ? limit.upper : limit.lower)) return 0;
    } else if (panelSum < sum) {
      theta = Math.min(theta, (limit.upper - sum) / (limit.upper - panelSum));
    } else if (panelSum > sum) {
      theta = Math.min(theta, (sum - limit.lower) / (panelSum - limit.lower));
    }
  }
  return Math.max(0, Math.min(1, theta));
}

function sumOver(types: number[], values: ArrayLike<number>): number {
  let sum = 0;
  for (const t of types) sum += values[t];
  return sum;
}
