/**
 * Rounds a distribution over panels to a uniform lottery over exactly M panels, so that a public
 * draw only has to pick a number from 1 to M (Flanigan, Kehne, Procaccia, "Fair Sortition Made
 * Transparent", NeurIPS 2021), keeping every person's probability as close as possible to the
 * exact one.
 *
 * Rounding happens in two steps that each lose little. First each type panel j gets m_j copies,
 * with m_j the floor or ceiling of M·λ_j, chosen to keep every type's expected count close. Then, inside each type, the seats of all copies are handed out
 * round-robin, so the people of a type are drawn in as many copies as each other, give or take one.
 */
import type { Instance } from './instance.ts';
import type { TypePanel } from './panelSpace.ts';

export interface Lottery {
  size: number;
  /** Exactly `size` panels of member ids (pool order); a panel may appear more than once. */
  panels: string[][];
  /** Share of the lottery's panels that include each person. */
  probabilities: Record<string, number>;
  /** Largest |lottery probability − exact probability| over all people. */
  maxDeviation: number;
}

const SUPPORT = 1e-12;

export function roundToLottery(
  instance: Instance,
  panels: TypePanel[],
  lambdas: ArrayLike<number>,
  size: number,
  exact: Record<string, number>,
): Lottery {
  const { types, people } = instance;
  const support = panels.map((_, j) => j).filter((j) => lambdas[j] > SUPPORT);
  let total = 0;
  for (const j of support) total += lambdas[j];
  const target = support.map((j) => (lambdas[j] / total) * size);
  const copies = chooseCopies(
    instance,
    support.map((j) => panels[j]),
    target,
    size,
  );

  const memberLists: number[][] = [];
  const pointer = new Int32Array(types.length);
  support.forEach((j, s) => {
    for (let copy = 0; copy < copies[s]; copy++) {
      const members: number[] = [];
      const counts = panels[j].counts;
      for (let t = 0; t < types.length; t++) {
        const c = counts[t];
        if (c === 0) continue;
        const group = types[t].members;
        // Consecutive cyclic positions are distinct because c ≤ |group|.
        for (let k = 0; k < c; k++) members.push(group[(pointer[t] + k) % group.length]);
        pointer[t] = (pointer[t] + c) % group.length;
      }
      members.sort((a, b) => a - b);
      memberLists.push(members);
    }
  });

  const count = new Float64Array(people.length);
  for (const members of memberLists) for (const p of members) count[p]++;
  const probabilities: Record<string, number> = {};
  let maxDeviation = 0;
  people.forEach((person, p) => {
    probabilities[person.id] = count[p] / size;
    maxDeviation = Math.max(maxDeviation, Math.abs(count[p] / size - (exact[person.id] ?? 0)));
  });
  return {
    size,
    panels: memberLists.map((members) => members.map((p) => people[p].id)),
    probabilities,
    maxDeviation,
  };
}

/**
 * m_s ∈ {⌊target_s⌋, ⌈target_s⌉} with Σ m_s = size: largest remainders first, then single moves of
 * one copy from one panel to another while they shrink the largest change of any type's expected
 * count. A MILP could squeeze out a little more, but it takes far longer than the draw is worth.
 */
function chooseCopies(instance: Instance, panels: TypePanel[], target: number[], size: number): number[] {
  const { types } = instance;
  const S = panels.length;
  const copies = target.map((x) => Math.floor(x + 1e-9));
  let missing = size - copies.reduce((a, b) => a + b, 0);
  const byRemainder = target.map((x, s) => ({ s, r: x - copies[s] })).sort((a, b) => b.r - a.r || a.s - b.s);
  for (const { s } of byRemainder) {
    if (missing <= 0) break;
    copies[s]++;
    missing--;
  }
  // Per type: how far the lottery's expected count is from the exact one, in panel copies.
  const share = (s: number, t: number) => panels[s].counts[t] / types[t].members.length;
  const gap = new Float64Array(types.length);
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < types.length; t++)
      if (panels[s].counts[t]) gap[t] += share(s, t) * (copies[s] - target[s]);
  }
  const worstAfter = (from: number, to: number) => {
    let worst = 0;
    for (let t = 0; t < types.length; t++) {
      const g = gap[t] - share(from, t) + share(to, t);
      if (Math.abs(g) > worst) worst = Math.abs(g);
    }
    return worst;
  };
  let worst = Math.max(...Array.from(gap, Math.abs));
  for (let move = 0; move < 200 && worst > 1e-12; move++) {
    let t0 = 0;
    for (let t = 1; t < types.length; t++) if (Math.abs(gap[t]) > Math.abs(gap[t0])) t0 = t;
    const sign = Math.sign(gap[t0]);
    // Take a copy from a panel that moves the worst type toward its target, give it to one that does less.
    const donors = [...Array(S).keys()]
      .filter((s) => copies[s] > Math.floor(target[s] + 1e-9) && sign * share(s, t0) > 0)
      .slice(0, 24);
    const takers = [...Array(S).keys()]
      .filter((s) => copies[s] < Math.ceil(target[s] - 1e-9))
      .sort((a, b) => sign * (share(a, t0) - share(b, t0)))
      .slice(0, 24);
    let best: { from: number; to: number; worst: number } | undefined;
    for (const from of donors) {
      for (const to of takers) {
        if (from === to) continue;
        const after = worstAfter(from, to);
        if (after < (best?.worst ?? worst) - 1e-12) best = { from, to, worst: after };
      }
    }
    if (!best) break;
    copies[best.from]--;
    copies[best.to]++;
    for (let t = 0; t < types.length; t++) gap[t] += share(best.to, t) - share(best.from, t);
    worst = best.worst;
  }
  return copies;
}
