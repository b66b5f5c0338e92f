/**
 * What the tables pages show: the deliberation sessions with the state of their seating plans; one
 * session's plan with names (for those who may see them; P-references otherwise), the engine's
 * report, the job computing a new version and the history; a facilitator's own tables; and a manual
 * move's effect before it is saved.
 */

import { seatMoveEffect } from '../commands/seating.ts';
import { type TableAllocationState, tableAllocationState } from '../commands/table-allocations.ts';
import type { Database } from '../db/connect.ts';
import { brokenSeatingRules, firstNameOf, type SeatMove } from '../domain/seating.ts';
import type { MovePreview } from '../grouping/reallocate.ts';
import { findAccount } from '../repositories/accounts.ts';
import { listQuestions, listTeam } from '../repositories/assemblies.ts';
import { listConfirmedMembers, listSessionAttendance } from '../repositories/attendance.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  findSeatingPlan,
  listSeatedPeople,
  listSeatingPlans,
  listSeatingRules,
  listSeatingVersions,
  type SeatingPlan,
  type SeatingRule,
  type SeatingVersion,
} from '../repositories/seating.ts';
import { type AssemblySession, findSession, listSessions } from '../repositories/sessions.ts';

export interface TablesOverviewRow {
  session: AssemblySession;
  plan: SeatingPlan | null;
}

/** The assembly's deliberation sessions (not cancelled), in order, each with its plan if any. */
export async function tablesOverview(db: Executor, assemblyId: string): Promise<TablesOverviewRow[]> {
  const [sessions, plans] = await Promise.all([
    listSessions(db, assemblyId),
    listSeatingPlans(db, assemblyId),
  ]);
  const bySession = new Map(plans.map((p) => [p.sessionId, p]));
  return sessions
    .filter((s) => s.type === 'deliberation' && s.status !== 'cancelled')
    .map((session) => ({ session, plan: bySession.get(session.id) ?? null }));
}

/** A person at a table: how the pages name her (name, or P-reference without `people:names`). */
export interface SeatLabel {
  label: string;
  /** Her first name for the name cards and the projector (her reference without names). */
  first: string;
}

export interface SeatingView {
  session: AssemblySession;
  plan: SeatingPlan | null;
  /** The job computing the next version, when one is waited for. */
  pending: TableAllocationState | null;
  people: Map<string, SeatLabel>;
  /** Names of the team's accounts (facilitators, authors of versions) by account id. */
  facilitators: Map<string, string>;
  /** Confirmed members not marked away from the session, and those checked in. */
  expected: number;
  present: number;
  questions: { key: string; label: Record<string, string> }[];
  versions: SeatingVersion[];
  /** Members checked in who have no seat in the rounds still to come (they came after the tables were set). */
  unseated: string[];
  /** The organisers' rules: pairs kept apart, fixed seats. */
  rules: SeatingRule[];
  /** The confirmed members to choose from for a rule, by label (name, or P-reference without names). */
  members: { id: string; label: string }[];
}

async function labels(db: Executor, assemblyId: string, ids: ReadonlySet<string>, withNames: boolean) {
  const people = new Map<string, SeatLabel>();
  for (const p of await listSeatedPeople(db, assemblyId, [...ids])) {
    const name = withNames ? p.name : null;
    people.set(p.id, { label: name ?? p.reference, first: name ? firstNameOf(name) : p.reference });
  }
  return people;
}

/** One deliberation session's tables; null when the assembly has no such session. */
export async function seatingView(
  database: Database,
  assemblyId: string,
  sessionId: string,
  withNames: boolean,
): Promise<SeatingView | null> {
  const db = database.db;
  const session = await findSession(db, assemblyId, sessionId);
  if (session?.type !== 'deliberation') return null;
  const [plan, marks] = await Promise.all([
    findSeatingPlan(db, assemblyId, sessionId),
    listSessionAttendance(db, sessionId),
  ]);
  const here = new Set(marks.filter((m) => m.status === 'present').map((m) => m.personId));
  const seated = new Set(plan?.rounds.flatMap((r) => r.tables.flatMap((t) => t.members)) ?? []);
  const rules = await listSeatingRules(db, sessionId);
  const ruled = rules.flatMap((r) => (r.kind === 'apart' ? [r.person, r.other] : [r.person]));
  const [people, team, members, questions, versions, pending] = await Promise.all([
    labels(db, assemblyId, new Set([...seated, ...here, ...ruled]), withNames),
    listTeam(db, assemblyId),
    listConfirmedMembers(db, assemblyId),
    listQuestions(db, assemblyId),
    plan ? listSeatingVersions(db, sessionId) : Promise.resolve([]),
    plan?.pendingJobId
      ? tableAllocationState(database, assemblyId, plan.pendingJobId)
      : Promise.resolve(null),
  ]);
  const accounts = new Map(team.map((m) => [m.id, m.display_name || m.email]));
  // Versions made by an administrator outside the team still name her.
  for (const by of new Set(versions.map((v) => v.madeBy))) {
    if (accounts.has(by)) continue;
    const account = await findAccount(db, by);
    if (account) accounts.set(by, account.display_name || account.email);
  }
  const away = new Set(marks.filter((m) => m.status !== 'present').map((m) => m.personId));
  const toCome = plan?.rounds.slice(plan.lockedRounds) ?? [];
  const seatedToCome = new Set(toCome.flatMap((r) => r.tables.flatMap((t) => t.members)));
  return {
    session,
    plan,
    pending,
    people,
    facilitators: accounts,
    expected: members.filter((m) => !away.has(m.id)).length,
    present: members.filter((m) => here.has(m.id)).length,
    questions: questions.map((q) => ({ key: q.key, label: q.label })),
    versions,
    unseated:
      toCome.length > 0
        ? members.filter((m) => here.has(m.id) && !seatedToCome.has(m.id)).map((m) => m.id)
        : [],
    rules,
    members: members
      .map((m) => ({ id: m.id, label: (withNames ? m.name : null) ?? m.reference }))
      .sort((a, b) => a.label.localeCompare(b.label, 'sv')),
  };
}

/**
 * A manual move's effect on the plan, before it is saved, with the session's tables to name the people
 * in it (the command refuses what cannot be moved, and so does this).
 */
export async function seatMovePreview(
  database: Database,
  assemblyId: string,
  sessionId: string,
  move: SeatMove,
  withNames: boolean,
): Promise<{ preview: MovePreview; view: SeatingView | null; broken: SeatingRule[] }> {
  const { preview } = await seatMoveEffect(database.db, assemblyId, sessionId, move);
  const view = await seatingView(database, assemblyId, sessionId, withNames);
  const broken = brokenSeatingRules(preview.result.rounds, move.round, view?.rules ?? []);
  return { preview, view, broken };
}
