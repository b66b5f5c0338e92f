/**
 * The invitation draw itself, on numbers only. Every household has a random priority (its seeded
 * hash, src/invitations/households.ts); each stratum sends its letters to the households with the
 * lowest priorities in it ("bottom-k" sampling), which is a uniform random sample of the stratum's
 * households without replacement. A household with several rows gets one letter, addressed to one
 * of its rows chosen by another seeded priority. Letters come out in order of priority, so that the
 * same register, options and seed give the same letters in the same order.
 */
import { seedWords } from './households.ts';

/** What the first pass over the register keeps per row (rows numbered 0, 1, … in file order). */
export interface RegisterIndex {
  rows: number;
  /** Household hash of each row. */
  household: Float64Array;
  /** Stratum number of each row (all 0 in a draw without strata). */
  stratum: Uint16Array;
}

export interface Households {
  count: number;
  /** For each household, in the order of the draw (ascending hash), the row that gets its letter. */
  row: Uint32Array;
  /** Households per stratum, each counted in the stratum of its chosen row. */
  perStratum: number[];
  /** Households whose rows are in more than one stratum. */
  splitAcrossStrata: number;
}

function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A seeded priority for a row within its household. A bijection of 32-bit row numbers, so two rows
 * never tie.
 */
function rowPriority(key: readonly [number, number], row: number): number {
  return fmix(fmix((row ^ key[0]) >>> 0) ^ key[1]);
}

/**
 * Groups the rows into households, in ascending order of household hash, and picks each household's
 * row (by a seeded priority) and so its stratum.
 *
 * The rows are bucket-sorted on the hash's top bits, then each small bucket is sorted and split into
 * households on its own: hashes are uniform, so this is linear, needs one array of row numbers rather
 * than a comparator sort of millions of elements, and touches each row's hash only twice.
 */
export function groupHouseholds(index: RegisterIndex, strata: number, seed: string): Households {
  const { rows, household, stratum } = index;
  const bits = Math.min(20, Math.max(4, Math.ceil(Math.log2(Math.max(rows, 1))) - 3));
  const buckets = 2 ** bits;
  const width = 2 ** (53 - bits);
  const next = new Uint32Array(buckets + 1);
  // Hashes are below 2⁵³, so the quotient is below 2^bits and `>>> 0` truncates it exactly.
  for (let r = 0; r < rows; r++) next[((household[r] / width) >>> 0) + 1]++;
  let largest = 0;
  for (let b = 1; b <= buckets; b++) {
    largest = Math.max(largest, next[b]);
    next[b] += next[b - 1];
  }
  const order = new Uint32Array(rows);
  for (let r = 0; r < rows; r++) order[next[(household[r] / width) >>> 0]++] = r;
  // Now next[b] is where bucket b ends.

  const rowKey = seedWords(seed, 'row-choice');
  // The chosen rows are written over `order`: a bucket's rows are copied out before its households
  // are written, and there are never more households than rows before them.
  const chosen = order;
  const perStratum = new Array<number>(strata).fill(0);
  const hashes = new Float64Array(largest);
  const members = new Uint32Array(largest);
  let count = 0;
  let splitAcrossStrata = 0;
  let start = 0;
  for (let b = 0; b < buckets; b++) {
    const end = next[b];
    const size = end - start;
    // Insertion sort by hash; rows arrive in file order, and equal hashes keep it.
    for (let i = 0; i < size; i++) {
      const row = order[start + i];
      const hash = household[row];
      let j = i - 1;
      while (j >= 0 && hashes[j] > hash) {
        hashes[j + 1] = hashes[j];
        members[j + 1] = members[j];
        j--;
      }
      hashes[j + 1] = hash;
      members[j + 1] = row;
    }
    let i = 0;
    while (i < size) {
      const hash = hashes[i];
      let best = members[i];
      i++;
      if (i < size && hashes[i] === hash) {
        let bestPriority = rowPriority(rowKey, best);
        let split = false;
        for (; i < size && hashes[i] === hash; i++) {
          const row = members[i];
          if (stratum[row] !== stratum[best]) split = true;
          const priority = rowPriority(rowKey, row);
          if (priority < bestPriority) {
            best = row;
            bestPriority = priority;
          }
        }
        if (split) splitAcrossStrata++;
      }
      chosen[count++] = best;
      perStratum[stratum[best]]++;
    }
    start = end;
  }
  return { count, row: chosen.subarray(0, count), perStratum, splitAcrossStrata };
}

/**
 * The rows that get letters, in order of the draw: walking the households by ascending priority,
 * each stratum takes households until it has its `letters[s]`.
 */
export function drawHouseholds(
  households: Households,
  stratum: Uint16Array,
  letters: readonly number[],
): Uint32Array {
  for (let s = 0; s < letters.length; s++) {
    if (letters[s] > (households.perStratum[s] ?? 0)) {
      throw new RangeError(
        `stratum ${s} is allocated ${letters[s]} letters but has ${households.perStratum[s] ?? 0} households`,
      );
    }
  }
  const remaining = [...letters];
  const total = remaining.reduce((sum, n) => sum + n, 0);
  const drawn = new Uint32Array(total);
  let n = 0;
  for (let h = 0; h < households.count && n < total; h++) {
    const row = households.row[h];
    const s = stratum[row];
    if (remaining[s] > 0) {
      remaining[s]--;
      drawn[n++] = row;
    }
  }
  return drawn;
}
