/**
 * A volunteer answers their letter: the invite code admits them once, their answers go to the
 * pseudonymous record, their contact details and needs to the personal tables.
 */
import type { Database } from '../db/connect.ts';
import { requiredConsents } from '../domain/consents.ts';
import { isEmailAddress } from '../domain/email-address.ts';
import { fieldProblem, type LimitedField, problemParams } from '../domain/field-limits.ts';
import { normaliseInviteCode } from '../domain/invite-code.ts';
import { matchOption } from '../domain/questions.ts';
import { queueRegistrationReceipt } from '../mail/messages.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import { findAssembly, listQuestions } from '../repositories/assemblies.ts';
import { findInvitationByCode, markInvitationUsed } from '../repositories/invitations.ts';
import { type ContactFields, insertPerson, nextReference } from '../repositories/people.ts';
import { CommandError, inTransaction, now, type Refusal } from './command.ts';

export interface Registration {
  assemblyId: string;
  code: string;
  answers: Record<string, string>;
  contact: ContactFields;
  needs: string[];
  needsDetails: string | null;
  consents: string[];
  /**
   * Whether the person must leave an e-mail address or a phone number. The public form asks for one
   * so that the organisers can reach the volunteer; a registration entered otherwise may rely on the
   * postal address.
   */
  reachable?: boolean;
}

/** Why a typed code cannot be used for the assembly (a message key), or null when it can. */
async function inviteCodeProblem(
  database: Database,
  assemblyId: string,
  typed: string,
): Promise<string | null> {
  if (!typed.trim()) return 'required';
  const code = normaliseInviteCode(typed);
  if (!code) return 'invite_code_malformed';
  const invitation = await findInvitationByCode(database.db, code);
  if (!invitation || invitation.assembly_id !== assemblyId) return 'invite_code_unknown';
  return invitation.used_at ? 'invite_code_used' : null;
}

/** The refusals of the contact details and needs, one per field: a limit problem before any other. */
function contactRefusals(r: Registration): Refusal[] {
  const refusals = new Map<string, Refusal>();
  const refuse = (field: string, code: string, params: Record<string, string | number> = {}) => {
    if (!refusals.has(field)) refusals.set(field, { code, field, params });
  };
  if (!r.contact.full_name.trim()) refuse('full_name', 'name_required');
  const { email, phone } = r.contact;
  if (r.reachable && !email && !phone) refuse('email', 'email_or_phone_required');
  for (const [field, value] of Object.entries({ ...r.contact, needs_details: r.needsDetails })) {
    const problem = typeof value === 'string' ? fieldProblem(field as LimitedField, value) : null;
    if (problem) refusals.set(field, { code: problem.code, field, params: problemParams(problem) });
  }
  if (email && !refusals.has('email') && !isEmailAddress(email)) refuse('email', 'email_invalid');
  const order = ['full_name', 'email', 'phone', 'address', 'postcode', 'city', 'preferred_language'];
  return [...refusals.values()].sort((a, b) => rank(order, a.field) - rank(order, b.field));
}

function rank(order: string[], field: string | undefined): number {
  const at = order.indexOf(field ?? '');
  return at < 0 ? order.length : at;
}

/**
 * Every reason to refuse the registration, in the order of the form (code, answers, contact details,
 * needs, consents), so that a person sees them all at once; with the answers as stored.
 */
async function registrationRefusals(
  database: Database,
  r: Registration,
): Promise<{ refusals: Refusal[]; answers: Record<string, string> }> {
  const refusals: Refusal[] = [];
  const code = await inviteCodeProblem(database, r.assemblyId, r.code);
  if (code) refusals.push({ code, field: 'code', params: {} });
  const answers: Record<string, string> = {};
  for (const q of await listQuestions(database.db, r.assemblyId)) {
    const raw = r.answers[q.key]?.trim();
    const value = raw ? matchOption(q, raw) : null;
    if (value !== null) answers[q.key] = value;
    else
      refusals.push({
        code: raw ? 'answer_invalid' : 'answer_required',
        field: `answer_${q.key}`,
        params: {},
      });
  }
  refusals.push(...contactRefusals(r));
  for (const kind of requiredConsents) {
    if (!r.consents.includes(kind))
      refusals.push({ code: 'consent_required', field: `consent_${kind}`, params: {} });
  }
  return { refusals, answers };
}

/**
 * Registers a volunteer. Refused with every problem at once (the first as the error, the others in
 * its `also`), each naming its field: the same rules whichever way the registration comes in.
 */
export async function registerVolunteer(
  database: Database,
  r: Registration,
): Promise<{ personId: string; reference: string }> {
  const assembly = await findAssembly(database.db, r.assemblyId);
  if (!assembly) throw new CommandError('not_found');
  if (!assembly.registration_open) throw new CommandError('registration_closed');
  const { refusals, answers } = await registrationRefusals(database, r);
  if (refusals.length > 0) {
    const [first, ...also] = refusals;
    throw new CommandError(first.code, first.field, first.params, also);
  }
  const code = normaliseInviteCode(r.code)!;
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
