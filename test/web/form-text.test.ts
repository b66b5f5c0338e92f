/**
 * Staff forms refuse text PostgreSQL could not store (a NUL) and other control characters next to the
 * field, instead of failing with a database error; on PostgreSQL, where a NUL is an error.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

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

test('an account name with a NUL byte is refused next to the field', async () => {
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  await admin.get('/admin/accounts');
  const reply = await admin.post('/admin/accounts', {
    display_name: 'Anna\u0000Berg',
    email: 'anna@lotta.test',
    language: 'sv',
  });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /id="display_name-error">Remove the invisible control character/);
  assert.match(reply.text, /value="anna@lotta.test"/, 'what was typed is kept');
});

test('a letter template with a NUL byte is refused next to the field', async () => {
  const assemblyId = await createTestAssembly(t);
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const path = `/a/${assemblyId}/invitations/letters/sv`;
  await admin.get(path);
  const reply = await admin.post(path, {
    subject: 'Inbjudan\u0000',
    address: 'Namn\nGata',
    body: 'Hej!\n\nVälkommen.',
    signature: 'Kommunen',
  });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /id="subject-error">Remove the invisible control character/);
  assert.doesNotMatch(reply.text, /id="body-error"/, 'line breaks belong in the letter');
});

test('a NUL in a login or search field is refused with a message, never a database error', async () => {
  const anonymous = new TestClient(t.app);
  await anonymous.get('/login');
  const login = await anonymous.post('/login', { email: `${adminEmail}\u0000`, password: 'x\u0000y' });
  assert.ok(login.status < 500, `login answered ${login.status}`);
  assert.doesNotMatch(login.text, /Unexpected error|Oväntat fel/);
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const assemblyId = await createTestAssembly(t);
  for (const path of [`/a/${assemblyId}/people?q=a\u0000b`, `/a/${assemblyId}/calls?q=a\u0000b`]) {
    const reply = await admin.get(path);
    assert.ok(reply.status < 500, `${path} answered ${reply.status}`);
  }
});
