/**
 * Attendance marks, one per member and session, handed out decoded. Written by the attendance
 * commands; read by the attendance pages, stipends and, later, tables and votes.
 */
import type { Selectable } from 'kysely';
import type { SessionAttendanceTable } from '../db/schema.ts';
import { type AttendanceMark, isAttendanceMethod, isAttendanceStatus } from '../domain/attendance.ts';
import type { Executor } from './executor.ts';

type Row = Selectable<SessionAttendanceTable>;

function decode(row: Row): AttendanceMark {
  if (!isAttendanceStatus(row.status) || !isAttendanceMethod(row.method))
    throw new Error(`attendance of ${row.person_id} at ${row.session_id} has an unknown status or method`);
  return {
    sessionId: row.session_id,
    personId: row.person_id,
    status: row.status,
    arrivedAt: row.arrived_at,
    leftAt: row.left_at,
    reason: row.reason,
    method: row.method,
    markedAt: row.marked_at,
    markedBy: row.marked_by,
  };
}

/** Every mark in an assembly, by session then person. */
export async function listAttendance(db: Executor, assemblyId: string): Promise<AttendanceMark[]> {
  const rows = await db
    .selectFrom('session_attendance')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('session_id')
    .orderBy('person_id')
    .execute();
  return rows.map(decode);
}

/** One member's marks in her assembly. */
export async function listAttendanceOf(
  db: Executor,
  assemblyId: string,
  personId: string,
): Promise<AttendanceMark[]> {
  const rows = await db
    .selectFrom('session_attendance')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('person_id', '=', personId)
    .orderBy('session_id')
    .execute();
  return rows.map(decode);
}

/** Stores a mark, replacing the one before for the same member and session. */
export async function saveAttendance(db: Executor, assemblyId: string, mark: AttendanceMark): Promise<void> {
  const values = {
    status: mark.status,
    arrived_at: mark.arrivedAt,
    left_at: mark.leftAt,
    reason: mark.reason,
    method: mark.method,
    marked_at: mark.markedAt,
    marked_by: mark.markedBy,
  };
  await db
    .insertInto('session_attendance')
    .values({ session_id: mark.sessionId, person_id: mark.personId, assembly_id: assemblyId, ...values })
    .onConflict((oc) => oc.columns(['session_id', 'person_id']).doUpdateSet(values))
    .execute();
}

/** One member's mark for one session, or null when she has none. */
export async function findAttendance(
  db: Executor,
  sessionId: string,
  personId: string,
): Promise<AttendanceMark | null> {
  const row = await db
    .selectFrom('session_attendance')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row ? decode(row) : null;
}

/** The marks of one session, by person. */
export async function listSessionAttendance(db: Executor, sessionId: string): Promise<AttendanceMark[]> {
  const rows = await db
    .selectFrom('session_attendance')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('person_id')
    .execute();
  return rows.map(decode);
}

/**
 * Stores a mark only when the member has none for the session; false when she had one. Two tablets
 * checking the same member in at once thus store one mark, and the second learns it was there.
 */
export async function insertAttendanceIfNone(
  db: Executor,
  assemblyId: string,
  mark: AttendanceMark,
): Promise<boolean> {
  const result = await db
    .insertInto('session_attendance')
    .values({
      session_id: mark.sessionId,
      person_id: mark.personId,
      assembly_id: assemblyId,
      status: mark.status,
      arrived_at: mark.arrivedAt,
      left_at: mark.leftAt,
      reason: mark.reason,
      method: mark.method,
      marked_at: mark.markedAt,
      marked_by: mark.markedBy,
    })
    .onConflict((oc) => oc.columns(['session_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteAttendance(db: Executor, sessionId: string, personId: string): Promise<void> {
  await db
    .deleteFrom('session_attendance')
    .where('session_id', '=', sessionId)
    .where('person_id', '=', personId)
    .execute();
}

/** A person of the assembly as attendance names her: her name only (null once erased). */
export interface AttendanceMember {
  id: string;
  reference: string;
  name: string | null;
  confirmed: boolean;
}

/** The confirmed members of an assembly, by name (then reference): those whose attendance counts. */
export async function listConfirmedMembers(db: Executor, assemblyId: string): Promise<AttendanceMember[]> {
  const rows = await db
    .selectFrom('people')
    .leftJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .select(['people.id', 'people.reference', 'person_contacts.full_name'])
    .where('people.assembly_id', '=', assemblyId)
    .where('people.status', '=', 'confirmed')
    .where('people.erased_at', 'is', null)
    .execute();
  return rows
    .map((r) => ({ id: r.id, reference: r.reference, name: r.full_name ?? null, confirmed: true }))
    .sort(
      (a, b) =>
        (a.name ?? '').localeCompare(b.name ?? '', 'sv') || a.reference.localeCompare(b.reference, 'sv'),
    );
}

/** One person of the assembly, confirmed or not (null when the assembly has no such person). */
export async function findAttendanceMember(
  db: Executor,
  assemblyId: string,
  personId: string,
): Promise<AttendanceMember | null> {
  const row = await db
    .selectFrom('people')
    .leftJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .select([
      'people.id',
      'people.reference',
      'people.status',
      'people.erased_at',
      'person_contacts.full_name',
    ])
    .where('people.assembly_id', '=', assemblyId)
    .where('people.id', '=', personId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    reference: row.reference,
    name: row.full_name ?? null,
    confirmed: row.status === 'confirmed' && row.erased_at === null,
  };
}
