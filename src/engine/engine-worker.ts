/**
 * Runs `selectPanel` in a worker thread for the command line. The engine is synchronous once the solver
 * is loaded, so in the main thread a Ctrl-C could not even be noticed until the run was over; here the
 * main thread stays free to catch the signal and set a shared flag that `isCancelled` reads.
 *
 * Started by engine-thread.ts; the messages it sends back are `EngineMessage`s.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { deviationTradeOff } from '../sortition/deviationTradeOff.ts';
import { CancelledError, InputError, type Progress } from '../sortition/model.ts';
import { selectPanel } from '../sortition/selectPanel.ts';
import type { EngineMessage, EngineRequest } from './engine-thread.ts';
import { pricingThreadFor } from './pricing-thread.ts';

const port = parentPort;
if (port === null) throw new Error('engine-worker.ts must run in a worker thread.');
const { input, options, cancelFlag, task } = workerData as EngineRequest;
const flag = new Int32Array(cancelFlag);
const send = (message: EngineMessage) => port.postMessage(message);

// The engine reports progress often; one message per whole percent per phase is all a terminal shows.
let lastShown = '';
function onProgress(progress: Progress): void {
  const shown = `${progress.phase}:${Math.floor(progress.fraction * 100)}`;
  if (shown === lastShown) return;
  lastShown = shown;
  send({ type: 'progress', progress: { phase: progress.phase, fraction: progress.fraction } });
}

const isCancelled = () => Atomics.load(flag, 0) === 1;

try {
  const { tradeOffSteps, ...selection } = options;
  const tradeOff = () =>
    deviationTradeOff(input, {
      steps: tradeOffSteps,
      onProgress,
      isCancelled,
      pairedPricing: pricingThreadFor,
    });
  if (task === 'trade-off') send({ type: 'trade-off', tradeOff: await tradeOff() });
  else {
    const result = await selectPanel(input, {
      ...selection,
      onProgress,
      isCancelled,
      pairedPricing: pricingThreadFor,
    });
    // The trade-off is about point targets that allow a panel at all; without one it has nothing to say.
    if (tradeOffSteps !== undefined && result.status === 'ok') result.tradeOff = await tradeOff();
    send({ type: 'result', result });
  }
} catch (error) {
  if (error instanceof CancelledError) send({ type: 'cancelled' });
  else if (error instanceof InputError) {
    send({
      type: 'input-error',
      message: error.message,
      where: { ...error.where },
      code: error.code,
      params: error.params,
    });
  } else {
    const failure = error instanceof Error ? error : new Error(String(error));
    send({ type: 'failed', message: failure.message, stack: failure.stack });
  }
}
