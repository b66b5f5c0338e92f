/**
 * The programme as a member sees it: the published sessions of her assembly, for her page, her
 * calendar file, and the secret subscription address a calendar app reads without a login.
 */
import { tokenHash } from '../commands/logins.ts';
import type { PersonRow } from '../db/schema.ts';
import { checkInPath } from '../domain/attendance.ts';
import { type MemberSessionDetails, membersSessions } from '../domain/member-programme.ts';
import { isPersonStatus } from '../domain/person-status.ts';
import { can, memberRoleOf } from '../domain/roles.ts';
import { isLanguage, type Language } from '../i18n/i18n.ts';
import type { PrintedProgramme } from '../letters/programme-pdf.ts';
import { messageLanguage, titleIn } from '../mail/messages.ts';
import { type Assembly, findAssembly } from '../repositories/assemblies.ts';
import { listEvidence, listExperts } from '../repositories/evidence.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  findContact,
  findPerson,
  findPersonById,
  findPersonByMemberToken,
  listConfirmedMembers,
} from '../repositories/people.ts';
import { listSessionChanges, listSessionLinks } from '../repositories/session-details.ts';
import { type AssemblySession, listSessions } from '../repositories/sessions.ts';
import { evidenceDownload } from './evidence.ts';

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

/**
 * What her page shows of each session she may see beyond its time and place: its materials (the
 * evidence items it presents), its experts with their declared interests, and the latest change
 * members were told of; by session id.
 */
export async function membersSessionDetails(
  db: Executor,
  assemblyId: string,
  sessions: readonly AssemblySession[],
): Promise<Record<string, MemberSessionDetails>> {
  const [links, items, experts, changes] = await Promise.all([
    listSessionLinks(db, assemblyId),
    listEvidence(db, assemblyId),
    listExperts(db, assemblyId),
    listSessionChanges(db, assemblyId),
  ]);
  const details: Record<string, MemberSessionDetails> = {};
  for (const session of sessions) {
    const linked = links.get(session.id) ?? { evidenceIds: [], expertIds: [] };
    const latest = changes.find((change) => change.sessionId === session.id) ?? null;
    details[session.id] = {
      materials: items
        .filter((item) => linked.evidenceIds.includes(item.id))
        .map((item) => ({
          id: item.id,
          title: item.title,
          summary: item.summary,
          easyRead: item.easy_read,
          link: item.link ?? '',
          hasFile: Boolean(item.file_key),
        })),
      experts: experts
        .filter((expert) => linked.expertIds.includes(expert.id))
        .map((expert) => ({
          id: expert.id,
          name: expert.name,
          organisation: expert.organisation,
          topic: expert.topic,
          interests: expert.interests,
          noneDeclared: expert.none_declared,
        })),
      change: latest,
    };
  }
  return details;
}

/**
 * An evidence item's file for a member: only an item of her own assembly that a session she can see
 * presents (what the organisers have not put in the programme stays theirs), and only while she may
 * see the programme; null otherwise, without saying which.
 */
export async function memberEvidenceFile(db: Executor, dataDir: string, personId: string, itemId: string) {
  const person = await findPersonById(db, personId);
  const sessions = person ? await programmeSessions(db, person) : null;
  if (!person || !sessions) return null;
  const links = await listSessionLinks(db, person.assembly_id);
  const shown = sessions.some((s) => links.get(s.id)?.evidenceIds.includes(itemId));
  return shown ? evidenceDownload(db, dataDir, person.assembly_id, itemId) : null;
}

async function printedFor(
  db: Executor,
  person: PersonRow,
  base: string,
  known?: { assembly: Assembly; sessions: AssemblySession[]; details: Record<string, MemberSessionDetails> },
): Promise<PrintedProgramme | null> {
  const sessions = known?.sessions ?? (await programmeSessions(db, person));
  const assembly = known?.assembly ?? (await findAssembly(db, person.assembly_id));
  if (!sessions || !assembly) return null;
  const contact = await findContact(db, person.id);
  const language = messageLanguage(contact?.preferred_language, assembly);
  return {
    language,
    name: contact?.full_name ?? '',
    assemblyTitle: titleIn(assembly, language),
    checkInUrl: `${base}${checkInPath(assembly.id, person.id)}`,
    contact: {
      coordinator: assembly.coordinator,
      email: assembly.privacy.email.trim(),
      phone: assembly.privacy.phone.trim(),
    },
    sessions,
    details: known?.details ?? (await membersSessionDetails(db, assembly.id, sessions)),
  };
}

/**
 * A confirmed member's programme to print, with her check-in code's address on `base`; null when
 * she is not one of the assembly's confirmed members still on record.
 */
export async function printedProgramme(
  db: Executor,
  person: { personId: string; assemblyId?: string },
  base: string,
): Promise<PrintedProgramme | null> {
  const row = person.assemblyId
    ? await findPerson(db, person.assemblyId, person.personId)
    : await findPersonById(db, person.personId);
  return row ? printedFor(db, row, base) : null;
}

/** The programmes to print for every confirmed member without an e-mail address, in reference order. */
export async function printedProgrammesWithoutEmail(
  db: Executor,
  assemblyId: string,
  base: string,
  progress: (done: number, total: number) => void = () => {},
): Promise<PrintedProgramme[]> {
  const assembly = await findAssembly(db, assemblyId);
  const sessions = membersSessions(await listSessions(db, assemblyId));
  if (!assembly) return [];
  const details = await membersSessionDetails(db, assemblyId, sessions);
  const members = (await listConfirmedMembers(db, assemblyId)).filter((m) => !m.email);
  const printed: PrintedProgramme[] = [];
  for (const member of members) {
    const row = await findPersonById(db, member.id);
    const one = row ? await printedFor(db, row, base, { assembly, sessions, details }) : null;
    if (one) printed.push(one);
    progress(printed.length, members.length);
  }
  return printed;
}
