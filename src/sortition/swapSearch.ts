/**
 * A fast local search for heavy panels, tried before the exact panel program.
 *
 * Most pricing rounds of column generation only need *some* panel that improves the LP, not the
 * best one, and swapping one person for another in a panel that is already good usually finds one
 * in microseconds where the MILP takes tens of milliseconds. The MILP is still what proves that no
 * improving panel is left, so the search only changes speed, never the result.
 */
import type { Instance } from './instance.ts';
import { PairExchange } from './pairExchange.ts';
import { smallestDeviationStep, type TypePanel, typePanel } from './panelSpace.ts';
import { QuotaSwapSearch } from './quotaSwaps.ts';

export class SwapSearch {
  private readonly valueCount: Int32Array;
  private readonly householdUsed: Uint8Array;
  private readonly lower: Int32Array;
  private readonly upper: Int32Array;
  private readonly weightOfValue: Float64Array;
  /**
   * Point targets that must be met exactly: a single swap keeps every count only between types with
   * the same weighted values, so each type's candidates are listed once (else undefined).
   */
  private twins: Int32Array[] | undefined;
  /** With targets met exactly: exchanges of two people for two, which keep every count. */
  private pairs: PairExchange | undefined;
  /** Quota instances have their own, indexed search (quotaSwaps.ts); the scan below is for points. */
  private readonly quotaSearch: QuotaSwapSearch | undefined;

  constructor(
    private readonly instance: Instance,
    /** Largest allowed weighted deviation (points mode). */
    deviationBound = Number.POSITIVE_INFINITY,
  ) {
    const { types, values } = instance;
    this.valueCount = new Int32Array(values.length);
    this.householdUsed = new Uint8Array(instance.households.length);
    this.lower = Int32Array.from(types, (t) => (t.kept ? t.members.length : 0));
    this.upper = Int32Array.from(types, (t) => t.members.length);
    this.weightOfValue = Float64Array.from(values, (v) => instance.features[v.feature].weight);
    this.deviationBound = deviationBound;
    this.setDeviationBound(deviationBound);
    this.quotaSearch = instance.mode === 'quotas' ? new QuotaSwapSearch(instance) : undefined;
  }

  private deviationBound: number;

  /**
   * `improve`, then (targets met exactly) exchanges of two for two: a heavier start for the exact
   * panel program, where single swaps find nothing.
   */
  improveFurther(start: Int32Array, weights: ArrayLike<number>, byWeight: Int32Array): TypePanel {
    const swapped = this.improve(start, weights, byWeight);
    return this.pairs ? this.pairs.improve(swapped.counts, weights) : swapped;
  }

  /** Type indices from the heaviest to the lightest, as `improve` wants them. */
  static order(weights: ArrayLike<number>): Int32Array {
    const order = Int32Array.from({ length: weights.length }, (_, t) => t);
    return order.sort((a, b) => weights[b] - weights[a]);
  }

  setDeviationBound(bound: number): void {
    this.deviationBound = bound;
    this.twins = bound < smallestDeviationStep(this.instance) ? twinTypes(this.instance) : undefined;
    this.pairs = this.twins ? new PairExchange(this.instance) : undefined;
  }

