/**
 * The demo a newcomer starts with (`npm start -- --demo`): every status in it must come from what
 * really makes it (registration, a selection run, its public draw, the callers), and the panel must
 * not hold more people than its seats.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadDemo } from '../../src/commands/demo.ts';
import { demoCommissionerEmail } from '../../src/commands/demo-answers.ts';
import { publicAnswers } from '../../src/queries/answers.ts';
import { findAccountByEmail } from '../../src/repositories/accounts.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { listAttendance } from '../../src/repositories/attendance.ts';
import { minorityStatementsOfAssembly } from '../../src/repositories/minority-statements.ts';
import { listSeatingPlans } from '../../src/repositories/seating.ts';
import { listSessions } from '../../src/repositories/sessions.ts';
import type { DrawTranscript } from '../../src/sortition/draw.ts';
import { allRoutes } from '../../src/web/app.ts';
import { adminEmail, duplicateIds, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let seconds = 0;

before(async () => {
  t = await startTestApp();
  const started = performance.now();
  await loadDemo(t.database);
  seconds = (performance.now() - started) / 1000;
  assemblyId = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!.id;
});
after(() => t.close());

async function statuses(): Promise<Map<string, { status: string; reference: string }>> {
  const rows = await t.database.db
    .selectFrom('people')
    .select(['id', 'status', 'reference'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

test('the demo panel was drawn publicly from a real run, and holds no more people than its seats', async (context) => {
  const people = await statuses();
  const count = (s: string) => [...people.values()].filter((p) => p.status === s).length;
  const seated = count('selected') + count('confirmed');
  assert.ok(seated <= 60, `${seated} people hold the 60 seats`);
  // Something to show: a panel, confirmations and a few declines whose seats a replacement can fill.
  assert.ok(count('selected') > 5 && count('confirmed') > 5 && count('declined') > 5);
  assert.equal(seated + count('declined'), 60);

  const run = await t.database.db
    .selectFrom('selection_runs')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirstOrThrow();
  assert.equal(run.status, 'done');
  const draw = await t.database.db
    .selectFrom('public_draws')
    .selectAll()
    .where('run_id', '=', run.id)
    .executeTakeFirstOrThrow();
  const drawn = new Set((JSON.parse(draw.transcript!) as DrawTranscript).members);
  assert.equal(drawn.size, 60);
  // Everyone ever selected was drawn, and everyone drawn was selected by the draw.
  for (const p of people.values()) {
    const wasSelected = ['selected', 'confirmed', 'declined'].includes(p.status);
    assert.equal(drawn.has(p.reference), wasSelected, `${p.reference} is ${p.status}`);
  }
  const history = await t.database.db
    .selectFrom('status_history')
    .innerJoin('people', 'people.id', 'status_history.person_id')
    .select(['people.reference', 'status_history.to_status', 'status_history.changed_at'])
    .where('people.assembly_id', '=', assemblyId)
    .where('status_history.to_status', '=', 'selected')
    .execute();
  assert.deepEqual(new Set(history.map((h) => h.reference)), drawn);
  assert.ok(history.every((h) => h.changed_at === draw.drawn_at));
  // Every answer is in the history as a move from selected, made on the phone or by the organiser.
  const answered = await t.database.db
    .selectFrom('status_history')
    .innerJoin('people', 'people.id', 'status_history.person_id')
    .select(['people.status', 'status_history.from_status', 'status_history.to_status'])
    .where('people.assembly_id', '=', assemblyId)
    .where('status_history.to_status', 'in', ['confirmed', 'declined'])
    .execute();
  assert.equal(answered.length, count('confirmed') + count('declined'));
  assert.ok(answered.every((h) => h.from_status === 'selected' && h.to_status === h.status));
  // Fast enough to start (about 2 s of engine time on an idle machine).
  context.diagnostic(`demo loaded in ${seconds.toFixed(1)} s`);
  assert.ok(seconds < 30, `the demo took ${seconds} s`);
});

test('the replacements page offers exactly the open seats and the report says the panel is not full', async () => {
  const people = await statuses();
  const seated = [...people.values()].filter((p) => ['selected', 'confirmed'].includes(p.status)).length;
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const page = await admin.get(`/a/${assemblyId}/replacements`);
  assert.match(page.text, new RegExp(`${seated} of the panel(&#39;|')s 60 seats are filled`));
  assert.match(page.text, new RegExp(`Start a replacement run for ${60 - seated} seats`));
  const report = await admin.get(`/a/${assemblyId}/report`);
  assert.match(
    report.text,
    new RegExp(`<dt>Panel</dt><dd>${seated} of 60 seats filled: the panel is not full</dd>`),
  );
  assert.match(report.text, /<dt>Panel size<\/dt><dd>60<\/dd>/);
});

test('the demo has a published programme with sessions behind and ahead, shown to staff', async () => {
  const sessions = await t.database.db
    .selectFrom('assembly_sessions')
    .select(['status', 'starts_at'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  assert.equal(sessions.length, 8);
  assert.ok(sessions.every((s) => s.status === 'published'));
  const past = sessions.filter((s) => Date.parse(s.starts_at) < Date.now()).length;
  assert.ok(past >= 2 && past <= 6, `${past} of 8 sessions are past`);
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const page = await admin.get(`/a/${assemblyId}/programme`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Demo: (Klimatet och vi|The climate and us)/);
});

test('the demo has attendance for its sessions behind, with late, excused and three members at risk', async () => {
  const sessions = await t.database.db
    .selectFrom('assembly_sessions')
    .select(['id', 'ends_at'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  const past = sessions.filter((s) => Date.parse(s.ends_at) <= Date.now());
  const marks = await t.database.db
    .selectFrom('session_attendance')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .execute();
  const confirmed = [...(await statuses()).values()].filter((p) => p.status === 'confirmed').length;
  // Every confirmed member is marked for every session behind, and none ahead.
  assert.equal(marks.length, confirmed * past.length);
  assert.ok(marks.every((m) => past.some((s) => s.id === m.session_id)));
  assert.ok(
    marks.some((m) => m.arrived_at !== null),
    'someone came late',
  );
  assert.ok(
    marks.some((m) => m.status === 'excused' && m.reason !== ''),
    'someone was excused, with a reason',
  );
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const page = await admin.get(`/a/${assemblyId}/attendance`);
  assert.equal(page.status, 200);
  if (past.length >= 2) assert.match(page.text, /3 members are at risk of dropping out/);
});

test('the demo has members’ questions (answered, declined, open) and submissions from the public', async () => {
  const requests = await t.database.db
    .selectFrom('member_requests')
    .innerJoin('people', 'people.id', 'member_requests.person_id')
    .select(['member_requests.status', 'member_requests.evidence_item_id', 'people.status as person_status'])
    .where('member_requests.assembly_id', '=', assemblyId)
    .execute();
  assert.deepEqual(requests.map((r) => r.status).sort(), ['answered', 'declined', 'open']);
  assert.ok(
    requests.every((r) => r.person_status === 'confirmed'),
    'only confirmed members ask',
  );
  assert.ok(
    requests.some((r) => r.evidence_item_id),
    'an answer points to the library',
  );
  const submissions = await t.database.db
    .selectFrom('public_submissions')
    .select(['status', 'evidence_item_id'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  assert.deepEqual(submissions.map((s) => s.status).sort(), ['accepted', 'pending']);
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const library = await admin.get(`/a/${assemblyId}/evidence`);
  assert.match(library.text, /Demo: Cykelpendling året runt/);
  assert.match(library.text, /Sent in by the public/);
  const log = await admin.get(`/a/${assemblyId}/requests`);
  assert.equal(log.status, 200);
  assert.match(log.text, /Kan vi få höra någon från flygbolagen\?/);
});

test('a demo too small for a panel asks no questions, and still has the public’s submissions', async () => {
  const small = await startTestApp();
  try {
    await loadDemo(small.database, 12);
    const requests = await small.database.db.selectFrom('member_requests').select('id').execute();
    assert.deepEqual(requests, []);
    const submissions = await small.database.db.selectFrom('public_submissions').select('id').execute();
    assert.equal(submissions.length, 2);
  } finally {
    await small.close();
  }
});

test('the demo has stipend rules and claims in every state for members who came', async () => {
  const claims = await t.database.db
    .selectFrom('expense_claims')
    .select(['status', 'person_id', 'session_id'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  assert.deepEqual(claims.map((c) => c.status).sort(), ['approved', 'paid', 'rejected', 'submitted']);
  for (const claim of claims) {
    const mark = await t.database.db
      .selectFrom('session_attendance')
      .select('status')
      .where('person_id', '=', claim.person_id)
      .where('session_id', '=', claim.session_id)
      .executeTakeFirst();
    assert.equal(mark?.status, 'present', 'a claim is for a session the member came to');
  }
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const payout = await admin.get(`/a/${assemblyId}/expenses/payout`);
  assert.equal(payout.status, 200);
});

test('the demo programme says what to bring and links evidence and an expert to its learning days', async () => {
  const sessions = await t.database.db
    .selectFrom('assembly_sessions')
    .select(['id', 'session_type', 'bring_sv', 'bring_en'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  assert.ok(sessions.every((s) => s.bring_sv !== '' && s.bring_en !== ''));
  const learning = sessions.filter((s) => s.session_type === 'learning').map((s) => s.id);
  assert.ok(learning.length > 0);
  const evidence = await t.database.db
    .selectFrom('session_evidence')
    .select('session_id')
    .where('assembly_id', '=', assemblyId)
    .execute();
  const experts = await t.database.db
    .selectFrom('session_experts')
    .innerJoin('experts', 'experts.id', 'session_experts.expert_id')
    .select(['session_experts.session_id', 'experts.interests'])
    .where('session_experts.assembly_id', '=', assemblyId)
    .execute();
  for (const id of learning) {
    assert.equal(evidence.filter((e) => e.session_id === id).length, 2, 'two evidence items');
    assert.equal(experts.filter((e) => e.session_id === id).length, 1, 'one expert');
  }
  // The expert declared interests, which members see.
  assert.ok(experts.every((e) => e.interests.trim() !== ''));
});

test('the demo has tables for its deliberation sessions, those behind recomputed from attendance and locked', async () => {
  const sessions = (await listSessions(t.database.db, assemblyId)).filter((s) => s.type === 'deliberation');
  const plans = await listSeatingPlans(t.database.db, assemblyId);
  assert.equal(plans.length, sessions.length);
  const marks = await listAttendance(t.database.db, assemblyId);
  const past = sessions.filter((s) => Date.parse(s.endsAt) <= Date.now());
  assert.ok(past.length >= 1 && past.length < sessions.length, 'deliberations behind and ahead');
  for (const session of sessions) {
    const plan = plans.find((p) => p.sessionId === session.id)!;
    assert.equal(plan.rounds.length, 3);
    assert.equal(plan.report?.repeatedPairs, 0);
    const seated = plan.rounds[0].tables.flatMap((table) => table.members).sort();
    if (past.includes(session)) {
      const present = marks.filter((m) => m.sessionId === session.id && m.status === 'present');
      assert.deepEqual(seated, present.map((m) => m.personId).sort());
      assert.equal(plan.lockedRounds, 3);
      assert.equal(plan.version, 2);
    } else {
      assert.equal(plan.lockedRounds, 0);
    }
  }
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const page = await admin.get(`/a/${assemblyId}/tables/${past[0].id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Round 3 \(held, locked\)/);
  assert.match(page.text, /Recomputed from the check-ins/);
});

test('the demo has working groups with recommendations, versions to compare and amendments', async () => {
  const recommendations = await t.database.db
    .selectFrom('recommendations')
    .select(['id', 'status', 'version'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  // Three from the working groups, and the charging points the plenary adopted for the answers
  // (demo-answers.ts).
  assert.equal(recommendations.length, 4);
  // The plenary's votes (demo-votes.ts) settled the one sent to it, and its amendment.
  assert.ok(recommendations.some((r) => r.status === 'adopted'));
  const changed = recommendations.filter((r) => r.version === 2);
  assert.equal(changed.length, 3, 'one edited, one amended by the group, one amended by the plenary');
  const amendments = await t.database.db
    .selectFrom('amendments')
    .select('status')
    .where(
      'recommendation_id',
      'in',
      recommendations.map((r) => r.id),
    )
    .execute();
  assert.deepEqual(amendments.map((a) => a.status).sort(), ['accepted', 'accepted']);
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const page = await admin.get(`/a/${assemblyId}/recommendations`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Trygga cykelvägar året runt/);
  const compare = await admin.get(`/a/${assemblyId}/recommendations/${changed[0].id}/compare`);
  assert.match(compare.text, /<ins>/);
});

test('the demo has closed plenary votes from phones, tablets and paper, and a draft to open', async () => {
  const votes = await t.database.db
    .selectFrom('votes')
    .select(['id', 'subject', 'closed_at', 'ballots_hash', 'frozen_tally'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  // With the charging points' vote of demo-answers.ts.
  assert.equal(votes.length, 5);
  const closed = votes.filter((v) => v.closed_at);
  assert.equal(closed.length, 4);
  assert.deepEqual(closed.map((v) => v.subject).sort(), [
    'amendment',
    'recommendation',
    'recommendation',
    'recommendation',
  ]);
  const ballots = await t.database.db
    .selectFrom('ballots')
    .select(['channel'])
    .where(
      'vote_id',
      'in',
      closed.map((v) => v.id),
    )
    .execute();
  assert.deepEqual([...new Set(ballots.map((b) => b.channel))].sort(), ['paper', 'phone', 'tablet']);
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const page = await admin.get(`/a/${assemblyId}/votes`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Tätare busstrafik på kvällarna/);
  const result = await admin.get(`/a/${assemblyId}/votes/${closed[0].id}`);
  assert.match(result.text, /still match the tally frozen at closing/);
});

test('the demo has a minority statement to the recommendation the plenary voted on, signed by two', async () => {
  const statements = await minorityStatementsOfAssembly(t.database.db, assemblyId);
  // Written while it was in the plenary; the demo's vote has adopted it since.
  const plenary = await t.database.db
    .selectFrom('recommendations')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .where('title', '=', 'Tätare busstrafik på kvällarna')
    .executeTakeFirstOrThrow();
  const [statement] = statements.get(plenary.id) ?? [];
  assert.ok(statement, 'a statement to the recommendation in the plenary');
  assert.equal(statement.signatureCount, 2);
  assert.equal(statement.signatories.length, 2);
  assert.equal(statement.signatories[0], statement.author, 'its author signs first');
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const page = await admin.get(`/a/${assemblyId}/recommendations/${plenary.id}`);
  assert.match(page.text, /lägre biljettpriser/);
  assert.match(page.text, /2 signatures:/);
});

test('the demo has a session questionnaire with its figures shown and one with fewer than five answers, hidden', async () => {
  const rows = await t.database.db
    .selectFrom('questionnaires')
    .select(['id', 'kind', 'invited'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  assert.equal(rows.length, 2);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const answers = await t.database.db
      .selectFrom('questionnaire_answers')
      .select('id')
      .where('questionnaire_id', '=', row.id)
      .execute();
    counts.set(row.id, answers.length);
  }
  const shown = rows.find((r) => (counts.get(r.id) ?? 0) >= 5);
  const hidden = rows.find((r) => (counts.get(r.id) ?? 0) < 5);
  assert.ok(shown && hidden, `answers: ${[...counts.values()].join(', ')}`);
  assert.ok((counts.get(hidden.id) ?? 0) > 0);
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const many = await admin.get(`/a/${assemblyId}/evaluation/questionnaires/${shown.id}`);
  assert.equal(many.status, 200);
  assert.match(many.text, /<svg/);
  const few = await admin.get(`/a/${assemblyId}/evaluation/questionnaires/${hidden.id}`);
  assert.match(few.text, /Fewer than five answers — hidden\./);
  assert.doesNotMatch(few.text, /<svg/);
});

test('every page of the demo the administrator opens has each id once', async () => {
  const db = t.database.db;
  const first = async <T>(rows: Promise<T[]>) => (await rows)[0];
  const session = await first(
    db.selectFrom('assembly_sessions').select('id').where('assembly_id', '=', assemblyId).execute(),
  );
  const recommendation = await first(
    db
      .selectFrom('recommendations')
      .select(['id', 'working_group_id'])
      .where('assembly_id', '=', assemblyId)
      // A draft shows every form the page has.
      .where('status', '=', 'draft')
      .execute(),
  );
  const vote = await first(
    db
      .selectFrom('votes')
      .select('id')
      .where('assembly_id', '=', assemblyId)
      .where('closed_at', 'is not', null)
      .execute(),
  );
  const person = await first(
    db
      .selectFrom('people')
      .select('id')
      .where('assembly_id', '=', assemblyId)
      .where('status', '=', 'confirmed')
      .execute(),
  );
  const params: Record<string, string | undefined> = {
    assemblyId,
    sessionId: session?.id,
    recommendationId: recommendation?.id,
    groupId: recommendation?.working_group_id,
    voteId: vote?.id,
    personId: person?.id,
  };
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const repeated: string[] = [];
  let pages = 0;
  for (const route of allRoutes) {
    if (route.method !== 'GET' || !route.path.startsWith('/a/:assemblyId')) continue;
    const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    if (names.some((n) => !params[n])) continue;
    const reply = await admin.get(route.path.replace(/:(\w+)/g, (_, n: string) => params[n] ?? ''));
    if (reply.status !== 200 || !(reply.headers.get('content-type') ?? '').includes('text/html')) continue;
    pages++;
    const ids = duplicateIds(reply.text);
    if (ids.length > 0) repeated.push(`${route.path}: ${ids.join(', ')}`);
  }
  assert.ok(pages > 40, `${pages} pages walked`);
  assert.deepEqual(repeated, []);
});

test('the demo publishes its public page: listed, with its sections, its open data and its feed', async () => {
  const visitor = new TestClient(t.app);
  const index = await visitor.get('/public?lang=en');
  assert.match(index.text, /href="\/public\/demo-klimatradet"/);
  const page = await visitor.get('/public/demo-klimatradet?lang=en');
  assert.equal(page.status, 200);
  assert.match(page.text, /<section id="recommendations"/);
  assert.match(page.text, /Tätare busstrafik på kvällarna/);
  const data = JSON.parse((await visitor.get('/public/demo-klimatradet.json')).text);
  assert.equal(data.formatVersion, 1);
  assert.equal(data.licence.id, 'cc-by-4.0');
  assert.ok(data.recommendations.items.some((r: { vote: unknown }) => r.vote));
  assert.equal((await visitor.get('/public/demo-klimatradet/feed.atom')).status, 200);
});

test('the demo has a deadline behind it, one answer published in time with an update, and one overdue', async () => {
  const answers = await publicAnswers(t.database.db, assemblyId, new Date());
  const entries = Object.values(answers);
  assert.equal(entries.length, 2, 'two adopted recommendations');
  const answered = entries.filter((e) => e.answer);
  assert.equal(answered.length, 1);
  assert.equal(answered[0].answer?.status, 'partly_accepted');
  assert.equal(answered[0].answeredLate, false);
  assert.equal(answered[0].updates.length, 1);
  assert.equal(entries.filter((e) => e.overdue).length, 1);
  const commissioner = await findAccountByEmail(t.database.db, demoCommissionerEmail);
  assert.ok(commissioner);
  // Members were told of the published answer and of the update.
  const told = await t.database.db
    .selectFrom('outbox_messages')
    .select('template')
    .where('assembly_id', '=', assemblyId)
    .where('template', 'in', ['answer_published', 'implementation_update'])
    .execute();
  assert.ok(told.length >= 2);
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const page = await admin.get(`/a/${assemblyId}/answers`);
  assert.equal(page.status, 200);
  assert.match(page.text, /1 answer is overdue/);
  assert.match(page.text, /Laddplatser vid kommunens parkeringar/);
  assert.match(page.text, /Answered on time/);
  // Each answer's page shows the recommendation and the plenary's result in words.
  const buses = Object.values(answers).find((e) => e.answer)!;
  const answerPage = await admin.get(`/a/${assemblyId}/answers/${buses.recommendationId}`);
  assert.match(answerPage.text, /Tätare busstrafik på kvällarna/);
  assert.match(answerPage.text, /Adopted: \d+ of \d+, at least the \d+ needed\./);
  assert.match(answerPage.text, /Kollektivtrafiknämnden/);
  // The public page and its open data show the same answers, the overdue one as overdue.
  const visitor = new TestClient(t.app);
  const publicPage = await visitor.get('/public/demo-klimatradet?lang=en');
  assert.match(publicPage.text, /Overdue: no answer by the deadline/);
  assert.match(publicPage.text, /Kollektivtrafiknämnden/);
  const data = JSON.parse((await visitor.get('/public/demo-klimatradet.json')).text);
  const items: { overdue: boolean; status: string | null; updates: unknown[] }[] = data.answers.items;
  assert.equal(items.filter((a) => a.overdue).length, 1);
  assert.equal(items.filter((a) => a.status === 'partly_accepted' && a.updates.length === 1).length, 1);
  // The evaluation report starts from the same figures.
  const report = await admin.get(`/a/${assemblyId}/evaluation/report`);
  assert.match(report.text, /Recommendations answered: 1 of 2; on time: 1; overdue: 1\./);
});
