/**
 * The decision maker's answers in a real browser (Chromium, axe's WCAG 2.1 A/AA checks on every
 * page): an organiser invites her, the set-password link arrives by e-mail through the test's SMTP
 * server, she logs in and lands on the answers, answers five recommendations — one after the
 * deadline, shown as overdue until answered, then "answered late" — and posts an implementation
 * update; the organiser publishes the page, where the overdue answer shows as overdue until answered;
 * the page names only the minority statement signatory who consented, and its JSON says what the
 * page says; the members receive the e-mails. Six members answer a questionnaire on their phones
 * (figures shown once closed), four answer another (hidden). Screenshots: test-output/screenshots/answers-*.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { setAnswerDeadline } from '../../src/commands/answers.ts';
import { createAssembly } from '../../src/commands/assemblies.ts';
import { answerQuestionnaire, closeQuestionnaire, openQuestionnaire } from '../../src/commands/evaluation.ts';
import { signMinorityStatement, writeMinorityStatement } from '../../src/commands/minority-statements.ts';
import { givePublishNameConsent, issueMemberLink } from '../../src/commands/people.ts';
import { createRecommendation, saveWorkingGroup } from '../../src/commands/recommendations.ts';
import { stockholmDate } from '../../src/domain/answers.ts';
import { questionnaireStatements } from '../../src/domain/evaluation.ts';
import { type Person, seedPanel, sessionAroundNow } from '../support/attendance.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import {
  accessibilityProblems,
  admin,
  adminActorOf,
  launchBrowser,
  logIn,
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
let panel: Person[];
let slug: string;
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
  const { members } = await seedPanel(lotta.database, assemblyId, [
    'Anna Ek',
    'Bo Al',
    'Cia Asp',
    'Dan Öst',
    'Eva Ås',
    'Frej Ärlig',
    'Gun Berg',
    'Hugo Dal',
    'Ines Lund',
    'Jon Mark',
  ]);
  panel = members;
  memberEmails = members.slice(0, 3).map((m) => m.email);
  // Only e-mail for the first three, so the mail count below stays as it was; the others get letters.
  await lotta.database.db
    .updateTable('person_contacts')
    .set({ email: null })
    .where(
      'person_id',
      'in',
      members.slice(3).map((m) => m.id),
    )
    .execute();
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
  // A minority statement to the first, signed by two: Cia, who lets her name be published, and Bo,
  // who does not.
  const statement = await writeMinorityStatement(lotta.database, actor, assemblyId, recommendationIds[0], {
    personId: members[2].id,
    text: 'Vi vill hellre ha billigare månadskort för alla.',
  });
  await signMinorityStatement(
    lotta.database,
    actor,
    assemblyId,
    recommendationIds[0],
    statement,
    members[1].id,
  );
  await givePublishNameConsent(
    lotta.database,
    { kind: 'person', personId: members[2].id },
    assemblyId,
    members[2].id,
  );
  slug = (
    await lotta.database.db
      .selectFrom('assemblies')
      .select('slug')
      .where('id', '=', assemblyId)
      .executeTakeFirstOrThrow()
  ).slug;
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

  // The organiser publishes the assembly's page: the public sees the overdue answer as overdue.
  await organiser.goto(`${lotta.url}/a/${assemblyId}/publication?lang=en`);
  assert.deepEqual(await accessibilityProblems(organiser), []);
  await organiser.getByRole('button', { name: 'Publish the page' }).click();
  await organiser.waitForURL('**notice=published');
  const visitor = await desktop();
  await visitor.goto(`${lotta.url}/public/${slug}?lang=en`);
  const overdueRow = visitor.locator('#answers tr', { hasText: 'Träd' });
  assert.match((await overdueRow.textContent()) ?? '', /Overdue: no answer by the deadline/);
  assert.deepEqual(await accessibilityProblems(visitor), []);
  await screenshot(visitor, 'public-overdue');
  await answer(page, recommendationIds[4], 'Accepted');
  await page.goto(`${lotta.url}/a/${assemblyId}/answers?lang=en`);
  assert.ok(await page.getByRole('row', { name: /Träd/ }).getByText('Answered late').isVisible());
  assert.equal(await page.getByText('1 answer is overdue').count(), 0);
  await visitor.reload();
  assert.doesNotMatch((await overdueRow.textContent()) ?? '', /Overdue: no answer by the deadline/);
  assert.match((await overdueRow.textContent()) ?? '', /answered after the deadline/);

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

  // The page names only the signatory who consented; its JSON says what the page says.
  await visitor.reload();
  const publicText = (await visitor.locator('main').textContent()) ?? '';
  assert.match(publicText, /Cia Asp/);
  assert.doesNotMatch(publicText, /Bo Al|Anna Ek|Dan Öst/);
  const data = await (await visitor.request.get(`${lotta.url}/public/${slug}.json`)).json();
  assert.doesNotMatch(JSON.stringify(data), /Bo Al|Anna Ek|Dan Öst/);
  const titles = new Map(
    (data.recommendations.items as { id: string; title: string }[]).map((r) => [r.id, r.title]),
  );
  const statusWords: Record<string, string> = {
    accepted: 'Accepted',
    partly_accepted: 'Partly accepted',
    not_accepted: 'Not accepted',
    under_consideration: 'Under consideration',
  };
  for (const item of data.answers.items as {
    recommendationId: string;
    status: string;
    answeredLate: boolean;
  }[]) {
    const title = titles.get(item.recommendationId) ?? '';
    const row = visitor.locator('#answers tr', { hasText: title });
    assert.match((await row.textContent()) ?? '', new RegExp(statusWords[item.status]), title);
  }
  assert.equal(data.answers.items.filter((a: { answeredLate: boolean }) => a.answeredLate).length, 1);
  await screenshot(visitor, 'public-answered');

  // Each member with an address receives five answers and the update by e-mail, in Swedish.
  for (const email of memberEmails) {
    const mails = await within('The members’ e-mails', mailTo(email, 6));
    assert.equal(mails.length, 6, email);
    assert.ok(mails.some((m) => /Deras svar: Genomförs\./.test(m.text)));
  }
});

test('six members answer a questionnaire on their phones and its figures show once closed; four answers stay hidden', async () => {
  const actor = await adminActorOf(lotta);
  const six = await openQuestionnaire(lotta.database, actor, assemblyId, { kind: 'final', sessionId: '' });
  const phone = await browser.newContext({
    locale: 'en-GB',
    viewport: { width: 390, height: 844 },
    bypassCSP: true,
  });
  const statements = questionnaireStatements.final;
  for (const [i, member] of panel.slice(0, 6).entries()) {
    const own = await phone.newPage();
    const token = await issueMemberLink(lotta.database, actor, assemblyId, member.id);
    await own.goto(`${lotta.url}/m/${token}?lang=en`);
    await own.goto(`${lotta.url}/member/questionnaires/${six}?lang=en`);
    const groups = own.getByRole('group');
    for (let g = 0; g < statements.length; g++)
      await groups
        .nth(g)
        .getByLabel(i % 2 ? 'Mostly agree' : 'Fully agree', { exact: true })
        .check();
    if (i === 0) {
      assert.deepEqual(await accessibilityProblems(own), []);
      await screenshot(own, 'questionnaire');
    }
    await own.getByRole('button', { name: 'Send my answer' }).click();
    await own.waitForURL('**/member?notice=answered*');
    await own.close();
  }
  await phone.close();
  // A session's questionnaire that only four answer (through the same command the page calls).
  const session = await sessionAroundNow(lotta.database, actor, assemblyId, 'Plenum', -120, -60);
  const four = await openQuestionnaire(lotta.database, actor, assemblyId, {
    kind: 'session',
    sessionId: session,
  });
  for (const member of panel.slice(0, 4))
    await answerQuestionnaire(lotta.database, { personId: member.id, assemblyId }, four, {
      levels: Object.fromEntries(questionnaireStatements.session.map((st) => [st, '4'])),
      comment: 'Fyra svar räcker inte.',
    });
  await closeQuestionnaire(lotta.database, actor, assemblyId, six);
  await closeQuestionnaire(lotta.database, actor, assemblyId, four);
  const organiser = await desktop();
  await logIn(organiser, lotta.url, admin);
  await organiser.goto(`${lotta.url}/a/${assemblyId}/evaluation/questionnaires/${six}?lang=en`);
  const shown = (await organiser.locator('main').textContent()) ?? '';
  assert.match(shown, /6 answers of 10 asked/);
  assert.match(shown, /Average 4\.5 on the scale from 1 to 5 \(6 answers on the scale\)/);
  assert.equal(await organiser.locator('main svg').count(), statements.length);
  assert.deepEqual(await accessibilityProblems(organiser), []);
  await screenshot(organiser, 'questionnaire-figures');
  await organiser.goto(`${lotta.url}/a/${assemblyId}/evaluation/questionnaires/${four}?lang=en`);
  const hidden = (await organiser.locator('main').textContent()) ?? '';
  assert.match(hidden, /4 answers of 10 asked/);
  assert.match(hidden, /Fewer than five answers — hidden\./);
  assert.doesNotMatch(hidden, /Average|Fyra svar räcker inte/);
  assert.equal(await organiser.locator('main svg').count(), 0);
  assert.deepEqual(await accessibilityProblems(organiser), []);
});
