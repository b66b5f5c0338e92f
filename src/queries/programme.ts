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
} from '../domain/programme.ts';
import type { Executor } from '../repositories/executor.ts';
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

/** One session of the assembly, to fill its form; null when the assembly has no such session. */
export function sessionToEdit(
  db: Executor,
  assemblyId: string,
  sessionId: string,
): Promise<AssemblySession | null> {
  return findSession(db, assemblyId, sessionId);
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
