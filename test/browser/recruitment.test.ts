/**
 * Issue 4 end to end in a real browser: a scaled-down Swedish climate assembly from the population
 * register to the final report. The administrator creates the assembly and its questions, uploads a
 * synthetic register extract (600 people, households of two, semicolons and åäö), draws 120 letters
 * one per household, stratified by municipality with a weight, and downloads them as PDF and CSV; 40
 * of the recipients sign up in Swedish (three on a phone through the browser, the rest through the
 * same form over HTTP); targets are checked (an impossible one first); a leximin run, its public draw
 * with dice, verification with `lotta verify`, calls by a caller (two decline), a replacement run and
 * its draw, and the representativeness report of the 12 members. Screenshots land in
 * test-output/screenshots/recruitment-*.png, downloaded files in test-output/files/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Browser, type BrowserContext, type Page, request } from 'playwright-core';
import { type CommandIO, verifyCommand } from '../../src/cli/draw-commands.ts';
import { pdfText } from '../support/pdf-text.ts';
import {
  accessibilityProblems,
  admin,
  fillOptions,
  launchBrowser,
  logIn,
  screenshotDir,
  screenshots,
  startLotta,
} from './support.ts';

const screenshot = screenshots('recruitment');
const filesDir = join(screenshotDir, '..', 'files');
/** A selection run of the real engine gets this long before the test gives up. */
const runTimeout = 120_000;

let browser: Browser;
let lotta: Awaited<ReturnType<typeof startLotta>>;
let staffContext: BrowserContext;
let page: Page;
let assemblyUrl = '';
let slug = '';

const savedTrustProxy = process.env.LOTTA_TRUST_PROXY;

before(async () => {
  // The public form allows 20 attempts per client address in ten minutes. Forty volunteers from one
  // test process share 127.0.0.1, so each sends its own address the way a reverse proxy would.
  process.env.LOTTA_TRUST_PROXY = '1';
  mkdirSync(filesDir, { recursive: true });
  lotta = await startLotta();
  browser = await launchBrowser();
  // axe-core is injected as a script, which the Content-Security-Policy would otherwise block.
  staffContext = await browser.newContext({
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 1200, height: 900 },
  });
  page = await staffContext.newPage();
});

after(async () => {
  await browser?.close();
  await lotta?.close();
  if (savedTrustProxy === undefined) delete process.env.LOTTA_TRUST_PROXY;
  else process.env.LOTTA_TRUST_PROXY = savedTrustProxy;
});

async function expectAccessible(on: Page, name: string) {
  assert.deepEqual(await accessibilityProblems(on), [], `WCAG problems on ${name}`);
}

async function mainText(on: Page): Promise<string> {
  return on.locator('main').innerText();
}

/** Opens one of the assembly's tabs. */
async function openTab(on: Page, name: string) {
  await on
    .getByRole('navigation', { name: 'Parts of this assembly' })
    .getByRole('link', { name, exact: true })
    .click();
}

/* ---------------------------------------------------------------------------------------------- */
/* The synthetic register extract                                                                  */

const kommuner = [
  { name: 'Luleå', region: 'norr', postcode: '972' },
  { name: 'Umeå', region: 'norr', postcode: '903' },
  { name: 'Uppsala', region: 'mitt', postcode: '753' },
  { name: 'Örebro', region: 'mitt', postcode: '702' },
  { name: 'Malmö', region: 'syd', postcode: '211' },
  { name: 'Växjö', region: 'syd', postcode: '352' },
];
const regionOf = new Map(kommuner.map((k) => [k.name, k.region]));
const streets = [
  'Storgatan',
  'Åkervägen',
  'Östra Långgatan',
  'Kyrkogatan',
  'Björkvägen',
  'Sjögatan',
  'Ängsvägen',
];
const women = ['Åsa', 'Märta', 'Ingrid', 'Fatima', 'Elin', 'Sofia', 'Ängla', 'Karin', 'Maja', 'Leila'];
const men = ['Örjan', 'Lars', 'Ahmed', 'Nils', 'Björn', 'Erik', 'Mikael', 'Göran', 'Oskar', 'Yusuf'];
const lastNames = ['Öberg', 'Lindström', 'Åkesson', 'Nilsson', 'Ekström', 'Håkansson', 'Şahin', 'Lundqvist'];
const households = 450;
const people = 600;
const registerHeader = ['namn', 'adress', 'postnummer', 'kommun', 'ålder', 'kön'];

/**
 * 600 people in 450 households: households 0–149 are two people at the same address, the rest live
 * alone; 75 households per municipality. Some addresses hold a semicolon and are quoted. The rows are
 * in a scrambled order, as an extract sorted by personal number would be.
 */
function registerExtract(): string {
  const persons: string[][] = [];
  for (let i = 0; i < people; i++) {
    const h = i < 300 ? Math.floor(i / 2) : i - 150;
    const kommun = kommuner[h % kommuner.length];
    const number = 1 + Math.floor(h / streets.length);
    const address = h % 25 === 0 ? `"Gränd ${number}; lgh 1102"` : `${streets[h % streets.length]} ${number}`;
    const woman = i % 2 === 0;
    const first = (woman ? women : men)[Math.floor(i / 2) % 10];
    const last = lastNames[(i * 3 + h) % lastNames.length];
    persons.push([
      `${first} ${last}`,
      address,
      `${kommun.postcode} ${String(10 + ((h * 7) % 90)).padStart(2, '0')}`,
      kommun.name,
      String(16 + ((i * 37) % 80)),
      woman ? 'kvinna' : 'man',
    ]);
  }
  assert.equal(new Set(persons.map((p) => `${p[1]}|${p[2]}`)).size, households);
  const lines = [registerHeader.join(';')];
  // 7919 is prime and does not divide 600, so this visits every row once.
  for (let j = 0; j < people; j++) lines.push(persons[(j * 7919) % people].join(';'));
  return `${lines.join('\n')}\n`;
}

/** A small CSV reader for the print-house file: quoted cells, doubled quotes, CRLF. */
function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

