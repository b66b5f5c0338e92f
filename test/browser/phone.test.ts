/**
 * Every assembly page on a phone (360 px wide): nothing is wider than the screen, the tabs fold into
 * a menu that works without script, and the page's own content starts near the top instead of below
 * the header and a wall of tab pills. Screenshots in test-output/screenshots/phone-*.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { accessibilityProblems, admin, launchBrowser, screenshots, startLotta } from './support.ts';

const screenshot = screenshots('phone');
const width = 360;
/** Where the page's heading may start at the latest: the header, the assembly's name, the menu. */
const maxHeadingTop = 260;
let browser: Browser;
let lotta: Awaited<ReturnType<typeof startLotta>>;
let page: Page;
/** The demo assembly's pages, found by the first test. */
let assemblyBase = '';

before(async () => {
  lotta = await startLotta({ demo: true });
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'sv-SE', viewport: { width, height: 740 } });
  page = await context.newPage();
  await page.goto(`${lotta.url}/login?lang=sv`);
  await page.locator('#email').fill(admin.email);
  await page.locator('#password').fill(admin.password);
  await page.locator('#password').press('Enter');
  await page.waitForURL('**/assemblies');
});
after(async () => {
  await browser?.close();
  await lotta?.close();
});

async function measure(): Promise<{ scrollWidth: number; headingTop: number; wide: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    // The elements that stick out, to say what to fix when the check fails.
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
      .filter((e) => !e.closest('.table-wrap') || e.classList.contains('table-wrap'))
      .slice(0, 5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`,
      );
    const heading = document.querySelector('h1');
    return {
      scrollWidth: root.scrollWidth,
      headingTop: heading ? heading.getBoundingClientRect().top + window.scrollY : 0,
      wide,
    };
  });
}

test('every assembly page fits a 360 px screen and starts near the top', async () => {
  await page.goto(`${lotta.url}/assemblies?lang=sv`);
  const first = await measure();
  assert.ok(first.scrollWidth <= width, `assemblies: ${first.scrollWidth} px wide: ${first.wide.join(', ')}`);
  await page.locator('main a[href^="/a/"]').first().click();
  await page.waitForURL(/\/a\/[^/]+$/);
  const base = new URL(page.url()).pathname;
  assemblyBase = base;
  const paths = ['', '/questions', '/invitations', '/import', '/people', '/targets', '/selection', '/draw'];
  paths.push('/calls', '/replacements', '/report', '/team', '/audit');
  const problems: string[] = [];
  for (const path of paths) {
    await page.goto(`${lotta.url}${base}${path}`);
    const m = await measure();
    await screenshot(page, path.slice(1) || 'overview');
    if (m.scrollWidth > width)
      problems.push(`${path || '/'}: ${m.scrollWidth} px wide: ${m.wide.join(', ')}`);
    if (m.headingTop > maxHeadingTop)
      problems.push(`${path || '/'}: the heading starts at ${m.headingTop} px`);
  }
  assert.deepEqual(problems, []);
});

test('the staff pages outside an assembly, and the public ones, fit as well', async () => {
  const problems: string[] = [];
  const check = async (on: Page, path: string) => {
    await on.goto(`${lotta.url}${path}`);
    const current = page;
    page = on;
    const m = await measure();
    page = current;
    if (m.scrollWidth > width) problems.push(`${path}: ${m.scrollWidth} px wide: ${m.wide.join(', ')}`);
  };
  for (const path of ['/assemblies/new', '/account', '/admin/accounts', '/admin/audit'])
    await check(page, path);
  const visitor = await (await browser.newContext({ viewport: { width, height: 740 } })).newPage();
  for (const path of ['/?lang=sv', '/login?lang=sv', '/register?lang=sv']) await check(visitor, path);
  await screenshot(visitor, 'register');
  await visitor.context().close();
  assert.deepEqual(problems, []);
});

test('on a phone the tabs are a menu that opens without script and leads to every part', async () => {
  await page.goto(`${lotta.url}${assemblyBase}`);
  const menu = page.locator('details.tabs-menu');
  assert.equal(await menu.isVisible(), true);
  assert.equal(await page.locator('nav.tabs-wide').isVisible(), false);
  assert.equal(await menu.locator('a').first().isVisible(), false, 'the menu starts closed');
  await menu.locator('summary').click();
  await screenshot(page, 'menu-open');
  await menu.getByRole('link', { name: 'Mål', exact: true }).click();
  await page.waitForURL(/\/targets$/);
});

test('after a failed submit the error summary has the focus, without script', async () => {
  await page.goto(`${lotta.url}${assemblyBase}/invitations`);
  await page.locator('#count').fill('0');
  await page.locator('#count').press('Enter');
  await page.waitForSelector('#error-summary');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
  await screenshot(page, 'error-summary');
});

test('the phone layout passes the WCAG checks, with the menus closed and open', async () => {
  // axe is injected as a script, which the Content-Security-Policy would block; the login is the same.
  const checking = await browser.newContext({
    bypassCSP: true,
    viewport: { width, height: 740 },
    storageState: await page.context().storageState(),
  });
  const probe = await checking.newPage();
  await probe.goto(`${lotta.url}${assemblyBase}?lang=sv`);
  assert.deepEqual(await accessibilityProblems(probe), [], 'menus closed');
  // The open main menu lies over the page, so the tabs' menu is opened first.
  await probe.locator('details.tabs-menu > summary').click();
  await probe.locator('details.site-menu > summary').click();
  assert.deepEqual(await accessibilityProblems(probe), [], 'menus open');
  await checking.close();
});
