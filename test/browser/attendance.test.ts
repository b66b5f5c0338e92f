/**
 * Check-in at the door on a tablet (768 × 1024): a host logs in and checks in 20 of 24 confirmed
 * members of a session running now, 19 by name search and one by the QR address on her letter, and
 * sees "20 of 24"; a second tablet checking the same member in again is refused with a message. Every
 * page passes axe's WCAG 2.1 AA rules; screenshots in test-output/screenshots/attendance-*.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { grantRole } from '../../src/commands/assemblies.ts';
import { checkInPath } from '../../src/domain/attendance.ts';
import { type Person, seedPanel, sessionAroundNow } from '../support/attendance.ts';
import { createStaff, createTestAssembly } from '../support/web.ts';
import {
  accessibilityProblems,
  admin,
  adminActorOf,
  launchBrowser,
  logIn,
  screenshots,
  startLotta,
} from './support.ts';

const screenshot = screenshots('attendance');
const hostAccount = { email: 'host@lotta.test', password: 'door host password 2026' };
let browser: Browser;
let lotta: Awaited<ReturnType<typeof startLotta>>;
let context: BrowserContext;
let page: Page;
let assemblyId: string;
let members: Person[];

before(async () => {
  lotta = await startLotta();
  const adminActor = await adminActorOf(lotta);
  assemblyId = await createTestAssembly({ database: lotta.database, adminActor });
  ({ members } = await seedPanel(lotta.database, assemblyId));
  await sessionAroundNow(lotta.database, adminActor, assemblyId, 'Learning day', -5, 240);
  // Last week's session, for the organiser to mark afterwards.
  await sessionAroundNow(lotta.database, adminActor, assemblyId, 'Last week', -7 * 1440, -7 * 1440 + 240);
  await createStaff({ database: lotta.database, adminActor }, hostAccount.email, hostAccount.password);
  await grantRole(lotta.database, adminActor, assemblyId, hostAccount.email, 'host');
  browser = await launchBrowser();
  // axe-core is injected as a script, which the Content-Security-Policy would otherwise block.
  context = await browser.newContext({
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 768, height: 1024 },
  });
  page = await context.newPage();
});
after(async () => {
  await browser?.close();
  await lotta?.close();
});

async function checkAccessible(where: string) {
  assert.deepEqual(await accessibilityProblems(page), [], `WCAG problems on ${where}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 768, `${where} is ${width} px wide on the tablet`);
}

test('a host checks in 20 of 24 members on a tablet, by name and by QR code', async () => {
  await logIn(page, lotta.url, hostAccount);
  // The host's way in leads to the door.
  await page.locator(`main a[href="/a/${assemblyId}/check-in"]`).click();
  await page.waitForURL('**/check-in');
  assert.ok(await page.getByRole('heading', { name: 'Check-in at the door' }).isVisible());
  assert.equal(await page.locator('#check-in-count').textContent(), '0 of 24 checked in');
  await checkAccessible('the check-in page');
  await screenshot(page, 'tablet-start');
  // The buttons are large targets for a finger at the door.
  const box = await page.locator('.check-in-button').first().boundingBox();
  assert.ok(box && box.height >= 60 && box.width >= 150, `button ${box?.width}×${box?.height}`);

  for (const member of members.slice(0, 19)) {
    const first = member.name.split(' ')[0];
    await page.getByLabel('Name', { exact: true }).fill(first);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: `Check in ${member.name}` }).click();
    await page
      .locator('.notice')
      .filter({ hasText: `${member.name} is checked in, at` })
      .waitFor();
  }
  assert.equal(await page.locator('#check-in-count').textContent(), '19 of 24 checked in');
  await checkAccessible('the check-in page after a check-in');
  await screenshot(page, 'tablet-checked-in');

  // The 20th comes with her letter: the host scans its QR code.
  const qr = members[19];
  await page.goto(`${lotta.url}${checkInPath(assemblyId, qr.id)}`);
  assert.ok(await page.getByRole('heading', { name: 'Check in a member' }).isVisible());
  await checkAccessible('a member’s QR page');
  await screenshot(page, 'tablet-qr');
  await page.getByRole('button', { name: `Check in ${qr.name}` }).click();
  await page
    .locator('.notice')
    .filter({ hasText: `${qr.name} is checked in` })
    .waitFor();
  await page.goto(`${lotta.url}/a/${assemblyId}/check-in`);
  assert.equal(await page.locator('#check-in-count').textContent(), '20 of 24 checked in');
  // Those in show the time instead of a button.
  await page.getByLabel('Name', { exact: true }).fill(members[0].name);
  await page.getByRole('button', { name: 'Search' }).click();
  assert.match((await page.locator('.checked-in').textContent()) ?? '', /Checked in at \d\d:\d\d/);
  assert.equal(await page.getByRole('button', { name: `Check in ${members[0].name}` }).count(), 0);
  await screenshot(page, 'tablet-20-of-24');
});

