/**
 * Which of the LP relaxation's leximin levels a distribution has reached (see
 * `reachRelaxedLeximin` in leximin.ts). Level ℓ is reached when its types are at their aim and
 * every type of a later level is at least at level ℓ's value: only then is the lowest probability
 * among the types not yet settled the level's value, so that the distribution is optimal for the
 * first ℓ levels. A later type below it would mean the level might still have to give way to it.
 */

/** A level of the relaxation's leximin: its value and the types settled at it. */
export interface RelaxedLevel {
  value: number;
  types: number[];
}

/**
 * The number of levels reached, counting on from `from` (those before are already settled):
 * `aim` per type is what the LP aims at (the level's value less a margin), and a type may fall short
 * of its aim by `shortfall`.
 */
export function levelsReached(
  levels: RelaxedLevel[],
  aim: ArrayLike<number>,
  probability: ArrayLike<number>,
  from: number,
  tolerance: { margin: number; shortfall: number },
): number {
  let reached = from;
  while (reached < levels.length) {
    const level = levels[reached];
    if (!level.types.every((t) => probability[t] >= aim[t] - tolerance.shortfall)) break;
    const floor = level.value - tolerance.margin - tolerance.shortfall;
    let laterBelow = false;
    for (let later = reached + 1; later < levels.length && !laterBelow; later++) {
      laterBelow = !levels[later].types.every((t) => probability[t] >= floor);
    }
    if (laterBelow) break;
    reached++;
  }
  return reached;
}
