import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { loadDemo } from '../../src/commands/demo.ts';
import { erasePerson } from '../../src/commands/people.ts';
import type { Database } from '../../src/db/connect.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { listMessagesTo } from '../../src/repositories/outbox.ts';
import { adminEmail, createStaff, startTestApp, type TestApp, TestClient } from '../support/web.ts';

interface Card {
  id: string;
  reference: string;
  html: string;
}

/** The person cards of the call list, in page order. */
function cards(html: string): Card[] {
  return [
    ...html.matchAll(/<article class="card" id="person-([^"]+)"[^>]*>([\s\S]*?)<\/form><\/article>/g),
  ].map((m) => ({
    id: m[1],
    reference: /<span class="status">(P-\d{5})<\/span>/.exec(m[2])?.[1] ?? '',
    html: m[2],
  }));
}

/** Every card of a tab, following the pager's “next” links. */
async function allCards(client: TestClient, first: string): Promise<Card[]> {
  const found: Card[] = [];
  let next: string | null = first;
  for (let guard = 0; next && guard < 100; guard++) {
    const reply = await client.get(next);
    assert.equal(reply.status, 200);
    found.push(...cards(reply.text));
    const link = /<a href="([^"]+)" rel="next">/.exec(reply.text);
    next = link ? link[1].replaceAll('&amp;', '&') : null;
  }
  return found;
}

function statusOf(card: Card): string {
  return /<dt>Status<\/dt><dd>([^<]*)<\/dd>/.exec(card.html)?.[1] ?? '';
}

async function people(database: Database, assemblyId: string, status: string) {
  return database.db
    .selectFrom('people')
    .innerJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .selectAll()
    .where('people.assembly_id', '=', assemblyId)
    .where('people.status', '=', status)
    .orderBy('people.reference')
    .execute();
}

/** People in a status whom no earlier test has called. */
async function uncalled(database: Database, assemblyId: string, status: string) {
  const called = new Set(
    (await database.db.selectFrom('call_outcomes').select('person_id').execute()).map((r) => r.person_id),
  );
  return (await people(database, assemblyId, status)).filter((p) => !called.has(p.id));
}

