/**
 * Uploaded respondent files waiting between the steps of an import, in `<dataDir>/uploads/<id>` with
 * their details beside them in `<id>.json`. Kept in the data folder rather than in memory, so that
 * each step may reach another web process on the same folder. The id travels in the forms, so it is
 * checked against a strict pattern before it becomes part of a path.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { retentionPeriods } from '../domain/retention.ts';
import { uploadIdPattern } from './data-folder.ts';
import { readStoredJson, StoredDataError } from './stored-json.ts';

/**
 * Uploads hold personal data: they are deleted after the import, or after this long at the latest
 * (by the hourly retention job, src/commands/retention.ts, whatever step they were left at).
 */
export const keepUploadMillis = retentionPeriods.stagedUploadMillis;

const uploadMeta = z.object({
  assemblyId: z.string(),
  fileName: z.string(),
  uploadedAt: z.number(),
});
type UploadMeta = z.infer<typeof uploadMeta>;

export interface StoredUpload {
  id: string;
  fileName: string;
  bytes: Uint8Array;
}

function uploadDir(dataDir: string): string {
  return join(dataDir, 'uploads');
}

export async function removeUpload(dataDir: string, id: string): Promise<void> {
  if (!uploadIdPattern.test(id)) return;
  const dir = uploadDir(dataDir);
  await rm(join(dir, id), { force: true });
  await rm(join(dir, `${id}.json`), { force: true });
}

/** Keeps the bytes of an upload for the assembly's next steps; returns the id that names it. */
export async function storeUpload(
  dataDir: string,
  assemblyId: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<string> {
  const dir = uploadDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const id = randomBytes(18).toString('base64url');
  const meta: UploadMeta = { assemblyId, fileName, uploadedAt: Date.now() };
  await writeFile(join(dir, id), bytes, { mode: 0o600 });
  await writeFile(join(dir, `${id}.json`), JSON.stringify(meta), { mode: 0o600 });
  return id;
}

/** The upload `id` of the assembly, or null when it is missing, expired or belongs to another one. */
export async function findUpload(
  dataDir: string,
  assemblyId: string,
  id: string,
): Promise<StoredUpload | null> {
  if (!uploadIdPattern.test(id)) return null;
  const dir = uploadDir(dataDir);
  let meta: UploadMeta;
  let bytes: Uint8Array;
  try {
    meta = readStoredJson(uploadMeta, await readFile(join(dir, `${id}.json`), 'utf8'), 'upload details');
    bytes = new Uint8Array(await readFile(join(dir, id)));
  } catch (error) {
    // A half-written or foreign details file is as good as none: the organiser uploads again.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof StoredDataError) return null;
    throw error;
  }
  if (meta.assemblyId !== assemblyId) return null;
  if (!(Date.now() - meta.uploadedAt < keepUploadMillis)) {
    await removeUpload(dataDir, id);
    return null;
  }
  return { id, fileName: meta.fileName, bytes };
}
