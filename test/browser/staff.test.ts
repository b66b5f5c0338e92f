/**
 * Staff pages in a real browser: logging in, creating an assembly (a mistake first, kept values),
 * questions, team, two-step login, a login that ends mid-form, keyboard use and the WCAG checks.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityProblems, admin, launchBrowser, screenshots, startLotta } from './support.ts';

const screenshot = screenshots('staff');
let browser: Browser;
let lotta: Awaited<ReturnType<typeof startLotta>>;
let context: BrowserContext;
let page: Page;

before(async () => {
  lotta = await startLotta();
  browser = await launchBrowser();
  // axe-core is injected as a script, which the Content-Security-Policy would otherwise block.
  context = await browser.newContext({
    bypassCSP: true,
    locale: 'en-GB',
    viewport: { width: 1200, height: 900 },
  });
  page = await context.newPage();
});
after(async () => {
  await browser?.close();
  await lotta?.close();
});

async function expectAccessible(name: string) {
  assert.deepEqual(await accessibilityProblems(page), [], `WCAG problems on ${name}`);
}

let assemblyUrl = '';

test('an administrator logs in with the keyboard and sees the empty assemblies page', async () => {
  await page.goto(`${lotta.url}/login?lang=en`);
  await expectAccessible('login');
  // The skip link is the first thing the keyboard reaches.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  await page.getByLabel('E-mail address').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByLabel('Password').press('Enter');
  await page.waitForURL('**/assemblies');
  await screenshot(page, 'assemblies-empty');
  await expectAccessible('assemblies');
});

test('creating an assembly: a mistake is explained next to the field and nothing typed is lost', async () => {
  await page.getByRole('link', { name: 'New assembly' }).click();
  await page.getByLabel('Title in Swedish').fill('Klimatrådet i Göteborg');
  await page.getByLabel('Number of members').fill('1');
  await page.getByRole('button', { name: 'Create the assembly' }).click();
  await screenshot(page, 'assembly-form-errors');
  await expectAccessible('assembly form with errors');
  assert.equal(await page.getByLabel('Title in Swedish').inputValue(), 'Klimatrådet i Göteborg');
  assert.match(await page.locator('#panel_size-error').innerText(), /from 2 to 1000/);
  assert.match(await page.locator('#remit_sv-error').innerText(), /Fill in/);
  // The summary links to the field.
  await page.getByRole('link', { name: /from 2 to 1000/ }).click();
  await page.getByLabel('Number of members').fill('30');
  await page.getByLabel('Remit question in Swedish').fill('Hur kan Göteborg halvera sina utsläpp till 2035?');
  await page.getByLabel('Commissioner').fill('Göteborgs stad');
  await page.getByRole('button', { name: 'Create the assembly' }).click();
  await page.waitForURL(/\/a\/[\w-]+\?notice=created/);
  assemblyUrl = page.url().split('?')[0];
  await screenshot(page, 'assembly-overview');
  await expectAccessible('assembly overview');
  assert.match(await page.locator('main').innerText(), /Hur kan Göteborg halvera/);
});

test('questions are configured with options in both languages', async () => {
  await page.goto(`${assemblyUrl}/questions`);
  await page.getByLabel('Key').fill('gender');
  await page.getByLabel('Question in Swedish').fill('Kön');
  await page.getByLabel('Question in English').fill('Gender');
  // One field per option and language; a fourth row is added without JavaScript.
  const options = [
    ['woman', 'Kvinna', 'Woman'],
    ['man', 'Man', 'Man'],
    ['non_binary', 'Icke-binär', 'Non-binary'],
  ];
  for (const [j, [value, sv, en]] of options.entries()) {
    await page.getByLabel(`Value of option ${j + 1}`, { exact: true }).fill(value);
    await page.getByLabel(`Option ${j + 1} in Swedish`, { exact: true }).fill(sv);
    await page.getByLabel(`Option ${j + 1} in English`, { exact: true }).fill(en);
  }
  await page.getByRole('button', { name: 'Add another option to question 1' }).click();
  assert.equal(await page.locator('[name="q0.o2.en"]').inputValue(), 'Non-binary');
  assert.equal(await page.locator('[name="q0.o3.value"]').inputValue(), '');
  await page.getByRole('button', { name: 'Add another question' }).click();
  // The first question is still there after adding a block.
  assert.equal(await page.locator('[name="q0.key"]').inputValue(), 'gender');
  await page.locator('[name="q1.key"]').fill('Age Group');
  await page.locator('[name="q1.o0.value"]').fill('young');
  await page.locator('[name="q1.o0.sv"]').fill('Ung');
  await page.locator('[name="q1.o0.en"]').fill('Young');
  await page.locator('[name="q1.o1.value"]').fill('old');
  await page.locator('[name="q1.o1.sv"]').fill('Äldre');
  await page.locator('[name="q1.o1.en"]').fill('Older');
  await page.getByRole('button', { name: 'Save the questions' }).click();
  assert.match(await page.locator('.error-summary').innerText(), /cannot be a question key/);
  await page.locator('[name="q1.key"]').fill('age_group');
  await page.getByRole('button', { name: 'Save the questions' }).click();
  assert.match(await page.locator('.notice').innerText(), /saved/);
  await screenshot(page, 'questions');
  await expectAccessible('questions');
});

