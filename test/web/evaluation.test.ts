/**
 * Evaluation through the app: an organiser opens a questionnaire after a session and one for the end;
 * six members answer the first (its figures are shown), four the second (hidden: fewer than five);
 * nobody answers twice; the answer tables cannot link an answer to anyone and the right to answer is
 * gone once used; the evaluator reads the figures and the audit log in figures without a name, and
 * writes the report, which starts from Lotta's own figures, as a page and a tagged PDF. Once more on
 * PostgreSQL for the tables and the one-time right.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { grantRole } from '../../src/commands/assemblies.ts';
import { CommandError } from '../../src/commands/command.ts';
import { loadDemo } from '../../src/commands/demo.ts';
import { answerQuestionnaire, openQuestionnaire } from '../../src/commands/evaluation.ts';
import { issueMemberLink } from '../../src/commands/people.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { listSessions } from '../../src/repositories/sessions.ts';
import { pdfText } from '../support/pdf-text.ts';
import { createStaff, startTestApp, type TestApp, TestClient } from '../support/web.ts';

interface Member {
  id: string;
  name: string;
  client: TestClient;
}

let t: TestApp;
let assemblyId: string;
let members: Member[] = [];
let organiser: TestClient;
let evaluator: TestClient;
let sessionQuestionnaire = '';
let finalQuestionnaire = '';

async function confirmMembers(app: TestApp, id: string, count: number): Promise<Member[]> {
  const rows = await app.database.db
    .selectFrom('people')
    .innerJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .select(['people.id', 'person_contacts.full_name'])
    .where('people.assembly_id', '=', id)
    .orderBy('people.reference')
    .limit(count)
    .execute();
  const out: Member[] = [];
  for (const row of rows) {
    await app.database.db
      .updateTable('people')
      .set({ status: 'confirmed' })
      .where('id', '=', row.id)
      .execute();
    const token = await issueMemberLink(app.database, app.adminActor, id, row.id);
    const client = new TestClient(app.app);
    assert.equal((await client.get(`/m/${token}`)).status, 303);
    out.push({ id: row.id, name: row.full_name ?? '', client });
  }
  return out;
}

async function staff(app: TestApp, id: string, email: string, role: string): Promise<TestClient> {
  await createStaff(app, email);
  await grantRole(app.database, app.adminActor, id, email, role);
  const client = new TestClient(app.app);
  await client.logIn(email);
  return client;
}

before(async () => {
  t = await startTestApp();
  await loadDemo(t.database, 16, { targets: false });
  assemblyId = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!.id;
  members = await confirmMembers(t, assemblyId, 10);
  organiser = await staff(t, assemblyId, 'organiser@lotta.test', 'organiser');
  evaluator = await staff(t, assemblyId, 'evaluator@lotta.test', 'evaluator');
});
after(() => t.close());

const base = () => `/a/${assemblyId}/evaluation`;

async function answer(member: Member, questionnaireId: string, fields: Record<string, string>) {
  const form = await member.client.get(`/member/questionnaires/${questionnaireId}`);
  assert.equal(form.status, 200);
  return member.client.post(`/member/questionnaires/${questionnaireId}`, fields);
}

async function answerCount(questionnaireId: string): Promise<number> {
  const rows = await t.database.db
    .selectFrom('questionnaire_answers')
    .select('id')
    .where('questionnaire_id', '=', questionnaireId)
    .execute();
  return rows.length;
}

test('an organiser opens a questionnaire after a session and one for the end; a member finds them on her page', async () => {
  const [session] = await listSessions(t.database.db, assemblyId);
  await organiser.get(base());
  const missing = await organiser.post(`${base()}/questionnaires`, { kind: 'session', session: '' });
  assert.equal(missing.status, 422);
  assert.match(missing.text, /Choose the session the questionnaire asks about/);
  const opened = await organiser.post(`${base()}/questionnaires`, { kind: 'session', session: session.id });
  assert.equal(opened.status, 303);
  assert.equal(opened.location, `${base()}?notice=opened`);
  const again = await organiser.post(`${base()}/questionnaires`, { kind: 'session', session: session.id });
  assert.equal(again.status, 422);
  assert.match(again.text, /already open/);
  assert.equal(
    (await organiser.post(`${base()}/questionnaires`, { kind: 'final', session: '' })).status,
    303,
  );
  const rows = await t.database.db
    .selectFrom('questionnaires')
    .select(['id', 'kind', 'invited'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  sessionQuestionnaire = rows.find((r) => r.kind === 'session')!.id;
  finalQuestionnaire = rows.find((r) => r.kind === 'final')!.id;
  assert.deepEqual(
    rows.map((r) => r.invited),
    [10, 10],
  );
  const tokens = await t.database.db.selectFrom('questionnaire_tokens').selectAll().execute();
  assert.equal(tokens.length, 20);
  assert.ok(
    tokens.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash)),
    'tokens are stored hashed',
  );

  const page = await members[0].client.get('/member');
  assert.match(page.text, /Tell us what you think/);
  assert.ok(page.text.includes(`href="/member/questionnaires/${sessionQuestionnaire}"`));
  assert.ok(page.text.includes(`href="/member/questionnaires/${finalQuestionnaire}"`));
  const form = await members[0].client.get(`/member/questionnaires/${sessionQuestionnaire}`);
  assert.match(form.text, /I had the information I needed\./);
  assert.match(form.text, /Fully disagree/);
  assert.match(form.text, /Don&#39;t know|Don't know/);
});

test('six members answer after the session; each right to answer is gone once used, and nobody answers twice', async () => {
  // Too long a text: refused next to the field, with what she typed and chose kept.
  const long = 'Lång text. '.repeat(200);
  const refused = await answer(members[5], sessionQuestionnaire, { information_needed: '2', comment: long });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /at most 2000 characters/);
  assert.ok(refused.text.includes(long.trim()), 'the text typed is kept');
  assert.match(refused.text, /id="information_needed-2" name="information_needed" value="2" checked/);
  assert.equal(await answerCount(sessionQuestionnaire), 0);

  const levels = ['5', '4', '4', '3', '5', '2'];
  for (const [i, level] of levels.entries()) {
    const sent = await answer(members[i], sessionQuestionnaire, {
      information_needed: level,
      could_say: i === 5 ? 'dont_know' : '4',
      facilitation_neutral: '5',
      comment: i === 0 ? 'Bra samtalsledning, men för lite tid.' : '',
    });
    assert.equal(sent.status, 303, sent.text.slice(0, 200));
    assert.equal(sent.location, '/member?notice=answered#questionnaires-heading');
  }
  assert.equal(await answerCount(sessionQuestionnaire), 6);
  const page = await members[0].client.get('/member?notice=answered');
  assert.match(page.text, /Your answer is stored, without your name/);
  assert.ok(!page.text.includes(`/member/questionnaires/${sessionQuestionnaire}"`), 'no longer offered');

  // The same member again: the page says there is nothing to answer, and a post is refused.
  const shown = await members[0].client.get(`/member/questionnaires/${sessionQuestionnaire}`);
  assert.equal(shown.status, 200);
  assert.match(shown.text, /you have answered already, or the questionnaire is closed/);
  const twice = await members[0].client.post(`/member/questionnaires/${sessionQuestionnaire}`, {
    information_needed: '1',
  });
  assert.equal(twice.status, 409);
  assert.match(twice.text, /You have already answered this questionnaire/);
  assert.equal(await answerCount(sessionQuestionnaire), 6);

  // The rights used are deleted; the four not used are still there.
  const left = await t.database.db
    .selectFrom('questionnaire_tokens')
    .select('person_id')
    .where('questionnaire_id', '=', sessionQuestionnaire)
    .execute();
  assert.deepEqual(
    left.map((r) => r.person_id).sort(),
    members
      .slice(6)
      .map((m) => m.id)
      .sort(),
  );
  const days = await t.database.db.selectFrom('questionnaire_answers').select('answered_on').execute();
  assert.ok(
    days.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.answered_on)),
    'the day only',
  );
});

test('the right to answer is discarded in the same transaction as the answer: a refused answer keeps it', async () => {
  const member = members[6];
  const holder = { personId: member.id, assemblyId };
  const hasToken = async () =>
    (await t.database.db
      .selectFrom('questionnaire_tokens')
      .select('token_hash')
      .where('questionnaire_id', '=', finalQuestionnaire)
      .where('person_id', '=', member.id)
      .executeTakeFirst()) !== undefined;
  assert.equal(await hasToken(), true);
  await assert.rejects(
    answerQuestionnaire(t.database, holder, finalQuestionnaire, { levels: { learned: '9' }, comment: '' }),
    (e) => e instanceof CommandError && e.code === 'questionnaire_level',
  );
  assert.equal(await hasToken(), true, 'nothing stored, the right kept');
  await answerQuestionnaire(t.database, holder, finalQuestionnaire, {
    levels: { learned: '4' },
    comment: '',
  });
  assert.equal(await hasToken(), false, 'the right is gone with the answer stored');
  await assert.rejects(
    answerQuestionnaire(t.database, holder, finalQuestionnaire, { levels: { learned: '4' }, comment: '' }),
    (e) => e instanceof CommandError && e.code === 'questionnaire_answered',
  );
  // Three more answer through their pages: four in all.
  for (const m of members.slice(7, 10))
    assert.equal(
      (await answer(m, finalQuestionnaire, { learned: '5', take_part_again: '5', comment: 'Fyra svar' }))
        .status,
      303,
    );
  assert.equal(await answerCount(finalQuestionnaire), 4);
});

test('no answer table has a column that could link an answer to a person, an account, a token or a time', async () => {
  const tables = await t.database.db.introspection.getTables();
  const columns = (name: string) =>
    tables
      .find((tb) => tb.name === name)!
      .columns.map((c) => c.name)
      .sort();
  assert.deepEqual(columns('questionnaire_answers'), ['answered_on', 'comment', 'id', 'questionnaire_id']);
  assert.deepEqual(columns('questionnaire_answer_levels'), ['answer_id', 'level', 'statement']);
  // On SQLite the rows are kept in the random id's order, not in the order they came in.
  const created = await sql<{
    sql: string;
  }>`select sql from sqlite_master where name in ('questionnaire_answers', 'questionnaire_answer_levels')`.execute(
    t.database.db,
  );
  assert.equal(created.rows.length, 2);
  for (const row of created.rows) assert.match(row.sql, /without rowid\s*$/i);
  // No audit event is written for an answer (its exact time and running number would place it).
  const events = await t.database.db
    .selectFrom('audit_events')
    .select('action')
    .where('action', 'like', 'evaluation.%')
    .execute();
  assert.deepEqual(events.map((e) => e.action).sort(), ['evaluation.open', 'evaluation.open']);
});

test('figures wait for the close; closing deletes the rights not used: afterwards nobody can tell who answered', async () => {
  // While open, nothing is shown: figures that move as people answer would tell one person's answer.
  const open = await evaluator.get(`${base()}/questionnaires/${sessionQuestionnaire}`);
  assert.match(open.text, /The figures are shown once the questionnaire is closed/);
  assert.doesNotMatch(open.text, /<svg|Average|Bra samtalsledning/);
  await organiser.get(base());
  const closed = await organiser.post(`${base()}/questionnaires/${sessionQuestionnaire}/close`, {});
  assert.equal(closed.status, 303);
  assert.equal(
    (await organiser.post(`${base()}/questionnaires/${finalQuestionnaire}/close`, {})).status,
    303,
  );
  const left = await t.database.db
    .selectFrom('questionnaire_tokens')
    .select('person_id')
    .where('questionnaire_id', '=', sessionQuestionnaire)
    .execute();
  assert.equal(left.length, 0);
  const late = await members[8].client.get(`/member/questionnaires/${sessionQuestionnaire}`);
  assert.match(late.text, /the questionnaire is closed/);
});

test('the evaluator sees the figures of six answers, the four hidden, and the audit log in figures, with no names', async () => {
  const tab = await evaluator.get(base());
  assert.equal(tab.status, 200);
  assert.match(tab.text, /The audit log in figures/);
  assert.match(tab.text, /<th scope="row">evaluation<\/th>/);
  assert.doesNotMatch(tab.text, /Open the questionnaire/, 'evaluators do not open questionnaires');
  const six = await evaluator.get(`${base()}/questionnaires/${sessionQuestionnaire}`);
  assert.equal(six.status, 200);
  assert.match(six.text, /6 answers of 10 asked/);
  assert.match(six.text, /<svg/);
  assert.match(six.text, /Average 3\.8 on the scale from 1 to 5 \(6 answers on the scale\)/);
  assert.match(six.text, /Bra samtalsledning, men för lite tid\./);
  // "I could say what I thought": five on the scale and one "don't know": shown.
  assert.match(six.text, /Average 4 on the scale from 1 to 5 \(5 answers on the scale\)/);
  // A statement nobody answered stays hidden.
  assert.match(six.text, /Fewer than five answers — hidden\./);

  const four = await evaluator.get(`${base()}/questionnaires/${finalQuestionnaire}`);
  assert.equal(four.status, 200);
  assert.match(four.text, /4 answers of 10 asked/);
  assert.match(four.text, /Fewer than five answers — hidden\./);
  assert.doesNotMatch(four.text, /<svg/);
  assert.doesNotMatch(four.text, /Average/);
  assert.doesNotMatch(four.text, /Fyra svar/, 'no free text from four answers');

  for (const page of [tab, six, four])
    for (const m of members) assert.ok(!page.text.includes(m.name), `${m.name} is not on an evaluation page`);
});

test('the report starts pre-filled with Lotta’s own figures; the evaluator edits and saves it; the PDF is tagged with its language', async () => {
  const page = await evaluator.get(`${base()}/report`);
  assert.equal(page.status, 200);
  assert.match(
    page.text,
    /A draft written from Lotta&#39;s own figures|A draft written from Lotta's own figures/,
  );
  for (const expected of [
    /Invitations sent: [\d,]+\. Registrations: [\d,]+\. Response rate: /,
    /confirmed: 10\. Targets met: /,
    /Published sessions: \d+; hours in all: [\d.,]+ \(learning/,
    /Experts heard: \d+/,
    /Members&#39; questions and requests: \d+/,
    /Votes closed: \d+; adopted: \d+\./,
    /The decision makers&#39; answers and their timeliness: no handover date and deadline set yet/,
    /Questionnaires opened: 2; answers given: 10; questionnaires with enough answers \(at least five\) to show figures: 1\./,
  ])
    assert.match(page.text, expected);
  for (const m of members) assert.ok(!page.text.includes(m.name));

  const long = 'x'.repeat(20001);
  const refused = await evaluator.post(`${base()}/report`, { independence: long, conclusions: 'Kept' });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /at most 20000 characters|at most 20 000 characters|at most 20,000 characters/);
  assert.match(refused.text, />Kept</);

  const saved = await evaluator.post(`${base()}/report`, {
    independence: 'The organisers worked at arm’s length from the commissioner.',
    conclusions: 'A fair process.\n\nMembers felt heard.',
  });
  assert.equal(saved.status, 303);
  const again = await evaluator.get(`${base()}/report?notice=saved`);
  assert.match(again.text, /The report is saved/);
  assert.match(again.text, /A fair process\./);

  evaluator.lang = 'en';
  const download = await evaluator.getResponse(`${base()}/report.pdf`);
  const bytes = new Uint8Array(await download.arrayBuffer());
  const raw = Buffer.from(bytes).toString('latin1');
  assert.match(raw, /\/Lang \(en\)/);
  assert.match(raw, /\/StructTreeRoot \d+ 0 R/);
  assert.match(raw, /\/Marked true/);
  const text = pdfText(bytes).pageTexts.join('\n');
  assert.ok(text.includes('Evaluation report'));
  assert.ok(text.includes('Members felt heard.'));
  assert.ok(text.includes("Lotta's own figures"), 'the figures follow the sections');
  assert.ok(text.includes('Recommendations answered / recommendations: Not yet available'));
  evaluator.lang = 'sv';
  const swedish = Buffer.from(
    new Uint8Array(await (await evaluator.getResponse(`${base()}/report.pdf`)).arrayBuffer()),
  );
  assert.match(swedish.toString('latin1'), /\/Lang \(sv\)/);
  assert.ok(pdfText(new Uint8Array(swedish)).pageTexts.join('\n').includes('Utvärderingsrapport'));
  evaluator.lang = 'en';
});

test('the organising team answers its own questionnaire on the assembly pages; the evaluator is not asked', async () => {
  const facilitator = await staff(t, assemblyId, 'facilitator@lotta.test', 'facilitator');
  await organiser.get(base());
  assert.equal(
    (await organiser.post(`${base()}/questionnaires`, { kind: 'organiser', session: '' })).status,
    303,
  );
  const row = await t.database.db
    .selectFrom('questionnaires')
    .select(['id', 'invited'])
    .where('kind', '=', 'organiser')
    .executeTakeFirstOrThrow();
  // The organiser and the facilitator; not the evaluator, who judges the team's work.
  assert.equal(row.invited, 2);
  const page = `${base()}/questionnaires/${row.id}/answer`;
  const form = await facilitator.get(page);
  assert.equal(form.status, 200);
  assert.match(form.text, /The remit was clear\./);
  const sent = await facilitator.post(page, { remit_clear: '4', independent: '5', comment: '' });
  assert.equal(sent.status, 303);
  assert.equal(sent.location, `${page}?notice=answered`);
  const after = await facilitator.get(`${page}?notice=answered`);
  assert.match(after.text, /Your answer is stored, without your name/);
  assert.match(after.text, /you have answered already/);
  const notAsked = await evaluator.get(page);
  assert.match(notAsked.text, /There is nothing to answer here/);
  assert.equal((await evaluator.post(page, { remit_clear: '1' })).status, 409);
  assert.equal(await answerCount(row.id), 1);
});

test('on PostgreSQL: the answer is stored and the right to answer deleted, once', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    await loadDemo(pg.database, 12, { targets: false });
    const id = (await findAssemblyBySlug(pg.database.db, 'demo-klimatradet'))!.id;
    const [member] = await confirmMembers(pg, id, 1);
    const questionnaireId = await openQuestionnaire(pg.database, pg.adminActor, id, {
      kind: 'final',
      sessionId: '',
    });
    const holder = { personId: member.id, assemblyId: id };
    // Two answers sent at the same moment: one is stored, the other finds no right left.
    const results = await Promise.allSettled([
      answerQuestionnaire(pg.database, holder, questionnaireId, { levels: { learned: '5' }, comment: '' }),
      answerQuestionnaire(pg.database, holder, questionnaireId, { levels: { learned: '1' }, comment: '' }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const answers = await pg.database.db.selectFrom('questionnaire_answers').selectAll().execute();
    assert.equal(answers.length, 1);
    const tokens = await pg.database.db.selectFrom('questionnaire_tokens').selectAll().execute();
    assert.equal(tokens.length, 0);
    const tables = await pg.database.db.introspection.getTables();
    const columns = tables
      .find((tb) => tb.name === 'questionnaire_answers')!
      .columns.map((c) => c.name)
      .sort();
    assert.deepEqual(columns, ['answered_on', 'comment', 'id', 'questionnaire_id']);
  } finally {
    await pg.close();
  }
});
