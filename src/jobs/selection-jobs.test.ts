import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngineRun } from '../engine/engine-thread.ts';
import { CancelledError, type Progress, type SelectionResult } from '../sortition/model.ts';
import {
  checkCancelNow,
  type EngineStarter,
  type JobOutcome,
  type JobProgress,
  launchSelectionJob,
  runningJobIds,
  stopAllJobs,
} from './selection-jobs.ts';

const result = { status: 'ok', stats: { seconds: 0 } } as unknown as SelectionResult;

/** An engine the test drives by hand: it reports progress and ends when told. */
function fakeEngine() {
  let report: (p: Progress) => void = () => {};
  let settle: { resolve(r: SelectionResult): void; reject(e: Error): void } | undefined;
  const calls = { cancel: 0, stop: 0 };
  const start: EngineStarter = (_input, _options, onProgress) => {
    report = onProgress;
    const run: EngineRun = {
      result: new Promise<SelectionResult>((resolve, reject) => {
        settle = { resolve, reject };
      }),
      cancel: () => {
        calls.cancel++;
        settle?.reject(new CancelledError());
      },
      stop: () => {
        calls.stop++;
        settle?.reject(new CancelledError());
      },
    };
    return run;
  };
  return {
    start,
    calls,
    progress: (p: Progress) => report(p),
    finish: () => settle?.resolve(result),
  };
}

