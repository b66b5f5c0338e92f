/**
 * What a session presents (its evidence items and experts) and the changes members were told of.
 * Every link row carries the assembly, so a read for one assembly never reaches another's items.
 */
import { z } from 'zod';
import type { Executor } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

export interface SessionLinks {
  evidenceIds: string[];
  expertIds: string[];
}

/** The items and experts one session presents. */
export async function findSessionLinks(db: Executor, sessionId: string): Promise<SessionLinks> {
  const [evidence, experts] = await Promise.all([
    db.selectFrom('session_evidence').select('evidence_id').where('session_id', '=', sessionId).execute(),
    db.selectFrom('session_experts').select('expert_id').where('session_id', '=', sessionId).execute(),
  ]);
  return {
    evidenceIds: evidence.map((r) => r.evidence_id).sort(),
    expertIds: experts.map((r) => r.expert_id).sort(),
  };
}

/** Every link of the assembly's sessions, by session id. */
export async function listSessionLinks(db: Executor, assemblyId: string): Promise<Map<string, SessionLinks>> {
  const [evidence, experts] = await Promise.all([
    db
      .selectFrom('session_evidence')
      .select(['session_id', 'evidence_id'])
      .where('assembly_id', '=', assemblyId)
      .execute(),
    db
      .selectFrom('session_experts')
      .select(['session_id', 'expert_id'])
      .where('assembly_id', '=', assemblyId)
      .execute(),
  ]);
  const links = new Map<string, SessionLinks>();
  const of = (id: string) => {
    let entry = links.get(id);
    if (!entry) {
      entry = { evidenceIds: [], expertIds: [] };
      links.set(id, entry);
    }
    return entry;
  };
  for (const row of evidence) of(row.session_id).evidenceIds.push(row.evidence_id);
  for (const row of experts) of(row.session_id).expertIds.push(row.expert_id);
  return links;
}

/** Replaces what a session presents. */
export async function replaceSessionLinks(
  db: Executor,
  assemblyId: string,
  sessionId: string,
  links: SessionLinks,
): Promise<void> {
  await db.deleteFrom('session_evidence').where('session_id', '=', sessionId).execute();
  await db.deleteFrom('session_experts').where('session_id', '=', sessionId).execute();
  if (links.evidenceIds.length > 0)
    await db
      .insertInto('session_evidence')
      .values(
        links.evidenceIds.map((id) => ({ session_id: sessionId, evidence_id: id, assembly_id: assemblyId })),
      )
      .execute();
  if (links.expertIds.length > 0)
    await db
      .insertInto('session_experts')
      .values(
        links.expertIds.map((id) => ({ session_id: sessionId, expert_id: id, assembly_id: assemblyId })),
      )
      .execute();
}

/** The ids of the assembly's sessions presenting an evidence item or an expert. */
export async function sessionsPresenting(
  db: Executor,
  assemblyId: string,
  what: { evidenceId: string } | { expertId: string },
): Promise<string[]> {
  const rows =
    'evidenceId' in what
      ? await db
          .selectFrom('session_evidence')
          .select('session_id')
          .where('assembly_id', '=', assemblyId)
          .where('evidence_id', '=', what.evidenceId)
          .execute()
      : await db
          .selectFrom('session_experts')
          .select('session_id')
          .where('assembly_id', '=', assemblyId)
          .where('expert_id', '=', what.expertId)
          .execute();
  return rows.map((r) => r.session_id);
}

const previousSchema = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  address: z.string(),
  room: z.string(),
  onlineLink: z.string(),
});

/** A change to a published session members were told of. */
export interface SessionChange {
  id: string;
  sessionId: string;
  kind: 'moved' | 'cancelled';
  timeChanged: boolean;
  placeChanged: boolean;
  /** The session's times and place before the change. */
  previous: z.output<typeof previousSchema>;
  changedAt: string;
}

export async function insertSessionChange(
  db: Executor,
  change: SessionChange & { assemblyId: string; changedBy: string },
): Promise<void> {
  await db
    .insertInto('session_changes')
    .values({
      id: change.id,
      session_id: change.sessionId,
      assembly_id: change.assemblyId,
      kind: change.kind,
      time_changed: change.timeChanged ? 1 : 0,
      place_changed: change.placeChanged ? 1 : 0,
      previous: JSON.stringify(change.previous),
      changed_at: change.changedAt,
      changed_by: change.changedBy,
    })
    .execute();
}

/** The assembly's session changes, latest first. */
export async function listSessionChanges(db: Executor, assemblyId: string): Promise<SessionChange[]> {
  const rows = await db
    .selectFrom('session_changes')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('changed_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    sessionId: row.session_id,
    kind: row.kind === 'cancelled' ? 'cancelled' : 'moved',
    timeChanged: row.time_changed === 1,
    placeChanged: row.place_changed === 1,
    previous: readStoredJson(previousSchema, row.previous, `previous values of session change ${row.id}`),
    changedAt: row.changed_at,
  }));
}
