import { shorten } from '../sortition/echo.ts';
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
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    // A "#" starts a comment at the start of a line or after a space, so that an id may still contain one.
    const id = raw.replace(/(^|\s)#.*$/, '').trim();
    if (id === '' || (lineOfId.size === 0 && id.toLowerCase() === 'id')) return;
    const earlier = lineOfId.get(id);
    if (earlier !== undefined) {
      throw inputError(
        { file, line: i + 1 },
        `the id "${shorten(id)}" is also on line ${earlier}; remove one of the two lines.`,
        'duplicate-id',
      );
    }
    lineOfId.set(id, i + 1);
  });
  return [...lineOfId.keys()];
}
