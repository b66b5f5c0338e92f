/**
 * The recruitment journey in a real browser: an administrator creates an organiser's account; the
 * organiser logs in with the one-time password and chooses their own, creates an assembly and its
 * questions, imports a pool file, creates invite codes and opens registration; a volunteer signs up
 * in Swedish with a code from a letter; the organiser finds them and changes their status.
 * Screenshots of every step land in test-output/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityProblems,
  admin,
  fillOptions,
  launchBrowser,
  screenshotDir,
  screenshots,
  startLotta,
} from './support.ts';

const screenshot = screenshots('journey');
let browser: Browser;
let lotta: Awaited<ReturnType<typeof startLotta>>;
let organiserContext: BrowserContext;
let organiser: Page;
let volunteerContext: BrowserContext;
let volunteer: Page;
let assemblyUrl = '';
let inviteCode = '';

const organiserEmail = 'karin.organiser@lotta.test';
const organiserPassword = 'sju sjösjuka sjömän på skeppet';

/** A respondents' file as an organiser might get it: Swedish headers, semicolons, åäö. */
function poolFile(): string {
  const first = ['Åsa', 'Örjan', 'Märta', 'Lars', 'Fatima', 'Ahmed', 'Ingrid', 'Nils'];
  const last = ['Lindström', 'Öberg', 'Åkesson', 'Nilsson'];
  const lines = ['id;Namn;E-post;Telefon;Postnummer;Ort;Kön;Ålder'];
  for (let i = 0; i < 32; i++) {
    const name = `${first[i % first.length]} ${last[i % last.length]}`;
    const email = `person${i}@example.se`;
    lines.push(
      [
        `R${100 + i}`,
        name,
        email,
        `070-000 ${String(i).padStart(2, '0')}`,
        '411 01',
        'Göteborg',
        i % 2 ? 'Man' : 'Kvinna',
        i % 3 ? '30-64' : '16-29',
      ].join(';'),
    );
  }
  return `${lines.join('\n')}\n`;
}

