import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadDemo } from '../../src/commands/demo.ts';
import { issueMemberLink } from '../../src/commands/people.ts';
import { updateAssembly } from '../../src/repositories/assemblies.ts';
import { listAudit } from '../../src/repositories/audit.ts';
import { findContact, listConsents } from '../../src/repositories/people.ts';
import { adminEmail, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let person: { id: string; reference: string };

before(async () => {
  t = await startTestApp();
  await loadDemo(t.database, 12);
  const row = await t.database.db
    .selectFrom('people')
    .select(['id', 'reference', 'assembly_id'])
    .orderBy('reference')
    .executeTakeFirstOrThrow();
  assemblyId = row.assembly_id;
  person = row;
});
after(() => t.close());

test('a personal link opens the member page with their own data and the assembly', async () => {
  const token = await issueMemberLink(t.database, t.adminActor, assemblyId, person.id);
  const client = new TestClient(t.app);
  const opened = await client.get(`/m/${token}`);
  assert.equal(opened.status, 303);
  assert.equal(opened.location, '/member');
  const page = await client.get('/member');
  assert.equal(page.status, 200);
  const contact = (await findContact(t.database.db, person.id))!;
  assert.ok(page.text.includes(person.reference));
  assert.ok(page.text.includes(contact.full_name));
  assert.ok(page.text.includes(contact.email!));
  assert.match(page.text, /The Climate Assembly \(demo\)/);
  assert.match(page.text, /How can Sweden reach its climate goals/);
  assert.match(page.text, /Recruitment/);
  assert.match(page.text, /I want to take part in the assembly if I am drawn/);
  assert.match(page.text, /<dt>Gender<\/dt>/);

  // Swedish on request, with the same data.
  const swedish = await client.get('/member?lang=sv');
  assert.match(swedish.text, /Din sida/);
  assert.match(swedish.text, /Klimatrådet \(demo\)/);
});

test('a wrong or replaced link is refused', async () => {
  const client = new TestClient(t.app);
  const wrong = await client.get('/m/not-a-real-link-token-at-all');
  assert.equal(wrong.status, 403);
  assert.match(wrong.text, /This link does not work \(any more\)/);
  assert.equal((await client.get('/member')).status, 403);

  const first = await issueMemberLink(t.database, t.adminActor, assemblyId, person.id);
  await issueMemberLink(t.database, t.adminActor, assemblyId, person.id);
  const replaced = await client.get(`/m/${first}`);
  assert.equal(replaced.status, 403);
});

test('a new link ends the logins opened with the earlier one, through the page organisers use', async () => {
  // Someone who found the old link (a forwarded e-mail) and opened it must lose access when the
  // organisers replace it, not keep the login the old link gave them.
  const old = await issueMemberLink(t.database, t.adminActor, assemblyId, person.id);
  const finder = new TestClient(t.app);
  await finder.get(`/m/${old}`);
  assert.equal((await finder.get('/member')).status, 200);

  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  await admin.get(`/a/${assemblyId}/people/${person.id}`);
  const issued = await admin.post(`/a/${assemblyId}/people/${person.id}/member-link`, {});
  assert.equal(issued.status, 200);
  const fresh = /\/m\/([A-Za-z0-9_-]{16,})/.exec(issued.text)?.[1];
  assert.ok(fresh, 'the new link is shown once');

  const after = await finder.get('/member');
  assert.equal(after.status, 403);
  // The member's own new link works.
  const member = new TestClient(t.app);
  await member.get(`/m/${fresh}`);
  assert.equal((await member.get('/member')).status, 200);
});

test('logins that have run out are cleared when a new one starts, so opening links cannot pile them up', async () => {
  const expired = new Date(Date.now() - 60_000).toISOString();
  const someoneElse = await t.database.db
    .selectFrom('people')
    .select('id')
    .where('id', '!=', person.id)
    .executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('logins')
    .values({
      id: 'expired-login-of-a-member',
      account_id: null,
      person_id: someoneElse.id,
      pending_totp: 0,
      created_at: expired,
      expires_at: expired,
      last_seen_at: expired,
    })
    .execute();
  const token = await issueMemberLink(t.database, t.adminActor, assemblyId, person.id);
  await new TestClient(t.app).get(`/m/${token}`);
  const left = await t.database.db
    .selectFrom('logins')
    .select('id')
    .where('expires_at', '<', new Date().toISOString())
    .execute();
  assert.deepEqual(left, []);
});

test('a member cannot open staff pages', async () => {
  const token = await issueMemberLink(t.database, t.adminActor, assemblyId, person.id);
  const client = new TestClient(t.app);
  await client.get(`/m/${token}`);
  assert.equal((await client.get('/member')).status, 200);
  for (const path of ['/assemblies', `/a/${assemblyId}/import`, `/a/${assemblyId}`]) {
    const reply = await client.get(path);
    assert.ok(
      reply.status === 403 || (reply.status === 302 && reply.location?.startsWith('/login')),
      `${path} answered ${reply.status}`,
    );
  }
});

test('a member withdraws a consent themselves; it is timestamped and audited as their own act', async () => {
  const token = await issueMemberLink(t.database, t.adminActor, assemblyId, person.id);
  const client = new TestClient(t.app);
  await client.get(`/m/${token}`);
  await client.get('/member?lang=en');
  const consent = (await listConsents(t.database.db, person.id)).find((c) => c.kind === 'data_processing')!;
  const done = await client.post(`/member/consents/${consent.id}/withdraw`, {});
  assert.equal(done.status, 303);
  const page = await client.get(done.location!);
  assert.match(page.text, /Your consent was withdrawn/);
  const after = (await listConsents(t.database.db, person.id)).find((c) => c.id === consent.id)!;
  assert.ok(after.withdrawn_at);
  const audit = await listAudit(t.database.db, { subjectId: person.id, limit: 5, offset: 0 });
  assert.equal(audit.events[0].action, 'person.consent_withdrawn');
  assert.equal(audit.events[0].actor_id, 'self');
  // Someone else's consent cannot be withdrawn through this member's login.
  const other = await t.database.db
    .selectFrom('consents')
    .select('id')
    .where('person_id', '!=', person.id)
    .executeTakeFirstOrThrow();
  assert.equal((await client.post(`/member/consents/${other.id}/withdraw`, {})).status, 404);
});

test('the member page shows how to reach the organisers and the privacy notice', async () => {
  await updateAssembly(t.database.db, assemblyId, {
    privacy: JSON.stringify({ controller: 'Demo kommun', email: 'rad@demo.se', phone: '010-123 45 67' }),
  });
  const token = await issueMemberLink(t.database, t.adminActor, assemblyId, person.id);
  const client = new TestClient(t.app);
  await client.get(`/m/${token}`);
  const page = await client.get('/member');
  assert.equal(page.status, 200);
  assert.match(page.text, /How to reach the organisers/);
  assert.match(page.text, /<dt>Organisation<\/dt><dd>Demo kommun<\/dd>/);
  assert.match(page.text, /href="mailto:rad@demo.se"/);
  assert.match(page.text, /010-123 45 67/);
  assert.match(page.text, /How we handle your personal data/);
  assert.match(page.text, /What you told us when you signed up/);
  assert.match(page.text, /Swedish Authority for Privacy Protection \(IMY\)/);
});
