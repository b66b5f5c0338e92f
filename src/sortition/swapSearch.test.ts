import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPanel } from './checkPanel.ts';
import { compileInstance } from './instance.ts';
import type { SelectionInput } from './model.ts';
import { typePanel } from './panelSpace.ts';
import { SwapSearch } from './swapSearch.ts';

const input: SelectionInput = {
  people: [
    { id: 'a', features: { g: 'w', age: 'young' } },
    { id: 'b', features: { g: 'w', age: 'old' } },
    { id: 'c', features: { g: 'm', age: 'young' } },
    { id: 'd', features: { g: 'm', age: 'old' }, household: 'h' },
    { id: 'e', features: { g: 'm', age: 'young' }, household: 'h' },
  ],
  targets: {
    kind: 'quotas',
    quotas: [
      { feature: 'g', value: 'w', min: 1, max: 1 },
      { feature: 'g', value: 'm', min: 1, max: 2 },
      { feature: 'age', value: 'young', min: 1, max: 2 },
      { feature: 'age', value: 'old', min: 0, max: 2 },
    ],
  },
  panelSize: 2,
};

function members(instance: ReturnType<typeof compileInstance>, counts: Int32Array): string[] {
  const ids: string[] = [];
  counts.forEach((c, t) => {
    for (let k = 0; k < c; k++) ids.push(instance.people[instance.types[t].members[k]].id);
  });
  return ids;
}

test('swaps toward heavier people while every quota and household rule keeps holding', () => {
  const instance = compileInstance(input);
  const idsToCounts = (ids: string[]) => {
    const counts = new Int32Array(instance.types.length);
    for (const id of ids) counts[instance.typeOfPerson[instance.people.findIndex((p) => p.id === id)]]++;
    return counts;
  };
  const start = idsToCounts(['a', 'c']);
  assert.deepEqual(checkPanel(input, members(instance, start)), []);
  // Heaviest: b (old woman) and d (old man), but then nobody is young; and d and e share a home.
  const weightOf: Record<string, number> = { a: 0, b: 5, c: 0, d: 4, e: 3 };
  const weights = instance.types.map((type) => weightOf[instance.people[type.members[0]].id]);
  const search = new SwapSearch(instance);
  const best = search.improve(start, weights, SwapSearch.order(weights));
  const chosen = members(instance, best.counts);
  assert.deepEqual(checkPanel(input, chosen), []);
  // b + e (young man) weighs 8: the best a single swap at a time can reach from a + c.
  assert.deepEqual(chosen.sort(), ['b', 'e']);
  assert.equal(best.key, typePanel(best.counts).key);
});