  /**
   * Starting from `start`, repeatedly makes the best single swap (one person of type a out, one of
   * type b in) that keeps the panel feasible and raises Σ weights·c; returns the local optimum.
   */
  improve(start: Int32Array, weights: ArrayLike<number>, byWeight: Int32Array): TypePanel {
    if (this.quotaSearch) return this.quotaSearch.improve(start, weights, byWeight);
    const { types } = this.instance;
    const counts = Int32Array.from(start);
    const valueCount = this.valueCount;
    valueCount.fill(0);
    this.householdUsed.fill(0);
    for (let t = 0; t < types.length; t++) {
      if (counts[t] === 0) continue;
      for (const v of types[t].values) if (v >= 0) valueCount[v] += counts[t];
      if (types[t].household >= 0) this.householdUsed[types[t].household] = 1;
    }
    // From here on, point targets: the deviation is kept up to date swap by swap.
    let deviation = this.currentDeviation();
    // Gains below a millionth of the heaviest weight are noise, and chasing them costs a full scan
    // each; a panel of k people needs at most about k useful swaps.
    let heaviest = 0;
    for (let t = 0; t < types.length; t++) heaviest = Math.max(heaviest, Math.abs(weights[t]));
    const minimumGain = 1e-6 * heaviest;
    for (let round = 0; round < 2 * this.instance.panelSize; round++) {
      let bestGain = minimumGain;
      let bestOut = -1;
      let bestIn = -1;
      for (let a = 0; a < types.length; a++) {
        if (counts[a] <= this.lower[a]) continue;
        const va = types[a].values;
        const candidates = this.twins?.[a] ?? byWeight;
        // Heaviest candidates first: once the gain cannot beat the best swap, no later one can.
        for (let i = 0; i < candidates.length; i++) {
          const b = candidates[i];
          const gain = weights[b] - weights[a];
          if (gain <= bestGain) {
            if (candidates === byWeight) break;
            continue;
          }
          if (a === b || counts[b] >= this.upper[b]) continue;
          const hb = types[b].household;
          if (hb >= 0 && this.householdUsed[hb] && hb !== types[a].household) continue;
          const vb = types[b].values;
          if (!this.deviationAllows(deviation + this.deviationChange(va, vb), va, vb)) continue;
          bestGain = gain;
          bestOut = a;
          bestIn = b;
        }
      }
      if (bestOut < 0) break;
      deviation += this.deviationChange(types[bestOut].values, types[bestIn].values);
      counts[bestOut]--;
      counts[bestIn]++;
      for (const v of types[bestOut].values) if (v >= 0) valueCount[v]--;
      for (const v of types[bestIn].values) if (v >= 0) valueCount[v]++;
      if (types[bestOut].household >= 0) this.householdUsed[types[bestOut].household] = 0;
      if (types[bestIn].household >= 0) this.householdUsed[types[bestIn].household] = 1;
    }
    return typePanel(counts);
  }

  /** Σ weight·|count − target| over all values, for the counts in `valueCount`. */
  private currentDeviation(): number {
    const { values } = this.instance;
    let total = 0;
    for (let v = 0; v < values.length; v++) {
      total += this.weightOfValue[v] * Math.abs(this.valueCount[v] - (values[v].target ?? 0));
    }
    return total;
  }

  /**
   * How the weighted deviation changes when one person with values `out` makes way for one with
   * values `into`: only the features where the two differ move, so this costs one step per feature
   * where summing every value afresh cost one per value (most of the swap search's time with point
   * targets, where every candidate swap is checked).
   */
  private deviationChange(out: number[], into: number[]): number {
    const { values } = this.instance;
    let change = 0;
    for (let f = 0; f < out.length; f++) {
      const a = out[f];
      const b = into[f];
      if (a === b) continue;
      if (a >= 0) {
        const off = this.valueCount[a] - (values[a].target ?? 0);
        change += this.weightOfValue[a] * (Math.abs(off - 1) - Math.abs(off));
      }
      if (b >= 0) {
        const off = this.valueCount[b] - (values[b].target ?? 0);
        change += this.weightOfValue[b] * (Math.abs(off + 1) - Math.abs(off));
      }
    }
    return change;
  }

  /**
   * Whether a swap keeps the deviation within its bound. The running total drifts from a fresh sum
   * by float rounding, so a total within a hair of the bound is summed afresh: the search then
   * accepts exactly the panels it accepted when it summed every value for every swap.
   */
  private deviationAllows(estimate: number, out: number[], into: number[]): boolean {
    const bound = this.deviationBound;
    const hair = 1e-9 * Math.max(1, Math.abs(bound));
    if (estimate < bound - hair) return true;
    if (estimate > bound + hair) return false;
    return this.deviationAfterSwap(out, into) <= bound;
  }

  private deviationAfterSwap(out: number[], into: number[]): number {
    const { values } = this.instance;
    let total = 0;
    for (let v = 0; v < values.length; v++) {
      let count = this.valueCount[v];
      if (out.includes(v)) count--;
      if (into.includes(v)) count++;
      total += this.weightOfValue[v] * Math.abs(count - (values[v].target ?? 0));
    }
    return total;
  }
}

/** For each type, the other types with the same value of every weighted feature. */
function twinTypes(instance: Instance): Int32Array[] {
  const signature = (t: number) =>
    instance.types[t].values.map((v, f) => (instance.features[f].weight > 0 ? v : '*')).join(',');
  const groups = new Map<string, number[]>();
  instance.types.forEach((_, t) => {
    const key = signature(t);
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  });
  return instance.types.map((_, t) =>
    Int32Array.from((groups.get(signature(t)) ?? []).filter((b) => b !== t)),
  );
}
