import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preferNotToSay, type Question } from './questions.ts';
import {
  checkTargets,
  emptyTargets,
  findingAsTyped,
  seatBounds,
  type TargetSettings,
  targetPercent,
  targetValues,
  toEngineTargets,
  typedChange,
} from './targets.ts';

const gender: Question = {
  key: 'gender',
  label: { sv: 'Kön', en: 'Gender' },
  options: [
    { value: 'woman', label: { sv: 'Kvinna' } },
    { value: 'man', label: { sv: 'Man' } },
  ],
};
const age: Question = {
  key: 'age',
  label: { sv: 'Ålder' },
  options: [
    { value: '16-29', label: { sv: '16–29' } },
    { value: '65+', label: { sv: '65+' } },
  ],
};

function settings(kind: TargetSettings['kind']): TargetSettings {
  const s = emptyTargets([gender, age]);
  s.kind = kind;
  return s;
}

function quotasOf(s: TargetSettings, panelSize: number, extra: Record<string, string[]> = {}) {
  const targets = toEngineTargets(s, [gender, age], panelSize, extra);
  assert.equal(targets.kind, 'quotas');
  return targets.kind === 'quotas' ? targets.quotas : [];
}

test('every answer, "prefer not to say" last, is a value of its question', () => {
  assert.deepEqual(targetValues(gender), ['woman', 'man', preferNotToSay]);
});

test('counts: given bounds as entered, blanks mean 0 and the panel size', () => {
  const s = settings('quotas');
  s.definition.questions.gender.values = { woman: { min: 4, max: 6 }, man: { max: 5 } };
  s.definition.questions.age.included = false;
  assert.deepEqual(quotasOf(s, 10), [
    { feature: 'gender', value: 'woman', min: 4, max: 6 },
    { feature: 'gender', value: 'man', min: 0, max: 5 },
    { feature: 'gender', value: preferNotToSay, min: 0, max: 10 },
  ]);
});

test('a blank maximum is never below the minimum, so a minimum above the panel is explained, not refused', () => {
  const s = settings('quotas');
  s.definition.questions.age.included = false;
  s.definition.questions.gender.values = { woman: { min: 30 } };
  assert.deepEqual(
    quotasOf(s, 10).find((q) => q.value === 'woman'),
    { feature: 'gender', value: 'woman', min: 30, max: 30 },
  );
});

test('"prefer not to say" left free ignores its row; with its own targets the row counts', () => {
  const s = settings('quotas');
  s.definition.questions.age.included = false;
  s.definition.questions.gender.values = { [preferNotToSay]: { min: 1, max: 2 } };
  const free = quotasOf(s, 10).find((q) => q.value === preferNotToSay);
  assert.deepEqual(free, { feature: 'gender', value: preferNotToSay, min: 0, max: 10 });
  s.definition.questions.gender.preferNotToSay = 'own';
  const own = quotasOf(s, 10).find((q) => q.value === preferNotToSay);
  assert.deepEqual(own, { feature: 'gender', value: preferNotToSay, min: 1, max: 2 });
});

test('percentages: a range rounds inwards; a share alone gives the seats around it; a tolerance widens it', () => {
  const s = settings('percentages');
  s.definition.questions.age.included = false;
  s.population = { gender: { woman: 51, man: 49 } };
  s.definition.questions.gender.values = { woman: { minPercent: 40, maxPercent: 55 } };
  const exact = quotasOf(s, 22);
  // 40 % of 22 = 8.8 → 9; 55 % of 22 = 12.1 → 12.
  assert.deepEqual(
    exact.find((q) => q.value === 'woman'),
    { feature: 'gender', value: 'woman', min: 9, max: 12 },
  );
  // 49 % of 22 = 10.78: the seats just below and above.
  assert.deepEqual(
    exact.find((q) => q.value === 'man'),
    { feature: 'gender', value: 'man', min: 10, max: 11 },
  );
  s.definition.questions.gender.tolerance = 5;
  // 44 % .. 54 % of 22 = 9.68 .. 11.88 → 10..11.
  assert.deepEqual(
    quotasOf(s, 22).find((q) => q.value === 'man'),
    { feature: 'gender', value: 'man', min: 10, max: 11 },
  );
  s.definition.questions.gender.tolerance = 10;
  // 39 % .. 59 % of 22 = 8.58 .. 12.98 → 9..12.
  assert.deepEqual(
    quotasOf(s, 22).find((q) => q.value === 'man'),
    { feature: 'gender', value: 'man', min: 9, max: 12 },
  );
  // A share that does not exist leaves the value free; the tolerance never goes below 0 %.
  s.population = { gender: { man: 3 } };
  assert.deepEqual(
    quotasOf(s, 22).find((q) => q.value === 'man'),
    { feature: 'gender', value: 'man', min: 0, max: 2 },
  );
});

