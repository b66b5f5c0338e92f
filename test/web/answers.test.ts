/**
 * Answers and follow-up through the app: an organiser sets the handover and deadline and invites a
 * decision maker, whose set-password link arrives through a real SMTP server; she sees only the
 * answers; she answers five adopted recommendations (drafts reach nobody), one after the deadline
 * shown overdue until answered and then "answered late"; members get one message per published answer
 * or update, in their language, by e-mail or letter; a commissioner of another assembly is refused;
 * the daily reminder run queues the right reminders on the right days (explicit `now`).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import {
  answerRemindersJobKey,
  runAnswerReminders,
  saveAnswer,
  setAnswerDeadline,
  startAnswerReminders,
} from '../../src/commands/answers.ts';
import { grantRole } from '../../src/commands/assemblies.ts';
import { createRecommendation, saveWorkingGroup } from '../../src/commands/recommendations.ts';
import { addMonths, stockholmDate } from '../../src/domain/answers.ts';
import { startJobRunner, stopJobRunners } from '../../src/jobs/runner.ts';
import { createTransport, sendDueMessages } from '../../src/mail/sender.ts';
import { publicAnswers } from '../../src/queries/answers.ts';
import { findAccountByEmail } from '../../src/repositories/accounts.ts';
import { findQueuedKeyedJob } from '../../src/repositories/jobs.ts';
import { type Person, panelNames, seedPanel } from '../support/attendance.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import {
  createStaff,
  createTestAssembly,
  duplicateIds,
  openTestDatabase,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

let t: TestApp;
let smtp: TestSmtpServer;
let assemblyId: string;
let otherAssemblyId: string;
let members: Person[];
/** Five adopted recommendations, one not adopted. */
let adopted: string[];
let rejected: string;
let otherAdopted: string;
let organiser: TestClient;
let commissioner: TestClient;
const commissionerEmail = 'beslut@kommunen.test';
const password = 'a password the commissioner chose';

const base = () => `/a/${assemblyId}/answers`;
const day = 86_400_000;
const today = () => stockholmDate(new Date());
const daysFromToday = (n: number) => stockholmDate(Date.now() + n * day);

async function recommendations(
  assembly: string,
  group: string,
  titles: string[],
  status: string,
  app: TestApp = t,
) {
  const ids: string[] = [];
  for (const title of titles) {
    const id = await createRecommendation(app.database, app.adminActor, assembly, group, {
      title,
      body: `${title}: kommunen ska göra det.\n\nAndra stycket.`,
      rationale: 'För att det behövs.',
    });
    ids.push(id);
  }
  // As closing the plenary's vote leaves them.
  await app.database.db.updateTable('recommendations').set({ status }).where('id', 'in', ids).execute();
  return ids;
}

async function group(assembly: string, memberIds: string[], app: TestApp = t) {
  return saveWorkingGroup(app.database, app.adminActor, assembly, null, {
    nameSv: 'Trafik',
    nameEn: 'Traffic',
    facilitatorId: '',
    memberIds,
  });
}

async function messages(template: string, assembly = assemblyId) {
  return t.database.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('assembly_id', '=', assembly)
    .where('template', '=', template)
    .orderBy('created_at')
    .execute();
}

async function deliver() {
  const transport = createTransport(smtp.url);
  await sendDueMessages({ db: t.database, transport, from: 'Lotta <lotta@kommunen.test>' });
  transport.close();
}

function answerFields(status: string, reasons = 'Vi har prövat förslaget.\n\nDet ryms i budgeten.') {
  return { status, reasons, body_responsible: 'Trafiknämnden', timeline: 'Under 2027', timeline_date: '' };
}

