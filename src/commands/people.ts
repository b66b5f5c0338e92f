/**
 * Changes to one person's record: status, consents, personal link, erasure; and the export of
 * everything stored about them.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/connect.ts';
import { fieldProblem, problemParams } from '../domain/field-limits.ts';
import { newInviteCode } from '../domain/invite-code.ts';
import { canMove, isPersonStatus } from '../domain/person-status.ts';
import { seatChange } from '../domain/seats.ts';
import { messageLanguage, titleIn } from '../mail/messages.ts';
import { queueOutboxMessage } from '../mail/send-job.ts';
import { findAssembly } from '../repositories/assemblies.ts';
import { listAttendanceOf } from '../repositories/attendance.ts';
import { listAudit } from '../repositories/audit.ts';
import { blankCallComments, callOutcomesOf } from '../repositories/call-outcomes.ts';
import type { Executor } from '../repositories/executor.ts';
import { listClaimsOf } from '../repositories/expenses.ts';
import { insertInvitations, takenCodes } from '../repositories/invitations.ts';
import { deleteLoginsOfPerson } from '../repositories/logins.ts';
import { blankMessagesTo, cancelQueuedMessages, listMessagesTo } from '../repositories/outbox.ts';
import {
  changeStatus,
  erasePersonalData,
  findAnswers,
  findContact,
  findNeeds,
  findPerson,
  insertConsent,
  listConsents,
  setMemberToken,
  statusHistory,
  withdrawConsent as withdrawConsentRow,
} from '../repositories/people.ts';
import { blankQuestionsOf, listRequestsOfPerson } from '../repositories/requests.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';
import { eraseClaims, removeReceipts } from './expenses.ts';
import { checkInvitationRoom } from './invitation-room.ts';
import { tokenHash } from './logins.ts';
import { guardSeats } from './seats.ts';

export async function changePersonStatus(
  database: Database,
  actor: Actor,
  role: string,
  assemblyId: string,
  personId: string,
  to: string,
  comment: string | null,
): Promise<void> {
  if (!isPersonStatus(to)) throw new CommandError('invalid_status', 'status');
  const problem = comment ? fieldProblem('comment', comment) : null;
  if (problem) throw new CommandError(problem.code, 'comment', problemParams(problem));
  await inTransaction(database, async (trx, audit) => {
    const person = await findPerson(trx, assemblyId, personId);
    if (!person) throw new CommandError('not_found');
    if (!isPersonStatus(person.status) || !canMove(person.status, to, role)) {
      throw new CommandError('status_move_not_allowed', 'status', { from: person.status, to });
    }
    // Taking a seat by hand is refused when the panel is full, as a run or a draw would be.
    const seats = seatChange(person.status, to) > 0 ? await guardSeats(trx, assemblyId) : null;
    const changed = await changeStatus(trx, personId, {
      from: person.status,
      to,
      at: now(),
      by: actorId(actor),
      comment,
    });
    if (!changed) throw new CommandError('changed_meanwhile', 'status');
    await seats?.check('status');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'person.status',
      subjectType: 'person',
      subjectId: personId,
      details: { from: person.status, to, reference: person.reference },
    });
  });
}

export async function withdrawConsent(
  database: Database,
  actor: Actor,
  assemblyId: string,
  personId: string,
  consentId: string,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const person = await findPerson(trx, assemblyId, personId);
    if (!person) throw new CommandError('not_found');
    const consent = (await listConsents(trx, personId)).find((c) => c.id === consentId);
    if (!consent) throw new CommandError('not_found');
    if (consent.withdrawn_at) return;
    await withdrawConsentRow(trx, consentId, now());
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'person.consent_withdrawn',
      subjectType: 'person',
      subjectId: personId,
      details: { kind: consent.kind },
    });
  });
}

/**
 * A member lets her name be published (on the public page, under a minority statement she signs):
 * a new consent, dated now; nothing happens when she already holds it.
 */
export async function givePublishNameConsent(
  database: Database,
  actor: Actor,
  assemblyId: string,
  personId: string,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const person = await findPerson(trx, assemblyId, personId);
    if (!person) throw new CommandError('not_found');
    const held = (await listConsents(trx, personId)).some(
      (c) => c.kind === 'publish_name' && !c.withdrawn_at,
    );
    if (held) return;
    await insertConsent(trx, {
      id: crypto.randomUUID(),
      person_id: personId,
      kind: 'publish_name',
      given_at: now(),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'person.consent_given',
      subjectType: 'person',
      subjectId: personId,
      details: { kind: 'publish_name' },
    });
  });
}

