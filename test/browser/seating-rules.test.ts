/**
 * The seating rules in a browser (1280 × 900): an organiser keeps the three members who need Arabic
 * interpretation together and two named members apart, computes the tables, and reads from the page
 * that in every round the three share a table and the pair never does. The changed pages pass axe's
 * WCAG 2.1 AA rules; screenshots in test-output/screenshots/tables-rules-*.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Person } from '../support/attendance.ts';
import { answerLanguage, languageQuestion, seedSeating } from '../support/seating.ts';
import { createTestAssembly, genderQuestion } from '../support/web.ts';
import {
  accessibilityProblems,
  admin,
  adminActorOf,
  launchBrowser,
  logIn,
  screenshots,
  startLotta,
} from './support.ts';

const screenshot = screenshots('tables-rules');
let browser: Browser;
let lotta: Awaited<ReturnType<typeof startLotta>>;
let page: Page;
let assemblyId: string;
let sessionId: string;
let members: Person[];

before(async () => {
  lotta = await startLotta();
  const adminActor = await adminActorOf(lotta);
  assemblyId = await createTestAssembly(
    { database: lotta.database, adminActor },
    { questions: [genderQuestion, languageQuestion] },
  );
  ({ members, sessionId } = await seedSeating(lotta.database, adminActor, assemblyId));
  browser = await launchBrowser();
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

/** Each table's members as the page lists them, round by round. */
async function tablesOnPage(rounds: number): Promise<string[][]> {
  const out: string[][] = [];
  for (let r = 1; r <= rounds; r++) {
    const cells = await page.locator(`#round-${r} tbody tr td:nth-of-type(2)`).allTextContents();
    out.push(cells);
  }
  return out;
}

test('three members kept together for interpretation and two kept apart, read from the page', async () => {
  const arabic = [members[3], members[11], members[20]];
  await answerLanguage(lotta.database, arabic, 'ar');
  const [a, b] = [members[0], members[1]];
  await logIn(page, lotta.url, admin);
  await page.goto(`${lotta.url}/a/${assemblyId}/tables/${sessionId}`);

  await page.getByLabel('Member', { exact: true }).selectOption({ label: a.name });
  await page.getByLabel('Never at the same table as').selectOption({ label: b.name });
  await page.getByRole('button', { name: 'Keep apart' }).click();
  await page.locator('.notice').filter({ hasText: 'The rule is added.' }).waitFor();
  assert.match(
    (await page.locator('#seating-rules').textContent()) ?? '',
    new RegExp(`${a.name} and ${b.name} never sit at the same table`),
  );
  await checkAccessible('the tables page with a rule');

  const language = page.getByRole('group', { name: 'Interpretation language' });
  await language.getByLabel('How').selectOption({ label: 'Keep together' });
  const gender = page.getByRole('group', { name: 'Gender' });
  await gender.getByLabel('Weight (1–5)').fill('2');
  await page.getByLabel('Largest table size').fill('5');
  await page.getByLabel('Seed').fill('tolkbord');
  await screenshot(page, 'request');
  await page.getByRole('button', { name: 'Compute the tables' }).click();
  await page.getByRole('heading', { name: 'Round 3' }).waitFor({ timeout: 60_000 });
  await checkAccessible('the computed tables with rules');
  await screenshot(page, 'computed');

  const rounds = await tablesOnPage(3);
  for (const [r, tables] of rounds.entries()) {
    assert.equal(tables.length, 6, `round ${r + 1} has six tables`);
    const withArabic = tables.filter((text) => arabic.some((m) => text.includes(m.name)));
    assert.equal(withArabic.length, 1, `round ${r + 1}: the three at one table`);
    assert.ok(arabic.every((m) => withArabic[0].includes(m.name)));
    assert.ok(
      !tables.some((text) => text.includes(a.name) && text.includes(b.name)),
      `round ${r + 1}: the pair apart`,
    );
  }
});
