/**
 * An assembly's sessions and its planned hours. The agenda is kept as JSON text and handed out
 * decoded, so commands and pages get typed rows.
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { AssemblySessionsTable } from '../db/schema.ts';
import {
  isSessionStatus,
  isSessionType,
  type SessionStatus,
  type SessionType,
  type TimedSession,
} from '../domain/programme.ts';
import type { Executor } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

const agendaSchema = z.array(z.object({ time: z.string(), title: z.string(), speaker: z.string() }).strict());
export type AgendaItem = z.output<typeof agendaSchema>[number];

/** A session as the programme shows it. */
export interface AssemblySession extends TimedSession {
  assemblyId: string;
  title: { sv: string; en: string };
  place: { address: string; room: string; accessibility: string; directions: string };
  /** http(s) address of the online meeting, or ''. */
  onlineLink: string;
  agenda: AgendaItem[];
  /** What to bring and what it is about, in plain language; '' when not written. */
  bring: { sv: string; en: string };
  about: { sv: string; en: string };
  updatedAt: string;
}

/** What a command stores of a session. */
export interface SessionRecord {
  title: { sv: string; en: string };
  type: SessionType;
  startsAt: string;
  endsAt: string;
  place: AssemblySession['place'];
  onlineLink: string;
  agenda: AgendaItem[];
  /** Left out by callers that know none: stored as ''. */
  bring?: { sv: string; en: string };
  about?: { sv: string; en: string };
  /** The evidence items and experts the session presents; left out, it presents none. */
  evidenceIds?: string[];
  expertIds?: string[];
}

type Row = Selectable<AssemblySessionsTable>;

function decode(row: Row): AssemblySession {
  if (!isSessionType(row.session_type) || !isSessionStatus(row.status))
    throw new Error(`session ${row.id} has an unknown type or status`);
  return {
    id: row.id,
    assemblyId: row.assembly_id,
    title: { sv: row.title_sv, en: row.title_en },
    type: row.session_type,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    place: {
      address: row.address,
      room: row.room,
      accessibility: row.accessibility,
      directions: row.directions,
    },
    onlineLink: row.online_link,
    agenda: readStoredJson(agendaSchema, row.agenda, `agenda of session ${row.id}`),
    bring: { sv: row.bring_sv, en: row.bring_en },
    about: { sv: row.about_sv, en: row.about_en },
    updatedAt: row.updated_at,
  };
}

function columns(record: SessionRecord) {
  return {
    title_sv: record.title.sv,
    title_en: record.title.en,
    session_type: record.type,
    starts_at: record.startsAt,
    ends_at: record.endsAt,
    address: record.place.address,
    room: record.place.room,
    accessibility: record.place.accessibility,
    directions: record.place.directions,
    online_link: record.onlineLink,
    agenda: JSON.stringify(record.agenda),
    bring_sv: record.bring?.sv ?? '',
    bring_en: record.bring?.en ?? '',
    about_sv: record.about?.sv ?? '',
    about_en: record.about?.en ?? '',
  };
}

/** The assembly's sessions in the order they take place. */
export async function listSessions(db: Executor, assemblyId: string): Promise<AssemblySession[]> {
  const rows = await db
    .selectFrom('assembly_sessions')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  return rows.map(decode);
}

export async function findSession(
  db: Executor,
  assemblyId: string,
  sessionId: string,
): Promise<AssemblySession | null> {
  const row = await db
    .selectFrom('assembly_sessions')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return row ? decode(row) : null;
}

export async function insertSession(
  db: Executor,
  row: { id: string; assemblyId: string; at: string; by: string; record: SessionRecord },
): Promise<void> {
  await db
    .insertInto('assembly_sessions')
    .values({
      id: row.id,
      assembly_id: row.assemblyId,
      ...columns(row.record),
      status: 'draft',
      created_at: row.at,
      updated_at: row.at,
      updated_by: row.by,
    })
    .execute();
}

export async function updateSession(
  db: Executor,
  sessionId: string,
  change: { at: string; by: string; record?: SessionRecord; status?: SessionStatus },
): Promise<void> {
  await db
    .updateTable('assembly_sessions')
    .set({
      ...(change.record ? columns(change.record) : {}),
      ...(change.status ? { status: change.status } : {}),
      updated_at: change.at,
      updated_by: change.by,
    })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSessionRow(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('assembly_sessions').where('id', '=', sessionId).execute();
}

export async function findPlannedHours(db: Executor, assemblyId: string): Promise<number | null> {
  const row = await db
    .selectFrom('assemblies')
    .select('planned_hours')
    .where('id', '=', assemblyId)
    .executeTakeFirst();
  return row?.planned_hours === null || row?.planned_hours === undefined ? null : Number(row.planned_hours);
}

export async function savePlannedHours(
  db: Executor,
  assemblyId: string,
  hours: number | null,
): Promise<void> {
  await db.updateTable('assemblies').set({ planned_hours: hours }).where('id', '=', assemblyId).execute();
}
