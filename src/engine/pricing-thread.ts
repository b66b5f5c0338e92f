/**
 * The paired pricing MILP on the second core (see `sortition/pairedPricing.ts`), while this
 * thread solves the first one.
 *
 * The engine is synchronous, so the calls are too: `post` hands the MILP to a worker thread and
 * returns, `take` blocks (Atomics.wait) until its answer is there and reads it with
 * `receiveMessageOnPort`. One MILP is in flight at most, and the worker's panel model sees the same
 * calls in the same order as `InThreadPricing`'s would, so the answers are the same.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { workerBootstrap } from '../solver/worker-bootstrap.ts';
import { CancelledError } from '../sortition/model.ts';
import type { PairedPricing, PricingModelSetup } from '../sortition/pairedPricing.ts';
import { type PanelSearch, typePanel } from '../sortition/panelSpace.ts';

/** What the worker is given once. */
export interface PricingWorkerSetup extends PricingModelSetup {
  port: MessagePort;
  /** One Int32, counting answers: the worker adds one after each. */
  signal: SharedArrayBuffer;
}

export interface PricingRequest {
  weights: Float64Array;
  start?: Int32Array;
}

export type PricingAnswer =
  | {
      search: {
        best: Int32Array;
        value: number;
        others: { counts: Int32Array; value: number }[];
        bound: number;
      } | null;
    }
  | { error: string };

/**
 * From this many open types on, point-target runs put the paired MILP on a second thread: there a
 * round is one LP re-solve and two MILPs of about the same length. With quotas the swap search finds
 * most panels and a run solves a handful of MILPs. Starting the thread (its own HiGHS) takes ~0.2 s
 * beside the engine's own start; measured with the thread against without: 183 types 15.0 → 14.0 s,
 * 98 types 3.8 → 3.4 s.
 */
const PRICING_THREAD_TYPES = 100;

/** The paired pricing for a selection run (`SelectionOptions.pairedPricing`): a thread where it pays. */
export function pricingThreadFor(setup: PricingModelSetup, openTypes: number): PairedPricing | undefined {
  const pays =
    setup.instance.mode === 'points' && openTypes >= PRICING_THREAD_TYPES && availableParallelism() > 1;
  return pays ? new PricingThread(setup) : undefined;
}

/** A worker still silent after this long is taken for dead (its MILPs take well under a second). */
const ANSWER_TIMEOUT_MS = 600_000;
/** How long one wait lasts before the deadline is looked at again. */
const WAIT_SLICE_MS = 1000;

export class PricingThread implements PairedPricing {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal: Int32Array;
  private inFlight = false;
  /** Answers still to come to MILPs given up on by a cancelled `take`: skipped when they land. */
  private abandoned = 0;
  solves = 0;

  constructor(setup: PricingModelSetup) {
    const channel = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    this.signal = new Int32Array(signal);
    this.port = channel.port1;
    const workerSetup: PricingWorkerSetup = { ...setup, port: channel.port2, signal };
    // execArgv is left empty so that flags of the parent (a test runner's, say) never reach the worker.
    this.worker = new Worker(workerBootstrap(new URL('./pricing-worker.ts', import.meta.url)), {
      eval: true,
      workerData: workerSetup,
      transferList: [channel.port2],
      execArgv: [],
    });
    // Its failures come back as answers; this keeps an unexpected one from ending the process.
    this.worker.on('error', () => {});
    this.worker.unref();
  }

  post(weights: Float64Array, start?: Int32Array): void {
    if (this.inFlight) throw new Error('a pricing MILP is already running');
    // postMessage copies them (structured clone), so the caller may reuse its arrays.
    const request: PricingRequest = { weights, start };
    this.port.postMessage(request);
    this.inFlight = true;
  }

  take(isCancelled: () => boolean = () => false): PanelSearch | null {
    if (!this.inFlight) throw new Error('no pricing MILP was posted');
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    for (;;) {
      // A cancelled run stops waiting at once: a worker that died would otherwise hold it until
      // the deadline, and the organiser's cancel with it.
      if (isCancelled()) {
        this.inFlight = false;
        this.abandoned++;
        throw new CancelledError();
      }
      // Read the count before the port: an answer that lands in between still wakes the wait.
      const seen = Atomics.load(this.signal, 0);
      const received = receiveMessageOnPort(this.port);
      if (received && this.abandoned > 0) {
        this.abandoned--;
        continue;
      }
      if (received) {
        this.inFlight = false;
        this.solves++;
        return decode(received.message as PricingAnswer);
      }
      if (Date.now() > deadline) {
        this.inFlight = false;
        throw new Error('the pricing thread did not answer');
      }
      Atomics.wait(this.signal, 0, seen, WAIT_SLICE_MS);
    }
  }

  dispose(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

function decode(answer: PricingAnswer): PanelSearch | null {
  if ('error' in answer) throw new Error(`the pricing thread failed: ${answer.error}`);
  const { search } = answer;
  if (search === null) return null;
  return {
    best: typePanel(search.best),
    value: search.value,
    others: search.others.map((o) => ({ panel: typePanel(o.counts), value: o.value })),
    bound: search.bound,
  };
}
