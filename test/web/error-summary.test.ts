/**
 * Error summaries name the field each problem belongs to, so that "Fill in this field." at the top of
 * a long form says which field, and they carry `autofocus` so that the browser moves the focus to
 * them after a failed submit (checked in a real browser in test/browser/phone.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let admin: TestClient;
let assemblyId: string;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
});
after(() => t.close());

test('the new-assembly form names each field in the summary', async () => {
  await admin.get('/assemblies/new?lang=sv');
  admin.lang = 'sv';
  const reply = await admin.post('/assemblies/new', { title_sv: '', panel_size: '1' });
  admin.lang = 'en';
  assert.equal(reply.status, 422);
  assert.match(reply.text, /<a href="#title_sv"><span class="summary-field">Namn på svenska<\/span>: /);
  assert.match(reply.text, /<a href="#panel_size"><span class="summary-field">[^<]+<\/span>: /);
  assert.match(reply.text, /id="error-summary" autofocus=""/);
});

test('the invite-code form names its field in the summary', async () => {
  await admin.get(`/a/${assemblyId}/invitations`);
  const reply = await admin.post(`/a/${assemblyId}/invitations`, { count: '' });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /<a href="#count"><span class="summary-field">[^<]+<\/span>: /);
});
