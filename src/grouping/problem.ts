/**
 * The input checked and turned into numbers: people as indices 0..n−1, the table sizes, the hard
 * rules per round, the diversify fields as value indices and the cluster fields as blocks of people
 * who sit together. Every rule the input breaks is reported here, before any search starts.
 */
import {
  type FixedPlacement,
  type RoundPlan,
  type TablesErrorCode,
  type TablesInput,
  TablesInputError,
} from './model.ts';

export interface DiversifyField {
  name: string;
  weight: number;
  values: string[];
  /** Value index per person. */
  valueOf: Int32Array;
}

export interface Problem {
  ids: string[];
  index: Map<string, number>;
  n: number;
  history: RoundPlan[];
  /** Rounds in all (history included). */
  rounds: number;
  /** The rounds to plan: history.length .. rounds−1. */
  firstRound: number;
  present: number[];
  tables: number;
  /** Every table seats `base` or `base + 1`; exactly `extra` tables seat `base + 1`. */
  base: number;
  extra: number;
  /** fixed[r − firstRound][person] = table, or −1. */
  fixed: Int32Array[];
  apart: number[][];
  /** Groups of people who must share a table (cluster fields), only groups of two or more. */
  blocks: number[][];
  blockOf: Int32Array;
  fields: DiversifyField[];
  facilitators: string[];
  /** Fixed tables of facilitators per planned round (facilitator index → table or −1). */
  facilitatorFixed: Int32Array[];
}

/** The most people seated at once: their pair counts take 2·n² bytes (50 MB at this limit). */
export const MAX_PEOPLE = 5000;

function fail(code: TablesErrorCode, params: Record<string, string | number>, message: string): never {
  throw new TablesInputError(code, params, message);
}

function checkCount(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= min)) {
    fail(
      'bad-count',
      { name, value: String(value), min },
      `${name} must be a whole number of at least ${min}.`,
    );
  }
}

