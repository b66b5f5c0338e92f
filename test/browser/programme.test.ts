/**
 * The programme in a real browser: an organiser builds four weekends of sessions across the end of
 * summer time (late October) through the session form, links two evidence items and an expert with
 * declared interests to the first, and publishes them; a member opens her personal link on a 360 px
 * phone, sees the next session with its materials and downloads the calendar file (8 events at the
 * right Swedish times); the organiser moves a session and the outbox holds the change for members.
 * Every page passes the WCAG 2.1 AA checks. Screenshots in test-output/screenshots/programme-*.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import ical from 'node-ical';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createEvidence, createExpert } from '../../src/commands/evidence.ts';
import { issueMemberLink } from '../../src/commands/people.ts';
import { toStockholmTime } from '../../src/domain/dates.ts';
import { insertPerson } from '../../src/repositories/people.ts';
import { createTestAssembly } from '../support/web.ts';
import {
  accessibilityProblems,
  admin,
  adminActorOf,
  launchBrowser,
  screenshots,
  startLotta,
} from './support.ts';

const screenshot = screenshots('programme');
let browser: Browser;
let lotta: Awaited<ReturnType<typeof startLotta>>;
let context: BrowserContext;
let page: Page;
let assemblyId = '';
let base = '';
const evidence: string[] = [];
let expertId = '';
let memberToken = '';

/** Four weekends across the end of summer time (2027-10-31, 03:00 back to 02:00): Saturdays and Sundays. */
const days = [
  '2027-10-16',
  '2027-10-17',
  '2027-10-23',
  '2027-10-24',
  '2027-10-30',
  '2027-10-31',
  '2027-11-06',
  '2027-11-07',
];

async function expectAccessible(on: Page, name: string) {
  assert.deepEqual(await accessibilityProblems(on), [], `WCAG problems on ${name}`);
}

async function addPerson(reference: string, email: string | null): Promise<string> {
  const at = new Date().toISOString();
  const id = crypto.randomUUID();
  await insertPerson(lotta.database.db, {
    person: {
      id,
      assembly_id: assemblyId,
      reference,
      source: 'test',
      status: 'confirmed',
      status_changed_at: at,
      created_at: at,
    },
    contact: {
      full_name: `Ledamot ${reference}`,
      email,
      address: 'Storgatan 1',
      postcode: '111 11',
      city: 'Ort',
      preferred_language: 'en',
    },
    needs: null,
    answers: {},
    consents: [],
    changedBy: 'test',
    comment: null,
  });
  return id;
}

before(async () => {
  lotta = await startLotta();
  const adminActor = await adminActorOf(lotta);
  assemblyId = await createTestAssembly({ database: lotta.database, adminActor });
  base = `${lotta.url}/a/${assemblyId}/programme`;
  const files = { dataDir: lotta.dataDir, file: null, maxBytes: 20_000_000 };
  for (const title of ['Climate in numbers', 'What the change costs'])
    evidence.push(
      await createEvidence(lotta.database, files, adminActor, assemblyId, {
        title,
        summary: `${title}, in short.`,
        source: 'SMHI',
        publishedOn: '',
        perspective: 'Authority',
        language: 'en',
        easyRead: `${title} in easy words.`,
        link: 'https://example.se/report',
      }),
    );
  expertId = await createExpert(lotta.database, adminActor, assemblyId, {
    name: 'Dr Eva Lind',
    organisation: 'Climate Institute',
    topic: 'Emissions',
    interests: 'Board member of Wind Power Ltd',
    noneDeclared: false,
    email: '',
  });
  const member = await addPerson('P-1', 'anna@example.se');
  await addPerson('P-2', null);
  memberToken = await issueMemberLink(lotta.database, adminActor, assemblyId, member);
  browser = await launchBrowser();
  // axe-core is injected as a script, which the Content-Security-Policy would otherwise block.
  context = await browser.newContext({
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 1200, height: 900 },
  });
  page = await context.newPage();
  await page.goto(`${lotta.url}/login?lang=en`);
  await page.locator('#email').fill(admin.email);
  await page.locator('#password').fill(admin.password);
  await page.locator('#password').press('Enter');
  await page.waitForURL('**/assemblies');
});
after(async () => {
  await browser?.close();
  await lotta?.close();
});

