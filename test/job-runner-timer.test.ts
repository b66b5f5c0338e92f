/**
 * A job queued further ahead than a timer can wait (Node's timers hold at most 2^31-1 ms, about 24.8
 * days; a longer delay fires after 1 ms) must not make the runner look again every millisecond: it
 * waits the longest a timer allows and looks again then. Seen with a reminder queued weeks ahead.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scheduleAnswerReminders } from '../src/commands/answers.ts';
import { startJobRunner, stopJobRunners } from '../src/jobs/runner.ts';
import { openTestDatabase } from './support/web.ts';

const longestTimer = 2_147_483_647;

test('a job queued 40 days ahead leaves the runner one long timer, not a loop', async () => {
  const { database, dataDir, dispose } = await openTestDatabase('sqlite');
  const delays: number[] = [];
  const original = globalThis.setTimeout;
  try {
    await scheduleAnswerReminders(database, new Date(Date.now() + 40 * 86_400_000));
    globalThis.setTimeout = ((handler: () => void, ms?: number, ...rest: unknown[]) => {
      delays.push(ms ?? 0);
      return original(handler, ms, ...rest);
    }) as typeof setTimeout;
    startJobRunner(database, { dataDir, concurrency: 1 });
    await new Promise((resolve) => original(resolve, 300));
  } finally {
    globalThis.setTimeout = original;
    await stopJobRunners(database);
    await dispose();
  }
  const long = delays.filter((ms) => ms > 60_000);
  assert.ok(long.length >= 1, 'the runner set a timer for the job');
  assert.ok(
    long.every((ms) => ms <= longestTimer),
    `timers longer than Node allows: ${long.filter((ms) => ms > longestTimer).length}`,
  );
  assert.ok(long.length <= 2, `the runner looked again ${long.length} times in 300 ms`);
});
