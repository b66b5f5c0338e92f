/**
 * Attendance: a host checks a confirmed member in at the door; facilitators and organisers mark a
 * session afterwards (present, absent or excused, late and early times); an organiser undoes a wrong
 * door check-in. Each writes its audit event in the same transaction, and checks everything itself
 * whatever the form checked before.
 */
import type { Database } from '../db/connect.ts';
import {
  type AttendanceMark,
  arrivalAt,
  attendanceLimits,
  clockWithin,
  doorsOpenAt,
  isAttendanceStatus,
} from '../domain/attendance.ts';
import { toStockholmTime } from '../domain/dates.ts';
import { hasControlCharacters } from '../domain/field-limits.ts';
import { swedishDay } from '../domain/programme.ts';
import {
  deleteAttendance,
  findAttendance,
  findAttendanceMember,
  insertAttendanceIfNone,
  listConfirmedMembers,
  listSessionAttendance,
  saveAttendance,
} from '../repositories/attendance.ts';
import type { Executor } from '../repositories/executor.ts';
import { type AssemblySession, findSession } from '../repositories/sessions.ts';
import { type Actor, actorId, CommandError, inTransaction, now, type Refusal } from './command.ts';

/** "10:02": a time as the Swedish clock at the door showed it. */
function clock(at: string): string {
  return toStockholmTime(at).slice(11);
}

async function publishedSession(
  trx: Executor,
  assemblyId: string,
  sessionId: string,
): Promise<AssemblySession> {
  const session = await findSession(trx, assemblyId, sessionId);
  if (!session) throw new CommandError('attendance.choose_session', 'session');
  if (session.status !== 'published') throw new CommandError('attendance.session_not_published', 'session');
  return session;
}

export interface CheckIn {
  name: string;
  /** When she was checked in (UTC). */
  at: string;
  late: boolean;
}

/**
 * Checks a confirmed member in at the door of a published session that has not ended. Checking her
 * in twice is refused with the time of the first, and nothing is stored twice (see
 * `insertAttendanceIfNone`); a member marked absent or excused beforehand who comes after all is
 * marked present. More than ten minutes after the start her arrival is kept: she came late.
 */
export async function checkIn(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
  personId: string,
): Promise<CheckIn> {
  return inTransaction(database, async (trx, audit) => {
    const session = await publishedSession(trx, assemblyId, sessionId);
    const at = now();
    if (Date.parse(at) >= Date.parse(session.endsAt))
      throw new CommandError('attendance.session_over', 'session', { end: clock(session.endsAt) });
    // A session next week is no session at the door: a mistaken choice, refused before it counts.
    if (Date.parse(at) < doorsOpenAt(session))
      throw new CommandError('attendance.doors_closed', 'session', {
        time: clock(new Date(doorsOpenAt(session)).toISOString()),
        day: swedishDay(session.startsAt),
      });
    const member = await findAttendanceMember(trx, assemblyId, personId);
    if (!member?.confirmed) throw new CommandError('attendance.not_member');
    const name = member.name ?? member.reference;
    const mark: AttendanceMark = {
      sessionId,
      personId,
      status: 'present',
      arrivedAt: arrivalAt(session, Date.parse(at)),
      leftAt: null,
      reason: '',
      method: 'door',
      markedAt: at,
      markedBy: actorId(actor),
    };
    const before = await findAttendance(trx, sessionId, personId);
    const refuse = (earlier: AttendanceMark) =>
      new CommandError('attendance.already_checked_in', undefined, { name, time: clock(earlier.markedAt) });
    if (before?.status === 'present') throw refuse(before);
    if (before) await saveAttendance(trx, assemblyId, mark);
    else if (!(await insertAttendanceIfNone(trx, assemblyId, mark))) {
      const earlier = await findAttendance(trx, sessionId, personId);
      throw earlier ? refuse(earlier) : new CommandError('attendance.not_member');
    }
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'attendance.check_in',
      subjectType: 'person',
      subjectId: personId,
      details: { session_id: sessionId, late: mark.arrivedAt !== null },
    });
    return { name, at, late: mark.arrivedAt !== null };
  });
}

/** One row of the marking form, as typed: a status ('' for none), HH:MM times and a reason. */
export interface MarkRow {
  personId: string;
  status: string;
  arrived: string;
  left: string;
  reason: string;
}

/** The field of a row's part in the marking form, where its refusal is shown. */
export const markField = (part: 'status' | 'arrived' | 'left' | 'reason', personId: string) =>
  `${part}.${personId}`;

/** A typed clock time read within the session, or a refusal for its field. */
function readClock(
  session: AssemblySession,
  text: string,
  field: string,
  refusals: Refusal[],
): Date | null | undefined {
  if (!text) return null;
  if (!/^([01]?\d|2[0-3])[:.][0-5]\d$/.test(text)) {
    refusals.push({ code: 'attendance.time_invalid', field, params: {} });
    return undefined;
  }
  const at = clockWithin(session, text.replace('.', ':').padStart(5, '0'));
  if (!at)
    refusals.push({
      code: 'attendance.time_outside',
      field,
      params: { start: clock(session.startsAt), end: clock(session.endsAt) },
    });
  return at ?? undefined;
}

