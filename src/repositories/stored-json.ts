/**
 * Reading JSON that Lotta stored in a text column. Both databases keep JSON as text (see
 * db/schema.ts), so repositories decode it here, once, against a zod schema: pages and commands get
 * typed values, and a row that does not hold what its schema says fails loudly at the repository
 * instead of as `undefined` deep inside a page.
 */
import type { z } from 'zod';

export class StoredDataError extends Error {
  constructor(what: string, cause: unknown) {
    super(`stored ${what} cannot be read`, { cause });
    this.name = 'StoredDataError';
  }
}

/** The decoded value of `text`, which must hold JSON matching `schema`; `what` names it in the error. */
export function readStoredJson<S extends z.ZodType>(schema: S, text: string, what: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoredDataError(what, error);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new StoredDataError(what, parsed.error);
  return parsed.data;
}

/** Like readStoredJson, for a nullable column: null stays null. */
export function readStoredJsonOrNull<S extends z.ZodType>(
  schema: S,
  text: string | null | undefined,
  what: string,
): z.output<S> | null {
  return text === null || text === undefined ? null : readStoredJson(schema, text, what);
}
