/**
 * Local search over the seating, in two phases.
 *
 * 1. Tabu search against repeated meetings, after Dotú & Van Hentenryck's search for the social
 *    golfer problem: the neighbourhood is every swap, within one round, of a person who meets
 *    someone again with a person at another table; the best swap is made even when it makes things
 *    worse, while swapping the two back is forbidden for a few iterations (unless it gives a new best);
 *    after many iterations without a new best, the search goes back to the best seating and shakes it
 *    with random swaps. Deviation is the lesser term of the cost, so among swaps that remove as many
 *    repeats it prefers the one that mixes the tables best.
 * 2. Once no repeat is left that the search can remove (or the effort is spent), simulated annealing
 *    on deviation alone, never accepting a swap that adds a repeat. When the whole schedule is a free
 *    design (no history, no fixed seats, no clusters, no apart rules), it may also exchange two
 *    people in every round at once: the design stays the same, only who is which point changes, so
 *    no repeat can appear.
 *
 * All choices come from the seeded generator and the budget counts evaluated moves, so a seed gives
 * the same seating on every machine.
 */
import type { Random } from '../sortition/random.ts';
import type { Problem } from './problem.ts';
import { DEVIATION_WEIGHT, Schedule } from './schedule.ts';

export interface SearchOptions {
  random: Random;
  /** Swap evaluations for the tabu phase. */
  effort: number;
  /** Moves tried in the deviation phase. */
  polishMoves: number;
  /** The repeat cost no seating can go below (pairs the rules force together). */
  lowerBound: number;
  /** Whether exchanging two people in every round is allowed (see the module comment). */
  relabel: boolean;
}

export interface SearchStats {
  iterations: number;
  evaluations: number;
  restarts: number;
}

const CANDIDATES_PER_ITERATION = 24;

export function tabuSearch(
  problem: Problem,
  start: number[][][],
  options: SearchOptions,
): { best: number[][][]; stats: SearchStats } {
  const { random } = options;
  let schedule = new Schedule(problem, start);
  const planned = schedule.rounds;
  const { n, tables, present } = problem;
  let best = schedule.snapshot();
  let bestCost = schedule.cost();
  const stats: SearchStats = { iterations: 0, evaluations: 0, restarts: 0 };
  const tabu = Array.from({ length: planned }, () => new Int32Array(n * tables));
  const maxStall = 200 + 4 * n;
  let stall = 0;
  const conflicts: number[] = [];
  while (stats.evaluations < options.effort && schedule.primary > options.lowerBound) {
    const iteration = ++stats.iterations;
    // Scanning for conflicts counts as work too, so that a round where nobody can move still ends.
    stats.evaluations += planned;
    // People who sit with someone they have met before, and may be moved: as r * n + p.
    conflicts.length = 0;
    const counts = schedule.meetings.counts;
    for (let r = 0; r < planned; r++) {
      const movable = schedule.movable[r];
      for (const table of schedule.members[r]) {
        for (const p of table) {
          if (movable[p] === 0) continue;
          for (const x of table) {
            if (x !== p && counts[p * n + x] >= 2) {
              conflicts.push(r * n + p);
              break;
            }
          }
        }
      }
    }
    if (conflicts.length === 0) break;
    if (conflicts.length > CANDIDATES_PER_ITERATION) {
      for (let i = 0; i < CANDIDATES_PER_ITERATION; i++) {
        const j = i + random.int(conflicts.length - i);
        const held = conflicts[i];
        conflicts[i] = conflicts[j];
        conflicts[j] = held;
      }
      conflicts.length = CANDIDATES_PER_ITERATION;
    }
    const current = schedule.cost();
    let moveR = -1;
    let moveP = -1;
    let moveQ = -1;
    let moveCost = Number.POSITIVE_INFINITY;
    let movePrimary = 0;
    let moveDeviation = 0;
    let ties = 0;
    for (const code of conflicts) {
      const r = Math.floor(code / n);
      const p = code - r * n;
      const tableOf = schedule.table[r];
      const a = tableOf[p];
      const tabuR = tabu[r];
      for (const q of present) {
        const b = tableOf[q];
        if (b === a || !schedule.canSwap(r, p, q)) continue;
        stats.evaluations++;
        const dp = schedule.primaryDelta(r, p, q);
        if (dp > moveCost) continue;
        const dd = schedule.diversity[r].swapDelta(p, a, q, b);
        const total = dp + DEVIATION_WEIGHT * dd;
        const isTabu = tabuR[p * tables + b] > iteration || tabuR[q * tables + a] > iteration;
        if (isTabu && current + total >= bestCost - 1e-9) continue;
        if (total < moveCost - 1e-12) {
          moveCost = total;
          ties = 1;
        } else if (total <= moveCost + 1e-12) {
          ties++;
          if (random.int(ties) !== 0) continue;
        } else continue;
        moveR = r;
        moveP = p;
        moveQ = q;
        movePrimary = dp;
        moveDeviation = dd;
      }
    }
    if (moveR >= 0) {
      const a = schedule.table[moveR][moveP];
      const b = schedule.table[moveR][moveQ];
      schedule.swap(moveR, moveP, moveQ, movePrimary, moveDeviation);
      const tenure = 4 + random.int(Math.max(2, Math.ceil(tables / 2)));
      tabu[moveR][moveP * tables + a] = iteration + tenure;
      tabu[moveR][moveQ * tables + b] = iteration + tenure;
    }
    if (schedule.cost() < bestCost - 1e-9) {
      best = schedule.snapshot();
      bestCost = schedule.cost();
      stall = 0;
    } else if (++stall > maxStall || moveR < 0) {
      // Back to the best seating, shaken: a few random swaps in random rounds.
      stats.restarts++;
      schedule = new Schedule(problem, best);
      for (const t of tabu) t.fill(0);
      const shakes = 2 + random.int(Math.max(2, Math.ceil(n / 8)));
      let made = 0;
      for (let k = 0; k < shakes * 10 && made < shakes; k++) {
        const r = random.int(planned);
        const p = present[random.int(present.length)];
        const q = present[random.int(present.length)];
        if (!schedule.canSwap(r, p, q)) continue;
        const a = schedule.table[r][p];
        const b = schedule.table[r][q];
        schedule.swap(r, p, q, schedule.primaryDelta(r, p, q), schedule.diversity[r].swapDelta(p, a, q, b));
        made++;
      }
      stall = 0;
    }
  }
  return { best, stats };
}

