/**
 * The rules of attendance, without I/O: how a mark on a member reads as hours in the room. Stipends
 * are paid on these hours, and later table allocation and the right to vote read them too, so there is
 * one place that says what "attended" means.
 */
import type { TimedSession } from './programme.ts';

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
