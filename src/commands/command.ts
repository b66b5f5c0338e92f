/**
 * What every command shares: who acts, the clock, and the refusal a person can act on. A command runs
 * its changes and its audit event in one transaction, so the log never misses a change and a failed
 * command leaves nothing half-written.
 */
import type { Database } from '../db/connect.ts';
import { type NewAuditEvent, recordAudit } from '../repositories/audit.ts';
import type { Executor } from '../repositories/executor.ts';

export type Actor =
  | { kind: 'staff'; accountId: string; isAdmin: boolean }
  | { kind: 'person'; personId: string }
  | { kind: 'system' };

/** The id written to the audit log and status history for an actor. */
export function actorId(actor: Actor): string {
  if (actor.kind === 'staff') return actor.accountId;
  if (actor.kind === 'person') return 'self';
  return 'system';
}

/** One reason a command refuses, next to `field` when it names one. */
export interface Refusal {
  code: string;
  params: Record<string, string | number>;
  field?: string;
}

/**
 * A refusal the interface shows to the person: `code` is a message key (`errors.<code>`), `field` the
 * form field it belongs next to, `params` fill the message.
 */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    readonly field?: string,
    readonly params: Record<string, string | number> = {},
    /**
     * Further refusals shown together with the first: of the same field (e.g. every bad dice roll),
     * or of the field they name, so that a form learns every problem at once.
     */
    readonly also: readonly Refusal[] = [],
  ) {
    super(code);
    this.name = 'CommandError';
  }
}

export function now(): string {
  return new Date().toISOString();
}

/** Runs fn in a transaction and records its audit event(s) in the same transaction. */
export async function inTransaction<T>(
  database: Database,
  fn: (
    trx: Executor,
    audit: (event: Omit<NewAuditEvent, 'at'> & { at?: string }) => Promise<void>,
  ) => Promise<T>,
): Promise<T> {
  const committed: (() => void)[] = [];
  const result = await database.db.transaction().execute(async (trx) => {
    afterCommit.set(trx, committed);
    const audit = (event: Omit<NewAuditEvent, 'at'> & { at?: string }) =>
      recordAudit(trx, { ...event, at: event.at ?? now() });
    return fn(trx, audit);
  });
  for (const callback of committed) callback();
  return result;
}

const afterCommit = new WeakMap<Executor, (() => void)[]>();

/**
 * Runs `callback` once the command's transaction has committed (at once when `trx` is not one):
 * waking a job runner for a job the transaction queued, which another process's connection cannot
 * see before the commit.
 */
export function onCommit(trx: Executor, callback: () => void): void {
  const pending = afterCommit.get(trx);
  if (pending) pending.push(callback);
  else setImmediate(callback);
}
