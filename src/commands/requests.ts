/**
 * Members' requests for information or a speaker: asked by the member herself or by a facilitator
 * on her behalf, then answered (a text, material from the library, or both) or declined with a
 * reason. Each step and its audit event in one transaction; the audit keeps ids only, never the
 * question, which the member may have written about herself. A member with an e-mail address is told
 * through the outbox that her request was handled.
 */
import type { Database } from '../db/connect.ts';
import { requestFieldLimits } from '../domain/field-limits.ts';
import { isPersonStatus } from '../domain/person-status.ts';
import {
  answerRefusals,
  type Refusal,
  type RequestInput,
  reasonRefusals,
  requestRefusals,
} from '../domain/requests.ts';
import { can, memberRoleOf } from '../domain/roles.ts';
import { queueRequestHandled } from '../mail/messages.ts';
import { findAssembly } from '../repositories/assemblies.ts';
import { findEvidence } from '../repositories/evidence.ts';
import type { Executor } from '../repositories/executor.ts';
import { findContact, findPerson } from '../repositories/people.ts';
import { closeRequest, findRequest, insertRequest } from '../repositories/requests.ts';
import { findSession } from '../repositories/sessions.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

function refuseAll(refusals: Refusal[]): void {
  const [first, ...rest] = refusals;
  if (first) throw new CommandError(first.code, first.field, first.params, rest);
}

/** Only the confirmed panel asks: a volunteer (or someone gone) is refused next to the name field. */
async function checkAsker(trx: Executor, assemblyId: string, personId: string): Promise<void> {
  const person = await findPerson(trx, assemblyId, personId);
  const member =
    person && !person.erased_at && isPersonStatus(person.status)
      ? can(memberRoleOf(person.status), 'requests:ask')
      : false;
  if (!member) throw new CommandError('request_not_member', 'person');
}

/**
 * Records a request of the member `personId`. `actor` is the member herself, or the staff member
 * asking on her behalf (who is named in the row, so the organisers can ask back).
 */
export async function askRequest(
  database: Database,
  actor: Actor,
  assemblyId: string,
  personId: string,
  input: RequestInput,
): Promise<string> {
  refuseAll(requestRefusals(input));
  const id = crypto.randomUUID();
  await inTransaction(database, async (trx, audit) => {
    await checkAsker(trx, assemblyId, personId);
    if (input.sessionId && !(await findSession(trx, assemblyId, input.sessionId)))
      throw new CommandError('not_found', 'session');
    await insertRequest(trx, {
      id,
      assembly_id: assemblyId,
      person_id: personId,
      kind: input.kind,
      question: input.question.trim(),
      session_id: input.sessionId || null,
      asked_by: actor.kind === 'staff' ? actor.accountId : null,
      status: 'open',
      created_at: now(),
      handled_at: null,
      handled_by: null,
      evidence_item_id: null,
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'requests.ask',
      subjectType: 'request',
      subjectId: id,
      details: { kind: input.kind },
    });
  });
  return id;
}

/** Tells the member, if she gave an e-mail address, that her request was handled. */
async function tellMember(
  trx: Executor,
  database: Database,
  assemblyId: string,
  personId: string,
  at: string,
) {
  const assembly = await findAssembly(trx, assemblyId);
  const contact = await findContact(trx, personId);
  if (!assembly || !contact?.email) return;
  await queueRequestHandled(
    trx,
    database,
    assembly,
    {
      id: personId,
      email: contact.email,
      preferredLanguage: contact.preferred_language,
    },
    at,
  );
}

async function close(
  database: Database,
  actor: Actor,
  assemblyId: string,
  requestId: string,
  change: { status: 'answered' | 'declined'; answer: string; evidenceItemId: string | null },
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const request = await findRequest(trx, assemblyId, requestId);
    if (!request) throw new CommandError('not_found');
    if (request.status !== 'open') throw new CommandError('request_closed');
    if (change.evidenceItemId && !(await findEvidence(trx, assemblyId, change.evidenceItemId)))
      throw new CommandError('not_found', 'evidence_item');
    const at = now();
    await closeRequest(trx, assemblyId, requestId, {
      status: change.status,
      answer: change.answer.trim(),
      evidence_item_id: change.evidenceItemId,
      handled_at: at,
      handled_by: actorId(actor),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: change.status === 'answered' ? 'requests.answer' : 'requests.decline',
      subjectType: 'request',
      subjectId: requestId,
      details: change.evidenceItemId ? { evidence_item: change.evidenceItemId } : undefined,
    });
    await tellMember(trx, database, assemblyId, request.person_id, at);
  });
}

/** Answers an open request with a text, an item of the library, or both. */
export async function answerRequest(
  database: Database,
  actor: Actor,
  assemblyId: string,
  requestId: string,
  answer: { text: string; evidenceItemId: string },
): Promise<void> {
  refuseAll(answerRefusals(answer.text, answer.evidenceItemId));
  await close(database, actor, assemblyId, requestId, {
    status: 'answered',
    answer: answer.text,
    evidenceItemId: answer.evidenceItemId || null,
  });
}

/** Declines an open request; the reason is required and shown to the member and in the log. */
export async function declineRequest(
  database: Database,
  actor: Actor,
  assemblyId: string,
  requestId: string,
  reason: string,
): Promise<void> {
  refuseAll(reasonRefusals(reason, requestFieldLimits.reason));
  await close(database, actor, assemblyId, requestId, {
    status: 'declined',
    answer: reason,
    evidenceItemId: null,
  });
}
