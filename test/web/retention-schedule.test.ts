/**
 * The retention schedule through the app and the retention job: an organiser sees each category with
 * its records and day, holds members' contact data with a reason (none refused, what was typed kept);
 * the job on the day erases the volunteers' contact data but not the held members', logs it; once the
 * hold is released the next run erases the members' too; bookkeeping records go by law's day, unless
 * held; evaluators cannot see the page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { runRetention } from '../../src/commands/retention.ts';
import { type Person, seedPanel } from '../support/attendance.ts';
import { createStaff, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let members: Person[];
let volunteer: Person;
let organiser: TestClient;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  ({ members, volunteer } = await seedPanel(t.database, assemblyId, ['Åsa Berg', 'Örjan Lind', 'Märta Ek']));
  await t.database.db
    .updateTable('assemblies')
    .set({ ends_on: '2027-01-31' })
    .where('id', '=', assemblyId)
    .execute();
  organiser = new TestClient(t.app);
  await createStaff(t, 'organiser@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'organiser@lotta.test', 'organiser');
  await organiser.logIn('organiser@lotta.test');
});
after(() => t.close());

const page = () => `/a/${assemblyId}/retention`;

/** Runs the retention job at `at`, then logs the organiser in again: a run years on ends her login too. */
async function retentionAt(at: string) {
  const counts = await runRetention(t.database, t.dataDir, new Date(at));
  await organiser.logIn('organiser@lotta.test');
  return counts;
}

async function contactsOf(personId: string) {
  return t.database.db
    .selectFrom('person_contacts')
    .select('full_name')
    .where('person_id', '=', personId)
    .execute();
}

test('the schedule shows each category with its records and its day', async () => {
  const reply = await organiser.get(page());
  assert.equal(reply.status, 200);
  const text = reply.text;
  assert.match(text, /Contact data of volunteers who were not selected|Kontaktuppgifter för frivilliga/);
  assert.match(text, /28 February 2027|28 februari 2027/, 'a month after 31 January, at the end of February');
  assert.match(text, /31 January 2029|31 januari 2029/, "members' contacts two years on");
  const evaluator = new TestClient(t.app);
  await createStaff(t, 'evaluator@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'evaluator@lotta.test', 'evaluator');
  await evaluator.logIn('evaluator@lotta.test');
  assert.equal((await evaluator.get(page())).status, 403);
});

test('a hold needs a reason; on the day the held category stays and the other goes, both logged', async () => {
  await organiser.get(page());
  const empty = await organiser.post(`${page()}/member_contacts/hold`, { reason: '   ' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /Say why the category is held|Ange varför kategorin spärras/);
  const held = await organiser.post(`${page()}/member_contacts/hold`, {
    reason: 'Klagomål till IMY under utredning',
  });
  assert.equal(held.status, 303);
  const shown = await organiser.get(page());
  assert.match(shown.text, /Klagomål till IMY under utredning/);

  await t.database.db
    .insertInto('questionnaires')
    .values({
      id: 'q1',
      assembly_id: assemblyId,
      kind: 'final',
      session_id: null,
      invited: 3,
      opened_at: '2027-01-20T10:00:00.000Z',
      opened_by: 'test',
      closed_at: null,
      closed_by: null,
    })
    .execute();
  await t.database.db
    .insertInto('questionnaire_answers')
    .values({
      id: 'a1',
      questionnaire_id: 'q1',
      answered_on: '2027-01-21',
      comment: 'Bra samtal vid borden.',
    })
    .execute();
  // Two and a half years after the end: every end-counted day has come.
  const counts = await retentionAt('2029-08-01T10:00:00Z');
  assert.ok(counts.scheduled >= 1);
  assert.deepEqual(await contactsOf(volunteer.id), [], "the volunteer's contact data went");
  for (const m of members) assert.equal((await contactsOf(m.id)).length, 1, 'the held members stay');
  const answers = await t.database.db
    .selectFrom('person_answers')
    .innerJoin('people', 'people.id', 'person_answers.person_id')
    .select('person_answers.person_id')
    .where('people.assembly_id', '=', assemblyId)
    .execute();
  assert.equal(answers.length, 0, 'the answers went on their day');
  const texts = await t.database.db
    .selectFrom('questionnaire_answers')
    .select('comment')
    .where('id', '=', 'a1')
    .execute();
  assert.deepEqual(texts, [{ comment: null }], "the questionnaire's free text went, the answer stays");
  const log = await organiser.get(page());
  assert.match(
    log.text,
    /Contact data of volunteers who were not selected<\/td>|Kontaktuppgifter för frivilliga som inte valdes<\/td>/,
  );

  await organiser.get(page());
  assert.equal((await organiser.post(`${page()}/member_contacts/release`, {})).status, 303);
  await retentionAt('2029-08-02T10:00:00Z');
  for (const m of members) assert.deepEqual(await contactsOf(m.id), [], 'released, they go on the next run');
  const entries = await t.database.db
    .selectFrom('retention_log')
    .select(['category', 'erased'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  assert.deepEqual(entries.map((e) => `${e.category}:${e.erased}`).sort(), [
    'demographics:4',
    'member_contacts:3',
    'questionnaires:1',
    'volunteer_contacts:1',
  ]);
  const audit = await t.database.db
    .selectFrom('audit_events')
    .select('action')
    .where('assembly_id', '=', assemblyId)
    .execute();
  assert.ok(
    audit.some((a) => a.action === 'retention.hold') && audit.some((a) => a.action === 'retention.release'),
  );
});

test('stipend records go when the law allows, and not while held', async () => {
  const pay = (id: string, paidAt: string) =>
    t.database.db
      .insertInto('stipend_payouts')
      .values({
        id,
        assembly_id: assemblyId,
        person_id: members[0].id,
        amount_ore: 50000,
        paid_at: paidAt,
        paid_by: 'test',
      })
      .execute();
  await pay('p-2018', '2018-06-01T10:00:00.000Z');
  await pay('p-2019', '2019-06-01T10:00:00.000Z');
  const schedule = await organiser.get(page());
  assert.match(
    schedule.text,
    /1 January 2026|1 januari 2026/,
    'the earliest, paid in 2018, goes on New Year 2026',
  );
  await organiser.post(`${page()}/stipend_records/hold`, { reason: 'Skatteverkets granskning' });
  await retentionAt('2026-03-01T10:00:00Z');
  const kept = await t.database.db
    .selectFrom('stipend_payouts')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .execute();
  assert.equal(kept.length, 2, 'held: nothing goes');
  await organiser.get(page());
  await organiser.post(`${page()}/stipend_records/release`, {});
  await retentionAt('2026-03-01T10:00:00Z');
  const left = await t.database.db
    .selectFrom('stipend_payouts')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .execute();
  assert.deepEqual(
    left.map((r) => r.id),
    ['p-2019'],
    'only the 2018 payment was past the seventh year',
  );
});
