/**
 * Files that jobs make (letter PDFs, report PDFs, printed letters): each in its job's own folder of
 * the data folder, `<dataDir>/jobs/<job id>/`, which every process on that folder can read. A request
 * for the same file again reuses the job that made it while its file is still there.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/connect.ts';
import { findJobByKey, type Job } from '../repositories/jobs.ts';

/** The file of a finished job, inside the data folder. */
export function jobFilePath(dataDir: string, jobId: string, file: string): string {
  return join(dataDir, 'jobs', jobId, file);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * The job of this kind and key that is still making its file, or made it and the file is still
 * there (retention deletes old files); null when a new job is needed. `fileOf` names a finished
 * job's file (null when it has none).
 */
export async function reusableFileJob(
  database: Database,
  dataDir: string,
  request: { assemblyId: string; kind: string; key: string },
  fileOf: (job: Job) => string | null,
): Promise<string | null> {
  const earlier = await findJobByKey(database.db, request.assemblyId, request.kind, request.key);
  if (!earlier) return null;
  if (earlier.status !== 'done') return earlier.id;
  const file = fileOf(earlier);
  return file !== null && (await exists(jobFilePath(dataDir, earlier.id, file))) ? earlier.id : null;
}

/** Polls `working` until it says no or `waitMillis` have passed; true when the job ended in time. */
export async function waitForJob(working: () => Promise<boolean>, waitMillis: number): Promise<boolean> {
  const end = Date.now() + waitMillis;
  while (await working()) {
    if (Date.now() >= end) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
