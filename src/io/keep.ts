import { shorten } from '../sortition/echo.ts';
import { formatLimit, inputLimits } from './limits.ts';
import { inputError } from './location.ts';
import { readTextFile } from './text-file.ts';

/**
 * Reads the ids of people who must be on the panel (confirmed members in a replacement round):
 * one id per line; blank lines, an optional `id` header and `#` comments are ignored.
 */
export async function readKeep(path: string): Promise<string[]> {
  return parseKeep(await readTextFile(path), path);
}

export function parseKeep(text: string, file: string): string[] {
  const lineOfId = new Map<string, number>();
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // Line by line rather than split(): a file of nothing but line breaks would be millions of strings.
  const lineBreak = /\r\n|\n|\r/g;
  let start = 0;
  for (let line = 1; start <= content.length; line++) {
    const found = lineBreak.exec(content);
    const end = found ? found.index : content.length;
    const raw = content.slice(start, end);
    start = found ? end + found[0].length : content.length + 1;
    // A "#" starts a comment at the start of a line or after a space, so that an id may still contain one.
    const id = raw.replace(/(^|\s)#.*$/, '').trim();
    if (id === '' || (lineOfId.size === 0 && id.toLowerCase() === 'id')) continue;
    if (id.length > inputLimits.cellCharacters) {
      throw inputError(
        { file, line },
        `the id holds more than ${formatLimit(inputLimits.cellCharacters)} characters, the most Lotta reads; ` +
          'check that this is a list of ids, one per line.',
        'cell-too-long',
      );
    }
    const earlier = lineOfId.get(id);
    if (earlier !== undefined) {
      throw inputError(
        { file, line },
        `the id "${shorten(id)}" is also on line ${earlier}; remove one of the two lines.`,
        'duplicate-id',
      );
    }
    if (lineOfId.size >= inputLimits.rows) {
      throw inputError(
        { file, line },
        `the file lists more than ${formatLimit(inputLimits.rows)} ids, the most Lotta reads; ` +
          'check that this is the list of people to keep.',
        'too-many-rows',
      );
    }
    lineOfId.set(id, line);
  }
  return [...lineOfId.keys()];
}
