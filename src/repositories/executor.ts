/** What repositories run their SQL on: the database itself or a command's open transaction. */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';

export type Executor = Kysely<Schema>;

/** PostgreSQL returns count(*) as a string (it is a bigint); SQLite returns a number. */
export function toCount(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
