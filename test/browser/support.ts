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
import { type RunningServer, startServer } from '../../src/web/server.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = join('test-output', 'screenshots');
export const admin = { email: 'admin@lotta.test', password: 'correct horse battery staple' };

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not at ${chromiumPath}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
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
  await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map(
      (v: { id: string; help: string; nodes: { target: string[] }[] }) =>
        `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
  });
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
