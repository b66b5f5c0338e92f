/**
 * Stipends and expenses in a real browser: a member on a 360 px phone claims her train fare with a
 * photo of the receipt (a PNG drawn in the test), the organiser sets the rules, approves the claim
 * and downloads the payout file, which is read back. Every page is checked with axe (WCAG 2.1 AA).
 * Screenshots in test-output/screenshots/expenses-*.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { issueMemberLink } from '../../src/commands/people.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { saveAttendance } from '../../src/repositories/attendance.ts';
import { listSessions } from '../../src/repositories/sessions.ts';
import { accessibilityProblems, admin, launchBrowser, screenshots, startLotta } from './support.ts';

const screenshot = screenshots('expenses');
const width = 360;
let browser: Browser;
let lotta: Awaited<ReturnType<typeof startLotta>>;
let organiser: Page;
let phone: Page;
let assemblyId = '';
let reference = '';

async function checked(page: Page, step: string) {
  assert.deepEqual(await accessibilityProblems(page), [], step);
  await screenshot(page, step);
}

before(async () => {
  lotta = await startLotta({ demo: true });
  browser = await launchBrowser();
  const db = lotta.database.db;
  assemblyId = (await findAssemblyBySlug(db, 'demo-klimatradet'))!.id;
  const person = await db
    .selectFrom('people')
    .select(['id', 'reference'])
    .where('assembly_id', '=', assemblyId)
    .orderBy('reference')
    .executeTakeFirstOrThrow();
  reference = person.reference;
  await db.updateTable('people').set({ status: 'confirmed' }).where('id', '=', person.id).execute();
  // Present at the first session the demo programme has already held.
  const held = (await listSessions(db, assemblyId)).find(
    (s) => s.status === 'published' && Date.parse(s.endsAt) < Date.now(),
  )!;
  await saveAttendance(db, assemblyId, {
    sessionId: held.id,
    personId: person.id,
    status: 'present',
    arrivedAt: null,
    leftAt: null,
    reason: '',
    method: 'door',
    markedAt: new Date().toISOString(),
    markedBy: 'browser-test',
  });
  const staff = await browser.newContext({ bypassCSP: true, locale: 'en-GB', acceptDownloads: true });
  organiser = await staff.newPage();
  await organiser.goto(`${lotta.url}/login?lang=en`);
  await organiser.locator('#email').fill(admin.email);
  await organiser.locator('#password').fill(admin.password);
  await organiser.locator('#password').press('Enter');
  await organiser.waitForURL('**/assemblies');
  const member = await browser.newContext({
    // axe is added to the page as a script of its own, which the CSP would otherwise refuse.
    bypassCSP: true,
    locale: 'sv-SE',
    viewport: { width, height: 740 },
  });
  phone = await member.newPage();
  const token = await issueMemberLink(lotta.database, { kind: 'system' }, assemblyId, person.id);
  await phone.goto(`${lotta.url}/m/${token}`);
  await phone.waitForURL('**/member');
});
after(async () => {
  await browser?.close();
  await lotta?.close();
});

test('the organiser sets the rules: 500 kr per session, travel up to 300 kr', async () => {
  await organiser.goto(`${lotta.url}/a/${assemblyId}/expenses`);
  await checked(organiser, 'claims-empty');
  await organiser.getByRole('link', { name: 'Change the rules' }).click();
  await organiser.getByLabel('Per session attended').check();
  await organiser.locator('#stipend_amount').fill('500');
  await organiser.locator('#reimburse_travel-yes').check();
  await organiser.locator('#limit_travel').fill('300');
  await checked(organiser, 'rules');
  await organiser.getByRole('button', { name: 'Save the rules' }).click();
  await organiser.waitForURL(/notice=rules_saved/);
  await organiser.getByText('The rules have been saved.').waitFor();
});

/** A receipt photo: a PNG drawn on a canvas in the browser, as a phone's camera app would save one. */
async function receiptPhoto(page: Page): Promise<Buffer> {
  const data = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 120;
    canvas.height = 160;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, 120, 160);
    g.fillStyle = '#000';
    g.fillText('SJ 245,50 kr', 10, 40);
    return canvas.toDataURL('image/png').split(',')[1];
  });
  return Buffer.from(data as string, 'base64');
}

test('a member on a 360 px phone claims her train fare with a photo of the receipt', async () => {
  await phone.goto(`${lotta.url}/member?lang=sv`);
  await checked(phone, 'member-page');
  await phone.getByRole('link', { name: 'Begär ersättning' }).click();
  await phone.waitForURL('**/member/claims/new');
  await checked(phone, 'claim-form');
  await phone.locator('#session_id').selectOption({ index: 1 });
  await phone.locator('#kind').selectOption('travel');
  await phone.locator('#amount').fill('245,50');
  await phone.locator('#description').fill('Tåg från Uppsala och tillbaka');
  // A program renamed as a photo is refused next to the field, and what she typed stays.
  await phone.locator('#receipt').setInputFiles({
    name: 'kvitto.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]),
  });
  await phone.getByRole('button', { name: 'Skicka min begäran' }).click();
  await phone.locator('#receipt-error').waitFor();
  assert.equal(await phone.locator('#amount').inputValue(), '245,50');
  await checked(phone, 'claim-refused');
  await phone.locator('#receipt').setInputFiles({
    name: 'kvitto.png',
    mimeType: 'image/png',
    buffer: await receiptPhoto(phone),
  });
  await phone.getByRole('button', { name: 'Skicka min begäran' }).click();
  await phone.waitForURL(/notice=claimed/);
  const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= width, `the claim page is ${wide} px wide`);
  await phone.goto(`${lotta.url}/member`);
  await phone.getByText('Väntar på beslut').waitFor();
  await checked(phone, 'member-claimed');
});

test('the organiser approves the claim and downloads the payout file', async () => {
  await organiser.goto(`${lotta.url}/a/${assemblyId}/expenses`);
  await checked(organiser, 'claims');
  await organiser.locator('#expense-claims table a').first().click();
  await organiser.locator('#approved_amount').waitFor();
  await checked(organiser, 'claim');
  await organiser.locator('#approved_amount').fill('245.50');
  await organiser.getByRole('button', { name: 'Approve', exact: true }).click();
  await organiser.waitForURL(/notice=approved/);
  await organiser.getByRole('link', { name: 'Payout', exact: true }).click();
  await organiser.waitForURL('**/expenses/payout');
  await checked(organiser, 'payout');
  const [download] = await Promise.all([
    organiser.waitForEvent('download'),
    organiser.getByRole('link', { name: 'Download the payout file (CSV)' }).click(),
  ]);
  const text = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.trim().split('\r\n');
  assert.equal(
    lines[0],
    'reference,name,stipend_due_taxable,reimbursement_due,total_due,stipend_earned,stipend_paid,reimbursement_paid',
  );
  const line = lines.find((l) => l.startsWith(`${reference},`));
  assert.ok(line, `a line for ${reference}`);
  assert.match(line, /,500\.00,245\.50,745\.50,500\.00,0\.00,0\.00$/);
  await phone.goto(`${lotta.url}/member`);
  await phone.getByText('Godkänt, ska betalas').waitFor();
  await screenshot(phone, 'member-approved');
});
