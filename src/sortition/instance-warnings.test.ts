import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileInstance } from './instance.ts';

test('a point target the pool cannot reach is warned about, with the number the pool can reach', () => {
  const people = [
    { id: 'a', features: { age: 'young' } },
    { id: 'b', features: { age: 'young' } },
    { id: 'c', features: { age: 'old' } },
    { id: 'd', features: { age: 'old' } },
    { id: 'e', features: { age: 'old' } },
  ];
  const instance = compileInstance({
    people,
    targets: {
      kind: 'points',
      features: [
        {
          feature: 'age',
          weight: 1,
          values: [
            // Two young people for a target of 2.5 seats; three old for exactly 3; nobody middle-aged.
            { value: 'young', target: 2.5 },
            { value: 'old', target: 3 },
            { value: 'middle', target: 1 },
          ],
        },
      ],
    },
    panelSize: 5,
  });
  const warnings = instance.warnings.map((w) => ({ value: w.value, code: w.code, params: w.params }));
  assert.deepEqual(warnings, [
    { value: 'young', code: 'target-above-pool', params: { target: 2.5, pool: 2 } },
    { value: 'middle', code: 'target-without-people', params: { target: 1 } },
  ]);
  assert.match(
    instance.warnings[0].message,
    /only 2 people in the pool have that value; the panel can reach at most 2/,
  );
});
