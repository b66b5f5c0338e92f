/**
 * How often each pair has sat at the same table, and what one more meeting costs.
 *
 * The cost of a pair grows so steeply with its count that the search first avoids any pair meeting
 * three times, then as few pairs as possible meeting twice: a second meeting costs 1, a third 1,000,
 * a fourth 10^6, and so on. That makes "no pair three times before any pair twice" the engine's
 * order of preference without a separate search per level.
 */

const STEP = 1000;
/** Capped so that costs stay exact integers in a double (a pair meeting seven times is already absurd). */
const MAX_LEVEL = 5;

const increments = Array.from({ length: 64 }, (_, k) => (k === 0 ? 0 : STEP ** Math.min(k - 1, MAX_LEVEL)));

/** The cost of the (k+1)-th meeting of a pair that has met k times. */
export function meetingIncrement(k: number): number {
  return k < increments.length ? increments[k] : increments[increments.length - 1];
}

/** The total cost of a pair that has met k times. */
export function pairCost(k: number): number {
  let cost = 0;
  for (let j = 0; j < k; j++) cost += meetingIncrement(j);
  return cost;
}

/** A symmetric n × n count matrix. */
export class MeetingCounts {
  readonly counts: Uint16Array;
  constructor(readonly n: number) {
    this.counts = new Uint16Array(n * n);
  }
  get(a: number, b: number): number {
    return this.counts[a * this.n + b];
  }
  add(a: number, b: number, by: number): void {
    this.counts[a * this.n + b] += by;
    this.counts[b * this.n + a] += by;
  }
  /** Adds (by = 1) or removes (by = −1) the meetings of everyone at one table. */
  addTable(members: readonly number[], by: number): void {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) this.add(members[i], members[j], by);
    }
  }
  copy(): MeetingCounts {
    const other = new MeetingCounts(this.n);
    other.counts.set(this.counts);
    return other;
  }
}
