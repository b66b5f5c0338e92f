/**
 * One table for every long task (selection runs, and the kinds that follow): its state, progress,
 * cancel flag, attempts, result or failure reason, and the heartbeat that tells a live worker from a
 * dead one. Every process reads progress and results from here, whichever process did the work.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // No foreign key: a job's row outlives a deleted assembly as a record of what ran.
    .addColumn('assembly_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    /** queued, running, done, failed, cancelled. */
    .addColumn('status', 'text', (c) => c.notNull())
    /** JSON handed to the kind's handler. */
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('progress', 'real')
    .addColumn('stage', 'text')
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(1))
    /** JSON: a small value, or `{ file }` relative to `<dataDir>/jobs/<id>/`. */
    .addColumn('result', 'text')
    /** JSON `{ code, message? }`. */
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    /** Not claimed before this moment (backoff between attempts). */
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('heartbeat_at', 'text')
    /** Which worker (host:pid:nonce) holds a running job. */
    .addColumn('locked_by', 'text')
    /** Same key, same output: a finished job's file is handed out again instead of made anew. */
    .addColumn('dedupe_key', 'text')
    .execute();
  await db.schema.createIndex('jobs_status_idx').on('jobs').columns(['status', 'run_after']).execute();
  await db.schema.createIndex('jobs_assembly_idx').on('jobs').columns(['assembly_id', 'kind']).execute();
}
