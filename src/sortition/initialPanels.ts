/**
 * A first, diverse set of panels that together include every type that can be included at all.
 *
 * Column generation converges much faster from a set of panels that already covers everyone, and
 * the covering itself proves who cannot sit on any feasible panel: when the best panel for
 * "include as many not yet covered types as possible" includes none of them, no panel can.
 */
import type { Instance } from './instance.ts';
import type { PanelSpace, TypePanel } from './panelSpace.ts';
import { SwapSearch } from './swapSearch.ts';

export interface Coverage {
  panels: TypePanel[];
  /** Types that no feasible panel includes. */
  excluded: number[];
}

export function coverTypes(
  instance: Instance,
  space: PanelSpace,
  swaps: SwapSearch,
  first: TypePanel,
  isCancelled: () => boolean,
  onPanel?: (covered: number, total: number) => void,
): Coverage {
  const T = instance.types.length;
  const covered = new Uint8Array(T);
  const timesCovered = new Float64Array(T);
  const panels: TypePanel[] = [];
  const keys = new Set<string>();
  let uncovered = T;
  const take = (panel: TypePanel) => {
    if (keys.has(panel.key)) return;
    keys.add(panel.key);
    panels.push(panel);
    for (let t = 0; t < T; t++) {
      if (panel.counts[t] === 0) continue;
      timesCovered[t] += panel.counts[t] / instance.types[t].members.length;
      if (!covered[t]) {
        covered[t] = 1;
        uncovered--;
      }
    }
  };
  const weights = new Float64Array(T);
  const gainOf = (panel: TypePanel) => {
    let gain = 0;
    for (let t = 0; t < T; t++) if (!covered[t] && panel.counts[t] > 0) gain++;
    return gain;
  };
  take(first);
  while (uncovered > 0) {
    if (isCancelled()) break;
    // Weight 1 per uncovered person; a bonus for rarely covered types keeps panels diverse. The
    // bonus of a whole panel stays below 1, so a panel without uncovered people never wins over one
    // with some: that is what makes "no gain" a proof of exclusion.
    const bonus = 0.5 / instance.panelSize;
    for (let t = 0; t < T; t++) weights[t] = covered[t] ? bonus / (1 + timesCovered[t]) : 1;
    // Swapping people into a known panel usually covers someone new in microseconds; only when it
    // does not is the exact program asked, and its "nobody new" is then a proof.
    const byWeight = SwapSearch.order(weights);
    const quick = swaps.improve((panels.at(-1) ?? first).counts, weights, byWeight);
    if (gainOf(quick) > 0 && !keys.has(quick.key)) {
      take(quick);
      onPanel?.(T - uncovered, T);
      continue;
    }
    const search = space.best(weights);
    if (search === null || gainOf(search.best) === 0) break;
    take(search.best);
    for (const other of search.others) take(other.panel);
    onPanel?.(T - uncovered, T);
  }
  const excluded: number[] = [];
  for (let t = 0; t < T; t++) if (!covered[t]) excluded.push(t);
  return { panels, excluded };
}
