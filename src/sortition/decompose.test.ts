import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decompose } from './decompose.ts';
import { compileInstance } from './instance.ts';
import type { SelectionInput } from './model.ts';
import { typePanel } from './panelSpace.ts';

/** Ten interchangeable women and five men; the quota is irrelevant here, only the types matter. */
const input: SelectionInput = {
  people: [
    ...Array.from({ length: 10 }, (_, i) => ({ id: `w${i}`, features: { g: 'w' } })),
    ...Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, features: { g: 'm' } })),
  ],
  targets: {
    kind: 'quotas',
    quotas: [
      { feature: 'g', value: 'w', min: 0, max: 4 },
      { feature: 'g', value: 'm', min: 0, max: 4 },
    ],
  },
  panelSize: 4,
};

test('every person of a type gets exactly the type probability, in panels of the right make-up', () => {
  const instance = compileInstance(input);
  assert.equal(instance.types.length, 2);
  // 3 women + 1 man with 0.4, 1 woman + 3 men with 0.6.
  const panels = [typePanel(Int32Array.from([3, 1])), typePanel(Int32Array.from([1, 3]))];
  const result = decompose(instance, panels, [0.4, 0.6]);
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

test('panels with no weight are left out and identical panels are merged', () => {
  const instance = compileInstance(input);
  const all = [typePanel(Int32Array.from([0, 4])), typePanel(Int32Array.from([4, 0]))];
  const result = decompose(instance, all, [0, 1]);
  for (const panel of result) assert.ok(panel.members.every((id) => id.startsWith('w')));
  const keys = result.map((p) => p.members.join(','));
  assert.equal(new Set(keys).size, keys.length);
});
