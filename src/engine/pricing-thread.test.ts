/**
 * The paired pricing MILP answers alike on a worker thread and on this one, so a run takes the same
 * path on any machine.
 */
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { swedishStylePool } from '../../test/support/swedish-pool.ts';
import { loadSolver } from '../solver/highs.ts';
import { compileInstance } from '../sortition/instance.ts';
import { CancelledError } from '../sortition/model.ts';
import {
  InThreadPricing,
  type PairedPricing,
  type PricingModelSetup,
  pricingModel,
} from '../sortition/pairedPricing.ts';
import type { PanelSearch } from '../sortition/panelSpace.ts';
import { createRandom } from '../sortition/random.ts';
import { selectPanel } from '../sortition/selectPanel.ts';
import { PricingThread, pricingThreadFor } from './pricing-thread.ts';

function summary(search: PanelSearch | null) {
  if (search === null) return null;
  return {
    best: Array.from(search.best.counts),
    value: search.value,
    bound: search.bound,
    others: search.others.map((o) => ({ counts: Array.from(o.panel.counts), value: o.value })),
  };
}

test('the worker thread and this thread answer every pricing MILP alike, with or without a start', async () => {
  const input = await swedishStylePool({
    people: 160,
    panelSize: 70,
    seed: 'paired-pricing',
    untilted: true,
  });
  const instance = compileInstance(input);
  const highs = await loadSolver();
  const setup = { instance, deviationBound: 200 };
  const reference = pricingModel(highs, setup);
  const pricers: PairedPricing[] = [new InThreadPricing(highs, setup), new PricingThread(setup)];
  const random = createRandom('paired-pricing-weights');
  try {
    let start: Int32Array | undefined;
    for (let call = 0; call < 12; call++) {
      const weights = Float64Array.from(instance.types, () => random.next());
      const expected = summary(reference.best(weights, undefined, undefined, start));
      assert.ok(expected !== null);
      for (const pricer of pricers) {
        pricer.post(weights, start);
        assert.deepEqual(summary(pricer.take()), expected, `call ${call}, ${pricer.constructor.name}`);
      }
      // Every other call starts from the last answer, as column generation does.
      start = call % 2 === 0 ? Int32Array.from(expected.best) : undefined;
    }
    for (const pricer of pricers) assert.equal(pricer.solves, 12);
  } finally {
    reference.dispose();
    for (const pricer of pricers) pricer.dispose();
  }
});

test('a pricing MILP is taken once, after it was posted', async () => {
  const input = await swedishStylePool({ people: 100, panelSize: 30, seed: 'paired-pricing' });
  const instance = compileInstance(input);
  const highs = await loadSolver();
  const weights = new Float64Array(instance.types.length).fill(1);
  for (const pricer of [new InThreadPricing(highs, { instance }), new PricingThread({ instance })]) {
    try {
      assert.throws(() => pricer.take(), /no pricing MILP was posted/);
      pricer.post(weights);
      assert.throws(() => pricer.post(weights), /already/);
      assert.ok(pricer.take() !== null);
      assert.throws(() => pricer.take(), /no pricing MILP was posted/);
    } finally {
      pricer.dispose();
    }
  }
});

test('a failure in the worker comes back as an error, not a wait', async () => {
  const input = await swedishStylePool({ people: 100, panelSize: 30, seed: 'paired-pricing' });
  const instance = compileInstance(input);
  const pricer = new PricingThread({ instance });
  try {
    // A start of the wrong length makes the worker's panel model fail.
    pricer.post(new Float64Array(instance.types.length), new Int32Array(3).fill(-5));
    assert.throws(() => pricer.take(), /the pricing thread failed/);
  } finally {
    pricer.dispose();
  }
});

