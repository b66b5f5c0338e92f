/**
 * The engine's own check of the numbers in targets: the readers and the web form check them first,
 * with file and field, but whatever reaches the engine another way must still never reach the solver
 * out of range (a weight of 1e308 made HiGHS refuse the model: "passModel failed").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileInstance } from './instance.ts';
import { InputError, type PointFeature, type Quota, type SelectionInput } from './model.ts';

const people = Array.from({ length: 6 }, (_, i) => ({ id: `p${i}`, features: { g: i % 2 ? 'a' : 'b' } }));

function quotas(a: Partial<Quota>): SelectionInput {
  return {
    people,
    panelSize: 2,
    targets: {
      kind: 'quotas',
      quotas: [
        { feature: 'g', value: 'a', min: 0, max: 2, ...a },
        { feature: 'g', value: 'b', min: 0, max: 2 },
      ],
    },
  };
}

function points(feature: Partial<PointFeature>): SelectionInput {
  return {
    people,
    panelSize: 2,
    targets: {
      kind: 'points',
      features: [
        {
          feature: 'g',
          weight: 1,
          values: [
            { value: 'a', target: 1 },
            { value: 'b', target: 1 },
          ],
          ...feature,
        },
      ],
    },
  };
}

function refused(input: SelectionInput, message: RegExp): void {
  assert.throws(
    () => compileInstance(input),
    (error: unknown) => {
      assert.ok(error instanceof InputError, String(error));
      assert.match(error.message, message);
      return true;
    },
  );
}

test('counts outside 0..1,000,000 seats are refused, flex bounds included', () => {
  refused(quotas({ max: 1e308 }), /The max of g=a must be a whole number from 0 to 1000000 \(got 1e\+308\)/);
  refused(quotas({ min: Number.POSITIVE_INFINITY }), /The min of g=a must be a whole number from 0/);
  refused(quotas({ maxFlex: 1e308 }), /The max_flex of g=a must be a whole number from 0 to 1000000/);
  refused(quotas({ minFlex: -1 }), /The min_flex of g=a must be a whole number/);
  assert.ok(compileInstance(quotas({ max: 1_000_000, maxFlex: 1_000_000 })));
});

test('point targets and weights outside 0..100,000 are refused', () => {
  refused(points({ weight: 1e308 }), /The weight of "g" must be a number from 0 to 100000 \(got 1e\+308\)/);
  refused(
    points({ values: [{ value: 'a', target: 1e308 }] }),
    /The target of g=a must be a number from 0 to 100000 \(got 1e\+308\)/,
  );
  refused(points({ values: [{ value: 'a', target: Number.NaN }] }), /The target of g=a must be a number/);
  assert.ok(compileInstance(points({ weight: 100_000, values: [{ value: 'a', target: 100_000 }] })));
});

test('a 20 MB name is repeated in an engine message only by its start', () => {
  const name = 'n'.repeat(20 * 1024 * 1024);
  for (const input of [points({ feature: name, weight: -1 }), quotas({ value: name, max: 1e308 })]) {
    assert.throws(
      () => compileInstance(input),
      (error: unknown) => error instanceof InputError && error.message.length < 300,
    );
  }
});
