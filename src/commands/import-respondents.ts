/**
 * Imports respondents from a spreadsheet, all or nothing: every row is checked first, and rows already
 * imported (same id, or same name and contacts) are left as they are, so importing a file twice adds
 * nobody twice.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../db/connect.ts';
import type { Question } from '../domain/questions.ts';
import {
  type ImportMapping,
  planImport,
  type RowProblem,
  suggestMapping,
} from '../domain/respondent-import.ts';
import { type Table, tableFromBytes } from '../io/table.ts';
import { listQuestions } from '../repositories/assemblies.ts';
import { removeUpload, storeUpload } from '../repositories/import-uploads.ts';
import { insertImport } from '../repositories/imports.ts';
import { findPersonByExternalKey, insertPerson, nextReference } from '../repositories/people.ts';
import { InputError } from '../sortition/model.ts';
import { type Actor, actorId, inTransaction, now } from './command.ts';

export class ImportRejected extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(`${problems.length} problem(s) in the file`);
    this.name = 'ImportRejected';
  }
}

export interface ImportOutcome {
  added: number;
  unchanged: number;
}

export async function importRespondents(
  database: Database,
  actor: Actor,
  assemblyId: string,
  upload: { fileName: string; bytes: Uint8Array; table: Table; mapping: ImportMapping },
): Promise<ImportOutcome> {
  const questions = await listQuestions(database.db, assemblyId);
  const plan = planImport(upload.table, upload.mapping, questions, assemblyId);
  if (plan.problems.length > 0) throw new ImportRejected(plan.problems);
  const fileHash = createHash('sha256').update(upload.bytes).digest('hex');
  return inTransaction(database, async (trx, audit) => {
    const at = now();
    let added = 0;
    let unchanged = 0;
    let reference = await nextReference(trx, assemblyId);
    for (const row of plan.rows) {
      if (await findPersonByExternalKey(trx, assemblyId, row.externalKey)) {
        unchanged++;
        continue;
      }
      await insertPerson(trx, {
        person: {
          id: crypto.randomUUID(),
          assembly_id: assemblyId,
          reference,
          source: 'import',
          external_key: row.externalKey,
          invitation_id: null,
          status: 'registered',
          status_changed_at: at,
          member_token_hash: null,
          created_at: at,
          erased_at: null,
        },
        contact: { ...row.contact, full_name: row.contact.full_name ?? '' },
        needs: null,
        answers: row.answers,
        consents: [],
        changedBy: actorId(actor),
        comment: null,
      });
      added++;
      reference = `P-${String(Number(reference.slice(2)) + 1).padStart(5, '0')}`;
    }
    await insertImport(trx, {
      id: crypto.randomUUID(),
      assembly_id: assemblyId,
      file_name: upload.fileName,
      file_sha256: fileHash,
      rows_added: added,
      rows_unchanged: unchanged,
      created_at: at,
      created_by: actorId(actor),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'people.import',
      details: { fileSha256: fileHash, rows: plan.rows.length, added, unchanged },
    });
    return { added, unchanged };
  });
}

/** An uploaded file kept between the steps of an import, read as a table. */
export interface StagedUpload {
  id: string;
  fileName: string;
  bytes: Uint8Array;
  table: Table;
}

/** A staged upload with the assembly's questions and the mapping of columns chosen so far. */
export interface ImportStep {
  upload: StagedUpload;
  questions: Question[];
  mapping: ImportMapping;
}

/**
 * Reads an uploaded file and keeps it for the following steps, with a mapping suggested from its
 * column names; a file that cannot be read is refused with the reader's error (naming line and
 * column), and nothing is kept.
 */
export async function stageRespondentFile(
  database: Database,
  dataDir: string,
  assemblyId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<{ step: ImportStep } | { unreadable: InputError }> {
  const { name: fileName, bytes } = file;
  let table: Table;
  try {
    table = await tableFromBytes(bytes, fileName);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { unreadable: error };
  }
  const id = await storeUpload(dataDir, assemblyId, fileName, bytes);
  const questions = await listQuestions(database.db, assemblyId);
  const mapping = suggestMapping(table.headers, questions);
  return { step: { upload: { id, fileName, bytes, table }, questions, mapping } };
}

/**
 * Imports a staged upload through the mapping and deletes the upload (it holds personal data); a
 * file with problems is refused whole, with every problem, and stays staged for another mapping.
 */
export async function importStagedRespondents(
  database: Database,
  dataDir: string,
  actor: Actor,
  assemblyId: string,
  upload: StagedUpload,
  mapping: ImportMapping,
): Promise<{ imported: ImportOutcome } | { problems: RowProblem[] }> {
  let imported: ImportOutcome;
  try {
    imported = await importRespondents(database, actor, assemblyId, { ...upload, mapping });
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    return { problems: error.problems };
  }
  await removeUpload(dataDir, upload.id);
  return { imported };
}
