/**
 * The rules of a session's seating plan that pages and commands share: the engine's input made from
 * the stored settings and the members' answers, and whether a manual move may be made. Pure: the
 * callers load the plan and the people.
 */
import type { Participant, RoundPlan, TablesInput } from '../grouping/model.ts';

export interface SeatingSettingsInput {
  rounds: number;
  tables?: number;
  tableSize?: number;
  diversify: readonly string[];
  seed: string;
  facilitators: readonly string[];
}

/** The engine's input for these settings and people (history and present added by the caller). */
export function seatingInput(settings: SeatingSettingsInput, people: readonly Participant[]): TablesInput {
  return {
    people,
    fields: settings.diversify.map((name) => ({ name, mode: 'diversify' as const })),
    ...(settings.tables !== undefined ? { tables: settings.tables } : { tableSize: settings.tableSize }),
    rounds: settings.rounds,
    seed: settings.seed,
    ...(settings.facilitators.length > 0 ? { facilitators: settings.facilitators } : {}),
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

/** The first name a name card and the projector show: the name's first word. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
