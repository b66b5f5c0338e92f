/**
 * Designs in which no pair meets twice, used as starting points for the search.
 *
 * In the affine plane over a finite field F of order q, the lines y = m·x + b with a fixed slope m
 * form a parallel class: q disjoint lines covering every point, and two points lie on exactly one
 * line. Keeping only the points whose x lies in a set of s values (s ≤ q) cuts every non-vertical
 * line to exactly s points, so each slope m is a round of q tables of s in which no pair meets a pair
 * from another round: q rounds without a repeat. With s = q the vertical lines x = c add one more
 * round (the q+1 rounds of a complete resolvable design, e.g. 3 tables of 3 for 4 rounds). Fewer
 * people than q·s: dropping points with x = s−1 takes one seat from different tables in every round,
 * so table sizes still differ by at most one.
 */

/** A finite field of order q = p^k as addition and multiplication tables over 0..q−1. */
export interface FiniteField {
  order: number;
  add: (a: number, b: number) => number;
  mul: (a: number, b: number) => number;
}

function primeFactor(q: number): { p: number; k: number } | undefined {
  if (q < 2) return undefined;
  let p = 2;
  while (p * p <= q && q % p !== 0) p++;
  if (q % p !== 0) p = q;
  let k = 0;
  let rest = q;
  while (rest % p === 0) {
    rest /= p;
    k++;
  }
  return rest === 1 ? { p, k } : undefined;
}

/** Whether q is a prime power, the orders that finite fields have. */
export function isPrimePower(q: number): boolean {
  return primeFactor(q) !== undefined;
}

/**
 * The field of order q, or undefined when q is not a prime power. Elements are polynomials over
 * Z_p of degree < k, written as base-p digits; the modulus is the first monic polynomial of degree k
 * whose multiplication table has no zero divisors (that is, an irreducible one).
 */
export function finiteField(q: number): FiniteField | undefined {
  const factor = primeFactor(q);
  if (!factor || q > 256) return undefined;
  const { p, k } = factor;
  const digits = (a: number) => Array.from({ length: k }, (_, i) => Math.floor(a / p ** i) % p);
  const fromDigits = (d: number[]) => d.reduce((sum, digit, i) => sum + digit * p ** i, 0);
  const add = (a: number, b: number) => {
    const x = digits(a);
    const y = digits(b);
    return fromDigits(x.map((digit, i) => (digit + y[i]) % p));
  };
  const addTable = Array.from({ length: q }, (_, a) => Array.from({ length: q }, (_, b) => add(a, b)));
  const multiplyModulo = (a: number, b: number, modulus: number[]) => {
    const x = digits(a);
    const y = digits(b);
    const product = new Array<number>(2 * k - 1).fill(0);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) product[i + j] = (product[i + j] + x[i] * y[j]) % p;
    // Reduce with the monic modulus x^k + Σ modulus[i]·x^i.
    for (let degree = 2 * k - 2; degree >= k; degree--) {
      const lead = product[degree];
      if (lead === 0) continue;
      product[degree] = 0;
      for (let i = 0; i < k; i++) {
        product[degree - k + i] = (((product[degree - k + i] - lead * modulus[i]) % p) + p) % p;
      }
    }
    return fromDigits(product.slice(0, k));
  };
  for (let candidate = 0; candidate < q; candidate++) {
    const modulus = digits(candidate);
    if (k > 1 && modulus[0] === 0) continue; // divisible by x
    const table = Array.from({ length: q }, (_, a) =>
      Array.from({ length: q }, (_, b) => multiplyModulo(a, b, modulus)),
    );
    const isField = table.every((row, a) => a === 0 || row.slice(1).every((value) => value !== 0));
    if (isField) return { order: q, add: (a, b) => addTable[a][b], mul: (a, b) => table[a][b] };
  }
  return undefined;
}

/**
 * Rounds of `tables` tables for `people` people (points 0..people−1) in which no pair meets twice,
 * as many as the affine construction gives (at most `rounds`), or undefined when it does not apply
 * (the number of tables is not a prime power, or the tables would be larger than their number).
 * Each round lists the points at each table.
 */
