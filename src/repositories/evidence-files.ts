/**
 * The files of evidence items, in `<dataDir>/evidence/<key>`: outside the web root, reached only
 * through the download route and its permission. Each stored file gets a new random key, so that a
 * replaced file can be removed once the change has committed, and a failed change leaves the old
 * one in place. The key comes from the database, yet is checked against its pattern before it
 * becomes part of a path.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const keyPattern = /^[A-Za-z0-9_-]{24}$/;

function folder(dataDir: string): string {
  return join(dataDir, 'evidence');
}

/** Keeps the bytes; returns the key that names them. */
export async function storeEvidenceFile(dataDir: string, bytes: Uint8Array): Promise<string> {
  await mkdir(folder(dataDir), { recursive: true, mode: 0o700 });
  const key = randomBytes(18).toString('base64url');
  await writeFile(join(folder(dataDir), key), bytes, { mode: 0o600, flag: 'wx' });
  return key;
}

/** The bytes stored under `key`, or null when there are none. */
export async function readEvidenceFile(dataDir: string, key: string): Promise<Uint8Array | null> {
  if (!keyPattern.test(key)) return null;
  try {
    return new Uint8Array(await readFile(join(folder(dataDir), key)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function removeEvidenceFile(dataDir: string, key: string): Promise<void> {
  if (!keyPattern.test(key)) return;
  await rm(join(folder(dataDir), key), { force: true });
}
