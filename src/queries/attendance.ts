/**
 * What the attendance pages show: the door's check-in page (a session, the confirmed members found by
 * name and who is in), a session's marks to correct afterwards, and the grid of members × sessions
 * with hours and who is at risk of dropping out — or, for those who may not see names, its figures.
 */
import {
  type AttendanceMark,
  type AttendanceStatus,
  type AttendanceSummary,
  attendanceSummary,
  countedSessions,
  type HoursBand,
  hoursDistribution,
  nameMatches,
  sessionAtDoor,
} from '../domain/attendance.ts';
import {
  type AttendanceMember,
  findAttendanceMember,
  listAttendance,
  listConfirmedMembers,
  listSessionAttendance,
} from '../repositories/attendance.ts';
import type { Executor } from '../repositories/executor.ts';
import { type AssemblySession, findSession, listSessions } from '../repositories/sessions.ts';

export type { AttendanceMember };

/** A member as the door sees her: her name, and when she was checked in (null while she is not). */
export interface DoorMember {
  id: string;
  name: string;
  checkedInAt: string | null;
}

export interface CheckInView {
  /** Published sessions not yet over, to choose from. */
  sessions: AssemblySession[];
  /** The session checked in to: the one chosen, else the one at the door now; null when none. */
  session: AssemblySession | null;
  /** Members whose name matches the search (all when none), by name. */
  members: DoorMember[];
  checkedIn: number;
  total: number;
  /** The member just checked in, for the banner; null when none or her mark is gone. */
  checked: (DoorMember & { late: boolean }) | null;
}

const nameOf = (m: AttendanceMember) => m.name ?? m.reference;

/** The check-in page, for `search` (or the one member `personId`, from her QR code). */
export async function checkInView(
  db: Executor,
  assemblyId: string,
  ask: { sessionId?: string; search?: string; personId?: string; checkedId?: string },
  now = Date.now(),
): Promise<CheckInView> {
  const sessions = (await listSessions(db, assemblyId)).filter(
    (s) => s.status === 'published' && Date.parse(s.endsAt) > now,
  );
  const session = sessions.find((s) => s.id === ask.sessionId) ?? sessionAtDoor(sessions, now);
  const [members, marks] = await Promise.all([
    listConfirmedMembers(db, assemblyId),
    session ? listSessionAttendance(db, session.id) : Promise.resolve([]),
  ]);
  const present = new Map(marks.filter((m) => m.status === 'present').map((m) => [m.personId, m]));
  const door = (m: AttendanceMember): DoorMember => ({
    id: m.id,
    name: nameOf(m),
    checkedInAt: present.get(m.id)?.markedAt ?? null,
  });
  const search = ask.search?.trim() ?? '';
  const found = members.filter((m) =>
    ask.personId ? m.id === ask.personId : !search || nameMatches(nameOf(m), search),
  );
  const checkedMember = members.find((m) => m.id === ask.checkedId);
  const checkedMark = checkedMember ? present.get(checkedMember.id) : undefined;
  return {
    sessions,
    session,
    members: found.map(door),
    checkedIn: members.filter((m) => present.has(m.id)).length,
    total: members.length,
    checked:
      checkedMember && checkedMark ? { ...door(checkedMember), late: checkedMark.arrivedAt !== null } : null,
  };
}

/** Whether the person a QR code names is a confirmed member (her name when she is), or not of the assembly. */
export async function doorPerson(
  db: Executor,
  assemblyId: string,
  personId: string,
): Promise<{ confirmed: boolean } | null> {
  const member = await findAttendanceMember(db, assemblyId, personId);
  return member ? { confirmed: member.confirmed } : null;
}

/** A member's row of a session's marks. */
export interface MarkedMember {
  id: string;
  name: string;
  mark: AttendanceMark | null;
}

export interface SessionMarks {
  session: AssemblySession;
  members: MarkedMember[];
}

/** A session with every confirmed member and her mark; null when the assembly has no such session. */
export async function sessionMarks(
  db: Executor,
  assemblyId: string,
  sessionId: string,
): Promise<SessionMarks | null> {
  const session = await findSession(db, assemblyId, sessionId);
  if (!session) return null;
  const [members, marks] = await Promise.all([
    listConfirmedMembers(db, assemblyId),
    listSessionAttendance(db, sessionId),
  ]);
  const byPerson = new Map(marks.map((m) => [m.personId, m]));
  return {
    session,
    members: members.map((m) => ({ id: m.id, name: nameOf(m), mark: byPerson.get(m.id) ?? null })),
  };
}

/** A member's line of the grid. */
export interface GridRow {
  id: string;
  reference: string;
  name: string;
  /** Her mark per counted session, in the sessions' order (null: not marked). */
  marks: (AttendanceMark | null)[];
  summary: AttendanceSummary;
}

/** How a counted session went, in figures. */
export interface SessionCounts {
  session: AssemblySession;
  counts: Record<AttendanceStatus | 'unmarked', number>;
}

export interface AttendanceOverview {
  /** Published sessions that are over, in order: the ones attendance counts over. */
  sessions: AssemblySession[];
  /** Published sessions that have started, which may be marked (newest first). */
  markable: AssemblySession[];
  perSession: SessionCounts[];
  distribution: Record<HoursBand, number>;
  members: number;
  atRisk: number;
  /** The grid member by member; empty when the viewer may not see names. */
  rows: GridRow[];
}

/** The attendance page's data; `withNames` false leaves out everything member by member. */
export async function attendanceOverview(
  db: Executor,
  assemblyId: string,
  withNames: boolean,
  now = Date.now(),
): Promise<AttendanceOverview> {
  const [all, members, marks] = await Promise.all([
    listSessions(db, assemblyId),
    listConfirmedMembers(db, assemblyId),
    listAttendance(db, assemblyId),
  ]);
  const sessions = countedSessions(all, now);
  const byPerson = new Map<string, AttendanceMark[]>();
  for (const m of marks) byPerson.set(m.personId, [...(byPerson.get(m.personId) ?? []), m]);
  const rows: GridRow[] = members.map((m) => {
    const own = byPerson.get(m.id) ?? [];
    return {
      id: m.id,
      reference: m.reference,
      name: nameOf(m),
      marks: sessions.map((s) => own.find((mark) => mark.sessionId === s.id) ?? null),
      summary: attendanceSummary(sessions, own),
    };
  });
  const perSession = sessions.map((session, i) => {
    const counts = { present: 0, absent: 0, excused: 0, unmarked: 0 };
    for (const row of rows) counts[row.marks[i]?.status ?? 'unmarked'] += 1;
    return { session, counts };
  });
  return {
    sessions,
    markable: all
      .filter((s) => s.status === 'published' && Date.parse(s.startsAt) <= now)
      .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt)),
    perSession,
    distribution: hoursDistribution(rows.map((r) => r.summary)),
    members: rows.length,
    atRisk: rows.filter((r) => r.summary.atRisk).length,
    rows: withNames ? rows : [],
  };
}
