/**
 * An independent check of a seating against the input's hard rules, sharing no code with the engine:
 * used by the tests and the benchmark so that a fast wrong answer does not pass, and by a manual move
 * to say which rule it would break. Each problem is one English sentence.
 */
import type { RoundPlan, TablesInput, TablesResult } from './model.ts';

export function seatingProblems(input: TablesInput, result: Pick<TablesResult, 'rounds'>): string[] {
  const problems: string[] = [];
  const facilitators = new Set(input.facilitators ?? []);
  const everyone = input.people.map((p) => p.id).filter((id) => !facilitators.has(id));
  const present = new Set((input.present ?? everyone).filter((id) => !facilitators.has(id)));
  const history = input.history ?? [];
  if (result.rounds.length !== input.rounds)
    problems.push(`${result.rounds.length} rounds, expected ${input.rounds}`);
  for (const [r, round] of history.entries()) {
    if (JSON.stringify(result.rounds[r]) !== JSON.stringify(round))
      problems.push(`round ${r + 1} of the history changed`);
  }
  const clusterFields = input.fields.filter((f) => f.mode === 'cluster').map((f) => f.name);
  const valuesOf = new Map(input.people.map((p) => [p.id, p.values]));
  for (let r = history.length; r < result.rounds.length; r++) {
    problems.push(
      ...roundProblems(input, result.rounds[r], r, present, facilitators, clusterFields, valuesOf),
    );
  }
  return problems;
}

function roundProblems(
  input: TablesInput,
  round: RoundPlan,
  r: number,
  present: Set<string>,
  facilitators: Set<string>,
  clusterFields: string[],
  valuesOf: Map<string, Readonly<Record<string, string>>>,
): string[] {
  const problems: string[] = [];
  const at = new Map<string, number>();
  const label = `round ${r + 1}`;
  for (const [t, table] of round.tables.entries()) {
    for (const id of table.members) {
      if (at.has(id)) problems.push(`${label}: ${id} is seated twice`);
      if (!present.has(id)) problems.push(`${label}: ${id} is seated but not present`);
      at.set(id, t);
    }
    if (table.facilitator !== null && !facilitators.has(table.facilitator)) {
      problems.push(`${label}: ${table.facilitator} leads table ${t + 1} but is no facilitator`);
    }
  }
  for (const id of present) if (!at.has(id)) problems.push(`${label}: ${id} has no seat`);
  const sizes = round.tables.map((t) => t.members.length);
  if (Math.max(...sizes) - Math.min(...sizes) > 1)
    problems.push(`${label}: table sizes ${sizes.join(', ')} differ by more than one`);
  if (input.tables !== undefined && round.tables.length !== input.tables) {
    problems.push(`${label}: ${round.tables.length} tables, expected ${input.tables}`);
  }
  if (input.tables === undefined && input.tableSize !== undefined && Math.max(...sizes) > input.tableSize) {
    problems.push(`${label}: a table of ${Math.max(...sizes)} is larger than ${input.tableSize}`);
  }
  const led = round.tables.map((t) => t.facilitator).filter((f) => f !== null);
  if (new Set(led).size !== led.length) problems.push(`${label}: a facilitator leads two tables`);
  const expectedLed = Math.min(facilitators.size, round.tables.length);
  if (led.length !== expectedLed)
    problems.push(`${label}: ${led.length} facilitators seated, expected ${expectedLed}`);
  for (const [a, b] of input.apart ?? []) {
    if (at.has(a) && at.get(a) === at.get(b)) problems.push(`${label}: ${a} and ${b} must sit apart`);
  }
  for (const placement of input.fixed ?? []) {
    if (placement.round !== r) continue;
    const table = facilitators.has(placement.person)
      ? round.tables.findIndex((t) => t.facilitator === placement.person)
      : at.get(placement.person);
    if (table !== placement.table)
      problems.push(`${label}: ${placement.person} is not at table ${placement.table + 1}`);
  }
  for (const field of clusterFields) {
    const tableOfValue = new Map<string, number>();
    for (const [id, t] of at) {
      const value = (valuesOf.get(id)?.[field] ?? '').trim();
      if (value === '') continue;
      const seen = tableOfValue.get(value);
      if (seen !== undefined && seen !== t) problems.push(`${label}: ${field} ${value} is split over tables`);
      tableOfValue.set(value, t);
    }
  }
  return problems;
}