before(async () => {
  t = await startTestApp();
  smtp = await startTestSmtpServer();
  assemblyId = await createTestAssembly(t);
  ({ members } = await seedPanel(t.database, assemblyId, panelNames.slice(0, 6)));
  // One member reads English; one gave no e-mail address and gets letters.
  await t.database.db
    .updateTable('person_contacts')
    .set({ preferred_language: 'en' })
    .where('person_id', '=', members[1].id)
    .execute();
  await t.database.db
    .updateTable('person_contacts')
    .set({ email: null })
    .where('person_id', '=', members[2].id)
    .execute();
  const g = await group(assemblyId, [members[0].id]);
  adopted = await recommendations(
    assemblyId,
    g,
    ['Kvällsbussar', 'Cykelbanor', 'Solpaneler', 'Skolmat', 'Träd'],
    'adopted',
  );
  [rejected] = await recommendations(assemblyId, g, ['Bilfritt centrum'], 'not_adopted');
  otherAssemblyId = await createTestAssembly(t, { title: 'Annat råd' });
  const other = (await seedPanel(t.database, otherAssemblyId, ['Olle Annan'])).members;
  [otherAdopted] = await recommendations(
    otherAssemblyId,
    await group(otherAssemblyId, [other[0].id]),
    ['Annat'],
    'adopted',
  );
  organiser = new TestClient(t.app);
  await createStaff(t, 'organiser@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'organiser@lotta.test', 'organiser');
  await organiser.logIn('organiser@lotta.test');
});
afterEach(() => {
  delete process.env.SMTP_URL;
});
after(async () => {
  await smtp.close();
  await t.close();
});

test('an organiser sets the handover and deadline, and invites a commissioner whose link arrives by e-mail', async () => {
  await organiser.get(base());
  const bad = await organiser.post(`${base()}/deadline`, { handover_date: '2026-02-30', deadline: '' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Enter a date like/);
  const handover = daysFromToday(-30);
  const saved = await organiser.post(`${base()}/deadline`, { handover_date: handover, deadline: '' });
  assert.equal(saved.status, 303);
  const page = await organiser.get(saved.location!);
  assert.match(page.text, /The handover date and the deadline are saved/);
  // Three months after the handover by default.
  assert.match(page.text, new RegExp(`name="deadline" type="date" value="${addMonths(handover, 3)}"`));

  process.env.SMTP_URL = smtp.url;
  const refused = await organiser.post(`${base()}/commissioners`, {
    name: 'Beata',
    email: 'nope',
    language: 'sv',
  });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /value="Beata"/);
  // The administrator's address: the organiser may not make her a commissioner (she is above her).
  const above = await organiser.post(`${base()}/commissioners`, {
    name: 'Admin',
    email: 'admin@lotta.test',
    language: 'sv',
  });
  assert.equal(above.status, 422);
  assert.match(above.text, /href="#email"/);
  const invited = await organiser.post(`${base()}/commissioners`, {
    name: 'Beata Beslut',
    email: commissionerEmail,
    language: 'sv',
  });
  assert.equal(invited.status, 303);
  assert.match(invited.location!, /notice=invited/);
  await deliver();
  const mail = smtp.received.find((m) => m.to.includes(commissionerEmail))!;
  assert.equal(mail.subject, 'Välj ditt lösenord till Lotta');
  const path = new URL(/http:\/\/localhost\/set-password\/[\w-]+/.exec(mail.text)![0]).pathname;
  commissioner = new TestClient(t.app);
  await commissioner.get(path);
  assert.equal((await commissioner.post(path, { password, repeat: password })).status, 200);
  assert.equal((await commissioner.logIn(commissionerEmail, password)).status, 303);

  // Her list of assemblies leads her to the answers, and the frame shows her that tab only.
  const list = await commissioner.get('/assemblies');
  assert.match(list.text, new RegExp(`href="/a/${assemblyId}/answers"`));
  const answers = await commissioner.get(base());
  assert.equal(answers.status, 200);
  const tabs = [...answers.text.matchAll(new RegExp(`href="/a/${assemblyId}(/[\\w/-]*)"`, 'g'))].map(
    (m) => m[1],
  );
  assert.deepEqual([...new Set(tabs)].sort(), ['/answers', ...adopted.map((id) => `/answers/${id}`)].sort());
  // Nothing else of the assembly: not its overview, people, recommendations, votes or team.
  for (const other of ['', '/people', '/recommendations', '/votes', '/team', '/outbox'])
    assert.equal((await commissioner.get(`/a/${assemblyId}${other}`)).status, 403, other);
  // She cannot set the deadline or invite others.
  assert.equal((await commissioner.post(`${base()}/deadline`, { handover_date: handover })).status, 403);
  assert.doesNotMatch(answers.text, /Invite as decision maker/);
  // The not-adopted recommendation is not hers to answer.
  assert.doesNotMatch(answers.text, /Bilfritt centrum/);
  assert.equal((await commissioner.get(`${base()}/${rejected}`)).status, 404);
  const onRejected = await commissioner.post(`${base()}/${rejected}`, {
    ...answerFields('accepted'),
    publish: 'yes',
  });
  assert.equal(onRejected.status, 404);
});

test('five answers: drafts reach nobody, one past the deadline is overdue until answered, then answered late', async () => {
  await organiser.post(`${base()}/deadline`, {
    handover_date: daysFromToday(-30),
    deadline: daysFromToday(10),
  });
  const page = await commissioner.get(`${base()}/${adopted[0]}`);
  assert.match(page.text, /Kvällsbussar: kommunen ska göra det/);
  assert.deepEqual(duplicateIds(page.text), []);
  assert.deepEqual(duplicateIds((await organiser.get(base())).text), []);
  assert.deepEqual(duplicateIds((await organiser.get(`${base()}/${adopted[0]}`)).text), []);
  assert.match(page.text, /The plenary&#39;s decision|The plenary's decision/);
  // A draft: saved, seen by the team, told to nobody, not public.
  const drafted = await commissioner.post(`${base()}/${adopted[0]}`, answerFields('accepted'));
  assert.equal(drafted.status, 303);
  assert.match(drafted.location!, /notice=drafted/);
  assert.equal((await messages('answer_published')).length, 0);
  assert.equal((await publicAnswers(t.database.db, assemblyId, new Date()))[adopted[0]].answer, null);
  // Too long a reason is refused with the text kept.
  const long = await commissioner.post(`${base()}/${adopted[0]}`, answerFields('accepted', 'x'.repeat(8001)));
  assert.equal(long.status, 422);
  assert.match(long.text, /at most 8[,\s]?000 characters/);

  const statuses = ['accepted', 'partly_accepted', 'not_accepted', 'under_consideration'];
  for (const [i, id] of adopted.slice(0, 4).entries()) {
    const published = await commissioner.post(`${base()}/${id}`, {
      ...answerFields(statuses[i]),
      publish: 'yes',
    });
    assert.equal(published.status, 303);
    assert.match(published.location!, /notice=published/);
  }
  // Time passes: the four were published well before a deadline that is now behind us.
  const longAgo = new Date(Date.now() - 20 * day).toISOString();
  await t.database.db
    .updateTable('answers')
    .set({ published_at: longAgo })
    .where('recommendation_id', 'in', adopted.slice(0, 4))
    .execute();
  await organiser.post(`${base()}/deadline`, {
    handover_date: daysFromToday(-30),
    deadline: daysFromToday(-1),
  });

  const overdue = await organiser.get(base());
  assert.match(overdue.text, /1 answer is overdue/);
  assert.match(overdue.text, new RegExp(`data-recommendation="${adopted[4]}" data-timeliness="overdue"`));
  for (const id of adopted.slice(0, 4))
    assert.match(overdue.text, new RegExp(`data-recommendation="${id}" data-timeliness="on_time"`));
  let open = await publicAnswers(t.database.db, assemblyId, new Date());
  assert.equal(open[adopted[4]].overdue, true);
  assert.equal(open[adopted[4]].deadline, daysFromToday(-1));
  assert.equal(open[adopted[0]].answer?.status, 'accepted');
  assert.equal(open[adopted[1]].answer?.status, 'partly_accepted');
  assert.equal(Object.keys(open).includes(rejected), false);

  await commissioner.post(`${base()}/${adopted[4]}`, { ...answerFields('accepted'), publish: 'yes' });
  const late = await organiser.get(base());
  assert.doesNotMatch(late.text, /answers? (is|are) overdue/);
  assert.match(late.text, new RegExp(`data-recommendation="${adopted[4]}" data-timeliness="late"`));
  assert.match(late.text, /Answered late/);
  open = await publicAnswers(t.database.db, assemblyId, new Date());
  assert.deepEqual([open[adopted[4]].overdue, open[adopted[4]].answeredLate], [false, true]);

  // A revision keeps the first publication's time and the earlier version.
  await commissioner.post(`${base()}/${adopted[0]}`, { ...answerFields('partly_accepted'), publish: 'yes' });
  open = await publicAnswers(t.database.db, assemblyId, new Date());
  assert.equal(open[adopted[0]].answer?.version, 2);
  assert.equal(open[adopted[0]].answer?.status, 'partly_accepted');
  assert.equal(open[adopted[0]].answer?.publishedAt, longAgo);
  assert.match((await commissioner.get(`${base()}/${adopted[0]}`)).text, /1 earlier version/);
  assert.equal(today(), stockholmDate(new Date()));
});

test('members get one message per published answer, in their language, by e-mail or letter', async () => {
  // Six published answers (five, and one revision) to six confirmed members.
  const sent = await messages('answer_published');
  assert.equal(sent.length, 6 * 6);
  const english = sent.filter((m) => m.recipient_id === members[1].id);
  assert.equal(english.length, 6);
  assert.ok(english.every((m) => m.language === 'en' && m.channel === 'email'));
  const letters = sent.filter((m) => m.recipient_id === members[2].id);
  assert.ok(letters.every((m) => m.channel === 'letter' && m.address === null && m.language === 'sv'));
  assert.ok(sent.filter((m) => m.recipient_id === members[0].id).every((m) => m.language === 'sv'));
  process.env.SMTP_URL = smtp.url;
  await deliver();
  const inEnglish = smtp.received.filter((m) => m.to.includes(members[1].email));
  assert.equal(inEnglish.length, 6);
  assert.match(inEnglish[0].subject, /the decision makers have answered a recommendation/);
  assert.match(inEnglish[0].text, /Their answer: Accepted\./);
  const inSwedish = smtp.received.filter((m) => m.to.includes(members[0].email));
  assert.match(inSwedish[0].text, /Deras svar: Genomförs\./);
});

test('implementation updates: a web address checked, newest first, members told', async () => {
  const path = `${base()}/${adopted[0]}/updates`;
  await commissioner.get(`${base()}/${adopted[0]}`);
  const bad = await commissioner.post(path, {
    on_date: '2027-01-10',
    stage: 'started',
    progress: '',
    text: 'Upphandlingen har börjat.',
    evidence_url: 'javascript:alert(1)',
  });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Give a full web address starting with https/);
  assert.match(bad.text, /Upphandlingen har börjat\./);
  const neither = await commissioner.post(path, {
    on_date: '2027-01-10',
    text: 'Text.',
    stage: '',
    progress: '',
  });
  assert.match(neither.text, /Choose a stage, or give the progress in per cent/);
  for (const [onDate, fields] of [
    ['2027-01-10', { stage: 'started', progress: '' }],
    ['2027-03-01', { stage: '', progress: '40' }],
  ] as const) {
    const ok = await commissioner.post(path, {
      on_date: onDate,
      ...fields,
      text: `Läget ${onDate}.`,
      evidence_url: 'https://www.kommunen.se/beslut/1',
    });
    assert.equal(ok.status, 303);
  }
  const page = await commissioner.get(`${base()}/${adopted[0]}`);
  assert.ok(page.text.indexOf('Läget 2027-03-01.') < page.text.indexOf('Läget 2027-01-10.'));
  assert.match(page.text, /40 % done/);
  assert.match(
    page.text,
    /href="https:\/\/www.kommunen.se\/beslut\/1" rel="noopener noreferrer">Evidence \(www.kommunen.se\)/,
  );
  assert.equal((await messages('implementation_update')).length, 2 * 6);
  const open = await publicAnswers(t.database.db, assemblyId, new Date());
  assert.deepEqual(
    open[adopted[0]].updates.map((u) => [u.onDate, u.stage, u.progress]),
    [
      ['2027-03-01', null, 40],
      ['2027-01-10', 'started', null],
    ],
  );
});

test("a commissioner of another assembly is refused this assembly's answers", async () => {
  const email = 'annan@kommunen.test';
  await createStaff(t, email);
  await grantRole(t.database, t.adminActor, otherAssemblyId, email, 'commissioner');
  const stranger = new TestClient(t.app);
  await stranger.logIn(email);
  assert.equal((await stranger.get(`/a/${otherAssemblyId}/answers`)).status, 200);
  assert.equal((await stranger.get(base())).status, 403);
  assert.equal((await stranger.get(`${base()}/${adopted[0]}`)).status, 403);
  const post = await stranger.post(`${base()}/${adopted[0]}`, {
    ...answerFields('not_accepted'),
    publish: 'yes',
  });
  assert.equal(post.status, 403);
  // And this assembly's commissioner cannot answer the other's recommendation through her own address.
  const crossed = await commissioner.post(`${base()}/${otherAdopted}`, {
    ...answerFields('accepted'),
    publish: 'yes',
  });
  assert.equal(crossed.status, 404);
  assert.equal((await publicAnswers(t.database.db, otherAssemblyId, new Date()))[otherAdopted].answer, null);
});

test('the daily reminder run reminds the commissioners on the right days while answers are missing', async () => {
  const id = await createTestAssembly(t, { title: 'Påminnelserådet' });
  const panel = (await seedPanel(t.database, id, ['Pia Panel'])).members;
  const recs = await recommendations(id, await group(id, [panel[0].id]), ['Ett', 'Två'], 'adopted');
  const email = 'paminn@kommunen.test';
  await createStaff(t, email);
  await grantRole(t.database, t.adminActor, id, email, 'commissioner');
  await setAnswerDeadline(t.database, t.adminActor, id, {
    handoverDate: '2021-01-01',
    deadline: '2021-03-15',
  });
  const run = async (at: string) => {
    await runAnswerReminders(t.database, new Date(at));
    return (await messages('answer_reminder', id)).length;
  };
  assert.equal(await run('2021-02-28T12:00:00Z'), 0, '15 days before');
  assert.equal(await run('2021-03-01T12:00:00Z'), 1, '14 days before');
  assert.equal(await run('2021-03-01T18:00:00Z'), 1, 'a second run the same day');
  assert.equal(await run('2021-03-11T12:00:00Z'), 1, '4 days before');
  assert.equal(await run('2021-03-12T12:00:00Z'), 2, '3 days before');
  assert.equal(await run('2021-03-15T22:59:00Z'), 2, 'the deadline day, 23:59 in Stockholm');
  assert.equal(await run('2021-03-15T23:00:00Z'), 3, 'the first day overdue, from Swedish midnight');
  assert.equal(await run('2021-03-22T12:00:00Z'), 3, 'a week minus a day overdue');
  assert.equal(await run('2021-03-23T12:00:00Z'), 4, 'a week later');
  const reminders = await messages('answer_reminder', id);
  const account = (await findAccountByEmail(t.database.db, email))!;
  assert.ok(reminders.every((m) => m.recipient_kind === 'account' && m.recipient_id === account.id));
  assert.ok(reminders.every((m) => m.address === email && m.language === 'en'));
  const params = reminders.map((m) => JSON.parse(m.parameters) as Record<string, string>);
  assert.match(params[0].when, /in 14 days/);
  assert.match(params[1].when, /in 3 days/);
  assert.match(params[2].when, /1 day ago/);
  assert.match(params[3].when, /8 days ago/);
  assert.equal(params[0].missing, '2 recommendations still have no published answer.');
  // Once every adopted recommendation is answered, no more reminders.
  for (const rec of recs)
    await saveAnswer(
      t.database,
      t.adminActor,
      id,
      rec,
      {
        status: 'accepted',
        reasons: 'Ja.',
        bodyResponsible: '',
        timeline: '',
        timelineDate: '',
      },
      { publish: true, at: '2021-03-24T09:00:00Z' },
    );
  assert.equal(await run('2021-03-30T12:00:00Z'), 4, 'all answered');
});

test('on PostgreSQL: an answer published through the app, an update, and a reminder sent once', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    const id = await createTestAssembly(pg);
    const panel = (await seedPanel(pg.database, id, ['Pia Panel', 'Per Panel'])).members;
    const [rec, open] = await recommendations(
      id,
      await group(id, [panel[0].id], pg),
      ['Ett', 'Två'],
      'adopted',
      pg,
    );
    await setAnswerDeadline(pg.database, pg.adminActor, id, {
      handoverDate: '2021-01-01',
      deadline: '2021-03-15',
    });
    await createStaff(pg, 'pg-beslut@kommunen.test');
    await grantRole(pg.database, pg.adminActor, id, 'pg-beslut@kommunen.test', 'commissioner');
    const client = new TestClient(pg.app);
    await client.logIn('pg-beslut@kommunen.test');
    await client.get(`/a/${id}/answers/${rec}`);
    const published = await client.post(`/a/${id}/answers/${rec}`, {
      ...answerFields('accepted'),
      publish: 'yes',
    });
    assert.equal(published.status, 303);
    const update = await client.post(`/a/${id}/answers/${rec}/updates`, {
      on_date: '2021-04-01',
      stage: 'done',
      progress: '',
      text: 'Klart.',
      evidence_url: 'https://example.se/klart',
    });
    assert.equal(update.status, 303);
    const answers = await publicAnswers(pg.database.db, id, new Date());
    assert.equal(answers[rec].answer?.status, 'accepted');
    assert.equal(answers[rec].answeredLate, true);
    assert.equal(answers[rec].updates[0].stage, 'done');
    assert.equal(answers[open].overdue, true);
    await runAnswerReminders(pg.database, new Date('2021-03-16T12:00:00Z'));
    await runAnswerReminders(pg.database, new Date('2021-03-16T13:00:00Z'));
    const reminders = await pg.database.db
      .selectFrom('outbox_messages')
      .select('template')
      .where('assembly_id', '=', id)
      .where('template', '=', 'answer_reminder')
      .execute();
    assert.equal(reminders.length, 1);
  } finally {
    await pg.close();
  }
});

