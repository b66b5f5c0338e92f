/**
 * E-mail as staff and organisers meet it: a new staff account gets a one-time link to set its
 * password (when SMTP is on) that works once; without SMTP nothing is sent and the organiser prints
 * the waiting messages as letters.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { setPhase } from '../../src/commands/assemblies.ts';
import { nextMorning } from '../../src/commands/call-outcomes.ts';
import { createInvitations } from '../../src/commands/people.ts';
import { registerVolunteer } from '../../src/commands/register-volunteer.ts';
import { startJobRunner, stopJobRunners } from '../../src/jobs/runner.ts';
import { createTransport, sendDueMessages } from '../../src/mail/sender.ts';
import { findAccountByEmail } from '../../src/repositories/accounts.ts';
import { listMessagesTo } from '../../src/repositories/outbox.ts';
import { outboxPrintSettings } from '../../src/web/routes/outbox/handlers.tsx';
import { pdfText } from '../support/pdf-text.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let smtp: TestSmtpServer;
const from = 'Lotta <lotta@kommunen.test>';

before(async () => {
  t = await startTestApp();
  smtp = await startTestSmtpServer();
});
afterEach(() => {
  delete process.env.SMTP_URL;
});
after(async () => {
  await smtp.close();
  await t.close();
});

async function deliver(): Promise<void> {
  const transport = createTransport(smtp.url);
  await sendDueMessages({ db: t.database, transport, from });
  transport.close();
}

test('with SMTP on, a new staff account is e-mailed a set-password link that works once', async () => {
  process.env.SMTP_URL = smtp.url;
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  await admin.get('/admin/accounts');
  const created = await admin.post('/admin/accounts', {
    display_name: 'Greta Nilsson',
    email: 'greta@kommunen.test',
    language: 'sv',
  });
  assert.equal(created.status, 200);
  assert.match(created.text, /one-time link to choose a password has been e-mailed to greta@kommunen.test/);
  assert.doesNotMatch(created.text, /class="secret"/);
  await deliver();
  const mail = smtp.received.find((m) => m.to.includes('greta@kommunen.test'))!;
  assert.equal(mail.subject, 'Välj ditt lösenord till Lotta');
  const link = /http:\/\/localhost\/set-password\/[\w-]+/.exec(mail.text)![0];
  const path = new URL(link).pathname;
  const account = (await findAccountByEmail(t.database.db, 'greta@kommunen.test'))!;
  const [message] = await listMessagesTo(t.database.db, 'account', account.id);
  assert.equal(message.status, 'sent');
  // The link's token is not kept once sent.
  assert.equal(message.parameters, '{}');

  const greta = new TestClient(t.app);
  assert.equal((await greta.get(path)).status, 200);
  const chosen = 'a password Greta chose herself';
  const set = await greta.post(path, { password: chosen, repeat: chosen });
  assert.equal(set.status, 200);
  assert.match(set.text, /Your password is saved/);
  const login = await greta.logIn('greta@kommunen.test', chosen);
  assert.equal(login.status, 303);
  assert.equal((await greta.get('/assemblies')).status, 200);

  // A second use of the same link is refused, whatever the password.
  const again = new TestClient(t.app);
  assert.equal((await again.get(path)).status, 404);
  await again.get('/login');
  const reuse = await again.post(path, {
    password: 'another long password',
    repeat: 'another long password',
  });
  assert.equal(reuse.status, 404);
  assert.match(reuse.text, /This link does not work/);
  assert.equal(
    (await new TestClient(t.app).logIn('greta@kommunen.test', 'another long password')).location,
    null,
  );
});

test('with SMTP on, an administrator reset e-mails a link instead of showing a password', async () => {
  process.env.SMTP_URL = smtp.url;
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  await admin.get('/admin/accounts');
  const account = (await findAccountByEmail(t.database.db, 'greta@kommunen.test'))!;
  const reply = await admin.post(`/admin/accounts/${account.id}/reset`, {});
  assert.equal(reply.status, 200);
  assert.doesNotMatch(reply.text, /class="secret"/);
  assert.match(reply.text, /e-mailed to greta@kommunen.test/);
  const before = smtp.received.length;
  await deliver();
  assert.equal(smtp.received.length, before + 1);
});

test('without SMTP the password is shown once as before, and nothing is queued for the account', async () => {
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  await admin.get('/admin/accounts');
  const reply = await admin.post('/admin/accounts', {
    display_name: 'Hugo Ek',
    email: 'hugo@kommunen.test',
    language: 'en',
  });
  assert.match(reply.text, /class="secret"/);
  const account = (await findAccountByEmail(t.database.db, 'hugo@kommunen.test'))!;
  assert.equal((await listMessagesTo(t.database.db, 'account', account.id)).length, 0);
});

test('without SMTP nothing is sent; the organiser prints the waiting receipts as letters', async () => {
  const assemblyId = await createTestAssembly(t);
  await setPhase(t.database, t.adminActor, assemblyId, 'recruitment', true);
  const [code] = await createInvitations(t.database, t.adminActor, assemblyId, 1);
  const { personId, reference } = await registerVolunteer(t.database, {
    assemblyId,
    code,
    answers: { gender: 'woman' },
    contact: {
      full_name: 'Åsa Öberg',
      email: 'asa@example.se',
      phone: null,
      address: 'Storgatan 1',
      postcode: '111 22',
      city: 'Stockholm',
      preferred_language: 'sv',
    },
    needs: [],
    needsDetails: null,
    consents: ['participation', 'data_processing'],
  });
  const received = smtp.received.length;
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const page = await admin.get(`/a/${assemblyId}/outbox`);
  assert.equal(page.status, 200);
  assert.match(page.text, /E-mail is not set up/);
  assert.match(page.text, /1 message is waiting to be printed/);
  assert.match(page.text, /Registration receipt/);

  const body = new URLSearchParams({ _csrf: admin.csrf });
  const response = await t.app.request(`/a/${assemblyId}/outbox/print`, {
    method: 'POST',
    body,
    headers: {
      cookie: (admin as unknown as { cookieHeader(): string }).cookieHeader(),
      'content-type': 'application/x-www-form-urlencoded',
      'accept-language': 'en',
    },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  const pdf = new Uint8Array(await response.arrayBuffer());
  const raw = Buffer.from(pdf).toString('latin1');
  assert.match(raw, /\/StructTreeRoot/);
  assert.match(raw, /\/Lang \(en\)/);
  const text = pdfText(pdf);
  assert.equal(text.pages, 1);
  const page1 = text.pageTexts[0];
  assert.match(page1, /Åsa Öberg/);
  assert.match(page1, /Storgatan 1/);
  assert.match(page1, /Tack för din anmälan till Klimatrådet/);
  assert.match(page1, new RegExp(reference));
  const [message] = await listMessagesTo(t.database.db, 'person', personId);
  assert.equal(message.status, 'printed');
  // Printed once: nothing left to print, and nothing was sent by e-mail.
  assert.match((await admin.get(`/a/${assemblyId}/outbox`)).text, /0 messages are waiting to be printed/);
  assert.equal(smtp.received.length, received);
});

async function volunteer(assemblyId: string, name: string, email: string | null, language: string) {
  const [code] = await createInvitations(t.database, t.adminActor, assemblyId, 1);
  return registerVolunteer(t.database, {
    assemblyId,
    code,
    answers: { gender: 'man' },
    contact: {
      full_name: name,
      email,
      phone: '070-000 00 00',
      address: 'Kungsgatan 2',
      postcode: '222 33',
      city: 'Lund',
      preferred_language: language,
    },
    needs: [],
    needsDetails: null,
    consents: ['participation', 'data_processing'],
  });
}

test('a personal link is e-mailed when the person has an address and SMTP is on, else queued as a letter', async () => {
  const assemblyId = await createTestAssembly(t, { title: 'Länkrådet' });
  await setPhase(t.database, t.adminActor, assemblyId, 'recruitment', true);
  const withEmail = await volunteer(assemblyId, 'Ivar Holm', 'ivar@example.se', 'en');
  const withoutEmail = await volunteer(assemblyId, 'Jon Berg', null, 'sv');
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);

  process.env.SMTP_URL = smtp.url;
  await admin.get(`/a/${assemblyId}/people/${withEmail.personId}`);
  const mailed = await admin.post(`/a/${assemblyId}/people/${withEmail.personId}/member-link`, {});
  assert.equal(mailed.status, 200);
  assert.match(mailed.text, /e-mailed to the person/);
  assert.doesNotMatch(mailed.text, /\/m\//);
  await deliver();
  const mail = smtp.received.find(
    (m) => m.to.includes('ivar@example.se') && /personal link/.test(m.subject),
  )!;
  assert.equal(mail.subject, 'Your personal link to Länkrådet (en)');
  const link = new URL(/http:\/\/localhost\/m\/[\w-]+/.exec(mail.text)![0]);
  const member = new TestClient(t.app);
  const opened = await member.get(link.pathname);
  assert.notEqual(opened.status, 404);

  await admin.get(`/a/${assemblyId}/people/${withoutEmail.personId}`);
  const letter = await admin.post(`/a/${assemblyId}/people/${withoutEmail.personId}/member-link`, {});
  assert.match(letter.text, /waiting as a letter/);
  const [queued] = await listMessagesTo(t.database.db, 'person', withoutEmail.personId).then((all) =>
    all.filter((m) => m.template === 'personal_link'),
  );
  assert.equal(queued.channel, 'letter');
  assert.equal(queued.status, 'queued');
  assert.equal(queued.language, 'sv');
});

test('"call again" queues a reminder to the caller, due the next morning, sent in their language', async () => {
  process.env.SMTP_URL = smtp.url;
  const assemblyId = await createTestAssembly(t, { title: 'Ringrådet' });
  await setPhase(t.database, t.adminActor, assemblyId, 'recruitment', true);
  const person = await volunteer(assemblyId, 'Kim Lund', null, 'sv');
  await t.database.db
    .updateTable('people')
    .set({ status: 'selected' })
    .where('id', '=', person.personId)
    .execute();
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  await admin.get(`/a/${assemblyId}/calls`);
  const recorded = await admin.post(`/a/${assemblyId}/calls/${person.personId}`, {
    outcome: 'call_again',
    comment: '',
  });
  assert.ok(recorded.status < 400, `status ${recorded.status}`);
  const account = (await findAccountByEmail(t.database.db, adminEmail))!;
  const reminder = (await listMessagesTo(t.database.db, 'account', account.id)).find(
    (m) => m.template === 'call_back_reminder',
  )!;
  assert.equal(reminder.status, 'queued');
  assert.equal(Date.parse(reminder.next_attempt_at), nextMorning(new Date(reminder.created_at)).getTime());
  assert.ok(Date.parse(reminder.next_attempt_at) > Date.now());
  const before = smtp.received.length;
  await deliver();
  assert.equal(smtp.received.length, before, 'not before it is due');
  const transport = createTransport(smtp.url);
  await sendDueMessages({
    db: t.database,
    transport,
    from,
    now: () => new Date(Date.parse(reminder.next_attempt_at) + 1000),
  });
  transport.close();
  const mail = smtp.received.at(-1)!;
  assert.deepEqual(mail.to, [adminEmail]);
  assert.equal(mail.subject, `Påminnelse: ring tillbaka ${person.reference}`);
  assert.doesNotMatch(mail.text, /Kim Lund/);
});

test('an organiser sees a failed message with its reason and can have it tried again', async () => {
  const assemblyId = await createTestAssembly(t, { title: 'Felrådet' });
  await setPhase(t.database, t.adminActor, assemblyId, 'recruitment', true);
  const { personId } = await volunteer(assemblyId, 'Lo Falk', 'lo@example.se', 'sv');
  const [message] = await listMessagesTo(t.database.db, 'person', personId);
  await t.database.db
    .updateTable('outbox_messages')
    .set({ status: 'failed', attempts: 5, last_error: 'EMESSAGE DATA 451' })
    .where('id', '=', message.id)
    .execute();
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const page = await admin.get(`/a/${assemblyId}/outbox`);
  assert.match(page.text, /Failed/);
  assert.match(page.text, /EMESSAGE DATA 451/);
  const retried = await admin.post(`/a/${assemblyId}/outbox/${message.id}/retry`, {});
  assert.equal(retried.status, 303);
  const [after] = await listMessagesTo(t.database.db, 'person', personId);
  assert.equal(after.status, 'queued');
  assert.equal(after.attempts, 0);
  process.env.SMTP_URL = smtp.url;
  await deliver();
  assert.equal((await listMessagesTo(t.database.db, 'person', personId))[0].status, 'sent');
  // Another assembly's organiser path cannot reach it: the id is checked against the assembly.
  const other = await createTestAssembly(t, { title: 'Annat råd' });
  await admin.get(`/a/${other}/outbox`);
  assert.equal((await admin.post(`/a/${other}/outbox/${message.id}/retry`, {})).status, 200);
});

test('printing is a job: the letters are marked printed only once the file is made, and it can be fetched again', async () => {
  const assemblyId = await createTestAssembly(t, { title: 'Utskriftsrådet' });
  await setPhase(t.database, t.adminActor, assemblyId, 'recruitment', true);
  const { personId } = await volunteer(assemblyId, 'Pia Papper', 'pia@example.se', 'sv');
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  await admin.get(`/a/${assemblyId}/outbox`);
  const saved = { wait: outboxPrintSettings.waitMillis, workers: process.env.LOTTA_WORKERS };
  outboxPrintSettings.waitMillis = 0;
  process.env.LOTTA_WORKERS = '0';
  let location: string;
  try {
    // No runner (a restart): the request hands over to a page that follows the job.
    await stopJobRunners(t.database);
    const slow = await admin.post(`/a/${assemblyId}/outbox/print`, {});
    assert.equal(slow.status, 303);
    location = slow.location!;
    assert.match(location, new RegExp(`/a/${assemblyId}/outbox/print/[0-9a-f-]{36}$`));
    const waiting = await admin.get(location);
    assert.equal(waiting.status, 200);
    assert.equal(waiting.headers.get('refresh'), '2');
    assert.match(waiting.text, /<progress id="print-progress" max="100" value="0">/);
    // Asked again meanwhile: the same job, not a second one.
    assert.equal((await admin.post(`/a/${assemblyId}/outbox/print`, {})).location, location);
    // Nothing is marked printed before the file exists.
    assert.equal((await listMessagesTo(t.database.db, 'person', personId))[0].status, 'queued');
  } finally {
    outboxPrintSettings.waitMillis = saved.wait;
    if (saved.workers === undefined) delete process.env.LOTTA_WORKERS;
    else process.env.LOTTA_WORKERS = saved.workers;
    startJobRunner(t.database, { dataDir: t.dataDir });
  }
  const cookie = (admin as unknown as { cookieHeader(): string }).cookieHeader();
  const fetchPdf = () => t.app.request(location, { headers: { cookie, 'accept-language': 'en' } });
  let ready = await fetchPdf();
  for (let i = 0; i < 200 && ready.headers.get('content-type') !== 'application/pdf'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    ready = await fetchPdf();
  }
  assert.equal(ready.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await ready.arrayBuffer());
  assert.match(pdfText(new Uint8Array(bytes)).pageTexts[0], /Pia Papper/);
  assert.equal((await listMessagesTo(t.database.db, 'person', personId))[0].status, 'printed');
  // The connection dropped? The same file again, and nothing printed twice.
  assert.deepEqual(Buffer.from(await (await fetchPdf()).arrayBuffer()), bytes);
  const events = await t.database.db
    .selectFrom('audit_events')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('action', '=', 'outbox.print')
    .execute();
  assert.equal(events.length, 1);
  assert.equal(JSON.parse(events[0].details).count, 1);
  // Nothing left: printing again says so.
  const none = await admin.post(`/a/${assemblyId}/outbox/print`, {});
  assert.match(none.text, /No messages are waiting to be printed\./);
});
