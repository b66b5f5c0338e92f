/**
 * Attendance through the app: a host checks confirmed members in at the door (by name and by the
 * QR address), twice is refused with nothing doubled, a volunteer is refused, late arrivals are kept;
 * the host sees names and nothing else; a session is marked afterwards all or nothing, bad times
 * refused next to their row with the form kept; a wrong door check-in is undone; the grid's hours and
 * who is at risk; evaluators see only figures; and the CSV.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { checkInPath } from '../../src/domain/attendance.ts';
import { toStockholmTime } from '../../src/domain/dates.ts';
import { listAttendance } from '../../src/repositories/attendance.ts';
import { findSession } from '../../src/repositories/sessions.ts';
import { type Person, panelNames, seedPanel, sessionAroundNow } from '../support/attendance.ts';
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
let base: string;
let admin: TestClient;
let host: TestClient;
let evaluator: TestClient;
let members: Person[];
let volunteer: Person;
/** Running now (started five minutes ago); one started half an hour ago; four half-days behind. */
const sessions: Record<
  'now' | 'late' | 'past1' | 'past2' | 'past3' | 'past4' | 'cancelled' | 'ahead',
  string
> = {} as never;

const day = 24 * 60;
/** The formula a spreadsheet would run, as one member's name, to see the CSV guard it. */
const formulaName = '=SUM(1+1) Öberg';

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  base = `/a/${assemblyId}`;
  ({ members, volunteer } = await seedPanel(t.database, assemblyId, [
    ...panelNames.slice(0, 23),
    formulaName,
  ]));
  const at = (title: string, from: number, to: number, status?: 'cancelled') =>
    sessionAroundNow(t.database, t.adminActor, assemblyId, title, from, to, status);
  sessions.now = await at('Now', -5, 180);
  sessions.late = await at('Started', -30, 120);
  for (const [i, weeks] of [4, 3, 2, 1].entries())
    sessions[`past${i + 1}` as 'past1'] = await at(
      `Half-day ${i + 1}`,
      -weeks * 7 * day,
      -weeks * 7 * day + 240,
    );
  sessions.cancelled = await at('Cancelled', -10 * day, -10 * day + 240, 'cancelled');
  sessions.ahead = await at('Ahead', 7 * day, 7 * day + 240);
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  host = new TestClient(t.app);
  await createStaff(t, 'host@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'host@lotta.test', 'host');
  await host.logIn('host@lotta.test');
  evaluator = new TestClient(t.app);
  await createStaff(t, 'evaluator@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'evaluator@lotta.test', 'evaluator');
  await evaluator.logIn('evaluator@lotta.test');
});
after(() => t.close());

async function marksOf(sessionId: string) {
  return (await listAttendance(t.database.db, assemblyId)).filter((m) => m.sessionId === sessionId);
}

async function auditCount(action: string): Promise<number> {
  const rows = await t.database.db
    .selectFrom('audit_events')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .where('action', '=', action)
    .execute();
  return rows.length;
}

test('a host finds a member by name, checks her in, and sees her name, the time and the count', async () => {
  const anna = members[0];
  const page = await host.get(`${base}/check-in?session=${sessions.now}&q=anna`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Anna Lind 01/);
  assert.doesNotMatch(page.text, /Björn Lind 02/, 'only the names searched for');
  assert.match(page.text, /0 of 24 checked in/);
  assert.match(page.text, /Check in<span class="visually-hidden"> Anna Lind 01<\/span>/);
  const reply = await host.post(`${base}/check-in`, {
    session: sessions.now,
    person: anna.id,
    from: 'search',
  });
  assert.equal(reply.status, 303);
  const back = await host.get(reply.location!);
  assert.match(back.text, /class="notice" role="status">\s*Anna Lind 01 is checked in, at \d\d:\d\d\./);
  assert.match(back.text, /1 of 24 checked in/);
  const [mark] = await marksOf(sessions.now);
  assert.deepEqual(
    { person: mark.personId, status: mark.status, method: mark.method, arrivedAt: mark.arrivedAt },
    { person: anna.id, status: 'present', method: 'door', arrivedAt: null },
  );
  // A session running now is the one the page opens on (of two, the one that started first).
  const plain = await host.get(`${base}/check-in`);
  assert.match(plain.text, new RegExp(`<option value="${sessions.late}" selected`));
});

