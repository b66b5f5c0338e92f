/**
 * Files a form sends, streamed into a kept folder while the form arrives (see `src/web/file-form.ts`):
 * where each goes, and its removal when no record takes it (an empty file input, a refused form, a
 * failed command), so the data folder keeps no file that nothing names.
 */
import { type KeptFolder, keptFileTarget, removeKeptFile } from '../repositories/kept-files.ts';

export type { KeptFolder };

/** Where a file is streamed while the form arrives: a new key in the folder, and its path. */
export function keptUploadTarget(
  dataDir: string,
  folder: KeptFolder,
): Promise<{ key: string; path: string }> {
  return keptFileTarget(dataDir, folder);
}

/** Removes a streamed file that no record takes. */
export function discardKeptUpload(dataDir: string, folder: KeptFolder, key: string): Promise<void> {
  return removeKeptFile(dataDir, folder, key);
}
