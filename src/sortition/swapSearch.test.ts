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

for (const allowed of [0, 2, 4]) {
  test(`with point targets and an allowed deviation of ${allowed}, swaps stay within it and stop only where no single swap helps`, () => {
    // Two people of each kind, in different households, so that a type has twins (same values, other
    // household) and every swap that keeps the counts is between twins.
    const kinds = [
      ['w', 'young'],
      ['w', 'old'],
      ['m', 'young'],
      ['m', 'old'],
    ];
    const people = kinds.flatMap(([g, age], k) =>
      [0, 1, 2].map((i) => ({ id: `${g}${age}${i}`, features: { g, age }, household: `h${k}-${i % 2}` })),
    );
    const pointInput: SelectionInput = {
      people,
      panelSize: 4,
      targets: {
        kind: 'points',
        features: [
          {
            feature: 'g',
            weight: 1,
            values: [
              { value: 'w', target: 2 },
              { value: 'm', target: 2 },
            ],
          },
          {
            feature: 'age',
            weight: 2,
            values: [
              { value: 'young', target: 2 },
              { value: 'old', target: 2 },
            ],
          },
        ],
      },
    };
    const instance = compileInstance(pointInput);
    // 0 is below the smallest step (1): the targets must be met exactly and only twins are tried.
    const search = new SwapSearch(instance, allowed === 0 ? 1e-7 : allowed);
    const idsToCounts = (ids: string[]) => {
      const counts = new Int32Array(instance.types.length);
      for (const id of ids) counts[instance.typeOfPerson[people.findIndex((p) => p.id === id)]]++;
      return counts;
    };
    let state = 11;
    const next = () => {
      state = (state * 48271) % 2147483647;
      return state / 2147483647;
    };
    for (let round = 0; round < 50; round++) {
      const weights = instance.types.map(() => next());
      const start = idsToCounts(['wyoung0', 'wold0', 'myoung0', 'mold0']);
      const best = search.improve(start, weights, SwapSearch.order(weights));
      const chosen = members(instance, best.counts);
      assert.deepEqual(checkPanel(pointInput, chosen, { allowedDeviation: allowed }), []);
      // No single swap of one type for another keeps the targets and the households and gains.
      const value = panelWeightOf(best.counts, weights);
      for (let a = 0; a < best.counts.length; a++) {
        if (best.counts[a] === 0) continue;
        for (let b = 0; b < best.counts.length; b++) {
          if (b === a || best.counts[b] >= instance.types[b].members.length) continue;
          const moved = Int32Array.from(best.counts);
          moved[a]--;
          moved[b]++;
          if (checkPanel(pointInput, members(instance, moved), { allowedDeviation: allowed }).length > 0)
            continue;
          assert.ok(panelWeightOf(moved, weights) <= value + 1e-9, `swapping ${a} for ${b} still helps`);
        }
      }
    }
  });
}

function panelWeightOf(counts: Int32Array, weights: number[]): number {
  return counts.reduce((sum, c, t) => sum + c * weights[t], 0);
}