test('checking a member in twice is refused with the first time, and nothing is doubled', async () => {
  const anna = members[0];
  const [first] = await marksOf(sessions.now);
  const again = await host.post(`${base}/check-in`, {
    session: sessions.now,
    person: anna.id,
    from: 'search',
  });
  assert.equal(again.status, 409);
  const time = toStockholmTime(first.markedAt).slice(11);
  assert.match(
    again.text,
    new RegExp(`Anna Lind 01 is already checked in, at ${time}\\. Nothing was changed\\.`),
  );
  assert.match(again.text, /role="alert"/);
  const marks = await marksOf(sessions.now);
  assert.equal(marks.length, 1);
  assert.equal(marks[0].markedAt, first.markedAt);
  assert.equal(await auditCount('attendance.check_in'), 1);
});

test('a volunteer who is not a confirmed member is neither listed nor checked in', async () => {
  const page = await host.get(`${base}/check-in?session=${sessions.now}&q=Vilma`);
  assert.doesNotMatch(page.text, /check-in-name">Vilma/);
  assert.match(page.text, /No confirmed member has a name like that/);
  const refused = await host.post(`${base}/check-in`, {
    session: sessions.now,
    person: volunteer.id,
    from: 'search',
  });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /Only confirmed members of the assembly can be checked in/);
  assert.equal(
    (await marksOf(sessions.now)).some((m) => m.personId === volunteer.id),
    false,
  );
  const qr = await host.get(checkInPath(assemblyId, volunteer.id));
  assert.equal(qr.status, 409);
  assert.match(qr.text, /not a confirmed member of the assembly/);
  assert.doesNotMatch(qr.text, /name="person" value=/);
  // A cancelled or ended session takes no check-ins either.
  const cancelled = await host.post(`${base}/check-in`, {
    session: sessions.cancelled,
    person: members[1].id,
  });
  assert.equal(cancelled.status, 422);
  assert.match(cancelled.text, /Choose a published session/);
  const over = await host.post(`${base}/check-in`, { session: sessions.past4, person: members[1].id });
  assert.match(over.text, /This session ended at \d\d:\d\d/);
  const early = await host.post(`${base}/check-in`, { session: sessions.ahead, person: members[1].id });
  assert.equal(early.status, 422);
  assert.match(
    early.text,
    /Check-in for this session opens on [A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} at \d\d:\d\d, an hour before it starts/,
  );
  assert.equal((await marksOf(sessions.ahead)).length, 0);
});

