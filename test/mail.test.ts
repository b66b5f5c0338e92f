/**
 * Real e-mail through the outbox: messages are queued with the change that causes them and delivered
 * by the sender to a real SMTP server running in this process.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bootstrapAdministrator } from '../src/commands/accounts.ts';
import { configureQuestions, createAssembly, setPhase } from '../src/commands/assemblies.ts';
import type { Actor } from '../src/commands/command.ts';
import { createInvitations, erasePerson, exportPerson } from '../src/commands/people.ts';
import { type Registration, registerVolunteer } from '../src/commands/register-volunteer.ts';
import type { Database } from '../src/db/connect.ts';
import { enqueueKeyedJob } from '../src/jobs/queue.ts';
import { startJobRunner, stopJobRunners } from '../src/jobs/runner.ts';
import { sendMailJob, sendMailJobKey, startMailSending } from '../src/mail/send-job.ts';
import { backoffMs, createTransport, maxAttempts, sendDueMessages } from '../src/mail/sender.ts';
import { outboxOnlySms } from '../src/mail/sms.ts';
import { findAccountByEmail } from '../src/repositories/accounts.ts';
import { findQueuedKeyedJob } from '../src/repositories/jobs.ts';
import { listMessagesTo } from '../src/repositories/outbox.ts';
import { startTestSmtpServer, type TestSmtpServer } from './support/smtp.ts';
import { genderQuestion, openTestDatabase } from './support/web.ts';

function registration(
  assemblyId: string,
  code: string,
  name: string,
  email: string | null,
  language: string,
): Registration {
  return {
    assemblyId,
    code,
    answers: { gender: 'woman' },
    contact: {
      full_name: name,
      email,
      phone: null,
      address: 'Storgatan 1',
      postcode: '111 22',
      city: 'Stockholm',
      preferred_language: language,
    },
    needs: [],
    needsDetails: null,
    consents: ['participation', 'data_processing'],
  };
}

async function setUp(database: Database): Promise<{ assemblyId: string; codes: string[]; admin: Actor }> {
  await bootstrapAdministrator(database, { email: 'admin@mail.test', password: 'a long enough password' });
  const account = (await findAccountByEmail(database.db, 'admin@mail.test'))!;
  const admin: Actor = { kind: 'staff', accountId: account.id, isAdmin: true };
  const assemblyId = await createAssembly(database, admin, {
    title: { sv: 'Klimatrådet', en: 'The climate assembly' },
    remit: { sv: 'Hur ska kommunen minska utsläppen?' },
    commissioner: 'Kommunen',
    fundingSource: 'Kommunen',
    coordinator: 'Digidem Lab',
    panelSize: 20,
    languages: ['sv', 'en'],
    startsOn: null,
    endsOn: null,
  });
  await configureQuestions(database, admin, assemblyId, [genderQuestion]);
  await setPhase(database, admin, assemblyId, 'recruitment', true);
  const codes = await createInvitations(database, admin, assemblyId, 20);
  return { assemblyId, codes, admin };
}

const from = 'Lotta <lotta@kommunen.test>';

describe('e-mail through the outbox (SQLite)', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let smtp: TestSmtpServer;
  let assemblyId: string;
  let codes: string[];
  let admin: Actor;
  let dataDir: string;

  before(async () => {
    ({ database, dispose, dataDir } = await openTestDatabase('sqlite'));
    ({ assemblyId, codes, admin } = await setUp(database));
    smtp = await startTestSmtpServer();
  });
  after(async () => {
    await smtp.close();
    await dispose();
  });

  test('a Swedish volunteer who gave an e-mail receives a receipt in Swedish, once', async () => {
    const { personId, reference } = await registerVolunteer(
      database,
      registration(assemblyId, codes[0], 'Åsa Öberg', 'asa@example.se', 'sv'),
    );
    const transport = createTransport(smtp.url);
    const result = await sendDueMessages({ db: database, transport, from });
    assert.deepEqual(result, { sent: 1, retried: 0, failed: 0 });
    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0];
    assert.deepEqual(mail.to, ['asa@example.se']);
    assert.equal(mail.from, 'lotta@kommunen.test');
    assert.equal(mail.subject, 'Tack för din anmälan till Klimatrådet');
    assert.match(mail.text, new RegExp(`Ditt referensnummer är ${reference}`));
    // Sent: nothing more goes out, and the parameters are no longer kept.
    assert.deepEqual(await sendDueMessages({ db: database, transport, from }), {
      sent: 0,
      retried: 0,
      failed: 0,
    });
    const [message] = await listMessagesTo(database.db, 'person', personId);
    assert.equal(message.status, 'sent');
    assert.equal(message.parameters, '{}');
    transport.close();
  });

  test('an English volunteer gets English; one without an e-mail gets no receipt', async () => {
    const { personId } = await registerVolunteer(
      database,
      registration(assemblyId, codes[1], 'John Smith', 'john@example.org', 'en'),
    );
    const none = await registerVolunteer(database, registration(assemblyId, codes[2], 'Bo Ek', null, 'sv'));
    assert.equal((await listMessagesTo(database.db, 'person', none.personId)).length, 0);
    const transport = createTransport(smtp.url);
    await sendDueMessages({ db: database, transport, from });
    const mail = smtp.received.find((m) => m.to.includes('john@example.org'))!;
    assert.equal(mail.subject, 'Thank you for signing up for The climate assembly');
    assert.equal((await listMessagesTo(database.db, 'person', personId))[0].status, 'sent');
    transport.close();
  });

  test('a refused message is retried with growing delays and ends failed after the last try', async () => {
    const { personId } = await registerVolunteer(
      database,
      registration(assemblyId, codes[3], 'Carl Berg', 'carl@example.se', 'sv'),
    );
    smtp.rejecting = true;
    const transport = createTransport(smtp.url);
    let clock = Date.now();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      // Before the retry is due nothing is tried.
      if (attempt > 1) {
        const early = await sendDueMessages({
          db: database,
          transport,
          from,
          now: () => new Date(clock - 1000),
        });
        assert.deepEqual(early, { sent: 0, retried: 0, failed: 0 });
      }
      const result = await sendDueMessages({ db: database, transport, from, now: () => new Date(clock) });
      const [message] = await listMessagesTo(database.db, 'person', personId);
      assert.equal(message.attempts, attempt);
      assert.match(message.last_error ?? '', /451/);
      assert.doesNotMatch(message.last_error ?? '', /carl/);
      if (attempt < maxAttempts) {
        assert.deepEqual(result, { sent: 0, retried: 1, failed: 0 });
        assert.equal(message.status, 'queued');
        const delay = Date.parse(message.next_attempt_at) - clock;
        delays.push(delay);
        clock += delay;
      } else {
        assert.deepEqual(result, { sent: 0, retried: 0, failed: 1 });
        assert.equal(message.status, 'failed');
      }
    }
    assert.deepEqual(delays, [1, 2, 3, 4].map(backoffMs));
    assert.ok(delays[3] > delays[0] * 4);
    assert.equal(smtp.received.filter((m) => m.to.includes('carl@example.se')).length, 0);
    // Given up on: no more tries, however late.
    smtp.rejecting = false;
    const later = await sendDueMessages({
      db: database,
      transport,
      from,
      now: () => new Date(clock + 86_400_000),
    });
    assert.equal(later.sent, 0);
    transport.close();
  });

  test('the SMS adapter only fills the outbox: the message is listed and never sent', async () => {
    const { personId, reference } = await registerVolunteer(
      database,
      registration(assemblyId, codes[7], 'Gun Sms', null, 'sv'),
    );
    await database.db.transaction().execute((trx) =>
      outboxOnlySms.send(trx, {
        assemblyId,
        personId,
        phone: '070-111 22 33',
        language: 'sv',
        template: 'registration_receipt',
        parameters: { title: 'Klimatrådet', reference, coordinator: 'Digidem Lab' },
        at: new Date().toISOString(),
      }),
    );
    const before = smtp.received.length;
    const transport = createTransport(smtp.url);
    await sendDueMessages({ db: database, transport, from, now: () => new Date(Date.now() + 86_400_000) });
    transport.close();
    assert.equal(smtp.received.length, before);
    const [sms] = await listMessagesTo(database.db, 'person', personId);
    assert.equal(sms.channel, 'sms');
    assert.equal(sms.status, 'queued');
    assert.equal(sms.attempts, 0);
  });

  test('the sender loop delivers by itself while SMTP is configured, and stops when told', async () => {
    await registerVolunteer(
      database,
      registration(assemblyId, codes[8], 'Hans Loop', 'hans@example.se', 'sv'),
    );
    const sender = await startMailSending(database, { smtpUrl: smtp.url, from });
    const deadline = Date.now() + 5000;
    while (!smtp.received.some((m) => m.to.includes('hans@example.se')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25));
    await sender.stop();
    assert.ok(smtp.received.some((m) => m.to.includes('hans@example.se')));
    // Without SMTP there is no loop at all.
    await (await startMailSending(database, { smtpUrl: undefined, from })).stop();
  });

  test('a message left "sending" by a sender that died is sent once its claim has lapsed', async () => {
    const { personId } = await registerVolunteer(
      database,
      registration(assemblyId, codes[9], 'Ines Crash', 'ines@example.se', 'sv'),
    );
    const [queued] = await listMessagesTo(database.db, 'person', personId);
    const at = new Date();
    await database.db
      .updateTable('outbox_messages')
      .set({ status: 'sending', attempts: 1, claimed_until: new Date(at.getTime() + 60_000).toISOString() })
      .where('id', '=', queued.id)
      .execute();
    const transport = createTransport(smtp.url);
    // Still claimed: left alone.
    assert.equal((await sendDueMessages({ db: database, transport, from, now: () => at })).sent, 0);
    const later = new Date(at.getTime() + 120_000);
    assert.equal((await sendDueMessages({ db: database, transport, from, now: () => later })).sent, 1);
    transport.close();
    const [sent] = await listMessagesTo(database.db, 'person', personId);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 2);
  });

  test('a subject access export lists what was sent to the person, and where', async () => {
    const { personId } = await registerVolunteer(
      database,
      registration(assemblyId, codes[6], 'Fia Ås', 'fia@example.se', 'sv'),
    );
    const exported = await exportPerson(database, admin, assemblyId, personId);
    assert.deepEqual(
      exported.messages.map((m) => [m.kind, m.channel, m.address, m.status]),
      [['registration_receipt', 'email', 'fia@example.se', 'queued']],
    );
  });

  test('erasing a person blanks the address and parameters of their messages and cancels queued ones', async () => {
    const sent = await registerVolunteer(
      database,
      registration(assemblyId, codes[4], 'Dora Lind', 'dora@example.se', 'sv'),
    );
    const transport = createTransport(smtp.url);
    await sendDueMessages({ db: database, transport, from });
    transport.close();
    const queued = await registerVolunteer(
      database,
      registration(assemblyId, codes[5], 'Eva Sten', 'eva@example.se', 'sv'),
    );
    await erasePerson(database, admin, assemblyId, sent.personId, dataDir);
    await erasePerson(database, admin, assemblyId, queued.personId, dataDir);
    const [a] = await listMessagesTo(database.db, 'person', sent.personId);
    const [b] = await listMessagesTo(database.db, 'person', queued.personId);
    assert.equal(a.status, 'sent');
    assert.equal(b.status, 'cancelled');
    for (const m of [a, b]) {
      assert.equal(m.address, null);
      assert.equal(m.parameters, '{}');
    }
    const raw = JSON.stringify(await database.db.selectFrom('outbox_messages').selectAll().execute());
    assert.doesNotMatch(raw, /dora|eva@/i);
  });
});

describe('e-mail through the outbox (PostgreSQL)', () => {
  test('two senders at once never send the same message twice', async () => {
    const { database, dispose } = await openTestDatabase('postgres');
    const smtp = await startTestSmtpServer();
    try {
      const { assemblyId, codes } = await setUp(database);
      for (let i = 0; i < 12; i++)
        await registerVolunteer(
          database,
          registration(assemblyId, codes[i], `Person ${i}`, `p${i}@example.se`, 'sv'),
        );
      const transports = [createTransport(smtp.url), createTransport(smtp.url), createTransport(smtp.url)];
      const results = await Promise.all(
        transports.map((transport) => sendDueMessages({ db: database, transport, from, batch: 12 })),
      );
      assert.equal(
        results.reduce((sum, r) => sum + r.sent, 0),
        12,
      );
      const recipients = smtp.received.flatMap((m) => m.to).sort();
      assert.equal(recipients.length, 12);
      assert.equal(new Set(recipients).size, 12);
      for (const t of transports) t.close();
    } finally {
      await smtp.close();
      await dispose();
    }
  });
});

async function waitFor(condition: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('e-mail sent by send-mail jobs through the job runner (SQLite)', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let dataDir: string;
  let smtp: TestSmtpServer;
  let assemblyId: string;
  let codes: string[];

  before(async () => {
    ({ database, dispose, dataDir } = await openTestDatabase('sqlite'));
    ({ assemblyId, codes } = await setUp(database));
    smtp = await startTestSmtpServer();
    startJobRunner(database, { dataDir, concurrency: 2 });
  });
  after(async () => {
    await stopJobRunners(database);
    await smtp.close();
    await dispose();
  });

  const sendJobs = () => database.db.selectFrom('jobs').selectAll().where('kind', '=', 'send-mail').execute();

  test('without SMTP the send job sends nothing and the message waits; once SMTP is set it goes out', async () => {
    const { personId } = await registerVolunteer(
      database,
      registration(assemblyId, codes[0], 'Ulla Vänta', 'ulla@example.se', 'sv'),
    );
    await waitFor(async () => (await sendJobs()).some((j) => j.status === 'done'));
    const [ended] = await sendJobs();
    assert.deepEqual(JSON.parse(ended.result ?? 'null'), { sent: 0, retried: 0, failed: 0, off: true });
    assert.equal((await listMessagesTo(database.db, 'person', personId))[0].status, 'queued');
    // Nothing waits to poll again: the next send job comes with the next message or the next start.
    assert.equal(await findQueuedKeyedJob(database.db, sendMailJobKey), undefined);

    const sending = await startMailSending(database, { smtpUrl: smtp.url, from });
    await waitFor(() => smtp.received.some((m) => m.to.includes('ulla@example.se')));
    await sending.stop();
    assert.equal((await listMessagesTo(database.db, 'person', personId))[0].status, 'sent');
  });

  test('a message written by a command is delivered by a send job, with no loop running', async (t) => {
    const sending = await startMailSending(database, { smtpUrl: smtp.url, from });
    const jobsBefore = (await sendJobs()).length;
    const written = Date.now();
    const { personId } = await registerVolunteer(
      database,
      registration(assemblyId, codes[1], 'Vera Snabb', 'vera@example.se', 'sv'),
    );
    await waitFor(() => smtp.received.some((m) => m.to.includes('vera@example.se')));
    const elapsed = Date.now() - written;
    t.diagnostic(`outbox write to delivery: ${elapsed} ms`);
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
    await waitFor(async () => (await sendJobs()).every((j) => j.status === 'done'));
    const jobs = await sendJobs();
    assert.equal(jobs.length, jobsBefore + 1);
    assert.deepEqual(JSON.parse(jobs.find((j) => j.result?.includes('"sent":1'))?.result ?? 'null'), {
      sent: 1,
      retried: 0,
      failed: 0,
    });
    assert.equal((await listMessagesTo(database.db, 'person', personId))[0].status, 'sent');
    // Nothing left to send, so nothing is queued to look again.
    assert.equal(await findQueuedKeyedJob(database.db, sendMailJobKey), undefined);
    await sending.stop();
  });

  test('a refused message is tried again after its backoff by the send job it queued for then', async (t) => {
    const sending = await startMailSending(database, { smtpUrl: smtp.url, from, retryBaseMs: 400 });
    smtp.rejecting = true;
    const { personId } = await registerVolunteer(
      database,
      registration(assemblyId, codes[2], 'Wilma Igen', 'wilma@example.se', 'sv'),
    );
    await waitFor(async () => (await listMessagesTo(database.db, 'person', personId))[0].attempts === 1);
    await waitFor(async () => (await findQueuedKeyedJob(database.db, sendMailJobKey)) !== undefined);
    const [refused] = await listMessagesTo(database.db, 'person', personId);
    assert.equal(refused.status, 'queued');
    const next = (await findQueuedKeyedJob(database.db, sendMailJobKey))!;
    // The job that met the refusal queued the next one for the moment the retry is due.
    assert.equal(next.run_after, refused.next_attempt_at);
    assert.ok(Date.parse(refused.next_attempt_at) - Date.parse(refused.updated_at) >= 400);
    smtp.rejecting = false;
    await waitFor(() => smtp.received.some((m) => m.to.includes('wilma@example.se')));
    const delivered = Date.now();
    t.diagnostic(`retry delivered ${delivered - Date.parse(refused.updated_at)} ms after the refusal`);
    assert.ok(delivered >= Date.parse(refused.next_attempt_at), 'not before its backoff');
    await waitFor(async () => (await listMessagesTo(database.db, 'person', personId))[0].status === 'sent');
    assert.equal((await listMessagesTo(database.db, 'person', personId))[0].attempts, 2);
    await sending.stop();
  });
});

for (const kind of ['sqlite', 'postgres'] as const) {
  test(`many e-mails written at once queue one send job, brought forward to the earliest (${kind})`, async () => {
    const { database, dispose } = await openTestDatabase(kind);
    try {
      const at = new Date().toISOString();
      const later = new Date(Date.now() + 3_600_000).toISOString();
      const queue = (runAt: string) =>
        database.db
          .transaction()
          .execute((trx) =>
            enqueueKeyedJob(trx, database, sendMailJob, { jobKey: sendMailJobKey, input: {}, runAt, at }),
          );
      const first = await queue(later);
      await Promise.all([queue(later), queue(later), queue(at)]);
      const rows = await database.db.selectFrom('jobs').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0].id, first);
      assert.equal(rows[0].run_after, at);
      // A later request does not push it back.
      await queue(later);
      assert.equal((await findQueuedKeyedJob(database.db, sendMailJobKey))?.run_after, at);
    } finally {
      await dispose();
    }
  });
}
