/**
 * Two real `lotta serve` processes on one PostgreSQL database behave as one: the registration limit
 * and the pause after failed logins are counted in the database, so a client alternating between the
 * processes gets no more attempts than it would from one.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type FreshDatabase, freshPostgresDatabase } from './support/postgres.ts';
import { adminEmail, adminPassword, type TestApp, TestClient } from './support/web.ts';

interface Process {
  child: ChildProcess;
  url: string;
}

function startLotta(env: Record<string, string>): Promise<Process> {
  const child = spawn(process.execPath, ['bin/lotta.mjs', 'serve', '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const found = /running at (http:\/\/\S+)/.exec(out);
      if (found) resolve({ child, url: found[1].replace('localhost', '127.0.0.1') });
    });
    child.stderr!.on('data', (chunk) => {
      out += chunk;
    });
    child.on('exit', (code) => reject(new Error(`lotta serve exited with ${code}: ${out}`)));
  });
}

function stop(p: Process | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    p.child.once('exit', () => resolve());
    p.child.kill('SIGTERM');
  });
}

/**
 * A browser whose form posts go, in turn, to each of the given processes, as behind a load balancer
 * without sticky sessions: one cookie jar, one address (127.0.0.1). A page is fetched from the
 * process the next post goes to.
 */
function roundRobin(urls: string[]): TestClient {
  let next = 0;
  const app = {
    request: (path: string, init: RequestInit = {}) => {
      const base = urls[next % urls.length];
      if (init.method === 'POST') next++;
      return fetch(`${base}${path}`, { ...init, redirect: 'manual' });
    },
  };
  return new TestClient(app as unknown as TestApp['app']);
}

let pg: FreshDatabase;
let dataDir: string;
let a: Process;
let b: Process;

before(async () => {
  pg = await freshPostgresDatabase('lotta_multi');
  dataDir = mkdtempSync(join(tmpdir(), 'lotta-multi-'));
  const env = {
    DATABASE_URL: pg.url,
    LOTTA_DATA_DIR: dataDir,
    LOTTA_ADMIN_EMAIL: adminEmail,
    LOTTA_ADMIN_PASSWORD: adminPassword,
    LOTTA_LOG_LEVEL: 'warn',
  };
  // One after the other: the first migrates the database and creates the administrator.
  a = await startLotta(env);
  b = await startLotta(env);
});

after(async () => {
  await Promise.all([stop(a), stop(b)]);
  await pg?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the registration limit counts across both web processes', async () => {
  const client = roundRobin([a.url, b.url]);
  await client.get('/register');
  for (let i = 0; i < 20; i++) {
    assert.equal((await client.post('/register', { code: 'ACDEF-GHJK3' })).status, 422, `attempt ${i + 1}`);
  }
  // The 21st is refused whichever process gets it: the next two posts go to A, then B.
  for (const name of ['A', 'B']) {
    const refused = await client.post('/register', { code: 'ACDEF-GHJK3' });
    assert.equal(refused.status, 429, `process ${name}`);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
  }
});

test('failed logins pause the address and e-mail on every process', async () => {
  const client = roundRobin([a.url, b.url]);
  await client.get('/login');
  for (let i = 0; i < 10; i++) {
    assert.equal((await client.logIn(adminEmail, `wrong ${i}`)).status, 422, `attempt ${i + 1}`);
  }
  // Even the right password waits, on either process.
  assert.equal((await roundRobin([a.url]).logIn(adminEmail, adminPassword)).status, 429);
  assert.equal((await roundRobin([b.url]).logIn(adminEmail, adminPassword)).status, 429);
});
