/**
 * Members' requests through the app: a confirmed member asks on her page, an organiser answers or
 * declines (a reason is required), a facilitator asks on a member's behalf, a volunteer cannot ask,
 * and the log (page, CSV) holds what was asked and answered but no names. One run on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { loadDemo } from '../../src/commands/demo.ts';
import { createEvidence } from '../../src/commands/evidence.ts';
import { erasePerson, exportPerson, issueMemberLink } from '../../src/commands/people.ts';
import { requestLog } from '../../src/queries/requests.ts';
import { createStaff, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let member: { id: string; token: string; name: string; email: string | null };
let volunteer: { id: string; token: string; name: string };
let organiser: TestClient;
let facilitator: TestClient;
let facilitatorId: string;

async function person(app: TestApp, offset: number, status: string) {
  const row = await app.database.db
    .selectFrom('people')
    .innerJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .select(['people.id', 'people.assembly_id', 'person_contacts.full_name', 'person_contacts.email'])
    .where('person_contacts.full_name', 'is not', null)
    .where('person_contacts.email', 'is not', null)
    .orderBy('people.reference')
    .offset(offset)
    .limit(1)
    .executeTakeFirstOrThrow();
  await app.database.db.updateTable('people').set({ status }).where('id', '=', row.id).execute();
  const token = await issueMemberLink(app.database, app.adminActor, row.assembly_id, row.id);
  return { id: row.id, assemblyId: row.assembly_id, token, name: row.full_name ?? '', email: row.email };
}

before(async () => {
  t = await startTestApp();
  await loadDemo(t.database, 12, { targets: false });
  const m = await person(t, 0, 'confirmed');
  assemblyId = m.assemblyId;
  member = m;
  volunteer = await person(t, 1, 'registered');
  organiser = new TestClient(t.app);
  await createStaff(t, 'organiser@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'organiser@lotta.test', 'organiser');
  await organiser.logIn('organiser@lotta.test');
  facilitator = new TestClient(t.app);
  facilitatorId = await createStaff(t, 'facilitator@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'facilitator@lotta.test', 'facilitator');
  await facilitator.logIn('facilitator@lotta.test');
});
after(() => t.close());

async function opened(app: TestApp, token: string): Promise<TestClient> {
  const client = new TestClient(app.app);
  const reply = await client.get(`/m/${token}`);
  assert.equal(reply.status, 303);
  return client;
}

function decoded(html: string): string {
  return html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

async function latestRequest(app: TestApp) {
  return app.database.db
    .selectFrom('member_requests')
    .selectAll()
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
}

async function memberAsks(app: TestApp, client: TestClient, question: string) {
  const form = await client.get('/member/requests/new');
  assert.equal(form.status, 200);
  const sent = await client.post('/member/requests/new', { kind: 'information', question, session: '' });
  assert.equal(sent.status, 303);
  assert.equal(sent.location, '/member?notice=asked#requests-heading');
  return latestRequest(app);
}

test('a member asks on her page and sees it waiting; a too-long question keeps what she typed', async () => {
  const client = await opened(t, member.token);
  const page = await client.get('/member');
  assert.match(page.text, /Your questions/);
  assert.match(page.text, /href="\/member\/requests\/new"/);

  const long = 'Why? '.repeat(250);
  const refused = await client.post('/member/requests/new', { kind: 'speaker', question: long });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /at most 1000 characters/);
  assert.ok(refused.text.includes(long.trim()), 'the question typed is kept');
  assert.match(refused.text, /value="speaker" checked/);
  assert.equal(await t.database.db.selectFrom('member_requests').select('id').executeTakeFirst(), undefined);

  const empty = await client.post('/member/requests/new', { kind: '', question: '' });
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Fill in this field/);

  const request = await memberAsks(t, client, 'How much CO2 does the bus fleet emit?');
  assert.equal(request.person_id, member.id);
  assert.equal(request.asked_by, null);
  assert.equal(request.status, 'open');
  const after = await client.get('/member?notice=asked');
  assert.match(after.text, /Your question has been sent/);
  assert.match(after.text, /How much CO2 does the bus fleet emit\?/);
  assert.match(after.text, /have not answered yet/);
  const audit = await t.database.db
    .selectFrom('audit_events')
    .select(['actor_id', 'details'])
    .where('action', '=', 'requests.ask')
    .executeTakeFirstOrThrow();
  assert.equal(audit.actor_id, 'self');
  assert.ok(!audit.details.includes('CO2'), 'the audit keeps no question text');
});

test('an organiser answers with a text and material; the member reads it and is told by e-mail', async () => {
  const client = await opened(t, member.token);
  const request = await memberAsks(t, client, 'Can we read the municipal climate plan?');
  const itemId = await createEvidence(
    t.database,
    { dataDir: t.dataDir, file: null, maxBytes: 1000 },
    t.adminActor,
    assemblyId,
    {
      title: 'Municipal climate plan 2030',
      summary: '',
      source: '',
      publishedOn: '',
      perspective: '',
      language: 'en',
      easyRead: '',
      link: 'https://example.se/plan.pdf',
    },
  );
  const log = await organiser.get(`/a/${assemblyId}/requests`);
  assert.equal(log.status, 200);
  assert.ok(decoded(log.text).includes('Can we read the municipal climate plan?'));
  const casePage = await organiser.get(`/a/${assemblyId}/requests/${request.id}`);
  assert.equal(casePage.status, 200);
  assert.ok(decoded(casePage.text).includes(member.name), 'the organiser sees who asked');

  const nothing = await organiser.post(`/a/${assemblyId}/requests/${request.id}/answer`, {
    answer: '',
    evidence_item: '',
  });
  assert.equal(nothing.status, 422);
  assert.match(nothing.text, /Write an answer, or choose material/);

  const answered = await organiser.post(`/a/${assemblyId}/requests/${request.id}/answer`, {
    answer: 'Yes: it is in the library, with the chapter on transport.',
    evidence_item: itemId,
  });
  assert.equal(answered.status, 303);
  const row = await latestRequest(t);
  assert.equal(row.status, 'answered');
  assert.equal(row.evidence_item_id, itemId);

  const page = await client.get('/member');
  assert.match(page.text, /it is in the library, with the chapter on transport/);
  assert.match(page.text, /Municipal climate plan 2030/);
  assert.match(page.text, /href="https:\/\/example.se\/plan.pdf"/);

  {
    const mail = await t.database.db
      .selectFrom('outbox_messages')
      .select(['address', 'parameters'])
      .where('template', '=', 'request_handled')
      .executeTakeFirstOrThrow();
    assert.equal(mail.address, member.email);
    assert.ok(!mail.parameters.includes('transport'), 'the answer itself is not in the outbox');
  }
  const again = await organiser.post(`/a/${assemblyId}/requests/${request.id}/decline`, { reason: 'No.' });
  assert.equal(again.status, 422);
  assert.match(again.text, /already been answered or declined/);
});

test('declining needs a reason, which the member then reads', async () => {
  const client = await opened(t, member.token);
  const request = await memberAsks(t, client, 'Could a speaker from the oil industry come?');
  const bare = await organiser.post(`/a/${assemblyId}/requests/${request.id}/decline`, { reason: '  ' });
  assert.equal(bare.status, 422);
  assert.match(bare.text, /Write the reason/);
  assert.equal((await latestRequest(t)).status, 'open');
  const declined = await organiser.post(`/a/${assemblyId}/requests/${request.id}/decline`, {
    reason: 'The programme is full; their written evidence is in the library.',
  });
  assert.equal(declined.status, 303);
  assert.equal((await latestRequest(t)).status, 'declined');
  const page = await client.get('/member');
  assert.match(page.text, /Not possible, because/);
  assert.match(page.text, /The programme is full/);
});

test('a facilitator asks on a member’s behalf, but not for a volunteer', async () => {
  const form = await facilitator.get(`/a/${assemblyId}/requests/new`);
  assert.equal(form.status, 200);
  assert.ok(decoded(form.text).includes(member.name), 'the member is chosen by name');
  assert.ok(!decoded(form.text).includes(volunteer.name), 'a volunteer is not offered');
  const forVolunteer = await facilitator.post(`/a/${assemblyId}/requests/new`, {
    person: volunteer.id,
    kind: 'information',
    question: 'What is a citizens’ assembly?',
  });
  assert.equal(forVolunteer.status, 422);
  assert.match(forVolunteer.text, /Only confirmed members/);
  assert.ok(decoded(forVolunteer.text).includes('What is a citizens’ assembly?'));

  const sent = await facilitator.post(`/a/${assemblyId}/requests/new`, {
    person: member.id,
    kind: 'speaker',
    question: 'She would like to hear a farmer.',
  });
  assert.equal(sent.status, 303);
  const row = await latestRequest(t);
  assert.equal(row.person_id, member.id);
  assert.equal(row.asked_by, facilitatorId);
  assert.equal(row.kind, 'speaker');
  const page = await (await opened(t, member.token)).get('/member');
  assert.match(page.text, /She would like to hear a farmer/);
  // The facilitator reads the log but does not handle requests.
  assert.equal((await facilitator.get(`/a/${assemblyId}/requests`)).status, 200);
  assert.equal((await facilitator.get(`/a/${assemblyId}/requests/${row.id}`)).status, 403);
});

test('a volunteer (not confirmed) cannot ask, and her page offers no questions', async () => {
  const client = await opened(t, volunteer.token);
  const page = await client.get('/member');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /Your questions/);
  assert.equal((await client.get('/member/requests/new')).status, 403);
  const post = await client.post('/member/requests/new', { kind: 'information', question: 'Let me in?' });
  assert.equal(post.status, 403);
  const rows = await t.database.db
    .selectFrom('member_requests')
    .select('id')
    .where('person_id', '=', volunteer.id)
    .execute();
  assert.deepEqual(rows, []);
});

test('the log, on the page and as CSV, says what was asked and answered but never by whom', async () => {
  const client = await opened(t, member.token);
  await memberAsks(t, client, '=HYPERLINK("http://evil.example","click")');
  const entries = await requestLog(t.database.db, assemblyId);
  assert.ok(entries.length >= 4);
  const text = JSON.stringify(entries);
  assert.ok(!text.includes(member.name), 'no name in the log');
  assert.ok(!text.includes(member.id), 'no person id in the log');
  assert.ok(member.email && !text.includes(member.email));
  for (const entry of entries)
    assert.deepEqual(Object.keys(entry).sort(), [
      'answer',
      'askedAt',
      'handledAt',
      'id',
      'kind',
      'material',
      'question',
      'status',
    ]);

  const evaluator = new TestClient(t.app);
  await createStaff(t, 'evaluator@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'evaluator@lotta.test', 'evaluator');
  await evaluator.logIn('evaluator@lotta.test');
  const page = await evaluator.get(`/a/${assemblyId}/requests`);
  assert.equal(page.status, 200);
  assert.ok(decoded(page.text).includes('She would like to hear a farmer.'));
  assert.ok(!decoded(page.text).includes(member.name), 'the log page shows no names');

  const csv = await evaluator.get(`/a/${assemblyId}/requests.csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.ok(csv.text.includes('She would like to hear a farmer.'));
  assert.ok(csv.text.includes('The programme is full'));
  assert.ok(!csv.text.includes(member.name), 'the CSV has no names');
  assert.ok(csv.text.includes(`"'=HYPERLINK(""http://evil.example"",""click"")"`), 'formulas are guarded');
});

test('on PostgreSQL: a member asks and an organiser answers', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    await loadDemo(pg.database, 12, { targets: false });
    const m = await person(pg, 0, 'confirmed');
    const client = await opened(pg, m.token);
    const request = await memberAsks(pg, client, 'Who pays for the new cycle lanes?');
    const staff = new TestClient(pg.app);
    await staff.logIn('admin@lotta.test');
    assert.equal((await staff.get(`/a/${m.assemblyId}/requests/${request.id}`)).status, 200);
    const answered = await staff.post(`/a/${m.assemblyId}/requests/${request.id}/answer`, {
      answer: 'The municipality, with a state grant.',
      evidence_item: '',
    });
    assert.equal(answered.status, 303);
    const page = await client.get('/member');
    assert.match(page.text, /The municipality, with a state grant/);
    const log = await requestLog(pg.database.db, m.assemblyId);
    assert.equal(log[0].status, 'answered');
  } finally {
    await pg.close();
  }
});

test('her questions are in her data export, and erasing her blanks them but keeps the answers', async () => {
  const other = await person(t, 3, 'confirmed');
  const client = await opened(t, other.token);
  const asked = await memberAsks(t, client, 'My son has asthma: can we hear about air quality near schools?');
  await t.database.db
    .updateTable('member_requests')
    .set({
      status: 'answered',
      answer: 'A speaker from the city is invited.',
      handled_at: new Date().toISOString(),
    })
    .where('id', '=', asked.id)
    .execute();
  const record = await exportPerson(t.database, t.adminActor, assemblyId, other.id);
  assert.deepEqual(
    record.requests.map((r) => r.question),
    ['My son has asthma: can we hear about air quality near schools?'],
  );
  await erasePerson(t.database, t.adminActor, assemblyId, other.id, t.dataDir);
  const entry = (await requestLog(t.database.db, assemblyId)).find((e) => e.id === asked.id);
  assert.equal(entry?.question, '');
  assert.equal(entry?.answer, 'A speaker from the city is invited.');
  const page = await organiser.get(`/a/${assemblyId}/requests`);
  assert.doesNotMatch(page.text, /asthma/);
  assert.match(decoded(page.text), /Removed when the member’s personal data was erased/);
  const csv = await organiser.get(`/a/${assemblyId}/requests.csv`);
  assert.doesNotMatch(csv.text, /asthma/);
});