/** A row as a mark, or null (with its refusals) when it is wrong or left without a status. */
function rowMark(
  session: AssemblySession,
  row: MarkRow,
  refusals: Refusal[],
): Omit<AttendanceMark, 'method' | 'markedAt' | 'markedBy'> | null {
  const f = (part: 'status' | 'arrived' | 'left' | 'reason') => markField(part, row.personId);
  const count = refusals.length;
  if (row.reason.length > attendanceLimits.reason)
    refusals.push({ code: 'too_long', field: f('reason'), params: { max: attendanceLimits.reason } });
  else if (hasControlCharacters(row.reason))
    refusals.push({ code: 'control_characters', field: f('reason'), params: {} });
  if (row.status === '') {
    if (row.arrived || row.left || row.reason)
      refusals.push({ code: 'attendance.status_required', field: f('status'), params: {} });
    return null;
  }
  if (!isAttendanceStatus(row.status)) {
    refusals.push({ code: 'attendance.status_unknown', field: f('status'), params: {} });
    return null;
  }
  const arrived = readClock(session, row.arrived, f('arrived'), refusals);
  const left = readClock(session, row.left, f('left'), refusals);
  if (row.status !== 'present' && (row.arrived || row.left))
    refusals.push({
      code: 'attendance.times_only_present',
      field: f(row.arrived ? 'arrived' : 'left'),
      params: {},
    });
  else if (arrived && left && left <= arrived)
    refusals.push({ code: 'attendance.left_before_arrived', field: f('left'), params: {} });
  if (refusals.length > count) return null;
  const [start, end] = [Date.parse(session.startsAt), Date.parse(session.endsAt)];
  return {
    sessionId: session.id,
    personId: row.personId,
    status: row.status,
    // Arriving at the start and leaving at the end are no late or early times.
    arrivedAt: arrived && arrived.getTime() > start ? arrived.toISOString() : null,
    leftAt: left && left.getTime() < end ? left.toISOString() : null,
    reason: row.reason,
  };
}

/**
 * Marks a session that has started: every row with a status is stored, all or nothing; a row whose
 * mark is as stored already is left as it was (a door check-in keeps its method and time). Returns
 * how many marks changed.
 */
export async function markSession(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
  rows: readonly MarkRow[],
): Promise<number> {
  return inTransaction(database, async (trx, audit) => {
    const session = await publishedSession(trx, assemblyId, sessionId);
    if (Date.parse(session.startsAt) > Date.now()) throw new CommandError('attendance.session_not_started');
    const members = new Set((await listConfirmedMembers(trx, assemblyId)).map((m) => m.id));
    const stored = new Map((await listSessionAttendance(trx, sessionId)).map((m) => [m.personId, m]));
    const refusals: Refusal[] = [];
    const changes: AttendanceMark[] = [];
    const at = now();
    for (const row of rows) {
      if (!members.has(row.personId)) {
        refusals.push({ code: 'attendance.not_member', params: {} });
        continue;
      }
      const mark = rowMark(session, row, refusals);
      const before = stored.get(row.personId);
      if (!mark) continue;
      const same =
        before &&
        before.status === mark.status &&
        before.arrivedAt === mark.arrivedAt &&
        before.leftAt === mark.leftAt &&
        before.reason === mark.reason;
      if (!same) changes.push({ ...mark, method: 'table', markedAt: at, markedBy: actorId(actor) });
    }
    if (refusals.length > 0) {
      const [first, ...also] = refusals;
      throw new CommandError(first.code, first.field, first.params, also);
    }
    for (const mark of changes) await saveAttendance(trx, assemblyId, mark);
    const count = (status: string) => changes.filter((m) => m.status === status).length;
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'attendance.mark',
      subjectType: 'session',
      subjectId: sessionId,
      details: {
        changed: changes.length,
        present: count('present'),
        absent: count('absent'),
        excused: count('excused'),
      },
    });
    return changes.length;
  });
}

/** Takes back a door check-in made by mistake (the wrong member's button); other marks stay. */
export async function undoCheckIn(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
  personId: string,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const session = await findSession(trx, assemblyId, sessionId);
    if (!session) throw new CommandError('not_found');
    const mark = await findAttendance(trx, sessionId, personId);
    if (!mark) throw new CommandError('attendance.no_check_in');
    if (mark.method !== 'door') throw new CommandError('attendance.undo_not_door');
    await deleteAttendance(trx, sessionId, personId);
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'attendance.undo_check_in',
      subjectType: 'person',
      subjectId: personId,
      details: { session_id: sessionId },
    });
  });
}
