/**
 * The public assembly page and its open data, through the app: nothing is public before an
 * organiser publishes it; the page, its JSON, its CSV files and its feed say the same; a member is
 * named only with her publish-name consent; sections left out are gone from all of them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DOMParser } from 'linkedom';
import { loadDemo } from '../../src/commands/demo.ts';
import { issueMemberLink } from '../../src/commands/people.ts';
import { publishPage, unpublishPage } from '../../src/commands/public-page.ts';
import { publicSections } from '../../src/domain/public-page.ts';
import type { PublicPage } from '../../src/queries/public-page.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { adminEmail, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
const slug = 'demo-klimatradet';
let admin: TestClient;
let visitor: TestClient;

before(async () => {
  t = await startTestApp();
  await loadDemo(t.database);
  assemblyId = (await findAssemblyBySlug(t.database.db, slug))!.id;
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  visitor = new TestClient(t.app);
});
after(() => t.close());

async function post(path: string, fields: Record<string, string | string[]> = {}) {
  await admin.get(`/a/${assemblyId}/publication`);
  return admin.post(path, fields);
}

async function json(client = visitor): Promise<PublicPage> {
  const reply = await client.get(`/public/${slug}.json`);
  assert.equal(reply.status, 200);
  assert.match(reply.headers.get('content-type') ?? '', /application\/json/);
  return JSON.parse(reply.text) as PublicPage;
}

/** Strict enough for a feed: every tag closed in order, no bare `<` or `&` in text or attributes. */
function assertWellFormedXml(xml: string): void {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>'));
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt < 0 ? body.length : lt);
    assert.doesNotMatch(text, /&(?!(amp|lt|gt|quot|apos);)/, `a bare & in ${JSON.stringify(text)}`);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    assert.ok(m, `a malformed tag at ${body.slice(lt, lt + 40)}`);
    assert.doesNotMatch(m[3], /&(?!(amp|lt|gt|quot|apos);)/);
    if (m[1]) assert.equal(stack.pop(), m[2], `</${m[2]}> closes another element`);
    else if (!m[4]) stack.push(m[2]);
    i = tag.lastIndex;
  }
  assert.deepEqual(stack, [], 'elements left open');
}

test('nothing is public until an organiser publishes it, and taken down it is gone again', async () => {
  // The demo publishes its page; the organiser takes it down first.
  assert.equal((await post(`/a/${assemblyId}/publication/unpublish`)).status, 302);
  for (const path of [
    `/public/${slug}`,
    `/public/${slug}.json`,
    `/public/${slug}/recommendations.csv`,
    `/public/${slug}/answers.csv`,
    `/public/${slug}/representativeness.csv`,
    `/public/${slug}/feed.atom`,
  ])
    assert.equal((await visitor.get(path)).status, 404, path);
  const index = await visitor.get('/public');
  assert.equal(index.status, 200);
  assert.doesNotMatch(index.text, new RegExp(`/public/${slug}"`));
  assert.equal((await visitor.get('/public/no-such-assembly.json')).status, 404);

  assert.equal((await post(`/a/${assemblyId}/publication/publish`)).status, 302);
  assert.equal((await visitor.get(`/public/${slug}`)).status, 200);
  assert.match((await visitor.get('/public')).text, new RegExp(`href="/public/${slug}"`));
  // Publishing twice is refused in words, not with a failure.
  const again = await post(`/a/${assemblyId}/publication/publish`);
  assert.equal(again.status, 409);
  assert.match(again.text, /already published/);
});