interface Letter {
  namn: string;
  adress: string;
  postnummer: string;
  kommun: string;
  ålder: string;
  kön: string;
  invite_code: string;
  registration_url: string;
}

interface Volunteer {
  letter: Letter;
  gender: 'woman' | 'man';
  age: '16-29' | '30-64' | '65+';
  region: string;
  email: string;
  phone: string;
}

function ageBand(age: number): Volunteer['age'] {
  return age < 30 ? '16-29' : age < 65 ? '30-64' : '65+';
}

/**
 * Forty of the recipients answer, picked so that every answer is well represented (as a real
 * response would be, roughly): at most 20 per gender, 14 per region, and a cap per age group.
 */
function chooseVolunteers(letters: Letter[]): Volunteer[] {
  const all: Volunteer[] = letters.map((letter, i) => ({
    letter,
    gender: letter.kön === 'kvinna' ? 'woman' : 'man',
    age: ageBand(Number(letter.ålder)),
    region: regionOf.get(letter.kommun)!,
    email: i % 5 === 4 ? '' : `volontar${i}@example.se`,
    phone: `070-${String(100 + i).padStart(3, '0')} ${String(10 + (i % 90))} ${String(10 + ((i * 7) % 90))}`,
  }));
  const caps: Record<string, number> = { woman: 20, man: 20, '16-29': 12, '30-64': 16, '65+': 14 };
  for (const k of kommuner) caps[k.region] = 14;
  const count: Record<string, number> = {};
  const chosen: Volunteer[] = [];
  for (const v of all) {
    if (chosen.length === 40) break;
    if ([v.gender, v.age, v.region].some((key) => (count[key] ?? 0) >= caps[key])) continue;
    for (const key of [v.gender, v.age, v.region]) count[key] = (count[key] ?? 0) + 1;
    chosen.push(v);
  }
  for (const v of all) {
    if (chosen.length === 40) break;
    if (!chosen.includes(v)) chosen.push(v);
  }
  return chosen;
}

let letters: Letter[] = [];
let volunteers: Volunteer[] = [];

/* ---------------------------------------------------------------------------------------------- */

test('1. the administrator logs in, in English', async () => {
  await logIn(page, lotta.url, admin);
});

test('2. the assembly “Klimatrådet (test)” with panel size 12 and three questions', async () => {
  await page.getByRole('link', { name: 'New assembly' }).click();
  await page.getByLabel('Title in Swedish').fill('Klimatrådet (test)');
  await page.getByLabel('Title in English').fill('Climate assembly (test)');
  await page
    .getByLabel('Remit question in Swedish')
    .fill('Hur ska Sverige nå klimatmålen på ett sätt som är rättvist och har brett stöd?');
  await page.getByLabel('Commissioner').fill('Regeringskansliet (test)');
  await page.getByLabel('Number of members').fill('12');
  await page.getByRole('button', { name: 'Create the assembly' }).click();
  await page.waitForURL(/\/a\/[\w-]+\?notice=created/);
  assemblyUrl = page.url().split('?')[0];

  await openTab(page, 'Questions');
  await page.getByLabel('Key').fill('gender');
  await page.getByLabel('Question in Swedish').fill('Kön');
  await page.getByLabel('Question in English').fill('Gender');
  await fillOptions(page, 0, [
    ['woman', 'Kvinna', 'Woman'],
    ['man', 'Man', 'Man'],
  ]);
  await page.getByRole('button', { name: 'Add another question' }).click();
  await page.locator('[name="q1.key"]').fill('age');
  await page.locator('[name="q1.label_sv"]').fill('Ålder');
  await page.locator('[name="q1.label_en"]').fill('Age');
  await fillOptions(page, 1, [
    ['16-29', '16–29 år', '16–29'],
    ['30-64', '30–64 år', '30–64'],
    ['65+', '65 år eller äldre', '65 or older'],
  ]);
  await page.getByRole('button', { name: 'Add another question' }).click();
  await page.locator('[name="q2.key"]').fill('region');
  await page.locator('[name="q2.label_sv"]').fill('Landsdel');
  await page.locator('[name="q2.label_en"]').fill('Region');
  await fillOptions(page, 2, [
    ['norr', 'Norra Sverige', 'North'],
    ['mitt', 'Mellersta Sverige', 'Central'],
    ['syd', 'Södra Sverige', 'South'],
  ]);
  await page.getByRole('button', { name: 'Save the questions' }).click();
  assert.match(await page.locator('.notice').innerText(), /saved/);
  assert.equal(await page.locator('[name="q2.key"]').inputValue(), 'region');
  await screenshot(page, 'questions');
});

