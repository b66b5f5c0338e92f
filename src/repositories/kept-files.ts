/**
 * Files people uploaded, kept in the data folder (`<dataDir>/<folder>/<key>`): outside the web root,
 * reached only through a route that checks who asks. Each stored file gets a new random key, so that
 * a replaced file can be removed once the change has committed, and a failed change leaves the old
 * one in place. The key comes from the database, yet is checked against its pattern before it
 * becomes part of a path.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The folders of kept files: evidence items' files, and receipts of expense claims. */
export type KeptFolder = 'evidence' | 'receipts';

const keyPattern = /^[A-Za-z0-9_-]{24}$/;

/** Keeps the bytes; returns the key that names them. */
export async function storeKeptFile(dataDir: string, folder: KeptFolder, bytes: Uint8Array): Promise<string> {
  await mkdir(join(dataDir, folder), { recursive: true, mode: 0o700 });
  const key = randomBytes(18).toString('base64url');
  await writeFile(join(dataDir, folder, key), bytes, { mode: 0o600, flag: 'wx' });
  return key;
}

/**
 * Where an upload streamed straight to disk goes (its folder created owner-only): a new key and its
 * path. The file is named by a claim once the command has taken it, or removed with `removeKeptFile`.
 */
export async function keptFileTarget(
  dataDir: string,
  folder: KeptFolder,
): Promise<{ key: string; path: string }> {
  await mkdir(join(dataDir, folder), { recursive: true, mode: 0o700 });
  const key = randomBytes(18).toString('base64url');
  return { key, path: join(dataDir, folder, key) };
}

/** The bytes stored under `key`, or null when there are none. */
export async function readKeptFile(
  dataDir: string,
  folder: KeptFolder,
  key: string,
): Promise<Uint8Array | null> {
  if (!keyPattern.test(key)) return null;
  try {
    return new Uint8Array(await readFile(join(dataDir, folder, key)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function removeKeptFile(dataDir: string, folder: KeptFolder, key: string): Promise<void> {
  if (!keyPattern.test(key)) return;
  await rm(join(dataDir, folder, key), { force: true });
}
