/**
 * What the requests pages read: the log (what was asked and answered, never by whom), a request as
 * the organisers handle it, the forms' choices (members, sessions, library items), and a member's
 * own requests for her page.
 */
import { membersSessions } from '../domain/member-programme.ts';
import { isPersonStatus } from '../domain/person-status.ts';
import type { RequestLogEntry } from '../domain/requests.ts';
import { can, memberRoleOf } from '../domain/roles.ts';
import { type EvidenceItem, listEvidence } from '../repositories/evidence.ts';
import type { Executor } from '../repositories/executor.ts';
import { findContact, findPerson, findPersonById, listPeople } from '../repositories/people.ts';
import {
  findRequest,
  findRequestLogEntry,
  listRequestLog,
  listRequestsOfPerson,
  type MemberRequest,
} from '../repositories/requests.ts';
import { type AssemblySession, listSessions } from '../repositories/sessions.ts';

export type { MemberRequest, RequestLogEntry };

/** A session as a form offers it: its id and title. */
export interface SessionChoice {
  id: string;
  title: { sv: string; en: string };
  startsAt: string;
}

function choices(sessions: readonly AssemblySession[]): SessionChoice[] {
  return membersSessions(sessions).map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt }));
}

/** The published sessions a question may concern. */
export async function sessionChoices(db: Executor, assemblyId: string): Promise<SessionChoice[]> {
  return choices(await listSessions(db, assemblyId));
}

/** The log of an assembly's requests, newest first, without names or personal data. */
export function requestLog(db: Executor, assemblyId: string): Promise<RequestLogEntry[]> {
  return listRequestLog(db, assemblyId);
}

/** The confirmed members a facilitator may ask on behalf of, by name (reference when none). */
export interface MemberChoice {
  id: string;
  name: string;
}

export interface AskForForm {
  members: MemberChoice[];
  sessions: SessionChoice[];
}

/** The panel is at most `assemblyFieldLimits.panelMax` (1000) people: one page lists them all. */
export async function askForForm(db: Executor, assemblyId: string): Promise<AskForForm> {
  const { items } = await listPeople(db, {
    assemblyId,
    status: 'confirmed',
    searchContacts: false,
    limit: 1000,
    offset: 0,
  });
  const members = items
    .filter((p) => !p.erased_at)
    .map((p) => ({ id: p.id, name: p.full_name ? `${p.full_name} (${p.reference})` : p.reference }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return { members, sessions: await sessionChoices(db, assemblyId) };
}

/** A request as the organisers handle it: who asked (for those who may see names), and the library. */
export interface RequestCase {
  request: MemberRequest;
  entry: RequestLogEntry;
  asker: { reference: string; name: string | null };
  session: SessionChoice | null;
  library: EvidenceItem[];
}

export async function requestCase(db: Executor, assemblyId: string, id: string): Promise<RequestCase | null> {
  const request = await findRequest(db, assemblyId, id);
  if (!request) return null;
  const entry = await findRequestLogEntry(db, assemblyId, id);
  const person = await findPerson(db, assemblyId, request.person_id);
  if (!entry || !person) return null;
  const contact = person.erased_at ? null : await findContact(db, person.id);
  const sessions = choices(await listSessions(db, assemblyId));
  return {
    request,
    entry,
    asker: { reference: person.reference, name: contact?.full_name ?? null },
    session: sessions.find((s) => s.id === request.session_id) ?? null,
    library: await listEvidence(db, assemblyId),
  };
}

/** Her requests with their answers, or null when she may not ask (a volunteer, or erased). */
export async function memberRequests(
  db: Executor,
  person: { id: string; status: string; erased_at: string | null },
): Promise<RequestLogEntry[] | null> {
  if (person.erased_at || !isPersonStatus(person.status)) return null;
  if (!can(memberRoleOf(person.status), 'requests:ask')) return null;
  return listRequestsOfPerson(db, person.id);
}

/** The member's own form: the sessions of her assembly, or null when she may not ask. */
export async function memberAskForm(
  db: Executor,
  personId: string,
): Promise<{ sessions: SessionChoice[] } | null> {
  const person = await findPersonById(db, personId);
  if (!person || (await memberRequests(db, person)) === null) return null;
  return { sessions: await sessionChoices(db, person.assembly_id) };
}
