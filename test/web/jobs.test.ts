/**
 * Long tasks as jobs seen from the web: a draw from a large extract queued through one web process is
 * shown (progress, then result) by another process reading the same database, even while no process
 * of the web runs jobs (LOTTA_WORKERS=0, as when `lotta worker` processes do the work).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { drawJobSettings } from '../../src/commands/invitation-draws.ts';
import { letterPdfSettings } from '../../src/commands/letter-pdfs.ts';
import { startJobRunner, stopJobRunners } from '../../src/jobs/runner.ts';
import { findJob } from '../../src/repositories/jobs.ts';
import { ensureServerSecret } from '../../src/repositories/settings.ts';
import { createApp } from '../../src/web/app.ts';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let drawId = '';

function registerText(): string {
  const lines = ['namn;adress;postnummer;kommun'];
  for (let i = 0; i < 60; i++)
    lines.push(`Person ${i};Storgatan ${i};41${i % 10} 00;${i % 2 ? 'Mölndal' : 'Partille'}`);
  return `${lines.join('\n')}\n`;
}

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
});
after(() => t.close());

test('a background draw queued through web process A shows its progress and result through B', async () => {
  const lottery = `/a/${assemblyId}/invitations`;
  const a = new TestClient(t.app);
  await a.logIn(adminEmail);
  await a.get(`${lottery}/lottery`);
  const uploaded = await a.upload(
    `${lottery}/registers`,
    {},
    { file: { name: 'utdrag.csv', bytes: new TextEncoder().encode(registerText()), type: 'text/csv' } },
  );
  assert.equal(uploaded.status, 303, uploaded.text.slice(0, 500));
  const registerId = /registers\/([0-9a-f-]{36})/.exec(uploaded.location ?? '')![1];
  await a.get(uploaded.location!);

  const saved = { rows: drawJobSettings.backgroundRows, workers: process.env.LOTTA_WORKERS };
  drawJobSettings.backgroundRows = 10;
  // Web processes that only queue jobs: nobody runs the draw until a runner starts below.
  process.env.LOTTA_WORKERS = '0';
  try {
    const b = new TestClient(
      createApp({
        database: t.database,
        secret: await ensureServerSecret(t.database.db),
        dataDir: t.dataDir,
        maxUploadBytes: 10_000_000,
        maxRegisterBytes: 1_000_000_000,
        secureCookies: false,
        minimumFormMillis: 0,
      }),
    );
    await b.logIn(adminEmail);

    const reply = await a.post(`${lottery}/registers/${registerId}`, {
      count: '20',
      seed: 'jobb i kön 0123456789',
    });
    assert.equal(reply.status, 303, reply.text.slice(0, 2000));
    drawId = /draws\/([0-9a-f-]{36})/.exec(reply.location ?? '')![1];

    // Queued, with its audit event, in the database every process reads.
    assert.equal((await findJob(t.database.db, drawId))?.status, 'queued');
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', drawId)
      .execute();
    assert.deepEqual(
      audit.map((e) => e.action),
      ['invitations.draw_queued'],
    );
    const waiting = await b.get(`${lottery}/draws/${drawId}`);
    assert.equal(waiting.status, 200);
    assert.match(waiting.text, /<progress id="draw-progress-bar" max="100" value="0">/);

    // A worker appears and runs it; B shows the result.
    process.env.LOTTA_WORKERS = saved.workers ?? '';
    if (saved.workers === undefined) delete process.env.LOTTA_WORKERS;
    startJobRunner(t.database, { dataDir: t.dataDir });
    let page = waiting;
    for (let i = 0; i < 200 && !page.text.includes('id="draw-hash"'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      page = await b.get(`${lottery}/draws/${drawId}`);
    }
    assert.ok(page.text.includes('id="draw-hash"'), 'B shows the result once the draw is done');
    const job = (await findJob(t.database.db, drawId))!;
    assert.equal(job.status, 'done');
    assert.equal(JSON.parse(job.result!).drawn, 20);
  } finally {
    drawJobSettings.backgroundRows = saved.rows;
    if (saved.workers === undefined) delete process.env.LOTTA_WORKERS;
    else process.env.LOTTA_WORKERS = saved.workers;
  }
});

test('letter PDFs are made by a job into a file in the data folder, then downloaded; the same request reuses it', async () => {
  assert.ok(drawId, 'the draw of the test above');
  const draws = `/a/${assemblyId}/invitations/draws/${drawId}`;
  const a = new TestClient(t.app);
  await a.logIn(adminEmail);
  const cookie = (a as unknown as { cookieHeader(): string }).cookieHeader();
  const download = (path: string) => t.app.request(path, { headers: { cookie, 'accept-language': 'en' } });

  const first = await download(`${draws}/letters.pdf?language=sv`);
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await first.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const jobs = await t.database.db.selectFrom('jobs').selectAll().where('kind', '=', 'letters-pdf').execute();
  assert.equal(jobs.length, 1);
  const [job] = jobs;
  assert.equal(job.status, 'done');
  const file = join(t.dataDir, 'jobs', job.id, 'letters.pdf');
  assert.deepEqual(readFileSync(file), bytes);
  // Asked again (a dropped connection, say): the same file, no second job.
  const again = await download(`${draws}/letters.pdf?language=sv`);
  assert.deepEqual(Buffer.from(await again.arrayBuffer()), bytes);
  assert.equal(
    (await t.database.db.selectFrom('jobs').select('id').where('kind', '=', 'letters-pdf').execute()).length,
    1,
  );
  // The job's own address hands out the file too.
  const byJob = await download(`${draws}/letters/${job.id}`);
  assert.deepEqual(Buffer.from(await byJob.arrayBuffer()), bytes);

  // A run that takes longer than the request waits: a page that follows the job, then the file.
  const saved = { wait: letterPdfSettings.waitMillis, workers: process.env.LOTTA_WORKERS };
  letterPdfSettings.waitMillis = 0;
  process.env.LOTTA_WORKERS = '0';
  try {
    await stopJobRunners(t.database);
    const slow = await a.get(`${draws}/letters.pdf?language=en`);
    assert.equal(slow.status, 303);
    assert.match(slow.location!, new RegExp(`${draws}/letters/[0-9a-f-]{36}$`));
    const waiting = await a.get(slow.location!);
    assert.equal(waiting.status, 200);
    assert.equal(waiting.headers.get('refresh'), '2');
    assert.match(waiting.text, /<progress id="letters-progress" max="100" value="0">/);
    if (saved.workers === undefined) delete process.env.LOTTA_WORKERS;
    else process.env.LOTTA_WORKERS = saved.workers;
    startJobRunner(t.database, { dataDir: t.dataDir });
    let ready = await download(slow.location!);
    for (let i = 0; i < 200 && ready.headers.get('content-type') !== 'application/pdf'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      ready = await download(slow.location!);
    }
    assert.equal(ready.headers.get('content-type'), 'application/pdf');
  } finally {
    letterPdfSettings.waitMillis = saved.wait;
    if (saved.workers === undefined) delete process.env.LOTTA_WORKERS;
    else process.env.LOTTA_WORKERS = saved.workers;
  }

  // Erasing the recipients' addresses deletes the PDFs made from them.
  await a.get(draws);
  const erased = await a.post(`${draws}/erase`, { confirm: 'yes' });
  assert.equal(erased.status, 303);
  assert.equal(existsSync(file), false);
});
