/** The audit log: who changed what, when. Details hold ids and counts, never personal data. */
import { type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type { AuditEventsTable } from '../db/schema.ts';
import { type Executor, toCount } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

/** An event's details: named values (ids, counts, terms), as `recordAudit` stored them. */
export type AuditDetails = Record<string, unknown>;
const auditDetails = z.record(z.string(), z.unknown());

export interface AuditEvent extends Omit<Selectable<AuditEventsTable>, 'details'> {
  details: AuditDetails;
}

export interface NewAuditEvent {
  at: string;
  actorId: string;
  assemblyId?: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: AuditDetails;
}

export async function recordAudit(db: Executor, event: NewAuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      at: event.at,
      actor_id: event.actorId,
      assembly_id: event.assemblyId ?? null,
      action: event.action,
      subject_type: event.subjectType ?? null,
      subject_id: event.subjectId ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

export interface AuditPage {
  events: (AuditEvent & { actor_name: string | null })[];
  total: number;
}

export async function listAudit(
  db: Executor,
  filter: { assemblyId?: string; subjectId?: string; limit: number; offset: number },
): Promise<AuditPage> {
  let q = db.selectFrom('audit_events');
  if (filter.assemblyId) q = q.where('assembly_id', '=', filter.assemblyId);
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('accounts', 'accounts.id', 'audit_events.actor_id')
    .selectAll('audit_events')
    .select('accounts.display_name as actor_name')
    .orderBy('audit_events.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const events = rows.map((row) => ({
    ...row,
    details: readStoredJson(auditDetails, row.details, 'audit details'),
  }));
  return { events, total: toCount(total.n as string | number) };
}

/**
 * The assembly's actions counted by action and month (YYYY-MM): the evaluator's summary of the log,
 * which reads no actor, subject or details.
 */
export async function countAuditByMonth(
  db: Executor,
  assemblyId: string,
): Promise<{ action: string; month: string; count: number }[]> {
  const month = sql<string>`substr(at, 1, 7)`;
  const rows = await db
    .selectFrom('audit_events')
    .select((eb) => ['action', month.as('month'), eb.fn.countAll().as('n')])
    .where('assembly_id', '=', assemblyId)
    .groupBy(['action', month])
    .execute();
  return rows.map((r) => ({ action: r.action, month: r.month, count: toCount(r.n as string | number) }));
}