/** A new personal link for a member; any earlier link stops working. Returns the token once. */
export async function issueMemberLink(
  database: Database,
  actor: Actor,
  assemblyId: string,
  personId: string,
): Promise<string> {
  return (await issueMemberLinkWith(database, actor, assemblyId, personId, null)).token;
}

/**
 * A new personal link, also sent to the member in their language: by e-mail when they have an address
 * and e-mail is on, otherwise queued as a letter for the organiser to print. The message is queued in
 * the same transaction as the new token, so the link sent is always the one that works.
 */
export async function sendMemberLink(
  database: Database,
  actor: Actor,
  assemblyId: string,
  personId: string,
  delivery: { siteUrl: string; emailOn: boolean },
): Promise<{ token: string; channel: 'email' | 'letter' }> {
  const sent = await issueMemberLinkWith(database, actor, assemblyId, personId, delivery);
  return { token: sent.token, channel: sent.channel ?? 'letter' };
}

async function issueMemberLinkWith(
  database: Database,
  actor: Actor,
  assemblyId: string,
  personId: string,
  delivery: { siteUrl: string; emailOn: boolean } | null,
): Promise<{ token: string; channel: 'email' | 'letter' | null }> {
  const token = randomBytes(24).toString('base64url');
  const channel = await inTransaction(database, async (trx, audit) => {
    const person = await findPerson(trx, assemblyId, personId);
    if (!person || person.erased_at) throw new CommandError('not_found');
    await setMemberToken(trx, personId, tokenHash(token));
    // Whoever opened the earlier link (it may have been forwarded or found) loses access with it.
    await deleteLoginsOfPerson(trx, personId);
    let channel: 'email' | 'letter' | null = null;
    if (delivery) {
      const at = now();
      const assembly = (await findAssembly(trx, assemblyId))!;
      const contact = await findContact(trx, personId);
      const language = messageLanguage(contact?.preferred_language, assembly);
      channel = delivery.emailOn && contact?.email ? 'email' : 'letter';
      // An earlier link still waiting to go out no longer works: it is not sent.
      await cancelQueuedMessages(trx, personId, 'personal_link', at);
      await queueOutboxMessage(trx, database, {
        assemblyId,
        recipient: { kind: 'person', id: personId },
        channel,
        address: channel === 'email' ? (contact?.email ?? null) : null,
        language,
        template: 'personal_link',
        parameters: {
          title: titleIn(assembly, language),
          link: `${delivery.siteUrl.replace(/\/+$/, '')}/m/${token}`,
          coordinator: assembly.coordinator,
        },
        at,
      });
    }
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'person.member_link',
      subjectType: 'person',
      subjectId: personId,
      details: channel ? { sentAs: channel } : undefined,
    });
    return channel;
  });
  return { token, channel };
}

/**
 * Erasure on request: names, contacts, address and needs are deleted, as are comments in the status
 * history; the pseudonymous id, answers and statuses stay so earlier selections can be verified.
 * Her expense claims lose their descriptions and receipts (the files in `dataDir` are deleted once
 * the erasure has committed); their amounts stay in the accounts.
 */
export async function erasePerson(
  database: Database,
  actor: Actor,
  assemblyId: string,
  personId: string,
  dataDir: string,
): Promise<void> {
  const receipts = await inTransaction(database, async (trx, audit) => {
    const person = await findPerson(trx, assemblyId, personId);
    if (!person) throw new CommandError('not_found');
    if (person.erased_at) return [];
    const at = now();
    await erasePersonalData(trx, personId, at);
    const receiptKeys = await eraseClaims(trx, personId, at);
    await blankCallComments(trx, personId);
    await blankQuestionsOf(trx, personId);
    // Queued and sent messages hold the address and what the text needed (a name, a link).
    await blankMessagesTo(trx, personId, at);
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'person.erase',
      subjectType: 'person',
      subjectId: personId,
      details: { reference: person.reference },
    });
    return receiptKeys;
  });
  await removeReceipts(dataDir, receipts);
}