test('a second tablet checking the same member in is refused, with a message', async () => {
  const member = members[20];
  const second = await context.newPage();
  // Both tablets have her button on screen; the second one is quicker.
  await page.goto(`${lotta.url}${checkInPath(assemblyId, member.id)}`);
  await second.goto(`${lotta.url}${checkInPath(assemblyId, member.id)}`);
  await second.getByRole('button', { name: `Check in ${member.name}` }).click();
  await second
    .locator('.notice')
    .filter({ hasText: `${member.name} is checked in` })
    .waitFor();
  await second.close();
  await page.getByRole('button', { name: `Check in ${member.name}` }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(
    (await alert.textContent()) ?? '',
    /is already checked in, at \d\d:\d\d\. Nothing was changed\./,
  );
  assert.equal(await page.locator('#check-in-count').textContent(), '21 of 24 checked in');
  await checkAccessible('the refusal');
  await screenshot(page, 'tablet-refused');
});

test('an organiser marks last week’s session, a wrong time refused beside its row, and reads the grid', async () => {
  const organiser = await browser.newContext({
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 768, height: 1024 },
  });
  page = await organiser.newPage();
  await logIn(page, lotta.url, admin);
  await page.goto(`${lotta.url}/a/${assemblyId}/attendance`);
  await page.getByRole('link', { name: 'Mark Last week' }).click();
  for (const member of members) {
    const row = page.locator(`tr[data-person="${member.id}"]`);
    await row.getByLabel('Present', { exact: true }).check();
  }
  await page.getByLabel(`${members[1].name} came at (HH:MM, if late)`).fill('7.5');
  await page.locator(`tr[data-person="${members[2].id}"]`).getByLabel('Absent').check();
  await checkAccessible('the marking form');
  await page.getByRole('button', { name: 'Save attendance' }).click();
  const error = page.locator(`[id="arrived.${members[1].id}-error"]`);
  await error.waitFor();
  assert.match((await error.textContent()) ?? '', /Enter the time as HH:MM/);
  assert.equal(await page.getByLabel(`${members[1].name} came at (HH:MM, if late)`).inputValue(), '7.5');
  await checkAccessible('the marking form with an error');
  await screenshot(page, 'mark-refused');
  await page.getByLabel(`${members[1].name} came at (HH:MM, if late)`).fill('');
  await page.getByRole('button', { name: 'Save attendance' }).click();
  await page.locator('.notice').filter({ hasText: 'The attendance was saved.' }).waitFor();
  await page.goto(`${lotta.url}/a/${assemblyId}/attendance`);
  const row = page.locator(`tr[data-person="${members[2].id}"]`);
  assert.match((await row.textContent()) ?? '', /absent/);
  await checkAccessible('the attendance page');
  await screenshot(page, 'grid');
  await organiser.close();
});
