import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError, type SelectionInput } from './model.ts';
import { selectPanel } from './selectPanel.ts';

/** Twelve people, two of them in a closed quota, so that the run also explains exclusions. */
const input: SelectionInput = {
  people: Array.from({ length: 12 }, (_, i) => ({
    id: `p${i}`,
    features: { g: i < 2 ? 'x' : i % 2 ? 'w' : 'm' },
  })),
  targets: {
    kind: 'quotas',
    quotas: [
      { feature: 'g', value: 'w', min: 2, max: 2 },
      { feature: 'g', value: 'm', min: 2, max: 2 },
      { feature: 'g', value: 'x', min: 0, max: 0 },
    ],
  },
  panelSize: 4,
};

test('a cancel asked for once the distribution is found stops the run before its result', async () => {
  let cancelled = false;
  await assert.rejects(
    selectPanel(input, {
      lotterySize: 10,
      onProgress: (p) => {
        if (p.phase === 'decompose') cancelled = true;
      },
      isCancelled: () => cancelled,
    }),
    CancelledError,
  );
});
