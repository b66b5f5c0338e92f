/**
 * The team page: rights only flow downwards. Nobody gives a role with more rights than their own,
 * changes or removes someone holding more, or leaves the team without anyone to manage it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { findAccountByEmail } from '../../src/repositories/accounts.ts';
import { roleIn } from '../../src/repositories/assemblies.ts';
import { createStaff, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let organiser: TestClient;
let adminId: string;
let organiserId: string;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  organiserId = await createStaff(t, 'organiser@lotta.test');
  adminId = await createStaff(t, 'boss@lotta.test');
  await createStaff(t, 'caller@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'organiser@lotta.test', 'organiser');
  await grantRole(t.database, t.adminActor, assemblyId, 'boss@lotta.test', 'administrator');
  organiser = new TestClient(t.app);
  await organiser.logIn('organiser@lotta.test');
});
after(() => t.close());

test('an organiser cannot make themself administrator, and the audit log stays closed to them', async () => {
  assert.equal((await organiser.get(`/a/${assemblyId}/audit`)).status, 403);
  const page = await organiser.get(`/a/${assemblyId}/team`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /<option value="administrator"/, 'the role is not offered');
  assert.match(page.text, /<option value="caller"/);

  const reply = await organiser.post(`/a/${assemblyId}/team`, {
    email: 'organiser@lotta.test',
    role: 'administrator',
  });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /more rights than your own/);
  assert.equal(await roleIn(t.database.db, assemblyId, organiserId), 'organiser');
  assert.equal((await organiser.get(`/a/${assemblyId}/audit`)).status, 403);
});

test('an organiser can neither demote nor remove an administrator of the assembly', async () => {
  const page = await organiser.get(`/a/${assemblyId}/team`);
  assert.doesNotMatch(page.text, new RegExp(`/team/${adminId}/remove`), 'no remove button for them');
  const demote = await organiser.post(`/a/${assemblyId}/team`, { email: 'boss@lotta.test', role: 'caller' });
  assert.equal(demote.status, 422);
  assert.match(demote.text, /holds rights you do not have/);
  await organiser.get(`/a/${assemblyId}/team`);
  const remove = await organiser.post(`/a/${assemblyId}/team/${adminId}/remove`, {});
  assert.equal(remove.status, 422);
  assert.equal(await roleIn(t.database.db, assemblyId, adminId), 'administrator');
});

test('an organiser gives and takes away roles up to their own', async () => {
  const reply = await organiser.post(`/a/${assemblyId}/team`, { email: 'caller@lotta.test', role: 'caller' });
  assert.equal(reply.status, 200);
  assert.match(reply.text, /The role was given/);
  const long = await organiser.post(`/a/${assemblyId}/team`, {
    email: `${'a'.repeat(400)}@lotta.test`,
    role: 'caller',
  });
  assert.equal(long.status, 422);
  assert.match(long.text, /Shorten this to at most 320 characters/);
});

test('the last one who manages the team cannot step down', async () => {
  const assembly = await createTestAssembly(t, { title: 'Ensamrådet' });
  await grantRole(t.database, t.adminActor, assembly, 'organiser@lotta.test', 'organiser');
  await organiser.get(`/a/${assembly}/team`);
  const demote = await organiser.post(`/a/${assembly}/team`, {
    email: 'organiser@lotta.test',
    role: 'caller',
  });
  assert.equal(demote.status, 422);
  assert.match(demote.text, /Nobody would be left to manage/);
  await organiser.get(`/a/${assembly}/team`);
  const leave = await organiser.post(`/a/${assembly}/team/${organiserId}/remove`, {});
  assert.equal(leave.status, 422);
  assert.equal(await roleIn(t.database.db, assembly, organiserId), 'organiser');
});

test('an organiser offers and gives the host role, who then checks members in and nothing else', async () => {
  const page = await organiser.get(`/a/${assemblyId}/team`);
  assert.match(
    page.text,
    /<option value="host">Host: checks members in at the door: sees confirmed members(&#39;|')/,
  );
  await createStaff(t, 'host@lotta.test');
  const reply = await organiser.post(`/a/${assemblyId}/team`, { email: 'host@lotta.test', role: 'host' });
  assert.equal(reply.status, 200);
  assert.match(reply.text, /The role was given/);
  assert.equal(
    await roleIn(t.database.db, assemblyId, (await findAccountByEmail(t.database.db, 'host@lotta.test'))!.id),
    'host',
  );
  const host = new TestClient(t.app);
  await host.logIn('host@lotta.test');
  assert.equal((await host.get(`/a/${assemblyId}/check-in`)).status, 200);
  assert.equal((await host.get(`/a/${assemblyId}/team`)).status, 403);
});
