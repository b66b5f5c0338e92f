/**
 * Local search for point targets that must be met exactly: two people leave and two enter who
 * share out their values between them.
 *
 * When every weighted count must hit its target, no single swap between people who differ in a
 * weighted value keeps the counts, so the swap search finds nothing and every pricing round falls
 * to the exact panel program (on the Swedish 480/70 pool, three quarters of LEXIMIN's time went to
 * 600 such MILPs). Recombining two seated people a and b keeps every count: the two who enter take,
 * feature by feature, either a's value or b's, and between them exactly both. Such exchanges connect
 * many panels with exactly the same counts, and a panel that no exchange improves is a good start
 * for the next search. Like the swap search it only changes speed: the MILP still proves that no
 * improving panel is left.
 */
import type { Instance } from './instance.ts';
import { type TypePanel, typePanel } from './panelSpace.ts';

/** Signatures are packed into one number; beyond this many combinations the search stays off. */
const MAX_SIGNATURES = 2 ** 48;

export class PairExchange {
  /** Per type: its signature (weighted values packed as digits). */
  private readonly signature: Float64Array;
  /** Per type and weighted feature: the digit of its value times the feature's place value. */
  private readonly place: Float64Array;
  /** Types by signature (types share one when they differ only in households or being kept). */
  private readonly bySignature = new Map<number, Int32Array>();
  private readonly lower: Int32Array;
  private readonly upper: Int32Array;
  private readonly householdUsed: Uint8Array;
  private readonly features: number;
  readonly enabled: boolean;

  constructor(private readonly instance: Instance) {
    const { types, features } = instance;
    const weighted = features.flatMap((feature, f) => (feature.weight > 0 ? [f] : []));
    this.features = weighted.length;
    let combinations = 1;
    const placeValue = weighted.map((f) => {
      const here = combinations;
      // Digit 0 is a value without a target (-1); the values follow.
      combinations *= features[f].values.length + 1;
      return here;
    });
    this.enabled = combinations <= MAX_SIGNATURES && weighted.length >= 2;
    this.signature = new Float64Array(types.length);
    this.place = new Float64Array(types.length * weighted.length);
    const groups = new Map<number, number[]>();
    types.forEach((type, t) => {
      let key = 0;
      weighted.forEach((f, i) => {
        const value = type.values[f];
        const digit = value < 0 ? 0 : 1 + features[f].values.indexOf(value);
        const part = digit * placeValue[i];
        this.place[t * weighted.length + i] = part;
        key += part;
      });
      this.signature[t] = key;
      const group = groups.get(key);
      if (group) group.push(t);
      else groups.set(key, [t]);
    });
    for (const [key, group] of groups) this.bySignature.set(key, Int32Array.from(group));
    this.lower = Int32Array.from(types, (t) => (t.kept ? t.members.length : 0));
    this.upper = Int32Array.from(types, (t) => t.members.length);
    this.householdUsed = new Uint8Array(instance.households.length);
  }

  /**
   * From `start`, repeatedly makes the best exchange of two seated people for two who share out
   * their weighted values (or of one for one with the same values), while one raises Σ weights·c;
   * returns the local optimum.
   */
  improve(start: Int32Array, weights: ArrayLike<number>): TypePanel {
    const counts = Int32Array.from(start);
    if (!this.enabled) return typePanel(counts);
    const { types } = this.instance;
    const used = this.householdUsed;
    used.fill(0);
    let heaviest = Number.NEGATIVE_INFINITY;
    for (let t = 0; t < types.length; t++) {
      heaviest = Math.max(heaviest, weights[t]);
      if (counts[t] > 0 && types[t].household >= 0) used[types[t].household] = 1;
    }
    const minimumGain = 1e-6 * Math.max(1e-300, Math.abs(heaviest));
    const F = this.features;
    const deltas = new Float64Array(F);
    const seated: number[] = [];
    for (let round = 0; round < 2 * this.instance.panelSize; round++) {
      seated.length = 0;
      for (let t = 0; t < types.length; t++) if (counts[t] > this.lower[t]) seated.push(t);
      // Lightest first: their pairs have the most to gain, and the bound below prunes the rest.
      seated.sort((x, y) => weights[x] - weights[y]);
      let bestGain = minimumGain;
      /** Types out, types in; -1 for the second of a single swap. */
      let best: [number, number, number, number] | undefined;
      // Single swaps between people with the same weighted values (households, being kept).
      for (const a of seated) {
        const c = this.heaviestWithRoom(this.signature[a], counts, weights, a, a, -1);
        if (c >= 0 && weights[c] - weights[a] > bestGain) {
          bestGain = weights[c] - weights[a];
          best = [a, -1, c, -1];
        }
      }
      for (let i = 0; i < seated.length; i++) {
        const a = seated[i];
        if (2 * heaviest - 2 * weights[a] <= bestGain) break;
        for (let j = i + 1; j < seated.length; j++) {
          const b = seated[j];
          if (2 * heaviest - weights[a] - weights[b] <= bestGain) break;
          let differing = 0;
          for (let f = 0; f < F; f++) {
            const delta = this.place[b * F + f] - this.place[a * F + f];
            if (delta !== 0) deltas[differing++] = delta;
          }
          if (differing < 2) continue;
          const keyA = this.signature[a];
          const keyB = this.signature[b];
          // Each split and its mirror give the same pair: the last differing feature stays with a.
          const splits = 1 << (differing - 1);
          for (let mask = 1; mask < splits; mask++) {
            let shift = 0;
            for (let f = 0; f < differing - 1; f++) if (mask & (1 << f)) shift += deltas[f];
            const c = this.heaviestWithRoom(keyA + shift, counts, weights, a, b, -1);
            if (c < 0) continue;
            const d = this.heaviestWithRoom(keyB - shift, counts, weights, a, b, c);
            if (d < 0) continue;
            const gain = weights[c] + weights[d] - weights[a] - weights[b];
            if (gain > bestGain) {
              bestGain = gain;
              best = [a, b, c, d];
            }
          }
        }
      }
      if (best === undefined) break;
      const [a, b, c, d] = best;
      for (const [t, change] of [
        [a, -1],
        [b, -1],
        [c, 1],
        [d, 1],
      ] as const) {
        if (t < 0) continue;
        counts[t] += change;
        const h = types[t].household;
        if (h >= 0) used[h] = change > 0 ? 1 : 0;
      }
    }
    return typePanel(counts);
  }

  /**
   * The heaviest type with this signature that can take one more person once a and b have left,
   * in another household than `other` (the one entering with it, or -1): -1 when none can. The two
   * who enter never share a type, as they differ in a weighted value.
   */
  private heaviestWithRoom(
    key: number,
    counts: Int32Array,
    weights: ArrayLike<number>,
    a: number,
    b: number,
    other: number,
  ): number {
    const group = this.bySignature.get(key);
    if (group === undefined) return -1;
    const { types } = this.instance;
    const ha = types[a].household;
    const hb = types[b].household;
    const hOther = other >= 0 ? types[other].household : -1;
    let best = -1;
    for (let i = 0; i < group.length; i++) {
      const t = group[i];
      if (counts[t] >= this.upper[t]) continue;
      const h = types[t].household;
      if (h >= 0 && ((this.householdUsed[h] && h !== ha && h !== hb) || h === hOther)) continue;
      if (best < 0 || weights[t] > weights[best]) best = t;
    }
    return best;
  }
}
