/**
 * Submissions from the public through the app: the public form (with its privacy notice) takes a
 * submission; a bot (the hidden field, or a form sent too fast) and too many attempts are refused,
 * and too long a text is refused with everything typed kept; organisers accept a submission into
 * the evidence library, marked as sent in by the public, or reject it with a reason; the retention
 * rule erases the sender's data; roles without people-data rights never see it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { CommandError } from '../../src/commands/command.ts';
import { runRetention } from '../../src/commands/retention.ts';
import { sendSubmission } from '../../src/commands/submissions.ts';
import { retentionPeriods } from '../../src/domain/retention.ts';
import { findAssembly } from '../../src/repositories/assemblies.ts';
import { createStaff, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let slug: string;
let organiser: TestClient;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  slug = (await findAssembly(t.database.db, assemblyId))!.slug;
  organiser = new TestClient(t.app);
  await organiser.logIn('admin@lotta.test');
});
after(() => t.close());

function formTimeOf(html: string): string {
  const match = /name="form_time" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the form carries its timing token');
  return match[1];
}

function decoded(html: string): string {
  return html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

const complete = {
  title: 'Bus lanes in small towns',
  body: 'Our association measured travel times before and after the bus lanes on Storgatan.\nThey fell by a third.',
  link: 'https://example.se/bus-lanes.pdf',
  name: 'Karin Holm',
  organisation: 'Kollektivtrafikens vänner',
  email: 'karin.holm@example.se',
  publish_name: 'yes',
  website: '',
};

async function send(app: TestApp, fields: Record<string, string>, client = new TestClient(app.app)) {
  const form = await client.get(`/public/${slug}/submissions/new`);
  assert.equal(form.status, 200);
  return client.post(`/public/${slug}/submissions/new`, { form_time: formTimeOf(form.text), ...fields });
}

async function submissions(app: TestApp) {
  return app.database.db.selectFrom('public_submissions').selectAll().orderBy('created_at').execute();
}

test('the public form says what is kept of the sender, for how long and who sees it', async () => {
  const client = new TestClient(t.app);
  const page = await client.get(`/public/${slug}/submissions/new`);
  assert.equal(page.status, 200);
  const text = decoded(page.text);
  assert.match(text, /Your personal data/);
  assert.match(text, /erased 90 days after/);
  assert.match(text, /only the assembly's organisers see your name and e-mail/);
  assert.match(text, /published only if you tick the box/);
  assert.match(text, /name="website"/);
  assert.equal((await client.get('/public/no-such-assembly/submissions/new')).status, 404);
});

test('a submission from the public passes and waits for review', async () => {
  const reply = await send(t, complete);
  assert.equal(reply.status, 200);
  assert.match(reply.text, /Thank you for your submission/);
  const [row] = await submissions(t);
  assert.equal(row.title, complete.title);
  assert.equal(row.status, 'pending');
  assert.equal(row.sender_email, complete.email);
  assert.equal(row.publish_name, 1);
  const audit = await t.database.db
    .selectFrom('audit_events')
    .select('details')
    .where('action', '=', 'submissions.send')
    .executeTakeFirstOrThrow();
  assert.ok(!audit.details.includes('Karin'), 'the audit keeps no sender data');
});

test('a bot is refused: the hidden field filled in, or the form sent too fast', async () => {
  const before = (await submissions(t)).length;
  const trap = await send(t, { ...complete, title: 'Spam offer', website: 'http://spam.example' });
  assert.equal(trap.status, 422);
  assert.match(trap.text, /could not be sent/);
  assert.ok(trap.text.includes('Spam offer'), 'the form keeps what was typed');

  const slow = await startTestApp({ minimumFormMillis: 60_000 });
  try {
    const id = await createTestAssembly(slow);
    const slowSlug = (await findAssembly(slow.database.db, id))!.slug;
    const client = new TestClient(slow.app);
    const form = await client.get(`/public/${slowSlug}/submissions/new`);
    const fast = await client.post(`/public/${slowSlug}/submissions/new`, {
      ...complete,
      form_time: formTimeOf(form.text),
    });
    assert.equal(fast.status, 422);
    assert.match(fast.text, /sent very quickly/);
    assert.ok(fast.text.includes(complete.organisation));
    const forged = await client.post(`/public/${slowSlug}/submissions/new`, {
      ...complete,
      form_time: '1.abc',
    });
    assert.equal(forged.status, 422);
    assert.equal((await submissions(slow)).length, 0);
  } finally {
    await slow.close();
  }
  assert.equal((await submissions(t)).length, before);
});

test('too long a text is refused before anything is kept, with the form as typed', async () => {
  const before = (await submissions(t)).length;
  const long = 'Lorem ipsum dolor sit amet. '.repeat(300);
  const reply = await send(t, { ...complete, title: 'A long one', body: long, email: 'not an address' });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /at most 6000 characters/);
  assert.ok(reply.text.includes(long.trim()), 'the text typed is kept');
  assert.ok(reply.text.includes('A long one'));
  const bad = await send(t, { ...complete, email: 'not an address', link: 'javascript:alert(1)' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /name@example.se/);
  assert.match(bad.text, /starting with http/);
  const noName = await send(t, { ...complete, name: '', organisation: '' });
  assert.equal(noName.status, 422);
  assert.match(noName.text, /gave no name or organisation/);
  assert.equal((await submissions(t)).length, before);
});

test('accepted, a submission joins the evidence library marked as sent in by the public', async () => {
  const [row] = await submissions(t);
  const list = await organiser.get(`/a/${assemblyId}/submissions`);
  assert.equal(list.status, 200);
  assert.ok(decoded(list.text).includes(complete.title));
  assert.ok(decoded(list.text).includes('Karin Holm'), 'organisers see the sender');
  const page = await organiser.get(`/a/${assemblyId}/submissions/${row.id}`);
  assert.ok(page.text.includes(complete.email));
  const accepted = await organiser.post(`/a/${assemblyId}/submissions/${row.id}/accept`, {});
  assert.equal(accepted.status, 303);
  const item = await t.database.db
    .selectFrom('evidence_items')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirstOrThrow();
  assert.equal(item.origin, 'public');
  assert.equal(item.title, complete.title);
  assert.equal(item.link, complete.link);
  // She agreed to her name being published; her e-mail never is.
  assert.equal(item.source, 'Karin Holm, Kollektivtrafikens vänner');
  const library = await organiser.get(`/a/${assemblyId}/evidence`);
  assert.match(library.text, /Sent in by the public/);
  assert.ok(!library.text.includes(complete.email));
  const itemPage = await organiser.get(`/a/${assemblyId}/evidence/${item.id}`);
  assert.match(itemPage.text, /Sent in by the public/);
  const twice = await organiser.post(`/a/${assemblyId}/submissions/${row.id}/accept`, {});
  assert.equal(twice.status, 409);

  // Without the consent, the name stays out of the library.
  await send(t, { ...complete, title: 'Anonymous please', publish_name: '' });
  const quiet = (await submissions(t)).find((s) => s.title === 'Anonymous please')!;
  await organiser.get(`/a/${assemblyId}/submissions/${quiet.id}`);
  assert.equal((await organiser.post(`/a/${assemblyId}/submissions/${quiet.id}/accept`, {})).status, 303);
  const quietItem = await t.database.db
    .selectFrom('evidence_items')
    .select(['source', 'origin'])
    .where('title', '=', 'Anonymous please')
    .executeTakeFirstOrThrow();
  assert.deepEqual(quietItem, { source: '', origin: 'public' });
});

test('rejecting needs a reason', async () => {
  await send(t, { ...complete, title: 'Off topic' });
  const row = (await submissions(t)).find((s) => s.title === 'Off topic')!;
  await organiser.get(`/a/${assemblyId}/submissions/${row.id}`);
  const bare = await organiser.post(`/a/${assemblyId}/submissions/${row.id}/reject`, { reason: '' });
  assert.equal(bare.status, 422);
  assert.match(bare.text, /Write the reason/);
  const rejected = await organiser.post(`/a/${assemblyId}/submissions/${row.id}/reject`, {
    reason: 'Not about the assembly’s question.',
  });
  assert.equal(rejected.status, 303);
  const after = (await submissions(t)).find((s) => s.id === row.id)!;
  assert.equal(after.status, 'rejected');
  assert.equal(after.reason, 'Not about the assembly’s question.');
  assert.equal(after.evidence_item_id, null);
});

test('the sender’s data is never shown to roles without people-data rights', async () => {
  const evaluator = new TestClient(t.app);
  await createStaff(t, 'evaluator@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'evaluator@lotta.test', 'evaluator');
  await evaluator.logIn('evaluator@lotta.test');
  assert.equal((await evaluator.get(`/a/${assemblyId}/submissions`)).status, 403);
  const library = await evaluator.get(`/a/${assemblyId}/evidence`);
  assert.equal(library.status, 200);
  assert.match(library.text, /Sent in by the public/);
  assert.ok(!library.text.includes(complete.email));
  const log = await evaluator.get(`/a/${assemblyId}/requests`);
  assert.doesNotMatch(log.text, /Submissions from the public/);
});

test('the retention rule erases the sender’s data once its period has run out, and not before', async () => {
  const now = Date.now();
  const early = await runRetention(t.database, t.dataDir, new Date(now + 60 * 86_400_000));
  assert.equal(early.submissionSendersErased, 0);
  const kept = await submissions(t);
  assert.ok(kept.some((s) => s.sender_email === complete.email));

  const late = await runRetention(
    t.database,
    t.dataDir,
    new Date(now + retentionPeriods.submissionSenderMillis + 86_400_000),
  );
  assert.equal(late.submissionSendersErased, kept.length);
  for (const s of await submissions(t)) {
    assert.equal(s.sender_name, null);
    assert.equal(s.sender_organisation, null);
    assert.equal(s.sender_email, null);
    assert.ok(s.sender_erased_at);
    assert.ok(s.title && s.body, 'what was sent stays');
  }
  // The run an age ahead also ended every login: the organiser logs in again.
  await organiser.logIn('admin@lotta.test');
  const page = await organiser.get(`/a/${assemblyId}/submissions`);
  assert.ok(!decoded(page.text).includes('Karin Holm'));
  assert.match(page.text, /Erased after the retention period/);
  const again = await runRetention(
    t.database,
    t.dataDir,
    new Date(now + retentionPeriods.submissionSenderMillis + 2 * 86_400_000),
  );
  assert.equal(again.submissionSendersErased, 0, 'erased once');
});

test('too many forms from one address are refused for a while, keeping what was typed', async () => {
  const client = new TestClient(t.app);
  let reply = await send(t, { ...complete, title: 'Flood' }, client);
  for (let i = 0; i < 12 && reply.status !== 429; i++)
    reply = await send(t, { ...complete, title: 'Flood' }, client);
  assert.equal(reply.status, 429);
  assert.match(reply.text, /Too many forms/);
  assert.ok(reply.text.includes(complete.organisation));
  assert.ok(reply.headers.get('retry-after'));
});

test('on PostgreSQL: a submission is sent, accepted into the library, and its sender erased', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    const id = await createTestAssembly(pg);
    const pgSlug = (await findAssembly(pg.database.db, id))!.slug;
    const client = new TestClient(pg.app);
    const form = await client.get(`/public/${pgSlug}/submissions/new`);
    const sent = await client.post(`/public/${pgSlug}/submissions/new`, {
      ...complete,
      form_time: formTimeOf(form.text),
    });
    assert.equal(sent.status, 200);
    const [row] = await submissions(pg);
    const staff = new TestClient(pg.app);
    await staff.logIn('admin@lotta.test');
    await staff.get(`/a/${id}/submissions/${row.id}`);
    assert.equal((await staff.post(`/a/${id}/submissions/${row.id}/accept`, {})).status, 303);
    const item = await pg.database.db
      .selectFrom('evidence_items')
      .select(['origin', 'source'])
      .where('assembly_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(item, { origin: 'public', source: 'Karin Holm, Kollektivtrafikens vänner' });
    const counts = await runRetention(
      pg.database,
      pg.dataDir,
      new Date(Date.now() + retentionPeriods.submissionSenderMillis + 86_400_000),
    );
    assert.equal(counts.submissionSendersErased, 1);
    const [erased] = await submissions(pg);
    assert.deepEqual([erased.sender_name, erased.sender_email], [null, null]);
  } finally {
    await pg.close();
  }
});

test('organisers close the public form: it says so, takes nothing, and opens again', async () => {
  // The retention test above ended every login: this organiser logs in anew.
  const organiser = new TestClient(t.app);
  await organiser.logIn('admin@lotta.test');
  const visitor = new TestClient(t.app);
  const shown = await visitor.get(`/public/${slug}/submissions/new`);
  const list = await organiser.get(`/a/${assemblyId}/submissions`);
  assert.match(list.text, /The public form takes submissions/);
  const closed = await organiser.post(`/a/${assemblyId}/submissions/close`, {});
  assert.equal(closed.status, 303);
  assert.equal(closed.location, `/a/${assemblyId}/submissions?notice=closed`);
  assert.match((await organiser.get(closed.location!)).text, /The public form is closed/);
  const page = await visitor.get(`/public/${slug}/submissions/new`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Written submissions are closed/);
  assert.doesNotMatch(page.text, /name="title"/);
  // A form shown before it closed is refused once it has, and nothing is kept.
  const before = (await submissions(t)).length;
  const late = await visitor.post(`/public/${slug}/submissions/new`, {
    form_time: formTimeOf(shown.text),
    ...complete,
  });
  assert.equal(late.status, 409);
  await assert.rejects(
    sendSubmission(t.database, assemblyId, {
      title: 'Late',
      body: 'Sent after closing',
      link: '',
      name: '',
      organisation: '',
      email: '',
      publishName: false,
    }),
    (error: unknown) => error instanceof CommandError && error.code === 'submissions_closed',
  );
  assert.equal((await submissions(t)).length, before);
  const actions = await t.database.db
    .selectFrom('audit_events')
    .select('action')
    .where('action', 'in', ['submissions.close', 'submissions.open'])
    .execute();
  assert.deepEqual(
    actions.map((a) => a.action),
    ['submissions.close'],
  );
  assert.equal((await organiser.post(`/a/${assemblyId}/submissions/open`, {})).status, 303);
  assert.match((await visitor.get(`/public/${slug}/submissions/new`)).text, /name="title"/);
});
