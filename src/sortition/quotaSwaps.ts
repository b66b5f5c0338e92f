/**
 * The swap search of quota instances, with candidates indexed so that a step costs about one look-up
 * per seated type where the plain scan looked at hundreds of (seated, candidate) pairs.
 *
 * Swapping a seated type a for a candidate b breaks a quota only on a feature where the two differ
 * and b's value is at its maximum or a's value at its minimum. Near a local optimum most heavy
 * candidates are barred by a value at its maximum (on the paperLargest bench pool, 32,000 of the
 * 34,000 pairs the plain scan checked per step), so the candidates are grouped by which of their
 * values are at the maximum: a can make way only for a candidate whose full values are all a's own,
 * and those candidates lie in the few groups named by the subsets of a's full values. Within a
 * group the candidates come heaviest first, so the first that has a member left and also keeps a's
 * values at their minimum and the households is a's best swap. The swap chosen is the one the plain scan chose
 * (largest gain, then the lowest a, then the earliest b in `byWeight`): only the time changes.
 */
import type { Instance } from './instance.ts';
import { type TypePanel, typePanel } from './panelSpace.ts';

/** Past this many subsets of a seated type's full values, each group is tested instead. */
const SUBSET_LIMIT_BITS = 16;

export class QuotaSwapSearch {
  private readonly featureCount: number;
  private readonly typeCount: number;
  private readonly panelSize: number;
  /** Value of type t in feature f at t·F + f. */
  private readonly typeValue: Int32Array;
  private readonly typesWithValue: Int32Array[];
  private readonly valueMin: Int32Array;
  private readonly valueMax: Int32Array;
  private readonly lower: Int32Array;
  private readonly upper: Int32Array;
  private readonly household: Int32Array;
  /**
   * A candidate's group key is the sum of the digits of its values at their maximum: digits of one
   * feature are multiples of one place, so the key names the values exactly while it stays below
   * 2^53. Past that (dozens of features) every candidate shares one group and is checked alone.
   */
  private readonly digit: Float64Array;
  private readonly exactKeys: boolean;

  // State of one call; the arrays are kept between calls to spare the allocation.
  private counts = new Int32Array(0);
  private readonly valueCount: Int32Array;
  private readonly atMax: Uint8Array;
  private readonly atMin: Uint8Array;
  private readonly householdUsed: Uint8Array;
  private readonly key: Float64Array;
  private readonly groupOf: Int32Array;
  private readonly position: Int32Array;
  /**
   * Every type, group after group, each group in `byWeight` order. Types at their size stay in (and
   * are passed over in the scan): the groups change only when a value reaches or leaves its maximum.
   */
  private readonly members: Int32Array;
  private groupStart = new Int32Array(16);
  private groupEnd = new Int32Array(16);
  /**
   * The layout a group's start and end belong to: ids of keys no type has now keep stale ones, and
   * clearing every id ever given out on each layout cost more than the layout itself.
   */
  private groupLayout = new Float64Array(16);
  private layout = 0;
  /** The groups of the current layout, in order of their heaviest type. */
  private readonly liveGroups: Int32Array;
  private liveCount = 0;
  private readonly groupOfKey = new GroupIds();
  /** Whether a value reached or left its maximum since the groups were laid out. */
  private regroup = true;
  /** Of the seated type being looked at: digits of its full values, features at their minimum. */
  private readonly fullDigits: Float64Array;
  private readonly minFeatures: Int32Array;