test('points: the typed target, else the population share of the seats; the weight per question', () => {
  const s = settings('points');
  s.population = { gender: { woman: 50, man: 50 }, age: { '16-29': 25 } };
  s.definition.questions.gender.values = { woman: { points: 12.5 } };
  s.definition.questions.gender.weight = 2;
  const targets = toEngineTargets(s, [gender, age], 20);
  assert.deepEqual(targets, {
    kind: 'points',
    features: [
      {
        feature: 'gender',
        weight: 2,
        values: [
          { value: 'woman', target: 12.5 },
          { value: 'man', target: 10 },
        ],
      },
      { feature: 'age', weight: 1, values: [{ value: '16-29', target: 5 }] },
    ],
  });
  // "Prefer not to say" with a target of its own takes part.
  s.definition.questions.age.preferNotToSay = 'own';
  s.definition.questions.age.values = { [preferNotToSay]: { points: 1 } };
  const withOwn = toEngineTargets(s, [gender, age], 20);
  assert.ok(
    withOwn.kind === 'points' &&
      withOwn.features[1].values.some((v) => v.value === preferNotToSay && v.target === 1),
  );
});

test('answers that are no longer options get a quota that limits nothing', () => {
  const s = settings('quotas');
  s.definition.questions.age.included = false;
  const quotas = quotasOf(s, 8, { gender: ['other'] });
  assert.deepEqual(
    quotas.find((q) => q.value === 'other'),
    { feature: 'gender', value: 'other', min: 0, max: 8 },
  );
});

test('checks: minimum above maximum, and at least one question', () => {
  const s = settings('quotas');
  s.definition.questions.gender.values = { man: { min: 5, max: 3 } };
  assert.deepEqual(checkTargets(s, [gender, age]), [
    { question: 'gender', value: 'man', field: 'min', code: 'min_above_max' },
  ]);
  // The same numbers in the fields of another kind do not count.
  s.kind = 'points';
  assert.deepEqual(checkTargets(s, [gender, age]), []);
  s.definition.questions.gender.included = false;
  s.definition.questions.age.included = false;
  assert.equal(checkTargets(s, [gender, age])[0].code, 'no_question_included');
});

test('checks: every number of the used kind is finite and in range, so the solver never sees 1e308', () => {
  const quotas = settings('quotas');
  quotas.definition.questions.gender.values = {
    woman: { min: 1e308, max: Number.POSITIVE_INFINITY },
    man: { min: 2.5, max: 1_000_000 },
  };
  assert.deepEqual(checkTargets(quotas, [gender, age]), [
    { question: 'gender', value: 'woman', field: 'min', code: 'whole_number' },
    { question: 'gender', value: 'woman', field: 'max', code: 'whole_number' },
    { question: 'gender', value: 'man', field: 'min', code: 'whole_number' },
  ]);

  const points = settings('points');
  points.definition.questions.gender.weight = 1e308;
  points.definition.questions.gender.values = { woman: { points: 1e308 }, man: { points: 100_000 } };
  points.population = { age: { '65+': Number.NaN } };
  assert.deepEqual(checkTargets(points, [gender, age]), [
    { question: 'gender', field: 'weight', code: 'too_large' },
    { question: 'gender', value: 'woman', field: 'points', code: 'too_large' },
    { question: 'age', value: '65+', field: 'population', code: 'percent_range' },
  ]);

  const percentages = settings('percentages');
  percentages.definition.questions.age.tolerance = 101;
  percentages.definition.questions.age.values = { '16-29': { minPercent: -1, maxPercent: 100 } };
  assert.deepEqual(checkTargets(percentages, [gender, age]), [
    { question: 'age', field: 'tolerance', code: 'percent_range' },
    { question: 'age', value: '16-29', field: 'minPercent', code: 'percent_range' },
  ]);
  // A question left out is not checked: its numbers reach nothing.
  percentages.definition.questions.age.included = false;
  assert.deepEqual(checkTargets(percentages, [gender, age]), []);
});

test('the chart target is the middle of the allowed seats, none when nothing is limited', () => {
  const s = settings('quotas');
  s.definition.questions.gender.values = { woman: { min: 4, max: 6 } };
  assert.equal(targetPercent(s, 'gender', 'woman', 10), 50);
  assert.equal(targetPercent(s, 'gender', 'man', 10), undefined);
  // A minimum above the panel (explained by the check) is drawn as the whole panel, not 130 %.
  s.definition.questions.gender.values = { woman: { min: 13 } };
  assert.equal(targetPercent(s, 'gender', 'woman', 10), 100);
  s.kind = 'points';
  s.population = { gender: { man: 30 } };
  assert.equal(targetPercent(s, 'gender', 'man', 10), 30);
});

