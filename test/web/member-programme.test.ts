/**
 * The members' programme through the app: a confirmed member sees her next meeting and every
 * published one (cancelled ones marked, drafts never) across the end of summer time, downloads the
 * programme as iCalendar and subscribes to it by her secret address; a volunteer sees none of it.
 */
import assert from 'node:assert/strict';
import { after, before, mock, test } from 'node:test';
import ical from 'node-ical';
import { loadDemo } from '../../src/commands/demo.ts';
import { issueMemberLink } from '../../src/commands/people.ts';
import { createSession, stepSession } from '../../src/commands/sessions.ts';
import type { SessionRecord } from '../../src/repositories/sessions.ts';
import { startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let member: { id: string; token: string };
let volunteer: { id: string; token: string };
const ids: Record<string, string> = {};

const place = {
  address: 'Stadshuset, Storgatan 1',
  room: 'Sal A',
  accessibility: 'Hiss vid entrén',
  directions: 'Buss 4 till Torget',
};

function record(
  title: string,
  startsAt: string,
  endsAt: string,
  extra: Partial<SessionRecord> = {},
): SessionRecord {
  return {
    title: { sv: `${title} (sv)`, en: title },
    type: 'learning',
    startsAt,
    endsAt,
    place,
    onlineLink: '',
    agenda: [{ time: '10:00', title: 'Welcome and climate basics', speaker: 'Dr Lind' }],
    ...extra,
  };
}

async function session(name: string, rec: SessionRecord, steps: ('publish' | 'cancel')[]) {
  ids[name] = await createSession(t.database, t.adminActor, assemblyId, rec);
  for (const step of steps) await stepSession(t.database, t.adminActor, assemblyId, ids[name], step);
}

before(async () => {
  t = await startTestApp();
  await loadDemo(t.database, 12);
  const people = await t.database.db
    .selectFrom('people')
    .select(['id', 'assembly_id'])
    .orderBy('reference')
    .limit(2)
    .execute();
  assemblyId = people[0].assembly_id;
  // The demo comes with a programme of its own; these tests build theirs from nothing.
  await t.database.db.deleteFrom('assembly_sessions').where('assembly_id', '=', assemblyId).execute();
  await t.database.db
    .updateTable('people')
    .set({ status: 'confirmed' })
    .where('id', '=', people[0].id)
    .execute();
  await t.database.db
    .updateTable('people')
    .set({ status: 'registered' })
    .where('id', '=', people[1].id)
    .execute();
  member = {
    id: people[0].id,
    token: await issueMemberLink(t.database, t.adminActor, assemblyId, people[0].id),
  };
  volunteer = {
    id: people[1].id,
    token: await issueMemberLink(t.database, t.adminActor, assemblyId, people[1].id),
  };
  // Saturday in summer time (UTC+2), Sunday after the clocks went back (UTC+1), a cancelled
  // Saturday after, an online evening, and a draft that members must never see.
  await session(
    'saturday',
    record('Learning day one', '2026-10-24T08:00:00.000Z', '2026-10-24T14:00:00.000Z'),
    ['publish'],
  );
  await session(
    'sunday',
    record('Learning day two', '2026-10-25T09:00:00.000Z', '2026-10-25T15:00:00.000Z'),
    ['publish'],
  );
  await session('cancelled', record('Field visit', '2026-10-31T09:00:00.000Z', '2026-10-31T11:00:00.000Z'), [
    'publish',
    'cancel',
  ]);
  await session(
    'online',
    record('Online questions', '2026-11-04T17:00:00.000Z', '2026-11-04T19:00:00.000Z', {
      place: { address: '', room: '', accessibility: '', directions: '' },
      onlineLink: 'https://meet.example.org/lotta-climate',
    }),
    ['publish'],
  );
  await session('draft', record('Secret draft', '2026-11-07T09:00:00.000Z', '2026-11-07T15:00:00.000Z'), []);
});
after(() => t.close());

async function opened(token: string): Promise<TestClient> {
  const client = new TestClient(t.app);
  const reply = await client.get(`/m/${token}`);
  assert.equal(reply.status, 303);
  return client;
}

/** The member page as it reads at a given moment (the next meeting depends on it). */
async function pageAt(client: TestClient, at: string, lang = 'en') {
  mock.timers.enable({ apis: ['Date'], now: Date.parse(at) });
  try {
    return await client.get(`/member?lang=${lang}`);
  } finally {
    mock.timers.reset();
  }
}

function nextPart(text: string): string {
  const start = text.indexOf('id="next-session-heading"');
  const end = text.indexOf('id="programme-heading"');
  assert.ok(start > 0 && end > start, 'the page has the next meeting and the programme');
  return text.slice(start, end);
}

test('a member sees her next meeting in full and the whole published programme', async () => {
  const client = await opened(member.token);
  const page = await pageAt(client, '2026-10-01T10:00:00Z');
  assert.equal(page.status, 200);
  const next = nextPart(page.text);
  // 08:00 UTC on 24 October is 10:00 in Sweden (summer time).
  assert.match(next, /Learning day one/);
  assert.match(next, /10:00 to 16:00/);
  for (const text of ['Stadshuset, Storgatan 1', 'Sal A', 'Buss 4 till Torget', 'Hiss vid entrén'])
    assert.ok(next.includes(text), text);
  assert.match(next, /Welcome and climate basics/);
  assert.match(next, /Dr Lind/);

  const programme = page.text.slice(page.text.indexOf('id="programme-heading"'));
  for (const title of ['Learning day one', 'Learning day two', 'Field visit', 'Online questions'])
    assert.ok(programme.includes(title), title);
  // 09:00 UTC on 25 October is 10:00 in Sweden again: the clocks went back in the night.
  assert.match(programme, /Sunday, 25 October 2026, 10:00 to 16:00/);
  assert.match(programme, /<s>Field visit<\/s>/);
  assert.match(programme, /Cancelled/);
  assert.ok(programme.includes('href="https://meet.example.org/lotta-climate"'));
  assert.ok(!page.text.includes('Secret draft'), 'drafts never reach members');
  assert.ok(page.text.includes('href="/member/programme.ics"'));

  // Once the Saturday is over, the Sunday is next; a cancelled meeting is never "next".
  const sunday = nextPart((await pageAt(client, '2026-10-24T15:00:00Z')).text);
  assert.match(sunday, /Learning day two/);
  const afterSunday = nextPart((await pageAt(client, '2026-10-26T00:00:00Z')).text);
  assert.match(afterSunday, /Online questions/);
  assert.ok(!afterSunday.includes('Field visit'));
  const over = nextPart((await pageAt(client, '2026-12-01T00:00:00Z')).text);
  assert.match(over, /No meeting is planned yet/);

  const swedish = await pageAt(client, '2026-10-01T10:00:00Z', 'sv');
  assert.match(swedish.text, /Ditt nästa möte/);
  assert.match(swedish.text, /Learning day one \(sv\)/);
  assert.match(swedish.text, /Inställt/);
});

function eventsOf(text: string) {
  const parsed = ical.sync.parseICS(text);
  return Object.values(parsed).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
}

function checkCalendar(text: string, host: string) {
  const events = eventsOf(text);
  assert.equal(events.length, 4, 'one event per published or cancelled session, no draft');
  const byUid = new Map(events.map((e) => [e.uid, e]));
  const expect = [
    ['saturday', '2026-10-24T08:00:00.000Z', '2026-10-24T14:00:00.000Z'],
    ['sunday', '2026-10-25T09:00:00.000Z', '2026-10-25T15:00:00.000Z'],
    ['cancelled', '2026-10-31T09:00:00.000Z', '2026-10-31T11:00:00.000Z'],
    ['online', '2026-11-04T17:00:00.000Z', '2026-11-04T19:00:00.000Z'],
  ] as const;
  for (const [name, start, end] of expect) {
    const event = byUid.get(`${ids[name]}@${host}`);
    assert.ok(event, `${name} has a stable UID`);
    assert.equal(new Date(event.start).toISOString(), start, `${name} starts`);
    assert.equal(new Date(event.end as Date).toISOString(), end, `${name} ends`);
    assert.equal(event.status, name === 'cancelled' ? 'CANCELLED' : 'CONFIRMED', `${name} status`);
  }
  const saturday = byUid.get(`${ids.saturday}@${host}`)!;
  assert.equal(saturday.summary, 'Learning day one');
  assert.equal(saturday.location, 'Stadshuset, Storgatan 1, Sal A');
  assert.match(String(saturday.description), /Welcome and climate basics \(Dr Lind\)/);
  assert.match(String(saturday.description), /Buss 4 till Torget/);
  const online = byUid.get(`${ids.online}@${host}`)!;
  // node-ical hands out a property with parameters (URL;VALUE=URI) as { params, val }.
  const url: unknown = online.url;
  assert.equal(
    typeof url === 'object' && url && 'val' in url ? url.val : url,
    'https://meet.example.org/lotta-climate',
  );
  assert.ok(!text.includes('Secret draft'));
}

test('the programme downloads as an iCalendar file with one event per published session', async () => {
  const client = await opened(member.token);
  const reply = await client.get('/member/programme.ics?lang=en');
  assert.equal(reply.status, 200);
  assert.equal(reply.headers.get('content-type'), 'text/calendar; charset=utf-8');
  assert.match(reply.text, /^BEGIN:VCALENDAR/);
  const host = /UID:[0-9a-f-]+@([^\r\n]+)/.exec(reply.text)?.[1];
  assert.ok(host);
  checkCalendar(reply.text, host);
  // The same UIDs on the next download, so a calendar updates its events instead of doubling them.
  const again = await client.get('/member/programme.ics?lang=en');
  assert.deepEqual(
    eventsOf(again.text)
      .map((e) => e.uid)
      .sort(),
    eventsOf(reply.text)
      .map((e) => e.uid)
      .sort(),
  );
});

test('the secret subscription address works without a login and refuses a wrong token', async () => {
  const app = new TestClient(t.app);
  const reply = await app.get(`/m/${member.token}/programme.ics?lang=en`);
  assert.equal(reply.status, 200);
  assert.equal(reply.headers.get('content-type'), 'text/calendar; charset=utf-8');
  const host = /UID:[0-9a-f-]+@([^\r\n]+)/.exec(reply.text)?.[1];
  assert.ok(host);
  checkCalendar(reply.text, host);

  // Without ?lang= the calendar speaks the language she asked us to use (Swedish for her), not
  // whatever the calendar app's request says.
  const own = await app.get(`/m/${member.token}/programme.ics`, { 'accept-language': 'en' });
  // (Read back through node-ical: the file folds lines at 75 octets.)
  const ownSaturday = eventsOf(own.text).find((e) => e.uid.startsWith(ids.saturday))!;
  assert.equal(ownSaturday.summary, 'Learning day one (sv)');
  assert.match(String(ownSaturday.description), /Så hittar du dit: Buss 4 till Torget/);

  const wrong = await app.get(`/m/${member.token.slice(0, -2)}xx/programme.ics`);
  assert.equal(wrong.status, 404);
  assert.ok(!wrong.text.includes('BEGIN:VCALENDAR'));
  const garbage = await app.get('/m/%00%3Cscript%3E/programme.ics');
  assert.ok(garbage.status === 404 || garbage.status === 400, String(garbage.status));
  // A volunteer's real link gets the same refusal as a made-up one: it tells nothing about which.
  const volunteers = await app.get(`/m/${volunteer.token}/programme.ics`);
  assert.equal(volunteers.status, 404);
  // (The pages differ only by the address each echoes in its language link.)
  assert.equal(
    volunteers.text.replace(volunteer.token, 'TOKEN'),
    wrong.text.replace(`${member.token.slice(0, -2)}xx`, 'TOKEN'),
  );
});

test('a volunteer (not confirmed) gets no programme: no calendar file and nothing on her page', async () => {
  const client = await opened(volunteer.token);
  const page = await client.get('/member?lang=en');
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes('next-session-heading'));
  assert.ok(!page.text.includes('Learning day one'));
  assert.ok(!page.text.includes('/member/programme.ics'));
  const file = await client.get('/member/programme.ics');
  assert.equal(file.status, 403);
  assert.ok(!file.text.includes('BEGIN:VCALENDAR'));
});

test('guessing link tokens is paused after thirty wrong ones, on the calendar address and the link alike', async () => {
  // Last in this file: the pause holds for every client of the test app (they share an address).
  const app = new TestClient(t.app);
  const bad = (i: number) => `guess-${String(i).padStart(4, '0')}-abcdefghijklmnopqrstuv`;
  // The test above already tried two wrong tokens and a volunteer's; these fill the allowance.
  let status = 0;
  let i = 0;
  for (; i < 40 && status !== 429; i++) {
    const path = i % 2 === 0 ? `/m/${bad(i)}/programme.ics` : `/m/${bad(i)}`;
    status = (await app.get(path)).status;
    assert.ok(status === 404 || status === 403 || status === 429, `try ${i}: ${status}`);
  }
  assert.equal(status, 429);
  assert.ok(i <= 31, `paused after ${i} tries`);
  const paused = await app.get(`/m/${member.token}/programme.ics`);
  assert.equal(
    paused.status,
    429,
    'during the pause even a right token gets no answer that would tell it apart',
  );
  assert.ok(Number(paused.headers.get('retry-after')) > 0);
  assert.match(paused.text, /Too many addresses that do not work/);
  assert.equal((await app.get(`/m/${member.token}`)).status, 429);
});