test('3. a register extract: a broken one is refused, the real one kept; 120 letters drawn and downloaded', async () => {
  await openTab(page, 'Invitations');
  await page.getByRole('link', { name: 'Draw letters from the population register' }).click();
  await expectAccessible(page, 'invitation lottery');

  // An extract with a broken row first: refused with its line number, and nothing kept.
  const good = registerExtract();
  const broken = good.split('\n');
  broken[7] = `${broken[7]};en cell för mycket`;
  const brokenFile = join(filesDir, 'folkbokföring-trasig.csv');
  writeFileSync(brokenFile, broken.join('\n'));
  await page.getByLabel('Register extract (CSV)').setInputFiles(brokenFile);
  await page.getByRole('button', { name: 'Upload and check the extract' }).click();
  assert.match(await page.locator('#file-error').innerText(), /cannot be used as it is/);
  assert.match(await page.locator('#file-error').innerText(), /line 8/);
  assert.match(await mainText(page), /No register extract has been uploaded yet/);
  await screenshot(page, 'register-broken');
  await expectAccessible(page, 'register upload with an error');

  const file = join(filesDir, 'folkbokföring-klimatrådet.csv');
  writeFileSync(file, good);
  await page.getByLabel('Register extract (CSV)').setInputFiles(file);
  await page.getByRole('button', { name: 'Upload and check the extract' }).click();
  await page.waitForURL(/\/registers\/[0-9a-f-]{36}\?uploaded=1/);
  assert.match(await page.locator('.notice').innerText(), /checked and kept: 600 rows/);

  await page.getByLabel('Number of letters').fill('120');
  await page.getByRole('textbox', { name: 'Seed', exact: true }).fill('klimatrådet-test-utskick-1');
  await page.getByRole('checkbox', { name: 'adress', exact: true }).check();
  await page.getByRole('checkbox', { name: 'postnummer', exact: true }).check();
  await page.getByLabel('Stratify by').selectOption('kommun');
  await page.getByLabel('Oversampling weights').fill('Växjö: 2');
  await screenshot(page, 'draw-form');
  await expectAccessible(page, 'letter draw form');
  await page.getByRole('button', { name: 'Draw the letters' }).click();
  await page.waitForURL(/\/draws\/[0-9a-f-]{36}\?done=drawn/);
  const drawUrl = page.url().split('?')[0];
  assert.equal(await page.locator('#drawn-count').innerText(), '120');
  assert.equal(await page.locator('#draw-seed').innerText(), 'klimatrådet-test-utskick-1');
  const facts = await page.locator('#draw-facts').innerText();
  assert.match(facts, /Households\s+450/);
  // Växjö weighs twice as much per household as the other five municipalities.
  const allocation = await page.locator('#allocation tbody tr').allInnerTexts();
  assert.equal(allocation.length, 6);
  const lettersTo = (kommun: string) =>
    Number(
      allocation
        .find((row) => row.startsWith(kommun))!
        .split('\t')
        .pop(),
    );
  assert.ok(lettersTo('Växjö') > 1.5 * lettersTo('Uppsala'), allocation.join('\n'));
  await screenshot(page, 'letters-drawn');
  await expectAccessible(page, 'letter draw result');

  const pdf = await page.request.get(`${drawUrl}/letters.pdf`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const pdfBytes = await pdf.body();
  assert.equal(pdfBytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdfBytes.length > 50_000, `the letters PDF has only ${pdfBytes.length} bytes`);
  writeFileSync(join(filesDir, 'recruitment-letters.pdf'), pdfBytes);
  const printed = pdfText(new Uint8Array(pdfBytes));
  assert.equal(printed.pages, 120);

  const csv = await page.request.get(`${drawUrl}/letters.csv`);
  assert.equal(csv.status(), 200);
  const csvBytes = await csv.body();
  assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  writeFileSync(join(filesDir, 'recruitment-letters.csv'), csvBytes);
  const [header, ...rows] = parseCsv(csvBytes.subarray(3).toString('utf8'));
  assert.deepEqual(header, [...registerHeader, 'invite_code', 'registration_url', 'letter_language']);
  letters = rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])) as unknown as Letter);
  assert.equal(letters.length, 120);
  // One letter per household, each with its own code, which the PDF prints too.
  assert.equal(new Set(letters.map((l) => `${l.adress}|${l.postnummer}`)).size, 120);
  assert.equal(new Set(letters.map((l) => l.invite_code)).size, 120);
  for (const letter of letters) assert.match(letter.invite_code, /^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
  assert.ok(printed.pageTexts[0].includes(letters[0].invite_code), 'the first letter shows its code');
  assert.ok(
    letters.some((l) => l.adress.includes('; lgh')),
    'a quoted address survives the round trip',
  );
  assert.match(letters[0].registration_url, /\/register\?code=/);
  volunteers = chooseVolunteers(letters);
  assert.equal(volunteers.length, 40);
});

