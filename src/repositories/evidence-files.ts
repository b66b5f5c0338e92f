/**
 * The files of evidence items, in `<dataDir>/evidence/<key>` (see kept-files.ts): reached only
 * through the download route and its permission.
 */
import { readKeptFile, removeKeptFile, storeKeptFile } from './kept-files.ts';

/** Keeps the bytes; returns the key that names them. */
export function storeEvidenceFile(dataDir: string, bytes: Uint8Array): Promise<string> {
  return storeKeptFile(dataDir, 'evidence', bytes);
}

/** The bytes stored under `key`, or null when there are none. */
export function readEvidenceFile(dataDir: string, key: string): Promise<Uint8Array | null> {
  return readKeptFile(dataDir, 'evidence', key);
}

export function removeEvidenceFile(dataDir: string, key: string): Promise<void> {
  return removeKeptFile(dataDir, 'evidence', key);
}
