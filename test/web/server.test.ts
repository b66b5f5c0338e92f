/**
 * Starting Lotta as `npm start` does: migrations on start, the first administrator printed once, the
 * demo loaded on request, and the same application on PostgreSQL through DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EXIT_BAD_INPUT } from '../../src/cli/draw-commands.ts';
import { startServer } from '../../src/web/server.ts';
import { freshPostgresDatabase } from '../support/postgres.ts';

test('first start creates an administrator and loads the demo; a restart does neither again', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lotta-start-'));
  try {
    const lines: string[] = [];
    const first = await startServer({ port: 0, dataDir, demo: true, say: (l) => lines.push(l) });
    const password = /password: (\S+)/.exec(lines.join('\n'))?.[1];
    assert.ok(password && password.length >= 16, lines.join('\n'));
    assert.match(
      lines.join('\n'),
      /300 fictional volunteers, invite code for trying the form: [A-Z0-9]{5}-[A-Z0-9]{5}/,
    );
    const home = await fetch(`${first.url}/?lang=en`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /Sign up/);
    // The demo's final report is made by its job once the server listens.
    const until = Date.now() + 60_000;
    let versions: { number: number }[] = [];
    while (versions.length === 0 && Date.now() < until) {
      versions = await first.database.db.selectFrom('final_report_versions').select('number').execute();
      if (versions.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(versions, [{ number: 1 }], 'the demo has its final report');
    await first.close();

    const again: string[] = [];
    const second = await startServer({ port: 0, dataDir, demo: true, say: (l) => again.push(l) });
    assert.doesNotMatch(again.join('\n'), /password|Demo assembly loaded/);
    const count = await second.database.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 300);
    const reports = await second.database.db.selectFrom('final_report_versions').select('number').execute();
    assert.equal(reports.length, 1, 'a restart makes no second report');
    await second.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('DATABASE_URL runs the same application on PostgreSQL', async () => {
  const pg = await freshPostgresDatabase('lotta_start');
  const dataDir = mkdtempSync(join(tmpdir(), 'lotta-start-pg-'));
  try {
    const lines: string[] = [];
    const server = await startServer({
      port: 0,
      dataDir,
      databaseUrl: pg.url,
      demo: true,
      say: (l) => lines.push(l),
    });
    assert.equal(server.database.dialect, 'postgres');
    assert.match(lines.join('\n'), /data: postgres:\/\//);
    const login = await fetch(`${server.url}/login`);
    assert.equal(login.status, 200);
    await server.close();
  } finally {
    await pg.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('`lotta serve` starts from the command line on the port given and stops on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lotta-serve-'));
  const child = spawn(process.execPath, ['bin/lotta.mjs', 'serve', '--port', '0'], {
    env: { ...process.env, LOTTA_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const found = /running at (http:\/\/\S+)/.exec(out);
        if (found) resolve(found[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    assert.equal((await fetch(url)).status, 200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('`lotta serve` on a port already in use says so plainly and exits, with no stack trace', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lotta-busy-'));
  const busy = createServer().listen(0, '127.0.0.1');
  await once(busy, 'listening');
  const address = busy.address();
  assert.ok(address && typeof address === 'object');
  const child = spawn(
    process.execPath,
    ['bin/lotta.mjs', 'serve', '--demo', '--port', String(address.port)],
    {
      env: { ...process.env, LOTTA_DATA_DIR: dataDir, HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    const [code] = await once(child, 'exit');
    assert.equal(code, EXIT_BAD_INPUT, err);
    assert.match(err, new RegExp(`Port ${address.port} is in use on 127\\.0\\.0\\.1: .*--port`));
    assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
    // Found before the database was made, migrated or given the demo.
    assert.deepEqual(readdirSync(dataDir), []);
  } finally {
    child.kill('SIGKILL');
    busy.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
