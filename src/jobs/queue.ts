/**
 * Queuing a job: the command that asks for it inserts the job's row in its own transaction, with its
 * audit event, so a job is never queued without its record nor recorded without being queued. On
 * PostgreSQL the same transaction hands it to graphile-worker (its `add_job` SQL function), which
 * wakes a `lotta worker` process at once.
 */
import type { Database } from '../db/connect.ts';
import type { Executor } from '../repositories/executor.ts';
import { addQueueJob, hasQueue, insertJob } from '../repositories/jobs.ts';
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
