/**
 * The range of every number a target may hold, checked by the readers (with file, line and column),
 * by the web form's validation and again by the engine, so that the solver never sees one outside it.
 *
 * Why these bounds: no assembly has more than a few hundred seats, so a count or a point target of
 * a million is already meaningless, while the solver (HiGHS) works in floating point with tolerances
 * around 1e-7 and treats 1e20 as infinity: a target or weight of 1e308 makes it refuse the model
 * ("passModel failed"). Within these bounds every coefficient it sees stays below about 1e10, where
 * it is exact enough. The upper bounds match the web form (six-digit counts, amounts up to 100,000).
 */
export const targetNumberLimits = {
  /** Whole seats in a quota (min, max, min_flex, max_flex). */
  seats: 1_000_000,
  /** A point target: desired seats, possibly fractional. */
  pointTarget: 100_000,
  /** How much a deviation on one feature counts; relative to the other features. */
  weight: 100_000,
} as const;

/** True for a whole number of seats from 0 to the limit. */
export function isSeatCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= targetNumberLimits.seats;
}

/** True for a finite number from 0 to `max`. */
export function isInRange(n: number, max: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= max;
}
