/**
 * Members' requests: the rows as the pages and commands use them, with the material an answer points
 * to. The public log reads only the columns that say nothing of who asked.
 */
import type { Insertable, Selectable } from 'kysely';
import type { MemberRequestsTable } from '../db/schema.ts';
import {
  isRequestKind,
  type RequestKind,
  type RequestLogEntry,
  type RequestStatus,
  requestStatuses,
} from '../domain/requests.ts';
import type { Executor } from './executor.ts';

type Row = Selectable<MemberRequestsTable>;

export interface MemberRequest extends Omit<Row, 'kind' | 'status'> {
  kind: RequestKind;
  status: RequestStatus;
}

function statusOf(text: string): RequestStatus {
  return (requestStatuses as readonly string[]).includes(text) ? (text as RequestStatus) : 'open';
}

function kindOf(text: string): RequestKind {
  return isRequestKind(text) ? text : 'information';
}

function decoded(row: Row): MemberRequest {
  return { ...row, kind: kindOf(row.kind), status: statusOf(row.status) };
}

export async function insertRequest(db: Executor, row: Insertable<MemberRequestsTable>): Promise<void> {
  await db.insertInto('member_requests').values(row).execute();
}

export async function findRequest(
  db: Executor,
  assemblyId: string,
  id: string,
): Promise<MemberRequest | null> {
  const row = await db
    .selectFrom('member_requests')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? decoded(row) : null;
}

/** Answers or declines an open request; false when it is not there or no longer open. */
export async function closeRequest(
  db: Executor,
  assemblyId: string,
  id: string,
  change: {
    status: 'answered' | 'declined';
    answer: string;
    evidence_item_id: string | null;
    handled_at: string;
    handled_by: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('member_requests')
    .set(change)
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function logQuery(db: Executor) {
  return db
    .selectFrom('member_requests')
    .leftJoin('evidence_items', 'evidence_items.id', 'member_requests.evidence_item_id')
    .select([
      'member_requests.id',
      'member_requests.created_at',
      'member_requests.kind',
      'member_requests.question',
      'member_requests.status',
      'member_requests.answer',
      'member_requests.handled_at',
      'evidence_items.id as item_id',
      'evidence_items.title as item_title',
      'evidence_items.link as item_link',
      'evidence_items.origin as item_origin',
    ]);
}

type LogRow = Awaited<ReturnType<ReturnType<typeof logQuery>['execute']>>[number];

function logEntry(row: LogRow): RequestLogEntry {
  return {
    id: row.id,
    askedAt: row.created_at,
    kind: kindOf(row.kind),
    question: row.question,
    status: statusOf(row.status),
    answer: row.answer,
    handledAt: row.handled_at,
    material: row.item_id
      ? {
          id: row.item_id,
          title: row.item_title ?? '',
          link: row.item_link,
          origin: row.item_origin ?? 'staff',
        }
      : null,
  };
}

/** The assembly's requests as the public log shows them, newest first: no names, no personal data. */
export async function listRequestLog(db: Executor, assemblyId: string): Promise<RequestLogEntry[]> {
  const rows = await logQuery(db)
    .where('member_requests.assembly_id', '=', assemblyId)
    .orderBy('member_requests.created_at', 'desc')
    .orderBy('member_requests.id')
    .execute();
  return rows.map(logEntry);
}

/** One request as the log shows it, or null when the assembly has none by that id. */
export async function findRequestLogEntry(
  db: Executor,
  assemblyId: string,
  id: string,
): Promise<RequestLogEntry | null> {
  const row = await logQuery(db)
    .where('member_requests.assembly_id', '=', assemblyId)
    .where('member_requests.id', '=', id)
    .executeTakeFirst();
  return row ? logEntry(row) : null;
}

/** Her own requests with their answers, newest first. */
export async function listRequestsOfPerson(db: Executor, personId: string): Promise<RequestLogEntry[]> {
  const rows = await logQuery(db)
    .where('member_requests.person_id', '=', personId)
    .orderBy('member_requests.created_at', 'desc')
    .orderBy('member_requests.id')
    .execute();
  return rows.map(logEntry);
}

/**
 * Blanks the questions a person asked, when her personal data is erased: her own words may say
 * something about her. The answers (the organisers' words), dates and statuses stay in the log.
 */
export async function blankQuestionsOf(db: Executor, personId: string): Promise<number> {
  const result = await db
    .updateTable('member_requests')
    .set({ question: '' })
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
