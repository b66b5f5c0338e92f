/**
 * The evidence library and experts, through the app: organisers add, change and remove items and
 * experts (each change in the audit log); links are web addresses only; an expert's interests are
 * declared or "none declared" is ticked; facilitators read but do not edit, and never see an
 * expert's e-mail address.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { loadDemo } from '../../src/commands/demo.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { createStaff, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let organiser: TestClient;
let facilitator: TestClient;
let caller: TestClient;
let outsider: TestClient;

before(async () => {
  // An upload allowance above the evidence file limit, so that the limit is the item's own.
  t = await startTestApp({ maxUploadBytes: 25_000_000 });
  assemblyId = await createTestAssembly(t);
  for (const role of ['organiser', 'facilitator', 'caller'] as const) {
    await createStaff(t, `${role}@lotta.test`);
    await grantRole(t.database, t.adminActor, assemblyId, `${role}@lotta.test`, role);
  }
  organiser = new TestClient(t.app);
  await organiser.logIn('organiser@lotta.test');
  facilitator = new TestClient(t.app);
  await facilitator.logIn('facilitator@lotta.test');
  caller = new TestClient(t.app);
  await caller.logIn('caller@lotta.test');
  await createStaff(t, 'outsider@lotta.test');
  outsider = new TestClient(t.app);
  await outsider.logIn('outsider@lotta.test');
});
after(() => t.close());

const item = {
  title: 'Heat pumps in Nordic winters',
  summary: 'What a heat pump costs and saves.',
  source: 'Energy Agency',
  published_on: '2025-11-03',
  perspective: 'Government agency',
  language: 'sv',
  easy_read: 'Heat pumps make heat from outside air.',
  link: 'https://example.se/heat-pumps.pdf',
};

async function auditActions(prefix: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_events')
    .select('action')
    .where('assembly_id', '=', assemblyId)
    .where('action', 'like', `${prefix}.%`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

async function evidenceIds(): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('evidence_items')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .execute();
  return rows.map((r) => r.id);
}

test('an organiser adds, changes and removes an evidence item, each change in the audit log', async () => {
  await organiser.get(`/a/${assemblyId}/evidence/new`);
  const created = await organiser.post(`/a/${assemblyId}/evidence`, item);
  assert.equal(created.status, 303);
  const list = await organiser.get(created.location!);
  assert.match(list.text, /The evidence item has been added/);
  assert.match(list.text, /Heat pumps in Nordic winters/);
  const [id] = await evidenceIds();

  const page = await organiser.get(`/a/${assemblyId}/evidence/${id}`);
  assert.match(page.text, /value="Energy Agency"/);
  const edited = await organiser.post(`/a/${assemblyId}/evidence/${id}`, {
    ...item,
    title: 'Heat pumps, revised',
  });
  assert.equal(edited.status, 303);
  assert.match((await organiser.get(`/a/${assemblyId}/evidence`)).text, /Heat pumps, revised/);

  const removed = await organiser.post(`/a/${assemblyId}/evidence/${id}/delete`, {});
  assert.equal(removed.status, 303);
  assert.deepEqual(await evidenceIds(), []);
  assert.deepEqual(await auditActions('evidence'), ['evidence.create', 'evidence.edit', 'evidence.delete']);
  assert.equal((await organiser.get(`/a/${assemblyId}/evidence/${id}`)).status, 404);
});

test('a link that is not a web address is refused next to its field, keeping what was typed', async () => {
  await organiser.get(`/a/${assemblyId}/evidence/new`);
  for (const link of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'example.se']) {
    const reply = await organiser.post(`/a/${assemblyId}/evidence`, { ...item, link });
    assert.equal(reply.status, 422, link);
    assert.match(
      reply.text,
      /id="link-error"[^>]*>Enter a web address starting with http:\/\/ or https:\/\//,
    );
    assert.match(reply.text, /value="Heat pumps in Nordic winters"/, 'the title is kept');
  }
  assert.deepEqual(await evidenceIds(), []);
});

test('texts over their limit and a wrong date are refused with messages next to the fields', async () => {
  await organiser.get(`/a/${assemblyId}/evidence/new`);
  const reply = await organiser.post(`/a/${assemblyId}/evidence`, {
    ...item,
    title: 'x'.repeat(301),
    published_on: '2025-02-30',
  });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /id="title-error"[^>]*>Shorten this to at most 300 characters/);
  const dated = await organiser.post(`/a/${assemblyId}/evidence`, { ...item, published_on: '2025-02-30' });
  assert.equal(dated.status, 422);
  assert.match(dated.text, /id="published_on-error"[^>]*>Enter a date like/);
  assert.deepEqual(await evidenceIds(), []);
});

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

function storedFiles(): string[] {
  try {
    return readdirSync(join(t.dataDir, 'evidence'));
  } catch {
    return [];
  }
}

function withoutLink(): Record<string, string> {
  const { link: _link, ...fields } = item;
  return fields;
}

test('a PDF is kept with its item and downloaded as an attachment by staff who may read it', async () => {
  assert.match((await organiser.get(`/a/${assemblyId}/evidence/new`)).text, /of at most 20 MB/);
  const created = await organiser.upload(`/a/${assemblyId}/evidence`, withoutLink(), {
    file: { name: 'Värmepumpar 2025.pdf', bytes: pdf, type: 'application/pdf' },
  });
  assert.equal(created.status, 303, created.text.slice(0, 300));
  const [id] = await evidenceIds();
  assert.equal(storedFiles().length, 1);

  const download = await organiser.getResponse(`/a/${assemblyId}/evidence/${id}/file`);
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'application/pdf');
  assert.match(
    download.headers.get('content-disposition') ?? '',
    /^attachment; filename="V_rmepumpar 2025.pdf"; filename\*=UTF-8''V%C3%A4rmepumpar%202025.pdf$/,
  );
  assert.deepEqual(new Uint8Array(await download.arrayBuffer()), pdf);
  assert.equal((await facilitator.getResponse(`/a/${assemblyId}/evidence/${id}/file`)).status, 200);
  // Callers read the material too (members ask them what the assembly will hear about).
  assert.equal((await caller.getResponse(`/a/${assemblyId}/evidence/${id}/file`)).status, 200);
  assert.equal((await outsider.getResponse(`/a/${assemblyId}/evidence/${id}/file`)).status, 403);
  const anonymous = await new TestClient(t.app).getResponse(`/a/${assemblyId}/evidence/${id}/file`);
  assert.match(anonymous.headers.get('location') ?? '', /^\/login\?next=/);

  // A new file replaces the old one, which leaves the data folder; removing the item takes its file.
  await organiser.get(`/a/${assemblyId}/evidence/${id}`);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  const replaced = await organiser.upload(`/a/${assemblyId}/evidence/${id}`, withoutLink(), {
    file: { name: 'chart.png', bytes: png },
  });
  assert.equal(replaced.status, 303);
  assert.equal(storedFiles().length, 1);
  const image = await organiser.getResponse(`/a/${assemblyId}/evidence/${id}/file`);
  assert.equal(image.headers.get('content-type'), 'image/png');
  const withFile = await organiser.get(`/a/${assemblyId}/evidence/${id}`);
  assert.match(withFile.text, /chart\.png/);
  const dropped = await organiser.upload(
    `/a/${assemblyId}/evidence/${id}`,
    { ...withoutLink(), remove_file: 'yes' },
    {},
  );
  assert.equal(dropped.status, 303);
  assert.deepEqual(storedFiles(), [], 'the removed file leaves the folder');
  assert.equal((await organiser.getResponse(`/a/${assemblyId}/evidence/${id}/file`)).status, 404);
  assert.deepEqual(await evidenceIds(), [id], 'the item stays');
  await organiser.get(`/a/${assemblyId}/evidence/${id}`);
  assert.equal((await organiser.post(`/a/${assemblyId}/evidence/${id}/delete`, {})).status, 303);
  assert.deepEqual(storedFiles(), []);
  assert.equal((await organiser.getResponse(`/a/${assemblyId}/evidence/${id}/file`)).status, 404);
});

test('a renamed program and a file over the limit are refused next to the file field, nothing kept', async () => {
  await organiser.get(`/a/${assemblyId}/evidence/new`);
  const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
  const renamed = await organiser.upload(`/a/${assemblyId}/evidence`, withoutLink(), {
    file: { name: 'report.pdf', bytes: exe, type: 'application/pdf' },
  });
  assert.equal(renamed.status, 422);
  assert.match(renamed.text, /id="file-error"[^>]*>This file is neither a PDF nor an image/);
  assert.match(renamed.text, /value="Heat pumps in Nordic winters"/, 'the title is kept');

  const big = new Uint8Array(20_000_001);
  big.set(pdf);
  const tooLarge = await organiser.upload(`/a/${assemblyId}/evidence`, withoutLink(), {
    file: { name: 'big.pdf', bytes: big, type: 'application/pdf' },
  });
  assert.equal(tooLarge.status, 422);
  assert.match(tooLarge.text, /id="file-error"[^>]*>The file is larger than 20 MB/);
  assert.deepEqual(await evidenceIds(), []);
  assert.deepEqual(storedFiles(), []);
});

const expert = {
  name: 'Dr. Ada Berg',
  organisation: 'Climate Institute',
  topic: 'Heat pumps',
  interests: '',
  email: 'ada@example.se',
};

test('an expert without declared interests is refused; "none declared" is an answer', async () => {
  await organiser.get(`/a/${assemblyId}/experts/new`);
  const refused = await organiser.post(`/a/${assemblyId}/experts`, expert);
  assert.equal(refused.status, 422);
  assert.match(refused.text, /id="interests-error"[^>]*>Write the interests the expert declared/);
  assert.match(refused.text, /value="Dr. Ada Berg"/, 'the name is kept');
  const badEmail = await organiser.post(`/a/${assemblyId}/experts`, {
    ...expert,
    none_declared: 'yes',
    email: 'ada at example',
  });
  assert.equal(badEmail.status, 422);
  assert.match(badEmail.text, /id="email-error"[^>]*>Enter an e-mail address like/);
  const blank = await organiser.post(`/a/${assemblyId}/experts`, { ...expert, interests: '   ' });
  assert.equal(blank.status, 422, 'spaces are no declaration');

  const accepted = await organiser.post(`/a/${assemblyId}/experts`, { ...expert, none_declared: 'yes' });
  assert.equal(accepted.status, 303);
  const list = await organiser.get(`/a/${assemblyId}/experts`);
  assert.match(list.text, /None declared/);
  assert.match(list.text, /ada@example.se/, 'organisers see the e-mail address');

  const declared = await organiser.post(`/a/${assemblyId}/experts`, {
    ...expert,
    name: 'Bo Lind',
    interests: 'Board member of a heat-pump maker',
  });
  assert.equal(declared.status, 303);
  assert.deepEqual(await auditActions('experts'), ['experts.create', 'experts.create']);
});

test('an expert is changed and removed; facilitators and callers read without the e-mail, others not at all', async () => {
  const row = await t.database.db
    .selectFrom('experts')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .where('name', '=', 'Bo Lind')
    .executeTakeFirstOrThrow();
  const read = await facilitator.get(`/a/${assemblyId}/experts`);
  assert.equal(read.status, 200);
  assert.match(read.text, /Board member of a heat-pump maker/);
  assert.doesNotMatch(read.text, /ada@example.se/, 'no e-mail for facilitators');
  assert.doesNotMatch(
    (await facilitator.get(`/a/${assemblyId}/experts/${row.id}`)).text,
    /ada@example.se|<form[^>]*experts/,
  );
  assert.equal((await facilitator.post(`/a/${assemblyId}/experts/${row.id}/delete`, {})).status, 403);
  const byCaller = await caller.get(`/a/${assemblyId}/experts`);
  assert.equal(byCaller.status, 200);
  assert.doesNotMatch(byCaller.text, /ada@example.se/, 'no e-mail for callers');
  assert.equal((await outsider.get(`/a/${assemblyId}/experts`)).status, 403);
  assert.equal((await outsider.get(`/a/${assemblyId}/evidence`)).status, 403);

  await organiser.get(`/a/${assemblyId}/experts/${row.id}`);
  const edited = await organiser.post(`/a/${assemblyId}/experts/${row.id}`, {
    ...expert,
    name: 'Bo Lind',
    interests: 'Board member',
    none_declared: 'yes',
  });
  assert.equal(edited.status, 422, 'interests and "none declared" together contradict each other');
  const saved = await organiser.post(`/a/${assemblyId}/experts/${row.id}`, {
    ...expert,
    name: 'Bo Lindqvist',
    interests: 'Board member',
  });
  assert.equal(saved.status, 303);
  assert.equal((await organiser.post(`/a/${assemblyId}/experts/${row.id}/delete`, {})).status, 303);
  assert.deepEqual(await auditActions('experts'), [
    'experts.create',
    'experts.create',
    'experts.edit',
    'experts.delete',
  ]);
});

test("on PostgreSQL too, with the evidence forms' own 20 MB allowance when the server's is lower", async () => {
  const pg = await startTestApp({ kind: 'postgres', maxUploadBytes: 2_000_000 });
  try {
    const id = await createTestAssembly(pg);
    const admin = new TestClient(pg.app);
    await admin.logIn('admin@lotta.test');
    const form = await admin.get(`/a/${id}/evidence/new`);
    // The evidence routes declare their own allowance: a file over the server's 2 MB is taken.
    assert.match(form.text, /of at most 20 MB/);
    const big = new Uint8Array(2_500_000);
    big.set(pdf);
    const taken = await admin.upload(`/a/${id}/evidence`, withoutLink(), {
      file: { name: 'big.pdf', bytes: big },
    });
    assert.equal(taken.status, 303, "over the server allowance, within the evidence forms' own");
    // An import keeps the server's allowance.
    await admin.get(`/a/${id}/import`);
    const imported = await admin.upload(`/a/${id}/import`, {}, { file: { name: 'people.csv', bytes: big } });
    assert.equal(imported.status, 413, 'over the allowance, refused before it is read');
    const created = await admin.upload(`/a/${id}/evidence`, withoutLink(), {
      file: { name: 'small.pdf', bytes: pdf },
    });
    assert.equal(created.status, 303);
    await admin.get(`/a/${id}/experts/new`);
    const expertAdded = await admin.post(`/a/${id}/experts`, {
      ...expert,
      interests: 'Adviser to a utility',
    });
    assert.equal(expertAdded.status, 303);
    const list = await admin.get(`/a/${id}/evidence`);
    assert.match(list.text, /small\.pdf/);
    assert.match((await admin.get(`/a/${id}/experts`)).text, /Adviser to a utility/);
  } finally {
    await pg.close();
  }
});

test('the demo assembly comes with evidence and experts', async () => {
  await loadDemo(t.database, 5, { targets: false });
  const demo = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!;
  const admin = new TestClient(t.app);
  await admin.logIn('admin@lotta.test');
  const library = await admin.get(`/a/${demo.id}/evidence`);
  assert.match(library.text, /Sveriges klimatmål i korthet/);
  assert.match(library.text, /Rural voices on the energy transition/);
  const list = await admin.get(`/a/${demo.id}/experts`);
  assert.match(list.text, /Forskningsanslag från Energimyndigheten/);
  assert.match(list.text, /None declared/);
});