export function affineRounds(people: number, tables: number, rounds: number): number[][][] | undefined {
  const q = tables;
  const size = Math.ceil(people / q);
  if (size < 2 || size > q || rounds < 1) return undefined;
  const field = finiteField(q);
  if (!field) return undefined;
  const dropped = q * size - people; // points (size−1, y) for y < dropped are left out
  const pointOf = new Map<number, number>();
  let next = 0;
  for (let x = 0; x < size; x++) {
    for (let y = 0; y < q; y++) {
      if (x === size - 1 && y < dropped) continue;
      pointOf.set(x * q + y, next++);
    }
  }
  const result: number[][][] = [];
  for (let slope = 0; slope < q && result.length < rounds; slope++) {
    const round: number[][] = Array.from({ length: q }, () => []);
    for (let x = 0; x < size; x++) {
      for (let b = 0; b < q; b++) {
        const y = field.add(field.mul(slope, x), b);
        const point = pointOf.get(x * q + y);
        if (point !== undefined) round[b].push(point);
      }
    }
    result.push(round);
  }
  if (size === q && dropped === 0 && result.length < rounds) {
    result.push(Array.from({ length: q }, (_, x) => Array.from({ length: q }, (_, y) => x * q + y)));
  }
  return result;
}

/**
 * Rounds from the Hermitian unital of order q: the q³+1 points of the projective plane over GF(q²)
 * with x^(q+1) + y^(q+1) + z^(q+1) = 0. Every line that meets it in more than one point meets it in
 * q+1 points, and those blocks form a design in which every pair lies in exactly one block. Split
 * into parallel classes (each point once), every class is a round of q²−q+1 tables of q+1 and no
 * pair meets twice across rounds: for q = 3, 7 tables of 4 for 9 rounds (28 people), the social
 * golfer bound. The classes are found by a bounded backtracking search (exact cover, one class after
 * another); undefined when the shape does not match or the search gives up.
 */
export function unitalRounds(people: number, tables: number, rounds: number): number[][][] | undefined {
  const q = [3, 4].find((order) => order ** 3 + 1 === people && order * order - order + 1 === tables);
  if (q === undefined || rounds < 1) return undefined;
  const field = finiteField(q * q);
  if (!field) return undefined;
  const power = (a: number, k: number) => {
    let result = 1;
    for (let i = 0; i < k; i++) result = field.mul(result, a);
    return result;
  };
  const order = q * q;
  const projective: number[][] = [];
  for (let x = 0; x < order; x++) {
    for (let y = 0; y < order; y++) {
      for (let z = 0; z < order; z++) {
        if ([x, y, z].find((c) => c !== 0) === 1) projective.push([x, y, z]);
      }
    }
  }
  const onUnital = projective.filter(
    ([x, y, z]) => field.add(field.add(power(x, q + 1), power(y, q + 1)), power(z, q + 1)) === 0,
  );
  if (onUnital.length !== people) return undefined;
  const blocks: number[][] = [];
  for (const [a, b, c] of projective) {
    const on: number[] = [];
    onUnital.forEach(([x, y, z], i) => {
      if (field.add(field.add(field.mul(a, x), field.mul(b, y)), field.mul(c, z)) === 0) on.push(i);
    });
    if (on.length === q + 1) blocks.push(on);
  }
  const wanted = Math.min(rounds, q * q);
  const used = new Uint8Array(blocks.length);
  const byPoint: number[][] = Array.from({ length: people }, () => []);
  blocks.forEach((block, i) => {
    for (const p of block) byPoint[p].push(i);
  });
  const classes: number[][] = [];
  let nodes = 0;
  const fill = (covered: Uint8Array, chosen: number[]): boolean => {
    if (++nodes > 200_000) return false;
    const point = covered.indexOf(0);
    if (point < 0) {
      classes.push([...chosen]);
      if (classes.length === wanted || fill(new Uint8Array(people), [])) return true;
      classes.pop();
      return false;
    }
    for (const b of byPoint[point]) {
      if (used[b] || blocks[b].some((p) => covered[p])) continue;
      used[b] = 1;
      for (const p of blocks[b]) covered[p] = 1;
      chosen.push(b);
      if (fill(covered, chosen)) return true;
      chosen.pop();
      for (const p of blocks[b]) covered[p] = 0;
      used[b] = 0;
    }
    return false;
  };
  if (!fill(new Uint8Array(people), [])) return undefined;
  return classes.map((round) => round.map((b) => [...blocks[b]]));
}
