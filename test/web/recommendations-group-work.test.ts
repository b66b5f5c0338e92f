/**
 * A facilitator changes only her own working group's work: another group's recommendations, their
 * status, amendments and minority statements, and the group itself are refused to her (a 403 with
 * the reason), whatever page the request comes from; organisers change every group's.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { panelNames, seedPanel } from '../support/attendance.ts';
import { createStaff, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let memberIds: string[];
let organiser: TestClient;
let facilitatorA: { client: TestClient; id: string };
let facilitatorB: { client: TestClient; id: string };
let groupA: string;
let groupB: string;

async function staff(email: string, role: string) {
  const client = new TestClient(t.app);
  const id = await createStaff(t, email);
  await grantRole(t.database, t.adminActor, assemblyId, email, role);
  await client.logIn(email);
  return { client, id };
}

const base = () => `/a/${assemblyId}/recommendations`;

async function group(name: string, facilitator: string): Promise<string> {
  await organiser.get(`${base()}/groups/new`);
  const reply = await organiser.post(`${base()}/groups/new`, {
    name_sv: name,
    name_en: name,
    facilitator,
    members: memberIds.slice(0, 2),
  });
  assert.equal(reply.status, 303, reply.text.slice(0, 1000));
  const row = await t.database.db
    .selectFrom('working_groups')
    .select('id')
    .where('name_sv', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function draft(client: TestClient, groupId: string, title: string): Promise<string> {
  await client.get(`${base()}/groups/${groupId}/new`);
  const reply = await client.post(`${base()}/groups/${groupId}/new`, {
    title,
    body: 'Kommunen ska plantera fler träd.',
    rationale: '',
  });
  assert.equal(reply.status, 303, reply.text.slice(0, 1000));
  return /recommendations\/([^?]+)\?/.exec(reply.location ?? '')![1];
}

async function stored(id: string) {
  return t.database.db
    .selectFrom('recommendations')
    .select(['body', 'status', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  memberIds = (await seedPanel(t.database, assemblyId, panelNames.slice(0, 3))).members.map((m) => m.id);
  organiser = (await staff('organiser@lotta.test', 'organiser')).client;
  facilitatorA = await staff('facilitator-a@lotta.test', 'facilitator');
  facilitatorB = await staff('facilitator-b@lotta.test', 'facilitator');
  groupA = await group('Grupp A', facilitatorA.id);
  groupB = await group('Grupp B', facilitatorB.id);
});
after(() => t.close());

const refusal = /Only this working group&#39;s facilitator, or an organiser, can change its work/;

test('a facilitator of group A drafts and changes group A’s work', async () => {
  const a = facilitatorA.client;
  const id = await draft(a, groupA, 'A:s förslag');
  await a.get(`${base()}/${id}/edit`);
  const edited = await a.post(`${base()}/${id}/edit`, {
    title: 'A:s förslag',
    body: 'Ny text.',
    rationale: '',
  });
  assert.equal(edited.status, 303);
  assert.equal((await a.post(`${base()}/${id}/status`, { status: 'plenary' })).status, 303);
  assert.equal((await stored(id)).status, 'plenary');
  const page = await a.get(`${base()}/${id}`);
  assert.match(page.text, /\/edit"/);
  assert.match(page.text, /action="[^"]+\/statements"/);
});

test('a facilitator of group A is refused every change to group B’s work', async () => {
  const a = facilitatorA.client;
  const id = await draft(organiser, groupB, 'B:s förslag');
  const before = await stored(id);

  assert.equal((await a.get(`${base()}/groups/${groupB}/new`)).status, 403);
  await a.get(base());
  const created = await a.post(`${base()}/groups/${groupB}/new`, {
    title: 'Smygförslag',
    body: 'X.',
    rationale: '',
  });
  assert.equal(created.status, 403);
  assert.match(created.text, refusal);
  assert.match(created.text, /value="Smygförslag"/, 'what she typed is kept');
  const sneaked = await t.database.db
    .selectFrom('recommendations')
    .select('id')
    .where('title', '=', 'Smygförslag')
    .execute();
  assert.equal(sneaked.length, 0);

  assert.equal((await a.get(`${base()}/${id}/edit`)).status, 403);
  const edited = await a.post(`${base()}/${id}/edit`, {
    title: 'B:s förslag',
    body: 'Ändrat av A.',
    rationale: '',
  });
  assert.equal(edited.status, 403);
  assert.match(edited.text, refusal);
  const status = await a.post(`${base()}/${id}/status`, { status: 'withdrawn' });
  assert.equal(status.status, 403);
  assert.match(status.text, refusal);
  assert.deepEqual(await stored(id), before);

  const amendment = await a.post(`${base()}/${id}/amendments`, {
    person: memberIds[0],
    passage: 'fler träd',
    replacement: 'färre träd',
    reason: 'Skugga',
  });
  assert.equal(amendment.status, 403);
  // The organiser records one; A may not decide it.
  await organiser.get(`${base()}/${id}`);
  const recorded = await organiser.post(`${base()}/${id}/amendments`, {
    person: memberIds[0],
    passage: 'fler träd',
    replacement: 'fler ekar',
    reason: 'Ekar lever länge',
  });
  assert.equal(recorded.status, 303);
  const amendments = await t.database.db
    .selectFrom('amendments')
    .select(['id', 'status'])
    .where('recommendation_id', '=', id)
    .execute();
  assert.equal(amendments.length, 1, 'only the organiser’s amendment');
  const decided = await a.post(`${base()}/${id}/amendments/${amendments[0].id}`, { decision: 'accepted' });
  assert.equal(decided.status, 403);
  assert.match(decided.text, refusal);
  assert.deepEqual(await stored(id), before);

  // In the plenary, A may neither write a minority statement for a member nor sign for one.
  await organiser.post(`${base()}/${id}/status`, { status: 'plenary' });
  const statement = await a.post(`${base()}/${id}/statements`, {
    person: memberIds[1],
    text: 'Vi reserverar oss.',
  });
  assert.equal(statement.status, 403);
  assert.match(statement.text, refusal);
  const written = await organiser.post(`${base()}/${id}/statements`, {
    person: memberIds[1],
    text: 'Reservation.',
  });
  assert.equal(written.status, 303);
  const row = await t.database.db
    .selectFrom('minority_statements')
    .select('id')
    .where('recommendation_id', '=', id)
    .executeTakeFirstOrThrow();
  const signed = await a.post(`${base()}/${id}/statements/${row.id}/signatures`, { person: memberIds[2] });
  assert.equal(signed.status, 403);
  const withdrawn = await a.post(`${base()}/${id}/statements/${row.id}/withdraw`, {});
  assert.equal(withdrawn.status, 403);
  const signatures = await t.database.db
    .selectFrom('minority_statement_signatures')
    .select('person_id')
    .where('statement_id', '=', row.id)
    .execute();
  assert.deepEqual(
    signatures.map((s) => s.person_id),
    [memberIds[1]],
  );

  // Her view of group B's recommendation offers no change.
  const page = await a.get(`${base()}/${id}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /\/edit"/);
  assert.doesNotMatch(page.text, /name="decision"/);
  assert.doesNotMatch(page.text, /name="status"/);
  assert.doesNotMatch(page.text, /\/statements"/);
});

test('a facilitator cannot take over another group by changing it', async () => {
  const a = facilitatorA.client;
  assert.equal((await a.get(`${base()}/groups/${groupB}`)).status, 403);
  await a.get(base());
  const taken = await a.post(`${base()}/groups/${groupB}`, {
    name_sv: 'Grupp B',
    name_en: 'Grupp B',
    facilitator: facilitatorA.id,
    members: [],
  });
  assert.equal(taken.status, 403);
  const row = await t.database.db
    .selectFrom('working_groups')
    .select('facilitator_id')
    .where('id', '=', groupB)
    .executeTakeFirstOrThrow();
  assert.equal(row.facilitator_id, facilitatorB.id);
  // Her own group she may still change.
  await a.get(`${base()}/groups/${groupA}`);
  const own = await a.post(`${base()}/groups/${groupA}`, {
    name_sv: 'Grupp A',
    name_en: 'Group A',
    facilitator: facilitatorA.id,
    members: memberIds.slice(0, 1),
  });
  assert.equal(own.status, 303);
});

test('an organiser changes both groups’ work', async () => {
  for (const groupId of [groupA, groupB]) {
    const id = await draft(organiser, groupId, `Arrangörens förslag ${groupId}`);
    const edited = await organiser.post(`${base()}/${id}/edit`, {
      title: 'Arrangörens förslag',
      body: 'Ändrat av arrangören.',
      rationale: '',
    });
    assert.equal(edited.status, 303);
    assert.equal((await organiser.post(`${base()}/${id}/status`, { status: 'plenary' })).status, 303);
    assert.deepEqual(await stored(id), { body: 'Ändrat av arrangören.', status: 'plenary', version: 2 });
  }
});
