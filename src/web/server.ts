/**
 * Starts Lotta: listens on its port (answering "starting" for now), opens the database (SQLite file
 * in the data folder, or DATABASE_URL), migrates it, creates the first administrator on an empty
 * database, optionally loads the demo assembly, and serves the web application.
 */
import { mkdirSync } from 'node:fs';
import { type ServerType, serve } from '@hono/node-server';
import { bootstrapAdministrator } from '../commands/accounts.ts';
import { startAnswerReminders } from '../commands/answers.ts';
import { loadDemo } from '../commands/demo.ts';
import { requestFinalReport } from '../commands/final-reports.ts';
import { startRetention } from '../commands/retention.ts';
import { failInterruptedRuns } from '../commands/selection-runs.ts';
import { type Database, migrate, openDatabase } from '../db/connect.ts';
import { installQueue } from '../jobs/queue-worker.ts';
import {
  jobTimings,
  localConcurrency,
  startJobRunner,
  stopJobRunners,
  sweepStaleJobs,
} from '../jobs/runner.ts';
import { stopAllJobs } from '../jobs/selection-jobs.ts';
import { log } from '../log.ts';
import { startMailSending } from '../mail/send-job.ts';
import { mailSettingsFromEnv } from '../mail/sender.ts';
import { ensureServerSecret } from '../repositories/settings.ts';
import { createApp } from './app.ts';

export interface ServerOptions {
  port: number;
  host?: string;
  dataDir: string;
  databaseUrl?: string;
  demo: boolean;
  /** Fixed first password (tests, scripted installs); otherwise a random one is printed. */
  adminEmail?: string;
  adminPassword?: string;
  maxUploadBytes?: number;
  maxRegisterBytes?: number;
  minimumFormMillis?: number;
  /** Where to print the start-up lines meant for the person starting Lotta. */
  say?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  database: Database;
  close(): Promise<void>;
}

/** The server could not listen where it was asked to (the port is taken, say); `message` says what to do. */
export class ListenError extends Error {
  constructor(port: number, hostname: string, cause: unknown) {
    const code = (cause as { code?: string } | null)?.code;
    const where = `${hostname}:${port}`;
    super(
      code === 'EADDRINUSE'
        ? `Port ${port} is in use on ${hostname}: another program (perhaps another Lotta) listens there. Stop it, or start with --port and another number.`
        : code === 'EACCES'
          ? `Lotta may not listen on ${where} (ports below 1024 need special rights). Start with --port and a number from 1024 up.`
          : `Lotta could not listen on ${where}${code ? ` (${code})` : ''}. Check --port and HOST.`,
    );
    this.name = 'ListenError';
  }
}

/**
 * This process's share of the jobs: jobs of a worker that died are retried or failed, selection runs
 * the previous process left are marked interrupted, e-mail and retention are queued, and the runner
 * starts (and is restarted after each sweep for stale jobs). `stop` ends them for shutdown: a
 * selection run stopped by its runner goes back to the queue for the next start; anything else still
 * running in this process ends as interrupted.
 */
async function startJobs(database: Database, dataDir: string): Promise<{ stop(): Promise<void> }> {
  const timings = jobTimings();
  // Jobs whose worker died: on SQLite every running job belonged to an earlier server process (one
  // process serves a SQLite file); on PostgreSQL only those without a recent heartbeat.
  const lost = await sweepStaleJobs(database, database.dialect === 'sqlite' ? 0 : timings.staleMillis);
  if (lost > 0) log.warn({ jobs: lost }, 'jobs of a stopped worker retried or failed');
  // Selection runs the previous process left unfinished have nobody working on them any more.
  const interrupted = await failInterruptedRuns(database);
  if (interrupted > 0) log.warn({ runs: interrupted }, 'selection runs interrupted by a restart');
  // E-mail goes out through send-mail jobs (in this process's runner, or in `lotta worker` processes);
  // this process's own jobs send through the SMTP server configured here.
  const mailSending = await startMailSending(database, mailSettingsFromEnv());
  // Deleting what has run out: a run now, then hourly (src/commands/retention.ts).
  await startRetention(database);
  // Reminders of the deadline for answers: a run now, then daily (src/commands/answers.ts).
  await startAnswerReminders(database);
  startJobRunner(database, { dataDir });
  const sweeping = setInterval(() => {
    sweepStaleJobs(database, timings.staleMillis)
      .then(() => startJobRunner(database, { dataDir }))
      .catch((error: unknown) =>
        log.error({ error: error instanceof Error ? error.message : String(error) }, 'job sweep failed'),
      );
  }, timings.heartbeatMillis * 2);
  sweeping.unref();
  return {
    stop: async () => {
      clearInterval(sweeping);
      await stopJobRunners(database);
      await stopAllJobs();
      await mailSending.stop();
    },
  };
}

