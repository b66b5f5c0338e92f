/**
 * The targets page on a phone: at 360 px nothing is wider than the screen, folded or unfolded, the
 * page opens with its summary, and a question opens with its heading (no script needed).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type RunningServer, startServer } from '../../src/web/server.ts';
import { accessibilityProblems, admin, launchBrowser, logIn, screenshots } from './support.ts';

const screenshot = screenshots('targets');
let browser: Browser;
let server: RunningServer;
let dataDir: string;
let page: Page;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lotta-browser-'));
  // The demo assembly has questions, volunteers and saved targets: the page at its longest.
  server = await startServer({
    port: 0,
    dataDir,
    demo: true,
    adminEmail: admin.email,
    adminPassword: admin.password,
    minimumFormMillis: 0,
    say: () => {},
  });
  browser = await launchBrowser();
  // axe-core is injected as a script, which the Content-Security-Policy would otherwise block.
  const context = await browser.newContext({
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 360, height: 800 },
  });
  page = await context.newPage();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

test('the targets page fits a 360 px phone, folded and unfolded, and opens with its summary', async () => {
  await logIn(page, server.url, admin);
  const href = await page.locator('a[href^="/a/"]').first().getAttribute('href');
  await page.goto(`${server.url}${href}/targets`);

  assert.ok(await page.getByRole('heading', { name: 'Feasibility check' }).isVisible());
  assert.ok((await pageWidth()) <= 360, `page ${await pageWidth()} px wide`);
  const folded = await page.evaluate(() => document.documentElement.scrollHeight);
  await screenshot(page, 'phone-folded');

  // A question opens by its heading, without any script of the page.
  const gender = page.locator('details.targets-question').first();
  assert.equal(await gender.getAttribute('open'), null);
  await gender.locator('summary').click();
  assert.notEqual(await gender.getAttribute('open'), null);
  assert.ok(await page.getByLabel('Population %, Gender: Woman', { exact: true }).isVisible());

  await page.evaluate(() => {
    for (const details of Array.from(document.querySelectorAll('details'))) details.open = true;
  });
  assert.ok((await pageWidth()) <= 360, `unfolded page ${await pageWidth()} px wide`);
  const unfolded = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(folded * 3 < unfolded, `folded ${folded} px, unfolded ${unfolded} px`);
  await screenshot(page, 'phone-unfolded');
  assert.deepEqual(await accessibilityProblems(page), [], 'WCAG problems on the targets page');
});

test('on the phone, a problem opens its question and the advice is in the percent typed', async () => {
  // The demo's targets are percentages of the population.
  await page.getByLabel('Min %, Gender: Woman', { exact: true }).fill('90');
  await page.getByRole('button', { name: 'Check without saving' }).click();
  await page.waitForLoadState();
  const gender = page.locator('details.targets-question').first();
  assert.notEqual(await gender.getAttribute('open'), null, 'the question with the problem is open');
  const advice = await page.locator('[id="q0.v0-check"]').innerText();
  assert.match(advice, /lower the minimum from 90 % to [\d.]+ % \(\d+ seats\)/);
  assert.ok((await pageWidth()) <= 360, `page with findings ${await pageWidth()} px wide`);
  await screenshot(page, 'phone-finding');
  assert.deepEqual(await accessibilityProblems(page), [], 'WCAG problems on the targets page with a finding');
});
