/**
 * Stipends and expenses through the app: organisers set the rules; a confirmed member claims from
 * her page with a receipt (checked by its bytes, within its size), only for a session she was marked
 * present at; organisers approve (never above the limit), reject (with a reason) and pay; receipts
 * reach only the member herself and organisers; the payout file keeps stipends and reimbursements
 * apart; erasing the member deletes her receipts and descriptions and keeps the amounts.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { loadDemo } from '../../src/commands/demo.ts';
import { loadDemoExpenses } from '../../src/commands/demo-expenses.ts';
import { payStipend } from '../../src/commands/expenses.ts';
import { erasePerson, exportPerson, issueMemberLink } from '../../src/commands/people.ts';
import { runRetention } from '../../src/commands/retention.ts';
import { createSession, stepSession } from '../../src/commands/sessions.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { saveAttendance } from '../../src/repositories/attendance.ts';
import { listSessions, type SessionRecord } from '../../src/repositories/sessions.ts';
import { createStaff, startTestApp, type TestApp, TestClient } from '../support/web.ts';

/** A real 1×1 PNG, as a phone's photo would be recognised. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** The first bytes of a Windows program. */
const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff]);

let t: TestApp;
let assemblyId: string;
const staff = new Map<string, TestClient>();
let anna: { id: string; client: TestClient };
let bo: { id: string; client: TestClient };
const sessions: Record<string, string> = {};

function record(title: string, startsAt: string, endsAt: string): SessionRecord {
  return {
    title: { sv: `${title} (sv)`, en: title },
    type: 'learning',
    startsAt,
    endsAt,
    place: { address: 'Stadshuset', room: 'Sal A', accessibility: '', directions: '' },
    onlineLink: '',
    agenda: [],
  };
}

async function member(personId: string) {
  await t.database.db.updateTable('people').set({ status: 'confirmed' }).where('id', '=', personId).execute();
  const client = new TestClient(t.app);
  const opened = await client.get(
    `/m/${await issueMemberLink(t.database, t.adminActor, assemblyId, personId)}`,
  );
  assert.equal(opened.status, 303);
  return { id: personId, client };
}

async function present(sessionId: string, personId: string, status: 'present' | 'absent' = 'present') {
  await saveAttendance(t.database.db, assemblyId, {
    sessionId,
    personId,
    status,
    arrivedAt: null,
    leftAt: null,
    reason: '',
    method: 'door',
    markedAt: new Date().toISOString(),
    markedBy: 'test',
  });
}

before(async () => {
  t = await startTestApp();
  await loadDemo(t.database, 12);
  assemblyId = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!.id;
  for (const role of ['organiser', 'caller', 'facilitator'] as const) {
    await createStaff(t, `${role}@lotta.test`);
    await grantRole(t.database, t.adminActor, assemblyId, `${role}@lotta.test`, role);
    const client = new TestClient(t.app);
    await client.logIn(`${role}@lotta.test`);
    staff.set(role, client);
  }
  const people = await t.database.db
    .selectFrom('people')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .orderBy('reference')
    .limit(2)
    .execute();
  anna = await member(people[0].id);
  bo = await member(people[1].id);
  for (const [name, startsAt, endsAt] of [
    ['attended', '2026-11-14T09:00:00.000Z', '2026-11-14T15:00:00.000Z'],
    ['missed', '2026-11-21T09:00:00.000Z', '2026-11-21T15:00:00.000Z'],
  ]) {
    sessions[name] = await createSession(
      t.database,
      t.adminActor,
      assemblyId,
      record(name, startsAt, endsAt),
    );
    await stepSession(t.database, t.adminActor, assemblyId, sessions[name], 'publish');
  }
  await present(sessions.attended, anna.id);
  await present(sessions.missed, anna.id, 'absent');
  await present(sessions.attended, bo.id);
});
after(() => t.close());

function organiser() {
  return staff.get('organiser')!;
}

