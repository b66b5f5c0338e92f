/**
 * The organiser's learning material: evidence items and experts created, changed and removed, each
 * with its audit event in the same transaction. The audit keeps ids only: an expert's name and
 * e-mail are personal data, and the log outlives them.
 */
import type { Database } from '../db/connect.ts';
import {
  type EvidenceInput,
  type ExpertInput,
  evidenceRefusals,
  expertRefusals,
  type Refusal,
} from '../domain/evidence.ts';
import {
  deleteEvidence,
  deleteExpert,
  insertEvidence,
  insertExpert,
  updateEvidence,
  updateExpert,
} from '../repositories/evidence.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

/** Refuses with every problem at once, the first next to its field and the others next to theirs. */
function refuseAll(refusals: Refusal[]): void {
  const [first, ...rest] = refusals;
  if (first) throw new CommandError(first.code, first.field, first.params, rest);
}

function evidenceColumns(item: EvidenceInput) {
  return {
    title: item.title.trim(),
    summary: item.summary.trim(),
    source: item.source.trim(),
    published_on: item.publishedOn || null,
    perspective: item.perspective.trim(),
    language: item.language.trim(),
    easy_read: item.easyRead.trim(),
    link: item.link.trim() || null,
  };
}

function expertColumns(expert: ExpertInput) {
  return {
    name: expert.name.trim(),
    organisation: expert.organisation.trim(),
    topic: expert.topic.trim(),
    interests: expert.noneDeclared ? '' : expert.interests.trim(),
    none_declared: expert.noneDeclared ? 1 : 0,
    email: expert.email.trim() || null,
  };
}

export async function createEvidence(
  database: Database,
  actor: Actor,
  assemblyId: string,
  item: EvidenceInput,
): Promise<string> {
  refuseAll(evidenceRefusals(item));
  const id = crypto.randomUUID();
  await inTransaction(database, async (trx, audit) => {
    const at = now();
    await insertEvidence(trx, {
      id,
      assembly_id: assemblyId,
      ...evidenceColumns(item),
      created_at: at,
      updated_at: at,
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'evidence.create',
      subjectType: 'evidence_item',
      subjectId: id,
    });
  });
  return id;
}

export async function editEvidence(
  database: Database,
  actor: Actor,
  assemblyId: string,
  id: string,
  item: EvidenceInput,
): Promise<void> {
  refuseAll(evidenceRefusals(item));
  await inTransaction(database, async (trx, audit) => {
    const found = await updateEvidence(trx, assemblyId, id, { ...evidenceColumns(item), updated_at: now() });
    if (!found) throw new CommandError('not_found');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'evidence.edit',
      subjectType: 'evidence_item',
      subjectId: id,
    });
  });
}

export async function removeEvidence(database: Database, actor: Actor, assemblyId: string, id: string) {
  await inTransaction(database, async (trx, audit) => {
    if (!(await deleteEvidence(trx, assemblyId, id))) throw new CommandError('not_found');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'evidence.delete',
      subjectType: 'evidence_item',
      subjectId: id,
    });
  });
}

export async function createExpert(
  database: Database,
  actor: Actor,
  assemblyId: string,
  expert: ExpertInput,
): Promise<string> {
  refuseAll(expertRefusals(expert));
  const id = crypto.randomUUID();
  await inTransaction(database, async (trx, audit) => {
    const at = now();
    await insertExpert(trx, {
      id,
      assembly_id: assemblyId,
      ...expertColumns(expert),
      created_at: at,
      updated_at: at,
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'experts.create',
      subjectType: 'expert',
      subjectId: id,
    });
  });
  return id;
}

export async function editExpert(
  database: Database,
  actor: Actor,
  assemblyId: string,
  id: string,
  expert: ExpertInput,
): Promise<void> {
  refuseAll(expertRefusals(expert));
  await inTransaction(database, async (trx, audit) => {
    const found = await updateExpert(trx, assemblyId, id, { ...expertColumns(expert), updated_at: now() });
    if (!found) throw new CommandError('not_found');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'experts.edit',
      subjectType: 'expert',
      subjectId: id,
    });
  });
}

export async function removeExpert(database: Database, actor: Actor, assemblyId: string, id: string) {
  await inTransaction(database, async (trx, audit) => {
    if (!(await deleteExpert(trx, assemblyId, id))) throw new CommandError('not_found');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'experts.delete',
      subjectType: 'expert',
      subjectId: id,
    });
  });
}