/** Starts listening; a ListenError says why it could not. */
function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  port: number,
  hostname: string,
): Promise<ServerType> {
  return new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch, port, hostname }, () => resolve(s));
    s.once('error', (error) => reject(new ListenError(port, hostname, error)));
  });
}

/** The database ready to serve: migrated, jobs running, the first administrator and the demo in place. */
async function prepareDatabase(options: ServerOptions, say: (line: string) => void) {
  mkdirSync(options.dataDir, { recursive: true });
  const database = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  let jobs: Awaited<ReturnType<typeof startJobs>> | undefined;
  try {
    const applied = await migrate(database);
    if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
    // A web process that leaves its jobs to `lotta worker` processes (LOTTA_WORKERS=0 on PostgreSQL)
    // queues them through graphile-worker, which wakes the workers; one that runs its jobs itself needs
    // no queue (and once a worker has installed it, jobs go through it anyway).
    if (database.dialect === 'postgres' && options.databaseUrl && localConcurrency() === 0)
      await installQueue(options.databaseUrl);
    jobs = await startJobs(database, options.dataDir);
    const secret = await ensureServerSecret(database.db);
    const admin = await bootstrapAdministrator(database, {
      email: options.adminEmail,
      password: options.adminPassword,
    });
    const demo = options.demo ? await loadDemo(database) : null;
    if (demo)
      say(
        `Demo assembly loaded: ${demo.people} fictional volunteers, invite code for trying the form: ${demo.freeCode}`,
      );
    return { database, jobs, secret, admin, demo };
  } catch (error) {
    // Jobs started before the failure hold the database: they stop first.
    await jobs?.stop();
    await database.close();
    throw error;
  }
}

/** What the server answers while it is still starting. */
function starting(): Response {
  return new Response('Lotta is starting; try again in a moment.', {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '2' },
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const hostname = options.host ?? '127.0.0.1';
  // Listen first: a port in use is reported before the database is migrated or the demo loaded.
  let app: ReturnType<typeof createApp> | undefined;
  const server = await listen(
    (request, env) => (app ? app.fetch(request, env) : starting()),
    options.port,
    hostname,
  );
  const { database, jobs, secret, admin, demo } = await prepareDatabase(options, say).catch(
    async (error: unknown) => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw error;
    },
  );
  app = createApp({
    database,
    secret,
    dataDir: options.dataDir,
    maxUploadBytes: options.maxUploadBytes ?? 10_000_000,
    // A 5,000,000-row extract with names and addresses is about 400 MB.
    maxRegisterBytes: options.maxRegisterBytes ?? 1_000_000_000,
    secureCookies: process.env.LOTTA_SECURE_COOKIES === '1',
    minimumFormMillis: options.minimumFormMillis ?? 3000,
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`;
  say(`Lotta is running at ${url} (data: ${database.location})`);
  // The demo's final report is made by its job, like any other: it needs the address the report's
  // verification links point to, known only now that the server listens.
  if (demo)
    await requestFinalReport(
      database,
      { kind: 'system' },
      {
        assemblyId: demo.assemblyId,
        origin: process.env.LOTTA_PUBLIC_URL?.trim().replace(/\/+$/, '') || url,
      },
    );
  if (admin) {
    say('First start: an administrator account was created.');
    say(`  e-mail:   ${admin.email}`);
    say(
      options.adminPassword
        ? '  password: the one in LOTTA_ADMIN_PASSWORD'
        : `  password: ${admin.password}   (shown once; you will be asked to choose your own)`,
    );
  }
  return {
    url,
    database,
    close: async () => {
      // Browsers keep connections open; without closing them, close() would wait for their timeout.
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closing;
      // Jobs first: a selection run stopped by its runner goes back to the queue for the next start;
      // anything else still running in this process ends as interrupted.
      await jobs.stop();
      await database.close();
    },
  };
}
