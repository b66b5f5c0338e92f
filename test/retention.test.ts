/**
 * Retention: the hourly job deletes each kind of short-lived data once its period has run out, and
 * keeps it before; the run is audited with counts only, and queues its own next run an hour on.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bootstrapAdministrator } from '../src/commands/accounts.ts';
import type { Actor } from '../src/commands/command.ts';
import { createEvidence } from '../src/commands/evidence.ts';
import { saveLogo } from '../src/commands/final-reports.ts';
import { retentionJobKey, runRetention, startRetention } from '../src/commands/retention.ts';
import type { Database } from '../src/db/connect.ts';
import type { EvidenceInput } from '../src/domain/evidence.ts';
import { retentionPeriods } from '../src/domain/retention.ts';
import { startJobRunner, stopJobRunners } from '../src/jobs/runner.ts';
import { findAccountByEmail } from '../src/repositories/accounts.ts';
import { insertFinalReportVersion } from '../src/repositories/final-reports.ts';
import { findQueuedKeyedJob } from '../src/repositories/jobs.ts';
import { queueMessage } from '../src/repositories/outbox.ts';
import { createTestAssembly, keptUpload, openTestDatabase } from './support/web.ts';

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function seed(database: Database, dataDir: string, now: number) {
  await bootstrapAdministrator(database, {
    email: 'admin@retention.test',
    password: 'a long enough password',
  });
  const accountId = (await findAccountByEmail(database.db, 'admin@retention.test'))!.id;
  const db = database.db;
  const login = (id: string, expires: number) => ({
    id,
    account_id: accountId,
    person_id: null,
    pending_totp: 0,
    created_at: iso(now - day),
    expires_at: iso(expires),
    last_seen_at: iso(now - 60_000),
  });
  await db
    .insertInto('logins')
    .values([login('expired', now - 1000), login('live', now + 3_600_000)])
    .execute();
  const link = (token_hash: string, expires: number, used: number | null) => ({
    token_hash,
    account_id: accountId,
    created_at: iso(now - day),
    expires_at: iso(expires),
    used_at: used === null ? null : iso(used),
  });
  await db
    .insertInto('password_links')
    .values([
      link('used', now + day, now - 60_000),
      link('expired', now - 1000, null),
      link('usable', now + day, null),
    ])
    .execute();
  await db
    .insertInto('rate_limit_hits')
    .values([
      { bucket: 'register', key_hash: 'old', at: now - retentionPeriods.rateLimitHitMillis - 1000 },
      { bucket: 'register', key_hash: 'recent', at: now - 10 * 60_000 },
    ])
    .execute();

  // Staged uploads: one left 25 hours ago, one from 23 hours ago.
  const uploads = join(dataDir, 'uploads');
  mkdirSync(uploads, { recursive: true });
  const upload = (id: string, ageMs: number) => {
    for (const name of [id, `${id}.json`]) {
      writeFileSync(join(uploads, name), 'x');
      utimesSync(join(uploads, name), new Date(now - ageMs), new Date(now - ageMs));
    }
  };
  upload('oldUploadAAAAAAAAAAAAAAA', 25 * 3_600_000);
  upload('newUploadAAAAAAAAAAAAAAA', 23 * 3_600_000);

  // Jobs and their files: a letters PDF that ended 31 days ago, one 29 days ago, a running one.
  const job = (id: string, kind: string, status: string, finished: number | null) => ({
    id,
    assembly_id: null,
    kind,
    status,
    input: '{}',
    created_at: iso(now - 40 * day),
    run_after: iso(now - 40 * day),
    finished_at: finished === null ? null : iso(finished),
  });
  const ids = {
    oldPdf: '00000000-0000-4000-8000-000000000001',
    newPdf: '00000000-0000-4000-8000-000000000002',
    runningPdf: '00000000-0000-4000-8000-000000000003',
    oldSend: '00000000-0000-4000-8000-000000000004',
    newSend: '00000000-0000-4000-8000-000000000005',
  };
  await db
    .insertInto('jobs')
    .values([
      job(ids.oldPdf, 'letters-pdf', 'done', now - 31 * day),
      job(ids.newPdf, 'letters-pdf', 'done', now - 29 * day),
      job(ids.runningPdf, 'letters-pdf', 'running', null),
      job(ids.oldSend, 'send-mail', 'done', now - 31 * day),
      job(ids.newSend, 'send-mail', 'done', now - 29 * day),
    ])
    .execute();
  for (const id of [ids.oldPdf, ids.newPdf, ids.runningPdf]) {
    mkdirSync(join(dataDir, 'jobs', id), { recursive: true });
    writeFileSync(join(dataDir, 'jobs', id, 'letters.pdf'), '%PDF');
  }

  // Messages: sent 91 days ago, sent 89 days ago, failed 91 days ago, queued (waiting) for 100 days.
  const message = async (status: string, updated: number, address: string) => {
    const id = await queueMessage(db, {
      assemblyId: null,
      recipient: { kind: 'account', id: accountId },
      channel: 'email',
      address,
      language: 'sv',
      template: 'account_set_password',
      parameters: status === 'sent' ? {} : { name: 'Greta', link: 'https://x/set-password/secret' },
      at: iso(now - 100 * day),
    });
    await db
      .updateTable('outbox_messages')
      .set({ status, updated_at: iso(updated), ...(status === 'sent' ? { parameters: '{}' } : {}) })
      .where('id', '=', id)
      .execute();
    return id;
  };
  const messages = {
    oldSent: await message('sent', now - 91 * day, 'old@example.se'),
    newSent: await message('sent', now - 89 * day, 'new@example.se'),
    oldFailed: await message('failed', now - 91 * day, 'failed@example.se'),
    waiting: await message('queued', now - 100 * day, 'waiting@example.se'),
  };
  return { ids, messages, uploads };
}

for (const kind of ['sqlite', 'postgres'] as const) {
  test(`retention deletes each kind of data after its period and keeps it before (${kind})`, async () => {
    const { database, dataDir, dispose } = await openTestDatabase(kind);
    try {
      const now = Date.now();
      const { ids, messages, uploads } = await seed(database, dataDir, now);
      const db = database.db;

      const counts = await runRetention(database, dataDir, new Date(now));
      assert.deepEqual(counts, {
        logins: 1,
        passwordLinks: 2,
        rateLimitHits: 1,
        stagedUploads: 1,
        jobFiles: 1,
        housekeepingJobs: 1,
        messagesForgotten: 2,
        submissionSendersErased: 0,
        receipts: 0,
        orphanFiles: 0,
        scheduled: 0,
      });

      const logins = await db.selectFrom('logins').select('id').execute();
      assert.deepEqual(
        logins.map((s) => s.id),
        ['live'],
      );
      const links = await db.selectFrom('password_links').select('token_hash').execute();
      assert.deepEqual(
        links.map((l) => l.token_hash),
        ['usable'],
      );
      const hits = await db.selectFrom('rate_limit_hits').select('key_hash').execute();
      assert.deepEqual(
        hits.map((h) => h.key_hash),
        ['recent'],
      );
      assert.equal(existsSync(join(uploads, 'oldUploadAAAAAAAAAAAAAAA')), false);
      assert.equal(existsSync(join(uploads, 'oldUploadAAAAAAAAAAAAAAA.json')), false);
      assert.equal(existsSync(join(uploads, 'newUploadAAAAAAAAAAAAAAA')), true);
      assert.equal(existsSync(join(uploads, 'newUploadAAAAAAAAAAAAAAA.json')), true);

      assert.equal(existsSync(join(dataDir, 'jobs', ids.oldPdf)), false);
      assert.equal(existsSync(join(dataDir, 'jobs', ids.newPdf, 'letters.pdf')), true);
      assert.equal(existsSync(join(dataDir, 'jobs', ids.runningPdf, 'letters.pdf')), true);
      // A letters job's row stays as the record of what was made; only housekeeping rows go.
      const jobs = (await db.selectFrom('jobs').select('id').orderBy('id').execute()).map((j) => j.id);
      assert.deepEqual(jobs, [ids.oldPdf, ids.newPdf, ids.runningPdf, ids.newSend]);

      const outbox = await db.selectFrom('outbox_messages').selectAll().execute();
      const byId = (id: string) => outbox.find((m) => m.id === id)!;
      for (const id of [messages.oldSent, messages.oldFailed]) {
        assert.equal(byId(id).address, null);
        assert.equal(byId(id).parameters, '{}');
      }
      assert.equal(byId(messages.oldSent).status, 'sent');
      assert.equal(byId(messages.oldFailed).status, 'failed');
      assert.equal(byId(messages.newSent).address, 'new@example.se');
      // A message still waiting to go out is never touched.
      assert.equal(byId(messages.waiting).address, 'waiting@example.se');
      assert.match(byId(messages.waiting).parameters, /Greta/);

      // One audit event with the counts, and nothing personal.
      const events = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'retention.run')
        .execute();
      assert.equal(events.length, 1);
      assert.equal(events[0].actor_id, 'system');
      assert.deepEqual(JSON.parse(events[0].details), counts);

      // A second run finds nothing more.
      const again = await runRetention(database, dataDir, new Date(now));
      assert.ok(Object.values(again).every((n) => n === 0));
    } finally {
      await dispose();
    }
  });
}

test('retention runs as a job at start and queues its next run an hour on', async () => {
  const { database, dataDir, dispose } = await openTestDatabase('sqlite');
  try {
    startJobRunner(database, { dataDir, concurrency: 1 });
    const started = Date.now();
    await startRetention(database);
    let ended: { status: string; result: string | null } | undefined;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      ended = await database.db
        .selectFrom('jobs')
        .select(['status', 'result'])
        .where('kind', '=', 'retention')
        .where('status', '=', 'done')
        .executeTakeFirst();
      if (ended) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(ended?.status, 'done');
    assert.deepEqual(Object.keys(JSON.parse(ended?.result ?? '{}')).sort(), [
      'housekeepingJobs',
      'jobFiles',
      'logins',
      'messagesForgotten',
      'orphanFiles',
      'passwordLinks',
      'rateLimitHits',
      'receipts',
      'scheduled',
      'stagedUploads',
      'submissionSendersErased',
    ]);
    const next = await findQueuedKeyedJob(database.db, retentionJobKey);
    assert.ok(next, 'the next run is queued');
    const delay = Date.parse(next.run_after) - started;
    assert.ok(delay >= retentionPeriods.runEveryMillis && delay < retentionPeriods.runEveryMillis + 60_000);
    // Another process starting brings it forward to now instead of queuing a second one.
    await stopJobRunners(database);
    await startRetention(database);
    const queued = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'retention')
      .where('status', '=', 'queued')
      .execute();
    assert.equal(queued.length, 1);
    assert.equal(queued[0].id, next.id);
    assert.ok(Date.parse(queued[0].run_after) <= Date.now());
  } finally {
    await stopJobRunners(database);
    await dispose();
  }
});

const evidenceItem: EvidenceInput = {
  title: 'Utsläpp per sektor',
  summary: 'Var utsläppen kommer ifrån.',
  source: 'Naturvårdsverket',
  publishedOn: '',
  perspective: 'Myndighet',
  language: 'sv',
  easyRead: 'Utsläppen kommer mest från trafik.',
  link: '',
};

test('retention deletes uploaded files no record names once they have lain a day, and keeps the rest', async () => {
  const { database, dataDir, dispose } = await openTestDatabase('sqlite');
  try {
    await bootstrapAdministrator(database, {
      email: 'admin@retention.test',
      password: 'a long enough password',
    });
    const accountId = (await findAccountByEmail(database.db, 'admin@retention.test'))!.id;
    const adminActor: Actor = { kind: 'staff', accountId, isAdmin: true };
    const assemblyId = await createTestAssembly({ database, adminActor });
    const pdf = new TextEncoder().encode('%PDF-1.4\n%…\n');
    const named = await keptUpload(dataDir, 'evidence', 'report.pdf', pdf);
    await createEvidence(
      database,
      { dataDir, file: named, maxBytes: 1_000_000 },
      adminActor,
      assemblyId,
      evidenceItem,
    );
    const orphanOld = await keptUpload(dataDir, 'evidence', 'cut-off.pdf', pdf);
    const orphanNew = await keptUpload(dataDir, 'evidence', 'arriving.pdf', pdf);
    const receiptOld = await keptUpload(dataDir, 'receipts', 'kvitto.pdf', pdf);
    const now = Date.now();
    const twoDaysAgo = new Date(now - 2 * day);
    for (const [folder, key] of [
      ['evidence', named.key!],
      ['evidence', orphanOld.key!],
      ['receipts', receiptOld.key!],
    ])
      utimesSync(join(dataDir, folder, key), twoDaysAgo, twoDaysAgo);
    const counts = await runRetention(database, dataDir, new Date(now));
    assert.equal(counts.orphanFiles, 2);
    assert.equal(existsSync(join(dataDir, 'evidence', named.key!)), true, 'a named file stays');
    assert.equal(existsSync(join(dataDir, 'evidence', orphanNew.key!)), true, 'a file still arriving stays');
    assert.equal(existsSync(join(dataDir, 'evidence', orphanOld.key!)), false);
    assert.equal(existsSync(join(dataDir, 'receipts', receiptOld.key!)), false);
  } finally {
    await dispose();
  }
});

test('retention sweeps logos and final report PDFs no record names, and keeps the saved logo and every version’s PDFs', async () => {
  const { database, dataDir, dispose } = await openTestDatabase('sqlite');
  try {
    await bootstrapAdministrator(database, {
      email: 'admin@retention.test',
      password: 'a long enough password',
    });
    const accountId = (await findAccountByEmail(database.db, 'admin@retention.test'))!.id;
    const adminActor: Actor = { kind: 'staff', accountId, isAdmin: true };
    const assemblyId = await createTestAssembly({ database, adminActor });
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const logo = await keptUpload(dataDir, 'logos', 'logo.png', png);
    await saveLogo(database, dataDir, adminActor, assemblyId, { description: 'Ett löv', file: logo });
    const pdf = new TextEncoder().encode('%PDF-1.4\n%…\n');
    const kept = await keptUpload(dataDir, 'final-reports', 'v1.pdf', pdf);
    await insertFinalReportVersion(database.db, {
      id: crypto.randomUUID(),
      assemblyId,
      number: 1,
      languages: ['sv'],
      createdAt: new Date().toISOString(),
      createdBy: accountId,
      files: { sv: kept.key! },
      content: {},
    });
    const orphanLogo = await keptUpload(dataDir, 'logos', 'cut-off.png', png);
    const orphanPdf = await keptUpload(dataDir, 'final-reports', 'unstored.pdf', pdf);
    const twoDaysAgo = new Date(Date.now() - 2 * day);
    for (const [folder, key] of [
      ['logos', logo.key!],
      ['logos', orphanLogo.key!],
      ['final-reports', kept.key!],
      ['final-reports', orphanPdf.key!],
    ])
      utimesSync(join(dataDir, folder, key), twoDaysAgo, twoDaysAgo);
    const counts = await runRetention(database, dataDir, new Date());
    assert.equal(counts.orphanFiles, 2);
    assert.equal(existsSync(join(dataDir, 'logos', logo.key!)), true, 'the saved logo stays');
    assert.equal(existsSync(join(dataDir, 'final-reports', kept.key!)), true, 'a version’s PDF stays');
    assert.equal(existsSync(join(dataDir, 'logos', orphanLogo.key!)), false);
    assert.equal(existsSync(join(dataDir, 'final-reports', orphanPdf.key!)), false);
  } finally {
    await dispose();
  }
});
