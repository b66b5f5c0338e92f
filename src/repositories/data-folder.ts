/**
 * What Lotta keeps in the data folder besides the database, as far as retention needs it: staged
 * import uploads (`uploads/<id>` and `uploads/<id>.json`) and the files jobs made
 * (`jobs/<job id>/…`). Names are checked against their patterns before they touch a path.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** An upload's id: 18 random bytes, base64url (the import's pattern). */
export const uploadIdPattern = /^[A-Za-z0-9_-]{24}$/;
/** A job's id: a UUID. */
const jobIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function entries(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

/**
 * Deletes staged uploads last written before `before` (milliseconds since the epoch), whatever step
 * they were left at; returns how many uploads went.
 */
export async function deleteStagedUploadsBefore(dataDir: string, before: number): Promise<number> {
  const dir = join(dataDir, 'uploads');
  const removed = new Set<string>();
  for (const name of await entries(dir)) {
    const id = name.endsWith('.json') ? name.slice(0, -5) : name;
    if (!uploadIdPattern.test(id)) continue;
    const info = await stat(join(dir, name)).catch(() => null);
    if (!info || info.mtimeMs >= before) continue;
    await rm(join(dir, id), { force: true });
    await rm(join(dir, `${id}.json`), { force: true });
    removed.add(id);
  }
  return removed.size;
}

/** The ids of jobs that have a folder of files. */
export async function jobFolderIds(dataDir: string): Promise<string[]> {
  return (await entries(join(dataDir, 'jobs'))).filter((name) => jobIdPattern.test(name));
}

export async function deleteJobFolder(dataDir: string, jobId: string): Promise<void> {
  if (!jobIdPattern.test(jobId)) return;
  await rm(join(dataDir, 'jobs', jobId), { recursive: true, force: true });
}