async function person(database: Database, id: string) {
  return database.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function callsOf(database: Database, personId: string) {
  return database.db
    .selectFrom('call_outcomes')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
}

async function auditOf(database: Database, personId: string, action: string) {
  return database.db
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_id', '=', personId)
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

describe('the callers’ view', () => {
  let t: TestApp;
  let assemblyId: string;
  let calls: string;
  let admin: TestClient;
  let caller: TestClient;
  let evaluator: TestClient;
  let facilitator: TestClient;
  let callerId: string;

  before(async () => {
    t = await startTestApp();
    await loadDemo(t.database);
    assemblyId = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!.id;
    calls = `/a/${assemblyId}/calls`;
    admin = new TestClient(t.app);
    assert.equal((await admin.logIn(adminEmail)).status, 303);
    const clients: Record<string, TestClient> = {};
    for (const role of ['caller', 'evaluator', 'facilitator']) {
      const email = `${role}@lotta.test`;
      const id = await createStaff(t, email);
      if (role === 'caller') callerId = id;
      await grantRole(t.database, t.adminActor, assemblyId, email, role);
      clients[role] = new TestClient(t.app);
      assert.equal((await clients[role].logIn(email)).status, 303);
    }
    caller = clients.caller;
    evaluator = clients.evaluator;
    facilitator = clients.facilitator;
  });
  after(() => t.close());

  test('a caller sees the people to call with phone and e-mail, but no answers and no address', async () => {
    const reply = await caller.get(`${calls}?filter=all`);
    assert.equal(reply.status, 200);
    const selected = await people(t.database, assemblyId, 'selected');
    const confirmed = await people(t.database, assemblyId, 'confirmed');
    const declined = await people(t.database, assemblyId, 'declined');
    assert.ok(selected.length > 5 && confirmed.length > 5 && declined.length > 5);
    const shown = await allCards(caller, `${calls}?filter=all`);
    assert.equal(shown.length, selected.length + confirmed.length + declined.length);
    // Not yet confirmed first, then confirmed, then declined; by reference within each.
    assert.deepEqual(
      shown.map((c) => c.reference),
      [...selected, ...confirmed, ...declined].map((p) => p.reference),
    );
    assert.deepEqual([...new Set(shown.map(statusOf))], ['Selected', 'Confirmed', 'Declined']);

    const first = shown[0];
    const p = selected[0];
    assert.ok(first.html.includes(p.full_name));
    assert.ok(first.html.includes(`href="tel:${p.phone!.replace(/[^\d+]/g, '')}"`));
    assert.ok(first.html.includes(`href="mailto:${p.email}"`));
    assert.match(first.html, /<dt>Preferred language<\/dt><dd>(Swedish|English)<\/dd>/);
    assert.match(first.html, /Not called yet/);

    // No address, no demographic questions or answers anywhere on the page.
    for (const hidden of [
      'Demogatan',
      p.postcode!,
      'Gender',
      'Highest education',
      'Region',
      'Post-secondary',
    ]) {
      assert.ok(!reply.text.includes(hidden), `${hidden} is not shown`);
    }
    // Only people from the selection on: a registered person is not listed.
    const registered = await people(t.database, assemblyId, 'registered');
    assert.ok(!reply.text.includes(`>${registered[0].reference}<`));

    // Access needs come with their labels.
    const needing = await t.database.db
      .selectFrom('person_needs')
      .innerJoin('people', 'people.id', 'person_needs.person_id')
      .select(['people.id', 'person_needs.needs'])
      .where('people.assembly_id', '=', assemblyId)
      .where('people.status', 'in', ['selected', 'confirmed', 'declined'])
      .executeTakeFirstOrThrow();
    const labels: Record<string, string> = {
      diet: 'Special diet',
      mobility: 'Step-free access or other mobility support',
      hearing_loop: 'Hearing loop',
      care_duties: 'Help with childcare or care duties',
    };
    const card = shown.find((c) => c.id === needing.id)!;
    for (const need of JSON.parse(needing.needs) as string[])
      assert.ok(card.html.includes(labels[need]), need);
  });

  test('“no answer” twice, then “confirmed”: outcome, status, history and audit written together', async () => {
    const [p] = await people(t.database, assemblyId, 'selected');
    for (let i = 1; i <= 2; i++) {
      await caller.get(calls);
      const reply = await caller.post(`${calls}/${p.id}`, { outcome: 'no_answer', filter: 'to_call' });
      assert.equal(reply.status, 303);
      assert.match(reply.location ?? '', /filter=to_call/);
      assert.equal((await callsOf(t.database, p.id)).length, i);
      assert.equal((await person(t.database, p.id)).status, 'selected');
    }
    const listed = cards((await caller.get(`${calls}?filter=to_call`)).text).find((c) => c.id === p.id)!;
    assert.match(listed.html, /<dt>Calls so far<\/dt><dd>2<\/dd>/);
    assert.match(listed.html, /<dt>Last call<\/dt><dd>No answer, /);

    const reply = await caller.post(`${calls}/${p.id}`, {
      outcome: 'confirmed',
      comment: 'Kommer gärna, behöver tågbiljett',
      filter: 'to_call',
    });
    assert.equal(reply.status, 303);
    const after = await caller.get(reply.location!);
    assert.match(after.text, new RegExp(`Saved for ${p.reference}: Confirmed: will take part\\.`));
    assert.ok(!cards(after.text).some((c) => c.id === p.id), 'no longer in “still to call”');

    const moved = await person(t.database, p.id);
    assert.equal(moved.status, 'confirmed');
    const outcomes = await callsOf(t.database, p.id);
    assert.deepEqual(
      outcomes.map((o) => o.outcome),
      ['no_answer', 'no_answer', 'confirmed'],
    );
    const last = outcomes[2];
    assert.equal(last.by, callerId);
    assert.equal(last.comment, 'Kommer gärna, behöver tågbiljett');
    const history = await t.database.db
      .selectFrom('status_history')
      .selectAll()
      .where('person_id', '=', p.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [history.from_status, history.to_status, history.changed_by, history.changed_at],
      ['selected', 'confirmed', callerId, last.at],
    );
    const events = await auditOf(t.database, p.id, 'person.call');
    assert.equal(events.length, 3);
    const event = events[2];
    assert.equal(event.at, last.at, 'one moment: one transaction');
    assert.equal(event.actor_id, callerId);
    assert.deepEqual(JSON.parse(event.details), {
      outcome: 'confirmed',
      from: 'selected',
      to: 'confirmed',
      reference: p.reference,
    });
    // What the caller wrote stays out of the audit log.
    assert.ok(!event.details.includes('tågbiljett'));

    const all = (await allCards(caller, `${calls}?filter=all`)).find((c) => c.id === p.id)!;
    assert.equal(statusOf(all), 'Confirmed');
    assert.match(all.html, /<dt>Calls so far<\/dt><dd>3<\/dd>/);
  });

  test('“declined” moves the person to declined; a comment is not required', async () => {
    const [p] = await uncalled(t.database, assemblyId, 'selected');
    await caller.get(calls);
    const reply = await caller.post(`${calls}/${p.id}`, { outcome: 'declined', filter: 'all' });
    assert.equal(reply.status, 303);
    assert.equal((await person(t.database, p.id)).status, 'declined');
    const [outcome] = await callsOf(t.database, p.id);
    assert.deepEqual([outcome.outcome, outcome.comment], ['declined', null]);
  });

  test('“call again” is only noted, and the filter finds it', async () => {
    const [p] = await uncalled(t.database, assemblyId, 'selected');
    await caller.get(calls);
    assert.equal(
      (await caller.post(`${calls}/${p.id}`, { outcome: 'call_again', comment: 'efter 17' })).status,
      303,
    );
    assert.equal((await person(t.database, p.id)).status, 'selected');
    const again = await caller.get(`${calls}?filter=call_again`);
    assert.deepEqual(
      cards(again.text).map((c) => c.id),
      [p.id],
    );
    assert.match(again.text, /aria-current="page"[^>]*>Call again \(1\)</);
    const toCall = await allCards(caller, `${calls}?filter=to_call`);
    assert.ok(toCall.some((c) => c.id === p.id));
    assert.ok(toCall.every((c) => statusOf(c) === 'Selected'));
    assert.equal(toCall.length, (await people(t.database, assemblyId, 'selected')).length);
  });

  test('a caller cannot make a move the status rules forbid, and nothing is written', async () => {
    const [declined] = await uncalled(t.database, assemblyId, 'declined');
    const [confirmed] = await uncalled(t.database, assemblyId, 'confirmed');
    for (const [p, outcome, from, to] of [
      [declined, 'confirmed', 'Declined', 'Confirmed'],
      [confirmed, 'declined', 'Confirmed', 'Declined'],
      [confirmed, 'confirmed', 'Confirmed', 'Confirmed'],
    ] as const) {
      await caller.get(calls);
      const reply = await caller.post(`${calls}/${p.id}`, {
        outcome,
        comment: 'Ångrade sig',
        filter: 'to_call',
      });
      assert.equal(reply.status, 422, `${from} → ${to}`);
      assert.ok(reply.text.includes(`This person cannot go from “${from}” to “${to}”.`));
      // The person stays on the page with the typed values, whatever the filter.
      const card = cards(reply.text).find((c) => c.id === p.id)!;
      assert.ok(card, 'the card with the problem is shown');
      assert.match(card.html, new RegExp(`value="${outcome}" checked`));
      assert.match(card.html, /Ångrade sig<\/textarea>/);
      assert.match(reply.text, new RegExp(`<a href="#outcome-${p.id}">`));
      assert.equal((await person(t.database, p.id)).status, p.status);
      assert.deepEqual(await callsOf(t.database, p.id), []);
      assert.deepEqual(await auditOf(t.database, p.id, 'person.call'), []);
    }
  });

  test('a missing or unknown outcome is explained next to the field, keeping the comment', async () => {
    const [p] = await uncalled(t.database, assemblyId, 'selected');
    for (const outcome of [undefined, 'maybe']) {
      await caller.get(calls);
      const fields: Record<string, string> = { comment: 'Ring på fredag' };
      if (outcome) fields.outcome = outcome;
      const reply = await caller.post(`${calls}/${p.id}`, fields);
      assert.equal(reply.status, 422);
      assert.match(reply.text, /class="error-summary"/);
      assert.match(reply.text, new RegExp(`id="outcome-${p.id}-error">Choose how the call went\\.<`));
      assert.match(reply.text, /Ring på fredag<\/textarea>/);
      assert.deepEqual(await callsOf(t.database, p.id), []);
    }
    await caller.get(calls);
    const tooLong = await caller.post(`${calls}/${p.id}`, {
      outcome: 'no_answer',
      comment: 'x'.repeat(2001),
    });
    assert.equal(tooLong.status, 422);
    assert.match(
      tooLong.text,
      new RegExp(`id="comment-${p.id}-error">Shorten this to at most 2000 characters\\.<`),
    );
    assert.match(tooLong.text, /value="no_answer" checked/);
  });

  test('a comment with a control character is refused next to it; line breaks are kept', async () => {
    const [p] = await uncalled(t.database, assemblyId, 'selected');
    await caller.get(calls);
    const reply = await caller.post(`${calls}/${p.id}`, { outcome: 'no_answer', comment: 'Ring\u0000igen' });
    assert.equal(reply.status, 422);
    assert.match(reply.text, new RegExp(`id="comment-${p.id}-error">Remove the invisible control character`));
    assert.deepEqual(await callsOf(t.database, p.id), []);
    await caller.get(calls);
    const fine = await caller.post(`${calls}/${p.id}`, { outcome: 'no_answer', comment: 'Ring\r\nigen' });
    assert.equal(fine.status, 303);
    assert.equal((await callsOf(t.database, p.id)).length, 1);
  });

  test('people outside the call list are not found; erased people show no contact details', async () => {
    const [registered] = await people(t.database, assemblyId, 'registered');
    await caller.get(calls);
    assert.equal((await caller.post(`${calls}/${registered.id}`, { outcome: 'no_answer' })).status, 404);
    assert.deepEqual(await callsOf(t.database, registered.id), []);

    const [p] = await people(t.database, assemblyId, 'selected');
    await erasePerson(t.database, t.adminActor, assemblyId, p.id, t.dataDir);
    const card = cards((await caller.get(calls)).text).find((c) => c.id === p.id)!;
    assert.match(card.html, /Personal data erased/);
    assert.ok(!card.html.includes('tel:'));
    assert.ok(!card.html.includes(p.full_name));
  });

  test('evaluators and facilitators may not open the call list; organisers may', async () => {
    const [p] = await people(t.database, assemblyId, 'selected');
    for (const client of [evaluator, facilitator]) {
      assert.equal((await client.get(calls)).status, 403);
      await client.get('/account');
      assert.equal((await client.post(`${calls}/${p.id}`, { outcome: 'confirmed' })).status, 403);
    }
    assert.equal((await person(t.database, p.id)).status, 'selected');
    assert.equal((await admin.get(calls)).status, 200);
  });

  test('the list opens on “still to call”, twenty cards a page, and the pages hold everyone', async () => {
    const reply = await caller.get(calls);
    assert.equal(reply.status, 200);
    assert.match(reply.text, /aria-current="page"[^>]*>Still to call \(\d+\)</);
    const first = cards(reply.text);
    assert.equal(first.length, 20);
    assert.ok(first.every((c) => statusOf(c) === 'Selected'));
    assert.ok(reply.text.length < 150_000, `page 1 is ${reply.text.length} characters`);
    assert.match(reply.text, /Page 1 of \d+/);
    const everyone = await allCards(caller, `${calls}?filter=all`);
    const total = (
      await t.database.db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('assembly_id', '=', assemblyId)
        .where('status', 'in', ['selected', 'confirmed', 'declined', 'withdrawn'])
        .executeTakeFirstOrThrow()
    ).n;
    assert.equal(everyone.length, Number(total));
    assert.equal(new Set(everyone.map((c) => c.id)).size, everyone.length, 'no one twice');
    // A page past the end shows the last page rather than nothing.
    assert.equal(cards((await caller.get(`${calls}?filter=all&page=999`)).text).length > 0, true);
  });

  test('search finds people by name, phone and e-mail; % and _ are taken literally', async () => {
    const [p] = await uncalled(t.database, assemblyId, 'selected');
    for (const q of [p.full_name, p.phone!, p.email!.toUpperCase()]) {
      const found = cards((await caller.get(`${calls}?filter=all&q=${encodeURIComponent(q)}`)).text);
      assert.ok(
        found.some((c) => c.id === p.id),
        `${q} finds ${p.reference}`,
      );
      assert.ok(found.length < 5, `${q} finds few`);
    }
    for (const q of ['%', '_', '\\']) {
      const reply = await caller.get(`${calls}?filter=all&q=${encodeURIComponent(q)}`);
      assert.equal(reply.status, 200);
      assert.deepEqual(cards(reply.text), [], `${q} matches nothing`);
      assert.match(reply.text, /No one on this list matches the search\./);
    }
  });

  test('call comments are shown with outcome, caller and Swedish time on the card and the person page', async () => {
    const [p] = await uncalled(t.database, assemblyId, 'selected');
    await caller.get(calls);
    const reply = await caller.post(`${calls}/${p.id}`, {
      outcome: 'call_again',
      comment: 'Ring efter 17',
      filter: 'to_call',
    });
    assert.equal(reply.status, 303);
    const [call] = await callsOf(t.database, p.id);
    const when = new Date(call.at).toLocaleString('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Stockholm',
    });
    const card = cards(
      (await caller.get(`${calls}?filter=call_again&q=${encodeURIComponent(p.reference)}`)).text,
    ).find((c) => c.id === p.id)!;
    assert.ok(card, 'the card is found');
    assert.match(card.html, /Ring efter 17/);
    assert.match(card.html, /Call again later/);
    assert.ok(card.html.includes(`caller, ${when}`), `caller and ${when} on the card`);

    const page = await admin.get(`/a/${assemblyId}/people/${p.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Ring efter 17/);
    assert.ok(page.text.includes(`caller, ${when}`));
  });

  test('after saving, the caller is back on the same tab, search and page, at the card', async () => {
    const page2 = cards((await caller.get(`${calls}?filter=to_call&page=2`)).text);
    assert.ok(page2.length > 3);
    const stays = page2[1];
    const saved = await caller.post(`${calls}/${stays.id}`, {
      outcome: 'no_answer',
      filter: 'to_call',
      page: '2',
      q: '',
    });
    assert.equal(saved.status, 303);
    const url = new URL(saved.location!, 'http://x');
    assert.equal(url.searchParams.get('filter'), 'to_call');
    assert.equal(url.searchParams.get('page'), '2');
    assert.equal(url.hash, `#person-${stays.id}`);
    assert.ok(cards((await caller.get(saved.location!)).text).some((c) => c.id === stays.id));

    // A yes leaves “still to call”: the caller lands on the card that took its place.
    const leaves = page2[2];
    const next = page2[3];
    await caller.get(`${calls}?filter=to_call&page=2`);
    const confirmed = await caller.post(`${calls}/${leaves.id}`, {
      outcome: 'confirmed',
      filter: 'to_call',
      page: '2',
    });
    assert.equal(confirmed.status, 303);
    const landed = new URL(confirmed.location!, 'http://x');
    assert.equal(landed.searchParams.get('page'), '2');
    assert.equal(landed.hash, `#person-${next.id}`);

    // The search is kept too.
    const searched = cards(
      (await caller.get(`${calls}?filter=all&q=${encodeURIComponent(next.reference)}`)).text,
    );
    assert.equal(searched.length, 1);
    const again = await caller.post(`${calls}/${next.id}`, {
      outcome: 'no_answer',
      filter: 'all',
      q: next.reference,
    });
    const kept = new URL(again.location!, 'http://x');
    assert.deepEqual(
      [kept.searchParams.get('filter'), kept.searchParams.get('q'), kept.hash],
      ['all', next.reference, `#person-${next.id}`],
    );
  });

  test('with htmx, saving an outcome swaps only the card', async () => {
    const [p] = await uncalled(t.database, assemblyId, 'selected');
    await caller.get(calls);
    const reply = await caller.post(
      `${calls}/${p.id}`,
      { outcome: 'call_again', comment: 'Efter lunch', filter: 'to_call' },
      { headers: { 'hx-request': 'true' } },
    );
    assert.equal(reply.status, 200);
    assert.ok(reply.text.startsWith(`<article class="card" id="person-${p.id}"`), reply.text.slice(0, 80));
    assert.ok(!reply.text.includes('<html'));
    assert.match(reply.text, /Saved for P-\d{5}: Call again later\./);
    assert.match(reply.text, /Efter lunch/);
    assert.match(reply.text, new RegExp(`hx-target="#person-${p.id}"`));

    const missing = await caller.post(
      `${calls}/${p.id}`,
      { comment: 'kvar' },
      { headers: { 'hx-request': 'true' } },
    );
    assert.ok(missing.text.startsWith('<article'));
    assert.match(missing.text, /Choose how the call went\./);
    assert.match(missing.text, /kvar<\/textarea>/);
  });

  test('with e-mail on, “call again” asks when to call back, and the reminder is due then', async () => {
    const [p, q] = await uncalled(t.database, assemblyId, 'selected');
    const smtpUrl = process.env.SMTP_URL;
    // Reminders are only queued here: nothing in these tests sends the outbox.
    process.env.SMTP_URL = 'smtp://127.0.0.1:9';
    try {
      const page = await caller.get(calls);
      assert.match(
        page.text,
        new RegExp(`<input type="datetime-local" id="call-back-at-${p.id}" name="call_back_at"`),
      );
      const saved = await caller.post(`${calls}/${p.id}`, {
        outcome: 'call_again',
        comment: '',
        call_back_at: '2099-12-07T14:30',
      });
      assert.equal(saved.status, 303);
      const reminders = (await listMessagesTo(t.database.db, 'account', callerId)).filter(
        (m) => m.template === 'call_back_reminder',
      );
      assert.equal(reminders.length, 1);
      // 14:30 on a Swedish clock in winter is 13:30 UTC.
      assert.equal(Date.parse(reminders[0].next_attempt_at), Date.parse('2099-12-07T13:30:00Z'));
      const refusals: [string, string][] = [
        ['2020-01-01T10:00', 'Choose a time later than now.'],
        ['tomorrow', 'Give a date and a time, e.g. 2026-12-07 14:30.'],
      ];
      for (const [typed, message] of refusals) {
        await caller.get(calls);
        const refused = await caller.post(`${calls}/${q.id}`, {
          outcome: 'call_again',
          comment: 'efter lunch',
          call_back_at: typed,
        });
        assert.equal(refused.status, 422);
        assert.match(
          refused.text,
          new RegExp(`id="call-back-at-${q.id}-error">${message.replace(/\./g, '\\.')}<`),
        );
        assert.match(refused.text, new RegExp(`name="call_back_at" value="${typed}"`));
        assert.match(refused.text, new RegExp(`<a href="#call-back-at-${q.id}">`));
        assert.deepEqual(await callsOf(t.database, q.id), []);
      }
    } finally {
      if (smtpUrl === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = smtpUrl;
    }
    // Without e-mail no reminder is sent, so no time is asked for.
    assert.doesNotMatch((await caller.get(calls)).text, /name="call_back_at"/);
  });

  test('the page is in Swedish too', async () => {
    caller.lang = 'sv';
    const reply = await caller.get(`${calls}?lang=sv`);
    caller.lang = 'en';
    assert.match(reply.text, /<h1>Samtal<\/h1>/);
    assert.match(reply.text, /Hur gick samtalet\?/);
    assert.match(reply.text, /Kvar att ringa \(\d+\)/);
    await caller.get(`${calls}?lang=en`);
  });
});

describe('the callers’ view on PostgreSQL', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ kind: 'postgres' });
    await loadDemo(t.database);
  });
  after(() => t.close());

  test('search and its escaped wildcards work on PostgreSQL too', async () => {
    const assemblyId = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!.id;
    const calls = `/a/${assemblyId}/calls`;
    const admin = new TestClient(t.app);
    assert.equal((await admin.logIn(adminEmail)).status, 303);
    const [p] = await people(t.database, assemblyId, 'selected');
    const found = cards((await admin.get(`${calls}?filter=all&q=${encodeURIComponent(p.full_name)}`)).text);
    assert.ok(found.some((c) => c.id === p.id));
    for (const q of ['%', '_', '\\']) {
      const reply = await admin.get(`${calls}?filter=all&q=${encodeURIComponent(q)}`);
      assert.equal(reply.status, 200);
      assert.deepEqual(cards(reply.text), [], `${q} matches nothing`);
    }
    assert.equal(cards((await admin.get(calls)).text).length, 20);
  });
});