test('an organiser builds four weekends across the end of summer time and publishes them', async () => {
  for (const [i, day] of days.entries()) {
    const saturday = i % 2 === 0;
    await page.goto(`${base}/new`);
    if (i === 0) await expectAccessible(page, 'the session form');
    await page.locator('#title_sv').fill(`Helg ${Math.floor(i / 2) + 1}, ${saturday ? 'lördag' : 'söndag'}`);
    await page
      .locator('#title_en')
      .fill(`Weekend ${Math.floor(i / 2) + 1}, ${saturday ? 'Saturday' : 'Sunday'}`);
    await page.locator('#starts_at').fill(`${day}T10:00`);
    await page.locator('#ends_at').fill(`${day}T${saturday ? '16:00' : '15:00'}`);
    await page.locator('#address').fill('Folkets hus, Storgatan 1');
    await page.locator('#room').fill('Stora salen');
    await page.locator('#about_en').fill('We learn about the climate. Experts speak.');
    await page.locator('#bring_en').fill('Bring your glasses.');
    if (i === 0) {
      for (const id of evidence) await page.locator(`#evidence-${id}`).check();
      await page.locator(`#experts-${expertId}`).check();
      await screenshot(page, 'session-form');
    }
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.waitForURL(/\/programme\?notice=created$/);
  }
  await expectAccessible(page, 'the programme list');
  for (let i = 0; i < days.length; i++) {
    await page.getByRole('button', { name: 'Publish' }).first().click();
    await page.waitForURL(/\/programme\?notice=published$/);
  }
  assert.equal(await page.getByRole('button', { name: 'Publish' }).count(), 0);
  await screenshot(page, 'programme-published');
  await page.goto(`${base}/week?week=2027-10-26`);
  assert.match(await page.locator('main').innerText(), /Weekend 3, Sunday/);
  await expectAccessible(page, 'the week view');
  await screenshot(page, 'week');
});

test('a member on a phone sees her next session with its materials and takes the calendar file', async () => {
  const phone = await browser.newContext({
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 360, height: 740 },
    acceptDownloads: true,
  });
  const own = await phone.newPage();
  await own.goto(`${lotta.url}/m/${memberToken}?lang=en`);
  await own.waitForURL('**/member');
  const next = await own.locator('section.next-session').innerText();
  assert.match(next, /Weekend 1, Saturday/);
  assert.match(next, /Climate in numbers/);
  assert.match(next, /What the change costs in easy words/);
  assert.match(next, /Dr Eva Lind/);
  assert.match(next, /Board member of Wind Power Ltd/);
  assert.match(next, /Bring your glasses/);
  const width = await own.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the member's page is ${width} px wide`);
  await expectAccessible(own, "the member's page");
  await screenshot(own, 'member-phone');
  const printed = await own.request.get(`${lotta.url}/member/programme.pdf`);
  assert.equal(printed.headers()['content-type'], 'application/pdf');
  const [download] = await Promise.all([
    own.waitForEvent('download'),
    own.getByRole('link', { name: 'Download the calendar file' }).click(),
  ]);
  const events = Object.values(ical.sync.parseICS(readFileSync((await download.path())!, 'utf8'))).filter(
    (e) => e?.type === 'VEVENT',
  ) as ical.VEvent[];
  assert.equal(events.length, 8);
  const starts = events.map((e) => toStockholmTime(e.start.getTime())).sort();
  assert.deepEqual(
    starts,
    days.map((day) => `${day}T10:00`),
  );
  // Across the change: 10:00 on 30 October is UTC+2, on 31 October UTC+1.
  const utc = events.map((e) => e.start.toISOString()).sort();
  assert.ok(utc.includes('2027-10-30T08:00:00.000Z') && utc.includes('2027-10-31T09:00:00.000Z'));
  await phone.close();
});

test('the organiser moves a session and the outbox holds the change for every member', async () => {
  await page.goto(base);
  await page.getByRole('link', { name: 'Edit' }).nth(2).click();
  await page.locator('#starts_at').fill('2027-10-23T13:00');
  await page.locator('#ends_at').fill('2027-10-23T18:00');
  const sessionPage = page.url();
  await page.getByRole('button', { name: 'Save session' }).click();
  await page.waitForURL(/\/programme\?notice=saved$/);
  // The session's page lists the change members were told of.
  await page.goto(sessionPage);
  assert.match(await page.locator('#session-changes').innerText(), /time/);
  await expectAccessible(page, "the session's page with its changes");
  // The evidence item and the expert say where they are presented.
  await page.goto(`${lotta.url}/a/${assemblyId}/evidence/${evidence[0]}`);
  assert.match(await page.locator('#presented-at').innerText(), /Weekend 1, Saturday/);
  await expectAccessible(page, 'an evidence item');
  await page.goto(`${lotta.url}/a/${assemblyId}/experts/${expertId}`);
  assert.match(await page.locator('#presented-at').innerText(), /Weekend 1, Saturday/);
  await expectAccessible(page, 'an expert');
  await page.goto(`${lotta.url}/a/${assemblyId}/outbox`);
  const text = await page.locator('main').innerText();
  assert.equal((text.match(/Change to a meeting/g) ?? []).length, 2, 'one message per member');
  await expectAccessible(page, 'the outbox');
  await screenshot(page, 'outbox');
});
