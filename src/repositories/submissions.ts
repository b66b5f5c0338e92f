/**
 * What the public sends in: the rows as the review pages and commands use them, and the retention
 * rule's blanking of the sender's name, organisation and e-mail.
 */
import type { Insertable, Selectable } from 'kysely';
import type { PublicSubmissionsTable } from '../db/schema.ts';
import { type SubmissionStatus, submissionStatuses } from '../domain/requests.ts';
import type { Executor } from './executor.ts';

type Row = Selectable<PublicSubmissionsTable>;

export interface PublicSubmission extends Omit<Row, 'status' | 'publish_name'> {
  status: SubmissionStatus;
  publish_name: boolean;
}

function decoded(row: Row): PublicSubmission {
  const status = (submissionStatuses as readonly string[]).includes(row.status)
    ? (row.status as SubmissionStatus)
    : 'pending';
  return { ...row, status, publish_name: row.publish_name === 1 };
}

export async function insertSubmission(db: Executor, row: Insertable<PublicSubmissionsTable>): Promise<void> {
  await db.insertInto('public_submissions').values(row).execute();
}

export async function listSubmissions(db: Executor, assemblyId: string): Promise<PublicSubmission[]> {
  const rows = await db
    .selectFrom('public_submissions')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(decoded);
}

export async function findSubmission(
  db: Executor,
  assemblyId: string,
  id: string,
): Promise<PublicSubmission | null> {
  const row = await db
    .selectFrom('public_submissions')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? decoded(row) : null;
}

/** Accepts or rejects a pending submission; false when it is not there or no longer pending. */
export async function reviewSubmission(
  db: Executor,
  assemblyId: string,
  id: string,
  change: {
    status: 'accepted' | 'rejected';
    reason: string;
    evidence_item_id: string | null;
    reviewed_at: string;
    reviewed_by: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('public_submissions')
    .set(change)
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Blanks the sender's name, organisation and e-mail of every submission last sent or reviewed before
 * `before`; returns how many. What was sent (title, text, link) stays: it is the assembly's material.
 */
export async function eraseSubmissionSenders(db: Executor, before: string, at: string): Promise<number> {
  const result = await db
    .updateTable('public_submissions')
    .set({ sender_name: null, sender_organisation: null, sender_email: null, sender_erased_at: at })
    .where('sender_erased_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('reviewed_at', 'is not', null), eb('reviewed_at', '<', before)]),
        eb.and([eb('reviewed_at', 'is', null), eb('created_at', '<', before)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