/** A phone in Swedish, on its own connection (its own address behind the proxy). */
async function phone(n: number): Promise<BrowserContext> {
  return browser.newContext({
    bypassCSP: true,
    locale: 'sv-SE',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${n}` },
  });
}

const genderLabel = { woman: 'Kvinna', man: 'Man' } as const;
const ageLabel = { '16-29': '16–29 år', '30-64': '30–64 år', '65+': '65 år eller äldre' } as const;
const regionLabel: Record<string, string> = {
  norr: 'Norra Sverige',
  mitt: 'Mellersta Sverige',
  syd: 'Södra Sverige',
};

/** The volunteer fills in the Swedish form the way a person does; the form is already open. */
async function fillRegistration(form: Page, v: Volunteer) {
  await form.getByRole('radio', { name: genderLabel[v.gender], exact: true }).check();
  await form.getByRole('radio', { name: ageLabel[v.age], exact: true }).check();
  await form.getByRole('radio', { name: regionLabel[v.region], exact: true }).check();
  await form.getByLabel('Ditt namn').fill(v.letter.namn);
  if (v.email) await form.getByLabel('E-post', { exact: true }).fill(v.email);
  await form.getByLabel('Telefon', { exact: true }).fill(v.phone);
  await form.getByLabel('Gatuadress').fill(v.letter.adress);
  await form.getByLabel('Postnummer').fill(v.letter.postnummer);
  await form.getByLabel('Ort').fill(v.letter.kommun);
  await form.getByLabel(/Jag vill delta/).check();
  await form.getByLabel(/Jag godkänner/).check();
}

function hiddenValue(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  assert.ok(m, `the form has a hidden ${name}`);
  return m[1];
}

/**
 * The same two steps over HTTP, field for field as the browser sends them: the QR code's link opens
 * the code page, "Fortsätt" posts the code and lands on the form, the form is sent.
 */
async function registerOverHttp(v: Volunteer, n: number): Promise<string> {
  const http = await request.newContext({
    baseURL: lotta.url,
    extraHTTPHeaders: { 'Accept-Language': 'sv-SE,sv;q=0.9,en;q=0.5', 'X-Forwarded-For': `198.51.100.${n}` },
  });
  try {
    const codePage = await http.get(v.letter.registration_url);
    assert.equal(codePage.status(), 200);
    const form = await http.post('/register', {
      form: { _csrf: hiddenValue(await codePage.text(), '_csrf'), code: v.letter.invite_code },
    });
    assert.equal(form.status(), 200);
    assert.match(form.url(), new RegExp(`/register/${slug}\\?code=`));
    const html = await form.text();
    const sent = await http.post(new URL(form.url()).pathname, {
      form: {
        _csrf: hiddenValue(html, '_csrf'),
        form_time: hiddenValue(html, 'form_time'),
        code: v.letter.invite_code,
        answer_gender: v.gender,
        answer_age: v.age,
        answer_region: v.region,
        full_name: v.letter.namn,
        email: v.email,
        phone: v.phone,
        address: v.letter.adress,
        postcode: v.letter.postnummer,
        city: v.letter.kommun,
        preferred_language: 'sv',
        needs_details: '',
        consent_participation: 'on',
        consent_data_processing: 'on',
        ...(n % 3 === 0 ? { consent_future_contact: 'on' } : {}),
        website: '',
      },
    });
    const thanks = await sent.text();
    assert.equal(sent.status(), 200, thanks.slice(0, 2000));
    assert.match(thanks, /Tack för din anmälan!/);
    return /P-\d{5}/.exec(thanks)![0];
  } finally {
    await http.dispose();
  }
}

test('4. registration opens; 40 recipients sign up in Swedish, three of them on a phone', async () => {
  await page.goto(assemblyUrl);
  await page.getByLabel('Registration').selectOption('1');
  await page.getByRole('button', { name: 'Save' }).click();
  assert.match(await mainText(page), /Open: volunteers sign up/);

  // The first scans the QR code: the code is filled in.
  const first = await phone(1);
  const one = await first.newPage();
  await one.goto(volunteers[0].letter.registration_url);
  assert.equal(await one.getByLabel('Inbjudningskod').inputValue(), volunteers[0].letter.invite_code);
  await one.getByRole('button', { name: 'Fortsätt' }).click();
  await one.waitForURL(/\/register\/[\w-]+\?code=/);
  slug = new URL(one.url()).pathname.split('/').pop()!;
  assert.match(await mainText(one), /Klimatrådet \(test\)/);
  await fillRegistration(one, volunteers[0]);
  await screenshot(one, 'phone-form');
  await expectAccessible(one, 'registration form on a phone');
  await one.getByRole('button', { name: 'Skicka min anmälan' }).click();
  await one.getByRole('heading', { name: 'Tack för din anmälan!' }).waitFor();
  await screenshot(one, 'phone-thanks');
  await first.close();

  // The second types the code from the paper letter, in lower case with a space for the dash.
  const second = await phone(2);
  const two = await second.newPage();
  await two.goto(`${lotta.url}/`);
  await two.getByRole('link', { name: 'Anmäl dig' }).click();
  await two
    .getByLabel('Inbjudningskod')
    .fill(volunteers[1].letter.invite_code.toLowerCase().replace('-', ' '));
  await two.getByRole('button', { name: 'Fortsätt' }).click();
  await two.waitForURL(/\/register\/[\w-]+\?code=/);
  await fillRegistration(two, volunteers[1]);
  await two.getByRole('button', { name: 'Skicka min anmälan' }).click();
  await two.getByRole('heading', { name: 'Tack för din anmälan!' }).waitFor();
  await second.close();

  // The third forgets the consents first: told so in Swedish, nothing typed is lost.
  const third = await phone(3);
  const three = await third.newPage();
  await three.goto(volunteers[2].letter.registration_url);
  await three.getByRole('button', { name: 'Fortsätt' }).click();
  await three.waitForURL(/\/register\/[\w-]+\?code=/);
  await fillRegistration(three, volunteers[2]);
  await three.getByLabel(/Jag vill delta/).uncheck();
  await three.getByRole('button', { name: 'Skicka min anmälan' }).click();
  assert.match(await three.locator('.error-summary').innerText(), /\S/);
  assert.equal(await three.getByLabel('Ditt namn').inputValue(), volunteers[2].letter.namn);
  await three.getByLabel(/Jag vill delta/).check();
  await three.getByRole('button', { name: 'Skicka min anmälan' }).click();
  await three.getByRole('heading', { name: 'Tack för din anmälan!' }).waitFor();
  await third.close();

  const references = new Set<string>();
  for (let i = 3; i < volunteers.length; i++) references.add(await registerOverHttp(volunteers[i], 10 + i));
  assert.equal(references.size, 37);

  const registered = await lotta.database.db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', '=', 'registered')
    .executeTakeFirstOrThrow();
  assert.equal(Number(registered.n), 40);

  // The responses per municipality, for planning a second mail-out.
  await page.goto(`${assemblyUrl}/invitations/responses`);
  assert.match(await page.locator('#responses-by-stratum tfoot').innerText(), /120\s+40\s+33/);
  await screenshot(page, 'responses');
  await expectAccessible(page, 'responses');
});

/** The pool per answer, from the database, to fill in targets a panel of 12 can meet. */
async function poolCounts(): Promise<Record<string, number>> {
  const rows = await lotta.database.db
    .selectFrom('person_answers')
    .innerJoin('people', 'people.id', 'person_answers.person_id')
    .select(['person_answers.value'])
    .where('people.status', '=', 'registered')
    .execute();
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.value] = (counts[r.value] ?? 0) + 1;
  return counts;
}

const targets: Record<string, { question: string; answer: string; min: string; max: string; share: string }> =
  {
    woman: { question: 'Gender', answer: 'Woman', min: '5', max: '7', share: '50' },
    man: { question: 'Gender', answer: 'Man', min: '5', max: '7', share: '50' },
    '16-29': { question: 'Age', answer: '16–29', min: '2', max: '4', share: '20' },
    '30-64': { question: 'Age', answer: '30–64', min: '4', max: '7', share: '55' },
    '65+': { question: 'Age', answer: '65 or older', min: '2', max: '5', share: '25' },
    norr: { question: 'Region', answer: 'North', min: '3', max: '5', share: '30' },
    mitt: { question: 'Region', answer: 'Central', min: '3', max: '5', share: '35' },
    syd: { question: 'Region', answer: 'South', min: '3', max: '5', share: '35' },
  };

function cell(column: string, t: { question: string; answer: string }): string {
  return `${column}, ${t.question}: ${t.answer}`;
}

test('5. targets: an impossible minimum is explained next to its answer, then feasible targets are saved', async () => {
  const counts = await poolCounts();
  for (const [value, t] of Object.entries(targets)) {
    assert.ok((counts[value] ?? 0) >= Number(t.max), `the pool has ${counts[value]} answering ${value}`);
  }
  await openTab(page, 'Targets');
  assert.match(await mainText(page), /The pool is the 40 registered volunteers/);
  assert.equal(await page.getByLabel('How the targets are given').inputValue(), 'quotas');
  for (const question of ['Gender', 'Age', 'Region']) {
    await page.getByLabel(`Use “${question}” in the selection`).check();
  }
  for (const t of Object.values(targets)) {
    await page.getByLabel(cell('Population %', t), { exact: true }).fill(t.share);
    await page.getByLabel(cell('Min seats', t), { exact: true }).fill(t.min);
    await page.getByLabel(cell('Max seats', t), { exact: true }).fill(t.max);
  }
  // 13 women on a panel of 12 first.
  await page.getByLabel(cell('Min seats', targets.woman), { exact: true }).fill('13');
  await page.getByLabel(cell('Max seats', targets.woman), { exact: true }).fill('');
  await page.getByRole('button', { name: 'Check without saving' }).click();
  assert.match(await page.locator('.notice').innerText(), /not saved yet/);
  assert.match(
    await page.locator('#check').innerText(),
    /No panel of 12 seats from the 40 registered volunteers/,
  );
  const explanation = await page.locator('[id="q0.v0-check"]').innerText();
  assert.match(explanation, /The minimum of 13 seats is larger than the panel \(12 seats\)\./);
  assert.match(explanation, /Suggested change: lower the minimum from 13 to \d+ seats\./);
  assert.equal(
    await page.getByLabel(cell('Min seats', targets.woman), { exact: true }).getAttribute('aria-describedby'),
    'q0.v0-check',
  );
  // Nothing is said next to the answers that are fine, and what was typed is kept.
  assert.equal(await page.locator('[id="q0.v1-check"]').count(), 0);
  assert.equal(await page.getByLabel(cell('Min seats', targets.syd), { exact: true }).inputValue(), '3');
  await screenshot(page, 'targets-impossible');
  await expectAccessible(page, 'targets with a finding');

  await page.getByLabel(cell('Min seats', targets.woman), { exact: true }).fill(targets.woman.min);
  await page.getByLabel(cell('Max seats', targets.woman), { exact: true }).fill(targets.woman.max);
  await page.getByRole('button', { name: 'Save the targets' }).click();
  await page.waitForURL(/notice=saved/);
  assert.match(await page.locator('.notice').first().innerText(), /The targets are saved/);
  assert.match(
    await page.locator('#check').innerText(),
    /A panel that meets these targets exists \(checked against 40 registered volunteers, 12 seats\)/,
  );
  assert.equal(await page.locator('tr.finding').count(), 0);
  await screenshot(page, 'targets-saved');
  await expectAccessible(page, 'targets saved');
});

/** Waits on a run's page (htmx polls it, then reloads it) until the run has ended; its status. */
async function runOutcome(on: Page): Promise<string> {
  await on
    .locator('#run-status strong')
    .filter({ hasText: /^(Done|Targets cannot be met|Failed|Cancelled)$/ })
    .waitFor({ timeout: runTimeout });
  return on.locator('#run-status strong').innerText();
}

test('6. a leximin run: a second start meanwhile is refused; progress until done; the results', async () => {
  await openTab(page, 'Selection');
  assert.equal(await page.getByLabel('Panel size (seats)').inputValue(), '12');
  await page.getByLabel('Method').selectOption('leximin');
  await page.getByLabel('Panels in the lottery').fill('100');
  await expectAccessible(page, 'selection start');
  // A colleague has the same form open in another tab.
  const colleague = await staffContext.newPage();
  await colleague.goto(`${assemblyUrl}/selection`);
  await colleague.getByLabel('Panels in the lottery').fill('100');

  const started = Date.now();
  await page.getByRole('button', { name: 'Start the run' }).click();
  // The colleague presses Start as soon as the first run exists, before its page has even loaded.
  await page.waitForURL(/\/selection\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
  await colleague.getByRole('button', { name: 'Start the run' }).click();
  const refusal = await colleague.locator('.error-summary').innerText();
  const stillRunning = await page.locator('#run-status strong').innerText();
  assert.match(
    refusal,
    /A selection run is already going on in this assembly/,
    `the first run was: ${stillRunning}`,
  );
  assert.equal(await colleague.getByLabel('Panels in the lottery').inputValue(), '100');
  await screenshot(colleague, 'second-run-refused');
  await colleague.close();

  await page.locator('#run-status').waitFor();
  await screenshot(page, 'run-progress');
  assert.equal(await runOutcome(page), 'Done');
  const seconds = (Date.now() - started) / 1000;
  // The page opens with the summary and the next step; the long parts are folded.
  const text = await mainText(page);
  assert.match(text, /seats drawn from a pool of 40 volunteers/);
  assert.match(text, /40 volunteers have a chance of being selected/);
  assert.match(text, /Every volunteer in the pool has a chance of being selected/);
  assert.match(text, /Next step: announce the public draw of this run/);
  assert.equal(await page.locator('#probabilities tbody').isVisible(), false);
  await screenshot(page, 'run-summary');
  for (const fold of ['facts', 'representativeness', 'probabilities']) {
    await page.locator(`#${fold} > summary`).click();
  }
  assert.match(await mainText(page), /Volunteers in the pool\s+40/);
  const probabilities = await page.locator('#probabilities tbody tr').allInnerTexts();
  assert.equal(probabilities.length, 40);
  for (const row of probabilities) assert.match(row, /^P-\d{5}\t\d+\.\d{2}\s%$/);
  for (const question of ['Gender', 'Age', 'Region']) {
    await page
      .locator('figcaption', { hasText: `${question}: population, pool and expected panel (%)` })
      .waitFor();
  }
  assert.doesNotMatch(text, new RegExp(volunteers[0].letter.namn));
  await screenshot(page, 'run-results');
  await expectAccessible(page, 'run results');
  console.log(`# selection run: ${seconds.toFixed(1)} s from start to the results page`);
});

