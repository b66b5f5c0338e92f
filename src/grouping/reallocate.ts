/**
 * Changes to a seating that has been made: a late arrival added where it harms least, and a manual
 * move shown with its effect before anyone saves it. (Recomputing the current and later rounds for
 * those present is `allocateTables` with `history` and `present`.)
 */
import { meetingIncrement } from './meetings.ts';
import type { Participant, RoundPlan, TablesInput, TablesReport, TablesResult } from './model.ts';
import { tablesReport } from './report.ts';
import { seatingProblems } from './validate.ts';

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function meetingsOf(rounds: readonly RoundPlan[], upTo: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const round of rounds.slice(0, upTo)) {
    for (const table of round.tables) {
      for (let i = 0; i < table.members.length; i++) {
        for (let j = i + 1; j < table.members.length; j++) {
          const key = pairKey(table.members[i], table.members[j]);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    }
  }
  return counts;
}

function copyRounds(rounds: readonly RoundPlan[]): RoundPlan[] {
  return rounds.map((round) => ({ tables: round.tables.map((t) => ({ ...t, members: [...t.members] })) }));
}

function deviationOf(input: TablesInput, members: readonly string[], everyone: readonly string[]): number {
  const values = new Map(input.people.map((p) => [p.id, p.values]));
  let total = 0;
  const fields = input.fields.filter((f) => f.mode === 'diversify');
  const weights = fields.reduce((sum, f) => sum + (f.weight ?? 1), 0);
  for (const field of fields) {
    const share = (ids: readonly string[]) => {
      const shares = new Map<string, number>();
      for (const id of ids) {
        const v = values.get(id)?.[field.name] ?? '';
        shares.set(v, (shares.get(v) ?? 0) + 1 / ids.length);
      }
      return shares;
    };
    const own = share(members);
    const all = share(everyone);
    let sum = 0;
    for (const v of new Set([...own.keys(), ...all.keys()]))
      sum += Math.abs((own.get(v) ?? 0) - (all.get(v) ?? 0));
    total += ((field.weight ?? 1) / weights) * sum;
  }
  return total;
}

export interface LateArrival {
  input: TablesInput;
  result: TablesResult;
  /** Rules the arrival could not be seated without breaking (empty when none). */
  problems: string[];
}

/**
 * Seats `person` from round `fromRound` on (0-based) at, in each round, the table where they meet the
 * fewest people again (then where the table's mix suffers least), among the smallest tables so that
 * sizes still differ by at most one; someone who shares a cluster value joins that table, and tables
 * with someone they must be kept apart from are avoided. Nobody else moves.
 */
export function addLateArrival(
  input: TablesInput,
  current: TablesResult,
  person: Participant,
  fromRound: number,
): LateArrival {
  const rounds = copyRounds(current.rounds);
  const clusterFields = input.fields.filter((f) => f.mode === 'cluster').map((f) => f.name);
  const valuesOf = new Map([...input.people, person].map((p) => [p.id, p.values]));
  const apart = new Set(
    (input.apart ?? [])
      .filter(([a, b]) => a === person.id || b === person.id)
      .map(([a, b]) => (a === person.id ? b : a)),
  );
  for (let r = fromRound; r < rounds.length; r++) {
    const meetings = meetingsOf(rounds, r);
    const tables = rounds[r].tables;
    const smallest = Math.min(...tables.map((t) => t.members.length));
    const everyone = [...tables.flatMap((t) => t.members), person.id];
    const clusterTable = tables.findIndex((t) =>
      t.members.some((id) =>
        clusterFields.some((f) => {
          const value = (person.values[f] ?? '').trim();
          return value !== '' && (valuesOf.get(id)?.[f] ?? '').trim() === value;
        }),
      ),
    );
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const [t, table] of tables.entries()) {
      if (clusterTable >= 0 ? t !== clusterTable : table.members.length !== smallest) continue;
      if (table.members.some((id) => apart.has(id))) continue;
      let cost = 0;
      for (const id of table.members) cost += meetingIncrement(meetings.get(pairKey(id, person.id)) ?? 0);
      cost += 0.2 * deviationOf(input, [...table.members, person.id], everyone);
      if (cost < bestCost) {
        bestCost = cost;
        best = t;
      }
    }
    // No table keeps every rule: the least bad one still seats them, and the problems say why.
    if (best < 0)
      best = clusterTable >= 0 ? clusterTable : tables.findIndex((t) => t.members.length === smallest);
    tables[best].members.push(person.id);
  }
  const present = [...(input.present ?? input.people.map((p) => p.id)), person.id];
  const updated: TablesInput = {
    ...input,
    people: [...input.people, person],
    present,
    history: rounds.slice(0, fromRound),
  };
  const problems = seatingProblems(updated, { rounds });
  return {
    input: updated,
    result: {
      rounds,
      report: tablesReport(rounds, {
        people: updated.people,
        fields: input.fields,
        clusterRepeatedPairs: current.report.clusterRepeatedPairs,
      }),
    },
    problems,
  };
}

export interface ManualMove {
  round: number;
  person: string;
  table: number;
  /** Someone at the target table who takes the person's seat, to keep the sizes. */
  swapWith?: string;
}

export interface MovePreview {
  result: TablesResult;
  /** Hard rules the move would break (empty when it keeps them all). */
  problems: string[];
  repeatedPairsChange: number;
  maxMeetingsChange: number;
  meanDeviationChange: number;
  before: TablesReport;
}

/** The seating and report after a manual move, without saving anything. */
export function previewMove(input: TablesInput, current: TablesResult, move: ManualMove): MovePreview {
  const rounds = copyRounds(current.rounds);
  const round = rounds[move.round];
  if (!round) throw new RangeError(`there is no round ${move.round + 1}`);
  const from = round.tables.findIndex((t) => t.members.includes(move.person));
  const target = round.tables[move.table];
  if (from < 0 || !target)
    throw new RangeError(`${move.person} or table ${move.table + 1} not found in round ${move.round + 1}`);
  const source = round.tables[from];
  source.members.splice(source.members.indexOf(move.person), 1);
  target.members.push(move.person);
  if (move.swapWith !== undefined) {
    const at = target.members.indexOf(move.swapWith);
    if (at < 0) throw new RangeError(`${move.swapWith} does not sit at table ${move.table + 1}`);
    target.members.splice(at, 1);
    source.members.push(move.swapWith);
  }
  const report = tablesReport(rounds, {
    people: input.people,
    fields: input.fields,
    clusterRepeatedPairs: current.report.clusterRepeatedPairs,
  });
  const before = current.report;
  return {
    result: { rounds, report },
    problems: seatingProblems({ ...input, history: current.rounds.slice(0, move.round) }, { rounds }),
    repeatedPairsChange: report.repeatedPairs - before.repeatedPairs,
    maxMeetingsChange: report.maxMeetings - before.maxMeetings,
    meanDeviationChange: report.meanDeviation - before.meanDeviation,
    before,
  };
}
