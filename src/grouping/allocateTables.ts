/**
 * The use case: from the people, the fields' modes, the table count or size, the rounds and the hard
 * rules to a seating for every round, with its report.
 *
 * Steps: check the input (problem.ts); build a greedy seating (greedy.ts), and where the tables
 * allow it a design with no repeated pair (constructions.ts) completed greedily; search from the
 * better of the two (localSearch.ts); seat the facilitators (facilitators.ts); report (report.ts).
 * With `history`, the rounds that have happened stay as they were and only the rest is planned, for
 * the people present now, counting the earlier meetings.
 */
import { createRandom } from '../sortition/random.ts';
import { affineRounds, unitalRounds } from './constructions.ts';
import { assignFacilitators } from './facilitators.ts';
import { greedySchedule, historyMeetings } from './greedy.ts';
import { polishDeviation, tabuSearch } from './localSearch.ts';
import { pairCost } from './meetings.ts';
import type { RoundPlan, TablesInput, TablesResult } from './model.ts';
import { compileProblem, type Problem } from './problem.ts';
import { tablesReport } from './report.ts';
import { Schedule } from './schedule.ts';

/**
 * Swap evaluations the tabu phase may spend by default: about 2–3 s of one core where no seating without
 * repeats is found, far less where one is.
 */
export const DEFAULT_EFFORT = 24_000_000;
/**
 * Searches the effort is shared between (each from a fresh greedy seating after the first). A search
 * that finds no seating without repeats soon rarely finds one later (6 tables of 5 for 5 rounds, close
 * to Euler's impossible 36 officers, is solved by about one search in ten), so many short ones do better.
 */
const ATTEMPTS = 64;

/** Whether nothing but the table sizes constrains the seating, so that any design fits as it is. */
function isFreeDesign(problem: Problem): boolean {
  return (
    problem.firstRound === 0 &&
    problem.blocks.length === 0 &&
    problem.apart.every((a) => a.length === 0) &&
    problem.fixed.every((row) => row.every((t) => t < 0))
  );
}

/** The repeat cost the rules force: earlier meetings plus pairs that must share a table in several rounds. */
function forcedCost(problem: Problem): number {
  const meetings = historyMeetings(problem);
  for (const row of problem.fixed) {
    const byTable = new Map<number, number[]>();
    for (let p = 0; p < problem.n; p++) {
      if (row[p] < 0 || problem.blockOf[p] >= 0) continue;
      byTable.set(row[p], [...(byTable.get(row[p]) ?? []), p]);
    }
    for (const group of byTable.values()) meetings.addTable(group, 1);
  }
  const planned = problem.rounds - problem.firstRound;
  for (const block of problem.blocks) for (let r = 0; r < planned; r++) meetings.addTable(block, 1);
  let cost = 0;
  for (let a = 0; a < problem.n; a++)
    for (let b = a + 1; b < problem.n; b++) cost += pairCost(meetings.get(a, b));
  return cost;
}

export function allocateTables(input: TablesInput): TablesResult {
  const problem = compileProblem(input);
  const random = createRandom(input.seed);
  const planned = problem.rounds - problem.firstRound;
  const { present, tables } = problem;

  let start = greedySchedule(problem, random);
  const free = isFreeDesign(problem);
  if (free) {
    // Every design that fits, completed greedily where it has fewer rounds than needed; the best wins.
    const designs = [
      affineRounds(present.length, tables, planned),
      unitalRounds(present.length, tables, planned),
    ];
    for (const design of designs) {
      if (!design) continue;
      const who = random.shuffle([...present]);
      const designed = design.map((round) => round.map((table) => table.map((point) => who[point])));
      const completed = greedySchedule(problem, random, designed);
      if (new Schedule(problem, completed).cost() < new Schedule(problem, start).cost()) start = completed;
    }
  }
  const options = {
    random,
    effort: Math.ceil((input.effort ?? DEFAULT_EFFORT) / ATTEMPTS),
    polishMoves: Math.min(3_000_000, 5000 * present.length * planned),
    lowerBound: forcedCost(problem),
    relabel: free,
  };
  // Several shorter searches from fresh greedy seatings find a seating without repeats more often
  // than one long search that has settled in a valley; the first starts from the best construction.
  let best = start;
  let bestCost = new Schedule(problem, start).cost();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const from = attempt === 0 ? start : greedySchedule(problem, random);
    const found = tabuSearch(problem, from, options).best;
    const schedule = new Schedule(problem, found);
    if (schedule.cost() < bestCost) {
      best = found;
      bestCost = schedule.cost();
    }
    if (schedule.primary <= options.lowerBound) break;
  }
  best = polishDeviation(problem, best, options);

  const facilitatorSeats = assignFacilitators(problem, planned);
  const plannedRounds: RoundPlan[] = best.map((round, r) => ({
    tables: round.map((members, t) => {
      const f = facilitatorSeats[r][t];
      return {
        members: members.map((p) => problem.ids[p]),
        facilitator: f >= 0 ? problem.facilitators[f] : null,
      };
    }),
  }));
  const rounds = [...problem.history, ...plannedRounds];
  const clusterRepeatedPairs =
    planned >= 2 ? problem.blocks.reduce((sum, b) => sum + (b.length * (b.length - 1)) / 2, 0) : 0;
  return {
    rounds,
    report: tablesReport(rounds, { people: input.people, fields: input.fields, clusterRepeatedPairs }),
  };
}
