/**
 * Recording a call to a panel member. A yes or a no moves the member's status by the same rules as any
 * status change; "no answer" and "call again" are only noted. The outcome, the status change and the
 * audit event are written together or not at all.
 */
import type { Database } from '../db/connect.ts';
import { type CallOutcome, callListStatuses, callOutcomes } from '../domain/calls.ts';
import { fieldProblem, problemParams } from '../domain/field-limits.ts';
import { canMove, isPersonStatus, type PersonStatus } from '../domain/person-status.ts';
import { messageLanguage, titleIn } from '../mail/messages.ts';
import { queueOutboxMessage } from '../mail/send-job.ts';
import { findAccount } from '../repositories/accounts.ts';
import { findAssembly } from '../repositories/assemblies.ts';
import { insertCallOutcome } from '../repositories/call-outcomes.ts';
import type { Executor } from '../repositories/executor.ts';
import { changeStatus, findPerson } from '../repositories/people.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

export { type CallOutcome, callCommentMax, callListStatuses, callOutcomes } from '../domain/calls.ts';

/** The status an outcome moves the member to; the others change nothing but the call record. */
const statusAfter: Partial<Record<CallOutcome, PersonStatus>> = {
  confirmed: 'confirmed',
  declined: 'declined',
};

export function isCallOutcome(value: string): value is CallOutcome {
  return (callOutcomes as readonly string[]).includes(value);
}

export async function recordCallOutcome(
  database: Database,
  actor: Actor,
  role: string,
  assemblyId: string,
  personId: string,
  outcome: string,
  comment: string | null,
  options: { reminder?: CallBackReminder } = {},
): Promise<{ from: string; to: string }> {
  if (!isCallOutcome(outcome)) throw new CommandError('call_outcome_invalid', 'outcome');
  const problem = comment ? fieldProblem('comment', comment) : null;
  if (problem) throw new CommandError(problem.code, 'comment', problemParams(problem));
  const due = outcome === 'call_again' ? options.reminder?.due : undefined;
  // A reminder for a time gone by would arrive at once, as if the caller had asked for none.
  if (due !== undefined && !(Date.parse(due) > Date.parse(now())))
    throw new CommandError('call_back_time_past', 'call_back_at');
  return inTransaction(database, async (trx, audit) => {
    const person = await findPerson(trx, assemblyId, personId);
    if (!person || !(callListStatuses as readonly string[]).includes(person.status)) {
      throw new CommandError('not_found');
    }
    const at = now();
    const by = actorId(actor);
    const moveTo = statusAfter[outcome];
    const to = moveTo ?? person.status;
    if (moveTo) {
      if (!isPersonStatus(person.status) || !canMove(person.status, moveTo, role)) {
        throw new CommandError('status_move_not_allowed', 'outcome', { from: person.status, to: moveTo });
      }
      const changed = await changeStatus(trx, personId, { from: person.status, to: moveTo, at, by, comment });
      if (!changed) throw new CommandError('changed_meanwhile', 'outcome');
    }
    await insertCallOutcome(trx, { person_id: personId, outcome, comment, at, by });
    if (outcome === 'call_again' && actor.kind === 'staff' && options.reminder)
      await queueCallBackReminder(trx, database, actor.accountId, assemblyId, person.reference, {
        reminder: options.reminder,
        at,
      });
    await audit({
      actorId: by,
      assemblyId,
      action: 'person.call',
      subjectType: 'person',
      subjectId: personId,
      at,
      // Never the comment: it is free text about a person.
      details: { outcome, from: person.status, to, reference: person.reference },
    });
    return { from: person.status, to };
  });
}

/**
 * A call-back reminder: an e-mail to the caller who recorded "call again", due at the time they gave
 * or else the next morning at 08:00 Swedish time. Only queued while e-mail is on: printed, a reminder
 * to oneself would be no use. It names the person by reference only.
 */
export interface CallBackReminder {
  siteUrl: string;
  /** ISO time to be reminded at; the next morning when absent. */
  due?: string;
}

/** 08:00 in Stockholm on the day after `at` (07:00 UTC in winter, 06:00 in summer). */
export function nextMorning(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1, 8));
  const stockholmHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: 'numeric', hour12: false }).format(
      day,
    ),
  );
  return new Date(day.getTime() - (stockholmHour - 8) * 3_600_000);
}

async function queueCallBackReminder(
  trx: Executor,
  database: Database,
  accountId: string,
  assemblyId: string,
  reference: string,
  { reminder, at }: { reminder: CallBackReminder; at: string },
): Promise<void> {
  const account = await findAccount(trx, accountId);
  const assembly = await findAssembly(trx, assemblyId);
  if (!account || !assembly) return;
  const due =
    reminder.due && !Number.isNaN(Date.parse(reminder.due))
      ? new Date(reminder.due)
      : nextMorning(new Date(at));
  const language = messageLanguage(account.language, assembly);
  await queueOutboxMessage(trx, database, {
    assemblyId,
    recipient: { kind: 'account', id: account.id },
    channel: 'email',
    address: account.email,
    language,
    template: 'call_back_reminder',
    parameters: {
      reference,
      title: titleIn(assembly, language),
      due: new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Europe/Stockholm',
      }).format(due),
      link: `${reminder.siteUrl.replace(/\/+$/, '')}/a/${assemblyId}/calls?filter=call_again`,
    },
    notBefore: due.toISOString(),
    at,
  });
}
