/**
 * Where the real test cases of other projects are (`shared/data`, see its README): the
 * `LOTTA_SHARED_DATA` folder when set, else `../shared/data` beside this checkout. `npm test` sets
 * the variable for a clone made elsewhere (see scripts/run-tests.mjs), so the same cases run there.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const beside = fileURLToPath(new URL('../../../shared/data', import.meta.url));

export const sharedDataDir = process.env.LOTTA_SHARED_DATA || beside;

/** A file or folder of the shared data, e.g. `sharedData('sortition', 'features.csv')`. */
export function sharedData(...parts: string[]): string {
  return join(sharedDataDir, ...parts);
}
