/**
 * Recording a call to a panel member. A yes or a no moves the member's status by the same rules as any
 * status change; "no answer" and "call again" are only noted. The outcome, the status change and the
 * audit event are written together or not at all.
 */
import type { Database } from '../db/connect.ts';
import { fieldLimits, fieldProblem, problemParams } from '../domain/field-limits.ts';
import { canMove, isPersonStatus, type PersonStatus } from '../domain/person-status.ts';
import { insertCallOutcome } from '../repositories/call-outcomes.ts';
import { changeStatus, findPerson } from '../repositories/people.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

export const callOutcomes = ['confirmed', 'declined', 'no_answer', 'call_again'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/** Callers phone people from the selection onwards, in this order of urgency. */
export const callListStatuses: readonly PersonStatus[] = ['selected', 'confirmed', 'declined', 'withdrawn'];

export const callCommentMax = fieldLimits.comment;

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
): Promise<{ from: string; to: string }> {
  if (!isCallOutcome(outcome)) throw new CommandError('call_outcome_invalid', 'outcome');
  const problem = comment ? fieldProblem('comment', comment) : null;
  if (problem) throw new CommandError(problem.code, 'comment', problemParams(problem));
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