test('a cancelled run stops waiting for the worker, and its late answer is not taken for the next', async () => {
  const input = await swedishStylePool({ people: 100, panelSize: 30, seed: 'paired-pricing' });
  const instance = compileInstance(input);
  const highs = await loadSolver();
  const reference = pricingModel(highs, { instance });
  const pricer = new PricingThread({ instance });
  const random = createRandom('cancelled-pricing');
  try {
    const first = Float64Array.from(instance.types, () => random.next());
    const second = Float64Array.from(instance.types, () => random.next());
    pricer.post(first);
    assert.throws(() => pricer.take(() => true), CancelledError);
    pricer.post(second);
    const expected = summary(reference.best(second));
    assert.notDeepEqual(summary(reference.best(first)), expected);
    assert.deepEqual(summary(pricer.take(() => false)), expected);
    assert.equal(pricer.solves, 1);
  } finally {
    reference.dispose();
    pricer.dispose();
  }
});

/** Paired pricing on worker threads, counting how many a run starts. */
function countedThreads() {
  const counter = {
    started: 0,
    start: (setup: PricingModelSetup) => {
      counter.started++;
      return new PricingThread(setup);
    },
  };
  return counter;
}

test('LEXIMIN takes the same path with the paired MILPs on a worker thread and on this one', async () => {
  // No panel meets these targets exactly (the smallest deviation is 56), so the leximin is not written
  // as panels straight away and column generation runs. Only panels at the smallest deviation are
  // allowed: no swap keeps it, so every round prices, and prices twice.
  const input = await swedishStylePool({ people: 100, panelSize: 70, seed: 'swedish-480', untilted: true });
  const onThisThread = await selectPanel(input, { algorithm: 'leximin' });
  const threads = countedThreads();
  const onWorker = await selectPanel(input, { algorithm: 'leximin', pairedPricing: threads.start });
  assert.equal(threads.started, 1);
  assert.equal(onThisThread.status, 'ok');
  assert.ok((onThisThread.deviation?.best ?? 0) > 0);
  assert.deepEqual(onWorker.probabilities, onThisThread.probabilities);
  assert.deepEqual(onWorker.levels, onThisThread.levels);
  assert.deepEqual(onWorker.typePanels, onThisThread.typePanels);
  const { stats } = onThisThread;
  assert.ok(stats && onWorker.stats);
  assert.equal(onWorker.stats.milpSolves, stats.milpSolves);
  assert.equal(onWorker.stats.lpSolves, stats.lpSolves);
  // Most rounds priced twice: more MILPs than LP solves (without the pairing, 134 MILPs in 146 rounds).
  assert.ok(stats.milpSolves > stats.lpSolves, `${stats.milpSolves} MILPs in ${stats.lpSolves} rounds`);
});

test('a LEXIMIN written as panels straight away starts no pricing thread', async () => {
  // These targets are met exactly (smallest deviation 0): the relaxation's leximin is written as panels.
  const input = await swedishStylePool({ people: 300, panelSize: 70, seed: 'swedish-480', untilted: true });
  const threads = countedThreads();
  const result = await selectPanel(input, { algorithm: 'leximin', pairedPricing: threads.start });
  assert.equal(result.status, 'ok');
  assert.equal(result.deviation?.best, 0);
  assert.equal(result.stats?.lpSolves, 0);
  assert.equal(threads.started, 0);
});

test('the engine puts the paired MILP on a thread for point targets with many open types only', async () => {
  const points = compileInstance(
    await swedishStylePool({ people: 100, panelSize: 30, seed: 'paired-pricing' }),
  );
  const few = pricingThreadFor({ instance: points }, 99);
  assert.equal(few, undefined);
  const many = pricingThreadFor({ instance: points }, 100);
  try {
    // A machine with one core keeps it on the engine's own thread.
    assert.equal(many instanceof PricingThread, availableParallelism() > 1);
  } finally {
    many?.dispose();
  }
  const quotas = { ...points, mode: 'quotas' as const };
  assert.equal(pricingThreadFor({ instance: quotas }, 1000), undefined);
});
