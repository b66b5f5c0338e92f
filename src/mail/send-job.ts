/**
 * E-mail goes out through one job kind, `send-mail`, run like every other long task (in the server
 * process on SQLite, in `lotta worker` processes on PostgreSQL). Writing an e-mail to the outbox queues
 * a send job in the same transaction; at most one waits at a time (its job key), so a burst of
 * messages is one run. A run sends what is due and, when something is still waiting (a retry after a
 * refusal, a reminder due tomorrow, a claim held by a sender that died), queues the next run for that
 * moment. Nothing polls: without due e-mail no job waits, and without SMTP the job sends nothing and
 * the messages wait in the outbox (to be printed, or sent once SMTP is configured and Lotta restarted).
 */
import { z } from 'zod';
import { onCommit } from '../commands/command.ts';
import type { Database } from '../db/connect.ts';
import type { JobKind } from '../jobs/job-kind.ts';
import { enqueueKeyedJob } from '../jobs/queue.ts';
import { nudgeJobRunner, wakeJobRunner } from '../jobs/runner.ts';
import type { Executor } from '../repositories/executor.ts';
import { type NewMessage, nextEmailDue, queueMessage } from '../repositories/outbox.ts';
import { createTransport, type MailSettings, type SendResult, sendDueMessages } from './sender.ts';

export const sendMailJobKey = 'send-mail';
/** Messages claimed at a time; a run goes on until fewer than this are due. */
const batch = 50;
/** After a run's worker died: its claimed messages are looked at again once their claim lapses. */
const afterLostWorkerMs = 60_000;

interface Sending {
  settings: MailSettings & { smtpUrl: string };
  running: Set<Promise<unknown>>;
}

/** The SMTP settings of each database this process sends for (set at start from the environment). */
const sending = new WeakMap<Database, Sending>();

export type SendMailResult = SendResult & { off?: true };

export const sendMailJob: JobKind<Record<string, never>, SendMailResult> = {
  name: 'send-mail',
  // Not retried as a job: each message keeps its own attempts and backoff, and a run queues the next.
  maxAttempts: 1,
  // A run sends whatever is due: it is queued with nothing to say.
  inputSchema: z.record(z.string(), z.never()),
  resultSchema: z.object({
    sent: z.number(),
    retried: z.number(),
    failed: z.number(),
    off: z.literal(true).optional(),
  }),
  async handle(ctx) {
    const entry = sending.get(ctx.database);
    if (!entry) return { sent: 0, retried: 0, failed: 0, off: true };
    const run = sendAllDue(ctx.database, entry.settings, ctx.signal);
    entry.running.add(run);
    try {
      return await run;
    } finally {
      entry.running.delete(run);
    }
  },
  async abandoned(database) {
    await scheduleMailSending(database, new Date(Date.now() + afterLostWorkerMs).toISOString());
  },
};

async function sendAllDue(
  database: Database,
  settings: Sending['settings'],
  signal: AbortSignal,
): Promise<SendResult> {
  const transport = createTransport(settings.smtpUrl);
  const total: SendResult = { sent: 0, retried: 0, failed: 0 };
  try {
    for (;;) {
      const round = await sendDueMessages({
        db: database,
        transport,
        from: settings.from,
        batch,
        retryBaseMs: settings.retryBaseMs,
      });
      total.sent += round.sent;
      total.retried += round.retried;
      total.failed += round.failed;
      if (round.sent + round.retried + round.failed < batch || signal.aborted) break;
    }
  } finally {
    transport.close();
    // The next run, when the earliest waiting e-mail falls due (a retry's backoff, a reminder).
    const next = await nextEmailDue(database.db);
    if (next) await scheduleMailSending(database, next);
  }
  return total;
}

/**
 * Queues a send run for `runAt` (or keeps the one already waiting, brought forward if need be), in
 * the caller's transaction; this process's runner is woken once it commits.
 */
export async function queueMailSending(trx: Executor, database: Database, runAt: string): Promise<void> {
  await enqueueKeyedJob(trx, database, sendMailJob, {
    jobKey: sendMailJobKey,
    input: {},
    runAt,
    at: new Date().toISOString(),
  });
  onCommit(trx, () => wakeJobRunner(database));
}

/** The same in a transaction of its own, for a run that queues the next (its runner goes on by itself). */
async function scheduleMailSending(database: Database, runAt: string): Promise<void> {
  await database.db.transaction().execute((trx) =>
    enqueueKeyedJob(trx, database, sendMailJob, {
      jobKey: sendMailJobKey,
      input: {},
      runAt,
      at: new Date().toISOString(),
    }),
  );
}

/**
 * Writes a message to the outbox in the caller's transaction and, for an e-mail, queues the send run
 * that delivers it when it is due. Every command that writes an e-mail goes through here.
 */
export async function queueOutboxMessage(
  trx: Executor,
  database: Database,
  message: NewMessage,
): Promise<string> {
  const id = await queueMessage(trx, message);
  if (message.channel === 'email') await queueMailSending(trx, database, message.notBefore ?? message.at);
  return id;
}

export interface MailSending {
  /** Stops sending for the database; a run under way finishes first. */
  stop(): Promise<void>;
}

/**
 * Lets this process's send jobs deliver the database's e-mail through SMTP (called at start by the
 * server and by `lotta worker`, with the settings from the environment), and queues a run for e-mail
 * already waiting (written while SMTP was off, or before a restart). Without an SMTP URL nothing is
 * sent: send jobs end at once and the messages wait.
 */
export async function startMailSending(database: Database, settings: MailSettings): Promise<MailSending> {
  const smtpUrl = settings.smtpUrl;
  if (!smtpUrl) return { stop: async () => {} };
  const entry: Sending = { settings: { ...settings, smtpUrl }, running: new Set() };
  sending.set(database, entry);
  const next = await nextEmailDue(database.db);
  if (next) {
    await scheduleMailSending(database, next);
    nudgeJobRunner(database);
  }
  return {
    async stop() {
      if (sending.get(database) === entry) sending.delete(database);
      await Promise.all(entry.running);
    },
  };
}
