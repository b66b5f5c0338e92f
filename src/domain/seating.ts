/**
 * The rules of a session's seating plan that pages and commands share: the engine's input made from
 * the stored settings and the members' answers, and whether a manual move may be made. Pure: the
 * callers load the plan and the people.
 */
import type { FieldRule, FixedPlacement, Participant, RoundPlan, TablesInput } from '../grouping/model.ts';

export interface SeatingSettingsInput {
  rounds: number;
  tables?: number;
  tableSize?: number;
  diversify: readonly string[];
  /** Each question's mode; plans made before modes mix the `diversify` questions equally. */
  fields?: readonly FieldRule[];
  seed: string;
  facilitators: readonly string[];
}

/** The organiser's hard rules as the engine takes them (rounds and tables 1-based, as typed). */
export type SeatingRuleInput =
  | { kind: 'apart'; person: string; other: string }
  | { kind: 'fixed'; person: string; round: number; table: number };

/**
 * Access needs that may keep members together at one table (everyone who needs sign language at the
 * interpreter's table, say). Each is a field of its own whose value is the need's code, or empty for
 * those without it. Interpretation is only a yes or no (the language is not stored with the need), so
 * it keeps together everyone who needs any interpreter: ask the language as a question, or fix members
 * to the interpreter's table, when several languages are interpreted.
 */
export const seatingNeeds = ['sign_language', 'hearing_loop', 'interpretation'] as const;
export type SeatingNeed = (typeof seatingNeeds)[number];
export const needField = (need: SeatingNeed) => `need_${need}`;

/** The most weight a question's mix can be given on the form. */
export const maxFieldWeight = 5;

/**
 * The engine's input for these settings, people and rules (history and present added by the caller).
 * A rule about someone who is not seated this time (away, or left the panel) does not apply: a pair
 * is kept apart only when both are among `people`, a fixed seat only when its person is present.
 */
export function seatingInput(
  settings: SeatingSettingsInput,
  people: readonly Participant[],
  rules: readonly SeatingRuleInput[] = [],
  present: readonly string[] = people.map((p) => p.id),
): TablesInput {
  const known = new Set(people.map((p) => p.id));
  const here = new Set(present);
  const apart = rules.flatMap((r) =>
    r.kind === 'apart' && known.has(r.person) && known.has(r.other) ? [[r.person, r.other] as const] : [],
  );
  const fixed = rules.flatMap((r): FixedPlacement[] =>
    r.kind === 'fixed' && here.has(r.person)
      ? [{ person: r.person, round: r.round - 1, table: r.table - 1 }]
      : [],
  );
  const fields = settings.fields ?? settings.diversify.map((name) => ({ name, mode: 'diversify' as const }));
  return {
    // A member who left a question unanswered has the empty answer (never kept together with anyone).
    people: people.map((p) =>
      fields.every((f) => f.name in p.values)
        ? p
        : { ...p, values: { ...Object.fromEntries(fields.map((f) => [f.name, ''])), ...p.values } },
    ),
    fields,
    ...(settings.tables !== undefined ? { tables: settings.tables } : { tableSize: settings.tableSize }),
    rounds: settings.rounds,
    seed: settings.seed,
    ...(settings.facilitators.length > 0 ? { facilitators: settings.facilitators } : {}),
    ...(apart.length > 0 ? { apart } : {}),
    ...(fixed.length > 0 ? { fixed } : {}),
  };
}

/** A manual move, rounds and tables 0-based. */
export interface SeatMove {
  round: number;
  person: string;
  table: number;
  /** Someone at the target table who takes the person's seat, so that the sizes stay. */
  swapWith?: string;
}

export type SeatMoveRefusal =
  | 'seating_round_unknown'
  | 'seating_round_locked'
  | 'seating_person_unknown'
  | 'seating_table_unknown'
  | 'seating_same_table'
  | 'seating_swap_unknown';

/** Why the move cannot be made on these rounds (null when it can). */
export function seatMoveRefusal(
  rounds: readonly RoundPlan[],
  lockedRounds: number,
  move: SeatMove,
): SeatMoveRefusal | null {
  const round = rounds[move.round];
  if (!round) return 'seating_round_unknown';
  if (move.round < lockedRounds) return 'seating_round_locked';
  const from = round.tables.findIndex((t) => t.members.includes(move.person));
  if (from < 0) return 'seating_person_unknown';
  const target = round.tables[move.table];
  if (!target) return 'seating_table_unknown';
  if (from === move.table) return 'seating_same_table';
  if (move.swapWith !== undefined && !target.members.includes(move.swapWith)) return 'seating_swap_unknown';
  return null;
}

/**
 * The organiser's rules that round `round` (0-based) of these rounds breaks: a pair kept apart at one
 * table, a member fixed to a table who sits elsewhere (rules about someone not seated do not apply).
 */
export function brokenSeatingRules<R extends SeatingRuleInput>(
  rounds: readonly RoundPlan[],
  round: number,
  rules: readonly R[],
): R[] {
  const tables = rounds[round]?.tables ?? [];
  const at = (id: string) => tables.findIndex((t) => t.members.includes(id));
  return rules.filter((r) => {
    if (r.kind === 'apart') return at(r.person) >= 0 && at(r.person) === at(r.other);
    return r.round - 1 === round && at(r.person) >= 0 && at(r.person) !== r.table - 1;
  });
}

/** The first name a name card and the projector show: the name's first word. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
