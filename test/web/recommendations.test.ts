/**
 * Drafting recommendations through the app: a working group of confirmed members, a recommendation
 * drafted and changed (each save a version), two versions compared word by word, a status change
 * audited, bad input refused with what was typed kept, a facilitator drafting for her group, an
 * evaluator who only reads, and the numbered lines for print. One run on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { loadDemo } from '../../src/commands/demo.ts';
import { issueMemberLink } from '../../src/commands/people.ts';
import { updateRecommendation } from '../../src/repositories/recommendations.ts';
import { createStaff, duplicateIds, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let members: string[];
let volunteerId: string;
let organiser: TestClient;
let facilitator: TestClient;
let facilitatorId: string;
let evaluator: TestClient;

async function panel(app: TestApp) {
  const rows = await app.database.db
    .selectFrom('people')
    .select(['id', 'assembly_id'])
    .orderBy('reference')
    .limit(4)
    .execute();
  const confirmed = rows.slice(0, 3).map((r) => r.id);
  await app.database.db
    .updateTable('people')
    .set({ status: 'confirmed' })
    .where('id', 'in', confirmed)
    .execute();
  await app.database.db
    .updateTable('people')
    .set({ status: 'registered' })
    .where('id', '=', rows[3].id)
    .execute();
  return { assemblyId: rows[0].assembly_id, confirmed, volunteer: rows[3].id };
}

async function staff(app: TestApp, assembly: string, email: string, role: string) {
  const client = new TestClient(app.app);
  const id = await createStaff(app, email);
  await grantRole(app.database, app.adminActor, assembly, email, role);
  await client.logIn(email);
  return { client, id };
}

before(async () => {
  t = await startTestApp();
  await loadDemo(t.database, 12, { targets: false });
  const p = await panel(t);
  assemblyId = p.assemblyId;
  members = p.confirmed;
  volunteerId = p.volunteer;
  organiser = (await staff(t, assemblyId, 'organiser@lotta.test', 'organiser')).client;
  const f = await staff(t, assemblyId, 'facilitator@lotta.test', 'facilitator');
  facilitator = f.client;
  facilitatorId = f.id;
  evaluator = (await staff(t, assemblyId, 'evaluator@lotta.test', 'evaluator')).client;
});
after(() => t.close());

const base = () => `/a/${assemblyId}/recommendations`;

async function newGroup(client: TestClient, name: string, memberIds: string[]): Promise<string> {
  await client.get(`${base()}/groups/new`);
  const reply = await client.post(`${base()}/groups/new`, {
    name_sv: name,
    name_en: `${name} (en)`,
    facilitator: facilitatorId,
    members: memberIds,
  });
  assert.equal(reply.status, 303, reply.text.slice(0, 2000));
  const row = await t.database.db
    .selectFrom('working_groups')
    .select('id')
    .where('name_sv', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function draft(client: TestClient, groupId: string, fields: Record<string, string>): Promise<string> {
  await client.get(`${base()}/groups/${groupId}/new`);
  const reply = await client.post(`${base()}/groups/${groupId}/new`, fields);
  assert.equal(reply.status, 303, reply.text.slice(0, 2000));
  const id = /recommendations\/([^?]+)\?notice=created/.exec(reply.location ?? '')?.[1];
  assert.ok(id, reply.location ?? undefined);
  return id;
}

async function audited(action: string, subjectId: string) {
  return t.database.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .where('subject_id', '=', subjectId)
    .execute();
}

test('an organiser creates a working group and a recommendation; the list shows both', async () => {
  const groupId = await newGroup(organiser, 'Resor', members.slice(0, 2));
  const stored = await t.database.db
    .selectFrom('working_group_members')
    .select('person_id')
    .where('working_group_id', '=', groupId)
    .execute();
  assert.deepEqual(stored.map((r) => r.person_id).sort(), members.slice(0, 2).sort());
  const id = await draft(organiser, groupId, {
    title: 'Fler cykelbanor',
    body: 'Kommunen ska bygga fler cykelbanor.\n\nDe ska vara upplysta.',
    rationale: 'Cykling minskar utsläppen.',
  });
  const list = await organiser.get(base());
  assert.equal(list.status, 200);
  assert.match(list.text, /Resor \(en\)/);
  assert.match(list.text, /Fler cykelbanor/);
  const page = await organiser.get(`${base()}/${id}`);
  assert.match(page.text, /<p>Kommunen ska bygga fler cykelbanor.<\/p><p>De ska vara upplysta.<\/p>/);
  assert.equal((await audited('recommendations.create', id)).length, 1);
});

test('an edit makes a new version, and the comparison shows what changed word by word', async () => {
  const groupId = await newGroup(organiser, 'Energi', [members[2]]);
  const id = await draft(organiser, groupId, {
    title: 'Solceller',
    body: 'Kommunen ska sätta solceller på alla skolor.',
    rationale: '',
  });
  await organiser.get(`${base()}/${id}/edit`);
  const saved = await organiser.post(`${base()}/${id}/edit`, {
    title: 'Solceller',
    body: 'Kommunen ska sätta solceller på alla offentliga byggnader.',
    rationale: 'Taken står tomma.',
  });
  assert.equal(saved.status, 303);
  // Saving the same text again makes no version: the history would show a change that is none.
  await organiser.post(`${base()}/${id}/edit`, {
    title: 'Solceller',
    body: 'Kommunen ska sätta solceller på alla offentliga byggnader.',
    rationale: 'Taken står tomma.',
  });
  const versions = await t.database.db
    .selectFrom('recommendation_versions')
    .select(['number', 'body'])
    .where('recommendation_id', '=', id)
    .orderBy('number')
    .execute();
  assert.deepEqual(
    versions.map((v) => v.number),
    [1, 2],
  );
  assert.equal(versions[0].body, 'Kommunen ska sätta solceller på alla skolor.');
  const compare = await evaluator.get(`${base()}/${id}/compare?from=1&to=2`);
  assert.equal(compare.status, 200);
  assert.match(compare.text, /<del><span class="diff-label">\[removed:\] <\/span>skolor<\/del>/);
  assert.match(compare.text, /<ins><span class="diff-label">\[added:\] <\/span>offentliga byggnader<\/ins>/);
  assert.match(compare.text, /<ins><span class="diff-label">\[added:\] <\/span>Taken står tomma.<\/ins>/);
  assert.equal((await audited('recommendations.edit', id)).length, 1);
});

test('a status change is audited with both statuses', async () => {
  const groupId = await newGroup(organiser, 'Mat', []);
  const id = await draft(organiser, groupId, {
    title: 'Mindre kött',
    body: 'Skolorna serverar mer vegetariskt.',
    rationale: '',
  });
  await organiser.get(`${base()}/${id}`);
  const reply = await organiser.post(`${base()}/${id}/status`, { status: 'plenary' });
  assert.equal(reply.status, 303);
  const events = await audited('recommendations.status', id);
  assert.equal(events.length, 1);
  assert.match(String(events[0].details), /"from":"draft"/);
  assert.match(String(events[0].details), /"to":"plenary"/);
  // Adopted and not adopted come from the plenary vote: the form does not offer them, the command
  // refuses them.
  const page = await organiser.get(`${base()}/${id}`);
  const select = /<select[^>]*name="status"[^>]*>([\s\S]*?)<\/select>/.exec(page.text)?.[1] ?? '';
  const offered = [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(offered, ['draft', 'plenary', 'withdrawn']);
  for (const status of ['adopted', 'not_adopted']) {
    const refused = await organiser.post(`${base()}/${id}/status`, { status });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /Adopted and not adopted are set by closing the plenary vote/);
  }
  assert.equal((await audited('recommendations.status', id)).length, 1);
  // Closing the vote sets it through the repository, as the plenary vote does.
  await updateRecommendation(t.database.db, assemblyId, id, { status: 'adopted' });
  const adopted = await organiser.get(`${base()}/${id}`);
  assert.doesNotMatch(adopted.text, /name="status"/);
  assert.match(adopted.text, /set by closing the plenary vote/);
  const undo = await organiser.post(`${base()}/${id}/status`, { status: 'draft' });
  assert.match(undo.text, /Adopted and not adopted are set by closing the plenary vote/);
  // Adopted, it is closed: no edit.
  await organiser.get(`${base()}/${id}/edit`);
  const closed = await organiser.post(`${base()}/${id}/edit`, {
    title: 'Ändrad',
    body: 'Ny text.',
    rationale: '',
  });
  assert.equal(closed.status, 422);
  assert.match(closed.text, /no longer changed/);
  const unknown = await organiser.post(`${base()}/${id}/status`, { status: 'burned' });
  assert.match(unknown.text, /Choose one of the statuses/);
});

test('the facilitator is chosen from those on the team who may draft', async () => {
  const form = await organiser.get(`${base()}/groups/new`);
  const ids = [...form.text.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(ids.includes(facilitatorId));
  const evaluatorRow = await t.database.db
    .selectFrom('accounts')
    .select('id')
    .where('email', '=', 'evaluator@lotta.test')
    .executeTakeFirstOrThrow();
  assert.ok(!ids.includes(evaluatorRow.id), 'an evaluator only reads, so is no facilitator');
});

test('bad input is refused next to its field with everything typed kept', async () => {
  const groupId = await newGroup(organiser, 'Boende', []);
  await organiser.get(`${base()}/groups/${groupId}/new`);
  const reply = await organiser.post(`${base()}/groups/${groupId}/new`, {
    title: '',
    body: 'Text som <b>inte</b> får försvinna.',
    rationale: 'x'.repeat(10_001),
  });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /Fill in this field/);
  assert.match(reply.text, /Shorten this to at most 10000 characters/);
  assert.match(reply.text, /Text som &lt;b&gt;inte&lt;\/b&gt; får försvinna./);
  // A working group of someone not confirmed is refused, the name kept.
  await organiser.get(`${base()}/groups/new`);
  const group = await organiser.post(`${base()}/groups/new`, {
    name_sv: 'Fel grupp',
    name_en: 'Wrong group',
    facilitator: '',
    members: [members[0], volunteerId],
  });
  assert.equal(group.status, 422);
  assert.match(group.text, /Only confirmed members of the panel/);
  assert.match(group.text, /value="Fel grupp"/);
});

test('a facilitator drafts and edits for her group; an evaluator only reads', async () => {
  const groupId = await newGroup(facilitator, 'Natur', [members[0]]);
  const id = await draft(facilitator, groupId, { title: 'Mer skog', body: 'Plantera träd.', rationale: '' });
  await facilitator.get(`${base()}/${id}/edit`);
  const edited = await facilitator.post(`${base()}/${id}/edit`, {
    title: 'Mer skog',
    body: 'Plantera fler träd.',
    rationale: '',
  });
  assert.equal(edited.status, 303);
  const saved = await t.database.db
    .selectFrom('recommendation_versions')
    .select(['number', 'saved_by'])
    .where('recommendation_id', '=', id)
    .orderBy('number')
    .execute();
  assert.deepEqual(saved, [
    { number: 1, saved_by: facilitatorId },
    { number: 2, saved_by: facilitatorId },
  ]);

  const read = await evaluator.get(`${base()}/${id}`);
  assert.equal(read.status, 200);
  assert.match(read.text, /Plantera fler träd./);
  assert.doesNotMatch(read.text, /\/edit"/);
  assert.equal((await evaluator.get(`${base()}/${id}/edit`)).status, 403);
  await evaluator.get(base());
  const refused = await evaluator.post(`${base()}/${id}/edit`, { title: 'X', body: 'Y', rationale: '' });
  assert.equal(refused.status, 403);
  const row = await t.database.db
    .selectFrom('recommendations')
    .select('body')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(row.body, 'Plantera fler träd.');
});

test('the print view numbers the lines across paragraphs', async () => {
  const groupId = await newGroup(organiser, 'Utskrift', []);
  const long = Array.from({ length: 30 }, (_, i) => `ord${i}`).join(' ');
  const id = await draft(organiser, groupId, {
    title: 'Lång',
    body: `${long}\n\nSista stycket.`,
    rationale: '',
  });
  const page = await evaluator.get(`${base()}/${id}/print`);
  assert.equal(page.status, 200);
  assert.match(page.text, /class="recommendation-print"/);
  const numbers = [...page.text.matchAll(/<li value="(\d+)">/g)].map((m) => Number(m[1]));
  assert.deepEqual(numbers, [1, 2, 3, 4]);
  assert.match(page.text, /<li value="4">Sista stycket.<\/li>/);
});

test('an amendment is shown before and after, conflicts are marked, and accepting it makes a version', async () => {
  const groupId = await newGroup(facilitator, 'Trafik', [members[0]]);
  const id = await draft(facilitator, groupId, {
    title: 'Bilfria zoner',
    body: 'Innerstaden ska vara bilfri på helger.\n\nUndantag för färdtjänst.',
    rationale: '',
  });
  await facilitator.get(`${base()}/${id}`);
  // A passage that is not in the text is refused, with everything typed kept.
  const wrong = await facilitator.post(`${base()}/${id}/amendments`, {
    person: members[0],
    passage: 'bilfri på vardagar',
    replacement: 'bilfri',
    reason: 'Kortare',
  });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /is not in the recommendation as it stands now/);
  assert.match(wrong.text, />bilfri på vardagar<\/textarea>/);
  const propose = (passage: string, replacement: string) =>
    facilitator.post(`${base()}/${id}/amendments`, {
      person: members[0],
      passage,
      replacement,
      reason: 'Tydligare',
    });
  assert.equal((await propose('bilfri på helger', 'bilfri alla dagar')).status, 303);
  assert.equal((await propose('på helger', 'på sommaren')).status, 303);
  const page = await evaluator.get(`${base()}/${id}`);
  assert.match(page.text, /<del><span class="diff-label">\[removed:\] <\/span>på helger<\/del>/);
  assert.match(page.text, /<ins><span class="diff-label">\[added:\] <\/span>alla dagar<\/ins>/);
  assert.match(page.text, /<p>Innerstaden ska vara bilfri alla dagar.<\/p>/);
  assert.match(page.text, /Changes the same passage as amendment [12]:/);
  assert.doesNotMatch(page.text, /name="decision"/);
  // An evaluator sees who proposed it by reference only, never by name; the facilitator by both.
  assert.match(page.text, /Proposed by [^<( ]+ to version 1/);
  assert.match((await facilitator.get(`${base()}/${id}`)).text, /Proposed by [^<(]+ \([^)]+\) to version 1/);

  const byPassage = async (passage: string) =>
    t.database.db
      .selectFrom('amendments')
      .select('id')
      .where('recommendation_id', '=', id)
      .where('passage', '=', passage)
      .executeTakeFirstOrThrow();
  const first = await byPassage('bilfri på helger');
  const second = await byPassage('på helger');
  const accepted = await facilitator.post(`${base()}/${id}/amendments/${first.id}`, { decision: 'accepted' });
  assert.equal(accepted.status, 303);
  const row = await t.database.db
    .selectFrom('recommendations')
    .select(['body', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(row.body, 'Innerstaden ska vara bilfri alla dagar.\n\nUndantag för färdtjänst.');
  assert.equal(row.version, 2);
  // The conflicting one can no longer be accepted: its passage is gone.
  const gone = await facilitator.post(`${base()}/${id}/amendments/${second.id}`, { decision: 'accepted' });
  assert.match(gone.text, /no longer in the text/);
  assert.equal(
    (await facilitator.post(`${base()}/${id}/amendments/${second.id}`, { decision: 'rejected' })).status,
    303,
  );
  assert.equal((await audited('recommendations.amendment_propose', first.id)).length, 1);
  const decided = await audited('recommendations.amendment_decide', second.id);
  assert.match(String(decided[0].details), /"decision":"rejected"/);
  assert.equal(
    (
      await evaluator.post(`${base()}/${id}/amendments`, {
        person: members[0],
        passage: 'x',
        replacement: '',
        reason: 'y',
      })
    ).status,
    403,
  );
});

test('a member proposes an amendment to her own group’s recommendation through her link', async () => {
  const groupId = await newGroup(organiser, 'Skola', [members[1]]);
  const id = await draft(organiser, groupId, {
    title: 'Skolmat',
    body: 'Skolorna lagar maten själva.',
    rationale: '',
  });
  const opened = async (personId: string) => {
    const client = new TestClient(t.app);
    const token = await issueMemberLink(t.database, t.adminActor, assemblyId, personId);
    await client.get(`/m/${token}`);
    return client;
  };
  await draft(organiser, groupId, {
    title: 'Skolgårdar',
    body: 'Skolgårdarna får mer grönska.',
    rationale: '',
  });
  const member = await opened(members[1]);
  assert.match((await member.get('/member')).text, /href="\/member\/recommendations"/);
  const page = await member.get('/member/recommendations');
  assert.equal(page.status, 200);
  assert.match(page.text, /Skolmat/);
  assert.deepEqual(
    duplicateIds(page.text),
    [],
    'one amendment form per recommendation, each with its own ids',
  );
  const wrong = await member.post(`/member/recommendations/${id}/amend`, {
    passage: 'lagar maten ute',
    replacement: 'lagar maten med lokala råvaror',
    reason: 'Kortare transporter',
  });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, />lagar maten med lokala råvaror<\/textarea>/);
  assert.deepEqual(duplicateIds(wrong.text), []);
  const link = /class="error-summary"[\s\S]*?href="#([^"]+)"/.exec(wrong.text)?.[1];
  assert.ok(link && wrong.text.includes(`id="${link}"`), 'the summary links to the field itself');
  const sent = await member.post(`/member/recommendations/${id}/amend`, {
    passage: 'lagar maten själva',
    replacement: 'lagar maten själva med lokala råvaror',
    reason: 'Kortare transporter',
  });
  assert.equal(sent.status, 303);
  const row = await t.database.db
    .selectFrom('amendments')
    .select(['person_id', 'proposed_by'])
    .where('recommendation_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { person_id: members[1], proposed_by: null });
  // A member of another group cannot amend it.
  const other = await opened(members[2]);
  await other.get('/member/recommendations');
  const refused = await other.post(`/member/recommendations/${id}/amend`, {
    passage: 'lagar maten själva',
    replacement: 'köper maten',
    reason: 'Billigare',
  });
  assert.equal(refused.status, 404);
});

test('on PostgreSQL: a group, a recommendation, an edit and the comparison', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    await loadDemo(pg.database, 12, { targets: false });
    const p = await panel(pg);
    const admin = new TestClient(pg.app);
    await admin.logIn('admin@lotta.test');
    const root = `/a/${p.assemblyId}/recommendations`;
    await admin.get(`${root}/groups/new`);
    const made = await admin.post(`${root}/groups/new`, {
      name_sv: 'Grupp',
      name_en: 'Group',
      facilitator: '',
      members: p.confirmed,
    });
    assert.equal(made.status, 303, made.text.slice(0, 2000));
    const group = await pg.database.db
      .selectFrom('working_groups')
      .select('id')
      .where('name_sv', '=', 'Grupp')
      .executeTakeFirstOrThrow();
    const created = await admin.post(`${root}/groups/${group.id}/new`, {
      title: 'T',
      body: 'Ett två tre.',
      rationale: '',
    });
    const id = /recommendations\/([^?]+)\?/.exec(created.location ?? '')?.[1];
    assert.ok(id);
    await admin.post(`${root}/${id}/edit`, { title: 'T', body: 'Ett fyra tre.', rationale: '' });
    const compare = await admin.get(`${root}/${id}/compare`);
    assert.match(compare.text, /<del><span class="diff-label">\[removed:\] <\/span>två<\/del>/);
    assert.match(compare.text, /<ins><span class="diff-label">\[added:\] <\/span>fyra<\/ins>/);
  } finally {
    await pg.close();
  }
});