before(
  async () => {
    lotta = await startLotta({ minimumFormMillis: 500 });
    browser = await launchBrowser();
    organiserContext = await browser.newContext({
      bypassCSP: true,
      locale: 'en-GB',
      viewport: { width: 1200, height: 900 },
    });
    organiser = await organiserContext.newPage();
    volunteerContext = await browser.newContext({
      bypassCSP: true,
      locale: 'sv-SE',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    volunteer = await volunteerContext.newPage();
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await browser?.close();
    await lotta?.close();
  },
  { timeout: 60_000 },
);

async function expectAccessible(page: Page, name: string) {
  assert.deepEqual(await accessibilityProblems(page), [], `WCAG problems on ${name}`);
}

test('an administrator creates the organiser, who logs in and chooses a password', async () => {
  const adminPage = await organiserContext.newPage();
  await adminPage.goto(`${lotta.url}/login?lang=en`);
  await adminPage.getByLabel('E-mail address').fill(admin.email);
  await adminPage.getByLabel('Password').fill(admin.password);
  await adminPage.getByRole('button', { name: 'Log in' }).click();
  // The click waits for the login's answer only when Chromium reports the form's navigation before
  // the click returns, which under load it may not; going on at once would cancel the login, and
  // with it the session cookie.
  await adminPage.waitForURL((url) => url.pathname !== '/login');
  await adminPage.goto(`${lotta.url}/admin/accounts`);
  await adminPage.getByLabel('Name').fill('Karin Organiser');
  await adminPage.getByLabel('E-mail address').fill(organiserEmail);
  await adminPage.getByRole('button', { name: 'Create the account' }).click();
  const oneTime = await adminPage.locator('.notice code').innerText();
  await adminPage.getByRole('button', { name: 'Log out' }).click();
  // Closing a page while its form's navigation is under way can leave Chromium never answering the
  // close (seen under load): close it once the logout has landed.
  await adminPage.waitForURL((url) => url.pathname !== '/admin/accounts');
  await adminPage.waitForLoadState('load');
  await adminPage.close();

  await organiser.goto(`${lotta.url}/login`);
  await organiser.getByLabel('E-mail address').fill(organiserEmail);
  await organiser.getByLabel('Password').fill(oneTime);
  await organiser.getByRole('button', { name: 'Log in' }).click();
  await organiser.waitForURL('**/account/password');
  await screenshot(organiser, 'choose-password');
  await organiser.getByLabel('Current password').fill(oneTime);
  await organiser.locator('#password').fill(organiserPassword);
  await organiser.getByLabel('New password again').fill(organiserPassword);
  await organiser.getByRole('button', { name: 'Change password' }).click();
  await organiser.waitForURL('**/account?notice=password_changed');
});

test('the organiser creates an assembly with its questions', async () => {
  await organiser.goto(`${lotta.url}/assemblies/new`);
  await organiser.getByLabel('Title in Swedish').fill('Medborgarrådet om klimatet i Göteborg');
  await organiser.getByLabel('Title in English').fill("Gothenburg citizens' assembly on climate");
  await organiser
    .getByLabel('Remit question in Swedish')
    .fill('Hur kan Göteborg bli klimatneutralt till 2030 på ett rättvist sätt?');
  await organiser.getByLabel('Commissioner').fill('Göteborgs stad');
  await organiser.getByLabel('Number of members').fill('30');
  await organiser.getByRole('button', { name: 'Create the assembly' }).click();
  await organiser.waitForURL(/notice=created/);
  assemblyUrl = organiser.url().split('?')[0];
  await organiser.goto(`${assemblyUrl}/questions`);
  await organiser.getByLabel('Key').fill('gender');
  await organiser.getByLabel('Question in Swedish').fill('Kön');
  await organiser.getByLabel('Question in English').fill('Gender');
  await fillOptions(organiser, 0, [
    ['woman', 'Kvinna', 'Woman'],
    ['man', 'Man', 'Man'],
  ]);
  await organiser.getByRole('button', { name: 'Add another question' }).click();
  await organiser.locator('[name="q1.key"]').fill('age');
  await organiser.locator('[name="q1.label_sv"]').fill('Ålder');
  await organiser.locator('[name="q1.label_en"]').fill('Age');
  await fillOptions(organiser, 1, [
    ['16-29', '16–29 år', '16–29'],
    ['30-64', '30–64 år', '30–64'],
    ['65+', '65 år eller äldre', '65 or older'],
  ]);
  await organiser.getByRole('button', { name: 'Save the questions' }).click();
  assert.match(await organiser.locator('.notice').innerText(), /saved/);
});

test('the organiser imports a pool file: mapping, check, import; a second import adds nobody', async () => {
  const dir = join(screenshotDir, '..', 'files');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'svar-göteborg.csv');
  writeFileSync(file, poolFile());
  await organiser.goto(`${assemblyUrl}/import`);
  await organiser.getByLabel('File to import').setInputFiles(file);
  await organiser.getByRole('button', { name: 'Upload and continue' }).click();
  await screenshot(organiser, 'import-mapping');
  await expectAccessible(organiser, 'import mapping');
  // The guesses from the Swedish headers.
  assert.equal(await organiser.getByLabel("Each person's id").inputValue(), 'id');
  assert.equal(await organiser.getByLabel('Name', { exact: true }).inputValue(), 'Namn');
  await organiser.getByLabel('Gender', { exact: true }).selectOption('Kön');
  await organiser.getByLabel('Age', { exact: true }).selectOption('Ålder');
  await organiser.getByRole('button', { name: 'Check the import' }).click();
  await screenshot(organiser, 'import-preview');
  assert.match(
    await organiser.locator('main').innerText(),
    /32 rows in the file: 32 new, 0 already imported/,
  );
  await organiser.getByRole('button', { name: 'Import 32 people' }).click();
  assert.match(await organiser.locator('main').innerText(), /32 added, 0 already there/);
  await screenshot(organiser, 'import-done');

  await organiser.getByLabel('File to import').setInputFiles(file);
  await organiser.getByRole('button', { name: 'Upload and continue' }).click();
  await organiser.getByLabel('Gender', { exact: true }).selectOption('Kön');
  await organiser.getByLabel('Age', { exact: true }).selectOption('Ålder');
  await organiser.getByRole('button', { name: 'Check the import' }).click();
  assert.match(await organiser.locator('main').innerText(), /importing it again would add nobody/i);
});

test('the organiser creates invite codes and opens registration', async () => {
  await organiser.goto(`${assemblyUrl}/invitations`);
  await organiser.getByLabel('Number of new codes').fill('5');
  await organiser.getByRole('button', { name: 'Create the codes' }).click();
  const csv = await (await organiser.request.get(`${assemblyUrl}/invitations.csv`)).text();
  const codes = csv
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',')[0]);
  assert.equal(codes.length, 5);
  inviteCode = codes[0];
  await organiser.goto(assemblyUrl);
  await organiser.getByLabel('Registration').selectOption('1');
  await organiser.getByRole('button', { name: 'Save' }).click();
  assert.match(await organiser.locator('main').innerText(), /Open: volunteers sign up/);
});

