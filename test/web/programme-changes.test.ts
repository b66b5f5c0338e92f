/**
 * Sessions' details and their changes through the app: what to bring, what it is about, and the
 * evidence items and experts a session presents, entered on the session form (kept when refused)
 * and shown on the evidence and expert pages; a published session moved, or cancelled, is recorded
 * and queues one message per confirmed member in the same transaction (e-mail to those with an
 * address, a letter to those without), while a draft's changes and a new title send nothing; and a
 * time the clocks skip is refused next to its field.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createEvidence, createExpert } from '../../src/commands/evidence.ts';
import { createSession, editSession, stepSession } from '../../src/commands/sessions.ts';
import { startJobRunner } from '../../src/jobs/runner.ts';
import { renderMessage } from '../../src/mail/render.ts';
import { insertPerson } from '../../src/repositories/people.ts';
import { findSessionLinks, listSessionChanges } from '../../src/repositories/session-details.ts';
import { listSessions } from '../../src/repositories/sessions.ts';
import { pdfText } from '../support/pdf-text.ts';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let admin: TestClient;
let base: string;
const evidence: string[] = [];
let expertId: string;

async function addPerson(reference: string, status: string, email: string | null) {
  const at = new Date().toISOString();
  await insertPerson(t.database.db, {
    person: {
      id: crypto.randomUUID(),
      assembly_id: assemblyId,
      reference,
      source: 'test',
      status,
      status_changed_at: at,
      created_at: at,
    },
    contact: {
      full_name: `Person ${reference}`,
      email,
      address: 'Storgatan 1',
      postcode: '111 11',
      city: 'Ort',
    },
    needs: null,
    answers: {},
    consents: [],
    changedBy: 'test',
    comment: null,
  });
}

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  base = `/a/${assemblyId}/programme`;
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  // Three confirmed members, one without e-mail; a volunteer who is not told.
  await addPerson('P-1', 'confirmed', 'anna@example.se');
  await addPerson('P-2', 'confirmed', 'bo@example.se');
  await addPerson('P-3', 'confirmed', null);
  await addPerson('P-4', 'registered', 'volunteer@example.se');
  const files = { dataDir: t.dataDir, file: null, maxBytes: 20_000_000 };
  for (const title of ['Klimatet i siffror', 'Vad kostar omställningen?'])
    evidence.push(
      await createEvidence(t.database, files, t.adminActor, assemblyId, {
        title,
        summary: 'En sammanfattning.',
        source: 'SMHI',
        publishedOn: '',
        perspective: 'Myndighet',
        language: 'sv',
        easyRead: 'Lätt att läsa.',
        link: 'https://example.se/rapport',
      }),
    );
  expertId = await createExpert(t.database, t.adminActor, assemblyId, {
    name: 'Dr Eva Lind',
    organisation: 'Klimatinstitutet',
    topic: 'Utsläpp',
    interests: 'Styrelseledamot i Vindkraft AB',
    noneDeclared: false,
    email: '',
  });
});
after(() => t.close());

const form = (fields: Record<string, string | string[]>) => ({
  title_sv: 'Lärandedag',
  title_en: 'Learning day',
  type: 'learning',
  starts_at: '2026-10-24T10:00',
  ends_at: '2026-10-24T16:00',
  address: 'Stadshuset, Storgatan 1',
  room: 'Sal A',
  accessibility: 'Hiss vid entrén',
  directions: 'Buss 4 till Torget',
  online_link: '',
  about_sv: 'Vi lär oss om klimatet.',
  about_en: 'We learn about the climate.',
  bring_sv: 'Ta med glasögon.',
  bring_en: 'Bring your glasses.',
  agenda_rows: '3',
  ...fields,
});

async function outbox() {
  return t.database.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('template', '=', 'session_changed')
    .orderBy('created_at')
    .orderBy('recipient_id')
    .execute();
}

async function clearOutbox() {
  await t.database.db.deleteFrom('outbox_messages').execute();
}

let sessionId: string;

test('the session form stores what to bring, what it is about and the linked evidence and expert', async () => {
  await admin.get(`${base}/new`);
  const reply = await admin.post(`${base}/new`, form({ evidence, experts: [expertId] }));
  assert.equal(reply.status, 303, reply.text.slice(0, 1500));
  const [stored] = await listSessions(t.database.db, assemblyId);
  sessionId = stored.id;
  assert.deepEqual(stored.bring, { sv: 'Ta med glasögon.', en: 'Bring your glasses.' });
  assert.deepEqual(stored.about, { sv: 'Vi lär oss om klimatet.', en: 'We learn about the climate.' });
  const page = await admin.get(`${base}/sessions/${sessionId}`);
  for (const id of [...evidence, expertId])
    assert.match(page.text, new RegExp(`value="${id}" checked`), `${id} is ticked`);
  assert.match(page.text, /Bring your glasses\./);
  // The evidence and expert pages say where they are presented.
  const item = await admin.get(`/a/${assemblyId}/evidence/${evidence[0]}`);
  assert.match(item.text, /Presented at/);
  assert.match(item.text, /Learning day/);
  const expert = await admin.get(`/a/${assemblyId}/experts/${expertId}`);
  assert.match(expert.text, /Learning day/);
});

test('a refused session form keeps what was typed and what was ticked', async () => {
  await admin.get(`${base}/new`);
  const reply = await admin.post(
    `${base}/new`,
    form({ title_sv: '', evidence: [evidence[1]], experts: [expertId], bring_en: 'Bring water.' }),
  );
  assert.equal(reply.status, 422);
  assert.match(reply.text, new RegExp(`value="${evidence[1]}" checked`));
  assert.doesNotMatch(reply.text, new RegExp(`value="${evidence[0]}" checked`));
  assert.match(reply.text, new RegExp(`value="${expertId}" checked`));
  assert.match(reply.text, /Bring water\./);
});

test('an evidence id of no item of the assembly is refused', async () => {
  await admin.get(`${base}/new`);
  const reply = await admin.post(`${base}/new`, form({ evidence: [crypto.randomUUID()] }));
  assert.equal(reply.status, 422);
  assert.match(reply.text, /no longer in the assembly&#39;s list|no longer in the assembly's list/);
});

test('a time the clocks skip is refused next to its field; one that happens twice is read as summer time', async () => {
  await admin.get(`${base}/new`);
  const skipped = await admin.post(
    `${base}/new`,
    form({ starts_at: '2027-03-28T02:30', ends_at: '2027-03-28T05:00' }),
  );
  assert.equal(skipped.status, 422);
  assert.match(skipped.text, /id="starts_at-error"[^>]*>This time does not exist/);
  assert.match(skipped.text, /value="2027-03-28T02:30"/);
  // The night the clocks go back: 02:30 is the first 02:30, in summer time (UTC+2).
  const twice = await admin.post(
    `${base}/new`,
    form({ title_en: 'Twice', starts_at: '2026-10-25T02:30', ends_at: '2026-10-25T05:00' }),
  );
  assert.equal(twice.status, 303);
  const stored = (await listSessions(t.database.db, assemblyId)).find((s) => s.title.en === 'Twice');
  assert.equal(stored?.startsAt, '2026-10-25T00:30:00.000Z');
  const page = await admin.get(`${base}/sessions/${stored?.id}`);
  assert.match(page.text, /This time happens twice/);
});

test('changing a draft sends nothing', async () => {
  await clearOutbox();
  await admin.get(`${base}/sessions/${sessionId}`);
  const reply = await admin.post(`${base}/sessions/${sessionId}`, form({ starts_at: '2026-10-24T09:00' }));
  assert.equal(reply.status, 303);
  assert.equal((await outbox()).length, 0);
  assert.equal((await listSessionChanges(t.database.db, assemblyId)).length, 0);
});

test('a new title of a published session sends nothing', async () => {
  await admin.get(base);
  assert.equal((await admin.post(`${base}/sessions/${sessionId}/publish`, {})).status, 303);
  await clearOutbox();
  await admin.get(`${base}/sessions/${sessionId}`);
  const reply = await admin.post(
    `${base}/sessions/${sessionId}`,
    form({ starts_at: '2026-10-24T09:00', title_en: 'Learning day one', bring_en: 'Bring a pen.' }),
  );
  assert.equal(reply.status, 303);
  assert.equal((await outbox()).length, 0);
});

test('moving a published session queues one message per confirmed member, a letter for her without e-mail', async () => {
  await clearOutbox();
  await admin.get(`${base}/sessions/${sessionId}`);
  const reply = await admin.post(
    `${base}/sessions/${sessionId}`,
    form({ starts_at: '2026-10-24T13:00', ends_at: '2026-10-24T17:00', title_en: 'Learning day one' }),
  );
  assert.equal(reply.status, 303);
  const messages = await outbox();
  assert.equal(messages.length, 3);
  assert.deepEqual(messages.map((m) => m.channel).sort(), ['email', 'email', 'letter']);
  assert.equal(messages.find((m) => m.channel === 'letter')?.address, null);
  const email = messages.find((m) => m.address === 'anna@example.se');
  assert.ok(email);
  const text = renderMessage(email);
  assert.match(text.body, /Tiden är ny\. Förut var det lördag 24 oktober 2026, 09:00 till 16:00\./);
  assert.match(text.body, /När: lördag 24 oktober 2026, 13:00 till 17:00/);
  const [change] = await listSessionChanges(t.database.db, assemblyId);
  assert.equal(change.kind, 'moved');
  assert.equal(change.timeChanged, true);
  assert.equal(change.placeChanged, false);
  assert.equal(change.previous.startsAt, '2026-10-24T07:00:00.000Z');
  const audit = await t.database.db
    .selectFrom('audit_events')
    .select('details')
    .where('action', '=', 'programme.edit')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.match(audit.details ?? '', /"notified":3/);
  // The organisers see the messages in the outbox, named.
  const page = await admin.get(`/a/${assemblyId}/outbox`);
  assert.match(page.text, /Change to a meeting/);
  assert.doesNotMatch(page.text, /outbox\.template_/);
});

test('a new room is a change of place', async () => {
  await clearOutbox();
  await admin.get(`${base}/sessions/${sessionId}`);
  await admin.post(
    `${base}/sessions/${sessionId}`,
    form({
      starts_at: '2026-10-24T13:00',
      ends_at: '2026-10-24T17:00',
      title_en: 'Learning day one',
      room: 'Sal B',
    }),
  );
  const messages = await outbox();
  assert.equal(messages.length, 3);
  assert.match(
    renderMessage(messages[0]).body,
    /Platsen är ny\. Förut var det Stadshuset, Storgatan 1, Sal A\./,
  );
});

test('cancelling a published session tells every confirmed member', async () => {
  await clearOutbox();
  await admin.get(base);
  assert.equal((await admin.post(`${base}/sessions/${sessionId}/cancel`, {})).status, 303);
  const messages = await outbox();
  assert.equal(messages.length, 3);
  assert.match(renderMessage(messages[0]).body, /Mötet är inställt/);
  const [latest] = await listSessionChanges(t.database.db, assemblyId);
  assert.equal(latest.kind, 'cancelled');
  // The organiser's session page lists what members were told, with what it was before.
  const page = await admin.get(`${base}/sessions/${sessionId}`);
  const changes = page.text.slice(page.text.indexOf('id="session-changes"'));
  assert.match(changes, /<td>cancelled<\/td>/);
  assert.match(changes, /<td>place<\/td>/);
  assert.match(
    changes,
    /<td>time<\/td><td>Sat, 24 Oct 2026 09:00–16:00; Stadshuset, Storgatan 1, Sal A<\/td>/,
  );
});

test('the letter for a member without e-mail is printed with the outbox’s letters', async () => {
  startJobRunner(t.database, { dataDir: t.dataDir });
  await admin.get(`/a/${assemblyId}/outbox`);
  const response = await t.app.request(`/a/${assemblyId}/outbox/print`, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: admin.csrf }),
    headers: {
      cookie: (admin as unknown as { cookieHeader(): string }).cookieHeader(),
      'content-type': 'application/x-www-form-urlencoded',
      'accept-language': 'en',
    },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  const text = pdfText(new Uint8Array(await response.arrayBuffer())).pageTexts.join('\n');
  assert.match(text, /Person P-3/);
  assert.match(text, /Mötet är inställt/);
  const letter = (await outbox()).find((m) => m.channel === 'letter');
  assert.equal(letter?.status, 'printed');
});

test('on PostgreSQL too: links are stored, and a move is recorded and queued in one transaction', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    const id = await createTestAssembly(pg);
    const at = new Date().toISOString();
    for (const [reference, email] of [
      ['P-1', 'a@example.se'],
      ['P-2', null],
    ] as const)
      await insertPerson(pg.database.db, {
        person: {
          id: crypto.randomUUID(),
          assembly_id: id,
          reference,
          source: 'test',
          status: 'confirmed',
          status_changed_at: at,
          created_at: at,
        },
        contact: { full_name: reference, email },
        needs: null,
        answers: {},
        consents: [],
        changedBy: 'test',
        comment: null,
      });
    const expert = await createExpert(pg.database, pg.adminActor, id, {
      name: 'Eva',
      organisation: '',
      topic: '',
      interests: '',
      noneDeclared: true,
      email: '',
    });
    const record = {
      title: { sv: 'Dag', en: 'Day' },
      type: 'learning' as const,
      startsAt: '2026-10-24T08:00:00.000Z',
      endsAt: '2026-10-24T14:00:00.000Z',
      place: { address: 'Torget 1', room: '', accessibility: '', directions: '' },
      onlineLink: '',
      agenda: [],
      expertIds: [expert],
    };
    const session = await createSession(pg.database, pg.adminActor, id, record);
    await stepSession(pg.database, pg.adminActor, id, session, 'publish');
    await editSession(pg.database, pg.adminActor, id, session, {
      ...record,
      startsAt: '2026-10-24T09:00:00.000Z',
    });
    const messages = await pg.database.db
      .selectFrom('outbox_messages')
      .select('channel')
      .where('assembly_id', '=', id)
      .execute();
    assert.deepEqual(messages.map((m) => m.channel).sort(), ['email', 'letter']);
    const [change] = await listSessionChanges(pg.database.db, id);
    assert.equal(change.timeChanged, true);
    assert.deepEqual((await findSessionLinks(pg.database.db, session)).expertIds, [expert]);
  } finally {
    await pg.close();
  }
});
