/**
 * The staff programme through the app: sessions entered in Swedish time across the end of summer
 * time and shown back as typed, edited, published, cancelled and deleted, each audited; bad input
 * refused next to its field with everything typed kept; the overlap warning; hours and the OECD
 * benchmark; and the calendar.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import type { CommandError } from '../../src/commands/command.ts';
import { createSession } from '../../src/commands/sessions.ts';
import { type AgendaItem, listSessions } from '../../src/repositories/sessions.ts';
import {
  adminEmail,
  createStaff,
  createTestAssembly,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let admin: TestClient;
let base: string;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  base = `/a/${assemblyId}/programme`;
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
});
after(() => t.close());

const session = (fields: Record<string, string>) => ({
  title_sv: 'Lärandedag',
  title_en: 'Learning day',
  type: 'learning',
  starts_at: '2026-10-17T09:00',
  ends_at: '2026-10-17T16:00',
  address: 'Stadshuset, Storgatan 1',
  room: 'Sal A',
  accessibility: 'Hiss vid entrén',
  directions: 'Buss 4 till Torget',
  online_link: '',
  agenda_rows: '3',
  ...fields,
});

async function create(fields: Record<string, string>) {
  await admin.get(`${base}/new`);
  const reply = await admin.post(`${base}/new`, session(fields));
  assert.equal(reply.status, 303, reply.text.slice(0, 2000));
  return reply;
}

async function auditActions(): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_events')
    .select('action')
    .where('assembly_id', '=', assemblyId)
    .where('action', 'like', 'programme.%')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

test('a session across the end of summer time is stored in UTC and shown as typed', async () => {
  const reply = await create({
    title_sv: 'Nattpass',
    title_en: 'Night shift',
    type: 'deliberation',
    starts_at: '2026-10-25T01:00',
    ends_at: '2026-10-25T04:00',
    'agenda.0.time': '01:00',
    'agenda.0.title': 'Välkommen',
    'agenda.0.speaker': 'Anna',
  });
  assert.equal(reply.location, `${base}?notice=created`);
  const [stored] = await listSessions(t.database.db, assemblyId);
  assert.equal(stored.startsAt, '2026-10-24T23:00:00.000Z');
  assert.equal(stored.endsAt, '2026-10-25T03:00:00.000Z');
  assert.equal(stored.status, 'draft');
  assert.deepEqual(stored.agenda, [{ time: '01:00', title: 'Välkommen', speaker: 'Anna' }]);
  const page = await admin.get(base);
  assert.match(page.text, /Night shift/);
  assert.match(page.text, /25 Oct 2026, 01:00–04:00/);
  // Four hours of real time: the clocks went back an hour.
  assert.match(page.text, /<td class="number">4 h<\/td>/);
  const form = await admin.get(`${base}/sessions/${stored.id}`);
  assert.match(form.text, /name="starts_at" type="datetime-local" value="2026-10-25T01:00"/);
  assert.match(form.text, /name="ends_at" type="datetime-local" value="2026-10-25T04:00"/);
  assert.match(form.text, /value="Välkommen"/);
});

test('bad input is refused next to its field and everything typed is kept', async () => {
  await admin.get(`${base}/new`);
  const typed = session({
    title_sv: 'Beslutsdag',
    type: 'voting',
    starts_at: '2026-11-07T15:00',
    ends_at: '2026-11-07T09:00',
    online_link: 'javascript:alert(1)',
    'agenda.1.time': '9.30',
    'agenda.1.title': 'Omröstning',
    room: 'x'.repeat(101),
  });
  const reply = await admin.post(`${base}/new`, typed);
  assert.equal(reply.status, 422);
  assert.match(reply.text, /id="type-error"[^>]*>Choose one of the types/);
  assert.match(reply.text, /id="online_link-error"[^>]*>Enter a web address starting with https:\/\//);
  assert.match(reply.text, /id="room-error"[^>]*>Shorten this to at most 100 characters/);
  assert.match(reply.text, /id="agenda\.1\.time-error"[^>]*>Enter the time as HH:MM/);
  assert.match(reply.text, /value="Beslutsdag"/);
  assert.match(reply.text, /value="javascript:alert\(1\)"/);
  assert.match(reply.text, /value="Omröstning"/);
  // With the other fields right, the end before the start is named on its own.
  const times = await admin.post(
    `${base}/new`,
    session({ starts_at: '2026-11-07T15:00', ends_at: '2026-11-07T09:00' }),
  );
  assert.equal(times.status, 422);
  assert.match(times.text, /id="ends_at-error"[^>]*>The end must be after the start/);
  assert.match(times.text, /value="2026-11-07T15:00"/);
  const untimed = await admin.post(`${base}/new`, session({ starts_at: '2026-13-07T15:00' }));
  assert.match(untimed.text, /id="starts_at-error"[^>]*>Enter a date and time/);
  assert.equal((await listSessions(t.database.db, assemblyId)).length, 1);
});

test('more rows keeps what was typed and adds blank agenda rows without saving', async () => {
  const form = await admin.get(`${base}/new`);
  // Enter in a field submits through the form's first submit button: a plain save, not "more rows".
  assert.match(
    form.text,
    /<form[^>]*class="stack"[^>]*>(?:(?!<button)[\s\S])*<button type="submit" hidden="">/,
  );
  const reply = await admin.post(`${base}/new`, session({ 'agenda.2.title': 'Fika', more_rows: '1' }));
  assert.equal(reply.status, 200);
  assert.match(reply.text, /name="agenda_rows" value="6"/);
  assert.match(reply.text, /name="agenda\.5\.title"/);
  assert.match(reply.text, /value="Fika"/);
  assert.equal((await listSessions(t.database.db, assemblyId)).length, 1);
});

test('edit, publish, cancel and delete a draft, each audited', async () => {
  const [night] = await listSessions(t.database.db, assemblyId);
  await admin.get(`${base}/sessions/${night.id}`);
  const edited = await admin.post(
    `${base}/sessions/${night.id}`,
    session({
      title_sv: 'Kvällspass',
      title_en: 'Evening',
      starts_at: '2026-10-24T18:00',
      ends_at: '2026-10-24T21:00',
    }),
  );
  assert.equal(edited.location, `${base}?notice=saved`);
  assert.equal((await listSessions(t.database.db, assemblyId))[0].startsAt, '2026-10-24T16:00:00.000Z');

  await admin.get(base);
  assert.equal(
    (await admin.post(`${base}/sessions/${night.id}/publish`, {})).location,
    `${base}?notice=published`,
  );
  // A published session is cancelled, not deleted.
  const refused = await admin.post(`${base}/sessions/${night.id}/delete`, {});
  assert.match(refused.text, /Only a draft can be deleted/);
  assert.equal(
    (await admin.post(`${base}/sessions/${night.id}/cancel`, {})).location,
    `${base}?notice=cancelled`,
  );
  const page = await admin.get(base);
  assert.match(page.text, /Cancelled/);
  const again = await admin.post(`${base}/sessions/${night.id}`, session({}));
  assert.equal(again.status, 422);
  assert.match(again.text, /cancelled and can no longer be changed/);

  await create({ title_sv: 'Utkast' });
  const draft = (await listSessions(t.database.db, assemblyId)).find((s) => s.title.sv === 'Utkast')!;
  assert.equal(
    (await admin.post(`${base}/sessions/${draft.id}/delete`, {})).location,
    `${base}?notice=deleted`,
  );
  assert.equal((await listSessions(t.database.db, assemblyId)).length, 1);
  assert.deepEqual(await auditActions(), [
    'programme.create',
    'programme.edit',
    'programme.publish',
    'programme.cancel',
    'programme.create',
    'programme.delete',
  ]);
});

test('overlapping sessions are warned about; hours per type against the plan and the OECD benchmark', async () => {
  await create({ starts_at: '2026-10-17T09:00', ends_at: '2026-10-17T16:00' });
  await create({
    title_en: 'Overlapping',
    type: 'social',
    starts_at: '2026-10-17T15:00',
    ends_at: '2026-10-17T17:00',
  });
  let page = await admin.get(base);
  assert.match(page.text, /Warning: 1 pair of sessions overlap in time/);
  assert.match(page.text, /Not met\./);
  assert.match(page.text, /Only 1 full days; at least 4 are needed/);

  await admin.post(`${base}/plan`, { planned_hours: 'forty' });
  const bad = await admin.post(`${base}/plan`, { planned_hours: 'forty' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /value="forty"/);
  assert.equal(
    (await admin.post(`${base}/plan`, { planned_hours: '40' })).location,
    `${base}?notice=planned`,
  );

  for (const day of ['2026-10-18', '2026-10-31', '2026-11-01'])
    await create({ type: 'deliberation', starts_at: `${day}T09:00`, ends_at: `${day}T15:30` });
  page = await admin.get(base);
  assert.match(page.text, /<strong>Met\.<\/strong>/);
  assert.match(page.text, /4 full days, in 2 week\(s\)/);
  // 7 h learning, 3 × 6.5 h deliberation, 2 h social; the cancelled evening does not count.
  assert.match(page.text, /Learning<\/th><td class="number">7 h/);
  assert.match(page.text, /Deliberation<\/th><td class="number">19\.5 h/);
  assert.match(page.text, /Total<\/th><td class="number">28\.5 h/);
  assert.match(page.text, /Planned: 40 h\. Still to place: 11\.5 h\./);
});

test('the month calendar lists each session on its Swedish day', async () => {
  const page = await admin.get(`${base}/calendar?month=2026-10`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<caption>October 2026<\/caption>/);
  assert.match(page.text, /<th scope="col">Monday<\/th>/);
  // The evening session of 24 October is listed that day, though it starts on the 24th in UTC too.
  assert.match(
    page.text,
    /Sat, 24 Oct 2026<\/span><\/span><ul class="calendar-sessions"><li[^>]*>18:00–21:00 Evening/,
  );
  const junk = await admin.get(`${base}/calendar?month=nonsense`);
  assert.equal(junk.status, 200);
});

test('on PostgreSQL too: a session across the change and the planned hours read back', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    const id = await createTestAssembly(pg);
    const client = new TestClient(pg.app);
    await client.logIn(adminEmail);
    const at = `/a/${id}/programme`;
    await client.get(`${at}/new`);
    const created = await client.post(
      `${at}/new`,
      session({ starts_at: '2026-10-25T01:00', ends_at: '2026-10-25T04:00', 'agenda.0.title': 'Start' }),
    );
    assert.equal(created.status, 303);
    assert.equal((await client.post(`${at}/plan`, { planned_hours: '12,5' })).status, 303);
    const [stored] = await listSessions(pg.database.db, id);
    assert.equal(stored.endsAt, '2026-10-25T03:00:00.000Z');
    assert.deepEqual(stored.agenda, [{ time: '', title: 'Start', speaker: '' }]);
    const page = await client.get(at);
    assert.match(page.text, /25 Oct 2026, 01:00–04:00/);
    assert.match(page.text, /Planned: 12\.5 h\. Still to place: 8\.5 h\./);
  } finally {
    await pg.close();
  }
});

test('the command checks a session itself, whatever the form let through', async () => {
  const record = {
    title: { sv: 'Direkt', en: '' },
    type: 'learning' as const,
    startsAt: '2026-11-07T14:00:00.000Z',
    endsAt: '2026-11-07T08:00:00.000Z',
    place: { address: '', room: '', accessibility: '', directions: '' },
    onlineLink: '',
    agenda: [] as AgendaItem[],
  };
  const refusal = (change: Partial<typeof record>) =>
    createSession(t.database, t.adminActor, assemblyId, { ...record, ...change }).then(
      () => null,
      (error: CommandError) => [error.code, error.field],
    );
  assert.deepEqual(await refusal({}), ['session_end_before_start', 'ends_at']);
  const timed = { endsAt: '2026-11-07T16:00:00.000Z' };
  assert.deepEqual(await refusal({ ...timed, onlineLink: 'data:text/html,x' }), [
    'session_link_invalid',
    'online_link',
  ]);
  assert.deepEqual(await refusal({ ...timed, type: 'party' as 'learning' }), [
    'session_type_unknown',
    'type',
  ]);
  assert.deepEqual(await refusal({ ...timed, title: { sv: 'x'.repeat(201), en: '' } }), [
    'too_long',
    'title_sv',
  ]);
  assert.deepEqual(await refusal({ ...timed, agenda: [{ time: '25:00', title: 'A', speaker: '' }] }), [
    'agenda_time_invalid',
    'agenda.0.time',
  ]);
});

test('a facilitator reads the programme but is offered no changes', async () => {
  await createStaff(t, 'facilitator@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'facilitator@lotta.test', 'facilitator');
  const facilitator = new TestClient(t.app);
  await facilitator.logIn('facilitator@lotta.test');
  const page = await facilitator.get(base);
  assert.equal(page.status, 200);
  assert.match(page.text, /Overlapping/);
  assert.doesNotMatch(page.text, /New session|Publish|planned_hours/);
});