const dice = '3 1 4 1 5 9 2 6 5 3';

/** Announces a dice draw (10 rolls of a ten-sided die) for the only run offered; the draw's URL. */
async function announceDiceDraw(on: Page, shotName: string): Promise<{ url: string; commitment: string }> {
  await on.goto(`${assemblyUrl}/draw`);
  await on.getByRole('radio', { name: 'Dice rolled live at the ceremony' }).check();
  // The fewest rolls allowed.
  assert.match(await on.locator('#rolls-hint').innerText(), /^From 10 to 100\./);
  await on.getByLabel('Number of rolls (for dice)').fill('10');
  await on.getByLabel('Die (for dice)').selectOption('10');
  await on.getByRole('button', { name: 'Check the announcement' }).click();
  assert.match(await mainText(on), /10 rolls of a 10-sided die, rolled live at the draw/);
  const commitment = (await on.locator('dl.facts code').innerText()).replace(/\s/g, '');
  assert.match(commitment, /^[0-9a-f]{64}$/);
  await screenshot(on, shotName);
  await on.getByRole('button', { name: 'Publish' }).click();
  await on.waitForURL(/\/draw\/[0-9a-f-]{36}\?done=published/);
  assert.equal((await on.locator('#commitment').innerText()).replace(/\s/g, ''), commitment);
  return { url: on.url().split('?')[0], commitment };
}

