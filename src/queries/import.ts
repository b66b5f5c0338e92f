/**
 * What the steps of a respondents' import show: the staged upload read as a table with the
 * assembly's questions, what each row would become (or every problem in the file), and earlier
 * imports.
 */

import type { ImportStep, StagedUpload } from '../commands/import-respondents.ts';
import type { Database } from '../db/connect.ts';
import type { Question } from '../domain/questions.ts';
import {
  type ImportMapping,
  type PlannedRow,
  planImport,
  type RowProblem,
} from '../domain/respondent-import.ts';
import { tableFromBytes } from '../io/table.ts';
import { listQuestions } from '../repositories/assemblies.ts';
import { findUpload } from '../repositories/import-uploads.ts';
import { type ImportRow, listImports } from '../repositories/imports.ts';
import { findPersonByExternalKey } from '../repositories/people.ts';
import { InputError } from '../sortition/model.ts';

export type ImportPreview = ImportStep &
  ({ problems: RowProblem[] } | { rows: { row: PlannedRow; existing: boolean }[] });

/** The assembly's imports so far, newest first. */
export function earlierImports(database: Database, assemblyId: string): Promise<ImportRow[]> {
  return listImports(database.db, assemblyId);
}

/**
 * The staged upload named in a form with the mapping the form chose (read by `mappingOf`, which
 * needs the questions), or null when the upload is missing, expired or of another assembly.
 */
export async function importStep(
  database: Database,
  dataDir: string,
  assemblyId: string,
  uploadId: string,
  mappingOf: (questions: Question[]) => ImportMapping,
): Promise<ImportStep | null> {
  const stored = await findUpload(dataDir, assemblyId, uploadId);
  if (!stored) return null;
  let upload: StagedUpload;
  try {
    upload = { ...stored, table: await tableFromBytes(stored.bytes, stored.fileName) };
  } catch (error) {
    // It was read when uploaded; a file that no longer reads is as good as gone.
    if (error instanceof InputError) return null;
    throw error;
  }
  const questions = await listQuestions(database.db, assemblyId);
  return { upload, questions, mapping: mappingOf(questions) };
}

/** The step checked: every problem in the file, or each row with whether it is on record already. */
export async function importPreview(
  database: Database,
  dataDir: string,
  assemblyId: string,
  uploadId: string,
  mappingOf: (questions: Question[]) => ImportMapping,
): Promise<ImportPreview | null> {
  const step = await importStep(database, dataDir, assemblyId, uploadId, mappingOf);
  if (!step) return null;
  const plan = planImport(step.upload.table, step.mapping, step.questions, assemblyId);
  if (plan.problems.length > 0) return { ...step, problems: plan.problems };
  const rows: { row: PlannedRow; existing: boolean }[] = [];
  for (const row of plan.rows) {
    const existing = await findPersonByExternalKey(database.db, assemblyId, row.externalKey);
    rows.push({ row, existing: existing !== undefined });
  }
  return { ...step, rows };
}
