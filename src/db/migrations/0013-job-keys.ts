/**
 * Jobs that stand for "do this kind of housekeeping" rather than one piece of work (sending the due
 * e-mails, the hourly retention run) carry a job key: at most one job per key waits in the queue at a
 * time, so a burst of outbox writes queues one send job, not one per message. Like graphile-worker's
 * `jobKey`, but on Lotta's own `jobs` table, so it holds on SQLite too. A job that is running frees its
 * key: a message written meanwhile queues the next run.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('job_key', 'text').execute();
  await sql`create unique index jobs_one_queued_per_key on jobs (job_key)
    where status = 'queued' and job_key is not null`.execute(db);
}
