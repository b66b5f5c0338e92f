/**
 * The report on a seating, computed from the seating itself (ids and field values), not from the
 * search's bookkeeping, so that it also checks the search: per round and table the deviation per
 * diversify field and who had met before; overall the pair figures, contacts per person, mean
 * deviation and the known bounds that apply.
 */
import type { FieldRule, KnownBound, Participant, RoundPlan, TableReport, TablesReport } from './model.ts';

export interface ReportContext {
  people: readonly Participant[];
  fields: readonly FieldRule[];
  /** Pairs the cluster fields put at the same table in more than one round. */
  clusterRepeatedPairs?: number;
}

function pairKey(a: number, b: number): number {
  return a < b ? a * 1_048_576 + b : b * 1_048_576 + a;
}

export function tablesReport(rounds: readonly RoundPlan[], context: ReportContext): TablesReport {
  const valuesById = new Map(context.people.map((p) => [p.id, p.values]));
  const diversify = context.fields.filter((f) => f.mode === 'diversify');
  const weightTotal = diversify.reduce((sum, f) => sum + (f.weight ?? 1), 0);
  const index = new Map<string, number>();
  const indexOf = (id: string) => {
    let i = index.get(id);
    if (i === undefined) {
      i = index.size;
      index.set(id, i);
    }
    return i;
  };
  const meetings = new Map<number, number>();
  const deviationSum: Record<string, number> = Object.fromEntries(diversify.map((f) => [f.name, 0]));
  let weightedSum = 0;
  let tableCount = 0;
  let smallest = Number.POSITIVE_INFINITY;
  let largest = 0;
  let mostTables = 0;
  const roundReports = rounds.map((round) => {
    const everyone = round.tables.flatMap((t) => t.members);
    // The assembly of a round is who took part in it.
    const shares = diversify.map((f) => shareOf(everyone, f.name));
    mostTables = Math.max(mostTables, round.tables.length);
    const tables: TableReport[] = round.tables.map((table) => {
      smallest = Math.min(smallest, table.members.length);
      largest = Math.max(largest, table.members.length);
      const deviation: Record<string, number> = {};
      let weighted = 0;
      for (const [k, field] of diversify.entries()) {
        const own = shareOf(table.members, field.name);
        const values = new Set([...own.keys(), ...shares[k].keys()]);
        let sum = 0;
        for (const v of values) sum += Math.abs((own.get(v) ?? 0) - (shares[k].get(v) ?? 0));
        deviation[field.name] = sum;
        deviationSum[field.name] += sum;
        weighted += ((field.weight ?? 1) / weightTotal) * sum;
      }
      weightedSum += weighted;
      tableCount++;
      const metBefore: TableReport['metBefore'] = [];
      const ids = table.members.map(indexOf);
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const times = meetings.get(pairKey(ids[i], ids[j])) ?? 0;
          if (times > 0) metBefore.push({ pair: [table.members[i], table.members[j]], times });
        }
      }
      return { deviation, weightedDeviation: diversify.length > 0 ? weighted : 0, metBefore };
    });
    for (const table of round.tables) {
      const ids = table.members.map(indexOf);
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const key = pairKey(ids[i], ids[j]);
          meetings.set(key, (meetings.get(key) ?? 0) + 1);
        }
      }
    }
    return { tables };
  });
  function shareOf(members: readonly string[], field: string): Map<string, number> {
    const shares = new Map<string, number>();
    for (const id of members) {
      const value = valuesById.get(id)?.[field] ?? '';
      shares.set(value, (shares.get(value) ?? 0) + 1 / members.length);
    }
    return shares;
  }

  let repeatedPairs = 0;
  let maxMeetings = 0;
  const contacts = new Int32Array(index.size);
  for (const [key, times] of meetings) {
    if (times > 1) repeatedPairs++;
    maxMeetings = Math.max(maxMeetings, times);
    contacts[Math.floor(key / 1_048_576)]++;
    contacts[key % 1_048_576]++;
  }
  const people = index.size;
  const mostPossible = Math.min(Math.max(0, people - 1), rounds.length * Math.max(0, largest - 1));
  const bounds: KnownBound[] = [];
  if (smallest > 1 && Number.isFinite(smallest)) {
    bounds.push({ code: 'social-golfer', value: Math.floor((people - 1) / (smallest - 1)) });
  }
  if (largest > mostTables) bounds.push({ code: 'pigeonhole', value: 1 });
  if ((context.clusterRepeatedPairs ?? 0) > 0)
    bounds.push({ code: 'clusters', value: context.clusterRepeatedPairs ?? 0 });
  bounds.push({ code: 'contacts', value: mostPossible });
  return {
    rounds: roundReports,
    distinctPairs: meetings.size,
    repeatedPairs,
    maxMeetings,
    clusterRepeatedPairs: context.clusterRepeatedPairs ?? 0,
    contacts: {
      lowest: people > 0 ? Math.min(...contacts) : 0,
      mean: people > 0 ? contacts.reduce((a, b) => a + b, 0) / people : 0,
      mostPossible,
    },
    meanDeviation: tableCount > 0 && diversify.length > 0 ? weightedSum / tableCount : 0,
    meanDeviationByField: Object.fromEntries(
      diversify.map((f) => [f.name, tableCount > 0 ? deviationSum[f.name] / tableCount : 0]),
    ),
    bounds,
  };
}
