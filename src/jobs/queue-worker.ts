/**
 * Jobs on PostgreSQL through graphile-worker: `lotta worker` processes (on as many machines as
 * needed) take Lotta's jobs from its queue. graphile-worker was chosen over pg-boss because its
 * `add_job` SQL function lets a command queue a job in the same transaction as the job's row and
 * audit event, it wakes workers through LISTEN/NOTIFY, and its 0.17 line runs on Node 20 (pg-boss's
 * current versions need Node 22). Lotta's own `jobs` table stays the record every process reads;
 * graphile-worker's job only says "job <id> is due", and claiming the row decides who runs it.
 */
import { Logger, run, runMigrations } from 'graphile-worker';
import pg from 'pg';
import { type Database, schemaLock } from '../db/connect.ts';
import { log } from '../log.ts';
import { addQueueJob, claimJob, dueJobIds } from '../repositories/jobs.ts';
import { jobTimings, runClaimedJob, sweepStaleJobs, workerName } from './runner.ts';

// graphile-worker's own messages go to Lotta's log (they name jobs by number, never people).
const logger = new Logger(() => (level, message) => {
  if (level === 'error') log.error({ queue: true }, message);
  else if (level === 'warning') log.warn({ queue: true }, message);
});

/**
 * Creates or updates graphile-worker's schema (`graphile_worker`) in the database, one process at a
 * time: a web process and a worker starting together on a new database both install it, and the
 * second could fail half-way through the first one's work (seen in CI: "relation
 * graphile_worker.known_crontabs does not exist"). The lock is the one Lotta's own migrations take.
 */
export async function installQueue(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [schemaLock]);
    await runMigrations({ connectionString, logger });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [schemaLock]).catch(() => undefined);
    await client.end();
  }
}

export interface QueueWorker {
  /** Stops taking jobs, tells running ones to stop, and waits for them to record how they ended. */
  stop(): Promise<void>;
}

export async function startQueueWorker(
  database: Database,
  options: { connectionString: string; dataDir: string; concurrency: number },
): Promise<QueueWorker> {
  await installQueue(options.connectionString);
  const aborter = new AbortController();
  let stopping = false;
  const running = new Set<Promise<void>>();
  const timings = jobTimings();
  const now = () => new Date().toISOString();

  const runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    logger,
    taskList: {
      lotta_job: async (payload) => {
        const jobId = (payload as { jobId?: unknown } | null)?.jobId;
        if (typeof jobId !== 'string') return;
        if (stopping) {
          // This worker is shutting down: the job is left to the others, with a new queue entry.
          await addQueueJob(database.db, jobId, new Date(Date.now() + 2000).toISOString());
          return;
        }
        // Another worker (or a web process's own runner) may have taken it, or it was cancelled.
        const job = await claimJob(database.db, jobId, workerName, now());
        if (!job) return;
        log.info({ job: job.id, kind: job.kind, attempt: job.attempts }, 'job started');
        const done = runClaimedJob(database, options.dataDir, job, aborter.signal, timings);
        running.add(done);
        try {
          await done;
        } finally {
          running.delete(done);
        }
        log.info({ job: job.id, kind: job.kind }, 'job ended');
      },
    },
  });

  // Jobs queued before graphile-worker's schema existed have no queue entry: give them one (an extra
  // entry for a job already taken is harmless, its claim fails).
  for (const id of await dueJobIds(database.db, now(), 1000)) await addQueueJob(database.db, id, now());

  const sweep = async () => {
    try {
      await sweepStaleJobs(database, timings.staleMillis);
      // A queued job whose queue entry went missing (a worker stopped between taking the entry and
      // claiming the job) would wait for ever: it gets a new entry (an extra one is harmless).
      const overdue = new Date(Date.now() - timings.staleMillis).toISOString();
      for (const id of await dueJobIds(database.db, overdue, 100)) await addQueueJob(database.db, id, now());
    } catch (error) {
      log.error({ error: error instanceof Error ? error.message : String(error) }, 'job sweep failed');
    }
  };
  await sweep();
  const sweeping = setInterval(sweep, timings.heartbeatMillis * 2);

  return {
    async stop() {
      clearInterval(sweeping);
      stopping = true;
      // Take no new entries first: a job handed back below must go to another worker, not this one.
      const stopped = runner.stop();
      aborter.abort();
      await Promise.all(running);
      await stopped;
    },
  };
}
