/**
 * The programme as a member sees it: the published sessions of her assembly, for her page, her
 * calendar file, and the secret subscription address a calendar app reads without a login.
 */
import { tokenHash } from '../commands/logins.ts';
import { membersSessions } from '../domain/member-programme.ts';
import { isPersonStatus } from '../domain/person-status.ts';
import { can, memberRoleOf } from '../domain/roles.ts';
import { isLanguage, type Language } from '../i18n/i18n.ts';
import { type Assembly, findAssembly } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { findContact, findPersonById, findPersonByMemberToken } from '../repositories/people.ts';
import { type AssemblySession, listSessions } from '../repositories/sessions.ts';

export interface MemberProgramme {
  assembly: Assembly;
  /** Published and cancelled sessions in time order; drafts never. */
  sessions: AssemblySession[];
}

/** The sessions she may see, or null when she may not see the programme. */
export async function programmeSessions(
  db: Executor,
  person: { assembly_id: string; status: string; erased_at: string | null },
): Promise<AssemblySession[] | null> {
  if (person.erased_at) return null;
  // Only the confirmed panel meets; a volunteer's link reaches her own data, not the programme.
  if (!isPersonStatus(person.status) || !can(memberRoleOf(person.status), 'programme:view')) return null;
  return membersSessions(await listSessions(db, person.assembly_id));
}

async function programmeOf(
  db: Executor,
  person: { assembly_id: string; status: string; erased_at: string | null },
): Promise<MemberProgramme | null> {
  const sessions = await programmeSessions(db, person);
  const assembly = sessions ? await findAssembly(db, person.assembly_id) : null;
  return sessions && assembly ? { assembly, sessions } : null;
}

/** Her assembly's programme, or null when she is not (or no longer) a member who may see it. */
export async function memberProgramme(db: Executor, personId: string): Promise<MemberProgramme | null> {
  const person = await findPersonById(db, personId);
  return person ? programmeOf(db, person) : null;
}

/**
 * The programme behind a personal-link token, for a calendar app that subscribes without a login,
 * with the language she asked us to use (a calendar app tells none of its own); null for a token
 * that matches no one (or someone who may not see it), without saying which. Like the link itself,
 * only the token's SHA-256 is stored and looked up, so the stored hash cannot be replayed and a
 * comparison leaks nothing of the token.
 */
export async function programmeByLinkToken(
  db: Executor,
  token: string,
): Promise<(MemberProgramme & { language: Language | null }) | null> {
  const person = await findPersonByMemberToken(db, tokenHash(token));
  const programme = person ? await programmeOf(db, person) : null;
  if (!person || !programme) return null;
  const preferred = (await findContact(db, person.id))?.preferred_language ?? null;
  return { ...programme, language: preferred && isLanguage(preferred) ? preferred : null };
}
