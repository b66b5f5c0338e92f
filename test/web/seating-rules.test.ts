/**
 * The seating rules organisers need, through the app: each question's mode (mixed with a weight,
 * kept together, left out), a group to keep together that is larger than a table explained next to
 * its field, two members kept apart and a member fixed to a table (listed, removable, kept by every
 * computation and by moves), unlocking a round locked by mistake, the tables under P-references for
 * those who may not see names, and the demo's versions credited to Lotta.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { storeSeatingPlan } from '../../src/commands/seating-results.ts';
import { allocateTables } from '../../src/grouping/allocateTables.ts';
import { seatingView } from '../../src/queries/tables.ts';
import { listAudit } from '../../src/repositories/audit.ts';
import { findSeatingPlan, listSeatingRules, type SeatingPlan } from '../../src/repositories/seating.ts';
import type { Person } from '../support/attendance.ts';
import {
  answerLanguage,
  deliberationNow,
  languageQuestion,
  mark,
  planAt,
  seedSeating,
} from '../support/seating.ts';
import {
  adminEmail,
  createTestAssembly,
  genderQuestion,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

const tableOf = (plan: SeatingPlan, round: number, id: string) =>
  plan.rounds[round].tables.findIndex((t) => t.members.includes(id));

describe('seating rules', () => {
  let t: TestApp;
  let assemblyId: string;
  let members: Person[];
  let admin: TestClient;
  let arabic: Person[];

  /** A fresh deliberation session's page, so that each test has a plan of its own. */
  async function newPage(): Promise<{ sessionId: string; page: string }> {
    const sessionId = await deliberationNow(t.database, t.adminActor, assemblyId);
    const page = `/a/${assemblyId}/tables/${sessionId}`;
    await admin.get(page);
    return { sessionId, page };
  }

  const request = (fields: Record<string, string>) => ({
    form: 'request',
    rounds: '3',
    tables: '',
    table_size: '5',
    seed: 'regler',
    mode_gender: 'mix',
    weight_gender: '1',
    mode_language: 'ignore',
    weight_language: '1',
    ...fields,
  });

  before(async () => {
    t = await startTestApp();
    assemblyId = await createTestAssembly(t, { questions: [genderQuestion, languageQuestion] });
    ({ members } = await seedSeating(t.database, t.adminActor, assemblyId));
    // Three members need Arabic interpretation; the others gave no interpretation language.
    arabic = [members[3], members[11], members[20]];
    await answerLanguage(t.database, arabic, 'ar');
    admin = new TestClient(t.app);
    await admin.logIn(adminEmail);
  });
  after(() => t.close());

  test('each question has a mode and a weight; kept together puts those who share an answer at one table', async () => {
    const { sessionId, page } = await newPage();
    const form = await admin.get(page);
    assert.match(form.text, /name="mode_language"/);
    assert.match(form.text, /name="weight_gender"/);
    const reply = await admin.post(page, request({ mode_language: 'together', weight_gender: '3' }));
    assert.equal(reply.status, 303);
    const plan = await planAt(t.database, assemblyId, sessionId, 1);
    for (let r = 0; r < 3; r++) {
      const tables = new Set(arabic.map((m) => tableOf(plan, r, m.id)));
      assert.equal(tables.size, 1, `round ${r + 1}: the Arabic speakers at one table`);
    }
    assert.deepEqual(plan.settings.fields, [
      { name: 'gender', mode: 'diversify', weight: 3 },
      { name: 'language', mode: 'cluster' },
    ]);
    // The form shows the modes as they were asked.
    const shown = await admin.get(page);
    assert.match(shown.text, /<option value="together" selected/);
  });

  test('members who need sign language can be kept at one table (an access need, not a question)', async () => {
    const { sessionId, page } = await newPage();
    const signing = [members[5], members[17]];
    for (const m of signing)
      await t.database.db
        .insertInto('person_needs')
        .values({ person_id: m.id, needs: JSON.stringify(['sign_language']), details: null })
        .execute();
    assert.match((await admin.get(page)).text, /name="mode_need_sign_language"/);
    const reply = await admin.post(page, request({ mode_need_sign_language: 'together', seed: 'tecken' }));
    assert.equal(reply.status, 303);
    const plan = await planAt(t.database, assemblyId, sessionId, 1);
    for (let r = 0; r < 3; r++)
      assert.equal(tableOf(plan, r, signing[0].id), tableOf(plan, r, signing[1].id), `round ${r + 1}`);
    assert.ok(plan.settings.fields?.some((f) => f.name === 'need_sign_language' && f.mode === 'cluster'));
  });

  test('a group kept together larger than a table is explained next to its question, with what was typed kept', async () => {
    const { sessionId, page } = await newPage();
    const reply = await admin.post(
      page,
      request({ mode_language: 'together', table_size: '2', seed: 'skrivet frö' }),
    );
    assert.equal(reply.status, 422);
    assert.match(reply.text, /id="mode_language-error"/);
    assert.match(reply.text, /3 members must sit together \(ar\), but a table has at most 2 seats/);
    assert.match(reply.text, /value="skrivet frö"/);
    assert.equal(await findSeatingPlan(t.database.db, assemblyId, sessionId), null);
    const weight = await admin.post(page, request({ weight_gender: '9' }));
    assert.equal(weight.status, 422);
    assert.match(weight.text, /id="weight_gender-error"/);
    assert.match(weight.text, /from 1 to 5/);
  });

  test('two members kept apart never share a table; the pair is listed and can be removed', async () => {
    const { sessionId, page } = await newPage();
    const [a, b] = [members[0], members[1]];
    // Only the assembly's confirmed members: another assembly's person, or anyone else, is refused.
    const stranger = await admin.post(`${page}/apart`, { apart_a: crypto.randomUUID(), apart_b: b.id });
    assert.equal(stranger.status, 422);
    assert.match(stranger.text, /id="apart_a-error"/);
    const self = await admin.post(`${page}/apart`, { apart_a: a.id, apart_b: a.id });
    assert.equal(self.status, 422);
    assert.match(self.text, /id="apart_b-error"/);
    assert.equal((await admin.post(`${page}/apart`, { apart_a: a.id, apart_b: b.id })).status, 303);
    const twice = await admin.post(`${page}/apart`, { apart_a: b.id, apart_b: a.id });
    assert.equal(twice.status, 422);
    const listed = await admin.get(page);
    assert.match(listed.text, new RegExp(`${a.name} and ${b.name} never sit at the same table`));
    // Three rounds of tables of two: without the rule the search is free to seat them together.
    assert.equal((await admin.post(page, request({ table_size: '2', seed: 'isär' }))).status, 303);
    const plan = await planAt(t.database, assemblyId, sessionId, 1);
    for (let r = 0; r < 3; r++) assert.notEqual(tableOf(plan, r, a.id), tableOf(plan, r, b.id));
    // A move that seats the pair together shows the broken rule and cannot be saved.
    const round = 1;
    const tb = tableOf(plan, round, b.id);
    const swap = plan.rounds[round].tables[tb].members.find((id) => id !== b.id)!;
    const move = { round: String(round + 1), person: a.id, table: String(tb + 1), swap };
    const preview = await admin.post(`${page}/move/preview`, move);
    assert.equal(preview.status, 200);
    assert.match(preview.text, /This move breaks 1 rule/);
    assert.match(preview.text, new RegExp(`It breaks the rule: ${a.name} and ${b.name} never sit`));
    assert.doesNotMatch(preview.text, /Save the move/);
    const saved = await admin.post(`${page}/move`, move);
    assert.equal(saved.status, 422);
    assert.equal((await findSeatingPlan(t.database.db, assemblyId, sessionId))!.version, 1);
    const [rule] = await listSeatingRules(t.database.db, sessionId);
    assert.equal((await admin.post(`${page}/rules/${rule.id}/remove`, {})).status, 303);
    assert.deepEqual(await listSeatingRules(t.database.db, sessionId), []);
    const audit = await listAudit(t.database.db, { assemblyId, limit: 20, offset: 0 });
    assert.ok(audit.events.some((e) => e.action === 'seating.apart'));
    assert.ok(audit.events.some((e) => e.action === 'seating.rule_remove'));
  });

  test('a pair kept apart stays apart when the tables are recomputed and when one of them comes late', async () => {
    const { sessionId, page } = await newPage();
    const [a, b] = [members[8], members[9]];
    assert.equal((await admin.post(`${page}/apart`, { apart_a: a.id, apart_b: b.id })).status, 303);
    assert.equal((await admin.post(page, request({ table_size: '5', seed: 'omräkning' }))).status, 303);
    await planAt(t.database, assemblyId, sessionId, 1);
    await admin.get(page);
    assert.equal((await admin.post(`${page}/lock`, { round: '1' })).status, 303);
    // 27 are checked in (six tables, three of them of four), a not yet: the rounds to come are
    // recomputed without her; then she is seated at one of the three smaller tables.
    await mark(
      t.database,
      assemblyId,
      sessionId,
      members.filter((m) => m.id !== a.id && m !== members[28] && m !== members[29]),
      'present',
    );
    await admin.get(page);
    assert.equal((await admin.post(`${page}/recompute`, {})).status, 303);
    await planAt(t.database, assemblyId, sessionId, 2);
    // She arrives and is seated from round 2 on, never at b's table.
    await mark(t.database, assemblyId, sessionId, [a], 'present');
    await admin.get(page);
    const late = await admin.post(`${page}/late`, { person: a.id });
    assert.equal(late.status, 303, late.text.match(/class="error"[^<]*>([^<]*)/)?.[1]);
    const plan = (await findSeatingPlan(t.database.db, assemblyId, sessionId))!;
    assert.equal(plan.version, 3);
    for (const r of [1, 2]) {
      assert.ok(tableOf(plan, r, a.id) >= 0, `round ${r + 1}: she is seated`);
      assert.notEqual(tableOf(plan, r, a.id), tableOf(plan, r, b.id), `round ${r + 1}: apart`);
    }
  });

  test('a member fixed to a table sits there in that round; a table that does not exist is explained', async () => {
    const { sessionId, page } = await newPage();
    const who = members[7];
    const fixed = { fixed_person: who.id, fixed_round: '2', fixed_table: '9' };
    assert.equal((await admin.post(`${page}/fixed`, fixed)).status, 303);
    const refused = await admin.post(page, request({ seed: 'fast' }));
    assert.equal(refused.status, 422);
    assert.match(refused.text, /table 9 in round 2, but there are only 6 tables/);
    const [wrong] = await listSeatingRules(t.database.db, sessionId);
    assert.equal((await admin.post(`${page}/rules/${wrong.id}/remove`, {})).status, 303);
    const right = { fixed_person: who.id, fixed_round: '2', fixed_table: '4' };
    assert.equal((await admin.post(`${page}/fixed`, right)).status, 303);
    assert.match((await admin.get(page)).text, new RegExp(`${who.name} sits at table 4 in round 2`));
    assert.equal((await admin.post(page, request({ seed: 'fast' }))).status, 303);
    const plan = await planAt(t.database, assemblyId, sessionId, 1);
    assert.equal(tableOf(plan, 1, who.id), 3);
    // Moving her away from her table breaks the rule.
    const other = plan.rounds[1].tables[0].members[0];
    const move = { round: '2', person: who.id, table: '1', swap: other };
    assert.equal((await admin.post(`${page}/move`, move)).status, 422);
  });

  test('the last locked round can be unlocked, audited, and not while nothing is locked', async () => {
    const { sessionId, page } = await newPage();
    const none = await admin.post(`${page}/unlock`, {});
    assert.equal(none.status, 422);
    assert.equal((await admin.post(page, request({ seed: 'lås' }))).status, 303);
    await planAt(t.database, assemblyId, sessionId, 1);
    await admin.get(page);
    assert.equal((await admin.post(`${page}/lock`, { round: '1' })).status, 303);
    assert.match((await admin.get(page)).text, /Unlock round 1/);
    const notYet = await admin.post(`${page}/unlock`, {});
    assert.equal(notYet.status, 303);
    assert.equal((await findSeatingPlan(t.database.db, assemblyId, sessionId))!.lockedRounds, 0);
    const again = await admin.post(`${page}/unlock`, {});
    assert.equal(again.status, 422);
    assert.match(again.text, /No round is locked/);
    const audit = await listAudit(t.database.db, { assemblyId, limit: 20, offset: 0 });
    assert.ok(audit.events.some((e) => e.action === 'seating.unlock' && e.subject_id === sessionId));
  });

  test('without people:names the tables and the members to choose from show P-references only', async () => {
    const { sessionId, page } = await newPage();
    assert.equal((await admin.post(page, request({ seed: 'ref' }))).status, 303);
    await planAt(t.database, assemblyId, sessionId, 1);
    // No standard role holds tables:view without people:names; the handler passes
    // can(role, 'people:names') as withNames, so the query is called as such a role would be.
    const view = (await seatingView(t.database, assemblyId, sessionId, false))!;
    const labels = [...view.people.values()];
    assert.equal(labels.length, 30);
    for (const l of labels) {
      assert.match(l.label, /^P-\d{5}$/);
      assert.match(l.first, /^P-\d{5}$/);
    }
    for (const m of view.members) assert.match(m.label, /^P-\d{5}$/);
    const named = (await seatingView(t.database, assemblyId, sessionId, true))!;
    assert.ok(named.members.some((m) => m.label === members[0].name));
  });

  test('versions made by Lotta itself (the demo) are credited to Lotta, translated', async () => {
    const { sessionId, page } = await newPage();
    const people = members.map((m) => ({ id: m.id, values: {} }));
    const settings = { rounds: 1, tableSize: 6, diversify: [], seed: 'demo', facilitators: [] };
    const result = allocateTables({ people, fields: [], tableSize: 6, rounds: 1, seed: 'demo' });
    await storeSeatingPlan(t.database, {
      assemblyId,
      sessionId,
      settings,
      result,
      reason: 'computed',
      by: 'system',
      seated: 30,
      lockedRounds: 0,
    });
    assert.match((await admin.get(page)).text, /Lotta \(automatic\)/);
    admin.lang = 'sv';
    try {
      assert.match((await admin.get(page)).text, /Lotta \(automatiskt\)/);
    } finally {
      admin.lang = 'en';
    }
  });
});
