/** Where a command's result goes: standard output, or a file whose folder is created on demand. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InputError } from '../sortition/model.ts';

export async function writeResult(
  text: string,
  out: string | undefined,
  stdout: (text: string) => void,
  cannotWrite: (file: string, reason: string) => string,
): Promise<void> {
  if (out === undefined) {
    stdout(text);
    return;
  }
  try {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, text, 'utf8');
  } catch (error) {
    throw new InputError(cannotWrite(out, (error as Error).message), { file: out });
  }
}