/** Phase 2: simulated annealing on deviation that never adds a repeat. */
export function polishDeviation(problem: Problem, start: number[][][], options: SearchOptions): number[][][] {
  const { random } = options;
  const schedule = new Schedule(problem, start);
  if (problem.fields.length === 0 || options.polishMoves <= 0) return start;
  const planned = schedule.rounds;
  const { present } = problem;
  let best = start;
  let bestDeviation = schedule.deviation;
  const startTemperature = 0.2;
  const endTemperature = 0.0005;
  const moves = options.polishMoves;
  const cooling = (endTemperature / startTemperature) ** (1 / moves);
  let temperature = startTemperature;
  for (let move = 0; move < moves; move++) {
    temperature *= cooling;
    const p = present[random.int(present.length)];
    const q = present[random.int(present.length)];
    if (p === q) continue;
    if (options.relabel && random.int(4) !== 0) {
      // Exchange p and q in every round.
      let dd = 0;
      for (let r = 0; r < planned; r++) {
        const a = schedule.table[r][p];
        const b = schedule.table[r][q];
        if (a !== b) dd += schedule.diversity[r].swapDelta(p, a, q, b);
      }
      if (dd > 0 && random.next() >= Math.exp(-dd / temperature)) continue;
      for (let r = 0; r < planned; r++) {
        const a = schedule.table[r][p];
        const b = schedule.table[r][q];
        if (a === b) continue;
        schedule.swap(r, p, q, schedule.primaryDelta(r, p, q), schedule.diversity[r].swapDelta(p, a, q, b));
      }
    } else {
      const r = random.int(planned);
      if (!schedule.canSwap(r, p, q)) continue;
      const dp = schedule.primaryDelta(r, p, q);
      if (dp > 0) continue;
      const a = schedule.table[r][p];
      const b = schedule.table[r][q];
      const dd = schedule.diversity[r].swapDelta(p, a, q, b);
      if (dp === 0 && dd > 0 && random.next() >= Math.exp(-dd / temperature)) continue;
      schedule.swap(r, p, q, dp, dd);
    }
    // Primary never rises here (no swap that adds a repeat is taken), so deviation alone decides.
    if (schedule.deviation < bestDeviation - 1e-9) {
      best = schedule.snapshot();
      bestDeviation = schedule.deviation;
    }
  }
  return descend(problem, best, options.relabel);
}

/**
 * Steepest-first hill climbing to finish: every swap within a round that lowers deviation without
 * adding a repeat, pass after pass until a pass finds none, so the result is a local optimum whatever
 * the annealing's luck.
 */
function descend(problem: Problem, start: number[][][], relabel: boolean): number[][][] {
  const schedule = new Schedule(problem, start);
  const { present } = problem;
  const planned = schedule.rounds;
  for (let pass = 0; pass < 50; pass++) {
    let improved = false;
    if (relabel) {
      for (const p of present) {
        for (const q of present) {
          if (q <= p) continue;
          let dd = 0;
          for (let r = 0; r < planned; r++) {
            const a = schedule.table[r][p];
            const b = schedule.table[r][q];
            if (a !== b) dd += schedule.diversity[r].swapDelta(p, a, q, b);
          }
          if (dd >= -1e-9) continue;
          for (let r = 0; r < planned; r++) {
            const a = schedule.table[r][p];
            const b = schedule.table[r][q];
            if (a !== b)
              schedule.swap(
                r,
                p,
                q,
                schedule.primaryDelta(r, p, q),
                schedule.diversity[r].swapDelta(p, a, q, b),
              );
          }
          improved = true;
        }
      }
    }
    for (let r = 0; r < schedule.rounds; r++) {
      const diversity = schedule.diversity[r];
      for (const p of present) {
        for (const q of present) {
          if (q <= p || !schedule.canSwap(r, p, q)) continue;
          const a = schedule.table[r][p];
          const b = schedule.table[r][q];
          const dd = diversity.swapDelta(p, a, q, b);
          if (dd >= -1e-9) continue;
          const dp = schedule.primaryDelta(r, p, q);
          if (dp > 0) continue;
          schedule.swap(r, p, q, dp, dd);
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return schedule.snapshot();
}
