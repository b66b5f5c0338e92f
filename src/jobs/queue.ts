/**
 * Queuing a job: the command that asks for it inserts the job's row in its own transaction, with its
 * audit event, so a job is never queued without its record nor recorded without being queued. On
 * PostgreSQL the same transaction hands it to graphile-worker (its `add_job` SQL function), which
 * wakes a `lotta worker` process at once.
 */
import type { Database } from '../db/connect.ts';
import type { Executor } from '../repositories/executor.ts';
import { addQueueJob, hasQueue, insertJob, upsertKeyedJob } from '../repositories/jobs.ts';
import type { JobKind } from './job-kind.ts';

export async function enqueueJob<Input>(
  trx: Executor,
  database: Database,
  kind: JobKind<Input>,
  job: { id?: string; assemblyId: string | null; input: Input; at: string; dedupeKey?: string },
): Promise<string> {
  const id = job.id ?? crypto.randomUUID();
  await insertJob(trx, {
    id,
    assembly_id: job.assemblyId,
    kind: kind.name,
    status: 'queued',
    input: JSON.stringify(job.input),
    progress: null,
    stage: null,
    cancel_requested: 0,
    attempts: 0,
    max_attempts: kind.maxAttempts,
    result: null,
    error: null,
    created_at: job.at,
    run_after: job.at,
    started_at: null,
    finished_at: null,
    heartbeat_at: null,
    locked_by: null,
    dedupe_key: job.dedupeKey ?? null,
  });
  if (await hasQueue(trx, database.dialect)) await addQueueJob(trx, id, job.at);
  return id;
}

/**
 * Queues a keyed job to run at `runAt` (or sooner): at most one job per key waits at a time, so this
 * may only bring the waiting one forward. For housekeeping jobs (sending the due e-mails, retention)
 * that any number of changes ask for. Returns the waiting job's id.
 */
export async function enqueueKeyedJob<Input>(
  trx: Executor,
  database: Database,
  kind: JobKind<Input>,
  job: { jobKey: string; input: Input; runAt: string; at: string },
): Promise<string> {
  const waiting = await upsertKeyedJob(trx, {
    id: crypto.randomUUID(),
    assembly_id: null,
    kind: kind.name,
    status: 'queued',
    input: JSON.stringify(job.input),
    max_attempts: kind.maxAttempts,
    created_at: job.at,
    run_after: job.runAt,
    job_key: job.jobKey,
  });
  // graphile-worker hears of it only when it is new or was brought forward (an extra entry would be
  // harmless: its claim fails).
  if ((waiting.inserted || waiting.runAfter === job.runAt) && (await hasQueue(trx, database.dialect)))
    await addQueueJob(trx, waiting.id, waiting.runAfter);
  return waiting.id;
}
