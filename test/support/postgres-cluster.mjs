// A throwaway PostgreSQL cluster for the test suite: initdb into a fresh temp dir, start it on a free
// 127.0.0.1 port with durability switched off, and remove everything again on stop().
//
// Plain ESM JavaScript (types in postgres-cluster.d.mts) so that scripts/run-tests.mjs can import it
// without tsx. initdb and postgres refuse to run as root; when we are root (as on CI) they run as the
// dedicated system user `lotta-pg`, created on first use.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const PG_USER = 'lotta-pg';
const LOG_TAIL_LINES = 20;

/**
 * Starts a throwaway cluster, or returns LOTTA_TEST_PG_URL (with a no-op stop) when that is set.
 * @returns {Promise<{ url: string, stop(): Promise<void>, stopSync(): void }>}
 */
export async function startPostgresCluster() {
  const existing = process.env.LOTTA_TEST_PG_URL;
  if (existing) return { url: existing, stop: async () => {}, stopSync: () => {} };

  const initdb = findExecutable('initdb');
  const pgCtl = findExecutable('pg_ctl');
  const asRoot = process.getuid?.() === 0;
  const runAs = asRoot ? await prepareRootRunner() : null;

  const dir = await mkdtemp(join(tmpdir(), 'lotta-pg-'));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  const logFile = join(dir, 'postgres.log');
  await mkdir(socketDir);
  // pg_ctl -l appends to the log as the server's user, so create it up front and hand it over.
  writeFileSync(logFile, '');
  if (asRoot) {
    const { uid, gid } = userIds(PG_USER);
    for (const path of [dir, socketDir, logFile]) await chown(path, uid, gid);
  }

  /** Runs one PostgreSQL command (as lotta-pg when root), appending its output to the log. */
  const run = async (bin, args, { detached = false } = {}) => {
    const command = runAs ? runAs(bin, args) : [bin, ...args];
    const { code, output, error } = await exec(command, { cwd: dir, detached });
    appendLog(logFile, `$ ${shellJoin(command)}\n${output}${error ? `${error.message}\n` : ''}`);
    return { ok: code === 0 && !error, command, code, error };
  };
  const fail = (result, what) => {
    let message = `PostgreSQL test cluster: ${what} failed (${result.error ? result.error.message : `exit status ${result.code}`}).\n`;
    message += `Command: ${shellJoin(result.command)}\n`;
    if (asRoot) {
      message += `(running as system user ${PG_USER}; it must be able to reach ${dir} — check the permissions of its parent directories, or set TMPDIR)\n`;
    }
    message += `Last lines of the log (${logFile}, removed with its directory):\n${logTail(logFile)}`;
    return new Error(message);
  };

  let started = false;
  try {
    const init = await run(initdb, [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    if (!init.ok) throw fail(init, 'initdb');

    // The port comes from binding to port 0 and releasing it, so something else may grab it in
    // between (other test processes starting their own clusters, say): retry with a new one.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const options = [
        `-p ${port}`,
        `-k ${shellQuote(socketDir)}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ');
      // detached: own session, so a Ctrl-C at the terminal does not reach the server directly;
      // stop() shuts it down instead.
      const start = await run(
        pgCtl,
        ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', options],
        {
          detached: true,
        },
      );
      if (start.ok) break;
      // Make sure a half-started server is gone before retrying or giving up.
      await run(pgCtl, ['stop', '-m', 'immediate', '-w', '-D', dataDir]);
      if (attempt >= 3 || !/could not bind|address already in use/i.test(logTail(logFile, 200))) {
        throw fail(start, 'pg_ctl start');
      }
    }
    started = true;

    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    /** @type {Promise<void> | null} */
    let stopping = null;
    let stopped = false;
    const stop = () => {
      stopping ??= (async () => {
        if (stopped) return;
        await run(pgCtl, ['stop', '-m', 'immediate', '-w', '-D', dataDir]);
        await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
        stopped = true;
      })();
      return stopping;
    };
    // For process 'exit' handlers, where nothing asynchronous runs any more.
    const stopSync = () => {
      if (stopped) return;
      stopped = true;
      const command = runAs ? runAs(pgCtl, ['stop', '-m', 'immediate', '-w', '-D', dataDir]) : null;
      const [bin, ...args] = command ?? [pgCtl, 'stop', '-m', 'immediate', '-w', '-D', dataDir];
      spawnSync(bin, args, { cwd: dir, env: childEnv(), stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    };
    return { url, stop, stopSync };
  } finally {
    if (!started) await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

/** Ensures the lotta-pg user exists and returns a function building `run as lotta-pg` commands. */
async function prepareRootRunner() {
  if (!userExists(PG_USER)) {
    // Retried because useradd fails when another process holds the passwd lock or has just created
    // the user itself (several test processes starting clusters at once).
    for (let attempt = 1; ; attempt++) {
      const result = spawnSync(
        'useradd',
        ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', PG_USER],
        { encoding: 'utf8' },
      );
      if (userExists(PG_USER)) break;
      if (attempt >= 5) {
        const why = result.error
          ? result.error.message
          : `${result.stderr}`.trim() || `exit ${result.status}`;
        throw new Error(
          `PostgreSQL test cluster: could not create system user ${PG_USER} ` +
            `(useradd --system --no-create-home --shell /usr/sbin/nologin ${PG_USER}): ${why}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
  const runuser = findExecutable('runuser', false);
  if (runuser) return (bin, args) => [runuser, '-u', PG_USER, '--', bin, ...args];
  const su = findExecutable('su', false);
  if (su) return (bin, args) => [su, '-s', '/bin/sh', PG_USER, '-c', shellJoin([bin, ...args])];
  throw new Error(`PostgreSQL test cluster: running as root but neither runuser nor su is available`);
}

function userExists(name) {
  return spawnSync('id', [name], { stdio: 'ignore' }).status === 0;
}

function userIds(name) {
  const uid = Number(spawnSync('id', ['-u', name], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`cannot look up uid/gid of ${name}`);
  return { uid, gid };
}

/**
 * Absolute path of a program: PATH first, then Debian's /usr/lib/postgresql/<version>/bin (newest
 * first). Absolute because runuser / su may not keep PATH.
 */
function findExecutable(name, required = true) {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  dirs.push('/usr/local/bin', '/usr/bin', '/usr/sbin', '/sbin', '/bin');
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const v of versions) dirs.push(join('/usr/lib/postgresql', v, 'bin'));
  } catch {
    // not a Debian-style install
  }
  for (const dir of dirs) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // keep looking
    }
  }
  if (required) {
    throw new Error(
      `PostgreSQL test cluster: cannot find \`${name}\` (looked in PATH and /usr/lib/postgresql/*/bin)`,
    );
  }
  return null;
}

/** The environment for PostgreSQL commands: ours without PG* variables that could redirect them. */
function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('PG')) delete env[key];
  return env;
}

function exec([bin, ...args], { cwd, detached }) {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd, detached, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    let error = null;
    child.on('error', (e) => {
      error = e;
    });
    child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8'), error }));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function appendLog(file, text) {
  try {
    writeFileSync(file, text, { flag: 'a' });
  } catch {
    // the log is only for diagnostics
  }
}

function logTail(file, lines = LOG_TAIL_LINES) {
  if (!existsSync(file)) return '(no log file)';
  const all = readFileSync(file, 'utf8').trimEnd().split('\n');
  return all
    .slice(-lines)
    .map((line) => `  ${line}`)
    .join('\n');
}

function shellQuote(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function shellJoin(words) {
  return words.map(shellQuote).join(' ');
}
