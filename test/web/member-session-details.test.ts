/**
 * What a member reads of her programme beyond times and places: the next session's card with what it
 * is about, what to bring, its materials (easy-read version, link, a file she may download) and its
 * experts with their declared interests, whom to ask, and a flag when a session moved; her programme
 * to print (a tagged PDF with its language and her check-in code), also printed by the organisers for
 * one member or, as a job, for everyone without e-mail; and the staff week view.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createEvidence, createExpert } from '../../src/commands/evidence.ts';
import { issueMemberLink } from '../../src/commands/people.ts';
import { createSession, editSession, stepSession } from '../../src/commands/sessions.ts';
import { startJobRunner } from '../../src/jobs/runner.ts';
import { printedProgramme } from '../../src/queries/member-programme.ts';
import { insertPerson } from '../../src/repositories/people.ts';
import type { SessionRecord } from '../../src/repositories/sessions.ts';
import { siteBase } from '../../src/web/mail-delivery.ts';
import { pdfText } from '../support/pdf-text.ts';
import {
  adminEmail,
  createTestAssembly,
  keptUpload,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let otherAssemblyId: string;
const people: Record<string, string> = {};
const items: Record<string, string> = {};
let expertId: string;
let quietExpertId: string;
let member: TestClient;
let volunteer: TestClient;
let admin: TestClient;
const pdfBytes = new TextEncoder().encode('%PDF-1.4\n% a tiny file for the test\n%%EOF\n');

async function addPerson(assembly: string, reference: string, status: string, email: string | null) {
  const at = new Date().toISOString();
  const id = crypto.randomUUID();
  await insertPerson(t.database.db, {
    person: {
      id,
      assembly_id: assembly,
      reference,
      source: 'test',
      status,
      status_changed_at: at,
      created_at: at,
    },
    contact: { full_name: `Person ${reference}`, email, preferred_language: 'en' },
    needs: null,
    answers: {},
    consents: [],
    changedBy: 'test',
    comment: null,
  });
  return id;
}

function evidenceInput(title: string) {
  return {
    title,
    summary: `What ${title} says.`,
    source: 'SMHI',
    publishedOn: '',
    perspective: 'Authority',
    language: 'en',
    easyRead: `${title} in easy words.`,
    link: '',
  };
}

const record = (extra: Partial<SessionRecord> = {}): SessionRecord => ({
  title: { sv: 'Lärandedag', en: 'Learning day' },
  type: 'learning',
  startsAt: '2099-10-24T08:00:00.000Z',
  endsAt: '2099-10-24T14:00:00.000Z',
  place: {
    address: 'Stadshuset, Storgatan 1',
    room: 'Sal A',
    accessibility: 'Step-free entrance',
    directions: 'Bus 4',
  },
  onlineLink: '',
  agenda: [],
  about: { sv: 'Vi lär oss om klimatet.', en: 'We learn about the climate.' },
  bring: { sv: 'Ta med glasögon.', en: 'Bring your glasses.' },
  ...extra,
});

let sessionId: string;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  otherAssemblyId = await createTestAssembly(t, { title: 'Annat råd' });
  people.member = await addPerson(assemblyId, 'P-1', 'confirmed', 'anna@example.se');
  people.paper = await addPerson(assemblyId, 'P-2', 'confirmed', null);
  people.volunteer = await addPerson(assemblyId, 'P-3', 'registered', 'vol@example.se');
  const dataDir = t.dataDir;
  items.linked = await createEvidence(
    t.database,
    { dataDir, file: await keptUpload(dataDir, 'evidence', 'climate.pdf', pdfBytes), maxBytes: 20_000_000 },
    t.adminActor,
    assemblyId,
    evidenceInput('Climate in numbers'),
  );
  items.web = await createEvidence(
    t.database,
    { dataDir, file: null, maxBytes: 20_000_000 },
    t.adminActor,
    assemblyId,
    { ...evidenceInput('Costs of change'), link: 'https://example.se/costs' },
  );
  items.unlinked = await createEvidence(
    t.database,
    { dataDir, file: await keptUpload(dataDir, 'evidence', 'draft.pdf', pdfBytes), maxBytes: 20_000_000 },
    t.adminActor,
    assemblyId,
    evidenceInput('Not yet shown'),
  );
  items.elsewhere = await createEvidence(
    t.database,
    { dataDir, file: await keptUpload(dataDir, 'evidence', 'other.pdf', pdfBytes), maxBytes: 20_000_000 },
    t.adminActor,
    otherAssemblyId,
    evidenceInput('Another assembly'),
  );
  expertId = await createExpert(t.database, t.adminActor, assemblyId, {
    name: 'Dr Eva Lind',
    organisation: 'Climate Institute',
    topic: 'Emissions',
    interests: 'Board member of Wind Power Ltd',
    noneDeclared: false,
    email: 'eva@example.se',
  });
  quietExpertId = await createExpert(t.database, t.adminActor, assemblyId, {
    name: 'Olle Berg',
    organisation: '',
    topic: 'Farming',
    interests: '',
    noneDeclared: true,
    email: '',
  });
  sessionId = await createSession(
    t.database,
    t.adminActor,
    assemblyId,
    record({ evidenceIds: [items.linked, items.web], expertIds: [expertId, quietExpertId] }),
  );
  await stepSession(t.database, t.adminActor, assemblyId, sessionId, 'publish');
  // Moved by an hour once published: members see the flag.
  await editSession(
    t.database,
    t.adminActor,
    assemblyId,
    sessionId,
    record({
      startsAt: '2099-10-24T09:00:00.000Z',
      endsAt: '2099-10-24T15:00:00.000Z',
      evidenceIds: [items.linked, items.web],
      expertIds: [expertId, quietExpertId],
    }),
  );
  member = new TestClient(t.app);
  await member.get(`/m/${await issueMemberLink(t.database, t.adminActor, assemblyId, people.member)}`);
  volunteer = new TestClient(t.app);
  await volunteer.get(`/m/${await issueMemberLink(t.database, t.adminActor, assemblyId, people.volunteer)}`);
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
});
after(() => t.close());

test('the next session shows what it is about, what to bring, materials, experts and whom to ask', async () => {
  const page = await member.get('/member');
  assert.equal(page.status, 200);
  const card = page.text.slice(
    page.text.indexOf('id="next-session-heading"'),
    page.text.indexOf('id="programme-heading"'),
  );
  for (const text of [
    'We learn about the climate.',
    'Bring your glasses.',
    'Climate in numbers',
    'What Climate in numbers says.',
    'Climate in numbers in easy words.',
    `href="/member/evidence/${items.linked}/file"`,
    'href="https://example.se/costs"',
    'Dr Eva Lind',
    'Climate Institute',
    'Speaks about: Emissions.',
    'Has told us about these interests: Board member of Wind Power Ltd',
    'Olle Berg',
    'Has told us about no interests.',
    'Who to ask',
  ])
    assert.ok(card.includes(text), `${text} on the next session's card`);
  // An expert's e-mail address is the organisers' business.
  assert.ok(!page.text.includes('eva@example.se'));
  assert.ok(!page.text.includes('Not yet shown'));
  // The move is flagged with the time it was before (Swedish time).
  assert.match(card, /Changed: new time\. Before, it was Saturday, 24 October 2099, 10:00 to 16:00\./);
  // The whole programme lists the session's materials too.
  const list = page.text.slice(page.text.indexOf('id="programme-heading"'));
  assert.ok(list.includes('Climate in numbers') && list.includes('Changed: new time'));
  assert.match(page.text, /<html lang="en"/);
});

test('a member downloads the files of her programme, and nothing else', async () => {
  const file = await member.getResponse(`/member/evidence/${items.linked}/file`);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.match(file.headers.get('content-disposition') ?? '', /^attachment; filename="climate\.pdf"/);
  assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
  assert.match(file.headers.get('cache-control') ?? '', /no-store/);
  assert.deepEqual(new Uint8Array(await file.arrayBuffer()), pdfBytes);
  // Not in a session she can see, another assembly's, or no such item: the same 404.
  for (const id of [items.unlinked, items.elsewhere, 'no-such-item'])
    assert.equal((await member.get(`/member/evidence/${id}/file`)).status, 404, id);
  // A volunteer is not on the panel.
  assert.equal((await volunteer.get(`/member/evidence/${items.linked}/file`)).status, 403);
  assert.equal((await volunteer.get('/member/programme.pdf')).status, 403);
});

function checkPdf(bytes: Uint8Array, expected: string[], lang: string) {
  const raw = Buffer.from(bytes).toString('latin1');
  assert.ok(raw.startsWith('%PDF-') && raw.trimEnd().endsWith('%%EOF'));
  assert.match(raw, /\/StructTreeRoot \d+ 0 R/);
  assert.match(raw, new RegExp(`/Lang \\(${lang}\\)`));
  const text = pdfText(bytes).pageTexts.join('\n');
  for (const word of expected) assert.ok(text.includes(word), `${word} in the PDF`);
}

test('a member downloads her programme to print: tagged, in her language, with her check-in code', async () => {
  const response = await member.getResponse('/member/programme.pdf');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  const bytes = new Uint8Array(await response.arrayBuffer());
  checkPdf(
    bytes,
    ['Your programme', 'Learning day', 'Bring your glasses.', 'Your check-in code', 'Dr Eva Lind'],
    'en',
  );
  assert.match(Buffer.from(bytes).toString('latin1'), /\/Figure/);
});

test('staff print one member’s programme from her page; a person not on the panel has none', async () => {
  const page = await admin.get(`/a/${assemblyId}/people/${people.paper}`);
  assert.match(page.text, new RegExp(`href="/a/${assemblyId}/people/${people.paper}/programme\\.pdf"`));
  const response = await admin.getResponse(`/a/${assemblyId}/people/${people.paper}/programme.pdf`);
  assert.equal(response.status, 200);
  checkPdf(new Uint8Array(await response.arrayBuffer()), ['Person P-2', 'Learning day'], 'en');
  assert.equal((await admin.get(`/a/${assemblyId}/people/${people.volunteer}/programme.pdf`)).status, 404);
  // A person of another assembly is not found through this one.
  const stranger = await addPerson(otherAssemblyId, 'P-9', 'confirmed', null);
  assert.equal((await admin.get(`/a/${assemblyId}/people/${stranger}/programme.pdf`)).status, 404);
});

test('the organisers print the programme of everyone without e-mail as a job', async () => {
  startJobRunner(t.database, { dataDir: t.dataDir });
  await admin.get(`/a/${assemblyId}/programme`);
  const reply = await admin.post(`/a/${assemblyId}/programme/printed`, {});
  assert.equal(reply.status, 303);
  const jobPage = reply.location ?? '';
  assert.match(jobPage, new RegExp(`^/a/${assemblyId}/programme/printed/`));
  let response = await admin.getResponse(jobPage);
  for (let i = 0; i < 100 && response.headers.get('content-type') !== 'application/pdf'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    response = await admin.getResponse(jobPage);
  }
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Only the member without e-mail.
  checkPdf(bytes, ['Person P-2'], 'en');
  assert.ok(!pdfText(bytes).pageTexts.join('\n').includes('Person P-1'));
});

test('the week view lists the days of a week under headings, with the sessions of each', async () => {
  const page = await admin.get(`/a/${assemblyId}/programme/week?week=2099-10-22`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h2 id="day-2099-10-19">Mon, 19 Oct 2099<\/h2>/);
  assert.match(
    page.text,
    /<h2 id="day-2099-10-24">Sat, 24 Oct 2099<\/h2>[\s\S]*Learning day[\s\S]*<h2 id="day-2099-10-25">/,
  );
  assert.match(page.text, /href="[^"]*week\?week=2099-10-12"/);
  assert.match(page.text, /href="[^"]*week\?week=2099-10-26"/);
  // No week asked for: the next session's.
  assert.match((await admin.get(`/a/${assemblyId}/programme/week`)).text, /id="day-2099-10-24"/);
  // Nonsense is no week: the default.
  assert.equal((await admin.get(`/a/${assemblyId}/programme/week?week=soon`)).status, 200);
});

test('the check-in code carries the public address when one is set, else the request’s origin', async () => {
  const printed = await printedProgramme(t.database.db, { personId: people.paper }, 'https://lotta.example');
  assert.equal(printed?.checkInUrl, `https://lotta.example/a/${assemblyId}/check-in/person/${people.paper}`);
  const request = { req: { url: 'http://10.0.0.5:8080/member/programme.pdf' } } as Parameters<
    typeof siteBase
  >[0];
  const before = process.env.LOTTA_PUBLIC_URL;
  try {
    delete process.env.LOTTA_PUBLIC_URL;
    assert.equal(siteBase(request), 'http://10.0.0.5:8080');
    process.env.LOTTA_PUBLIC_URL = 'https://rad.example.se/';
    assert.equal(siteBase(request), 'https://rad.example.se');
  } finally {
    if (before === undefined) delete process.env.LOTTA_PUBLIC_URL;
    else process.env.LOTTA_PUBLIC_URL = before;
  }
});
