/**
 * The organiser's learning material: evidence items and experts created, changed and removed, each
 * with its audit event in the same transaction. The audit keeps ids only: an expert's name and
 * e-mail are personal data, and the log outlives them.
 */
import type { Database } from '../db/connect.ts';
import {
  type EvidenceInput,
  type ExpertInput,
  evidenceFileRefusal,
  evidenceRefusals,
  expertRefusals,
  type Refusal,
} from '../domain/evidence.ts';
import { cleanUploadedFileName, type KeptUpload, uploadedFileType } from '../domain/uploaded-files.ts';
import {
  deleteEvidence,
  deleteExpert,
  findEvidence,
  insertEvidence,
  insertExpert,
  updateEvidence,
  updateExpert,
} from '../repositories/evidence.ts';
import { removeEvidenceFile } from '../repositories/evidence-files.ts';
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

/**
 * Where an item's file goes: the data folder, the file chosen (null when none was), already streamed
 * into the evidence folder (see `src/web/file-form.ts`), and its limit.
 */
export interface EvidenceFiles {
  dataDir: string;
  file: KeptUpload | null;
  /** The largest file taken: `evidenceFileMaxBytes`, or the server's upload allowance when lower. */
  maxBytes: number;
}

/** Refuses the item's texts and its file together, so that the form shows every problem at once. */
function checkEvidence(item: EvidenceInput, files: EvidenceFiles): void {
  const fileRefusal = files.file ? evidenceFileRefusal(files.file, files.maxBytes) : null;
  refuseAll([...evidenceRefusals(item), ...(fileRefusal ? [fileRefusal] : [])]);
}

/** The columns that name the checked file on the item (its type read from its first bytes). */
function fileColumns(file: KeptUpload | null) {
  if (!file?.key) return null;
  return {
    file_key: file.key,
    file_name: cleanUploadedFileName(file.name),
    file_type: uploadedFileType(file.head),
    file_size: file.size,
  };
}

/**
 * Checks the item and its file, then runs the change that takes the file in; when anything refuses
 * or fails, the file streamed for it goes, so the data folder holds no file that no item names.
 */
async function withFile<T>(
  item: EvidenceInput,
  files: EvidenceFiles,
  change: (kept: ReturnType<typeof fileColumns>) => Promise<T>,
): Promise<T> {
  try {
    checkEvidence(item, files);
    return await change(fileColumns(files.file));
  } catch (error) {
    if (files.file?.key) await removeEvidenceFile(files.dataDir, files.file.key);
    throw error;
  }
}

const noFile = { file_key: null, file_name: null, file_type: null, file_size: null };

export async function createEvidence(
  database: Database,
  files: EvidenceFiles,
  actor: Actor,
  assemblyId: string,
  item: EvidenceInput,
): Promise<string> {
  const id = crypto.randomUUID();
  await withFile(item, files, (kept) =>
    inTransaction(database, async (trx, audit) => {
      const at = now();
      await insertEvidence(trx, {
        id,
        assembly_id: assemblyId,
        ...evidenceColumns(item),
        ...(kept ?? noFile),
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
    }),
  );
  return id;
}

/**
 * Changes an item's texts; a file chosen replaces the one it had, and `removeFile` takes that away.
 * The file replaced is deleted once the change has committed.
 */
export async function editEvidence(
  database: Database,
  files: EvidenceFiles & { removeFile: boolean },
  actor: Actor,
  assemblyId: string,
  id: string,
  item: EvidenceInput,
): Promise<void> {
  const replaced = await withFile(item, files, (kept) =>
    inTransaction(database, async (trx, audit) => {
      const before = await findEvidence(trx, assemblyId, id);
      if (!before) throw new CommandError('not_found');
      const file = kept ?? (files.removeFile ? noFile : {});
      await updateEvidence(trx, assemblyId, id, { ...evidenceColumns(item), ...file, updated_at: now() });
      await audit({
        actorId: actorId(actor),
        assemblyId,
        action: 'evidence.edit',
        subjectType: 'evidence_item',
        subjectId: id,
      });
      return 'file_key' in file ? before.file_key : null;
    }),
  );
  if (replaced) await removeEvidenceFile(files.dataDir, replaced);
}

/** Removes an item, and its file once the removal has committed. */
export async function removeEvidence(
  database: Database,
  dataDir: string,
  actor: Actor,
  assemblyId: string,
  id: string,
): Promise<void> {
  const fileKey = await inTransaction(database, async (trx, audit) => {
    const before = await findEvidence(trx, assemblyId, id);
    if (!before || !(await deleteEvidence(trx, assemblyId, id))) throw new CommandError('not_found');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'evidence.delete',
      subjectType: 'evidence_item',
      subjectId: id,
    });
    return before.file_key;
  });
  if (fileKey) await removeEvidenceFile(dataDir, fileKey);
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
