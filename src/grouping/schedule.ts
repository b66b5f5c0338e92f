/**
 * The working state of the search: who sits where in each planned round, the pair meeting counts over
 * all rounds (history included) and the value counts per table, kept in step so that a swap of two
 * people within a round is evaluated in time proportional to the table size.
 */
import { assemblyShares, DiversityCounts } from './diversity.ts';
import { MeetingCounts, meetingIncrement, pairCost } from './meetings.ts';
import type { Problem } from './problem.ts';

/**
 * The weight of deviation against repeated meetings. A swap changes two tables' weighted deviation by
 * at most 2 each, so 0.2 keeps any change in deviation below the cost of one repeated meeting: the
 * search never buys diversity with a repeat.
 */
export const DEVIATION_WEIGHT = 0.2;

export class Schedule {
  readonly rounds: number;
  /** table[r][person], −1 when absent. */
  readonly table: Int32Array[];
  /** members[r][t] */
  readonly members: number[][][];
  /** Whether a person may be moved in round r (not fixed, not in a cluster block). */
  readonly movable: Uint8Array[];
  readonly meetings: MeetingCounts;
  readonly diversity: DiversityCounts[];
  readonly sizes: Int32Array[];
  /** Repeat cost Σ over pairs of pairCost(count), kept up to date by swaps. */
  primary = 0;
  /** Σ over planned rounds and tables of the weighted deviation. */
  deviation = 0;

  constructor(
    readonly problem: Problem,
    rounds: number[][][],
  ) {
    const { n, tables } = problem;
    this.rounds = rounds.length;
    this.meetings = new MeetingCounts(n);
    for (const round of problem.history) {
      for (const t of round.tables) {
        this.meetings.addTable(
          t.members.map((id) => problem.index.get(id) as number),
          1,
        );
      }
    }
    const shares = assemblyShares(problem.fields, problem.present);
    this.table = [];
    this.members = [];
    this.movable = [];
    this.diversity = [];
    this.sizes = [];
    for (const [r, round] of rounds.entries()) {
      const table = new Int32Array(n).fill(-1);
      const movable = new Uint8Array(n);
      const sizes = Int32Array.from(round, (m) => m.length);
      const diversity = new DiversityCounts(problem.fields, shares, sizes);
      for (let t = 0; t < tables; t++) {
        for (const p of round[t]) {
          table[p] = t;
          movable[p] = problem.fixed[r][p] < 0 && problem.blockOf[p] < 0 ? 1 : 0;
          diversity.add(p, t, 1);
        }
        this.meetings.addTable(round[t], 1);
      }
      this.table.push(table);
      this.members.push(round.map((m) => [...m]));
      this.movable.push(movable);
      this.diversity.push(diversity);
      this.sizes.push(sizes);
    }
    this.recompute();
  }

  /** Recomputes both totals from scratch (after a restore, and to keep floating sums honest). */
  recompute(): void {
    const { n } = this.problem;
    let primary = 0;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) primary += pairCost(this.meetings.get(a, b));
    this.primary = primary;
    let deviation = 0;
    for (const d of this.diversity)
      for (let t = 0; t < this.problem.tables; t++) deviation += d.tableDeviation(t);
    this.deviation = deviation;
  }

  /** Change in repeat cost when p and q, at different tables of round r, change places. */
  primaryDelta(r: number, p: number, q: number): number {
    const a = this.table[r][p];
    const b = this.table[r][q];
    const counts = this.meetings.counts;
    const n = this.problem.n;
    let delta = 0;
    const rowP = p * n;
    const rowQ = q * n;
    for (const x of this.members[r][a]) {
      if (x === p) continue;
      delta += meetingIncrement(counts[rowQ + x]) - meetingIncrement(counts[rowP + x] - 1);
    }
    for (const y of this.members[r][b]) {
      if (y === q) continue;
      delta += meetingIncrement(counts[rowP + y]) - meetingIncrement(counts[rowQ + y] - 1);
    }
    return delta;
  }

  /** Whether p may sit at table t of round r as far as the apart rules go (q is the one leaving it). */
  apartAllows(r: number, p: number, t: number, leaving: number): boolean {
    const table = this.table[r];
    for (const other of this.problem.apart[p]) if (other !== leaving && table[other] === t) return false;
    return true;
  }

  canSwap(r: number, p: number, q: number): boolean {
    const a = this.table[r][p];
    const b = this.table[r][q];
    return (
      a !== b &&
      a >= 0 &&
      b >= 0 &&
      this.movable[r][p] === 1 &&
      this.movable[r][q] === 1 &&
      this.apartAllows(r, p, b, q) &&
      this.apartAllows(r, q, a, p)
    );
  }

  swap(r: number, p: number, q: number, primaryDelta: number, deviationDelta: number): void {
    const a = this.table[r][p];
    const b = this.table[r][q];
    const membersA = this.members[r][a];
    const membersB = this.members[r][b];
    const n = this.problem.n;
    const counts = this.meetings.counts;
    for (const x of membersA) {
      if (x === p) continue;
      counts[p * n + x]--;
      counts[x * n + p]--;
      counts[q * n + x]++;
      counts[x * n + q]++;
    }
    for (const y of membersB) {
      if (y === q) continue;
      counts[q * n + y]--;
      counts[y * n + q]--;
      counts[p * n + y]++;
      counts[y * n + p]++;
    }
    membersA[membersA.indexOf(p)] = q;
    membersB[membersB.indexOf(q)] = p;
    this.table[r][p] = b;
    this.table[r][q] = a;
    const diversity = this.diversity[r];
    diversity.add(p, a, -1);
    diversity.add(q, b, -1);
    diversity.add(p, b, 1);
    diversity.add(q, a, 1);
    this.primary += primaryDelta;
    this.deviation += deviationDelta;
  }

  /** The combined objective: repeats first, deviation as the lesser term. */
  cost(): number {
    return this.primary + DEVIATION_WEIGHT * this.deviation;
  }

  /** The seating as plain arrays (a copy). */
  snapshot(): number[][][] {
    return this.members.map((round) => round.map((m) => [...m]));
  }
}