test('the QR address shows the member with the big button, and coming back there after', async () => {
  const bjorn = members[1];
  const path = checkInPath(assemblyId, bjorn.id);
  const page = await host.get(`${path}?session=${sessions.now}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Björn Lind 02/);
  assert.doesNotMatch(page.text, /Cecilia Lind 03/);
  const reply = await host.post(`${base}/check-in`, {
    session: sessions.now,
    person: bjorn.id,
    from: 'person',
  });
  assert.equal(reply.status, 303);
  assert.ok(reply.location!.startsWith(path), reply.location!);
  const back = await host.get(reply.location!);
  assert.match(back.text, /Björn Lind 02 is checked in/);
  assert.match(back.text, /Checked in at \d\d:\d\d/);
});

test('more than ten minutes after the start the arrival is kept as late', async () => {
  const cecilia = members[2];
  const reply = await host.post(`${base}/check-in`, { session: sessions.late, person: cecilia.id });
  const back = await host.get(reply.location!);
  assert.match(back.text, /Cecilia Lind 03 is checked in, late, at/);
  const [mark] = await marksOf(sessions.late);
  assert.ok(mark.arrivedAt !== null);
  const session = (await findSession(t.database.db, assemblyId, sessions.late))!;
  assert.ok(Date.parse(mark.arrivedAt!) > Date.parse(session.startsAt) + 10 * 60_000);
});

test('a host sees the members’ names and nothing else', async () => {
  const page = await host.get(`${base}/check-in?session=${sessions.now}`);
  for (const m of members.slice(0, 23)) assert.ok(page.text.includes(m.name), m.name);
  assert.doesNotMatch(page.text, /example\.se|070-00000\d\d/, 'no e-mail or phone');
  assert.doesNotMatch(page.text, /P-000/, 'no references either');
  // Her way in leads to the door, not to the overview she may not open.
  const list = await host.get('/assemblies');
  assert.match(list.text, new RegExp(`<a href="${base}/check-in">Klimatrådet`));
  assert.doesNotMatch(page.text, new RegExp(`href="${base}"`));
  assert.match((await admin.get('/assemblies')).text, new RegExp(`<a href="${base}">Klimatrådet`));
  for (const path of [
    '',
    '/people',
    `/people/${members[0].id}`,
    '/programme',
    '/programme/new',
    `/programme/sessions/${sessions.now}`,
    '/attendance',
    `/attendance/sessions/${sessions.past1}`,
    '/attendance/export.csv',
    '/calls',
    '/report',
  ]) {
    const refused = await host.get(`${base}${path}`);
    assert.equal(refused.status, 403, path);
  }
});

/** The marking form's fields for every member: present unless `rows` says otherwise. */
function markFields(rows: Record<number, Record<string, string>> = {}): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = { person: members.map((m) => m.id) };
  for (const [i, m] of members.entries()) {
    const row = { status: 'present', ...rows[i] };
    for (const [part, value] of Object.entries(row)) fields[`${part}.${m.id}`] = value;
  }
  return fields;
}

async function clockAfterStart(sessionId: string, minutes: number): Promise<string> {
  const session = (await findSession(t.database.db, assemblyId, sessionId))!;
  return toStockholmTime(Date.parse(session.startsAt) + minutes * 60_000).slice(11);
}

test('marking a session with wrong times is refused next to each row, all or nothing, the form kept', async () => {
  const path = `${base}/attendance/sessions/${sessions.past1}`;
  const form = await admin.get(path);
  assert.equal(form.status, 200);
  assert.match(form.text, /Anna Lind 01/);
  const typed = markFields({
    0: { arrived: '25:00' },
    1: { left: await clockAfterStart(sessions.past1, 300) },
    2: { status: 'excused', arrived: await clockAfterStart(sessions.past1, 30), reason: 'Sjuk' },
    3: {
      arrived: await clockAfterStart(sessions.past1, 120),
      left: await clockAfterStart(sessions.past1, 60),
    },
  });
  const reply = await admin.post(path, typed);
  assert.equal(reply.status, 422);
  const error = (field: string, message: RegExp) =>
    assert.match(reply.text, new RegExp(`id="${field}-error"[^>]*>${message.source}`), field);
  error(`arrived.${members[0].id}`, /Enter the time as HH:MM/);
  error(`left.${members[1].id}`, /Enter a time within the session, between \d\d:\d\d and \d\d:\d\d/);
  error(`arrived.${members[2].id}`, /Times are only for members who were present/);
  error(`left.${members[3].id}`, /The time she left must be after the time she came/);
  assert.match(reply.text, /value="25:00"/);
  assert.match(reply.text, /value="Sjuk"/);
  assert.match(reply.text, new RegExp(`name="status.${members[2].id}" value="excused" checked`));
  assert.equal((await marksOf(sessions.past1)).length, 0, 'nothing saved');
});

test('the grid counts hours with late and early times, and finds who missed the last two', async () => {
  const arrive = await clockAfterStart(sessions.past1, 60);
  const leave = await clockAfterStart(sessions.past2, 180);
  const plan: [string, Record<number, Record<string, string>>][] = [
    // Anna (0) at 3 of 4; Björn (1) came an hour late once and left an hour early once; Cecilia (2)
    // missed the last two; David (3) missed two then came back; Eva (4) absent, excused, absent.
    [sessions.past1, { 1: { arrived: arrive }, 3: { status: 'absent' } }],
    [
      sessions.past2,
      { 0: { status: 'absent' }, 1: { left: leave }, 3: { status: 'absent' }, 4: { status: 'absent' } },
    ],
    [sessions.past3, { 2: { status: 'absent' }, 4: { status: 'excused', reason: 'Resa' } }],
    [sessions.past4, { 2: { status: '' }, 4: { status: 'absent' } }],
  ];
  for (const [sessionId, rows] of plan) {
    const path = `${base}/attendance/sessions/${sessionId}`;
    await admin.get(path);
    const reply = await admin.post(path, markFields(rows));
    assert.equal(reply.status, 303, reply.text.slice(0, 3000));
  }
  assert.equal(await auditCount('attendance.mark'), 4);
  const page = await admin.get(`${base}/attendance`);
  assert.equal(page.status, 200);
  const row = (i: number) => {
    const m = new RegExp(`<tr[^>]*data-person="${members[i].id}"[^>]*>([\\s\\S]*?)</tr>`).exec(page.text);
    assert.ok(m, members[i].name);
    return m[0];
  };
  assert.match(row(0), /<td class="number">12 h<\/td><td class="number">3<\/td>/);
  assert.match(row(1), /<td class="number">14 h<\/td><td class="number">4<\/td>/);
  assert.match(row(1), /◔ <\/span>present \d\d:\d\d–\d\d:\d\d/);
  assert.match(row(2), /class="at-risk"/);
  assert.match(row(2), /At risk – call/);
  assert.match(row(2), /✗ <\/span>absent/);
  assert.match(row(2), /– <\/span>not marked/);
  assert.doesNotMatch(row(3), /at-risk/);
  assert.match(row(4), /class="at-risk"/, 'excused then absent: excused does not end the run');
  assert.match(row(4), /E <\/span>excused/);
  assert.match(page.text, /2 members are at risk of dropping out/);
  // The name leads to the person's page for whoever may open it.
  assert.match(row(2), new RegExp(`href="${base}/people/${members[2].id}"`));
  // Only the four half-days count: not the cancelled one, not those running or ahead.
  assert.doesNotMatch(page.text, /Cancelled<\/span>|Ahead<\/span>/);
});

test('evaluators see the figures of attendance without any name', async () => {
  const page = await evaluator.get(`${base}/attendance`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Each session in figures/);
  assert.match(page.text, /Hours attended/);
  for (const m of members.slice(0, 23)) assert.ok(!page.text.includes(m.name), m.name);
  assert.doesNotMatch(page.text, /export\.csv|check-in/);
  assert.equal((await evaluator.get(`${base}/attendance/export.csv`)).status, 403);
  assert.equal((await evaluator.get(`${base}/check-in`)).status, 403);
});

test('the CSV has a row per member with marks, hours and risk, and guards formulas', async () => {
  const reply = await admin.get(`${base}/attendance/export.csv`);
  assert.equal(reply.status, 200);
  assert.match(reply.headers.get('content-type')!, /text\/csv/);
  const lines = reply.text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  assert.equal(lines.length, 25);
  assert.match(lines[0], /^reference,name,\d{4}-\d\d-\d\d Half-day 1,.*,hours,sessions_attended,at_risk$/);
  const line = (i: number) => lines.find((l) => l.includes(members[i].name.replace(/^=/, "'=")))!;
  assert.equal(line(0), 'P-00001,Anna Lind 01,present,absent,present,present,12.00,3,no');
  assert.equal(line(2), 'P-00003,Cecilia Lind 03,present,present,absent,not marked,8.00,2,yes');
  assert.match(line(23), /^P-00024,'=SUM\(1\+1\) Öberg,/);
});

test('an organiser undoes a wrong door check-in; other marks cannot be undone that way', async () => {
  const bjorn = members[1];
  const path = `${base}/attendance/sessions/${sessions.now}`;
  const page = await admin.get(path);
  assert.match(page.text, /Undo check-in<span class="visually-hidden"> \(Björn Lind 02\)/);
  const reply = await admin.post(`${path}/undo`, { person: bjorn.id });
  assert.equal(reply.status, 303);
  assert.equal(
    (await marksOf(sessions.now)).some((m) => m.personId === bjorn.id),
    false,
  );
  assert.equal(await auditCount('attendance.undo_check_in'), 1);
  const table = await admin.post(`${base}/attendance/sessions/${sessions.past1}/undo`, { person: bjorn.id });
  assert.equal(table.status, 422);
  assert.match(table.text, /Only a check-in made at the door can be undone/);
});

test('on PostgreSQL too: a check-in is stored once, and the second refused', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    const id = await createTestAssembly(pg);
    const { members: panel } = await seedPanel(pg.database, id, panelNames.slice(0, 2));
    const sessionId = await sessionAroundNow(pg.database, pg.adminActor, id, 'Now', -20, 60);
    const client = new TestClient(pg.app);
    await client.logIn(adminEmail);
    await client.get(`/a/${id}/check-in`);
    const first = await client.post(`/a/${id}/check-in`, { session: sessionId, person: panel[0].id });
    assert.equal(first.status, 303);
    const second = await client.post(`/a/${id}/check-in`, { session: sessionId, person: panel[0].id });
    assert.equal(second.status, 409);
    const marks = await listAttendance(pg.database.db, id);
    assert.equal(marks.length, 1);
    assert.ok(marks[0].arrivedAt !== null, 'twenty minutes after the start is late');
    const page = await client.get(`/a/${id}/check-in?session=${sessionId}`);
    assert.match(page.text, /1 of 2 checked in/);
  } finally {
    await pg.close();
  }
});
