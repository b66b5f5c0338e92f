/**
 * The rules of attendance, without I/O: how a mark on a member reads as hours in the room. Stipends
 * are paid on these hours, and later table allocation and the right to vote read them too, so there is
 * one place that says what "attended" means.
 */
import { fromStockholmTime } from './dates.ts';
import { swedishDay, type TimedSession } from './programme.ts';

export const attendanceStatuses = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const attendanceMethods = ['door', 'table', 'office'] as const;
export type AttendanceMethod = (typeof attendanceMethods)[number];

export function isAttendanceStatus(value: string): value is AttendanceStatus {
  return (attendanceStatuses as readonly string[]).includes(value);
}

export function isAttendanceMethod(value: string): value is AttendanceMethod {
  return (attendanceMethods as readonly string[]).includes(value);
}

/** One member's mark for one session. */
export interface AttendanceMark {
  sessionId: string;
  personId: string;
  status: AttendanceStatus;
  /** UTC instant when she came late, else null (she was there from the start). */
  arrivedAt: string | null;
  /** UTC instant when she left early, else null (she stayed to the end). */
  leftAt: string | null;
  reason: string;
  method: AttendanceMethod;
  markedAt: string;
  markedBy: string;
}

const hour = 3_600_000;

/**
 * The hours she was in the session: from the later of its start and her arrival to the earlier of its
 * end and her leaving. Absent and excused members attended no hours; so does a member who left
 * before she came (a mistaken mark reads as nothing, never as negative hours).
 */
export function attendedHours(
  session: Pick<TimedSession, 'startsAt' | 'endsAt'>,
  mark: Pick<AttendanceMark, 'status' | 'arrivedAt' | 'leftAt'> | undefined,
): number {
  if (mark?.status !== 'present') return 0;
  const from = Math.max(
    Date.parse(session.startsAt),
    mark.arrivedAt ? Date.parse(mark.arrivedAt) : -Infinity,
  );
  const to = Math.min(Date.parse(session.endsAt), mark.leftAt ? Date.parse(mark.leftAt) : Infinity);
  return Math.max(0, to - from) / hour;
}

/**
 * Where a host's tablet goes when it scans the QR code on a member's programme letter: the check-in
 * page for that member (the host chooses the session there). It names the member's pseudonymous id,
 * never her personal link, so a lost letter opens nothing without a host's login.
 */
export function checkInPath(assemblyId: string, personId: string): string {
  return `/a/${encodeURIComponent(assemblyId)}/check-in/person/${encodeURIComponent(personId)}`;
}

/** How long a reason for an absence may be. */
export const attendanceLimits = { reason: 200 } as const;

/** Minutes after a session's start within which a member checked in at the door still counts as on time. */
export const lateAfterMinutes = 10;

/**
 * When a member checked in at `at` came late: more than `lateAfterMinutes` after the start, her
 * arrival is kept (and her hours counted from it); otherwise null, there from the start.
 */
export function arrivalAt(session: Pick<TimedSession, 'startsAt'>, at: number): string | null {
  return at > Date.parse(session.startsAt) + lateAfterMinutes * 60_000 ? new Date(at).toISOString() : null;
}

/** How long before a session's start its doors open: the first check-in it takes. */
export const doorsOpenMinutes = 60;

/** When the doors of a session open for check-in (UTC milliseconds). */
export function doorsOpenAt(session: Pick<TimedSession, 'startsAt'>): number {
  return Date.parse(session.startsAt) - doorsOpenMinutes * 60_000;
}

/**
 * The session a host at the door checks members in to when she has not chosen one: the one whose
 * doors are open now (see `doorsOpenMinutes`), else the next to start later the same Swedish day.
 * Only published sessions take place.
 */
export function sessionAtDoor<T extends TimedSession>(sessions: readonly T[], now: number): T | null {
  const open = sessions
    .filter((s) => s.status === 'published' && Date.parse(s.endsAt) > now)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const running = open.find((s) => doorsOpenAt(s) <= now);
  if (running) return running;
  return open.find((s) => swedishDay(s.startsAt) === swedishDay(now)) ?? null;
}

/**
 * The sessions attendance is counted over: published and over by `now`, in the order they took place.
 * Cancelled and draft sessions never took place; one still running or ahead cannot be missed yet.
 */