test('a volunteer signs up in Swedish on a phone with the code from the letter', async () => {
  await volunteer.goto(`${lotta.url}/`);
  await volunteer.getByRole('link', { name: 'Anmäl dig' }).click();
  await expectAccessible(volunteer, 'code page');
  // A mistyped code first.
  await volunteer.getByLabel('Inbjudningskod').fill('AAAAA-BBBBB');
  await volunteer.getByRole('button', { name: 'Fortsätt' }).click();
  await screenshot(volunteer, 'wrong-code');
  assert.equal(await volunteer.getByLabel('Inbjudningskod').inputValue(), 'AAAAA-BBBBB');
  // Codes are typed from paper: lower case and without the dash work too.
  await volunteer.getByLabel('Inbjudningskod').fill(inviteCode.toLowerCase().replace('-', ' '));
  await volunteer.getByRole('button', { name: 'Fortsätt' }).click();
  await volunteer.waitForURL(/\/register\/.+/);
  const formShownAt = Date.now();
  assert.match(await volunteer.locator('main').innerText(), /klimatneutralt till 2030/);
  await expectAccessible(volunteer, 'registration form');
  await volunteer.getByRole('radio', { name: 'Kvinna' }).check();
  await volunteer.getByLabel('Ditt namn').fill('Björk Ångström');
  await volunteer.getByLabel('Hörslinga').check();
  // A person takes longer than the bot check's 500 ms to fill in the form; on a fast machine the
  // browser does not, and would be told the form came too fast.
  await volunteer.waitForTimeout(Math.max(0, 700 - (Date.now() - formShownAt)));
  // Sent without a way to reach her and without the consents: told what to fix, nothing lost.
  await volunteer.getByRole('button', { name: 'Skicka min anmälan' }).click();
  await screenshot(volunteer, 'registration-errors');
  await expectAccessible(volunteer, 'registration form with errors');
  assert.match(await volunteer.locator('main').innerText(), /e-postadress eller ett telefonnummer/);
  assert.equal(await volunteer.getByLabel('Ditt namn').inputValue(), 'Björk Ångström');
  assert.equal(await volunteer.getByRole('radio', { name: 'Kvinna' }).isChecked(), true);
  assert.equal(await volunteer.getByLabel('Hörslinga').isChecked(), true);
  await volunteer.getByRole('radio', { name: '30–64 år' }).check();
  await volunteer.getByLabel('E-post', { exact: true }).fill('bjork.angstrom@example.se');
  await volunteer.getByLabel('Telefon', { exact: true }).fill('070-765 43 21');
  await volunteer.getByLabel(/Jag vill delta/).check();
  await volunteer.getByLabel(/Jag godkänner/).check();
  await volunteer.getByRole('button', { name: 'Skicka min anmälan' }).click();
  await volunteer.getByRole('heading', { name: 'Tack för din anmälan!' }).waitFor();
  await screenshot(volunteer, 'registration-thanks');
  await expectAccessible(volunteer, 'thank-you page');
  assert.match(await volunteer.locator('main').innerText(), /P-00033/);

  // The same letter cannot be used twice.
  await volunteer.goto(`${lotta.url}/register`);
  await volunteer.getByLabel('Inbjudningskod').fill(inviteCode);
  await volunteer.getByRole('button', { name: 'Fortsätt' }).click();
  assert.match(await volunteer.locator('main').innerText(), /redan använts/);
});

test('the organiser finds the volunteer and changes her status', async () => {
  await organiser.goto(`${assemblyUrl}/people`);
  await screenshot(organiser, 'people');
  await expectAccessible(organiser, 'people list');
  await organiser.getByLabel('Search name, e-mail, phone or reference').fill('ångström');
  await organiser.getByRole('button', { name: 'Show' }).click();
  await organiser
    .getByRole('link', { name: /Björk Ångström|P-00033/ })
    .first()
    .click();
  await screenshot(organiser, 'person');
  await expectAccessible(organiser, 'person page');
  const text = await organiser.locator('main').innerText();
  assert.match(text, /bjork\.angstrom@example\.se/);
  assert.match(text, /Hearing loop/);
  await organiser.getByLabel('New status').selectOption('selected');
  await organiser.getByLabel('Comment').fill('Drawn in the lottery on 1 March');
  await organiser.getByRole('button', { name: 'Save the new status' }).click();
  const after = await organiser.locator('main').innerText();
  assert.match(after, /Drawn in the lottery on 1 March/);
  assert.match(after, /Karin Organiser/);
  await screenshot(organiser, 'status-changed');
  const row = await lotta.database.db
    .selectFrom('people')
    .innerJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .select(['people.status'])
    .where('person_contacts.full_name', '=', 'Björk Ångström')
    .executeTakeFirstOrThrow();
  assert.equal(row.status, 'selected');
});
