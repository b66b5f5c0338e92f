/**
 * Addresses meant to leave the site — the registration form shown for sharing, a public draw's page
 * announced to the public, the draws' verification pages printed in the reports — carry the site's
 * public address (LOTTA_PUBLIC_URL) when it is set, not whatever address the organiser's browser used
 * (an internal host name, a tunnel).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadDemo } from '../../src/commands/demo.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { listPublicDraws } from '../../src/repositories/public-draws.ts';
import { adminEmail, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let admin: TestClient;

before(async () => {
  t = await startTestApp();
  await loadDemo(t.database);
  assemblyId = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!.id;
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  process.env.LOTTA_PUBLIC_URL = 'https://klimat.example/';
});

after(async () => {
  delete process.env.LOTTA_PUBLIC_URL;
  await t.close();
});

test('the overview shows the registration form at the public address', async () => {
  const page = await admin.get(`/a/${assemblyId}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /https:\/\/klimat\.example\/register/);
});

test('a public draw’s page is announced at the public address', async () => {
  const [draw] = await listPublicDraws(t.database.db, assemblyId);
  assert.ok(draw, 'the demo drew its panel in public');
  const page = await admin.get(`/a/${assemblyId}/draw/${draw.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`https://klimat\\.example/public/demo-klimatradet/draw/${draw.id}`));
});
