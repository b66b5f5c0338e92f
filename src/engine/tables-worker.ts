/**
 * Runs `allocateTables` in a worker thread for the platform: the engine is synchronous and may search
 * for seconds, which in the server's own thread would hold up every request meanwhile.
 *
 * Started by tables-thread.ts; the messages it sends back are `TablesMessage`s.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { allocateTables } from '../grouping/allocateTables.ts';
import { type TablesInput, TablesInputError } from '../grouping/model.ts';
import type { TablesMessage } from './tables-thread.ts';

const port = parentPort;
if (port === null) throw new Error('tables-worker.ts must run in a worker thread.');
const send = (message: TablesMessage) => port.postMessage(message);

try {
  send({ type: 'result', result: allocateTables(workerData as TablesInput) });
} catch (error) {
  if (error instanceof TablesInputError)
    send({ type: 'input-error', code: error.code, params: { ...error.params }, message: error.message });
  else {
    const failure = error instanceof Error ? error : new Error(String(error));
    send({ type: 'failed', message: failure.message, stack: failure.stack });
  }
}
