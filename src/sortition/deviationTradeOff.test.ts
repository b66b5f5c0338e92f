/**
 * The point-target trade-off against brute force: on small random pools every panel is enumerated,
 * and for each tolerance the people on some panel within the allowed deviation and the MAXIMIN
 * optimum over those panels are recomputed without engine code (test/support/point-pools.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  buildPointInput,
  maximinOver,
  panelsWithDeviation,
  panelsWithin,
  rawPointInstance,
} from '../../test/support/point-pools.ts';
import { loadSolver } from '../solver/highs.ts';
import { deviationTradeOff, deviationTradeOffWith, MAX_TRADE_OFF_STEPS } from './deviationTradeOff.ts';
import { CancelledError, InputError, type Progress, type SelectionInput } from './model.ts';

const SEED = 20261206;
const CLOSE = 1e-6;
const STEPS = 4;

test('each step of the trade-off matches brute force: who has no chance, the allowed deviation and the maximin', async () => {
  const highs = await loadSolver();
  let leftOutSeen = 0;
  let stoppedEarly = 0;
  await fc.assert(
    fc.asyncProperty(rawPointInstance, async (raw) => {
      const input = buildPointInput(raw);
      const best = Math.min(...panelsWithDeviation(input).map((p) => p.deviation));
      const expected = Array.from({ length: STEPS }, (_, k) => {
        const panels = panelsWithin(input, k);
        const onSome = new Set(panels.flat());
        const eligible = input.people.map((p) => p.id).filter((id) => onSome.has(id));
        const maximin = maximinOver(highs, panels, eligible);
        const without = input.people.length - eligible.length;
        return { allowed: best + k, without, lowestSelectable: maximin, lowest: without > 0 ? 0 : maximin };
      });
      // The steps the trade-off should show: up to the first that leaves nobody out without a rise.
      let shown = STEPS;
      for (let k = 1; k < STEPS; k++) {
        if (expected[k].without === 0 && expected[k].lowest <= expected[k - 1].lowest + CLOSE) {
          shown = k + 1;
          break;
        }
      }
      const tradeOff = deviationTradeOffWith(highs, input, { steps: STEPS });
      assert.equal(tradeOff.steps.length, shown, JSON.stringify({ expected, got: tradeOff.steps }));
      assert.ok(Math.abs(tradeOff.best - best) < CLOSE, `best ${tradeOff.best} vs ${best}`);
      tradeOff.steps.forEach((step, k) => {
        const want = expected[k];
        assert.equal(step.tolerance, k);
        assert.ok(Math.abs(step.allowed - want.allowed) < CLOSE, `allowed at ${k}`);
        assert.equal(step.withoutChance, want.without, `people without a chance at tolerance ${k}`);
        assert.ok(
          Math.abs(step.lowestSelectable - want.lowestSelectable) < CLOSE,
          `lowest selectable at ${k}: ${step.lowestSelectable} vs ${want.lowestSelectable}`,
        );
        assert.ok(Math.abs(step.lowest - want.lowest) < CLOSE, `lowest at ${k}`);
        if (want.without > 0) leftOutSeen++;
      });
      if (shown < STEPS) stoppedEarly++;
    }),
    { numRuns: 30, seed: SEED },
  );
  // The property is only worth something if the pools exercise both sides of it.
  assert.ok(leftOutSeen > 3, `only ${leftOutSeen} steps left someone out`);
  assert.ok(stoppedEarly > 3, `only ${stoppedEarly} trade-offs stopped early`);
});

/** Ten people; at the least deviation the panel of two is always one a and one b, so the c's are out. */
const leftOut: SelectionInput = {
  people: Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, features: { g: ['a', 'b', 'c'][i % 3] } })),
  targets: {
    kind: 'points',
    features: [
      {
        feature: 'g',
        weight: 1,
        values: [
          { value: 'a', target: 1 },
          { value: 'b', target: 1 },
          { value: 'c', target: 0 },
        ],
      },
    ],
  },
  panelSize: 2,
};

test('one allowed deviation more gives the people left out a chance', async () => {
  const tradeOff = await deviationTradeOff(leftOut, { steps: 4 });
  assert.equal(tradeOff.best, 0);
  const [first] = tradeOff.steps;
  assert.equal(first.withoutChance, 3);
  assert.equal(first.lowest, 0);
  assert.ok(first.lowestSelectable > 0.24, String(first.lowestSelectable));
  // Deviation 1 is not reachable with these targets (one seat moved changes two counts): at 2 it is.
  assert.ok(tradeOff.steps.some((s) => s.withoutChance === 0));
});

test('progress runs from 0 to 1 over all steps, and a cancel stops the trade-off', async () => {
  const seen: Progress[] = [];
  await deviationTradeOff(leftOut, { steps: 3, onProgress: (p) => seen.push(p) });
  for (let i = 1; i < seen.length; i++) {
    assert.ok(seen[i].fraction >= 0 && seen[i].fraction <= 1);
    // One bar for the whole trade-off: it never goes back, though each step's phases start at 0.
    assert.ok(
      seen[i].fraction >= seen[i - 1].fraction,
      `progress went back: ${JSON.stringify(seen.slice(i - 1, i + 1))}`,
    );
  }
  assert.equal(seen.at(-1)?.phase, 'done');
  assert.ok(
    seen.some((p) => p.fraction > 0.3 && p.fraction < 1),
    'no progress between the steps',
  );
  let calls = 0;
  await assert.rejects(
    deviationTradeOff(leftOut, {
      steps: 3,
      onProgress: () => {
        calls++;
      },
      isCancelled: () => calls > 3,
    }),
    CancelledError,
  );
});

test('when the households leave no panel at all, the trade-off has no steps', async () => {
  const oneHousehold = { ...leftOut, people: leftOut.people.map((p) => ({ ...p, household: 'h' })) };
  const tradeOff = await deviationTradeOff(oneHousehold, { steps: 3 });
  assert.deepEqual(tradeOff.steps, []);
});

test('quota targets and a number of steps out of range are refused', async () => {
  await assert.rejects(
    deviationTradeOff({ ...leftOut, targets: { kind: 'quotas', quotas: [] } }),
    (e: unknown) => e instanceof InputError && e.code === 'trade-off-needs-points',
  );
  for (const steps of [0, MAX_TRADE_OFF_STEPS + 1, 1.5]) {
    await assert.rejects(
      deviationTradeOff(leftOut, { steps }),
      (e: unknown) => e instanceof InputError && e.code === 'trade-off-steps',
    );
  }
});