  constructor(instance: Instance) {
    if (instance.mode !== 'quotas') throw new Error('QuotaSwapSearch needs a quota instance');
    const { types, values, features } = instance;
    const F = features.length;
    this.featureCount = F;
    this.typeCount = types.length;
    this.panelSize = instance.panelSize;
    this.typeValue = new Int32Array(types.length * F);
    const withValue: number[][] = values.map(() => []);
    types.forEach((type, t) => {
      type.values.forEach((v, f) => {
        this.typeValue[t * F + f] = v;
        withValue[v].push(t);
      });
    });
    this.typesWithValue = withValue.map((list) => Int32Array.from(list));
    this.valueMin = Int32Array.from(values, (v) => v.min);
    this.valueMax = Int32Array.from(values, (v) => v.max);
    this.lower = Int32Array.from(types, (t) => (t.kept ? t.members.length : 0));
    this.upper = Int32Array.from(types, (t) => t.members.length);
    this.household = Int32Array.from(types, (t) => t.household);
    this.digit = new Float64Array(values.length);
    let place = 1;
    for (const feature of features) {
      feature.values.forEach((v, local) => {
        this.digit[v] = place * (local + 1);
      });
      place *= feature.values.length + 1;
    }
    this.exactKeys = place <= Number.MAX_SAFE_INTEGER;
    if (!this.exactKeys) this.digit.fill(0);
    this.valueCount = new Int32Array(values.length);
    this.atMax = new Uint8Array(values.length);
    this.atMin = new Uint8Array(values.length);
    this.householdUsed = new Uint8Array(instance.households.length);
    this.key = new Float64Array(types.length);
    this.groupOf = new Int32Array(types.length);
    this.position = new Int32Array(types.length);
    this.members = new Int32Array(types.length);
    this.liveGroups = new Int32Array(types.length);
    this.fullDigits = new Float64Array(F);
    this.minFeatures = new Int32Array(F);
  }

  /**
   * Starting from `start`, repeatedly makes the best single swap that keeps every quota, household
   * and kept person and raises Σ weights·c; returns the local optimum. `byWeight` lists the types
   * from the heaviest to the lightest (`SwapSearch.order`).
   */
  improve(start: Int32Array, weights: ArrayLike<number>, byWeight: Int32Array): TypePanel {
    const counts = Int32Array.from(start);
    this.counts = counts;
    this.reset(counts, byWeight);
    // Gains below a millionth of the heaviest weight are noise, and chasing them costs a full scan
    // each; a panel of k people needs at most about k useful swaps.
    let heaviest = 0;
    for (let t = 0; t < this.typeCount; t++) heaviest = Math.max(heaviest, Math.abs(weights[t]));
    const minimumGain = 1e-6 * heaviest;
    for (let round = 0; round < 2 * this.panelSize; round++) {
      if (this.regroup) this.buildGroups(byWeight);
      let bestGain = minimumGain;
      let bestOut = -1;
      let bestIn = -1;
      // No candidate is heavier than the heaviest type not yet at its size: most seated types have
      // no swap that could beat the best one so far, and are passed over at once.
      let open = 0;
      while (open < byWeight.length - 1 && counts[byWeight[open]] >= this.upper[byWeight[open]]) open++;
      const heaviestOpen = weights[byWeight[open]];
      for (let a = 0; a < this.typeCount; a++) {
        if (counts[a] <= this.lower[a] || heaviestOpen - weights[a] <= bestGain) continue;
        const b = this.bestCandidate(a, weights, bestGain);
        if (b < 0) continue;
        bestGain = weights[b] - weights[a];
        bestOut = a;
        bestIn = b;
      }
      if (bestOut < 0) break;
      this.swap(counts, bestOut, bestIn);
    }
    return typePanel(counts);
  }

  /** Counts, quota states, households, group keys and positions of the panel `counts`. */
  private reset(counts: Int32Array, byWeight: Int32Array): void {
    const F = this.featureCount;
    this.valueCount.fill(0);
    this.householdUsed.fill(0);
    for (let t = 0; t < this.typeCount; t++) {
      if (counts[t] === 0) continue;
      for (let f = 0; f < F; f++) this.valueCount[this.typeValue[t * F + f]] += counts[t];
      if (this.household[t] >= 0) this.householdUsed[this.household[t]] = 1;
    }
    for (let v = 0; v < this.valueCount.length; v++) {
      this.atMax[v] = this.valueCount[v] >= this.valueMax[v] ? 1 : 0;
      this.atMin[v] = this.valueCount[v] <= this.valueMin[v] ? 1 : 0;
    }
    this.groupOfKey.clear();
    for (let t = 0; t < this.typeCount; t++) {
      let key = 0;
      for (let f = 0; f < F; f++) {
        const v = this.typeValue[t * F + f];
        if (this.atMax[v]) key += this.digit[v];
      }
      this.key[t] = key;
      this.groupOf[t] = this.groupOfKey.id(key);
    }
    this.regroup = true;
    this.position.fill(this.typeCount);
    for (let i = 0; i < byWeight.length; i++) this.position[byWeight[i]] = i;
  }

