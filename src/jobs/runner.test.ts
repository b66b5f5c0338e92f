/**
 * The job mechanism on its own, with test kinds: progress and result stored in the row (readable by
 * any process), cancel through the row's flag, retries with backoff where the kind allows, jobs of a
 * lost worker queued again or failed with the reason, and a restart that resumes what was left.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { openTestDatabase } from '../../test/support/web.ts';
import { now } from '../commands/command.ts';
import type { Database } from '../db/connect.ts';
import { findJob, findJobDecoded, insertJob, type JobRow, requestJobCancel } from '../repositories/jobs.ts';
import { startServer } from '../web/server.ts';
import { JobCancelled, type JobFailureReason } from './job-kind.ts';
import { registerJobKind } from './kinds.ts';
import { enqueueJob } from './queue.ts';
import { startJobRunner, stopJobRunners, sweepStaleJobs, wakeJobRunner } from './runner.ts';

const abandoned: { id: string; reason: JobFailureReason }[] = [];
let flakyCalls = 0;

const echo = {
  name: 'test-echo',
  maxAttempts: 1,
  async handle(ctx: { input: { n: number }; reportProgress(f: number, s?: string): void }) {
    ctx.reportProgress(0.5, 'half');
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { doubled: ctx.input.n * 2 };
  },
};
const flaky = {
  name: 'test-flaky',
  maxAttempts: 2,
  async handle(): Promise<never> {
    flakyCalls++;
    throw new Error('boom');
  },
  async abandoned(_database: Database, job: JobRow, reason: JobFailureReason) {
    abandoned.push({ id: job.id, reason });
  },
};
const patient = {
  name: 'test-patient',
  maxAttempts: 1,
  async handle(ctx: { isCancelled(): Promise<boolean> }) {
    for (let i = 0; i < 200; i++) {
      if (await ctx.isCancelled()) throw new JobCancelled();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return 'not cancelled';
  },
};
let strictCalls = 0;
const strict = {
  name: 'test-strict',
  maxAttempts: 2,
  inputSchema: z.object({ n: z.number() }),
  resultSchema: z.object({ tripled: z.number() }),
  async handle(ctx: { input: { n: number }; reportProgress(f: number, s?: string): void }) {
    strictCalls++;
    ctx.reportProgress(0.25, 'quarter');
    return { tripled: ctx.input.n * 3 };
  },
};
for (const kind of [echo, flaky, patient, strict]) registerJobKind(kind);

async function enqueue(database: Database, kind: { name: string; maxAttempts: number }, input: unknown) {
  const id = await database.db
    .transaction()
    .execute((trx) =>
      enqueueJob(
        trx,
        database,
        { ...kind, handle: async () => null },
        { assemblyId: null, input, at: now() },
      ),
    );
  wakeJobRunner(database);
  return id;
}

async function waitForEnd(database: Database, id: string, seconds = 10): Promise<JobRow> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const job = await findJob(database.db, id);
    if (job && job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`job ${id} did not end`);
}

function staleRow(id: string, kind: string, attempts: number, maxAttempts: number) {
  const old = new Date(Date.now() - 60_000).toISOString();
  return {
    id,
    assembly_id: null,
    kind,
    status: 'running',
    input: JSON.stringify({ n: 21 }),
    progress: 0.3,
    stage: null,
    cancel_requested: 0,
    attempts,
    max_attempts: maxAttempts,
    result: null,
    error: null,
    created_at: old,
    run_after: old,
    started_at: old,
    finished_at: null,
    heartbeat_at: old,
    locked_by: 'gone-host:1:abcdef',
    dedupe_key: null,
  };
}

describe('jobs in the server process', () => {
  let database: Database;
  let dispose: () => Promise<void>;

  before(async () => {
    ({ database, dispose } = await openTestDatabase());
    startJobRunner(database, { dataDir: '.' });
  });
  after(async () => {
    await stopJobRunners(database);
    await dispose();
  });

  test('a queued job runs; its progress and result are stored in its row', async () => {
    const id = await enqueue(database, echo, { n: 21 });
    const job = await waitForEnd(database, id);
    assert.equal(job.status, 'done');
    assert.deepEqual(JSON.parse(job.result!), { doubled: 42 });
    assert.equal(job.progress, 0.5);
    assert.equal(job.stage, 'half');
    assert.equal(job.attempts, 1);
    assert.ok(job.started_at && job.finished_at && job.heartbeat_at);
  });

  test('the repository hands out a job decoded; its kind narrows the input with its schema before the handler runs', async () => {
    strictCalls = 0;
    const good = await enqueue(database, strict, { n: 5 });
    await waitForEnd(database, good);
    const done = (await findJobDecoded(database.db, good))!;
    assert.equal(done.status, 'done');
    assert.deepEqual(done.input, { n: 5 });
    assert.deepEqual(done.result, { tripled: 15 });
    assert.deepEqual(done.progress, { fraction: 0.25, stage: 'quarter' });
    assert.equal(done.error, null);
    // An input the kind cannot read fails at once with the reason, without the handler and without
    // a second attempt (running again would read the same input).
    const bad = await enqueue(database, strict, { n: 'five' });
    await waitForEnd(database, bad);
    const failed = (await findJobDecoded(database.db, bad))!;
    assert.equal(failed.status, 'failed');
    assert.equal(failed.attempts, 1);
    assert.equal(failed.error?.code, 'bad_input');
    assert.match(failed.error?.message ?? '', /test-strict job input/);
    assert.equal(strictCalls, 1);
  });

  test('cancel is a flag in the row; the handler sees it and the job ends as cancelled', async () => {
    const id = await enqueue(database, patient, {});
    for (let i = 0; i < 100 && (await findJob(database.db, id))?.status !== 'running'; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(await requestJobCancel(database.db, id), 'running');
    const job = await waitForEnd(database, id);
    assert.equal(job.status, 'cancelled');
  });

  test('a failing job is tried again after a pause where its kind allows, then fails with the reason', async () => {
    flakyCalls = 0;
    const id = await enqueue(database, flaky, {});
    const job = await waitForEnd(database, id);
    assert.equal(flakyCalls, 2);
    assert.equal(job.status, 'failed');
    assert.equal(job.attempts, 2);
    assert.deepEqual(JSON.parse(job.error!), { code: 'error', message: 'boom' });
    // The second attempt waited for its backoff (2 s).
    assert.ok(Date.parse(job.finished_at!) - Date.parse(job.created_at) >= 1900);
    assert.deepEqual(
      abandoned.map((a) => a.id),
      [id],
    );
  });

  test('a job whose worker stopped sending heartbeats is queued again, or fails with the reason when no attempt is left', async () => {
    abandoned.length = 0;
    await insertJob(database.db, staleRow('lost-once', echo.name, 1, 2));
    await insertJob(database.db, staleRow('lost-for-good', flaky.name, 2, 2));
    assert.equal(await sweepStaleJobs(database, 30_000), 2);
    wakeJobRunner(database);
    const retried = await waitForEnd(database, 'lost-once');
    assert.equal(retried.status, 'done');
    assert.equal(retried.attempts, 2);
    const failed = (await findJob(database.db, 'lost-for-good'))!;
    assert.equal(failed.status, 'failed');
    assert.equal(JSON.parse(failed.error!).code, 'worker_lost');
    assert.match(JSON.parse(failed.error!).message, /gone-host:1:abcdef/);
    assert.deepEqual(
      abandoned.map((a) => [a.id, a.reason.code]),
      [['lost-for-good', 'worker_lost']],
    );
    // A job with a fresh heartbeat is left alone.
    await insertJob(database.db, { ...staleRow('alive', echo.name, 1, 1), heartbeat_at: now() });
    assert.equal(await sweepStaleJobs(database, 30_000), 0);
    assert.equal((await findJob(database.db, 'alive'))!.status, 'running');
  });
});

test('on start, a SQLite server resumes queued jobs and retries or fails the ones its previous process was running', async () => {
  const { database, dataDir, dispose } = await openTestDatabase();
  const row = staleRow('was-running', echo.name, 1, 2);
  await insertJob(database.db, { ...row, heartbeat_at: now() });
  await insertJob(database.db, { ...staleRow('out-of-attempts', echo.name, 1, 1), heartbeat_at: now() });
  await insertJob(database.db, {
    ...row,
    id: 'was-queued',
    status: 'queued',
    attempts: 0,
    locked_by: null,
    heartbeat_at: null,
  });
  await database.close();
  const server = await startServer({ port: 0, dataDir, demo: false, say: () => {} });
  try {
    for (const id of ['was-running', 'was-queued']) {
      const job = await waitForEnd(server.database, id);
      assert.equal(job.status, 'done', id);
      assert.deepEqual(JSON.parse(job.result!), { doubled: 42 });
    }
    const failed = (await findJob(server.database.db, 'out-of-attempts'))!;
    assert.equal(failed.status, 'failed');
    assert.equal(JSON.parse(failed.error!).code, 'worker_lost');
  } finally {
    await server.close();
    await dispose().catch(() => {});
  }
});
