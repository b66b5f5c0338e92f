/**
 * The worker side of `PricingThread`: its own HiGHS and paired panel model, answering one pricing
 * MILP per message, in order.
 */
import { workerData } from 'node:worker_threads';
import { loadSolver } from '../solver/highs.ts';
import { pricingModel } from '../sortition/pairedPricing.ts';
import type { PricingAnswer, PricingRequest, PricingWorkerSetup } from './pricing-thread.ts';

const setup = workerData as PricingWorkerSetup;
const answered = new Int32Array(setup.signal);

function reply(answer: PricingAnswer): void {
  setup.port.postMessage(answer);
  // After the message: the waiting thread reads the port once it sees the count change.
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
}

try {
  const space = pricingModel(await loadSolver(), setup);
  setup.port.on('message', (request: PricingRequest) => {
    try {
      const search = space.best(request.weights, undefined, undefined, request.start);
      reply({
        search: search && {
          best: search.best.counts,
          value: search.value,
          others: search.others.map((o) => ({ counts: o.panel.counts, value: o.value })),
          bound: search.bound,
        },
      });
    } catch (error) {
      reply({ error: error instanceof Error ? error.message : String(error) });
    }
  });
} catch (error) {
  // Answer every request with the failure, so that the engine stops with it instead of waiting.
  const message = error instanceof Error ? error.message : String(error);
  setup.port.on('message', () => reply({ error: message }));
}