  /**
   * Lays out the types of `byWeight` by group, each group in `byWeight` order, in
   * `members[groupStart[g]..groupEnd[g])`, and lists the groups that have types in `liveGroups`.
   */
  private buildGroups(byWeight: Int32Array): void {
    this.regroup = false;
    const ids = this.groupOfKey.size;
    if (this.groupStart.length < ids) {
      this.groupStart = new Int32Array(2 * ids);
      this.groupEnd = new Int32Array(2 * ids);
      this.groupLayout = new Float64Array(2 * ids);
    }
    const layout = ++this.layout;
    const { groupStart, groupEnd, groupLayout, groupOf, liveGroups } = this;
    let live = 0;
    for (let i = 0; i < byWeight.length; i++) {
      const g = groupOf[byWeight[i]];
      if (groupLayout[g] !== layout) {
        groupLayout[g] = layout;
        groupEnd[g] = 0;
        liveGroups[live++] = g;
      }
      groupEnd[g]++;
    }
    let next = 0;
    for (let i = 0; i < live; i++) {
      const g = liveGroups[i];
      groupStart[g] = next;
      next += groupEnd[g];
      groupEnd[g] = groupStart[g];
    }
    for (let i = 0; i < byWeight.length; i++) {
      const b = byWeight[i];
      this.members[groupEnd[groupOf[b]]++] = b;
    }
    this.liveCount = live;
  }

  /**
   * The earliest candidate in `byWeight` that seated type a can make way for with a gain above
   * `bestGain`, or -1.
   */
  private bestCandidate(a: number, weights: ArrayLike<number>, bestGain: number): number {
    const F = this.featureCount;
    let full = 0;
    let low = 0;
    for (let f = 0; f < F; f++) {
      const v = this.typeValue[a * F + f];
      if (this.atMax[v]) this.fullDigits[full++] = this.digit[v];
      if (this.atMin[v]) this.minFeatures[low++] = f;
    }
    let best = -1;
    let limit = this.typeCount;
    if (this.exactKeys && full <= SUBSET_LIMIT_BITS && 1 << full <= this.liveCount) {
      for (let subset = 0; subset < 1 << full; subset++) {
        let key = 0;
        for (let i = 0; i < full; i++) if (subset & (1 << i)) key += this.fullDigits[i];
        const g = this.groupOfKey.get(key);
        if (g < 0 || this.groupLayout[g] !== this.layout) continue;
        const b = this.firstInGroup(g, a, weights, bestGain, limit, low, false);
        if (b >= 0) {
          best = b;
          limit = this.position[b];
        }
      }
    } else {
      for (let i = 0; i < this.liveCount; i++) {
        const b = this.firstInGroup(this.liveGroups[i], a, weights, bestGain, limit, low, true);
        if (b >= 0) {
          best = b;
          limit = this.position[b];
        }
      }
    }
    return best;
  }

