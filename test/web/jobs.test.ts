/**
 * Long tasks as jobs seen from the web: a draw from a large extract queued through one web process is
 * shown (progress, then result) by another process reading the same database, even while no process
 * of the web runs jobs (LOTTA_WORKERS=0, as when `lotta worker` processes do the work).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startJobRunner } from '../../src/jobs/runner.ts';
import { findJob } from '../../src/repositories/jobs.ts';
import { ensureServerSecret } from '../../src/repositories/settings.ts';
import { createApp } from '../../src/web/app.ts';
import { drawJobSettings } from '../../src/web/routes/invitation-draws.tsx';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;

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
    const drawId = /draws\/([0-9a-f-]{36})/.exec(reply.location ?? '')![1];

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
