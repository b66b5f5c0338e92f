/**
 * Turns a distribution over type panels ("3 people of type A, 1 of type B") into a distribution over
 * panels of named people, keeping every person's probability exactly equal to their type's.
 *
 * Within a type of n people of whom a panel takes c, the panel is split into L = n / gcd(n, c)
 * equally likely pieces; piece r takes the c people at cyclic positions r·c … r·c + c − 1, so over
 * the L pieces everyone is taken exactly c/gcd(n, c) times: probability c/n each. All types of one
 * panel share the same split of the unit interval, so a piece of the panel is the union of the
 * types' choices on a common sub-interval, and the number of pieces stays near the largest L.
 */
import type { Instance } from './instance.ts';
import type { Panel } from './model.ts';
import type { TypePanel } from './panelSpace.ts';

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Probabilities below this are dropped (the LP's zero). */
const NEGLIGIBLE = 1e-12;

export function decompose(instance: Instance, panels: TypePanel[], lambdas: ArrayLike<number>): Panel[] {
  const { types, people } = instance;
  const merged = new Map<string, { members: number[]; probability: number }>();
  let total = 0;
  for (let j = 0; j < panels.length; j++) if (lambdas[j] > NEGLIGIBLE) total += lambdas[j];
  panels.forEach((panel, j) => {
    const lambda = lambdas[j];
    if (!(lambda > NEGLIGIBLE)) return;
    const cuts = new Set<number>([0]);
    const periods: { t: number; c: number; period: number }[] = [];
    for (let t = 0; t < types.length; t++) {
      const c = panel.counts[t];
      const n = types[t].members.length;
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
      const members: number[] = [];
      for (const { t, c, period } of periods) {
        const group = types[t].members;
        const r = Math.floor(middle * period);
        for (let s = 0; s < c; s++) members.push(group[(r * c + s) % group.length]);
      }
      members.sort((a, b) => a - b);
      const key = members.join(',');
      const probability = (lambda / total) * width;
      const existing = merged.get(key);
      if (existing) existing.probability += probability;
      else merged.set(key, { members, probability });
    }
  });
  return [...merged.values()]
    .sort((a, b) => b.probability - a.probability)
    .map(({ members, probability }) => ({ probability, members: members.map((p) => people[p].id) }));
}
