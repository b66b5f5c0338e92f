/**
 * How far a table's mix is from the assembly's: per diversify field, the L1 distance
 * Σ over values |table share − assembly share| (0 is a perfect miniature of the assembly, 2 the most
 * different possible), combined over fields as a weighted mean.
 */
import type { DiversifyField } from './problem.ts';

/** Assembly shares per field and value among `people`. */
export function assemblyShares(fields: readonly DiversifyField[], people: readonly number[]): Float64Array[] {
  return fields.map((field) => {
    const shares = new Float64Array(field.values.length);
    for (const i of people) shares[field.valueOf[i]] += 1;
    for (let v = 0; v < shares.length; v++) shares[v] /= Math.max(1, people.length);
    return shares;
  });
}

/** The L1 deviation of one table in one field. */
export function fieldDeviation(
  field: DiversifyField,
  shares: Float64Array,
  members: readonly number[],
): number {
  const counts = new Float64Array(shares.length);
  for (const i of members) counts[field.valueOf[i]] += 1;
  let sum = 0;
  for (let v = 0; v < shares.length; v++)
    sum += Math.abs(counts[v] / Math.max(1, members.length) - shares[v]);
  return sum;
}

/** Field weights scaled to sum to 1 (all zero when there is nothing to diversify). */
export function normalisedWeights(fields: readonly DiversifyField[]): number[] {
  const total = fields.reduce((sum, f) => sum + f.weight, 0);
  return fields.map((f) => (total > 0 ? f.weight / total : 0));
}

/**
 * Per-round bookkeeping of value counts per table, so that the change in deviation of moving people
 * between two tables costs a few arithmetic operations per field.
 */
export class DiversityCounts {
  /** counts[t * width + offset[f] + v] */
  readonly counts: Int32Array;
  readonly offset: number[];
  readonly width: number;
  readonly weights: number[];
  constructor(
    readonly fields: readonly DiversifyField[],
    readonly shares: readonly Float64Array[],
    readonly sizes: Int32Array,
  ) {
    this.offset = [];
    let width = 0;
    for (const field of fields) {
      this.offset.push(width);
      width += field.values.length;
    }
    this.width = width;
    this.counts = new Int32Array(sizes.length * width);
    this.weights = normalisedWeights(fields);
  }
  add(person: number, table: number, by: number): void {
    const base = table * this.width;
    for (let f = 0; f < this.fields.length; f++)
      this.counts[base + this.offset[f] + this.fields[f].valueOf[person]] += by;
  }
  /** Weighted deviation of one table. */
  tableDeviation(table: number): number {
    const size = this.sizes[table];
    let total = 0;
    for (let f = 0; f < this.fields.length; f++) {
      const shares = this.shares[f];
      const at = table * this.width + this.offset[f];
      let sum = 0;
      for (let v = 0; v < shares.length; v++) sum += Math.abs(this.counts[at + v] / size - shares[v]);
      total += this.weights[f] * sum;
    }
    return total;
  }
  /** Change in the summed weighted deviation when p (at table a) and q (at table b) change places. */
  swapDelta(p: number, a: number, q: number, b: number): number {
    let delta = 0;
    const sizeA = this.sizes[a];
    const sizeB = this.sizes[b];
    for (let f = 0; f < this.fields.length; f++) {
      const valueIndex = this.fields[f].valueOf;
      const vp = valueIndex[p];
      const vq = valueIndex[q];
      if (vp === vq) continue;
      const shares = this.shares[f];
      const atA = a * this.width + this.offset[f];
      const atB = b * this.width + this.offset[f];
      const cap = this.counts[atA + vp];
      const caq = this.counts[atA + vq];
      const cbp = this.counts[atB + vp];
      const cbq = this.counts[atB + vq];
      const d =
        Math.abs((cap - 1) / sizeA - shares[vp]) -
        Math.abs(cap / sizeA - shares[vp]) +
        Math.abs((caq + 1) / sizeA - shares[vq]) -
        Math.abs(caq / sizeA - shares[vq]) +
        Math.abs((cbp + 1) / sizeB - shares[vp]) -
        Math.abs(cbp / sizeB - shares[vp]) +
        Math.abs((cbq - 1) / sizeB - shares[vq]) -
        Math.abs(cbq / sizeB - shares[vq]);
      delta += this.weights[f] * d;
    }
    return delta;
  }
  /** Change in deviation of adding `person` to `table` whose size will be `size` (for building rounds). */
  addCost(person: number, table: number, size: number): number {
    let cost = 0;
    for (let f = 0; f < this.fields.length; f++) {
      const v = this.fields[f].valueOf[person];
      const c = this.counts[table * this.width + this.offset[f] + v];
      // Over the assembly's share the next person of that value makes the table worse, under it better.
      cost += this.weights[f] * ((c + 1) / size - this.shares[f][v]);
    }
    return cost;
  }
}
