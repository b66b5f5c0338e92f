/** The audit log: who changed what, when. Details hold ids and counts, never personal data. */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { AuditEventsTable } from '../db/schema.ts';
import { type Executor, toCount } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

/** What an event's details hold: named values (ids, counts, terms), as `recordAudit` wrote them. */
const auditDetailsSchema = z.record(z.string(), z.unknown());
export type AuditDetails = z.output<typeof auditDetailsSchema>;

/** An event as read: its details decoded. */
export type AuditEvent = Omit<Selectable<AuditEventsTable>, 'details'> & { details: AuditDetails };

export interface NewAuditEvent {
  at: string;
  actorId: string;
  assemblyId?: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
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
  const events = await q
    .leftJoin('accounts', 'accounts.id', 'audit_events.actor_id')
    .selectAll('audit_events')
    .select('accounts.display_name as actor_name')
    .orderBy('audit_events.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return {
    events: events.map((e) => ({
      ...e,
      details: readStoredJson(auditDetailsSchema, e.details, 'audit details'),
    })),
    total: toCount(total.n as string | number),
  };
}
