/**
 * The backups described in docs/deployment.md, done as written there and restored: SQLite's online
 * backup (`sqlite3 lotta.sqlite ".backup FILE"`) while Lotta runs, and `pg_dump`/`pg_restore` for
 * PostgreSQL. The restored Lotta starts, has the data and lets the administrator in.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import Sqlite from 'better-sqlite3';
import { startServer } from '../src/web/server.ts';
import { freshPostgresDatabase } from './support/postgres.ts';
import { adminEmail, adminPassword, type TestApp, TestClient } from './support/web.ts';

const run = promisify(execFile);

/** A PostgreSQL client program: the newest Debian-style install first, then the PATH. */
function postgresProgram(name: string): string {
  const dirs: string[] = [];
  try {
    for (const v of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)))
      dirs.push(join('/usr/lib/postgresql', v, 'bin'));
  } catch {
    // not a Debian-style install
  }
  dirs.push(...(process.env.PATH ?? '').split(delimiter).filter(Boolean));
  for (const dir of dirs) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // keep looking
    }
  }
  throw new Error(`${name} was not found in /usr/lib/postgresql/*/bin or on the PATH`);
}

/** Logs in over HTTP, as a browser would: the accounts and the secret came along. */
async function logsIn(url: string): Promise<number> {
  const app = {
    request: (path: string, init: RequestInit = {}) =>
      fetch(`${url}${path}`, { ...init, redirect: 'manual' }),
  };
  return (await new TestClient(app as unknown as TestApp['app']).logIn(adminEmail, adminPassword)).status;
}

async function peopleIn(server: Awaited<ReturnType<typeof startServer>>): Promise<number> {
  const row = await server.database.db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const quiet = { say: () => {}, adminEmail, adminPassword };

test('SQLite: an online backup taken while Lotta runs restores into a new data folder', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lotta-backup-'));
  const restoredDir = mkdtempSync(join(tmpdir(), 'lotta-restored-'));
  const backup = join(dataDir, 'backup.sqlite');
  const nodeBackup = join(dataDir, 'node-backup.sqlite');
  try {
    const running = await startServer({ port: 0, dataDir, demo: true, ...quiet });
    try {
      assert.equal(await peopleIn(running), 300);
      // While it serves requests: the backup API copies a consistent snapshot, WAL included.
      const [, backupDone] = await Promise.all([
        fetch(`${running.url}/login`),
        run('sqlite3', [join(dataDir, 'lotta.sqlite'), `.backup '${backup}'`]),
      ]);
      assert.equal(backupDone.stderr, '');
      // The same through better-sqlite3, for machines without the sqlite3 program (the command in the docs).
      await run(process.execPath, [
        '-e',
        "require('better-sqlite3')(process.argv[1]).backup(process.argv[2]).then(() => console.log('backed up'))",
        join(dataDir, 'lotta.sqlite'),
        nodeBackup,
      ]);
    } finally {
      await running.close();
    }
    copyFileSync(backup, join(restoredDir, 'lotta.sqlite'));
    const restored = await startServer({ port: 0, dataDir: restoredDir, demo: false, ...quiet });
    try {
      assert.equal(await peopleIn(restored), 300);
      assert.equal(await logsIn(restored.url), 303);
    } finally {
      await restored.close();
    }
    const copy = new Sqlite(nodeBackup, { readonly: true });
    try {
      assert.equal((copy.prepare('select count(*) as n from people').get() as { n: number }).n, 300);
    } finally {
      copy.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(restoredDir, { recursive: true, force: true });
  }
});

test('PostgreSQL: pg_dump of a running Lotta restores with pg_restore into a new database', async () => {
  const source = await freshPostgresDatabase('lotta_backup');
  const target = await freshPostgresDatabase('lotta_restored');
  const dataDir = mkdtempSync(join(tmpdir(), 'lotta-backup-pg-'));
  const dump = join(dataDir, 'lotta.dump');
  try {
    const running = await startServer({ port: 0, dataDir, databaseUrl: source.url, demo: true, ...quiet });
    try {
      assert.equal(await peopleIn(running), 300);
      await run(postgresProgram('pg_dump'), ['--format=custom', '--no-owner', `--file=${dump}`, source.url]);
    } finally {
      await running.close();
    }
    await run(postgresProgram('pg_restore'), [
      '--no-owner',
      '--exit-on-error',
      `--dbname=${target.url}`,
      dump,
    ]);
    const restored = await startServer({ port: 0, dataDir, databaseUrl: target.url, demo: false, ...quiet });
    try {
      assert.equal(await peopleIn(restored), 300);
      assert.equal(await logsIn(restored.url), 303);
    } finally {
      await restored.close();
    }
  } finally {
    await source.drop();
    await target.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
