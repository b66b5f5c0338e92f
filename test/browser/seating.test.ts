/**
 * Tables on the day, in a browser (1280 × 900): an organiser asks for tables for the 30 members
 * expected, locks the first round once it has happened, recomputes for the 26 checked in, moves a
 * member to another table after seeing the effect, and downloads the name cards (26 cards, first
 * names with å, ä and ö); the projector view and the facilitator's page. Every page passes axe's
 * WCAG 2.1 AA rules; screenshots in test-output/screenshots/seating-*.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { grantRole } from '../../src/commands/assemblies.ts';
import { findSeatingPlan } from '../../src/repositories/seating.ts';
import type { Person } from '../support/attendance.ts';
import { pdfText } from '../support/pdf-text.ts';
import { mark, planAt, seatedIn, seedSeating } from '../support/seating.ts';
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

const screenshot = screenshots('seating');
const facilitatorAccount = { email: 'leader@lotta.test', password: 'table leader password 2026' };
let browser: Browser;
let lotta: Awaited<ReturnType<typeof startLotta>>;
let page: Page;
let assemblyId: string;
let sessionId: string;
let members: Person[];

before(async () => {
  lotta = await startLotta();
  const adminActor = await adminActorOf(lotta);
  assemblyId = await createTestAssembly({ database: lotta.database, adminActor });
  ({ members, sessionId } = await seedSeating(lotta.database, adminActor, assemblyId));
  await createStaff(
    { database: lotta.database, adminActor },
    facilitatorAccount.email,
    facilitatorAccount.password,
  );
  await grantRole(lotta.database, adminActor, assemblyId, facilitatorAccount.email, 'facilitator');
  browser = await launchBrowser();
  // axe-core is injected as a script, which the Content-Security-Policy would otherwise block.
  const context = await browser.newContext({
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
  });
  page = await context.newPage();
});
after(async () => {
  await browser?.close();
  await lotta?.close();
});

async function checkAccessible(where: string) {
  assert.deepEqual(await accessibilityProblems(page), [], `WCAG problems on ${where}`);
}

const tablesPage = () => `${lotta.url}/a/${assemblyId}/tables/${sessionId}`;

test('tables for 30 expected, recomputed for the 26 checked in, a move, and the name cards', async () => {
  await logIn(page, lotta.url, admin);
  await page.goto(`${lotta.url}/a/${assemblyId}/tables`);
  await checkAccessible('the tables tab');
  await screenshot(page, 'sessions');
  await page.getByRole('link', { name: 'Deliberation 1' }).click();
  assert.match((await page.locator('main').textContent()) ?? '', /30 members are expected/);
  await checkAccessible('a session without tables');
  await page.getByLabel('Largest table size').fill('5');
  await page.getByLabel('Seed').fill('bord 2026');
  await page.getByRole('button', { name: 'Compute the tables' }).click();
  // The page follows the job, reloading itself until the tables are there.
  await page.getByRole('heading', { name: 'Round 3' }).waitFor({ timeout: 60_000 });
  const computed = await planAt(lotta.database, assemblyId, sessionId, 1);
  for (let r = 0; r < 3; r++) assert.equal(seatedIn(computed, r).length, 30);
  await checkAccessible('the computed tables');
  await screenshot(page, 'computed');

  // The first round has happened; 26 of the 30 came and were checked in at the door.
  await page.getByRole('button', { name: 'Lock round 1 as held' }).click();
  await page.locator('.notice').filter({ hasText: 'The round is locked.' }).waitFor();
  await mark(lotta.database, assemblyId, sessionId, members.slice(0, 26), 'present');
  await page.goto(tablesPage());
  await page.getByRole('button', { name: 'Recompute for the 26 checked in' }).click();
  await page.getByRole('cell', { name: 'Recomputed from the check-ins' }).waitFor({ timeout: 60_000 });
  const recomputed = await planAt(lotta.database, assemblyId, sessionId, 2);
  assert.deepEqual(recomputed.rounds[0], computed.rounds[0], 'the locked round stays');
  const present = members
    .slice(0, 26)
    .map((m) => m.id)
    .sort();
  for (const r of [1, 2]) assert.deepEqual(seatedIn(recomputed, r), present);
  await checkAccessible('the recomputed tables');
  await screenshot(page, 'recomputed');

  // A manual move in round 2, swapping with someone at the other table so the sizes stay.
  const round = recomputed.rounds[1];
  const mover = members.find((m) => m.id === round.tables[0].members[0])!;
  const other = members.find((m) => m.id === round.tables[1].members[0])!;
  await page.getByLabel('Round', { exact: true }).selectOption({ label: 'Round 2' });
  await page.getByLabel('Person').selectOption({ label: mover.name });
  await page.getByLabel('To table').selectOption({ label: 'Table 2' });
  await page.getByLabel('Swap with').selectOption({ label: other.name });
  await page.getByRole('button', { name: 'Show the effect' }).click();
  await page.getByRole('heading', { name: "The move's effect", level: 1 }).waitFor();
  await checkAccessible('the move’s effect');
  await screenshot(page, 'move-preview');
  await page.getByRole('button', { name: 'Save the move' }).click();
  await page.locator('.notice').filter({ hasText: 'The move is saved.' }).waitFor();
  const moved = (await findSeatingPlan(lotta.database.db, assemblyId, sessionId))!;
  assert.ok(moved.rounds[1].tables[1].members.includes(mover.id));
  await screenshot(page, 'moved');

  // Name cards for round 2: one for each of the 26, first names with å, ä and ö intact.
  const response = await page.request.get(`${tablesPage()}/cards.pdf?round=2`);
  assert.equal(response.status(), 200);
  const { pages, pageTexts } = pdfText(new Uint8Array(await response.body()));
  assert.equal(pages, 26);
  const text = pageTexts.join('\n');
  for (const m of members.slice(0, 26)) {
    const first = m.name.split(' ')[0];
    assert.ok(text.includes(first), `${first} has a card`);
  }
  assert.ok(['Åsa', 'Dörte', 'Kärstin', 'Örjan', 'Ängla'].every((name) => text.includes(name)));

  await page.goto(`${tablesPage()}/projector?round=2`);
  await checkAccessible('the projector view');
  await screenshot(page, 'projector');
});

test('a facilitator sees her table for each round on her phone', async () => {
  const phone = await browser.newContext({
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 390, height: 844 },
  });
  const mine = await phone.newPage();
  await logIn(mine, lotta.url, facilitatorAccount);
  await mine.goto(`${tablesPage()}/mine`);
  const headings = await mine.getByRole('heading', { name: /^Round \d: table \d+$/ }).allTextContents();
  assert.equal(headings.length, 3, headings.join(', '));
  assert.deepEqual(await accessibilityProblems(mine), [], 'WCAG problems on a facilitator’s tables');
  const width = await mine.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide on the phone`);
  await screenshot(mine, 'facilitator-phone');
  await phone.close();
});