async function setRules(fields: Record<string, string> = {}) {
  await organiser().get(`/a/${assemblyId}/expenses/rules`);
  return organiser().post(`/a/${assemblyId}/expenses/rules`, {
    stipend_basis: 'session',
    stipend_amount: '500',
    reimburse_travel: 'yes',
    limit_travel: '300',
    reimburse_childcare: 'yes',
    limit_childcare: '800',
    ...fields,
  });
}

const claim = { kind: 'travel', amount: '245,50', description: 'Train from Uppsala and back' };

async function memberClaim(
  who: { client: TestClient },
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array; type?: string } | null = { name: 'receipt.png', bytes: tinyPng },
) {
  await who.client.get('/member/claims/new');
  return who.client.upload('/member/claims', fields, file ? { receipt: file } : {});
}

async function auditActions(): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_events')
    .select('action')
    .where('assembly_id', '=', assemblyId)
    .where('action', 'like', 'expenses.%')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

async function claimOf(personId: string, description: string) {
  return t.database.db
    .selectFrom('expense_claims')
    .selectAll()
    .where('person_id', '=', personId)
    .where('description', '=', description)
    .executeTakeFirstOrThrow();
}

const unescaped = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

test('the rules are validated next to their fields, then saved and audited', async () => {
  const bad = await setRules({ stipend_amount: 'five hundred', limit_childcare: '0' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="stipend_amount-error"[^>]*>Write an amount in kronor/);
  assert.match(bad.text, /id="limit_childcare-error"[^>]*>The amount must be more than 0 kr/);
  assert.match(bad.text, /value="five hundred"/, 'the form keeps what was typed');
  const saved = await setRules();
  assert.equal(saved.status, 303);
  const page = await organiser().get(saved.location!);
  assert.match(page.text, /The rules have been saved/);
  assert.match(page.text, /Travel \(up to 300\.00\skr\)/);
  assert.ok((await auditActions()).includes('expenses.rules'));
});

test('a member claims with a receipt photo from her page, and sees the claim there', async () => {
  await setRules();
  const page = await anna.client.get('/member');
  assert.match(page.text, /href="\/member\/claims\/new"/);
  const form = await anna.client.get('/member/claims/new');
  assert.equal(form.status, 200);
  assert.match(form.text, /enctype="multipart\/form-data"/);
  assert.ok(!form.text.includes(sessions.missed), 'a session she missed is not offered');
  const sent = await memberClaim(anna, { session_id: sessions.attended, ...claim });
  assert.equal(sent.status, 303, sent.text.slice(0, 2000));
  const mine = await anna.client.get('/member');
  assert.match(mine.text, /Waiting for a decision/);
  assert.match(mine.text, /245\.50\skr/);
  const row = await claimOf(anna.id, claim.description);
  assert.equal(row.amount_ore, 24_550);
  assert.equal(row.receipt_type, 'image/png');
  assert.ok(existsSync(join(t.dataDir, 'receipts', row.receipt_key!)), 'kept in the data folder');
  assert.ok((await auditActions()).includes('expenses.claim'));
});

test('a renamed program is refused as a receipt, next to the field, keeping what she typed', async () => {
  const refused = await memberClaim(
    anna,
    { session_id: sessions.attended, ...claim, description: 'Bus fare' },
    { name: 'receipt.jpg', bytes: exe, type: 'image/jpeg' },
  );
  assert.equal(refused.status, 422);
  assert.match(refused.text, /id="receipt-error"[^>]*>The receipt must be a photo/);
  assert.match(refused.text, /Bus fare/);
  assert.match(refused.text, /value="245,50"/);
  const none = await memberClaim(anna, { session_id: sessions.attended, ...claim }, null);
  assert.match(none.text, /id="receipt-error"[^>]*>Add a photo of the receipt/);
});

test('a receipt over 8 MB is refused before it is read, within the server upload allowance', async () => {
  const big = new Uint8Array(8_500_000);
  big.set(tinyPng);
  const before = readdirSync(join(t.dataDir, 'receipts')).length;
  const refused = await memberClaim(
    anna,
    { session_id: sessions.attended, ...claim, description: 'Taxi' },
    { name: 'big.png', bytes: big },
  );
  assert.equal(refused.status, 422);
  assert.match(refused.text, /id="receipt-error"[^>]*>The receipt is larger than 8 MB/);
  assert.match(refused.text, /Taxi/);
  assert.equal(readdirSync(join(t.dataDir, 'receipts')).length, before, 'nothing kept');
  // Past the server's upload allowance too: the stream stops just past the receipt's limit, and
  // the form comes back with what she typed.
  const huge = await memberClaim(
    anna,
    { session_id: sessions.attended, ...claim, description: 'Hotel' },
    { name: 'huge.png', bytes: new Uint8Array(30_000_000) },
  );
  assert.equal(huge.status, 422);
  assert.match(huge.text, /id="receipt-error"[^>]*>The receipt is larger than 8 MB/);
  assert.match(huge.text, /Hotel/);
  assert.equal(readdirSync(join(t.dataDir, 'receipts')).length, before);
});

test('a receipt is read only up to its limit: an endless upload is stopped, not held in memory', async () => {
  await anna.client.get('/member/claims/new');
  const boundary = 'lotta-endless-receipt';
  const head = new TextEncoder().encode(
    [
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${anna.client.csrf}`,
      `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nEndless`,
      `--${boundary}\r\nContent-Disposition: form-data; name="receipt"; filename="endless.png"\r\nContent-Type: image/png\r\n\r\n`,
    ].join('\r\n'),
  );
  const chunk = new Uint8Array(64 * 1024);
  let pulled = 0;
  // A body that never ends: the server must stop reading it.
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pulled === 0 ? head : chunk;
      pulled += next.length;
      controller.enqueue(next);
    },
  });
  // The member's cookies, as her browser would send them.
  const cookie = (anna.client as unknown as { cookieHeader(): string }).cookieHeader();
  const response = await t.app.request('/member/claims', {
    method: 'POST',
    body,
    duplex: 'half',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': 'en' },
  } as RequestInit);
  const text = await response.text();
  assert.equal(response.status, 422);
  assert.match(text, /The receipt is larger than 8 MB/);
  assert.match(text, /Endless/, 'the fields sent before the file are kept');
  // Read up to the limit and the fields' allowance, give or take the chunks in flight.
  assert.ok(pulled < 8_000_000 + 64 * 1024 + 16 * chunk.length, `${pulled} bytes read`);
});

test('a claim whose fields are refused before the command runs keeps no receipt on disk', async () => {
  const before = readdirSync(join(t.dataDir, 'receipts')).length;
  // Longer than even the form's own bound: refused by its schema, before the claim is looked at.
  const refused = await memberClaim(anna, {
    session_id: sessions.attended,
    ...claim,
    description: 'x'.repeat(2_000),
  });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /id="description-error"/);
  assert.equal(readdirSync(join(t.dataDir, 'receipts')).length, before, 'the streamed receipt removed');
  // Past what the upload keeps of a field: still refused next to the field, not as an unreadable form.
  const pasted = await memberClaim(anna, {
    session_id: sessions.attended,
    ...claim,
    description: 'y'.repeat(70_000),
  });
  assert.equal(pasted.status, 422);
  assert.match(pasted.text, /id="description-error"/);
  assert.match(pasted.text, /value="245,50"/, 'the amount is kept');
  assert.equal(readdirSync(join(t.dataDir, 'receipts')).length, before);
});

test('a claim for a session she missed, a kind not reimbursed, or no amount is refused', async () => {
  const missed = await memberClaim(anna, { session_id: sessions.missed, ...claim, description: 'Missed' });
  assert.equal(missed.status, 422);
  assert.match(
    unescaped(missed.text),
    /id="session_id-error"[^>]*>You were not marked present at this meeting/,
  );
  assert.match(missed.text, /Missed/);
  const kind = await memberClaim(anna, { session_id: sessions.attended, ...claim, kind: 'assistant' });
  assert.match(kind.text, /id="kind-error"[^>]*>The assembly does not reimburse this kind of cost/);
  const zero = await memberClaim(anna, { session_id: sessions.attended, ...claim, amount: '0' });
  assert.match(zero.text, /id="amount-error"[^>]*>The amount must be more than 0 kr/);
  const absurd = await memberClaim(anna, { session_id: sessions.attended, ...claim, amount: '9999999' });
  assert.match(absurd.text, /id="amount-error"[^>]*>The amount is more than 50000\.00 kr/);
  assert.equal(
    (
      await t.database.db
        .selectFrom('expense_claims')
        .select('id')
        .where('description', '=', 'Missed')
        .execute()
    ).length,
    0,
  );
});

test('an organiser approves within the limit, rejects only with a reason, and pays', async () => {
  const row = await claimOf(anna.id, claim.description);
  const href = `/a/${assemblyId}/expenses/claims/${row.id}`;
  const page = await organiser().get(href);
  assert.equal(page.status, 200);
  assert.match(page.text, /value="245.50"/, 'the amount claimed, within the limit, is proposed');
  const over = await organiser().post(`${href}/approve`, { approved_amount: '300,01' });
  assert.equal(over.status, 422);
  assert.match(over.text, /above the limit for this kind of cost, 300\.00 kr/);
  const noReason = await organiser().post(`${href}/reject`, { reason: '   ' });
  assert.equal(noReason.status, 422);
  assert.match(noReason.text, /id="reason-error"[^>]*>Write why the claim is not approved/);
  const approved = await organiser().post(`${href}/approve`, { approved_amount: '245,50' });
  assert.equal(approved.status, 303);
  const again = await organiser().post(`${href}/reject`, { reason: 'Too late' });
  assert.equal(again.status, 422, 'a decided claim is not decided again');
  assert.match((await anna.client.get('/member')).text, /Approved, to be paid/);
  const paid = await organiser().post(`${href}/paid`, {});
  assert.equal(paid.status, 303);
  assert.match((await anna.client.get('/member')).text, /Costs paid to you<\/dt><dd>245\.50\skr/);
  // A second claim, rejected with a reason she reads on her page.
  await memberClaim(bo, {
    session_id: sessions.attended,
    ...claim,
    kind: 'childcare',
    description: 'Sitter',
  });
  const second = await claimOf(bo.id, 'Sitter');
  await organiser().get(`/a/${assemblyId}/expenses/claims/${second.id}`);
  const rejected = await organiser().post(`/a/${assemblyId}/expenses/claims/${second.id}/reject`, {
    reason: 'The receipt shows no date',
  });
  assert.equal(rejected.status, 303);
  assert.match((await bo.client.get('/member')).text, /Why not: The receipt shows no date/);
  const actions = await auditActions();
  for (const action of ['expenses.approve', 'expenses.paid', 'expenses.reject'])
    assert.ok(actions.includes(action), action);
});

test('a receipt reaches the member herself and organisers only, as an attachment that is not sniffed', async () => {
  const row = await claimOf(anna.id, claim.description);
  const own = await anna.client.get(`/member/claims/${row.id}/receipt`);
  assert.equal(own.status, 200);
  assert.equal(own.headers.get('content-type'), 'image/png');
  assert.equal(own.headers.get('x-content-type-options'), 'nosniff');
  assert.match(own.headers.get('content-disposition') ?? '', /^attachment; filename="receipt.png"/);
  const byOrganiser = await organiser().get(`/a/${assemblyId}/expenses/claims/${row.id}/receipt`);
  assert.equal(byOrganiser.status, 200);
  assert.equal((await bo.client.get(`/member/claims/${row.id}/receipt`)).status, 404, 'another member');
  for (const role of ['caller', 'facilitator']) {
    const refused = await staff.get(role)!.get(`/a/${assemblyId}/expenses/claims/${row.id}/receipt`);
    assert.equal(refused.status, 403, role);
  }
});

test('a member who leaves the panel still sees what she claimed and is owed, and her receipt, but claims no more', async () => {
  const row = await claimOf(anna.id, claim.description);
  const setStatus = (status: string) =>
    t.database.db.updateTable('people').set({ status }).where('id', '=', anna.id).execute();
  await setStatus('withdrawn');
  try {
    const page = await anna.client.get('/member');
    assert.equal(page.status, 200);
    assert.match(page.text, /id="money"/);
    assert.match(page.text, /245\.50\skr/);
    assert.match(page.text, /no longer on the panel/);
    assert.doesNotMatch(page.text, /href="\/member\/claims\/new"/);
    assert.equal((await anna.client.get(`/member/claims/${row.id}/receipt`)).status, 200);
    assert.equal((await anna.client.get('/member/claims/new')).status, 403);
  } finally {
    await setStatus('confirmed');
  }
});

test('an organiser claims on a member’s behalf, under the same rules', async () => {
  const form = await organiser().get(`/a/${assemblyId}/expenses/claims/new`);
  assert.equal(form.status, 200);
  const missed = await organiser().upload(
    `/a/${assemblyId}/expenses/claims`,
    { person_id: anna.id, session_id: sessions.missed, ...claim, description: 'On behalf' },
    { receipt: { name: 'r.png', bytes: tinyPng } },
  );
  assert.equal(missed.status, 422);
  const made = await organiser().upload(
    `/a/${assemblyId}/expenses/claims`,
    { person_id: bo.id, session_id: sessions.attended, ...claim, description: 'On behalf' },
    { receipt: { name: 'r.png', bytes: tinyPng } },
  );
  assert.equal(made.status, 303);
  const row = await claimOf(bo.id, 'On behalf');
  assert.notEqual(row.submitted_by, 'self');
});

test('a claim is not approved once the attendance says she missed the session after all', async () => {
  await memberClaim(bo, { session_id: sessions.attended, ...claim, description: 'Corrected' });
  const row = await claimOf(bo.id, 'Corrected');
  await present(sessions.attended, bo.id, 'absent');
  try {
    await organiser().get(`/a/${assemblyId}/expenses/claims/${row.id}`);
    const refused = await organiser().post(`/a/${assemblyId}/expenses/claims/${row.id}/approve`, {
      approved_amount: '100',
    });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /no longer marked present at this session/);
  } finally {
    await present(sessions.attended, bo.id);
  }
  await organiser().post(`/a/${assemblyId}/expenses/claims/${row.id}/reject`, { reason: 'Claimed twice' });
});

test('the payout shows what is due and the CSV keeps stipends and reimbursements apart', async () => {
  // Bo's claim on his behalf, approved but not paid.
  const onBehalf = await claimOf(bo.id, 'On behalf');
  await organiser().get(`/a/${assemblyId}/expenses/claims/${onBehalf.id}`);
  await organiser().post(`/a/${assemblyId}/expenses/claims/${onBehalf.id}/approve`, {
    approved_amount: '200',
  });
  const page = await organiser().get(`/a/${assemblyId}/expenses/payout`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Totals per calendar year/);
  // A name that a spreadsheet would run as a formula stays text.
  await t.database.db
    .updateTable('person_contacts')
    .set({ full_name: '=HYPERLINK("http://evil.example")' })
    .where('person_id', '=', bo.id)
    .execute();
  const csv = await organiser().get(`/a/${assemblyId}/expenses/payout.csv`);
  assert.match(csv.text, /"'=HYPERLINK\(""http:\/\/evil\.example""\)"/);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  const lines = csv.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  assert.equal(
    lines[0],
    'reference,name,stipend_due_taxable,reimbursement_due,total_due,stipend_earned,stipend_paid,reimbursement_paid',
  );
  const refs = await t.database.db
    .selectFrom('people')
    .select(['id', 'reference'])
    .where('id', 'in', [anna.id, bo.id])
    .execute();
  const ref = (id: string) => refs.find((r) => r.id === id)!.reference;
  const line = (id: string) => lines.find((l) => l.startsWith(`${ref(id)},`))?.split(',');
  // Anna: one session at 500 kr, her claim paid already.
  assert.deepEqual(line(anna.id)?.slice(2), ['500.00', '0.00', '500.00', '500.00', '0.00', '245.50']);
  // Bo: one session, and the claim made for him approved at 200 kr.
  assert.deepEqual(line(bo.id)?.slice(2), ['500.00', '200.00', '700.00', '500.00', '0.00', '0.00']);
  // Recording Anna's stipend as paid leaves her nothing due: she drops out of the file.
  await organiser().get(`/a/${assemblyId}/expenses/payout`);
  const recorded = await organiser().post(`/a/${assemblyId}/expenses/payout/${anna.id}`, {});
  assert.equal(recorded.status, 303);
  const after = await organiser().get(`/a/${assemblyId}/expenses/payout.csv`);
  assert.ok(!after.text.includes(`${ref(anna.id)},`));
  const twice = await organiser().post(`/a/${assemblyId}/expenses/payout/${anna.id}`, {});
  assert.equal(twice.status, 409, 'nothing is due twice');
  // In Swedish: semicolons and decimal commas.
  const sv = await organiser().get(`/a/${assemblyId}/expenses/payout.csv?lang=sv`);
  // The language chosen sticks to the browser: back to English for the tests after this one.
  await organiser().get('/account?lang=en');
  assert.match(sv.text, /;500,00;200,00;700,00;/);
});

test('erasing a member deletes her receipts and descriptions and keeps the amounts', async () => {
  const row = await claimOf(anna.id, claim.description);
  const file = join(t.dataDir, 'receipts', row.receipt_key!);
  assert.ok(existsSync(file));
  await erasePerson(t.database, t.adminActor, assemblyId, anna.id, t.dataDir);
  assert.ok(!existsSync(file), 'the receipt file is gone');
  const erased = await t.database.db
    .selectFrom('expense_claims')
    .selectAll()
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow();
  assert.equal(erased.description, '');
  assert.equal(erased.receipt_key, null);
  assert.equal(erased.amount_ore, 24_550);
  assert.equal(erased.approved_ore, 24_550);
  assert.equal(erased.status, 'paid');
  const download = await organiser().get(`/a/${assemblyId}/expenses/claims/${row.id}/receipt`);
  assert.equal(download.status, 404);
  const page = await organiser().get(`/a/${assemblyId}/expenses/claims/${row.id}`);
  assert.match(page.text, /Erased with the member/);
});

test('on PostgreSQL too: a claim, its approval and the payout file', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    await loadDemo(pg.database, 12);
    const id = (await findAssemblyBySlug(pg.database.db, 'demo-klimatradet'))!.id;
    const person = await pg.database.db
      .selectFrom('people')
      .select(['id', 'reference'])
      .where('assembly_id', '=', id)
      .orderBy('reference')
      .executeTakeFirstOrThrow();
    await pg.database.db
      .updateTable('people')
      .set({ status: 'confirmed' })
      .where('id', '=', person.id)
      .execute();
    const sessionId = await createSession(
      pg.database,
      pg.adminActor,
      id,
      record('PG day', '2026-11-14T09:00:00.000Z', '2026-11-14T13:00:00.000Z'),
    );
    await stepSession(pg.database, pg.adminActor, id, sessionId, 'publish');
    await saveAttendance(pg.database.db, id, {
      sessionId,
      personId: person.id,
      status: 'present',
      arrivedAt: '2026-11-14T10:00:00.000Z',
      leftAt: null,
      reason: '',
      method: 'office',
      markedAt: new Date().toISOString(),
      markedBy: 'test',
    });
    const admin = new TestClient(pg.app);
    await admin.logIn('admin@lotta.test');
    await admin.get(`/a/${id}/expenses/rules`);
    const rules = await admin.post(`/a/${id}/expenses/rules`, {
      stipend_basis: 'hour',
      stipend_amount: '150',
      reimburse_travel: 'yes',
      limit_travel: '300',
    });
    assert.equal(rules.status, 303);
    const client = new TestClient(pg.app);
    await client.get(`/m/${await issueMemberLink(pg.database, pg.adminActor, id, person.id)}`);
    await client.get('/member/claims/new');
    const sent = await client.upload(
      '/member/claims',
      { session_id: sessionId, ...claim },
      { receipt: { name: 'receipt.png', bytes: tinyPng } },
    );
    assert.equal(sent.status, 303);
    const row = await pg.database.db.selectFrom('expense_claims').select('id').executeTakeFirstOrThrow();
    await admin.get(`/a/${id}/expenses/claims/${row.id}`);
    assert.equal(
      (await admin.post(`/a/${id}/expenses/claims/${row.id}/approve`, { approved_amount: '245.50' })).status,
      303,
    );
    const csv = await admin.get(`/a/${id}/expenses/payout.csv`);
    // Three hours (she came an hour late) at 150 kr.
    assert.match(csv.text, new RegExp(`${person.reference},[^,]*,450\\.00,245\\.50,695\\.50,`));
    // Two organisers recording the same payout at once pay it once.
    const both = await Promise.allSettled([
      payStipend(pg.database, pg.adminActor, id, person.id),
      payStipend(pg.database, pg.adminActor, id, person.id),
    ]);
    assert.deepEqual(both.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const payouts = await pg.database.db.selectFrom('stipend_payouts').select('amount_ore').execute();
    assert.deepEqual(payouts, [{ amount_ore: 45_000 }]);
  } finally {
    await pg.close();
  }
});

test('the demo: rules and claims in every state for members marked present at past sessions', async () => {
  const demo = await startTestApp();
  try {
    await loadDemo(demo.database, 12);
    const id = (await findAssemblyBySlug(demo.database.db, 'demo-klimatradet'))!.id;
    const past = (await listSessions(demo.database.db, id)).filter(
      (s) => s.status === 'published' && Date.parse(s.endsAt) < Date.now(),
    );
    assert.ok(past.length > 0, 'the demo programme has sessions already held');
    const people = await demo.database.db
      .selectFrom('people')
      .select('id')
      .where('assembly_id', '=', id)
      .orderBy('reference')
      .limit(5)
      .execute();
    // As the attendance demo leaves them: present at the first session held, one of them absent.
    for (const [i, p] of people.entries()) {
      await demo.database.db
        .updateTable('people')
        .set({ status: 'confirmed' })
        .where('id', '=', p.id)
        .execute();
      await saveAttendance(demo.database.db, id, {
        sessionId: past[0].id,
        personId: p.id,
        status: i === 0 ? 'absent' : 'present',
        arrivedAt: null,
        leftAt: null,
        reason: '',
        method: 'door',
        markedAt: new Date().toISOString(),
        markedBy: 'demo',
      });
    }
    assert.equal(await loadDemoExpenses(demo.database, id), 4);
    const rows = await demo.database.db
      .selectFrom('expense_claims')
      .select(['person_id', 'status'])
      .where('assembly_id', '=', id)
      .execute();
    assert.deepEqual(rows.map((r) => r.status).sort(), ['approved', 'paid', 'rejected', 'submitted']);
    assert.ok(!rows.some((r) => r.person_id === people[0].id), 'no claim for a member who was absent');
    const admin = new TestClient(demo.app);
    await admin.logIn('admin@lotta.test');
    const payoutPage = await admin.get(`/a/${id}/expenses/payout`);
    assert.equal(payoutPage.status, 200);
    const list = await admin.get(`/a/${id}/expenses`);
    assert.match(list.text, /1 claim waits for a decision/);
  } finally {
    await demo.close();
  }
});

test('retention deletes the receipts of claims rejected 90 days ago and paid past the bookkeeping years', async () => {
  const rejected = await claimOf(bo.id, 'Sitter');
  const approved = await claimOf(bo.id, 'On behalf');
  const files = [rejected, approved].map((r) => join(t.dataDir, 'receipts', r.receipt_key!));
  await runRetention(t.database, t.dataDir, new Date());
  assert.ok(
    files.every((f) => existsSync(f)),
    'a fresh rejection and an approved claim keep theirs',
  );
  await t.database.db
    .updateTable('expense_claims')
    .set({ decided_at: new Date(Date.now() - 91 * 86_400_000).toISOString() })
    .where('id', '=', rejected.id)
    .execute();
  // Paid in 2018: kept until the end of 2025 (Bokföringslagen: seven years after the year of payment).
  await t.database.db
    .updateTable('expense_claims')
    .set({ status: 'paid', paid_at: '2018-05-01T10:00:00.000Z' })
    .where('id', '=', approved.id)
    .execute();
  const counts = await runRetention(t.database, t.dataDir, new Date());
  assert.equal(counts.receipts, 2);
  assert.ok(
    files.every((f) => !existsSync(f)),
    'both files are gone',
  );
  const rows = await t.database.db
    .selectFrom('expense_claims')
    .select(['id', 'description', 'receipt_key', 'amount_ore', 'approved_ore'])
    .where('id', 'in', [rejected.id, approved.id])
    .execute();
  // The rejected claim keeps its amount without its receipt; the paid one, past the bookkeeping
  // period, is no longer an accounting record: the assembly's retention schedule erases it whole
  // (category stipend_records, test/web/retention-schedule.test.ts).
  assert.deepEqual(
    rows.map((r) => r.id),
    [rejected.id],
  );
  assert.ok(rows.every((r) => r.description === '' && r.receipt_key === null && r.amount_ore > 0));
});

test("a member's export (subject access) includes her claims", async () => {
  const record = await exportPerson(t.database, t.adminActor, assemblyId, bo.id);
  const kinds = record.expenseClaims.map((c) => `${c.kind}:${c.status}`).sort();
  // The claim paid in 2018 went with the bookkeeping period (the test above).
  assert.deepEqual(kinds, ['childcare:rejected', 'travel:rejected']);
  assert.ok(record.expenseClaims.every((c) => c.amountOre > 0));
});

test('an assembly without stipends or expenses shows nothing of them on a member’s page', async () => {
  const other = await startTestApp();
  try {
    await loadDemo(other.database, 12);
    const id = (await findAssemblyBySlug(other.database.db, 'demo-klimatradet'))!.id;
    // The demo comes with rules; this assembly has none.
    await other.database.db.deleteFrom('expense_rules').where('assembly_id', '=', id).execute();
    const person = await other.database.db
      .selectFrom('people')
      .select('id')
      .where('assembly_id', '=', id)
      .executeTakeFirstOrThrow();
    await other.database.db
      .updateTable('people')
      .set({ status: 'confirmed' })
      .where('id', '=', person.id)
      .execute();
    const client = new TestClient(other.app);
    await client.get(`/m/${await issueMemberLink(other.database, other.adminActor, id, person.id)}`);
    const page = await client.get('/member');
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes('id="money"'));
    // Her claim form says plainly that nothing is reimbursed.
    const form = await client.get('/member/claims/new');
    assert.match(form.text, /does not reimburse any costs at the moment/);
  } finally {
    await other.close();
  }
});