  /**
   * The first candidate of group g that a can make way for, with a gain above `bestGain` and before
   * position `limit`, or -1. `checkFull`: whether the group may hold candidates with a full value
   * that a lacks (when groups were not looked up by a's own full values).
   */
  private firstInGroup(
    g: number,
    a: number,
    weights: ArrayLike<number>,
    bestGain: number,
    limit: number,
    low: number,
    checkFull: boolean,
  ): number {
    const F = this.featureCount;
    const { typeValue, members, household } = this;
    const end = this.groupEnd[g];
    candidates: for (let i = this.groupStart[g]; i < end; i++) {
      const b = members[i];
      if (this.position[b] >= limit || weights[b] - weights[a] <= bestGain) return -1;
      if (b === a || this.counts[b] >= this.upper[b]) continue;
      const hb = household[b];
      if (hb >= 0 && this.householdUsed[hb] && hb !== household[a]) continue;
      for (let j = 0; j < low; j++) {
        const f = this.minFeatures[j];
        if (typeValue[b * F + f] !== typeValue[a * F + f]) continue candidates;
      }
      if (checkFull) {
        for (let f = 0; f < F; f++) {
          const v = typeValue[b * F + f];
          if (this.atMax[v] && v !== typeValue[a * F + f]) continue candidates;
        }
      }
      return b;
    }
    return -1;
  }

  /** One person of type `out` makes way for one of type `into`; quota states and keys follow. */
  private swap(counts: Int32Array, out: number, into: number): void {
    const F = this.featureCount;
    counts[out]--;
    counts[into]++;
    for (let f = 0; f < F; f++) this.valueCount[this.typeValue[out * F + f]]--;
    for (let f = 0; f < F; f++) this.valueCount[this.typeValue[into * F + f]]++;
    for (let f = 0; f < F; f++) {
      this.refresh(this.typeValue[out * F + f]);
      this.refresh(this.typeValue[into * F + f]);
    }
    if (this.household[out] >= 0) this.householdUsed[this.household[out]] = 0;
    if (this.household[into] >= 0) this.householdUsed[this.household[into]] = 1;
  }

  private refresh(v: number): void {
    this.atMin[v] = this.valueCount[v] <= this.valueMin[v] ? 1 : 0;
    const full = this.valueCount[v] >= this.valueMax[v] ? 1 : 0;
    if (full === this.atMax[v]) return;
    this.atMax[v] = full;
    if (!this.exactKeys) return;
    this.regroup = true;
    const change = full ? this.digit[v] : -this.digit[v];
    for (const t of this.typesWithValue[v]) {
      this.key[t] += change;
      this.groupOf[t] = this.groupOfKey.id(this.key[t]);
    }
  }
}

/**
 * Group ids of keys (whole numbers below 2^53), numbered from 0 in order of arrival: an
 * open-addressing table, where a Map of numbers cost half of a step's time.
 */
class GroupIds {
  private keys = new Float64Array(1024).fill(-1);
  private ids = new Int32Array(1024);
  /** 32 − log2 of the table's length. */
  private shift = 22;
  size = 0;

  clear(): void {
    this.keys.fill(-1);
    this.size = 0;
  }

  /** The id of `key`, or -1. */
  get(key: number): number {
    const slot = this.slot(key);
    return this.keys[slot] === key ? this.ids[slot] : -1;
  }

  /** The id of `key`, given the next free one if it has none yet. */
  id(key: number): number {
    let slot = this.slot(key);
    if (this.keys[slot] === key) return this.ids[slot];
    if (2 * (this.size + 1) > this.keys.length) {
      this.grow();
      slot = this.slot(key);
    }
    this.keys[slot] = key;
    this.ids[slot] = this.size;
    return this.size++;
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    // Fibonacci hashing: the product's high bits mix every bit of the key, its low bits only the
    // key's low bits (and keys are sums of multiples of a few places).
    // (Integer operations only: a floating-point remainder cost a quarter of the search's time.)
    const high = (key / 4294967296) | 0;
    const mixed = Math.imul((key - high * 4294967296) ^ high, 0x9e3779b1);
    let slot = mixed >>> this.shift;
    while (this.keys[slot] !== key && this.keys[slot] !== -1) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Float64Array(2 * keys.length).fill(-1);
    this.ids = new Int32Array(2 * keys.length);
    this.shift--;
    for (let old = 0; old < keys.length; old++) {
      if (keys[old] === -1) continue;
      const slot = this.slot(keys[old]);
      this.keys[slot] = keys[old];
      this.ids[slot] = ids[old];
    }
  }
}