test('the published page shows every section with its date, and its JSON says the same', async () => {
  const reply = await visitor.get(`/public/${slug}?lang=en`);
  assert.equal(reply.status, 200);
  for (const section of publicSections)
    assert.match(reply.text, new RegExp(`<section id="${section}"`), section);
  assert.match(reply.text, /Published <time datetime="/);
  assert.match(reply.text, /Anna Forsberg, Göteborgs universitet/);
  assert.match(reply.text, /rel="license">CC BY 4.0</);
  assert.match(reply.text, /\/public\/demo-klimatradet\/draw\/[^/"]+\/verify/);

  const page = await json();
  assert.equal(page.formatVersion, 1);
  assert.deepEqual(page.sections, [...publicSections]);
  assert.equal(page.licence.id, 'cc-by-4.0');
  assert.equal(page.about?.fundingAmount, 2_400_000);
  // The demo's answers: one published in time with an update, one overdue.
  assert.ok(page.answers?.items.some((a) => a.status && !a.answeredLate && a.updates.length === 1));
  assert.ok(page.answers?.items.some((a) => a.overdue && a.status === null));
  for (const section of publicSections) assert.ok(page[section]?.publishedAt, `${section} has a date`);
  const voted = page.recommendations!.items.filter((r) => r.vote);
  assert.ok(voted.length > 0, 'a recommendation with its vote');
  for (const r of page.recommendations!.items) {
    assert.match(reply.text, new RegExp(`id="recommendation-${r.id}"`));
    assert.ok(reply.text.includes(r.title.replaceAll('"', '&quot;')), r.title);
  }
  for (const r of voted) {
    const v = r.vote!;
    // The vote's block on the page holds the same counts and the rule in words.
    const block = reply.text.slice(reply.text.indexOf(`data-vote="${v.id}"`));
    const figures = block.slice(0, block.indexOf('</table>'));
    for (const n of [v.ballots, v.abstain, v.base, v.threshold])
      assert.match(figures, new RegExp(`<td class="number">${n}</td>`));
    assert.match(figures, v.adopted ? /Adopted/ : /Not adopted/);
    if (v.rule.kind === 'majority') assert.match(figures, /Simple majority/);
  }
  assert.equal(page.representativeness!.totals.panel > 0, true);
  assert.ok(page.programme!.sessions.length > 0);
  assert.ok(page.evidence!.experts.length > 0);
});

test('the page is in Swedish and English', async () => {
  const sv = await visitor.get(`/public/${slug}?lang=sv`);
  assert.match(sv.text, /<html lang="sv"/);
  assert.match(sv.text, /Så valdes ledamöterna/);
  const en = await visitor.get(`/public/${slug}?lang=en`);
  assert.match(en.text, /<html lang="en"/);
  assert.match(en.text, /How the members were selected/);
  const csv = await visitor.get(`/public/${slug}/recommendations.csv?lang=sv`);
  assert.match(csv.text, /^\uFEFF?id;titel;status/);
});

async function signatories() {
  const rows = await t.database.db
    .selectFrom('minority_statement_signatures')
    .innerJoin('minority_statements', 'minority_statements.id', 'minority_statement_signatures.statement_id')
    .innerJoin('person_contacts', 'person_contacts.person_id', 'minority_statement_signatures.person_id')
    .select(['minority_statement_signatures.person_id', 'person_contacts.full_name'])
    .where('minority_statements.assembly_id', '=', assemblyId)
    .orderBy('minority_statement_signatures.signed_at')
    .execute();
  assert.ok(rows.length >= 2, 'the demo statement has two signatories');
  return rows;
}

async function everything(): Promise<string> {
  const parts = await Promise.all(
    [
      `/public/${slug}?lang=sv`,
      `/public/${slug}?lang=en`,
      `/public/${slug}.json`,
      `/public/${slug}/recommendations.csv`,
      `/public/${slug}/feed.atom`,
    ].map((p) => visitor.get(p)),
  );
  return parts.map((p) => p.text).join('\n');
}

test('a signatory is named only with her publish-name consent, on the page, in the JSON and the CSV', async () => {
  const [first, second] = await signatories();
  const ids = [first.person_id, second.person_id];
  await t.database.db
    .deleteFrom('consents')
    .where('person_id', 'in', ids)
    .where('kind', '=', 'publish_name')
    .execute();
  let all = await everything();
  for (const s of [first, second]) assert.ok(!all.includes(s.full_name!), `${s.full_name} is not named`);
  assert.match(all, /Signed by 2 members\./);
  assert.match(all, /Undertecknad av 2 ledamöter\./);
  const statement = (await json()).recommendations!.items.flatMap((r) => r.minorityStatements)[0];
  assert.equal(statement.signatureCount, 2);
  assert.deepEqual(statement.namedSignatories, []);

  // The second gives her consent: she is named, the first still is not.
  await t.database.db
    .insertInto('consents')
    .values({
      id: crypto.randomUUID(),
      person_id: second.person_id,
      kind: 'publish_name',
      given_at: new Date().toISOString(),
      withdrawn_at: null,
    })
    .execute();
  all = await everything();
  assert.ok(all.includes(second.full_name!));
  assert.ok(!all.includes(first.full_name!));
  const named = (await json()).recommendations!.items.flatMap((r) => r.minorityStatements)[0];
  assert.deepEqual(named.namedSignatories, [second.full_name]);
  // Withdrawn, the consent no longer names her.
  await t.database.db
    .updateTable('consents')
    .set({ withdrawn_at: new Date().toISOString() })
    .where('person_id', '=', second.person_id)
    .where('kind', '=', 'publish_name')
    .execute();
  assert.ok(!(await everything()).includes(second.full_name!));
});

test('the CSV files are guarded against formulas and carry the licence', async () => {
  const page = await json();
  const target = page.recommendations!.items[0];
  await t.database.db
    .updateTable('recommendations')
    .set({ title: '=HYPERLINK("http://evil.example","click")' })
    .where('id', '=', target.id)
    .execute();
  const csv = await visitor.get(`/public/${slug}/recommendations.csv?lang=en`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(csv.text, /"'=HYPERLINK\(""http:\/\/evil.example"",""click""\)"/);
  assert.doesNotMatch(csv.text, /(^|,)"?=HYPERLINK/m);
  assert.match(csv.text, /CC BY 4.0/);
  const representativeness = await visitor.get(`/public/${slug}/representativeness.csv?lang=en`);
  assert.match(representativeness.text, /^\uFEFF?question,answer,population %/);
  assert.ok(representativeness.text.split('\r\n').length > 3);
  const answers = await visitor.get(`/public/${slug}/answers.csv?lang=en`);
  assert.match(answers.text, /^\uFEFF?recommendation,answer,reasons/);
  await t.database.db
    .updateTable('recommendations')
    .set({ title: target.title })
    .where('id', '=', target.id)
    .execute();
});

test('the Atom feed is well-formed, with an entry per published item and its date', async () => {
  const page = await json();
  const target = page.recommendations!.items[0];
  // Text that would break hand-written XML: markup, an ampersand, a control character.
  await t.database.db
    .updateTable('recommendations')
    .set({ title: 'Buses & trams <b>"late"</b>\u0001' })
    .where('id', '=', target.id)
    .execute();
  const reply = await visitor.get(`/public/${slug}/feed.atom?lang=en`);
  assert.equal(reply.status, 200);
  assert.match(reply.headers.get('content-type') ?? '', /application\/atom\+xml/);
  assertWellFormedXml(reply.text);
  const doc = new DOMParser().parseFromString(reply.text, 'text/xml');
  const entries = [...doc.querySelectorAll('entry')];
  const recommendations = page.recommendations!.items.filter((r) => r.publishedAt);
  const answers = page.answers?.items ?? [];
  const answerEntries =
    answers.filter((a) => a.publishedAt).length + answers.flatMap((a) => a.updates).length;
  assert.ok(answerEntries >= 2, 'an answer and an implementation update');
  assert.equal(entries.length, page.sections.length + recommendations.length + answerEntries);
  for (const e of entries) assert.match(e.querySelector('published')?.textContent ?? '', /^\d{4}-\d\d-\d\dT/);
  assert.ok(reply.text.includes('Buses &amp; trams &lt;b&gt;&quot;late&quot;&lt;/b&gt;</title>'));
  await t.database.db
    .updateTable('recommendations')
    .set({ title: target.title })
    .where('id', '=', target.id)
    .execute();
});

test('a section left out is gone from the page, the JSON and the feed; its first date is kept', async () => {
  const before = await json();
  const shown = publicSections.filter((s) => s !== 'requests');
  const saved = await post(`/a/${assemblyId}/publication`, {
    licence: 'cc0-1.0',
    funding_amount: '2 400 000',
    advisory_board: 'Anna Forsberg, Göteborgs universitet',
    selection_method: 'Two lotteries, <b>both</b> public.\n\nThe second one matched the census.',
    sections: shown,
  });
  assert.equal(saved.status, 302);
  const page = await json();
  assert.equal(page.requests, null);
  assert.equal(
    page.selection?.method,
    'Two lotteries, <b>both</b> public.\n\nThe second one matched the census.',
  );
  assert.equal(page.licence.name, 'CC0 1.0');
  const html = await visitor.get(`/public/${slug}?lang=en`);
  assert.doesNotMatch(html.text, /<section id="requests"/);
  assert.match(
    html.text,
    /<p>Two lotteries, &lt;b&gt;both&lt;\/b&gt; public\.<\/p><p>The second one matched the census\.<\/p>/,
  );
  assert.doesNotMatch((await visitor.get(`/public/${slug}/feed.atom`)).text, /#requests</);
  // Shown again, it keeps the date it was first published on.
  await post(`/a/${assemblyId}/publication`, { licence: 'cc-by-4.0', sections: [...publicSections] });
  assert.equal((await json()).requests?.publishedAt, before.requests?.publishedAt);
  // A bad amount is refused next to its field, with what was typed kept.
  const refused = await post(`/a/${assemblyId}/publication`, {
    licence: 'cc-by-4.0',
    funding_amount: 'lots',
    sections: [...publicSections],
  });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /whole kronor/);
  assert.match(refused.text, /value="lots"/);
});

test('the page prints without the site frame, its contents list or its downloads', async () => {
  const page = await visitor.get(`/public/${slug}`);
  assert.match(page.text, /<link rel="stylesheet" href="\/static\/app.css"/);
  assert.match(page.text, /<article class="public-page">/);
  const css = (await visitor.get('/static/app.css')).text;
  const print = css.slice(css.lastIndexOf('@media print'));
  assert.match(print, /body:has\(\.public-page\) \.site-header/);
  assert.match(print, /\.public-page \.public-contents/);
});

test('a member lets her name be published from her own page, and the public page then names her', async () => {
  const [first] = await signatories();
  await t.database.db
    .deleteFrom('consents')
    .where('person_id', '=', first.person_id)
    .where('kind', '=', 'publish_name')
    .execute();
  const member = new TestClient(t.app);
  await member.get(`/m/${await issueMemberLink(t.database, t.adminActor, assemblyId, first.person_id)}`);
  const own = await member.get('/member');
  assert.match(own.text, /action="\/member\/consents\/publish-name"/);
  assert.ok(!(await everything()).includes(first.full_name!));
  const given = await member.post('/member/consents/publish-name', {});
  assert.equal(given.status, 303);
  const after = await member.get(given.location!);
  assert.match(after.text, /Your name may now be published/);
  assert.doesNotMatch(after.text, /action="\/member\/consents\/publish-name"/);
  const statement = (await json()).recommendations!.items.flatMap((r) => r.minorityStatements)[0];
  assert.ok(statement.namedSignatories.includes(first.full_name!));
  // Given twice, it is still one consent.
  await member.post('/member/consents/publish-name', {});
  const rows = await t.database.db
    .selectFrom('consents')
    .select('id')
    .where('person_id', '=', first.person_id)
    .where('kind', '=', 'publish_name')
    .execute();
  assert.equal(rows.length, 1);
});

test('on PostgreSQL too: published, dated, its open data served; taken down, gone', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    await loadDemo(pg.database, 40);
    const id = (await findAssemblyBySlug(pg.database.db, slug))!.id;
    const client = new TestClient(pg.app);
    const page = JSON.parse((await client.get(`/public/${slug}.json`)).text) as PublicPage;
    assert.equal(page.formatVersion, 1);
    for (const section of publicSections) assert.match(page[section]?.publishedAt ?? '', /^\d{4}-/, section);
    for (const path of ['', '/recommendations.csv', '/answers.csv', '/representativeness.csv', '/feed.atom'])
      assert.equal((await client.get(`/public/${slug}${path}`)).status, 200, path);
    await unpublishPage(pg.database, pg.adminActor, id);
    assert.equal((await client.get(`/public/${slug}.json`)).status, 404);
    await publishPage(pg.database, pg.adminActor, id);
    const again = JSON.parse((await client.get(`/public/${slug}.json`)).text) as PublicPage;
    assert.equal(again.about?.publishedAt, page.about?.publishedAt, 'the first date is kept');
  } finally {
    await pg.close();
  }
});
