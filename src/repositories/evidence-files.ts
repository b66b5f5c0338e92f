/**
 * The files of evidence items, in `<dataDir>/evidence/<key>` (see kept-files.ts): reached only
 * through the download routes and their permissions.
 */
import { type KeptFileContent, openKeptFile, removeKeptFile } from './kept-files.ts';

/** The file stored under `key`, opened to be sent in pieces, or null when there is none. */
export function openEvidenceFile(dataDir: string, key: string): Promise<KeptFileContent | null> {
  return openKeptFile(dataDir, 'evidence', key);
}

export function removeEvidenceFile(dataDir: string, key: string): Promise<void> {
  return removeKeptFile(dataDir, 'evidence', key);
}