test('the page works in Swedish and can be switched back', async () => {
  await page.getByRole('link', { name: 'På svenska' }).click();
  assert.match(await page.locator('h1').innerText(), /Bakgrundsfrågor/);
  await expectAccessible('questions in Swedish');
  await page.getByRole('link', { name: 'In English' }).click();
  assert.match(await page.locator('h1').innerText(), /Demographic questions/);
});

test('an administrator creates an organiser account and gives the role', async () => {
  await page.goto(`${lotta.url}/admin/accounts`);
  await page.getByLabel('Name').fill('Olle Organiser');
  await page.getByLabel('E-mail address').fill('olle@lotta.test');
  await page.getByRole('button', { name: 'Create the account' }).click();
  const password = await page.locator('.notice code').innerText();
  assert.equal(password.length, 16);
  await screenshot(page, 'account-created');
  await page.goto(`${assemblyUrl}/team`);
  await page.getByLabel('E-mail address').fill('olle@lotta.test');
  await page.getByLabel('Role').selectOption('organiser');
  await page.getByRole('button', { name: 'Give the role' }).click();
  assert.match(await page.locator('table').innerText(), /Olle Organiser/);
  await expectAccessible('team');
});

test('two-step login: enrolment with the app code, then asked at every login', async () => {
  await page.goto(`${lotta.url}/account/totp`);
  await expectAccessible('two-step enrolment');
  const secret = await page.locator('code.secret').innerText();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
  // The password proves the one turning it on owns the account, not just a borrowed login.
  await page.getByLabel('Current password').fill(admin.password);
  await page.getByLabel('Code from your authenticator app').fill('000000');
  await page.getByRole('button', { name: 'Turn on two-step login' }).click();
  assert.match(await page.locator('#code-error').innerText(), /wrong/);
  await page.getByLabel('Current password').fill(admin.password);
  await page.getByLabel('Code from your authenticator app').fill(totp.generate());
  await page.getByRole('button', { name: 'Turn on two-step login' }).click();
  assert.match(await page.locator('.notice').innerText(), /Two-step login is on/);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.goto(`${lotta.url}/login`);
  await page.getByLabel('E-mail address').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/login/totp');
  // Staff pages stay closed until the code is given.
  await page.goto(`${lotta.url}/assemblies`);
  assert.match(page.url(), /\/login\/totp/);
  // The code of enrolment is used; the app's next one (one period later) is accepted.
  await page
    .getByLabel('Code from your authenticator app')
    .fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL('**/assemblies');
});

test('a login that ends in the middle of a form loses nothing', async () => {
  await page.goto(`${assemblyUrl}/edit`);
  await page.getByLabel('Funding source').fill('Västra Götalandsregionen');
  // The login ends on the server (timeout or logout elsewhere) while the person types.
  await lotta.database.db.deleteFrom('logins').execute();
  await page.getByRole('button', { name: 'Save' }).click();
  assert.match(
    await page.locator('main').innerText(),
    /Nothing was saved yet, and nothing you typed is lost/,
  );
  await screenshot(page, 'login-ended');
  await page.getByLabel('E-mail address').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  const totp = await lotta.database.db
    .selectFrom('accounts')
    .select('totp_secret')
    .where('email', '=', admin.email)
    .executeTakeFirstOrThrow();
  // A code counts once; the previous test's login used this period's, as if half a minute had passed.
  await lotta.database.db
    .updateTable('accounts')
    .set({ totp_last_step: null })
    .where('email', '=', admin.email)
    .execute();
  await page.getByLabel('Code from your authenticator app').fill(
    new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(totp.totp_secret!),
      digits: 6,
      period: 30,
    }).generate(),
  );
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('button', { name: 'Send the form' }).click();
  await page.waitForURL(/notice=saved/);
  assert.match(await page.locator('main').innerText(), /Västra Götalandsregionen/);
});

test('on a phone the pages fit the screen', async () => {
  const phone = await browser.newContext({
    bypassCSP: true,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const small = await phone.newPage();
  await small.goto(`${lotta.url}/?lang=sv`);
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await screenshot(small, 'phone-start');
  await phone.close();
});

test('the accessibility check does find problems when there are some', async () => {
  const probe = await context.newPage();
  await probe.setContent('<html><body><input type="text"><img src="x.png"></body></html>');
  const problems = await accessibilityProblems(probe);
  assert.ok(
    problems.some((p) => p.startsWith('label')),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((p) => p.startsWith('image-alt')),
    problems.join('\n'),
  );
  await probe.close();
});
