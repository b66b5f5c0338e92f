/**
 * An assembly's programme: sessions created as drafts, edited, published, cancelled once published,
 * deleted while still drafts; and the hours the organisers plan for it. Each writes its audit event
 * in the same transaction. The command checks every value itself (limits, times, link), whatever
 * the form checked before.
 */
import type { Database } from '../db/connect.ts';
import { hasControlCharacters, programmeFieldLimits as limits } from '../domain/field-limits.ts';
import { isSessionType, isWebLink } from '../domain/programme.ts';
import { previousValues, timeOrPlaceChange } from '../domain/session-changes.ts';
import { queueSessionChanged } from '../mail/session-changed.ts';
import { findAssembly } from '../repositories/assemblies.ts';
import { listEvidence, listExperts } from '../repositories/evidence.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  insertSessionChange,
  replaceSessionLinks,
  type SessionLinks,
} from '../repositories/session-details.ts';
import {
  type AssemblySession,
  deleteSessionRow,
  findSession,
  insertSession,
  type SessionRecord,
  savePlannedHours,
  updateSession,
} from '../repositories/sessions.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

const agendaTime = /^([01]\d|2[0-3]):[0-5]\d$/;

function checkText(field: string, value: string, max: number, lines = false): void {
  if (value.length > max) throw new CommandError('too_long', field, { max });
  if (hasControlCharacters(value, lines)) throw new CommandError('control_characters', field);
}

/** The first thing wrong with a session, as the refusal shown next to its field. */
function checkRecord(record: SessionRecord): void {
  checkText('title_sv', record.title.sv, limits.title);
  checkText('title_en', record.title.en, limits.title);
  if (!record.title.sv.trim()) throw new CommandError('required', 'title_sv');
  if (!isSessionType(record.type)) throw new CommandError('session_type_unknown', 'type');
  const [start, end] = [Date.parse(record.startsAt), Date.parse(record.endsAt)];
  if (Number.isNaN(start)) throw new CommandError('session_time_invalid', 'starts_at');
  if (Number.isNaN(end)) throw new CommandError('session_time_invalid', 'ends_at');
  if (end <= start) throw new CommandError('session_end_before_start', 'ends_at');
  checkText('address', record.place.address, limits.address);
  checkText('room', record.place.room, limits.room);
  checkText('accessibility', record.place.accessibility, limits.notes, true);
  checkText('directions', record.place.directions, limits.notes, true);
  checkText('online_link', record.onlineLink, limits.link);
  for (const language of ['sv', 'en'] as const) {
    checkText(`bring_${language}`, record.bring?.[language] ?? '', limits.notes, true);
    checkText(`about_${language}`, record.about?.[language] ?? '', limits.notes, true);
  }
  if (record.onlineLink && !isWebLink(record.onlineLink))
    throw new CommandError('session_link_invalid', 'online_link');
  if (record.agenda.length > limits.agendaRows)
    throw new CommandError('agenda_too_many', '_form', { max: limits.agendaRows });
  record.agenda.forEach((item, i) => {
    if (item.time && !agendaTime.test(item.time))
      throw new CommandError('agenda_time_invalid', `agenda.${i}.time`);
    checkText(`agenda.${i}.title`, item.title, limits.agendaTitle);
    checkText(`agenda.${i}.speaker`, item.speaker, limits.speaker);
    if (!item.title.trim()) throw new CommandError('required', `agenda.${i}.title`);
  });
}

async function sessionIn(trx: Executor, assemblyId: string, sessionId: string): Promise<AssemblySession> {
  const session = await findSession(trx, assemblyId, sessionId);
  if (!session) throw new CommandError('not_found');
  return session;
}

/**
 * The evidence items and experts a session is to present, each once; refused when one is not the
 * assembly's (removed meanwhile, or another assembly's id sent by hand).
 */
async function checkedLinks(trx: Executor, assemblyId: string, record: SessionRecord): Promise<SessionLinks> {
  const links = {
    evidenceIds: [...new Set(record.evidenceIds ?? [])],
    expertIds: [...new Set(record.expertIds ?? [])],
  };
  if (links.evidenceIds.length > 0) {
    const known = new Set((await listEvidence(trx, assemblyId)).map((item) => item.id));
    if (links.evidenceIds.some((id) => !known.has(id)))
      throw new CommandError('session_link_unknown', 'evidence');
  }
  if (links.expertIds.length > 0) {
    const known = new Set((await listExperts(trx, assemblyId)).map((expert) => expert.id));
    if (links.expertIds.some((id) => !known.has(id)))
      throw new CommandError('session_link_unknown', 'experts');
  }
  return links;
}

/**
 * Records a change members must hear of and queues its message to every confirmed member, in the
 * caller's transaction; how many messages were queued.
 */