let drawUrl = '';
let publicUrl = '';
let commitment = '';
let panel: string[] = [];

test('7a. the panel draw is announced with dice; the public page shows the commitment and panels, no names', async () => {
  await openTab(page, 'Public draw');
  await expectAccessible(page, 'draw announcement form');
  ({ url: drawUrl, commitment } = await announceDiceDraw(page, 'draw-preview'));
  assert.match(await page.locator('.notice').innerText(), /The draw is announced/);
  await expectAccessible(page, 'announced draw');
  publicUrl = await page
    .getByRole('link', { name: /\/public\// })
    .getAttribute('href')
    .then((h) => h!);

  const visitor = await browser.newContext({ bypassCSP: true, locale: 'sv-SE' });
  const anonymous = await visitor.newPage();
  await anonymous.goto(`${lotta.url}${publicUrl}?lang=en`);
  assert.equal((await anonymous.locator('#commitment').innerText()).replace(/\s/g, ''), commitment);
  const text = await anonymous.locator('main').innerText();
  assert.match(text, /Announced, waiting for the randomness/);
  assert.match(text, /10 rolls of a 10-sided die/);
  assert.match(text, /100 panels over a pool of 40 people/);
  await anonymous.getByText('Show all 100 panels').click();
  const firstPanel = await anonymous.locator('details table tbody tr').first().innerText();
  assert.equal(firstPanel.match(/P-\d{5}/g)?.length, 12);
  const html = await anonymous.content();
  for (const v of volunteers) {
    assert.ok(!html.includes(v.letter.namn), `${v.letter.namn} is named on the public page`);
    assert.ok(!html.includes(v.phone), 'a phone number on the public page');
  }
  await screenshot(anonymous, 'public-before');
  await expectAccessible(anonymous, 'public draw page before the draw');
  await visitor.close();
});

test('7b. the dice are entered once: the panel of 12 is selected; entering them again is refused', async () => {
  // A second tab with the form open, as at a ceremony with two laptops.
  const other = await staffContext.newPage();
  await other.goto(drawUrl);
  await page.goto(drawUrl);
  await page.getByLabel('The 10 rolls, in order').fill(dice);
  await page.getByRole('button', { name: 'Draw', exact: true }).click();
  await page.waitForURL(/done=drawn/);
  assert.match(await page.locator('.notice').innerText(), /The draw is done/);
  const rows = await page
    .locator('table', { hasText: 'The 12 members of the drawn panel' })
    .locator('tbody tr')
    .allInnerTexts();
  assert.equal(rows.length, 12);
  for (const row of rows) assert.match(row, /^P-\d{5}\t.+\tSelected$/);
  panel = rows.map((r) => r.split('\t')[0]);
  await screenshot(page, 'draw-done');
  await expectAccessible(page, 'drawn panel');

  await other.getByLabel('The 10 rolls, in order').fill('9 9 9 9 9 9 9 9 9 9');
  await other.getByRole('button', { name: 'Draw', exact: true }).click();
  assert.match(
    await other.locator('.error-summary').innerText(),
    /The randomness has already been entered for this draw\. It cannot be entered again or changed/,
  );
  assert.match(await other.locator('#seed').innerText(), /^dice 10d10: 3141592653$/);
  await screenshot(other, 'draw-seed-twice');
  await other.close();

  const selected = await lotta.database.db
    .selectFrom('people')
    .select('reference')
    .where('status', '=', 'selected')
    .orderBy('reference')
    .execute();
  assert.deepEqual(
    selected.map((r) => r.reference),
    [...panel].sort(),
  );
});

function capture(): CommandIO & { err: string } {
  const io = {
    err: '',
    stdout: (text: string) => {
      io.err += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

test('7c. the public page shows the drawn panel; lotta verify accepts its files; every check passes', async () => {
  const visitor = await browser.newContext({ bypassCSP: true, locale: 'en-GB' });
  const anonymous = await visitor.newPage();
  await anonymous.goto(`${lotta.url}${publicUrl}`);
  const drawn = await anonymous.locator('#drawn-panel li').allInnerTexts();
  assert.deepEqual(drawn, panel);
  assert.match(await anonymous.locator('#seed').innerText(), /3141592653/);
  const html = await anonymous.content();
  for (const v of volunteers) assert.ok(!html.includes(v.letter.namn), `${v.letter.namn} is named`);
  await screenshot(anonymous, 'public-after');
  await expectAccessible(anonymous, 'public draw page after the draw');

  const files: Record<string, string> = {};
  for (const [link, name] of [
    ['Transcript of the draw (JSON)', 'transcript.json'],
    ['Commitment file (JSON)', 'commitment.json'],
  ]) {
    const href = await anonymous.getByRole('link', { name: link }).first().getAttribute('href');
    const reply = await anonymous.request.get(`${lotta.url}${href}`);
    assert.equal(reply.status(), 200);
    files[name] = join(filesDir, `recruitment-${name}`);
    writeFileSync(files[name], await reply.body());
  }
  const io = capture();
  const code = await verifyCommand(
    { transcript: files['transcript.json'], commitment: files['commitment.json'] },
    io,
  );
  assert.equal(code, 0, io.err);

  await anonymous.getByRole('link', { name: 'Verification page' }).click();
  assert.equal(await anonymous.locator('#verdict').innerText(), 'Every check passed: the draw is genuine.');
  const checks = await anonymous.locator('#checks > li > strong').allInnerTexts();
  assert.ok(checks.length >= 5, `${checks.length} checks`);
  assert.deepEqual(new Set(checks), new Set(['Passed:']));
  await screenshot(anonymous, 'verification');
  await expectAccessible(anonymous, 'verification page');
  await visitor.close();
});

const callerEmail = 'cecilia.caller@lotta.test';
const callerPassword = 'ring ring ring till alla tolv';
let caller: Page;
let callerContext: BrowserContext;
const decliners: string[] = [];
let noAnswer = '';

/** Answers per reference and status, to choose decliners whose seats the remaining pool can fill. */
async function answersByReference(): Promise<Map<string, { status: string; key: string }>> {
  const rows = await lotta.database.db
    .selectFrom('people')
    .innerJoin('person_answers', 'person_answers.person_id', 'people.id')
    .select(['people.reference', 'people.status', 'person_answers.question_key', 'person_answers.value'])
    .orderBy('person_answers.question_key')
    .execute();
  const out = new Map<string, { status: string; key: string }>();
  for (const r of rows) {
    const entry = out.get(r.reference) ?? { status: r.status, key: '' };
    entry.key += `${r.question_key}=${r.value};`;
    out.set(r.reference, entry);
  }
  return out;
}

test('8. a caller records the calls: nine confirm, two decline, one does not answer', async () => {
  await page.goto(`${lotta.url}/admin/accounts`);
  await page.getByLabel('Name').fill('Cecilia Caller');
  await page.getByLabel('E-mail address').fill(callerEmail);
  await page.getByRole('button', { name: 'Create the account' }).click();
  const oneTime = await page.locator('.notice code').innerText();
  await page.goto(`${assemblyUrl}/team`);
  await page.getByLabel('E-mail address').fill(callerEmail);
  await page.getByLabel('Role').selectOption('caller');
  await page.getByRole('button', { name: 'Give the role' }).click();
  assert.match(await page.locator('table').innerText(), /Cecilia Caller/);

  callerContext = await browser.newContext({
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  caller = await callerContext.newPage();
  await caller.goto(`${lotta.url}/login?lang=en`);
  await caller.getByLabel('E-mail address').fill(callerEmail);
  await caller.getByLabel('Password').fill(oneTime);
  await caller.getByRole('button', { name: 'Log in' }).click();
  await caller.waitForURL('**/account/password');
  await caller.getByLabel('Current password').fill(oneTime);
  await caller.locator('#password').fill(callerPassword);
  await caller.getByLabel('New password again').fill(callerPassword);
  await caller.getByRole('button', { name: 'Change password' }).click();
  await caller.waitForURL('**/account?notice=password_changed');

  await caller.goto(`${assemblyUrl}/calls`);
  assert.match(await caller.getByRole('link', { name: /Still to call/ }).innerText(), /Still to call \(12\)/);
  await screenshot(caller, 'calls');
  await expectAccessible(caller, 'calls');
  // A caller sees no answers and no address.
  const calls = await mainText(caller);
  assert.doesNotMatch(calls, new RegExp(volunteers[0].letter.adress));

  // Two decline whose answers someone still in the pool shares, so the panel can be made whole again.
  const answers = await answersByReference();
  const unselected = [...answers.values()].filter((a) => a.status === 'registered').map((a) => a.key);
  for (const reference of panel) {
    const key = answers.get(reference)!.key;
    const index = unselected.indexOf(key);
    if (index === -1) continue;
    unselected.splice(index, 1);
    decliners.push(reference);
    if (decliners.length === 2) break;
  }
  assert.equal(decliners.length, 2, 'two panel members whose seats can be refilled');
  noAnswer = panel.find((r) => !decliners.includes(r))!;

  for (const reference of panel) {
    const card = caller.locator('article').filter({ has: caller.getByRole('heading', { name: reference }) });
    const outcome = decliners.includes(reference)
      ? 'Declined'
      : reference === noAnswer
        ? 'No answer'
        : 'Confirmed: will take part';
    await card.getByRole('radio', { name: outcome, exact: true }).check();
    if (outcome === 'Declined') await card.getByLabel('Comment (optional)').fill('Kan inte de helgerna.');
    await card.getByRole('button', { name: /Save the outcome/ }).click();
    // With htmx only the card is swapped, and it says what was saved; the caller stays in place.
    await caller
      .locator('article')
      .filter({ hasText: `Saved for ${reference}` })
      .waitFor();
  }
  assert.match(await caller.locator('.notice').last().innerText(), /Saved for P-\d{5}/);
  await caller.goto(`${assemblyUrl}/calls?filter=to_call`);
  assert.match(await caller.getByRole('link', { name: /Still to call/ }).innerText(), /Still to call \(1\)/);
  await screenshot(caller, 'calls-done');

  const statuses = await lotta.database.db
    .selectFrom('people')
    .select(['reference', 'status'])
    .where('reference', 'in', panel)
    .execute();
  const count = (status: string) => statuses.filter((s) => s.status === status).length;
  assert.equal(count('confirmed'), 9);
  assert.equal(count('declined'), 2);
  assert.equal(count('selected'), 1);
});

test('9. replacements: two open seats, a second run meanwhile is refused, the draw fills them', async () => {
  await page.goto(assemblyUrl);
  await openTab(page, 'Replacements');
  const open = await mainText(page);
  for (const reference of decliners) assert.match(open, new RegExp(`${reference} – Declined`));
  assert.match(open, /10 of the panel's 12 seats are filled/);
  await screenshot(page, 'replacements-open');
  await expectAccessible(page, 'replacements with open seats');

  const colleague = await staffContext.newPage();
  await colleague.goto(`${assemblyUrl}/replacements`);
  await page.getByRole('button', { name: 'Start a replacement run for 2 seats' }).click();
  await page.waitForURL(/\/selection\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
  await colleague.getByRole('button', { name: 'Start a replacement run for 2 seats' }).click();
  assert.match(
    await colleague.locator('.error-summary').innerText(),
    /A selection run is already going on in this assembly/,
  );
  await colleague.close();
  assert.match(await page.locator('h1').innerText(), /Replacement round/);
  assert.equal(await runOutcome(page), 'Done');
  assert.match(await mainText(page), /10 kept members are on every panel/);
  await screenshot(page, 'replacement-run');

  const replacementDraw = await announceDiceDraw(page, 'replacement-draw-preview');
  assert.notEqual(replacementDraw.commitment, commitment);
  await page.getByLabel('The 10 rolls, in order').fill('2 7 1 8 2 8 1 8 2 8');
  await page.getByRole('button', { name: 'Draw', exact: true }).click();
  await page.waitForURL(/done=drawn/);
  const rows = await page
    .locator('table', { hasText: 'The 12 members of the drawn panel' })
    .locator('tbody tr')
    .allInnerTexts();
  assert.equal(rows.length, 12);
  const newPanel = rows.map((r) => r.split('\t')[0]);
  const kept = panel.filter((r) => !decliners.includes(r));
  for (const reference of kept) assert.ok(newPanel.includes(reference), `${reference} kept`);
  const newcomers = newPanel.filter((r) => !panel.includes(r));
  assert.equal(newcomers.length, 2);
  await screenshot(page, 'replacement-drawn');

  await page.goto(`${assemblyUrl}/replacements`);
  assert.match(await mainText(page), /No seats are open/);
  // One round, with its two pairs listed under it.
  assert.equal(await page.locator('section.card').count(), 1);
  const pairs = await page.locator('section.card li').allInnerTexts();
  assert.equal(pairs.length, 2);
  for (const pair of pairs) {
    const [, replacement, replaced] = /^(P-\d{5}) replaced (P-\d{5})$/.exec(pair)!;
    assert.ok(newcomers.includes(replacement), pair);
    assert.ok(decliners.includes(replaced), pair);
  }
  const effect = await page.locator('section.card').first().locator('table').innerText();
  assert.match(effect, /Members per answer before and after the replacement round/);
  for (const answer of ['Woman', 'Man', 'North', 'South']) assert.match(effect, new RegExp(answer));
  await screenshot(page, 'replacements-done');
  await expectAccessible(page, 'replacements done');

  const statuses = new Map(
    (
      await lotta.database.db
        .selectFrom('people')
        .select(['reference', 'status'])
        .where('reference', 'in', [...decliners, ...newcomers])
        .execute()
    ).map((r) => [r.reference, r.status]),
  );
  for (const reference of decliners) assert.equal(statuses.get(reference), 'replaced');
  for (const reference of newcomers) assert.equal(statuses.get(reference), 'selected');
});

test('10. the representativeness report counts the 12 members; CSV and PDF download', async () => {
  await openTab(page, 'Report');
  const numbers = await page.locator('#report-numbers').innerText();
  assert.match(numbers, /Invitations sent\s+120/);
  assert.match(numbers, /Registrations\s+40/);
  assert.match(numbers, /Pool \(everyone who signed up\)\s+40/);
  assert.match(numbers, /Panel\s+12/);
  assert.match(numbers, /Targets met\s+8 of 8/);
  assert.match(await mainText(page), /Confirmed \(9\) or Selected and not yet confirmed \(3\)/);
  for (const question of ['Gender', 'Age', 'Region']) {
    await page
      .locator('figcaption', { hasText: `${question}: share of the population, the pool and the panel` })
      .waitFor();
  }
  await screenshot(page, 'report');
  await expectAccessible(page, 'report');

  const csv = await page.request.get(`${assemblyUrl}/report.csv?lang=en`);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /^text\/csv; charset=utf-8/);
  assert.match(csv.headers()['content-disposition'], /attachment; filename="representativeness-.+-en\.csv"/);
  const csvBytes = await csv.body();
  assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  writeFileSync(join(filesDir, 'recruitment-report.csv'), csvBytes);
  const [header, ...rows] = parseCsv(csvBytes.subarray(3).toString('utf8'));
  assert.deepEqual(header.slice(0, 4), ['question_key', 'Question', 'value_key', 'Answer']);
  const panelColumn = header.indexOf('Panel (people)');
  const panelOf = (key: string) =>
    rows.filter((r) => r[0] === key).reduce((sum, r) => sum + Number(r[panelColumn]), 0);
  for (const key of ['gender', 'age', 'region']) assert.equal(panelOf(key), 12, key);
  assert.ok(
    rows.every((r) => r[header.indexOf('Target met')] === 'Yes'),
    'every target met',
  );
  for (const v of volunteers) assert.ok(!csvBytes.includes(v.letter.namn), 'a name in the CSV');

  const pdf = await page.request.get(`${assemblyUrl}/report.pdf?lang=en`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const pdfBytes = await pdf.body();
  assert.equal(pdfBytes.subarray(0, 5).toString('latin1'), '%PDF-');
  writeFileSync(join(filesDir, 'recruitment-report.pdf'), pdfBytes);
  const printed = pdfText(new Uint8Array(pdfBytes)).pageTexts.join('\n');
  assert.match(printed, /Climate assembly \(test\)/);
  assert.match(printed, /\nPanel\n12\n/);
  assert.match(printed, /Confirmed \(9\) or Selected and not yet confirmed \(3\)/);
  for (const v of volunteers) assert.ok(!printed.includes(v.letter.namn), 'a name in the PDF');
  await callerContext?.close();
});
