/**
 * Browser tests: a real Lotta server on a free port with its own SQLite file, Debian's Chromium
 * driven by playwright-core, axe-core for the WCAG 2.1 A/AA rules a machine can check, and
 * screenshots in test-output/screenshots/.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Actor } from '../../src/commands/command.ts';
import { findAccountByEmail } from '../../src/repositories/accounts.ts';
import { type RunningServer, startServer } from '../../src/web/server.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = join('test-output', 'screenshots');
export const admin = { email: 'admin@lotta.test', password: 'correct horse battery staple' };

/**
 * How long one browser step (a click, a fill, a wait for text) may take before it fails. Playwright
 * bounds actions and navigations, but not opening or closing a context or a page, nor `evaluate`:
 * a Chromium that stops answering under load would otherwise keep a test waiting for ever.
 */
export const stepMillis = 30_000;

/** `work`, or an error naming `what` once `millis` have passed without an answer. */
export async function within<T>(what: string, work: Promise<T>, millis = stepMillis): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${millis} ms`)), millis);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not at ${chromiumPath}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    timeout: 2 * stepMillis,
    // The flags keep Chromium from calling home, which this machine's closed network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  // Every test file opens its contexts through the browser it gets here, so bounding them here
  // bounds them all: opening a context or a page has no timeout of its own.
  const open = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await within('Opening a browser context', open(options));
    context.setDefaultTimeout(stepMillis);
    context.setDefaultNavigationTimeout(stepMillis);
    const newPage = context.newPage.bind(context);
    context.newPage = async () => {
      const page = await within('Opening a page', newPage());
      const close = page.close.bind(page);
      page.close = (how) => within('Closing a page', close(how));
      const evaluate = page.evaluate.bind(page) as (...args: unknown[]) => Promise<unknown>;
      (page as { evaluate: unknown }).evaluate = (...args: unknown[]) =>
        within('Running a script in the page', evaluate(...args));
      return page;
    };
    return context;
  };
  return browser;
}

export async function startLotta(
  options: { minimumFormMillis?: number; demo?: boolean } = {},
): Promise<RunningServer & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lotta-browser-'));
  const server = await startServer({
    port: 0,
    dataDir,
    demo: options.demo ?? false,
    adminEmail: admin.email,
    adminPassword: admin.password,
    minimumFormMillis: options.minimumFormMillis ?? 0,
    say: () => {},
  });
  return {
    ...server,
    dataDir,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The first administrator of a started Lotta, as the actor its commands take. */
export async function adminActorOf(lotta: Pick<RunningServer, 'database'>): Promise<Actor> {
  const account = await findAccountByEmail(lotta.database.db, admin.email);
  if (!account) throw new Error('the administrator was not created');
  return { kind: 'staff', accountId: account.id, isAdmin: true };
}

/**
 * Numbered screenshots for one test file, named `<prefix>-NN-<step>.png`; the file's earlier
 * screenshots are removed first so the folder shows the last run only.
 */
export function screenshots(prefix: string): (page: Page, step: string) => Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  for (const file of readdirSync(screenshotDir)) {
    if (file.startsWith(`${prefix}-`)) rmSync(join(screenshotDir, file));
  }
  let count = 0;
  return async (page, step) => {
    count++;
    await page.screenshot({
      path: join(screenshotDir, `${prefix}-${String(count).padStart(2, '0')}-${step}.png`),
      fullPage: true,
    });
  };
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The WCAG 2.1 A and AA violations axe-core finds on the page, as readable lines. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await within('Adding axe to the page', page.addScriptTag({ path: axeSource }));
  const violations = await within(
    'Checking the page with axe',
    page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
      const axe = (window as any).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations.map(
        (v: { id: string; help: string; nodes: { target: string[] }[] }) =>
          `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
    }),
  );
  return violations as string[];
}

/**
 * Fills the answer options of question `question` (0-based) on the question editor, one row per
 * option (value, Swedish, English), adding rows with the form's own button when there are too few.
 */
export async function fillOptions(page: Page, question: number, options: [string, string, string][]) {
  for (const [j, [value, sv, en]] of options.entries()) {
    const field = (part: string) => page.locator(`[name="q${question}.o${j}.${part}"]`);
    if ((await field('value').count()) === 0) {
      await page.getByRole('button', { name: `Add another option to question ${question + 1}` }).click();
    }
    await field('value').fill(value);
    await field('sv').fill(sv);
    await field('en').fill(en);
  }
}

/** Logs `account` in on `page` through the English login form and waits for the assemblies list. */
export async function logIn(page: Page, url: string, account: { email: string; password: string }) {
  await page.goto(`${url}/login?lang=en`);
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/assemblies');
}
