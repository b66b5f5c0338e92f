import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandPanels } from './decompose.ts';

/** Ten interchangeable women and five men. */
const types = [Array.from({ length: 10 }, (_, i) => `w${i}`), Array.from({ length: 5 }, (_, i) => `m${i}`)];

test('every person of a type gets exactly the type probability, in panels of the right make-up', () => {
  // 3 women + 1 man with 0.4, 1 woman + 3 men with 0.6.
  const result = [
    ...expandPanels(types, [
      {
        probability: 0.4,
        counts: [
          [0, 3],
          [1, 1],
        ],
      },
      {
        probability: 0.6,
        counts: [
          [0, 1],
          [1, 3],
        ],
      },
    ]),
  ];
  const total = result.reduce((sum, p) => sum + p.probability, 0);
  assert.ok(Math.abs(total - 1) < 1e-12);
  const chance: Record<string, number> = {};
  for (const panel of result) {
    assert.equal(panel.members.length, 4);
    assert.equal(new Set(panel.members).size, 4);
    const women = panel.members.filter((id) => id.startsWith('w')).length;
    assert.ok(women === 3 || women === 1);
    for (const id of panel.members) chance[id] = (chance[id] ?? 0) + panel.probability;
  }
  const woman = 0.4 * (3 / 10) + 0.6 * (1 / 10);
  const man = 0.4 * (1 / 5) + 0.6 * (3 / 5);
  for (let i = 0; i < 10; i++) assert.ok(Math.abs(chance[`w${i}`] - woman) < 1e-12);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(chance[`m${i}`] - man) < 1e-12);
});

test('no panel comes twice, and members follow the pool order when it is given', () => {
  const order = new Map([...types[1], ...types[0]].map((id, i) => [id, i]));
  const result = [
    ...expandPanels(
      types,
      [
        { probability: 0.5, counts: [[1, 4]] },
        { probability: 0.5, counts: [[0, 4]] },
      ],
      order,
    ),
  ];
  const keys = result.map((p) => p.members.join(','));
  assert.equal(new Set(keys).size, keys.length);
  for (const panel of result) {
    const positions = panel.members.map((id) => order.get(id) ?? -1);
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    );
  }
});

test('the expansion is lazy: the first panel of a huge distribution comes at once', () => {
  // 60 types of 997 people with one seat each: 997 named panels per type panel, 997,000 in all.
  const big = Array.from({ length: 60 }, (_, t) => Array.from({ length: 997 }, (_, i) => `t${t}-${i}`));
  const panels = Array.from({ length: 1000 }, () => ({
    probability: 1 / 1000,
    counts: big.map((_, t) => [t, 1] as [number, number]),
  }));
  const started = performance.now();
  const first = expandPanels(big, panels).next();
  assert.equal(first.done, false);
  assert.equal(first.value?.members.length, 60);
  assert.ok(performance.now() - started < 1000);
});
