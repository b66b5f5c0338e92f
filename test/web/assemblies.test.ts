/** The assembly form refuses text PostgreSQL could not store, next to the field, keeping the rest. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { adminEmail, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ kind: 'postgres' });
});
after(() => t.close());

test('control characters in the assembly form are refused next to the field, and nothing is created', async () => {
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  await admin.get('/assemblies/new');
  const reply = await admin.post('/assemblies/new', {
    title_sv: 'Klimat\u0000rådet',
    remit_sv: 'Hur ska vi\r\nminska utsläppen?',
    commissioner: 'Kommunen\u0007',
    panel_size: '30',
    languages: ['sv'],
  });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /id="title_sv-error">Remove the invisible control character/);
  assert.match(reply.text, /id="commissioner-error">Remove the invisible control character/);
  assert.doesNotMatch(reply.text, /id="remit_sv-error"/, 'line breaks belong in the remit');
  const count = await t.database.db
    .selectFrom('assemblies')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 0);
});
