#!/usr/bin/env node
// Runs every *.test.ts(x) file under src/ and test/ with node's own test runner (through tsx).
// Node 20's runner does not expand globs itself, so the files are listed here.
//
// Unless LOTTA_TEST_PG_URL is already set, a throwaway PostgreSQL cluster is started first and its URL
// handed to the tests in LOTTA_TEST_PG_URL; it is stopped again however the run ends. If it cannot
// start, the run fails — unless LOTTA_SKIP_POSTGRES=1, in which case the PostgreSQL tests fail instead.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { startPostgresCluster } from '../test/support/postgres-cluster.mjs';

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) out.push(path);
  }
  return out;
}

const filter = process.argv.slice(2);
let files = [...findTests('src'), ...findTests('test')].sort();
if (filter.length > 0) files = files.filter((f) => filter.some((x) => f.includes(x)));

/** @type {{ url: string, stop(): Promise<void>, stopSync(): void } | null} */
let cluster = null;
/** @type {import('node:child_process').ChildProcess | null} */
let child = null;
let signalled = null;
let starting = false;

// Installed before the cluster starts so that a Ctrl-C during start-up still cleans up.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (signalled) {
      // Second signal: stop waiting for the tests.
      child?.kill('SIGKILL');
      cluster?.stopSync();
      process.exit(128 + constants.signals[signal]);
    }
    signalled = signal;
    if (child) child.kill(signal);
    // While the cluster is starting, the code after startPostgresCluster() notices `signalled`.
    else if (!starting) finish(128 + constants.signals[signal]);
  });
}
// Last resort (an exception in this script, say): never leave a server running.
process.on('exit', () => cluster?.stopSync());

async function finish(status) {
  try {
    await cluster?.stop();
  } catch (error) {
    console.error('Could not stop the PostgreSQL test cluster:', error);
  }
  process.exit(status);
}

/**
 * The real test cases of other projects live in `shared/data` beside the project (see
 * test/support/shared-data.ts). A clone made elsewhere from a local checkout (`git clone . /tmp/x`)
 * finds them beside the checkout it was cloned from; LOTTA_SHARED_DATA, when set, wins.
 */
function sharedDataDir() {
  const beside = resolve('..', 'shared', 'data');
  if (existsSync(beside)) return beside;
  try {
    const origin = execFileSync('git', ['remote', 'get-url', 'origin'], { encoding: 'utf8' }).trim();
    if (isAbsolute(origin)) {
      const besideOrigin = join(dirname(resolve(origin.replace(/\/\.git$/, ''))), 'shared', 'data');
      if (existsSync(besideOrigin)) return besideOrigin;
    }
  } catch {
    // Not a git checkout, or no origin: the tests look beside the project and say what is missing.
  }
  return beside;
}

const env = { NODE_ENV: 'test', LOTTA_SHARED_DATA: sharedDataDir(), ...process.env };
if (!env.LOTTA_TEST_PG_URL) {
  const started = performance.now();
  starting = true;
  try {
    cluster = await startPostgresCluster();
    if (signalled) await finish(128 + constants.signals[signalled]);
    env.LOTTA_TEST_PG_URL = cluster.url;
    const ms = Math.round(performance.now() - started);
    console.error(`PostgreSQL test cluster at ${cluster.url} (started in ${ms} ms)`);
  } catch (error) {
    if (signalled) process.exit(128 + constants.signals[signalled]);
    const message = error instanceof Error ? error.message : String(error);
    if (env.LOTTA_SKIP_POSTGRES === '1') {
      const bar = '!'.repeat(78);
      console.error(
        `${bar}\nWARNING: LOTTA_SKIP_POSTGRES=1 and the PostgreSQL test cluster did not start:\n${message}\n` +
          `Tests needing PostgreSQL will FAIL. Unset LOTTA_SKIP_POSTGRES to make this stop the run.\n${bar}`,
      );
    } else {
      console.error(
        `ERROR: could not start the PostgreSQL test cluster, so the tests were not run.\n${message}\n` +
          '(Set LOTTA_TEST_PG_URL to use an existing server, or LOTTA_SKIP_POSTGRES=1 to run the other ' +
          'tests anyway.)',
      );
      process.exit(1);
    }
  } finally {
    starting = false;
  }
}

child = spawn(
  process.execPath,
  // A test that hangs (a browser that never answers) fails after ten minutes instead of holding the run.
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-concurrency=2',
    '--test-timeout=600000',
    ...files,
  ],
  { stdio: 'inherit', env },
);
child.on('error', (error) => {
  console.error('Could not run the tests:', error);
  finish(1);
});
child.on('exit', (code, signal) => {
  finish(code ?? (signal ? 128 + constants.signals[signal] : 1));
});