test('advice in percent: the suggested percentage, converted forward, gives exactly the seats', () => {
  const s = settings('percentages');
  s.definition.questions.age.included = false;
  s.definition.questions.gender.values = { woman: { minPercent: 45, maxPercent: 70 } };
  // 45 % of 40 seats = 18; the relaxation asks for 14 seats: 35 % gives exactly 14.
  assert.deepEqual(typedChange(s, 'gender', 'woman', 'min', 14, 40), { unit: 'percent', from: 45, to: 35 });
  // 14 of 30 seats is 46.67 %: a minimum rounds up, so 46 % (13.8 → 14) and not 47 % (14.1 → 15).
  assert.deepEqual(typedChange(s, 'gender', 'woman', 'min', 14, 30), { unit: 'percent', from: 45, to: 46 });
  // A maximum rounds down: 15 of 30 seats is exactly 50 %; 16 of 70 is 22.86 %, so 22.9 %.
  assert.deepEqual(typedChange(s, 'gender', 'woman', 'max', 15, 30), { unit: 'percent', from: 70, to: 50 });
  // Every bound and seat count of a few panel sizes: the advice always gives the seats.
  s.definition.questions.gender.values = { woman: { minPercent: 0, maxPercent: 100 } };
  for (const size of [7, 22, 30, 40, 150, 333]) {
    for (let seats = 0; seats <= size; seats++) {
      for (const bound of ['min', 'max'] as const) {
        const change = typedChange(s, 'gender', 'woman', bound, seats, size);
        assert.ok(change && change.unit === 'percent', `${bound} ${seats} of ${size}`);
        const field = bound === 'min' ? 'minPercent' : 'maxPercent';
        const changed = structuredClone(s);
        changed.definition.questions.gender.values.woman = {
          minPercent: 0,
          maxPercent: 100,
          [field]: change.to,
        };
        assert.equal(
          seatBounds(changed, 'gender', 'woman', size)[bound],
          seats,
          `${bound} ${seats} of ${size}`,
        );
      }
    }
  }
  // Counts are already in seats; a free answer has nothing to change.
  assert.equal(typedChange(settings('quotas'), 'gender', 'woman', 'min', 3, 10), undefined);
  assert.equal(typedChange(s, 'gender', preferNotToSay, 'min', 0, 10), undefined);
});

test('advice for a population share with a tolerance is the tolerance to type', () => {
  const s = settings('percentages');
  s.definition.questions.age.included = false;
  s.population = { gender: { woman: 45, man: 55 } };
  s.definition.questions.gender.tolerance = 2;
  // 43 %..47 % of 40 seats = 17.2..18.8 → 18..18. For a minimum of 14 seats (35 %) the tolerance
  // must reach 10 points.
  assert.deepEqual(seatBounds(s, 'gender', 'woman', 40), { min: 18, max: 18 });
  const change = typedChange(s, 'gender', 'woman', 'min', 14, 40);
  assert.deepEqual(change, { unit: 'tolerance', share: 45, from: 2, to: 10 });
  s.definition.questions.gender.tolerance = 10;
  assert.equal(seatBounds(s, 'gender', 'woman', 40).min, 14);
  // A maximum of 24 seats for "man" (55 % + t of 40 ≥ 24 → t ≥ 5).
  s.definition.questions.gender.tolerance = 2;
  assert.deepEqual(typedChange(s, 'gender', 'man', 'max', 24, 40), {
    unit: 'tolerance',
    share: 55,
    from: 2,
    to: 5,
  });
});

test('findings of the check are rewritten in the unit typed; counts and points stay in seats', () => {
  const s = settings('percentages');
  s.definition.questions.age.included = false;
  s.definition.questions.gender.values = { woman: { minPercent: 45 } };
  const relax = {
    category: 'gender',
    value: 'woman',
    code: 'relax-min',
    message: 'gender=woman: the minimum 18 cannot be met together with the other quotas.',
    params: { from: 18, to: 14, bound: 'min' },
  };
  const typed = findingAsTyped(s, relax, 40);
  assert.equal(typed.code, 'relax-min-percent');
  assert.deepEqual(typed.params, { from: 45, to: 35, fromSeats: 18, toSeats: 14, bound: 'min' });
  const pool = {
    category: 'gender',
    value: 'woman',
    code: 'min-above-pool',
    message: '',
    params: { min: 18, pool: 12 },
  };
  assert.deepEqual(findingAsTyped(s, pool, 40).params, {
    min: 18,
    pool: 12,
    from: 45,
    to: 30,
    fromSeats: 18,
    toSeats: 12,
  });
  assert.equal(findingAsTyped(settings('quotas'), relax, 40), relax);
  assert.equal(findingAsTyped(settings('points'), relax, 40), relax);
  // A sum over the answers gets its size in percentage points as a guide.
  const sum = { ...relax, code: 'minimums-above-size', params: { sum: 50, size: 40 } };
  assert.deepEqual(findingAsTyped(s, sum, 40).params, { sum: 50, size: 40, points: 25 });
  assert.equal(findingAsTyped(s, sum, 40).code, 'minimums-above-size-percent');
  const other = { ...relax, code: 'no-relaxation', params: {} };
  assert.equal(findingAsTyped(s, other, 40), other);
});
