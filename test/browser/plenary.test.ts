/**
 * The plenary, in a browser (1280 × 900, Swedish texts): three working groups draft five
 * recommendations; an amendment is shown before and after and accepted; a vote with an 80 %
 * threshold where 60 members present vote — 45 through their own phone pages (40 of them as plain
 * HTTP requests, 5 in a phone-sized browser), 10 on a table's tablet with the codes on their name
 * cards, 5 on paper typed in twice with one mismatch found and corrected; the projector shows the
 * turnout while open and the result with its threshold once closed; and the final report's PDF holds
 * the recommendations verbatim (å, ä, ö) with the vote's figures. Every page passes axe's WCAG 2.1 AA
 * rules; screenshots in test-output/screenshots/plenary-*.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { grantRole } from '../../src/commands/assemblies.ts';
import { checkIn } from '../../src/commands/attendance.ts';
import { issueMemberLink } from '../../src/commands/people.ts';
import { ensureCardCodes } from '../../src/commands/votes.ts';
import { type Person, seedPanel, sessionAroundNow } from '../support/attendance.ts';
import { pdfText } from '../support/pdf-text.ts';
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

const screenshot = screenshots('plenary');
const typist = { email: 'typist@lotta.test', password: 'second typist password 2026' };
const firstNames = ['Åsa', 'Örjan', 'Märta', 'Björn', 'Kärstin', 'Göran', 'Ängla', 'Sölve', 'Maja', 'Ali'];
const names = Array.from(
  { length: 60 },
  (_, i) => `${firstNames[i % 10]} Ödmark ${String(i + 1).padStart(2, '0')}`,
);

let browser: Browser;
let staffContext: BrowserContext;
let lotta: Awaited<ReturnType<typeof startLotta>>;
let page: Page;
let assemblyId: string;
let sessionId: string;
let members: Person[];

before(async () => {
  lotta = await startLotta();
  const adminActor = await adminActorOf(lotta);
  assemblyId = await createTestAssembly({ database: lotta.database, adminActor });
  ({ members } = await seedPanel(lotta.database, assemblyId, names));
  sessionId = await sessionAroundNow(lotta.database, adminActor, assemblyId, 'Plenum', -30, 240);
  for (const m of members) await checkIn(lotta.database, adminActor, assemblyId, sessionId, m.id);
  await createStaff({ database: lotta.database, adminActor }, typist.email, typist.password);
  await grantRole(lotta.database, adminActor, assemblyId, typist.email, 'facilitator');
  browser = await launchBrowser();
  // axe-core is injected as a script, which the Content-Security-Policy would otherwise block.
  staffContext = await browser.newContext({
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
  });
  page = await staffContext.newPage();
});
after(async () => {
  await browser?.close();
  await lotta?.close();
});

async function checkAccessible(on: Page, where: string) {
  assert.deepEqual(await accessibilityProblems(on), [], `WCAG problems on ${where}`);
}

/** One member's ballot from her own link, as a phone without a browser engine would send it. */
async function castOverHttp(token: string, voteId: string, choice: string): Promise<number> {
  const jar: string[] = [];
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) jar.push(line.split(';')[0]);
  };
  const request = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${lotta.url}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.join('; ') },
    });
    remember(response);
    return response;
  };
  await request(`/m/${token}`);
  const form = await (await request(`/member/votes/${voteId}`)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
  const sent = await request(`/member/votes/${voteId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, choice }).toString(),
  });
  if (sent.status === 303) return (await request(sent.headers.get('location') ?? '')).status;
  return sent.status;
}

const groups = [
  { sv: 'Transporter', en: 'Transport', members: [0, 1, 2] },
  { sv: 'Energi och boende', en: 'Energy and housing', members: [3, 4, 5] },
  { sv: 'Mat och jordbruk', en: 'Food and farming', members: [6, 7, 8] },
];

/** Five recommendations in the members' words, with å, ä and ö; the first goes to the vote. */
const recommendations = [
  {
    group: 0,
    title: 'Gratis kollektivtrafik för unga',
    body: 'Kommunen inför gratis kollektivtrafik för alla under 20 år.\n\nÅtgärden utvärderas efter två år av en oberoende granskare.',
    rationale: 'Unga åker mer kollektivt när det är gratis, och vanan håller i sig.',
  },
  {
    group: 0,
    title: 'Säkra cykelvägar året runt',
    body: 'Cykelbanorna plogas och sandas före bilvägarna när det snöar.',
    rationale: 'Många cyklar hellre om vägen är trygg även på vintern.',
  },
  {
    group: 1,
    title: 'Solceller på skolornas tak',
    body: 'Alla skolor och förskolor får solceller senast år 2030.',
    rationale: 'Taken står tomma och elen behövs mest på dagen.',
  },
  {
    group: 1,
    title: 'Energiråd för småhusägare',
    body: 'Kommunens energirådgivare besöker varje småhus som ber om det, utan kostnad.',
    rationale: 'Råd på plats ger större åtgärder än råd på nätet.',
  },
  {
    group: 2,
    title: 'Närodlad mat i skolköken',
    body: 'Minst hälften av maten i skolköken är odlad inom 25 mil år 2028.',
    rationale: 'Kortare transporter och stöd till bönderna i länet.',
  },
];

async function draftEverything(): Promise<string[]> {
  const base = `${lotta.url}/a/${assemblyId}/recommendations`;
  for (const group of groups) {
    await page.goto(base);
    await page.getByRole('link', { name: 'New working group' }).click();
    await page.getByLabel('Name in Swedish').fill(group.sv);
    await page.getByLabel('Name in English').fill(group.en);
    for (const i of group.members) await page.getByLabel(`${names[i]} (`).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.notice').filter({ hasText: 'The working group is saved.' }).waitFor();
  }
  await checkAccessible(page, 'the working groups');
  const ids: string[] = [];
  for (const r of recommendations) {
    await page.goto(base);
    const section = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: groups[r.group].en }) });
    await section.getByRole('link', { name: 'New recommendation' }).click();
    await page.getByLabel('Title').fill(r.title);
    await page.getByLabel('Recommendation', { exact: true }).fill(r.body);
    await page.getByLabel('Rationale').fill(r.rationale);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.notice').filter({ hasText: 'The recommendation is saved as a draft.' }).waitFor();
    ids.push(/recommendations\/([\w-]+)/.exec(page.url())?.[1] ?? '');
  }
  await page.goto(base);
  await screenshot(page, 'recommendations');
  return ids;
}

test('the plenary: drafting, an amendment, an 80 % vote of 60 through every channel, the report', async () => {
  await logIn(page, lotta.url, admin);
  const ids = await draftEverything();
  assert.equal(ids.filter(Boolean).length, 5);
  const first = `${lotta.url}/a/${assemblyId}/recommendations/${ids[0]}`;

  // An amendment proposed for a member, shown before and after, accepted by the group.
  await page.goto(first);
  await page.getByLabel('Member who proposes it').selectOption(members[1].id);
  await page.getByLabel('Passage to change').fill('efter två år');
  await page.getByLabel('New wording').fill('efter ett år');
  await page.getByLabel('Reason', { exact: true }).fill('Snabbare besked till politikerna.');
  await page.getByRole('button', { name: 'Propose the amendment' }).click();
  const amendment = page.locator('li[id^="amendment-"]');
  await amendment.locator('del').filter({ hasText: 'två' }).waitFor();
  await amendment.locator('ins').filter({ hasText: 'ett' }).waitFor();
  await checkAccessible(page, 'a recommendation with an amendment');
  await screenshot(page, 'amendment');
  await amendment.getByRole('button', { name: 'Accept' }).click();
  await page
    .locator('.recommendation-text')
    .filter({ hasText: 'efter ett år av en oberoende granskare' })
    .waitFor();
  const adoptedText = recommendations[0].body.replace('efter två år', 'efter ett år');
  await screenshot(page, 'accepted');

  // To the plenary, and to a vote: 80 % of the votes cast, at the session.
  await page.getByLabel('New status').selectOption({ label: 'In the plenary' });
  await page.getByRole('button', { name: 'Change the status' }).click();
  await page.getByRole('link', { name: 'Put to a vote' }).click();
  await page.getByLabel('Supermajority (a share of votes cast or of members present)').check();
  await page.getByLabel('Share needed').fill('80');
  await page.getByLabel('Session').selectOption({ index: 1 });
  await page.getByLabel('Open for (minutes)').fill('60');
  await checkAccessible(page, 'the new vote form');
  await page.getByRole('button', { name: 'Save as a draft' }).click();
  await page.getByRole('button', { name: 'Open the vote now' }).click();
  await page.locator('.notice').filter({ hasText: 'The vote is open.' }).waitFor();
  const voteUrl = page.url().split('?')[0];
  const voteId = voteUrl.split('/').pop() ?? '';
  assert.ok(voteId);
  await checkAccessible(page, 'an open vote');
  await screenshot(page, 'vote-open');

  // Paper: five ballots, typed by the organiser and by a facilitator; one slip found and mended.
  const paper = members.slice(55, 60);
  await page.getByLabel('Name of the stack').fill('Bord 9');
  await page.getByRole('button', { name: 'Add the stack and type it in' }).click();
  const typeStack = async (on: Page, choices: string[]) => {
    for (const [i, m] of paper.entries()) {
      await on.getByLabel(`Ballot number, row ${i + 1}`, { exact: true }).fill(String(101 + i));
      await on.getByLabel(`Member, row ${i + 1}`, { exact: true }).selectOption(m.id);
      await on.getByLabel(`Choice, row ${i + 1}`, { exact: true }).selectOption({ label: choices[i] });
    }
    await checkAccessible(on, 'typing paper ballots');
    await on.getByRole('button', { name: 'Save this typing' }).click();
  };
  await typeStack(page, ['Yes', 'Yes', 'No', 'Yes', 'Yes']);
  const stackUrl = `${lotta.url}/a/${assemblyId}/votes/${voteId}/paper/`;
  const typistPage = await staffContext
    .browser()!
    .newContext({ bypassCSP: true, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    .then((c) => c.newPage());
  await logIn(typistPage, lotta.url, typist);
  await typistPage.goto(voteUrl);
  await typistPage.getByRole('link', { name: 'Type in (second typing)' }).click();
  assert.ok(typistPage.url().startsWith(stackUrl));
  await typeStack(typistPage, ['Yes', 'Yes', 'Yes', 'Yes', 'Yes']);
  await typistPage.locator('.mismatches').filter({ hasText: 'Ballot 103: the two entries differ' }).waitFor();
  await checkAccessible(typistPage, 'a stack with a mismatch');
  await screenshot(typistPage, 'paper-mismatch');
  // The third look: ballot 103 says no; the second typing is corrected.
  await typistPage.getByRole('link', { name: 'Correct the second typing' }).click();
  await typistPage.getByLabel('Choice, row 3', { exact: true }).selectOption({ label: 'No' });
  await typistPage.getByRole('button', { name: 'Save this typing' }).click();
  await typistPage.getByText('5 paper ballots counted.').waitFor();

  // 45 members on their own phones: 5 in a phone-sized browser, 40 as plain HTTP requests at once.
  const adminActor = await adminActorOf(lotta);
  const phoneVoters = members.slice(0, 45);
  const phoneChoice = (i: number) => (i % 9 === 8 ? 'no' : 'yes');
  const phone = await browser.newContext({
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 390, height: 844 },
    isMobile: true,
  });
  for (const [i, m] of phoneVoters.slice(0, 5).entries()) {
    const token = await issueMemberLink(lotta.database, adminActor, assemblyId, m.id);
    const own = await phone.newPage();
    await own.goto(`${lotta.url}/m/${token}?lang=en`);
    await own.goto(`${lotta.url}/member/votes`);
    await own.getByRole('link', { name: 'Vote', exact: true }).click();
    if (i === 0) {
      await checkAccessible(own, 'the ballot on a phone');
      await screenshot(own, 'phone-ballot');
    }
    await own.getByRole('button', { name: phoneChoice(i) === 'yes' ? 'Yes' : 'No', exact: true }).click();
    await own.getByRole('heading', { name: 'Your vote is counted' }).waitFor();
    if (i === 0) {
      await checkAccessible(own, 'the receipt');
      await screenshot(own, 'phone-receipt');
    }
    await own.close();
  }
  await phone.close();
  const overHttp = await Promise.all(
    phoneVoters.slice(5).map(async (m, j) => {
      const token = await issueMemberLink(lotta.database, adminActor, assemblyId, m.id);
      return castOverHttp(token, voteId, phoneChoice(j + 5));
    }),
  );
  assert.deepEqual(
    overHttp.filter((status) => status !== 200),
    [],
    'every ballot over HTTP answered with its receipt',
  );

  // Ten at a table's tablet, each with the code on her name card (printed with the cards).
  const codes = await ensureCardCodes(lotta.database, assemblyId);
  for (const [i, m] of members.slice(45, 55).entries()) {
    await page.goto(`${voteUrl}/tablet`);
    await page.getByRole('link', { name: m.name }).click();
    await page.getByLabel('The code on your name card (6 digits)').fill(codes.get(m.id) ?? '');
    if (i === 0) await checkAccessible(page, 'the tablet');
    await page.getByRole('button', { name: i < 7 ? 'Yes' : 'No', exact: true }).click();
    await page.getByText(`Thank you, ${m.name.split(' ')[0]}. Hand the tablet on.`).waitFor();
  }
  await screenshot(page, 'tablet-thanks');
  assert.equal(
    (
      await lotta.database.db
        .selectFrom('ballots')
        .select('person_id')
        .where('vote_id', '=', voteId)
        .execute()
    ).length,
    60,
  );

  // The projector while open: turnout only.
  await page.goto(`${voteUrl}/projector`);
  const open = (await page.locator('main').textContent()) ?? '';
  assert.match(open, /60 of 60 have voted/);
  assert.doesNotMatch(open, /Adopted|Not adopted/);
  await checkAccessible(page, 'the projector while open');
  await screenshot(page, 'projector-open');
  await page.goto(voteUrl);
  await page.getByRole('button', { name: 'Close the vote and count' }).click();
  await page.locator('.notice').filter({ hasText: 'The vote is closed and counted.' }).waitFor();
  await page.goto(`${voteUrl}/projector`);
  const closed = (await page.locator('main').textContent()) ?? '';
  assert.match(closed, /Adopted: 51 of 60, at least the 48 needed/);
  assert.match(closed, /The dashed line is the threshold: 48 of 60/);
  await checkAccessible(page, 'the projector once closed');
  await screenshot(page, 'projector-closed');

  // The final report: generated by its job, the adopted text verbatim (å, ä, ö) with the vote's figures.
  await page.goto(`${lotta.url}/a/${assemblyId}/final-report?lang=en`);
  await checkAccessible(page, 'the final report tab');
  await page.getByRole('button', { name: 'Generate a new version' }).click();
  await page
    .locator('.notice')
    .filter({ hasText: 'A new version of the final report has been generated.' })
    .waitFor({ timeout: 60_000 });
  await checkAccessible(page, 'the final report');
  await screenshot(page, 'final-report');
  const response = await page.request.get(`${lotta.url}/a/${assemblyId}/final-report/versions/1/pdf/sv`);
  assert.equal(response.status(), 200);
  const bytes = new Uint8Array(await response.body());
  const raw = Buffer.from(bytes).toString('latin1');
  assert.match(raw, /\/StructTreeRoot \d+ 0 R/, 'tagged');
  assert.ok(raw.includes('/Lang (sv)'), 'its language set');
  const text = pdfText(bytes).pageTexts.join('\n').replace(/\s+/g, ' ');
  for (const paragraph of adoptedText.split('\n\n'))
    assert.ok(text.includes(paragraph), `"${paragraph}" verbatim`);
  assert.ok(text.includes(recommendations[0].title));
  for (const figure of [
    'Minst 80 % av avgivna röster',
    'Ja: 51, nej: 9',
    'Antaget: 51 av 60, minst de 48 som behövs.',
  ])
    assert.ok(text.includes(figure), `${figure} in the report`);
});
