/**
 * Files that jobs make (letter PDFs, report PDFs, printed letters): each in its job's own folder of
 * the data folder, `<dataDir>/jobs/<job id>/`, which every process on that folder can read. A request
 * for the same file again reuses the job that made it while its file is still there.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/connect.ts';
import { findJobByKey, findJobOfKind, type Job } from '../repositories/jobs.ts';

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

/** Where a job that makes one file stands, for the page that follows it. */
export type FileJobState =
  | { state: 'working'; progress: number }
  /** Done, with nothing to make (no letters to print, say). */
  | { state: 'empty' }
  | { state: 'ready'; path: string; bytes: number }
  | { state: 'failed'; code: string };

/**
 * The state of the job `jobId` of this kind in the assembly; undefined when there is no such job.
 * `fileOf` names a finished job's file (null when it made none). A file deleted since (retention
 * removes old ones) reads as failed with `file_gone`: asking again makes it anew.
 */
export async function fileJobState(
  database: Database,
  dataDir: string,
  request: { assemblyId: string; kind: string; jobId: string },
  fileOf: (job: Job) => string | null,
): Promise<FileJobState | undefined> {
  const job = await findJobOfKind(database.db, request.assemblyId, request.kind, request.jobId);
  if (!job) return undefined;
  if (job.status === 'queued' || job.status === 'running')
    return { state: 'working', progress: job.progress?.fraction ?? 0 };
  if (job.status !== 'done') return { state: 'failed', code: job.error?.code ?? job.status };
  const file = fileOf(job);
  if (file === null) return { state: 'empty' };
  const path = jobFilePath(dataDir, job.id, file);
  const size = await stat(path).then(
    (s) => s.size,
    () => null,
  );
  return size === null ? { state: 'failed', code: 'file_gone' } : { state: 'ready', path, bytes: size };
}