test('the reminders run as a keyed job at start and queue the next run a day on', async () => {
  const { database, dataDir, dispose } = await openTestDatabase('sqlite');
  try {
    startJobRunner(database, { dataDir, concurrency: 1 });
    const started = Date.now();
    await startAnswerReminders(database);
    let ended: { status: string; result: string | null } | undefined;
    const until = Date.now() + 5000;
    while (!ended && Date.now() < until) {
      ended = await database.db
        .selectFrom('jobs')
        .select(['status', 'result'])
        .where('kind', '=', 'answer-reminders')
        .where('status', '=', 'done')
        .executeTakeFirst();
      if (!ended) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(ended?.status, 'done');
    assert.deepEqual(JSON.parse(ended?.result ?? '{}'), { queued: 0 });
    const next = await findQueuedKeyedJob(database.db, answerRemindersJobKey);
    assert.ok(next, 'the next run is queued');
    const delay = Date.parse(next.run_after) - started;
    assert.ok(delay >= day && delay < day + 60_000);
    // Another process starting brings it forward instead of queuing a second one.
    await stopJobRunners(database);
    await startAnswerReminders(database);
    const queued = await database.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'answer-reminders')
      .where('status', '=', 'queued')
      .execute();
    assert.deepEqual(
      queued.map((j) => j.id),
      [next.id],
    );
  } finally {
    await stopJobRunners(database);
    await dispose();
  }
});
