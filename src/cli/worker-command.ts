/**
 * `lotta worker`: runs Lotta's jobs (selection runs and the other long tasks) taken from the
 * PostgreSQL queue, until SIGTERM or Ctrl-C. Start as many as needed, on any machine that reaches the
 * database and the shared data folder; web processes then only queue jobs (LOTTA_WORKERS=0).
 */
import { startAnswerReminders } from '../commands/answers.ts';
import { startRetention } from '../commands/retention.ts';
import { migrate, openDatabase } from '../db/connect.ts';
import { startQueueWorker } from '../jobs/queue-worker.ts';
import { startMailSending } from '../mail/send-job.ts';
import { mailSettingsFromEnv } from '../mail/sender.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from './draw-commands.ts';
import type { SelectIO } from './select-command.ts';

export async function workerCommand(options: { concurrency?: string }, io: SelectIO): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    io.stderr(
      'lotta worker needs DATABASE_URL=postgres://…; with the embedded SQLite database, lotta serve runs the jobs itself.\n',
    );
    return EXIT_BAD_INPUT;
  }
  const concurrency = Number(options.concurrency ?? process.env.LOTTA_WORKER_CONCURRENCY ?? 1);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    io.stderr(`--concurrency must be a whole number from 1 to 64, not "${options.concurrency}".\n`);
    return EXIT_BAD_INPUT;
  }
  const database = await openDatabase({ url });
  await migrate(database);
  const worker = await startQueueWorker(database, {
    connectionString: url,
    dataDir: process.env.LOTTA_DATA_DIR ?? 'data',
    concurrency,
  });
  // Send-mail jobs run here: they deliver through the SMTP server configured in this process.
  const mailSending = await startMailSending(database, mailSettingsFromEnv());
  await startRetention(database);
  // Reminders of the deadline for answers: a run now, then daily (src/commands/answers.ts).
  await startAnswerReminders(database);
  io.stdout(`Lotta worker running (${concurrency} at a time, database: ${database.location})\n`);
  const stop = async () => {
    await worker.stop();
    await mailSending.stop();
    await database.close();
    process.exit(EXIT_OK);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return EXIT_OK;
}
