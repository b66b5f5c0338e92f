/**
 * Starts the table-allocation engine in a worker thread (see tables-worker.ts for why) and turns its
 * message back into a promise: the tables, or the same TablesInputError the engine threw. Aborting
 * the signal stops the worker at once (the engine has no checkpoints to ask at).
 */
import { Worker } from 'node:worker_threads';
import {
  type TablesErrorCode,
  type TablesInput,
  TablesInputError,
  type TablesResult,
} from '../grouping/model.ts';
import { workerBootstrap } from '../solver/worker-bootstrap.ts';
import { EngineFailure } from './engine-thread.ts';

export type TablesMessage =
  | { type: 'result'; result: TablesResult }
  | { type: 'input-error'; code: TablesErrorCode; params: Record<string, string | number>; message: string }
  | { type: 'failed'; message: string; stack?: string };

export class TablesStopped extends Error {
  constructor() {
    super('the table allocation was stopped');
    this.name = 'TablesStopped';
  }
}

export function allocateTablesInWorker(input: TablesInput, signal?: AbortSignal): Promise<TablesResult> {
  // execArgv is left empty so that flags of the parent (a test runner's, say) never reach the worker.
  const worker = new Worker(workerBootstrap(new URL('./tables-worker.ts', import.meta.url)), {
    eval: true,
    workerData: input,
    execArgv: [],
  });
  return new Promise<TablesResult>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: { result: TablesResult } | { error: Error }) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      void worker.terminate();
      if ('result' in outcome) resolve(outcome.result);
      else reject(outcome.error);
    };
    const stop = () => finish({ error: new TablesStopped() });
    if (signal?.aborted) return stop();
    signal?.addEventListener('abort', stop);
    worker.on('message', (message: TablesMessage) => {
      if (message.type === 'result') finish({ result: message.result });
      else if (message.type === 'input-error')
        finish({ error: new TablesInputError(message.code, message.params, message.message) });
      else finish({ error: new EngineFailure(message.message, message.stack) });
    });
    worker.on('error', (error) => finish({ error }));
    worker.on('exit', (code) =>
      finish({ error: new EngineFailure(`the tables worker stopped (exit code ${code})`) }),
    );
  });
}
