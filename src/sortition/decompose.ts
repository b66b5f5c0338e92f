/**
 * Turns a distribution over type panels ("3 people of type A, 1 of type B") into a distribution over
 * panels of named people, keeping every person's probability exactly equal to their type's.
 *
 * Within a type of n people of whom a panel takes c, the panel is split into L = n / gcd(n, c)
 * equally likely pieces; piece r takes the c people at cyclic positions r·c … r·c + c − 1, so over
 * the L pieces everyone is taken exactly c/gcd(n, c) times: probability c/n each. All types of one
 * panel share the same split of the unit interval, so a piece of the panel is the union of the
 * types' choices on a common sub-interval, and the number of pieces stays near the largest L.
 *
 * The expansion is a generator over the stored form (types and type panels): on a large pool it has
 * hundreds of thousands of panels (20,000 people, 254 types: 764,010 panels of 60), far too many to
 * hold, so whoever needs named panels takes as many as they show or check. Pieces of different type
 * panels differ in their counts and pieces of one panel in their positions, so no panel comes twice.
 */
import type { Panel, TypePanelShare } from './model.ts';

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The named panels of a distribution over type panels, panel by panel in the stored order. Members
 * come sorted by `order` (their position in the pool) when given, else by type and position.
 */
export function* expandPanels(
  types: readonly (readonly string[])[],
  panels: readonly TypePanelShare[],
  order?: ReadonlyMap<string, number>,
): Generator<Panel> {
  for (const panel of panels) {
    const cuts = new Set<number>([0]);
    const periods: { t: number; c: number; period: number }[] = [];
    for (const [t, c] of panel.counts) {
      const n = types[t].length;
      if (c === 0) continue;
      const period = c === n ? 1 : n / gcd(n, c);
      periods.push({ t, c, period });
      for (let r = 1; r < period; r++) cuts.add(r / period);
    }
    const points = [...cuts].sort((a, b) => a - b);
    points.push(1);
    for (let i = 0; i + 1 < points.length; i++) {
      const width = points[i + 1] - points[i];
      if (width <= 0) continue;
      const middle = (points[i] + points[i + 1]) / 2;
      const members: string[] = [];
      for (const { t, c, period } of periods) {
        const group = types[t];
        const r = Math.floor(middle * period);
        for (let s = 0; s < c; s++) members.push(group[(r * c + s) % group.length]);
      }
      if (order) members.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      yield { probability: panel.probability * width, members };
    }
  }
}
