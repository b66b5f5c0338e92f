/**
 * The point-target trade-off in a browser: the organiser asks for it, htmx follows the job until its
 * chart and table replace the progress bar (no reload), the page passes axe, and the tolerance chosen
 * is saved.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assemblyQuestions, saveTargetSettings } from '../../src/commands/targets.ts';
import { emptyTargets } from '../../src/domain/targets.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { findTargets } from '../../src/repositories/targets.ts';
import {
  accessibilityProblems,
  admin as adminAccount,
  adminActorOf,
  launchBrowser,
  logIn,
  screenshots,
  startLotta,
  within,
} from './support.ts';

const screenshot = screenshots('selection-trade-off');
let browser: Browser;
let lotta: Awaited<ReturnType<typeof startLotta>>;
let page: Page;
let assemblyId: string;

before(async () => {
  lotta = await startLotta({ demo: true });
  const assembly = (await findAssemblyBySlug(lotta.database.db, 'demo-klimatradet'))!;
  assemblyId = assembly.id;
  // The demo's targets as Swedish point targets on gender only: half the seats each to women and
  // men, none to anyone else, who are then left out at the smallest deviation.
  const questions = await assemblyQuestions(lotta.database.db, assemblyId);
  const settings = { ...emptyTargets(questions), kind: 'points' as const };
  for (const [key, question] of Object.entries(settings.definition.questions)) {
    question.included = key === 'gender';
  }
  const half = assembly.panel_size / 2;
  settings.definition.questions.gender.preferNotToSay = 'own';
  settings.definition.questions.gender.values = {
    woman: { points: half },
    man: { points: half },
    non_binary: { points: 0 },
    prefer_not_to_say: { points: 0 },
  };
  await saveTargetSettings(lotta.database, await adminActorOf(lotta), assemblyId, settings);
  browser = await launchBrowser();
  // axe-core is injected as a script, which the Content-Security-Policy would otherwise block.
  const context = await browser.newContext({ bypassCSP: true, locale: 'en-GB' });
  page = await context.newPage();
});
after(async () => {
  await browser?.close();
  await lotta?.close();
});

test('the trade-off is followed in place until its chart and table show, and a tolerance is chosen', async () => {
  await logIn(page, lotta.url, adminAccount);
  await page.goto(`${lotta.url}/a/${assemblyId}/selection`);
  assert.ok(await page.getByRole('heading', { name: 'Point targets: deviation and chances' }).isVisible());
  await page.getByLabel('Tolerances to try').fill('3');
  await page.getByRole('button', { name: 'Compute the trade-off' }).click();
  await page.waitForLoadState();
  const url = page.url();
  const table = page.getByRole('table', {
    name: 'Lowest chance and people without a chance, per allowed deviation',
  });
  await within('the trade-off to finish', table.waitFor({ state: 'visible', timeout: 120_000 }), 125_000);
  // htmx swapped the region in place: the page was not reloaded.
  assert.equal(page.url(), url);
  const rows = await table.locator('tbody tr').count();
  assert.ok(rows >= 2 && rows <= 3, `${rows} rows`);
  assert.ok(await page.locator('#trade-off-lowest svg').isVisible());
  await screenshot(page, 'computed');
  assert.deepEqual(await accessibilityProblems(page), [], 'WCAG problems on the selection page');

  await page.getByLabel('Tolerance for the next selection run').fill('2');
  await page.getByRole('button', { name: 'Use this tolerance' }).click();
  await page.waitForLoadState();
  assert.ok(await page.getByText('Tolerance saved: the next selection run uses it.').isVisible());
  assert.equal((await findTargets(lotta.database.db, assemblyId))?.point_tolerance, 2);
});
