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
