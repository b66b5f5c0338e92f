/**
 * A volunteer answers their letter: the invite code admits them once, their answers go to the
 * pseudonymous record, their contact details and needs to the personal tables.
 */
import type { Database } from '../db/connect.ts';
import { requiredConsents } from '../domain/consents.ts';
import { firstFieldProblem, problemParams } from '../domain/field-limits.ts';
import { normaliseInviteCode } from '../domain/invite-code.ts';
import { matchOption, type Question } from '../domain/questions.ts';
import { queueRegistrationReceipt } from '../mail/messages.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import { findAssembly, listQuestions } from '../repositories/assemblies.ts';
import { findInvitationByCode, markInvitationUsed } from '../repositories/invitations.ts';
import { type ContactFields, insertPerson, nextReference } from '../repositories/people.ts';
import { CommandError, inTransaction, now } from './command.ts';

export interface Registration {
  assemblyId: string;
  code: string;
  answers: Record<string, string>;
  contact: ContactFields;
  needs: string[];
  needsDetails: string | null;
  consents: string[];
}

export function questionsOf(rows: { key: string; label: string; options: string }[]): Question[] {
  return rows.map((r) => ({ key: r.key, label: JSON.parse(r.label), options: JSON.parse(r.options) }));
}

/** Checks a code without using it: for the first step of the form. */
export async function checkInviteCode(
  database: Database,
  assemblyId: string,
  typed: string,
): Promise<string> {
  const code = normaliseInviteCode(typed);
  if (!code) throw new CommandError('invite_code_malformed', 'code');
  const invitation = await findInvitationByCode(database.db, code);
  if (!invitation || invitation.assembly_id !== assemblyId)
    throw new CommandError('invite_code_unknown', 'code');
  if (invitation.used_at) throw new CommandError('invite_code_used', 'code');
  return code;
}

export async function registerVolunteer(
  database: Database,
  r: Registration,
): Promise<{ personId: string; reference: string }> {
  const assembly = await findAssembly(database.db, r.assemblyId);
  if (!assembly) throw new CommandError('not_found');
  if (!assembly.registration_open) throw new CommandError('registration_closed');
  // The same limits as every other way in, whatever the form in front of this command checked.
  const over = firstFieldProblem({ ...r.contact, needs_details: r.needsDetails });
  if (over) throw new CommandError(over.problem.code, over.field, problemParams(over.problem));
  const code = await checkInviteCode(database, r.assemblyId, r.code);
  for (const kind of requiredConsents) {
    if (!r.consents.includes(kind)) throw new CommandError('consent_required', `consent_${kind}`);
  }
  const questions = await listQuestions(database.db, r.assemblyId);
  const answers: Record<string, string> = {};
  for (const q of questions) {
    const raw = r.answers[q.key];
    if (raw === undefined) throw new CommandError('answer_required', `answer_${q.key}`);
    const value = matchOption(q, raw);
    if (value === null) throw new CommandError('answer_invalid', `answer_${q.key}`);
    answers[q.key] = value;
  }
  const at = now();
  // Two people registering at the same moment may compute the same next reference on PostgreSQL;
  // the unique index refuses the second, which then simply tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await insertRegistration(database, r, assembly, code, answers, at);
    } catch (error) {
      if (attempt >= 5 || !isUniqueViolation(error) || error instanceof CommandError) throw error;
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function insertRegistration(
  database: Database,
  r: Registration,
  assembly: Assembly,
  code: string,
  answers: Record<string, string>,
  at: string,
): Promise<{ personId: string; reference: string }> {
  return inTransaction(database, async (trx, audit) => {
    const invitation = (await findInvitationByCode(trx, code))!;
    // Two submissions of one code at once: only the first marks it used, the second is refused.
    if (!(await markInvitationUsed(trx, invitation.id, at)))
      throw new CommandError('invite_code_used', 'code');
    const personId = crypto.randomUUID();
    const reference = await nextReference(trx, r.assemblyId);
    await insertPerson(trx, {
      person: {
        id: personId,
        assembly_id: r.assemblyId,
        reference,
        source: 'registration',
        external_key: null,
        invitation_id: invitation.id,
        status: 'registered',
        status_changed_at: at,
        member_token_hash: null,
        created_at: at,
        erased_at: null,
      },
      contact: r.contact,
      needs: { needs: r.needs, details: r.needsDetails },
      answers,
      consents: r.consents.map((kind) => ({ kind, given_at: at })),
      changedBy: 'self',
      comment: null,
    });
    await queueRegistrationReceipt(
      trx,
      database,
      assembly,
      { id: personId, reference, email: r.contact.email, preferredLanguage: r.contact.preferred_language },
      at,
    );
    await audit({
      actorId: 'self',
      assemblyId: r.assemblyId,
      action: 'person.register',
      subjectType: 'person',
      subjectId: personId,
      details: { reference },
    });
    return { personId, reference };
  });
}