export function compileProblem(input: TablesInput): Problem {
  checkCount('rounds', input.rounds, 1);
  checkCount('tables', input.tables, 1);
  checkCount('tableSize', input.tableSize, 1);
  const facilitators = [...new Set(input.facilitators ?? [])];
  const facilitatorSet = new Set(facilitators);
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const person of input.people) {
    if (facilitatorSet.has(person.id)) continue;
    if (index.has(person.id))
      fail('duplicate-person', { id: person.id }, `The id ${person.id} is given twice.`);
    index.set(person.id, ids.length);
    ids.push(person.id);
  }
  const n = ids.length;
  // The meeting counts are an n × n matrix, so the size is checked before anything is allocated.
  if (n > MAX_PEOPLE) {
    fail(
      'too-many-people',
      { people: n, max: MAX_PEOPLE },
      `${n} people is more than the ${MAX_PEOPLE} the engine seats at once.`,
    );
  }
  const people = input.people.filter((p) => !facilitatorSet.has(p.id));
  const history = [...(input.history ?? [])];
  if (history.length >= input.rounds) {
    fail(
      'history-too-long',
      { history: history.length, rounds: input.rounds },
      `${history.length} rounds have happened already, but there are only ${input.rounds} rounds in all.`,
    );
  }
  for (const [r, round] of history.entries()) {
    for (const table of round.tables) {
      for (const id of table.members) {
        if (!index.has(id)) {
          fail(
            'history-person',
            { id, round: r + 1 },
            `Round ${r + 1} of the history seats ${id}, who is not among the people.`,
          );
        }
      }
    }
  }
  const presentIds = input.present ?? ids;
  const present: number[] = [];
  const seen = new Set<number>();
  for (const id of presentIds) {
    if (facilitatorSet.has(id)) continue;
    const i = index.get(id);
    if (i === undefined) fail('unknown-person', { id }, `${id} is not among the people.`);
    if (!seen.has(i)) present.push(i);
    seen.add(i);
  }
  if (present.length === 0) fail('no-people', {}, 'There is nobody to seat.');
  const m = present.length;
  let tables: number;
  if (input.tables !== undefined) tables = input.tables;
  else if (input.tableSize !== undefined) tables = Math.ceil(m / input.tableSize);
  else fail('no-size', {}, 'Give the number of tables or the table size.');
  if (tables > m) {
    fail(
      'too-many-tables',
      { tables, people: m },
      `${tables} tables for ${m} people would leave tables empty.`,
    );
  }
  const base = Math.floor(m / tables);
  const extra = m % tables;
  const capacity = extra > 0 ? base + 1 : base;

  // Fields.
  const fields: DiversifyField[] = [];
  const clusterFields: string[] = [];
  for (const rule of input.fields) {
    if (people.length > 0 && !(rule.name in people[0].values)) {
      fail('unknown-field', { field: rule.name }, `There is no field ${rule.name}.`);
    }
    if (rule.mode === 'cluster') clusterFields.push(rule.name);
    if (rule.mode !== 'diversify') continue;
    const values: string[] = [];
    const valueIndex = new Map<string, number>();
    const valueIndexes = new Int32Array(n);
    for (const [i, person] of people.entries()) {
      const value = person.values[rule.name] ?? '';
      let v = valueIndex.get(value);
      if (v === undefined) {
        v = values.length;
        valueIndex.set(value, v);
        values.push(value);
      }
      valueIndexes[i] = v;
    }
    fields.push({ name: rule.name, weight: rule.weight ?? 1, values, valueOf: valueIndexes });
  }

  // Cluster blocks among the people present: union of equal non-empty values of every cluster field.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (const field of clusterFields) {
    const first = new Map<string, number>();
    for (const i of present) {
      const value = (people[i].values[field] ?? '').trim();
      if (value === '') continue;
      const j = first.get(value);
      if (j === undefined) first.set(value, i);
      else parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, number[]>();
  for (const i of present) {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  const blocks = [...groups.values()].filter((g) => g.length > 1);
  const blockOf = new Int32Array(n).fill(-1);
  for (const [b, block] of blocks.entries()) {
    if (block.length > capacity) {
      const person = people[block[0]];
      const values = clusterFields.map((f) => person.values[f]).filter((v) => v);
      fail(
        'cluster-too-large',
        { value: values.join(', '), people: block.length, size: capacity },
        `${block.length} people must sit together (${values.join(', ')}), but a table seats at most ${capacity}.`,
      );
    }
    for (const i of block) blockOf[i] = b;
  }

  // Apart pairs.
  const apart: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of input.apart ?? []) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined) fail('unknown-person', { id: a }, `${a} is not among the people.`);
    if (j === undefined) fail('unknown-person', { id: b }, `${b} is not among the people.`);
    if (i === j) fail('apart-self', { id: a }, `${a} cannot be kept apart from themselves.`);
    if (blockOf[i] >= 0 && blockOf[i] === blockOf[j]) {
      fail(
        'apart-cluster',
        { a, b },
        `${a} and ${b} must sit apart, but a cluster field puts them at the same table.`,
      );
    }
    if (!apart[i].includes(j)) {
      apart[i].push(j);
      apart[j].push(i);
    }
  }

  // Facilitators.
  if (facilitators.length > tables) {
    fail(
      'too-many-facilitators',
      { facilitators: facilitators.length, tables },
      `${facilitators.length} facilitators for ${tables} tables: there can be at most one per table.`,
    );
  }

  // Fixed placements.
  const firstRound = history.length;
  const planned = input.rounds - firstRound;
  const fixed = Array.from({ length: planned }, () => new Int32Array(n).fill(-1));
  const facilitatorFixed = Array.from({ length: planned }, () =>
    new Int32Array(facilitators.length).fill(-1),
  );
  const presentSet = new Set(present);
  for (const placement of input.fixed ?? []) fixPlacement(placement);
  function fixPlacement({ person, round, table }: FixedPlacement): void {
    const where = { id: person, round: round + 1, table: table + 1 };
    if (!Number.isSafeInteger(round) || round < 0 || round >= input.rounds) {
      fail(
        'fixed-round',
        { ...where, rounds: input.rounds },
        `Round ${round + 1} does not exist; there are ${input.rounds}.`,
      );
    }
    if (round < firstRound) return; // that round has happened; the history says where they sat
    if (!Number.isSafeInteger(table) || table < 0 || table >= tables) {
      fail('fixed-table', { ...where, tables }, `Table ${table + 1} does not exist; there are ${tables}.`);
    }
    const f = facilitators.indexOf(person);
    if (f >= 0) {
      const row = facilitatorFixed[round - firstRound];
      if (row[f] >= 0 && row[f] !== table)
        fail('fixed-twice', where, `${person} is fixed to two tables in round ${round + 1}.`);
      if (row.some((t, other) => other !== f && t === table)) {
        fail(
          'fixed-facilitator',
          where,
          `Two facilitators are fixed to table ${table + 1} in round ${round + 1}.`,
        );
      }
      row[f] = table;
      return;
    }
    const i = index.get(person);
    if (i === undefined) fail('unknown-person', { id: person }, `${person} is not among the people.`);
    if (!presentSet.has(i)) fail('fixed-absent', where, `${person} is fixed to a table but is not present.`);
    const row = fixed[round - firstRound];
    if (row[i] >= 0 && row[i] !== table)
      fail('fixed-twice', where, `${person} is fixed to two tables in round ${round + 1}.`);
    row[i] = table;
  }
  // Consequences of the fixed placements: apart pairs, clusters and table sizes.
  for (const [r, row] of fixed.entries()) {
    const count = new Int32Array(tables);
    const blockTable = new Int32Array(blocks.length).fill(-1);
    for (let i = 0; i < n; i++) {
      const t = row[i];
      if (t < 0) continue;
      const round = firstRound + r + 1;
      for (const j of apart[i]) {
        if (row[j] === t) {
          fail(
            'fixed-apart',
            { a: ids[i], b: ids[j], round, table: t + 1 },
            `${ids[i]} and ${ids[j]} must sit apart but are both fixed to table ${t + 1} in round ${round}.`,
          );
        }
      }
      const b = blockOf[i];
      if (b >= 0) {
        if (blockTable[b] >= 0 && blockTable[b] !== t) {
          fail(
            'fixed-cluster',
            { id: ids[i], round, table: t + 1 },
            `${ids[i]} is fixed to table ${t + 1} in round ${round}, away from others who must sit with them.`,
          );
        }
        blockTable[b] = t;
      }
    }
    // Seats a table needs: its fixed people plus whole blocks fixed to it.
    const counted = new Set<number>();
    for (let i = 0; i < n; i++) {
      const t = row[i];
      if (t < 0) continue;
      const b = blockOf[i];
      if (b >= 0) {
        if (!counted.has(b)) count[t] += blocks[b].length;
        counted.add(b);
      } else count[t]++;
    }
    let big = 0;
    for (let t = 0; t < tables; t++) {
      if (count[t] > capacity) {
        fail(
          'fixed-full',
          { round: firstRound + r + 1, table: t + 1, size: capacity },
          `More people are fixed to table ${t + 1} in round ${firstRound + r + 1} than it seats (${capacity}).`,
        );
      }
      if (count[t] > base) big++;
    }
    if (big > extra) {
      fail(
        'fixed-full',
        { round: firstRound + r + 1, table: 0, size: base },
        `The fixed placements in round ${firstRound + r + 1} make more tables larger than the others than the sizes allow.`,
      );
    }
  }
  return {
    ids,
    index,
    n,
    history,
    rounds: input.rounds,
    firstRound,
    present,
    tables,
    base,
    extra,
    fixed,
    apart,
    blocks,
    blockOf,
    fields,
    facilitators,
    facilitatorFixed,
  };
}
