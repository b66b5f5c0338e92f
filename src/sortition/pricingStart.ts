/**
 * Where a pricing MILP of column generation starts: the heaviest panel known for its weights.
 *
 * The solver prunes every branch that cannot beat its incumbent, so an incumbent that is already
 * heavy from the start saves it work (about a fifth of its simplex iterations on the Swedish
 * point-target pool). The LP's heaviest column for these weights, pushed further by the local
 * search, is such a panel and costs a millisecond or so. The start only changes the speed:
 * the search still ends at the best panel, with the same proof.
 */
import { panelWeight, type TypePanel } from './panelSpace.ts';
import { SwapSearch } from './swapSearch.ts';

export function pricingStart(
  panels: readonly TypePanel[],
  swaps: SwapSearch | undefined,
  weights: Float64Array,
): Int32Array | undefined {
  let heaviest: TypePanel | undefined;
  let heaviestValue = Number.NEGATIVE_INFINITY;
  for (const panel of panels) {
    const value = panelWeight(panel.counts, weights);
    if (value > heaviestValue) {
      heaviestValue = value;
      heaviest = panel;
    }
  }
  if (heaviest === undefined || swaps === undefined) return heaviest?.counts;
  return swaps.improveFurther(heaviest.counts, weights, SwapSearch.order(weights)).counts;
}