/** What her taking part in the assembly left: attendance, questions and expense claims. */
async function takingPart(trx: Executor, assemblyId: string, personId: string) {
  return {
    attendance: (await listAttendanceOf(trx, assemblyId, personId)).map((mark) => ({
      session: mark.sessionId,
      status: mark.status,
      arrivedAt: mark.arrivedAt,
      leftAt: mark.leftAt,
      reason: mark.reason,
      markedAt: mark.markedAt,
    })),
    requests: (await listRequestsOfPerson(trx, personId)).map((r) => ({
      kind: r.kind,
      question: r.question,
      askedAt: r.askedAt,
      status: r.status,
      answer: r.answer,
      handledAt: r.handledAt,
    })),
    // Her expense claims: what she claimed and what became of it (the receipts are files of their own).
    expenseClaims: (await listClaimsOf(trx, assemblyId, personId)).map((c) => ({
      sessionId: c.sessionId,
      kind: c.kind,
      amountOre: c.amountOre,
      description: c.description,
      receipt: c.receipt?.name ?? null,
      status: c.status,
      approvedOre: c.approvedOre,
      reason: c.reason,
      submittedAt: c.submittedAt,
      paidAt: c.paidAt,
    })),
  };
}

/** Everything stored about a person, for a subject access request (GDPR article 15). */
export async function exportPerson(database: Database, actor: Actor, assemblyId: string, personId: string) {
  return inTransaction(database, async (trx, audit) => {
    const person = await findPerson(trx, assemblyId, personId);
    if (!person) throw new CommandError('not_found');
    const record = {
      exportedAt: now(),
      person: {
        id: person.id,
        reference: person.reference,
        source: person.source,
        status: person.status,
        createdAt: person.created_at,
        erasedAt: person.erased_at,
      },
      contact: (await findContact(trx, personId)) ?? null,
      needs: await findNeeds(trx, personId),
      answers: await findAnswers(trx, personId),
      consents: await listConsents(trx, personId),
      calls: (await callOutcomesOf(trx, personId)).map((call) => ({
        outcome: call.outcome,
        comment: call.comment,
        at: call.at,
      })),
      ...(await takingPart(trx, assemblyId, personId)),
      // What was sent to the person, and where (the texts themselves are not kept once sent).
      messages: (await listMessagesTo(trx, 'person', personId)).map((m) => ({
        kind: m.template,
        channel: m.channel,
        address: m.address,
        language: m.language,
        status: m.status,
        createdAt: m.created_at,
        sentAt: m.sent_at,
      })),
      statusHistory: (await statusHistory(trx, personId)).map((h) => ({
        from: h.from_status,
        to: h.to_status,
        at: h.changed_at,
        by: h.actor_name ?? h.changed_by,
        comment: h.comment,
      })),
      auditEvents: (await listAudit(trx, { subjectId: personId, limit: 1000, offset: 0 })).events.map(
        (e) => ({
          at: e.at,
          action: e.action,
          by: e.actor_name ?? e.actor_id,
        }),
      ),
    };
    if (record.contact) delete (record.contact as { search_text?: string }).search_text;
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'person.export',
      subjectType: 'person',
      subjectId: personId,
    });
    return record;
  });
}

/** New invite codes for letters; the count is capped so a slip of the finger does not fill the disk. */
export async function createInvitations(
  database: Database,
  actor: Actor,
  assemblyId: string,
  count: number,
): Promise<string[]> {
  if (!Number.isInteger(count) || count < 1 || count > 100_000)
    throw new CommandError('invitation_count', 'count');
  return inTransaction(database, async (trx, audit) => {
    await checkInvitationRoom(trx, assemblyId, count);
    // Only the codes being made are looked up (codes are unique across assemblies), so making a
    // few more costs the same however many exist.
    const codes = new Set<string>();
    while (codes.size < count) {
      const fresh = new Set<string>();
      while (fresh.size < count - codes.size) {
        const code = newInviteCode();
        if (!codes.has(code)) fresh.add(code);
      }
      const taken = await takenCodes(trx, [...fresh]);
      for (const code of fresh) if (!taken.has(code)) codes.add(code);
    }
    const at = now();
    await insertInvitations(
      trx,
      [...codes].map((code) => ({
        id: crypto.randomUUID(),
        assembly_id: assemblyId,
        code,
        created_at: at,
        used_at: null,
      })),
    );
    await audit({ actorId: actorId(actor), assemblyId, action: 'invitations.create', details: { count } });
    return [...codes];
  });
}
