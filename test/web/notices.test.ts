/**
 * The green notice after a change says only what Lotta wrote: a link with a crafted `notice` cannot
 * put its own words (or a message key's name) on a Lotta page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let admin: TestClient;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
});
after(() => t.close());

test('a crafted notice shows nothing; the notices Lotta links to still show', async () => {
  const crafted = encodeURIComponent('Your account is locked – call 0701 234 567');
  for (const path of ['/account', '/assemblies', `/a/${assemblyId}`, `/a/${assemblyId}/selection`]) {
    const reply = await admin.get(`${path}?notice=${crafted}`);
    assert.equal(reply.status, 200, path);
    assert.doesNotMatch(reply.text, /call 0701 234 567/, path);
    assert.doesNotMatch(reply.text, /notice_/, path);
  }
  assert.match((await admin.get('/account?notice=password_changed')).text, /Your password was changed\./);
  assert.match((await admin.get(`/a/${assemblyId}?notice=saved`)).text, /Your changes were saved\./);
  assert.match((await admin.get('/assemblies?notice=created')).text, /The assembly was created\./);
});
