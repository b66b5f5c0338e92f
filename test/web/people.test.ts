import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { loadDemo } from '../../src/commands/demo.ts';
import type { Database } from '../../src/db/connect.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import {
  adminEmail,
  createStaff,
  type Reply,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

const demoSlug = 'demo-klimatradet';

interface Row {
  reference: string;
  cells: string;
}

/** The rows of the people table: the reference and the rest of the row's HTML. */
function rows(html: string): Row[] {
  return [
    ...html.matchAll(/<th scope="row"><a href="[^"]+\/people\/[^"]+">(P-\d{5})<\/a><\/th>(.*?)<\/tr>/gs),
  ].map((m) => ({ reference: m[1], cells: m[2] }));
}

/** The number of matches the page reports (“Showing 1–50 of 171 people.”). */
function total(html: string): number {
  if (html.includes('No one matches')) return 0;
  const m = /of (\d+) (?:person|people)\./.exec(html);
  assert.ok(m, 'the page reports how many match');
  return Number(m[1]);
}

function decodeEntities(html: string): string {
  return html
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

async function demoAssembly(database: Database): Promise<string> {
  return (await findAssemblyBySlug(database.db, demoSlug))!.id;
}

async function personByReference(database: Database, assemblyId: string, reference: string) {
  return database.db
    .selectFrom('people')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
}

async function firstInStatus(database: Database, assemblyId: string, status: string) {
  return database.db
    .selectFrom('people')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('status', '=', status)
    .where('erased_at', 'is', null)
    .orderBy('reference')
    .executeTakeFirstOrThrow();
}

async function countWhere(database: Database, assemblyId: string, statuses?: string[]): Promise<number> {
  let q = database.db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('assembly_id', '=', assemblyId);
  if (statuses) q = q.where('status', 'in', statuses);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function countAnswer(
  database: Database,
  assemblyId: string,
  key: string,
  value: string,
): Promise<number> {
  const row = await database.db
    .selectFrom('person_answers')
    .innerJoin('people', 'people.id', 'person_answers.person_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('people.assembly_id', '=', assemblyId)
    .where('question_key', '=', key)
    .where('value', '=', value)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function countNameLike(database: Database, assemblyId: string, fragment: string): Promise<number> {
  const contacts = await database.db
    .selectFrom('person_contacts')
    .innerJoin('people', 'people.id', 'person_contacts.person_id')
    .select('person_contacts.search_text')
    .where('people.assembly_id', '=', assemblyId)
    .execute();
  return contacts.filter((r) => r.search_text.includes(fragment)).length;
}

/** A GET with the client's cookies and extra headers, as the raw response. */
function rawGet(t: TestApp, client: TestClient, path: string, headers: Record<string, string> = {}) {
  const cookie = (client as unknown as { cookieHeader(): string }).cookieHeader();
  return t.app.request(path, { headers: { cookie, 'accept-language': 'en', ...headers } });
}

/** A GET as htmx sends it. */
async function htmxGet(t: TestApp, client: TestClient, path: string): Promise<string> {
  const response = await rawGet(t, client, path, { 'hx-request': 'true' });
  assert.equal(response.status, 200);
  return response.text();
}

describe('people on SQLite', () => {
  let t: TestApp;
  let assemblyId: string;
  let admin: TestClient;
  let caller: TestClient;
  let evaluator: TestClient;
  let facilitator: TestClient;
  let list: string;

  before(async () => {
    t = await startTestApp();
    await loadDemo(t.database);
    assemblyId = await demoAssembly(t.database);
    list = `/a/${assemblyId}/people`;
    admin = new TestClient(t.app);
    assert.equal((await admin.logIn(adminEmail)).status, 303);
    const clients: Record<string, TestClient> = {};
    for (const role of ['caller', 'evaluator', 'facilitator']) {
      const email = `${role}@lotta.test`;
      await createStaff(t, email);
      await grantRole(t.database, t.adminActor, assemblyId, email, role);
      clients[role] = new TestClient(t.app);
      assert.equal((await clients[role].logIn(email)).status, 303);
    }
    caller = clients.caller;
    evaluator = clients.evaluator;
    facilitator = clients.facilitator;
  });
  after(() => t.close());

  test('the list shows the first 50 people, the counts as charts, and no inline styles', async () => {
    const reply = await admin.get(list);
    assert.equal(reply.status, 200);
    assert.equal(total(reply.text), 300);
    const found = rows(reply.text);
    assert.equal(found.length, 50);
    assert.equal(found[0].reference, 'P-00001');
    // Charts per status and per question, each with a caption and a table of its numbers.
    assert.match(reply.text, /<figcaption>People by status<\/figcaption>/);
    assert.match(reply.text, /<figcaption>Gender<\/figcaption>/);
    const registered = await countWhere(t.database, assemblyId, ['registered']);
    assert.match(
      reply.text,
      new RegExp(`<th scope="row">Registered</th><td class="number">${registered}</td>`),
    );
    assert.doesNotMatch(reply.text, /\sstyle=/);
    assert.doesNotMatch(reply.text, /<style/);
    // A plain GET form that htmx enhances.
    assert.match(reply.text, /<form method="get" action="[^"]+\/people"[^>]*hx-get=/);
    assert.match(reply.text, /<label for="q">Search name, e-mail, phone or reference<\/label>/);
  });

  test('the search finds Åsa whatever the case', async () => {
    const expected = await countNameLike(t.database, assemblyId, 'åsa');
    assert.ok(expected > 0, 'the demo has an Åsa');
    for (const typed of ['ÅSA', 'åsa', 'Åsa']) {
      const reply = await admin.get(`${list}?q=${encodeURIComponent(typed)}`);
      assert.equal(total(reply.text), expected, typed);
      const found = rows(reply.text);
      assert.equal(found.length, Math.min(50, expected));
      for (const row of found) assert.match(row.cells, /Åsa/);
    }
    // A reference works too.
    const byReference = await admin.get(`${list}?q=p-00042`);
    assert.deepEqual(
      rows(byReference.text).map((r) => r.reference),
      ['P-00042'],
    );
  });

  test('a search for % or _ is a search for that character, not for everyone', async () => {
    const texts = await t.database.db
      .selectFrom('person_contacts')
      .innerJoin('people', 'people.id', 'person_contacts.person_id')
      .select(['search_text', 'people.reference'])
      .where('people.assembly_id', '=', assemblyId)
      .execute();
    const withWildcards = texts.filter((r) => /[%_]/.test(`${r.search_text} ${r.reference}`));
    assert.equal(withWildcards.length, 0, 'no demo person has % or _ in their details');
    for (const q of ['%', '_', '%25', '__']) {
      const reply = await admin.get(`${list}?q=${encodeURIComponent(q)}`);
      assert.equal(reply.status, 200);
      assert.equal(total(reply.text), 0, q);
    }
  });

  test('filters by status and by answer, alone and together', async () => {
    const confirmed = await admin.get(`${list}?status=confirmed`);
    assert.equal(total(confirmed.text), await countWhere(t.database, assemblyId, ['confirmed']));
    for (const row of rows(confirmed.text)) assert.match(row.cells, /<td>Confirmed<\/td>/);
    // The chosen status stays selected in the form.
    assert.match(confirmed.text, /<option value="confirmed" selected="">Confirmed<\/option>/);

    const women = await admin.get(`${list}?answer=${encodeURIComponent('gender:woman')}`);
    assert.equal(total(women.text), await countAnswer(t.database, assemblyId, 'gender', 'woman'));
    assert.match(women.text, /<option value="gender:woman" selected="">Woman<\/option>/);

    const both = await admin.get(`${list}?status=registered&answer=${encodeURIComponent('age:65+')}`);
    const expected = await t.database.db
      .selectFrom('people')
      .innerJoin('person_answers', 'person_answers.person_id', 'people.id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('people.assembly_id', '=', assemblyId)
      .where('people.status', '=', 'registered')
      .where('question_key', '=', 'age')
      .where('value', '=', '65+')
      .executeTakeFirstOrThrow();
    assert.equal(total(both.text), Number(expected.n));

    // Values that are not in the lists are ignored rather than failing.
    const odd = await admin.get(`${list}?status=nonsense&answer=nope:x&page=abc`);
    assert.equal(odd.status, 200);
    assert.equal(total(odd.text), 300);
  });

  test('pages of 50 whose links keep the filters', async () => {
    const registered = await countWhere(t.database, assemblyId, ['registered']);
    const pages = Math.ceil(registered / 50);
    assert.ok(pages >= 3);
    const first = await admin.get(`${list}?status=registered&q=p-`);
    const hrefs = [...first.text.matchAll(/<a href="([^"]+)"[^>]*aria-label="Page (\d+) of (\d+)"/g)].map(
      (m) => ({
        href: decodeEntities(m[1]),
        page: Number(m[2]),
        pages: Number(m[3]),
      }),
    );
    assert.ok(hrefs.length >= 2);
    assert.equal(hrefs[0].pages, pages);
    const second = hrefs.find((h) => h.page === 2)!;
    assert.equal(second.href, `${list}?q=p-&status=registered&page=2`);
    const page2 = await admin.get(second.href);
    const found2 = rows(page2.text);
    assert.equal(found2.length, 50);
    assert.ok(!rows(first.text).some((r) => found2.some((f) => f.reference === r.reference)));
    const last = await admin.get(`${list}?q=p-&status=registered&page=${pages}`);
    assert.equal(rows(last.text).length, registered - 50 * (pages - 1));
    assert.match(
      last.text,
      new RegExp(`Showing ${50 * (pages - 1) + 1}–${registered} of ${registered} people`),
    );
  });

  test('htmx gets the results region only, with the count out of band', async () => {
    const html = await htmxGet(t, admin, `${list}?status=declined`);
    assert.doesNotMatch(html, /<html/);
    assert.match(html, /^<div id="people-results">/);
    assert.match(html, /<p id="people-count"[^>]*hx-swap-oob="innerHTML"/);
    assert.equal(total(html), await countWhere(t.database, assemblyId, ['declined']));
  });

  test('a status change writes the history and an audit event', async () => {
    const person = await firstInStatus(t.database, assemblyId, 'registered');
    await admin.get(`${list}/${person.id}`);
    const reply = await admin.post(`${list}/${person.id}/status`, {
      status: 'selected',
      comment: 'Dragen i lottningen – Åsa ringer',
    });
    assert.equal(reply.status, 303);
    assert.equal(reply.location, `${list}/${person.id}?done=status`);
    const now = await personByReference(t.database, assemblyId, person.reference);
    assert.equal(now.status, 'selected');
    const history = await t.database.db
      .selectFrom('status_history')
      .selectAll()
      .where('person_id', '=', person.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(history.from_status, 'registered');
    assert.equal(history.to_status, 'selected');
    assert.equal(history.comment, 'Dragen i lottningen – Åsa ringer');
    const audit = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'person.status')
      .where('subject_id', '=', person.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.details), {
      from: 'registered',
      to: 'selected',
      reference: person.reference,
    });
    // The page shows the change with who made it and the comment.
    const page = await admin.get(reply.location!);
    assert.match(page.text, /The status has been changed\./);
    assert.match(page.text, /From Registered to Selected/);
    assert.match(page.text, /Dragen i lottningen – Åsa ringer/);
  });

  test('a status comment with a control character is refused next to it, and nothing changes', async () => {
    const person = await firstInStatus(t.database, assemblyId, 'registered');
    await admin.get(`${list}/${person.id}`);
    const reply = await admin.post(`${list}/${person.id}/status`, {
      status: 'selected',
      comment: 'Ring\u001bigen',
    });
    assert.equal(reply.status, 422);
    assert.match(reply.text, /id="comment-error">Remove the invisible control character/);
    assert.equal((await personByReference(t.database, assemblyId, person.reference)).status, 'registered');
  });

  test('a move that is not allowed shows the error at the field and keeps the comment', async () => {
    const person = await firstInStatus(t.database, assemblyId, 'registered');
    await admin.get(`${list}/${person.id}`);
    const reply = await admin.post(`${list}/${person.id}/status`, {
      status: 'confirmed',
      comment: 'Sa ja i telefon, vill ha vegetarisk kost',
    });
    assert.equal(reply.status, 422);
    assert.match(
      reply.text,
      /<p class="field-error" id="status-error">This person cannot go from “Registered” to “Confirmed”\.<\/p>/,
    );
    assert.match(reply.text, /aria-describedby="status-error"/);
    assert.match(
      reply.text,
      /<textarea id="comment"[^>]*>Sa ja i telefon, vill ha vegetarisk kost<\/textarea>/,
    );
    assert.equal((await personByReference(t.database, assemblyId, person.reference)).status, 'registered');
    // No choice at all is refused too.
    const empty = await admin.post(`${list}/${person.id}/status`, { status: '', comment: 'x' });
    assert.equal(empty.status, 422);
    assert.match(empty.text, /id="status-error">Fill in this field\./);
  });

  test('a caller sees only the people to call, with contacts but no answers', async () => {
    const callable = ['selected', 'confirmed', 'declined', 'withdrawn'];
    const reply = await caller.get(list);
    assert.equal(reply.status, 200);
    assert.equal(total(reply.text), await countWhere(t.database, assemblyId, callable));
    for (const row of rows(reply.text))
      assert.match(row.cells, /<td>(Selected|Confirmed|Declined|Withdrawn)<\/td>/);
    assert.doesNotMatch(reply.text, /<figcaption>Gender<\/figcaption>/);
    assert.doesNotMatch(reply.text, /name="answer"/);
    assert.doesNotMatch(reply.text, /<option value="registered"/);
    // Asking for registered people gives all callable people, not the registered ones.
    assert.equal(total((await caller.get(`${list}?status=registered`)).text), total(reply.text));
    assert.equal(total((await caller.get(`${list}?answer=gender:woman`)).text), total(reply.text));

    const registered = await firstInStatus(t.database, assemblyId, 'registered');
    assert.equal((await caller.get(`${list}/${registered.id}`)).status, 404);

    const confirmed = await firstInStatus(t.database, assemblyId, 'confirmed');
    const contact = await t.database.db
      .selectFrom('person_contacts')
      .selectAll()
      .where('person_id', '=', confirmed.id)
      .executeTakeFirstOrThrow();
    const page = await caller.get(`${list}/${confirmed.id}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(contact.full_name));
    assert.ok(page.text.includes(contact.email!));
    assert.doesNotMatch(page.text, /Answers to the questions/);
    // Callers may only record the outcome of a call.
    assert.match(page.text, /<option value="withdrawn">Withdrawn<\/option>/);
    assert.doesNotMatch(page.text, /<option value="replaced">/);
    assert.doesNotMatch(page.text, /\/member-link"/);
    assert.doesNotMatch(page.text, /\/erase"/);
  });

  test('a caller sees phone and e-mail of a selected person, never the home address', async () => {
    const selected = await firstInStatus(t.database, assemblyId, 'selected');
    const contact = await t.database.db
      .selectFrom('person_contacts')
      .selectAll()
      .where('person_id', '=', selected.id)
      .executeTakeFirstOrThrow();
    assert.ok(contact.address && contact.postcode && contact.city, 'the demo person has an address');
    const page = await caller.get(`${list}/${selected.id}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(contact.phone!), 'the phone is shown');
    assert.ok(page.text.includes(contact.email!), 'the e-mail is shown');
    for (const part of [contact.address, contact.postcode, contact.city])
      assert.ok(!page.text.includes(part!), `no ${part} on the caller's page`);
    assert.doesNotMatch(page.text, /<dt>Address<\/dt>/);
    // Nor anywhere else a caller goes: the list, a search by the street, the calls page.
    const street = contact.address!.split(' ')[0];
    for (const path of [list, `${list}?q=${encodeURIComponent(street)}`, `/a/${assemblyId}/calls`]) {
      const other = await caller.get(path);
      assert.equal(other.status, 200, path);
      assert.ok(!other.text.includes(contact.address!), `no address on ${path}`);
    }
    // An organiser still sees it.
    const full = await admin.get(`${list}/${selected.id}`);
    assert.ok(decodeEntities(full.text).includes(contact.address!));
  });

  test('an evaluator sees answers under pseudonyms: no names, no contacts', async () => {
    const first = await personByReference(t.database, assemblyId, 'P-00001');
    const contact = await t.database.db
      .selectFrom('person_contacts')
      .selectAll()
      .where('person_id', '=', first.id)
      .executeTakeFirstOrThrow();
    const reply = await evaluator.get(list);
    assert.equal(reply.status, 200);
    assert.ok(rows(reply.text).some((r) => r.reference === 'P-00001'));
    assert.ok(!reply.text.includes(contact.full_name), 'no name in the list');
    assert.ok(!reply.text.includes(contact.email!), 'no e-mail in the list');
    assert.match(reply.text, /<figcaption>Gender<\/figcaption>/);
    assert.match(reply.text, /<label for="q">Search reference \(P-number\)<\/label>/);
    // Searching for a name does not reveal who has it.
    assert.equal(total((await evaluator.get(`${list}?q=${encodeURIComponent(contact.full_name)}`)).text), 0);
    const page = await evaluator.get(`${list}/${first.id}`);
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes(contact.full_name));
    assert.ok(!page.text.includes(contact.email!));
    assert.ok(!page.text.includes(contact.phone!));
    assert.match(page.text, /Answers to the questions/);
    assert.doesNotMatch(page.text, /Change status/);
    // Read-only: the forms' routes refuse.
    await evaluator.get(list);
    const post = await evaluator.post(`${list}/${first.id}/status`, { status: 'selected', comment: '' });
    assert.equal(post.status, 403);
  });

  test('a facilitator sees names but no contacts, and no invitations', async () => {
    const first = await personByReference(t.database, assemblyId, 'P-00002');
    const contact = await t.database.db
      .selectFrom('person_contacts')
      .selectAll()
      .where('person_id', '=', first.id)
      .executeTakeFirstOrThrow();
    const page = await facilitator.get(`${list}/${first.id}`);
    assert.ok(page.text.includes(contact.full_name));
    assert.ok(!page.text.includes(contact.email!));
    assert.equal((await facilitator.get(`/a/${assemblyId}/invitations`)).status, 403);
    assert.equal((await facilitator.get(`${list}/${first.id}/export`)).status, 403);
  });

  test('erasure asks first, then deletes contacts and needs but keeps the answers and the id', async () => {
    const person = await personByReference(t.database, assemblyId, 'P-00007');
    await t.database.db
      .insertInto('person_needs')
      .values({ person_id: person.id, needs: '["diet"]', details: 'Glutenfri' })
      .onConflict((oc) => oc.column('person_id').doUpdateSet({ details: 'Glutenfri' }))
      .execute();
    const answersBefore = await t.database.db
      .selectFrom('person_answers')
      .selectAll()
      .where('person_id', '=', person.id)
      .execute();
    const confirm = await admin.get(`${list}/${person.id}/erase`);
    assert.equal(confirm.status, 200);
    assert.match(confirm.text, /Erase the personal data of P-00007\?/);
    assert.match(confirm.text, /Erasure cannot be undone/);
    // A post without the confirmation goes back to the question.
    const unconfirmed = await admin.post(`${list}/${person.id}/erase`, {});
    assert.equal(unconfirmed.location, `${list}/${person.id}/erase`);
    const reply = await admin.post(`${list}/${person.id}/erase`, { confirm: 'yes' });
    assert.equal(reply.status, 303);

    const db = t.database.db;
    assert.equal(
      await db
        .selectFrom('person_contacts')
        .selectAll()
        .where('person_id', '=', person.id)
        .executeTakeFirst(),
      undefined,
    );
    assert.equal(
      await db.selectFrom('person_needs').selectAll().where('person_id', '=', person.id).executeTakeFirst(),
      undefined,
    );
    const after = await personByReference(t.database, assemblyId, 'P-00007');
    assert.equal(after.id, person.id);
    assert.ok(after.erased_at);
    const answersAfter = await db
      .selectFrom('person_answers')
      .selectAll()
      .where('person_id', '=', person.id)
      .execute();
    assert.deepEqual(answersAfter, answersBefore);
    assert.ok(answersAfter.length > 0);

    const page = await admin.get(reply.location!);
    assert.match(page.text, /The personal data of this person were erased on /);
    assert.doesNotMatch(page.text, /Glutenfri/);
    assert.match(page.text, /Answers to the questions/);
    const listed = rows((await admin.get(`${list}?q=p-00007`)).text);
    assert.match(listed[0].cells, /<td>Erased<\/td>/);
  });

  test('the export holds everything stored about the person', async () => {
    const person = await personByReference(t.database, assemblyId, 'P-00003');
    const contact = await t.database.db
      .selectFrom('person_contacts')
      .selectAll()
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    const reply = await admin.get(`${list}/${person.id}/export`);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('content-disposition'), 'attachment; filename="person-P-00003.json"');
    assert.match(reply.headers.get('content-type') ?? '', /application\/json/);
    const data = JSON.parse(reply.text);
    assert.equal(data.person.id, person.id);
    assert.equal(data.person.reference, 'P-00003');
    assert.equal(data.contact.full_name, contact.full_name);
    assert.equal(data.contact.email, contact.email);
    assert.equal(data.contact.search_text, undefined);
    assert.ok(Object.keys(data.answers).length >= 4);
    assert.deepEqual(
      data.consents.map((c: { kind: string }) => c.kind),
      ['participation', 'data_processing'],
    );
    assert.ok(data.statusHistory.length >= 1);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'person.export')
      .where('subject_id', '=', person.id)
      .execute();
    assert.equal(audit.length, 1);
    assert.ok(!audit[0].details.includes(contact.full_name));
  });

  test('a personal link is shown once, and consents can be withdrawn', async () => {
    const person = await personByReference(t.database, assemblyId, 'P-00004');
    await admin.get(`${list}/${person.id}`);
    const reply = await admin.post(`${list}/${person.id}/member-link`, {});
    assert.equal(reply.status, 200);
    const link = /<code class="secret" id="member-link">(http[^<]*\/m\/([A-Za-z0-9_-]+))<\/code>/.exec(
      reply.text,
    );
    assert.ok(link, 'the link is on the page');
    assert.ok((await personByReference(t.database, assemblyId, 'P-00004')).member_token_hash);
    assert.ok(!(await admin.get(`${list}/${person.id}`)).text.includes(link[2]));

    const consent = await t.database.db
      .selectFrom('consents')
      .selectAll()
      .where('person_id', '=', person.id)
      .where('kind', '=', 'data_processing')
      .executeTakeFirstOrThrow();
    const withdrawn = await admin.post(`${list}/${person.id}/consents/${consent.id}/withdraw`, {});
    assert.equal(withdrawn.status, 303);
    const row = await t.database.db
      .selectFrom('consents')
      .selectAll()
      .where('id', '=', consent.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.withdrawn_at);
    const page = await admin.get(withdrawn.location!);
    assert.match(page.text, /The consent has been withdrawn\./);
    // Callers cannot withdraw consents.
    const selected = await firstInStatus(t.database, assemblyId, 'selected');
    const other = await t.database.db
      .selectFrom('consents')
      .selectAll()
      .where('person_id', '=', selected.id)
      .executeTakeFirstOrThrow();
    await caller.get(`${list}/${selected.id}`);
    assert.equal((await caller.post(`${list}/${selected.id}/consents/${other.id}/withdraw`, {})).status, 403);
  });

  test('invitations: counts, new codes and the CSV for the print house', async () => {
    const page = await admin.get(`/a/${assemblyId}/invitations`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<dt>Codes created<\/dt><dd>400<\/dd><dt>Used<\/dt><dd>300<\/dd>/);
    const bad = await admin.post(`/a/${assemblyId}/invitations`, { count: 'tio' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /id="count-error">Enter a whole number\./);
    assert.match(bad.text, /value="tio"/);
    const tooMany = await admin.post(`/a/${assemblyId}/invitations`, { count: '100001' });
    assert.equal(tooMany.status, 422);
    assert.match(tooMany.text, /id="count-error">Choose a number from 1 to 100,000\./);

    const made = await admin.post(`/a/${assemblyId}/invitations`, { count: '25' });
    assert.equal(made.status, 303);
    const after = await admin.get(made.location!);
    assert.match(after.text, /25 new codes have been created\./);
    assert.match(after.text, /<dt>Codes created<\/dt><dd>425<\/dd>/);

    const csv = await admin.get(`/a/${assemblyId}/invitations.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(
      csv.headers.get('content-disposition') ?? '',
      /^attachment; filename="invitations-[a-z0-9-]+\.csv"$/,
    );
    // UTF-8 with a byte-order mark (fetch's text() drops it, so look at the bytes).
    const bytes = new Uint8Array(
      await (await rawGet(t, admin, `/a/${assemblyId}/invitations.csv`)).arrayBuffer(),
    );
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    assert.equal(lines[0], 'code,created_at,used');
    assert.equal(lines.length, 1 + 425);
    assert.equal(lines.filter((l) => l.endsWith(',yes')).length, 300);
    for (const line of lines.slice(1))
      assert.match(line, /^[3469ACDEFGHJKMNPQRTUVWXY]{5}-[3469ACDEFGHJKMNPQRTUVWXY]{5},\d{4}-/);
  });

  test('the pages read in Swedish', async () => {
    const client = new TestClient(t.app);
    client.lang = 'sv';
    await client.logIn(adminEmail);
    const reply = await client.get(`${list}?q=${encodeURIComponent('åsa')}`);
    assert.match(reply.text, /<figcaption>Personer per status<\/figcaption>/);
    assert.match(reply.text, /Visar 1–\d+ av \d+ person(er)?\./);
    const invitations = await client.get(`/a/${assemblyId}/invitations`);
    assert.match(invitations.text, /Skapa nya koder/);
  });
});

describe('people on PostgreSQL', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ kind: 'postgres' });
    await loadDemo(t.database, 300);
  });
  after(() => t.close());

  test('search, filters, paging and counts work on PostgreSQL too', async () => {
    const assemblyId = await demoAssembly(t.database);
    const list = `/a/${assemblyId}/people`;
    const admin = new TestClient(t.app);
    await admin.logIn(adminEmail);

    const all: Reply = await admin.get(list);
    assert.equal(all.status, 200);
    assert.equal(total(all.text), 300);
    assert.equal(rows(all.text).length, 50);
    const registered = await countWhere(t.database, assemblyId, ['registered']);
    assert.match(
      all.text,
      new RegExp(`<th scope="row">Registered</th><td class="number">${registered}</td>`),
    );

    const expected = await countNameLike(t.database, assemblyId, 'åsa');
    assert.equal(total((await admin.get(`${list}?q=${encodeURIComponent('ÅSA')}`)).text), expected);

    const filtered = await admin.get(
      `${list}?status=registered&answer=${encodeURIComponent('gender:man')}&page=1`,
    );
    const n = await t.database.db
      .selectFrom('people')
      .innerJoin('person_answers', 'person_answers.person_id', 'people.id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('people.assembly_id', '=', assemblyId)
      .where('people.status', '=', 'registered')
      .where('question_key', '=', 'gender')
      .where('value', '=', 'man')
      .executeTakeFirstOrThrow();
    assert.equal(total(filtered.text), Number(n.n));

    const page3 = await admin.get(`${list}?page=3`);
    assert.equal(rows(page3.text).length, 50);
    assert.equal(rows(page3.text)[0].reference, 'P-00101');

    const person = await firstInStatus(t.database, assemblyId, 'selected');
    await admin.get(`${list}/${person.id}`);
    const moved = await admin.post(`${list}/${person.id}/status`, {
      status: 'confirmed',
      comment: 'Bekräftad',
    });
    assert.equal(moved.status, 303);
    const history = await t.database.db
      .selectFrom('status_history')
      .selectAll()
      .where('person_id', '=', person.id)
      .where('to_status', '=', 'confirmed')
      .execute();
    assert.equal(history.length, 1);
  });

  test('a NUL in the address is refused with 400, not a database error', async () => {
    const assemblyId = await demoAssembly(t.database);
    const admin = new TestClient(t.app);
    await admin.logIn(adminEmail);
    for (const path of [
      `/a/${assemblyId}/people?q=a%00b`,
      `/a/${assemblyId}/people/%00`,
      '/a/%00/people',
      '/register/%00',
    ]) {
      const reply = await admin.get(path);
      assert.equal(reply.status, 400, path);
      assert.match(reply.text, /contains a character that is not allowed/);
    }
    const search = await admin.get(`/a/${assemblyId}/people?q=${encodeURIComponent('%')}`);
    assert.equal(search.status, 200);
    assert.equal(total(search.text), 0);
  });
});
