/**
 * What the staff programme page shows: the sessions in order, with the programme's rules applied to
 * them (hours per type against the plan, the OECD benchmark, overlapping sessions).
 */
import {
  type BenchmarkResult,
  hoursByType,
  oecdCheck,
  overlaps,
  type SessionType,
  swedishDay,
  weekOf,
} from '../domain/programme.ts';
import { type EvidenceItem, type Expert, listEvidence, listExperts } from '../repositories/evidence.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  findSessionLinks,
  listSessionChanges,
  type SessionChange,
  type SessionLinks,
} from '../repositories/session-details.ts';
import {
  type AssemblySession,
  findPlannedHours,
  findSession,
  listSessions,
} from '../repositories/sessions.ts';

export interface ProgrammeView {
  sessions: AssemblySession[];
  hours: { byType: Record<SessionType, number>; total: number };
  plannedHours: number | null;
  benchmark: BenchmarkResult;
  overlaps: [AssemblySession, AssemblySession][];
}

export async function programmeView(db: Executor, assemblyId: string): Promise<ProgrammeView> {
  const [sessions, plannedHours] = await Promise.all([
    listSessions(db, assemblyId),
    findPlannedHours(db, assemblyId),
  ]);
  return {
    sessions,
    hours: hoursByType(sessions),
    plannedHours,
    benchmark: oecdCheck(sessions),
    overlaps: overlaps(sessions),
  };
}

/** What the session form offers to link: the assembly's evidence items and experts. */
export interface SessionFormChoices {
  evidence: EvidenceItem[];
  experts: Expert[];
}

export async function sessionFormChoices(db: Executor, assemblyId: string): Promise<SessionFormChoices> {
  const [evidence, experts] = await Promise.all([listEvidence(db, assemblyId), listExperts(db, assemblyId)]);
  return { evidence, experts };
}

/**
 * One session of the assembly with what it presents, to fill its form and show its details, and the
 * choices the form offers; null when the assembly has no such session.
 */
export async function sessionToEdit(
  db: Executor,
  assemblyId: string,
  sessionId: string,
): Promise<{
  session: AssemblySession;
  links: SessionLinks;
  choices: SessionFormChoices;
  /** The changes members were told of, latest first. */
  changes: SessionChange[];
} | null> {
  const session = await findSession(db, assemblyId, sessionId);
  if (!session) return null;
  const [links, choices, changes] = await Promise.all([
    findSessionLinks(db, sessionId),
    sessionFormChoices(db, assemblyId),
    listSessionChanges(db, assemblyId),
  ]);
  return { session, links, choices, changes: changes.filter((change) => change.sessionId === sessionId) };
}

/** The sessions a calendar shows, and the month it opens on when none is asked for: the next session's. */
export async function programmeCalendar(
  db: Executor,
  assemblyId: string,
  today: string,
): Promise<{ sessions: AssemblySession[]; defaultMonth: string }> {
  const sessions = await listSessions(db, assemblyId);
  const next = sessions.find((s) => swedishDay(s.endsAt) >= today) ?? sessions.at(-1);
  return { sessions, defaultMonth: (next ? swedishDay(next.startsAt) : today).slice(0, 7) };
}

/** The sessions a week shows, and the week (its Monday) it opens on when none is asked for: the next session's. */
export async function programmeWeek(
  db: Executor,
  assemblyId: string,
  today: string,
): Promise<{ sessions: AssemblySession[]; defaultWeek: string }> {
  const sessions = await listSessions(db, assemblyId);
  const next = sessions.find((s) => swedishDay(s.endsAt) >= today) ?? sessions.at(-1);
  return { sessions, defaultWeek: weekOf(next ? swedishDay(next.startsAt) : today) };
}
