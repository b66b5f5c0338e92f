/**
 * Starts the selection engine in a worker thread (see engine-worker.ts for why) and turns its messages
 * back into a promise: the result, or the same InputError / CancelledError the engine threw.
 */
import { Worker } from 'node:worker_threads';
import { workerBootstrap } from '../solver/worker-bootstrap.ts';
import {
  CancelledError,
  type DeviationTradeOff,
  InputError,
  type Progress,
  type SelectionInput,
  type SelectionOptions,
  type SelectionResult,
} from '../sortition/model.ts';

/** The options that can cross a thread boundary (callbacks cannot). */
export type EngineOptions = Pick<SelectionOptions, 'algorithm' | 'seed' | 'legacySamples' | 'lotterySize'> & {
  /** Point targets: after the selection, also the trade-off over this many tolerances. */
  tradeOffSteps?: number;
};

export interface EngineRequest {
  input: SelectionInput;
  options: EngineOptions;
  /** `trade-off`: only the point-target trade-off (over `options.tradeOffSteps` tolerances), no selection. */
  task?: 'select' | 'trade-off';
  /** One Int32: 0 while running, 1 once the run should stop. */
  cancelFlag: SharedArrayBuffer;
}

export type EngineMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; result: SelectionResult }
  | { type: 'trade-off'; tradeOff: DeviationTradeOff }
  | {
      type: 'input-error';
      message: string;
      where: InputError['where'];
      code: string;
      params?: InputError['params'];
    }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string; stack?: string };

export interface EngineRun<Result = SelectionResult> {
  result: Promise<Result>;
  /** Asks the engine to stop at its next check; the result then rejects with a CancelledError. */
  cancel(): void;
  /** Stops the worker at once (a second Ctrl-C); the result rejects with a CancelledError. */
  stop(): void;
}

/** Thrown in place of an error that crossed from the worker, keeping the worker's stack for LOTTA_DEBUG. */
export class EngineFailure extends Error {
  constructor(message: string, workerStack?: string) {
    super(message);
    this.name = 'EngineFailure';
    if (workerStack) this.stack = workerStack;
  }
}

export function runEngineInWorker(
  input: SelectionInput,
  options: EngineOptions,
  onProgress: (progress: Progress) => void,
): EngineRun {
  return startWorker(input, options, 'select', onProgress, (message) =>
    message.type === 'result' ? message.result : undefined,
  );
}

/** The point-target trade-off alone (deviationTradeOff.ts), in a worker thread like a selection. */
export function runTradeOffInWorker(
  input: SelectionInput,
  steps: number,
  onProgress: (progress: Progress) => void,
): EngineRun<DeviationTradeOff> {
  return startWorker(input, { tradeOffSteps: steps }, 'trade-off', onProgress, (message) =>
    message.type === 'trade-off' ? message.tradeOff : undefined,
  );
}

function startWorker<Result>(
  input: SelectionInput,
  options: EngineOptions,
  task: EngineRequest['task'],
  onProgress: (progress: Progress) => void,
  resultOf: (message: EngineMessage) => Result | undefined,
): EngineRun<Result> {
  const cancelFlag = new SharedArrayBuffer(4);
  const request: EngineRequest = { input, options, cancelFlag, task };
  // execArgv is left empty so that flags of the parent (a test runner's, say) never reach the worker.
  const worker = new Worker(workerBootstrap(new URL('./engine-worker.ts', import.meta.url)), {
    eval: true,
    workerData: request,
    execArgv: [],
  });
  let settled = false;
  let settle: { resolve(result: Result): void; reject(error: Error): void } | undefined;
  const result = new Promise<Result>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const finish = (outcome: { result: Result } | { error: Error }) => {
    if (settled) return;
    settled = true;
    void worker.terminate();
    if ('result' in outcome) settle?.resolve(outcome.result);
    else settle?.reject(outcome.error);
  };

  worker.on('message', (message: EngineMessage) => {
    switch (message.type) {
      case 'progress':
        if (!settled) onProgress(message.progress);
        break;
      case 'result':
      case 'trade-off': {
        const found = resultOf(message);
        finish(
          found === undefined
            ? { error: new EngineFailure(`the worker answered ${message.type}`) }
            : { result: found },
        );
        break;
      }
      case 'input-error':
        finish({ error: new InputError(message.message, message.where, message.code, message.params) });
        break;
      case 'cancelled':
        finish({ error: new CancelledError() });
        break;
      case 'failed':
        finish({ error: new EngineFailure(message.message, message.stack) });
        break;
    }
  });
  worker.on('error', (error) => finish({ error }));
  worker.on('exit', (code) =>
    finish({ error: new EngineFailure(`the selection worker stopped (exit code ${code})`) }),
  );

  return {
    result,
    cancel: () => Atomics.store(new Int32Array(cancelFlag), 0, 1),
    stop: () => finish({ error: new CancelledError() }),
  };
}