function recorder(cancelFlag = { value: false }) {
  const progress: JobProgress[] = [];
  const outcomes: JobOutcome[] = [];
  return {
    progress,
    outcomes,
    job: (id: string) => ({
      id,
      input: { people: [], targets: { kind: 'quotas' as const, quotas: [] }, panelSize: 1 },
      options: {},
      started: async () => true,
      progress: async (p: JobProgress) => {
        progress.push(p);
      },
      cancelRequested: async () => cancelFlag.value,
      finished: async (o: JobOutcome) => {
        outcomes.push(o);
      },
    }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('progress reaches the owner at most once per interval, the latest report last', async () => {
  const engine = fakeEngine();
  const r = recorder();
  const done = launchSelectionJob(r.job('run-1'), {
    startEngine: engine.start,
    timing: { progressMillis: 200, cancelPollMillis: 20 },
  });
  await sleep(10);
  for (let i = 0; i <= 50; i++) engine.progress({ phase: 'leximin', fraction: i / 50 });
  await sleep(0);
  assert.deepEqual(
    r.progress.map((p) => p.phase),
    ['start', 'leximin'],
    'the job starting and the first report of a stage go through at once',
  );
  await sleep(260);
  engine.finish();
  await done;
  assert.deepEqual(
    r.progress.map((p) => `${p.phase} ${p.fraction}`),
    ['start 0', 'leximin 0', 'leximin 1', 'save 0'],
  );
  assert.deepEqual(r.outcomes, [{ kind: 'result', result }]);
  assert.deepEqual(runningJobIds(), []);
});

test('a cancel request is noticed by polling and ends the job as cancelled', async () => {
  const engine = fakeEngine();
  const flag = { value: false };
  const r = recorder(flag);
  const done = launchSelectionJob(r.job('run-2'), {
    startEngine: engine.start,
    timing: { cancelPollMillis: 20 },
  });
  await sleep(50);
  assert.equal(engine.calls.cancel, 0);
  flag.value = true;
  await done;
  assert.equal(engine.calls.cancel, 1);
  assert.deepEqual(r.outcomes, [{ kind: 'cancelled' }]);
});

test('an engine that does not reach its next check is stopped after a while', async () => {
  const stubborn: EngineStarter = () => {
    let reject: (e: Error) => void = () => {};
    return {
      result: new Promise<SelectionResult>((_, no) => {
        reject = no;
      }),
      cancel: () => {},
      stop: () => reject(new CancelledError()),
    };
  };
  const r = recorder({ value: true });
  // The flag is already set when the job starts: it ends without starting the engine.
  await launchSelectionJob(r.job('run-3'), { startEngine: stubborn, timing: { cancelPollMillis: 10 } });
  assert.deepEqual(r.outcomes, [{ kind: 'cancelled' }]);

  const flag = { value: false };
  const later = recorder(flag);
  const done = launchSelectionJob(later.job('run-4'), {
    startEngine: stubborn,
    timing: { cancelPollMillis: 10, stopAfterMillis: 50 },
  });
  await sleep(30);
  flag.value = true;
  await done;
  assert.deepEqual(later.outcomes, [{ kind: 'cancelled' }]);
});

test('stopping all jobs (the server shuts down) ends them as interrupted', async () => {
  const engine = fakeEngine();
  const r = recorder();
  const done = launchSelectionJob(r.job('run-5'), { startEngine: engine.start });
  await sleep(10);
  assert.deepEqual(runningJobIds(), ['run-5']);
  await stopAllJobs();
  await done;
  assert.equal(engine.calls.stop, 1);
  assert.deepEqual(r.outcomes, [{ kind: 'interrupted' }]);
});

test('a failing hook is logged, not thrown, and the outcome is still handed over', async () => {
  const engine = fakeEngine();
  const r = recorder();
  const job = { ...r.job('run-6'), progress: async () => Promise.reject(new Error('database gone')) };
  const done = launchSelectionJob(job, { startEngine: engine.start });
  await sleep(10);
  engine.progress({ phase: 'prepare', fraction: 0 });
  engine.finish();
  await done;
  assert.deepEqual(r.outcomes, [{ kind: 'result', result }]);
});

test('the cancel command need not wait for the next poll', async () => {
  const engine = fakeEngine();
  const flag = { value: false };
  const r = recorder(flag);
  const done = launchSelectionJob(r.job('run-7'), {
    startEngine: engine.start,
    timing: { cancelPollMillis: 60_000 },
  });
  await sleep(10);
  flag.value = true;
  checkCancelNow('run-7');
  const quick = await Promise.race([done.then(() => 'ended'), sleep(1000).then(() => 'waiting')]);
  assert.equal(quick, 'ended');
  assert.deepEqual(r.outcomes, [{ kind: 'cancelled' }]);
});

test('each new stage is handed over at once, however short the run', async () => {
  const engine = fakeEngine();
  const r = recorder();
  const done = launchSelectionJob(r.job('run-8'), {
    startEngine: engine.start,
    timing: { progressMillis: 60_000, cancelPollMillis: 20 },
  });
  await sleep(10);
  for (const phase of ['prepare', 'initial-panels', 'leximin', 'decompose', 'done'] as const) {
    engine.progress({ phase, fraction: 0 });
    engine.progress({ phase, fraction: 0.5 });
  }
  engine.finish();
  await done;
  assert.deepEqual(
    r.progress.map((p) => p.phase),
    ['start', 'prepare', 'initial-panels', 'leximin', 'decompose', 'done', 'save'],
  );
});

test('a cancel asked for while the engine finishes ends the run as cancelled, not stored', async () => {
  const engine = fakeEngine();
  const flag = { value: false };
  const r = recorder(flag);
  const done = launchSelectionJob(r.job('run-9'), {
    startEngine: engine.start,
    timing: { cancelPollMillis: 60_000 },
  });
  await sleep(10);
  flag.value = true;
  engine.finish();
  await done;
  assert.deepEqual(r.outcomes, [{ kind: 'cancelled' }]);
});

test('when storing the outcome fails, the run is ended as failed with the reason', async () => {
  const engine = fakeEngine();
  const r = recorder();
  const base = r.job('run-10');
  const job = {
    ...base,
    finished: async (o: JobOutcome) => {
      if (o.kind === 'result') throw new RangeError('Invalid string length');
      await base.finished(o);
    },
  };
  const done = launchSelectionJob(job, { startEngine: engine.start });
  await sleep(10);
  engine.finish();
  await done;
  assert.deepEqual(r.outcomes, [{ kind: 'failed', message: 'Invalid string length', saving: true }]);
  assert.deepEqual(runningJobIds(), []);
});
