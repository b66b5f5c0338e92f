/**
 * The decision maker's answers in a real browser (Chromium, axe's WCAG 2.1 A/AA checks on every
 * page): an organiser invites her, the set-password link arrives by e-mail through the test's SMTP
 * server, she logs in and lands on the answers, answers five recommendations — one after the
 * deadline, shown as overdue until answered, then "answered late" — and posts an implementation
 * update; the members receive the e-mails. Screenshots in test-output/screenshots/answers-*.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { setAnswerDeadline } from '../../src/commands/answers.ts';
import { createAssembly } from '../../src/commands/assemblies.ts';
import { createRecommendation, saveWorkingGroup } from '../../src/commands/recommendations.ts';
import { stockholmDate } from '../../src/domain/answers.ts';
import { seedPanel } from '../support/attendance.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import {
  accessibilityProblems,
  admin,
  adminActorOf,
  launchBrowser,
  screenshots,
  startLotta,
  within,
} from './support.ts';

const screenshot = screenshots('answers');
const day = 86_400_000;
let browser: Browser;
let smtp: TestSmtpServer;
let lotta: Awaited<ReturnType<typeof startLotta>>;
let assemblyId: string;
let recommendationIds: string[];
let memberEmails: string[];
const commissionerEmail = 'beata@kommunen.test';

before(async () => {
  smtp = await startTestSmtpServer();
  // Read when Lotta starts: its send-mail jobs deliver to the test's SMTP server.
  process.env.SMTP_URL = smtp.url;
  lotta = await startLotta();
  browser = await launchBrowser();
  const actor = await adminActorOf(lotta);
  assemblyId = await createAssembly(lotta.database, actor, {
    title: { sv: 'Klimatrådet', en: 'The climate assembly' },
    remit: { sv: 'Hur ska kommunen minska utsläppen?', en: 'How should the municipality cut emissions?' },
    commissioner: 'Kommunen',
    fundingSource: 'Kommunen',
    coordinator: 'Lotta',
    panelSize: 20,
    languages: ['sv', 'en'],
    startsOn: null,
    endsOn: null,
  });
  const { members } = await seedPanel(lotta.database, assemblyId, ['Anna Ek', 'Bo Al', 'Cia Asp']);
  memberEmails = members.map((m) => m.email);
  const group = await saveWorkingGroup(lotta.database, actor, assemblyId, null, {
    nameSv: 'Trafik',
    nameEn: 'Traffic',
    facilitatorId: '',
    memberIds: [members[0].id],
  });
  recommendationIds = [];
  for (const title of ['Kvällsbussar', 'Cykelbanor', 'Solpaneler', 'Skolmat', 'Träd'])
    recommendationIds.push(
      await createRecommendation(lotta.database, actor, assemblyId, group, {
        title,
        body: `${title} för alla.`,
        rationale: '',
      }),
    );
  // As closing the plenary's votes leaves them.
  await lotta.database.db
    .updateTable('recommendations')
    .set({ status: 'adopted' })
    .where('id', 'in', recommendationIds)
    .execute();
  await setAnswerDeadline(lotta.database, actor, assemblyId, {
    handoverDate: stockholmDate(Date.now() - 30 * day),
    deadline: stockholmDate(Date.now() + 10 * day),
  });
});
after(async () => {
  delete process.env.SMTP_URL;
  await browser?.close();
  await lotta?.close();
  await smtp?.close();
});

async function desktop(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1100, height: 900 },
    bypassCSP: true,
  });
  return context.newPage();
}

async function mailTo(address: string, count = 1) {
  const until = Date.now() + 20_000;
  for (;;) {
    const mails = smtp.received.filter((m) => m.to.includes(address));
    if (mails.length >= count || Date.now() > until) return mails;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function answer(page: Page, id: string, status: string) {
  await page.goto(`${lotta.url}/a/${assemblyId}/answers/${id}?lang=en`);
  await page.getByLabel(status, { exact: true }).check();
  await page.getByLabel('Reasons').fill('We have looked into it.\n\nIt fits the budget.');
  await page.getByLabel('Body responsible').fill('The transport committee');
  await page.getByRole('button', { name: 'Publish the answer' }).click();
  await page.waitForURL('**notice=published');
}

test('a commissioner invited by e-mail answers five recommendations, one late, and reports progress', async () => {
  const organiser = await desktop();
  await organiser.goto(`${lotta.url}/login?lang=en`);
  await organiser.getByLabel('E-mail address').fill(admin.email);
  await organiser.getByLabel('Password').fill(admin.password);
  await organiser.getByRole('button', { name: 'Log in' }).click();
  await organiser.waitForURL('**/assemblies');
  await organiser.goto(`${lotta.url}/a/${assemblyId}/answers`);
  assert.deepEqual(await accessibilityProblems(organiser), []);
  await organiser.getByLabel('Name').fill('Beata Beslut');
  await organiser.getByLabel('E-mail address').fill(commissionerEmail);
  await organiser.getByRole('button', { name: 'Invite as decision maker' }).click();
  await organiser.waitForURL('**notice=invited');
  await screenshot(organiser, 'invited');

  const [invitation] = await within('The invitation e-mail', mailTo(commissionerEmail));
  assert.ok(invitation, 'the set-password link arrived');
  const link = /http:\/\/[\w.:]+\/set-password\/[\w-]+/.exec(invitation.text)![0];
  const page = await desktop();
  await page.goto(`${link}?lang=en`);
  const chosen = 'a password Beata chose herself';
  await page.locator('#password').fill(chosen);
  await page.locator('#repeat').fill(chosen);
  await page.getByRole('button', { name: 'Save the password' }).click();
  await page.goto(`${lotta.url}/login?lang=en`);
  await page.getByLabel('E-mail address').fill(commissionerEmail);
  await page.getByLabel('Password').fill(chosen);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/assemblies');
  await page.getByRole('link', { name: 'The climate assembly' }).click();
  await page.waitForURL(`**/a/${assemblyId}/answers`);
  assert.equal(
    await page.getByRole('navigation', { name: 'Parts of this assembly' }).first().getByRole('link').count(),
    1,
  );

  const statuses = ['Accepted', 'Partly accepted', 'Not accepted', 'Under consideration'];
  for (const [i, id] of recommendationIds.slice(0, 4).entries()) await answer(page, id, statuses[i]);
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'answer-published');

  // Time passes: the four were answered long ago, and the deadline was yesterday.
  await lotta.database.db
    .updateTable('answers')
    .set({ published_at: new Date(Date.now() - 20 * day).toISOString() })
    .execute();
  await setAnswerDeadline(lotta.database, await adminActorOf(lotta), assemblyId, {
    handoverDate: stockholmDate(Date.now() - 30 * day),
    deadline: stockholmDate(Date.now() - day),
  });
  await page.goto(`${lotta.url}/a/${assemblyId}/answers?lang=en`);
  assert.ok(await page.getByText('1 answer is overdue').isVisible());
  assert.ok(await page.getByRole('row', { name: /Träd/ }).getByText('Overdue').isVisible());
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'overdue');
  await answer(page, recommendationIds[4], 'Accepted');
  await page.goto(`${lotta.url}/a/${assemblyId}/answers?lang=en`);
  assert.ok(await page.getByRole('row', { name: /Träd/ }).getByText('Answered late').isVisible());
  assert.equal(await page.getByText('1 answer is overdue').count(), 0);

  await page.goto(`${lotta.url}/a/${assemblyId}/answers/${recommendationIds[0]}?lang=en`);
  await page.getByLabel('Date', { exact: true }).fill(stockholmDate(Date.now()));
  await page.getByLabel('Started').check();
  await page.getByLabel('What has happened').fill('The new timetable is decided.');
  await page.getByLabel('Link to evidence (optional)').fill('https://example.se/beslut');
  await page.getByRole('button', { name: 'Publish the update' }).click();
  await page.waitForURL('**notice=updated');
  assert.ok(await page.getByText('The new timetable is decided.').isVisible());
  assert.ok(await page.getByRole('link', { name: 'Evidence (example.se)' }).isVisible());
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'update');

  // Each member with an address receives five answers and the update by e-mail, in Swedish.
  for (const email of memberEmails) {
    const mails = await within('The members’ e-mails', mailTo(email, 6));
    assert.equal(mails.length, 6, email);
    assert.ok(mails.some((m) => /Deras svar: Genomförs\./.test(m.text)));
  }
});