async function tellMembers(
  trx: Executor,
  database: Database,
  input: {
    before: AssemblySession;
    after: AssemblySession;
    kinds: { time: boolean; place: boolean } | 'cancelled';
    at: string;
    by: string;
  },
): Promise<number> {
  const { before, after, kinds, at } = input;
  const previous = previousValues(before);
  await insertSessionChange(trx, {
    id: crypto.randomUUID(),
    sessionId: before.id,
    assemblyId: before.assemblyId,
    kind: kinds === 'cancelled' ? 'cancelled' : 'moved',
    timeChanged: kinds !== 'cancelled' && kinds.time,
    placeChanged: kinds !== 'cancelled' && kinds.place,
    previous,
    changedAt: at,
    changedBy: input.by,
  });
  const assembly = await findAssembly(trx, before.assemblyId);
  if (!assembly) throw new CommandError('not_found');
  return queueSessionChanged(trx, database, { assembly, session: after, kinds, previous, at });
}

/** A new session, as a draft; its id. */
export async function createSession(
  database: Database,
  actor: Actor,
  assemblyId: string,
  record: SessionRecord,
): Promise<string> {
  checkRecord(record);
  const id = crypto.randomUUID();
  await inTransaction(database, async (trx, audit) => {
    const links = await checkedLinks(trx, assemblyId, record);
    await insertSession(trx, { id, assemblyId, at: now(), by: actorId(actor), record });
    await replaceSessionLinks(trx, assemblyId, id, links);
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'programme.create',
      subjectType: 'session',
      subjectId: id,
      details: { session_type: record.type },
    });
  });
  return id;
}

/**
 * Changes a draft or published session; a cancelled one stays as it was. A published session's new
 * time or place is recorded and sent to every confirmed member in the same transaction; a draft's
 * changes, and changes to anything else, send nothing (see `timeOrPlaceChange`).
 */
export async function editSession(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
  record: SessionRecord,
): Promise<void> {
  checkRecord(record);
  await inTransaction(database, async (trx, audit) => {
    const session = await sessionIn(trx, assemblyId, sessionId);
    if (session.status === 'cancelled') throw new CommandError('session_cancelled');
    const links = await checkedLinks(trx, assemblyId, record);
    const at = now();
    await updateSession(trx, sessionId, { at, by: actorId(actor), record });
    await replaceSessionLinks(trx, assemblyId, sessionId, links);
    const moved = session.startsAt !== record.startsAt || session.endsAt !== record.endsAt;
    const kinds = session.status === 'published' ? timeOrPlaceChange(session, record) : null;
    const after = kinds ? await sessionIn(trx, assemblyId, sessionId) : null;
    const notified =
      kinds && after
        ? await tellMembers(trx, database, { before: session, after, kinds, at, by: actorId(actor) })
        : 0;
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'programme.edit',
      subjectType: 'session',
      subjectId: sessionId,
      details: { session_type: record.type, moved, notified },
    });
  });
}

/** A step in a session's life: publish a draft, cancel a published session, delete a draft. */
export type SessionStep = 'publish' | 'cancel' | 'delete';
const stepFrom: Record<SessionStep, AssemblySession['status']> = {
  publish: 'draft',
  cancel: 'published',
  delete: 'draft',
};

export async function stepSession(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
  step: SessionStep,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const session = await sessionIn(trx, assemblyId, sessionId);
    if (session.status !== stepFrom[step]) throw new CommandError(`session_${step}_refused`);
    const at = now();
    let notified = 0;
    if (step === 'delete') await deleteSessionRow(trx, sessionId);
    else
      await updateSession(trx, sessionId, {
        at,
        by: actorId(actor),
        status: step === 'publish' ? 'published' : 'cancelled',
      });
    // Only a published session can be cancelled: its members are told.
    if (step === 'cancel')
      notified = await tellMembers(trx, database, {
        before: session,
        after: session,
        kinds: 'cancelled',
        at,
        by: actorId(actor),
      });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: `programme.${step}`,
      subjectType: 'session',
      subjectId: sessionId,
      details: step === 'cancel' ? { notified } : {},
    });
  });
}

/** The hours of meeting the organisers plan for the assembly; null to clear the plan. */
export async function setPlannedHours(
  database: Database,
  actor: Actor,
  assemblyId: string,
  hours: number | null,
): Promise<void> {
  if (hours !== null && !(Number.isFinite(hours) && hours > 0 && hours <= limits.plannedHours))
    throw new CommandError('planned_hours_invalid', 'planned_hours', { max: limits.plannedHours });
  await inTransaction(database, async (trx, audit) => {
    await savePlannedHours(trx, assemblyId, hours);
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'programme.plan',
      details: { planned_hours: hours },
    });
  });
}
