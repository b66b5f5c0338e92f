/**
 * How many letters each stratum gets: in proportion to its households times its weight (a weight of
 * 2 sends twice as many letters per household, for an area where fewer people answer), rounded by
 * largest remainders so that the total is exact, and never more than the stratum has households. A
 * stratum that its weight would give more letters than households gets one per household, and the
 * rest is shared among the others in the same proportions.
 */

/**
 * Letters per stratum. `households[s]` and `weights[s]` (positive) describe stratum s; the total is
 * min(count, all households). Ties between equal remainders go to the stratum numbered first (the
 * first to appear in the register), so the result is the same on every machine.
 */
export function allocateLetters(
  count: number,
  households: readonly number[],
  weights: readonly number[],
): number[] {
  if (households.length !== weights.length) throw new RangeError('one weight per stratum is needed');
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number, not ${count}`);
  for (const w of weights)
    if (!(w > 0 && Number.isFinite(w))) throw new RangeError(`weights must be positive, not ${w}`);
  const total = households.reduce((sum, h) => sum + h, 0);
  const letters = households.map(() => 0);
  let remaining = Math.min(count, total);
  let open = households.map((_, s) => s).filter((s) => households[s] > 0);
  let quotas = new Map<number, number>();
  for (;;) {
    const mass = open.reduce((sum, s) => sum + households[s] * weights[s], 0);
    quotas = new Map(open.map((s) => [s, (remaining * households[s] * weights[s]) / mass]));
    const full = open.filter((s) => (quotas.get(s) ?? 0) >= households[s]);
    if (full.length === 0) break;
    for (const s of full) {
      letters[s] = households[s];
      remaining -= households[s];
    }
    const closed = new Set(full);
    open = open.filter((s) => !closed.has(s));
    if (open.length === 0) break;
  }
  let given = 0;
  for (const s of open) {
    letters[s] = Math.floor(quotas.get(s) ?? 0);
    given += letters[s];
  }
  const byRemainder = [...open].sort((a, b) => {
    const ra = (quotas.get(a) ?? 0) - letters[a];
    const rb = (quotas.get(b) ?? 0) - letters[b];
    return rb - ra || a - b;
  });
  let left = remaining - given;
  // Rounding can leave a letter over after a pass (floating point); keep going round in the same order.
  while (left > 0) {
    let placed = false;
    for (const s of byRemainder) {
      if (left === 0) break;
      if (letters[s] < households[s]) {
        letters[s]++;
        left--;
        placed = true;
      }
    }
    if (!placed) break;
  }
  return letters;
}
