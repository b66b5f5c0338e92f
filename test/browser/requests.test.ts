/**
 * Questions from members and submissions from the public, in a real browser on a phone (360 px):
 * a confirmed member of the demo panel opens her page through her personal link and asks a
 * question; someone from the public sends the assembly a submission. Each page passes axe's WCAG
 * 2.1 A/AA checks and fits the screen. Screenshots in test-output/screenshots/requests-*.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { issueMemberLink } from '../../src/commands/people.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { accessibilityProblems, admin, launchBrowser, screenshots, startLotta } from './support.ts';

const screenshot = screenshots('requests');
const width = 360;
let browser: Browser;
let lotta: Awaited<ReturnType<typeof startLotta>>;

before(async () => {
  lotta = await startLotta({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await lotta?.close();
});

async function phone(locale = 'sv-SE'): Promise<Page> {
  // axe is added to the page as a script, which the app's Content-Security-Policy would block.
  const context = await browser.newContext({ locale, viewport: { width, height: 740 }, bypassCSP: true });
  return context.newPage();
}

async function fits(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

test('a member on a phone asks a question from her page and sees it there', async () => {
  const db = lotta.database.db;
  const assembly = (await findAssemblyBySlug(db, 'demo-klimatradet'))!;
  const confirmed = await db
    .selectFrom('people')
    .select('id')
    .where('assembly_id', '=', assembly.id)
    .where('status', '=', 'confirmed')
    .orderBy('reference', 'desc')
    .executeTakeFirstOrThrow();
  const system = { kind: 'system' } as const;
  const token = await issueMemberLink(lotta.database, system, assembly.id, confirmed.id);
  const page = await phone();
  await page.goto(`${lotta.url}/m/${token}?lang=sv`);
  await page.waitForURL('**/member');
  await page.getByRole('heading', { name: 'Dina frågor' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'member-page');
  await page.getByRole('link', { name: 'Ställ en fråga' }).click();
  await page.waitForURL('**/member/requests/new');
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.ok((await fits(page)) <= width, 'the form fits the screen');
  await screenshot(page, 'member-form');

  // Sent without a question: the form says what is missing and keeps the choice made.
  await page.getByLabel('En talare: jag vill höra någon').check();
  await page.getByRole('button', { name: 'Skicka frågan' }).click();
  await page.getByText('Fyll i det här fältet.').first().waitFor();
  assert.ok(await page.getByLabel('En talare: jag vill höra någon').isChecked());
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'member-form-error');

  await page
    .getByLabel('Vad vill du veta, eller vem vill du höra?')
    .fill('Kan en forskare om havsnivåer komma?');
  await page.getByRole('button', { name: 'Skicka frågan' }).click();
  await page.waitForURL('**/member?notice=asked*');
  await page.getByText('Kan en forskare om havsnivåer komma?').waitFor();
  await page.getByText('Arrangörerna har inte svarat än.').first().waitFor();
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.ok((await fits(page)) <= width, 'her page fits the screen');
  await screenshot(page, 'member-asked');
});

test('the public form on a phone takes a submission', async () => {
  const page = await phone('en-GB');
  await page.goto(`${lotta.url}/public/demo-klimatradet/submissions/new?lang=en`);
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.ok((await fits(page)) <= width, 'the public form fits the screen');
  await screenshot(page, 'public-form');
  await page.getByLabel('Title').fill('Heat pumps in rented flats');
  await page
    .getByLabel('Your text')
    .fill('Tenants cannot install them: the landlord decides. Here is our survey.');
  await page.getByLabel('Link (optional)').fill('not a link');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText('Enter a web address starting with http').first().waitFor();
  assert.equal(await page.getByLabel('Title').inputValue(), 'Heat pumps in rented flats');
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'public-form-error');
  await page.getByLabel('Link (optional)').fill('https://example.se/survey.pdf');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Thank you for your submission' }).waitFor();
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'public-thanks');
});

test('the organisers’ pages (the log, a request, the submissions) pass the checks on a phone', async () => {
  const page = await phone('en-GB');
  await page.goto(`${lotta.url}/login?lang=en`);
  await page.locator('#email').fill(admin.email);
  await page.locator('#password').fill(admin.password);
  await page.locator('#password').press('Enter');
  await page.waitForURL('**/assemblies');
  const assembly = (await findAssemblyBySlug(lotta.database.db, 'demo-klimatradet'))!;
  const base = `${lotta.url}/a/${assembly.id}`;
  const problems: string[] = [];
  const check = async (name: string) => {
    for (const p of await accessibilityProblems(page)) problems.push(`${name}: ${p}`);
    const wide = await fits(page);
    if (wide > width) problems.push(`${name}: ${wide} px wide`);
    await screenshot(page, name);
  };
  await page.goto(`${base}/requests`);
  await check('staff-log');
  await page.getByRole('link', { name: 'Answer or decline' }).first().click();
  await page.getByRole('heading', { name: 'Answer', exact: true }).waitFor();
  await check('staff-case');
  await page.goto(`${base}/requests/new`);
  await check('staff-ask-for');
  await page.goto(`${base}/submissions`);
  await check('staff-submissions');
  await page.getByRole('link', { name: 'Heat pumps in rented flats' }).click();
  await page.getByRole('button', { name: 'Accept into the library' }).waitFor();
  await check('staff-submission');
  await page.getByRole('button', { name: 'Accept into the library' }).click();
  await page.getByText('The submission is now in the evidence library.').waitFor();
  await page.goto(`${base}/evidence`);
  await page.getByText('Heat pumps in rented flats').waitFor();
  await check('staff-library');
  assert.deepEqual(problems, []);
});