export function countedSessions<T extends TimedSession>(sessions: readonly T[], now: number): T[] {
  return sessions
    .filter((s) => s.status === 'published' && Date.parse(s.endsAt) <= now)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

/** How many missed sessions in a row make a member at risk of dropping out, and worth a call. */
export const atRiskMissedInARow = 2;

/** One member's attendance over the counted sessions. */
export interface AttendanceSummary {
  /** Hours in the room, late arrivals and early leaving taken off. */
  hours: number;
  /** The hours she could have attended: all the counted sessions' hours. */
  possibleHours: number;
  /** Sessions she was present at (for any part). */
  attended: number;
  /** Sessions she missed at the end of the list, the most recent ones, without attending since. */
  missedInARow: number;
  atRisk: boolean;
}

/**
 * A member's attendance over `sessions` (the counted ones, in order; see `countedSessions`) from her
 * marks. A session is missed when she was marked absent or not marked at all: nobody saw her there.
 * Excused does not count as missed — she told the organisers, who know why — but it does not break
 * a run of misses either: absent, excused, absent is two missed in a row. Only the run at the end
 * counts: a member who missed two sessions and has come back since is not at risk.
 */
export function attendanceSummary(
  sessions: readonly Pick<TimedSession, 'id' | 'startsAt' | 'endsAt'>[],
  marks: readonly Pick<AttendanceMark, 'sessionId' | 'status' | 'arrivedAt' | 'leftAt'>[],
): AttendanceSummary {
  const bySession = new Map(marks.map((m) => [m.sessionId, m]));
  let hours = 0;
  let possibleHours = 0;
  let attended = 0;
  let missedInARow = 0;
  for (const session of sessions) {
    const mark = bySession.get(session.id);
    hours += attendedHours(session, mark);
    possibleHours += attendedHours(session, { status: 'present', arrivedAt: null, leftAt: null });
    if (mark?.status === 'present') {
      attended += 1;
      missedInARow = 0;
    } else if (mark?.status !== 'excused') missedInARow += 1;
  }
  return { hours, possibleHours, attended, missedInARow, atRisk: missedInARow >= atRiskMissedInARow };
}

/** True when a member missed the last `atRiskMissedInARow` counted sessions (see `attendanceSummary`). */
export function atRisk(
  sessions: readonly Pick<TimedSession, 'id' | 'startsAt' | 'endsAt'>[],
  marks: readonly Pick<AttendanceMark, 'sessionId' | 'status' | 'arrivedAt' | 'leftAt'>[],
): boolean {
  return attendanceSummary(sessions, marks).atRisk;
}

/** Shares of the possible hours an evaluator sees members counted in, without names. */
export const hoursBands = ['none', 'under_half', 'half_or_more', 'all'] as const;
export type HoursBand = (typeof hoursBands)[number];

export function hoursBand(summary: Pick<AttendanceSummary, 'hours' | 'possibleHours'>): HoursBand {
  if (summary.hours <= 0) return 'none';
  if (summary.hours >= summary.possibleHours - 1e-9) return 'all';
  return summary.hours * 2 < summary.possibleHours ? 'under_half' : 'half_or_more';
}

/** How many members fall in each band of hours attended. */
export function hoursDistribution(
  summaries: readonly Pick<AttendanceSummary, 'hours' | 'possibleHours'>[],
): Record<HoursBand, number> {
  const counts = Object.fromEntries(hoursBands.map((b) => [b, 0])) as Record<HoursBand, number>;
  for (const s of summaries) counts[hoursBand(s)] += 1;
  return counts;
}

/**
 * The instant a clock time (HH:MM, Swedish time) typed for a session means: on the day the session
 * starts, or — for a session past midnight — on the day it ends. Null when it is no such time or
 * falls outside the session.
 */
export function clockWithin(session: Pick<TimedSession, 'startsAt' | 'endsAt'>, clock: string): Date | null {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(clock)) return null;
  const [start, end] = [Date.parse(session.startsAt), Date.parse(session.endsAt)];
  for (const day of new Set([swedishDay(start), swedishDay(end)])) {
    const at = fromStockholmTime(`${day}T${clock}`);
    if (at && at.getTime() >= start && at.getTime() <= end) return at;
  }
  return null;
}

/** A member's name matches what the host typed: every word, in any order, ignoring case and accents' absence. */
export function nameMatches(name: string, search: string): boolean {
  const fold = (text: string) =>
    text
      .toLocaleLowerCase('sv')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
  const haystack = fold(name);
  return fold(search)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
