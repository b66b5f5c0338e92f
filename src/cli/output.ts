/**
 * Where a command's result goes: standard output, or a file whose folder is created on demand. The
 * result may come in pieces (a selection file over a large pool is too long for one string), which
 * are written one after another, waiting for the file to take each before the next.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InputError } from '../sortition/model.ts';
import { jsonTextChunks } from '../sortition/selection-file.ts';

export async function writeResult(
  text: string | Iterable<string>,
  out: string | undefined,
  stdout: (text: string) => void,
  cannotWrite: (file: string, reason: string) => string,
): Promise<void> {
  const pieces = typeof text === 'string' ? [text] : text;
  if (out === undefined) {
    for (const piece of pieces) stdout(piece);
    return;
  }
  try {
    await mkdir(dirname(out), { recursive: true });
    const file = createWriteStream(out, { encoding: 'utf8' });
    const failed = once(file, 'error').then(([error]) => {
      throw error;
    });
    // A failure while waiting for 'drain' must not go unhandled when the loop is not waiting on it.
    failed.catch(() => {});
    for (const piece of pieces) {
      if (!file.write(piece)) await Promise.race([once(file, 'drain'), failed]);
    }
    file.end();
    await Promise.race([once(file, 'finish'), failed]);
  } catch (error) {
    throw new InputError(cannotWrite(out, (error as Error).message), { file: out });
  }
}

/** `JSON.stringify(value, null, 2)` and a final newline, in pieces (see jsonTextChunks). */
export function* jsonFileText(value: unknown): Generator<string> {
  yield* jsonTextChunks(value);
  yield '\n';
}
