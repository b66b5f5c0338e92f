/**
 * Greedy construction, round by round: everyone is seated in turn at the open table where they have
 * met the fewest of those already seated (then where their values are scarcest), in the spirit of
 * Triska & Musliu's greedy initialisation for the social golfer problem. People with the least freedom
 * go first: fixed placements, then cluster blocks (largest first), then people with apart rules.
 *
 * It is the starting point when no design applies and the baseline the search must never do worse than.
 */

import type { Random } from '../sortition/random.ts';
import { assemblyShares, DiversityCounts } from './diversity.ts';
import { MeetingCounts, meetingIncrement } from './meetings.ts';
import { TablesInputError } from './model.ts';
import type { Problem } from './problem.ts';
import { DEVIATION_WEIGHT } from './schedule.ts';

/** Meetings from the rounds that have happened. */
export function historyMeetings(problem: Problem): MeetingCounts {
  const meetings = new MeetingCounts(problem.n);
  for (const round of problem.history) {
    for (const t of round.tables)
      meetings.addTable(
        t.members.map((id) => problem.index.get(id) as number),
        1,
      );
  }
  return meetings;
}

/**
 * Seats planned round r given the meetings so far (which it does not change). Throws when the hard
 * rules leave someone no seat after several tries.
 */
export function greedyRound(
  problem: Problem,
  r: number,
  meetings: MeetingCounts,
  random: Random,
): number[][] {
  for (let attempt = 0; attempt < 20; attempt++) {
    const round = tryRound(problem, r, meetings, random);
    if (round) return round;
  }
  throw new TablesInputError(
    'no-seating',
    { round: problem.firstRound + r + 1 },
    `No seating in round ${problem.firstRound + r + 1} keeps every rule (fixed placements, clusters, people kept apart); loosen one.`,
  );
}

function tryRound(
  problem: Problem,
  r: number,
  meetings: MeetingCounts,
  random: Random,
): number[][] | undefined {
  const { tables, base, extra, present, blocks, blockOf, apart } = problem;
  const fixed = problem.fixed[r];
  const members: number[][] = Array.from({ length: tables }, () => []);
  const where = new Int32Array(problem.n).fill(-1);
  let big = 0;
  const sizeEstimate = present.length / tables;
  const diversity = new DiversityCounts(
    problem.fields,
    assemblyShares(problem.fields, present),
    new Int32Array(tables).fill(Math.max(1, Math.round(sizeEstimate))),
  );
  const room = (t: number, count: number) => {
    const after = members[t].length + count;
    if (after <= base) return true;
    if (after > base + 1) return false;
    return members[t].length > base || big < extra;
  };
  const seat = (p: number, t: number) => {
    if (members[t].length === base) big++;
    members[t].push(p);
    where[p] = t;
    diversity.add(p, t, 1);
  };
  const apartOk = (group: readonly number[], t: number) =>
    group.every((p) => apart[p].every((other) => where[other] !== t));
  const meetingCost = (group: readonly number[], t: number) => {
    let cost = 0;
    for (const p of group) for (const x of members[t]) cost += meetingIncrement(meetings.get(p, x));
    let diversityCost = 0;
    for (const p of group) diversityCost += diversity.addCost(p, t, sizeEstimate);
    return cost + DEVIATION_WEIGHT * diversityCost + random.next() * 1e-6;
  };
  const placeGroup = (group: readonly number[], forced: number): boolean => {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let t = 0; t < tables; t++) {
      if (forced >= 0 && t !== forced) continue;
      if (!room(t, group.length) || !apartOk(group, t)) continue;
      const cost = meetingCost(group, t);
      if (cost < bestCost) {
        bestCost = cost;
        best = t;
      }
    }
    if (best < 0) return false;
    for (const p of group) seat(p, best);
    return true;
  };
  // Fixed people outside blocks, then blocks (fixed ones first, then largest first), then the rest.
  for (const p of present) if (fixed[p] >= 0 && blockOf[p] < 0) seat(p, fixed[p]);
  const blockOrder = random.shuffle(blocks.map((_, b) => b));
  const blockFixed = (b: number) => blocks[b].reduce((t, p) => (fixed[p] >= 0 ? fixed[p] : t), -1);
  blockOrder.sort(
    (x, y) => Number(blockFixed(y) >= 0) - Number(blockFixed(x) >= 0) || blocks[y].length - blocks[x].length,
  );
  for (const b of blockOrder) if (!placeGroup(blocks[b], blockFixed(b))) return undefined;
  const rest = random.shuffle(present.filter((p) => where[p] < 0));
  rest.sort((x, y) => apart[y].length - apart[x].length);
  for (const p of rest) if (!placeGroup([p], -1)) return undefined;
  return members;
}

/** All planned rounds built greedily, each seeing the meetings of those before it. */
export function greedySchedule(problem: Problem, random: Random, start?: number[][][]): number[][][] {
  const meetings = historyMeetings(problem);
  const planned = problem.rounds - problem.firstRound;
  const rounds: number[][][] = [];
  for (let r = 0; r < planned; r++) {
    const round = start?.[r] ?? greedyRound(problem, r, meetings, random);
    for (const table of round) meetings.addTable(table, 1);
    rounds.push(round);
  }
  return rounds;
}
