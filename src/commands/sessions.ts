/**
 * An assembly's programme: sessions created as drafts, edited, published, cancelled once published,
 * deleted while still drafts; and the hours the organisers plan for it. Each writes its audit event
 * in the same transaction. The command checks every value itself (limits, times, link), whatever
 * the form checked before.
 */
import type { Database } from '../db/connect.ts';
import { hasControlCharacters, programmeFieldLimits as limits } from '../domain/field-limits.ts';
import { isSessionType, isWebLink } from '../domain/programme.ts';
import type { Executor } from '../repositories/executor.ts';
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
    await insertSession(trx, { id, assemblyId, at: now(), by: actorId(actor), record });
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

/** Changes a draft or published session; a cancelled one stays as it was. */
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
    await updateSession(trx, sessionId, { at: now(), by: actorId(actor), record });
    const moved = session.startsAt !== record.startsAt || session.endsAt !== record.endsAt;
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'programme.edit',
      subjectType: 'session',
      subjectId: sessionId,
      details: { session_type: record.type, moved },
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
    if (step === 'delete') await deleteSessionRow(trx, sessionId);
    else
      await updateSession(trx, sessionId, {
        at: now(),
        by: actorId(actor),
        status: step === 'publish' ? 'published' : 'cancelled',
      });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: `programme.${step}`,
      subjectType: 'session',
      subjectId: sessionId,
      details: {},
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
