import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileInstance } from '../sortition/instance.ts';
import { preferNotToSay, type Question } from './questions.ts';
import { buildSelectionInput, countAnswers, type PoolMember } from './selection-input.ts';
import { emptyTargets } from './targets.ts';

const gender: Question = {
  key: 'gender',
  label: { sv: 'Kön' },
  options: [
    { value: 'woman', label: { sv: 'Kvinna' } },
    { value: 'man', label: { sv: 'Man' } },
  ],
};
const income: Question = {
  key: 'income',
  label: { sv: 'Inkomst' },
  options: [{ value: 'low', label: { sv: 'Låg' } }],
};

function member(
  id: string,
  answers: Record<string, string>,
  address: string | null,
  postcode: string | null,
) {
  return { id, reference: `P-${id}`, answers, address, postcode } satisfies PoolMember;
}

const pool: PoolMember[] = [
  member('a', { gender: 'woman', income: 'low' }, 'Storgatan 1', '111 22'),
  member('b', { gender: 'man', income: 'low' }, ' storgatan  1. ', '111 22'),
  member('c', { gender: 'man' }, 'Storgatan 1', '999 99'),
  member('d', { gender: 'other' }, null, '111 22'),
  member('e', {}, '', ''),
];

test('the input holds ids and the used answers only, never names, references or addresses', () => {
  const targets = emptyTargets([gender, income]);
  targets.definition.questions.income.included = false;
  const { input } = buildSelectionInput({ pool, questions: [gender, income], targets, panelSize: 2 });
  assert.deepEqual(
    input.people.map((p) => p.id),
    ['a', 'b', 'c', 'd', 'e'],
  );
  for (const person of input.people) assert.deepEqual(Object.keys(person.features), ['gender']);
  const text = JSON.stringify(input);
  for (const secret of ['Storgatan', 'storgatan', '111 22', 'P-a']) assert.ok(!text.includes(secret), secret);
  assert.equal(input.panelSize, 2);
  assert.deepEqual(input.keep, []);
});

test('households: the same normalised address and postcode share a key; unknown addresses are alone', () => {
  const targets = emptyTargets([gender]);
  const { input } = buildSelectionInput({ pool, questions: [gender], targets, panelSize: 2 });
  const household = Object.fromEntries(input.people.map((p) => [p.id, p.household]));
  assert.equal(household.a, 'h1');
  assert.equal(household.b, 'h1');
  // Same street, other postcode: another place.
  assert.equal(household.c, undefined);
  // A postcode without an address says nothing about who lives together.
  assert.equal(household.d, undefined);
  assert.equal(household.e, undefined);
});

test('a missing answer counts as "prefer not to say"; an answer no longer offered is reported and limits nothing', () => {
  const targets = emptyTargets([gender]);
  const { input, unknownAnswers } = buildSelectionInput({ pool, questions: [gender], targets, panelSize: 2 });
  assert.equal(input.people[4].features.gender, preferNotToSay);
  assert.deepEqual(unknownAnswers, [{ question: 'gender', value: 'other', count: 1 }]);
  // The engine accepts the input as built: every value present has a quota.
  const instance = compileInstance(input);
  assert.equal(instance.people.length, 5);
  assert.ok(
    input.targets.kind === 'quotas' &&
      input.targets.quotas.some((q) => q.value === 'other' && q.min === 0 && q.max === 2),
  );
});

test('kept members are passed on as the engine keep list', () => {
  const targets = emptyTargets([gender]);
  const { input } = buildSelectionInput({ pool, questions: [gender], targets, panelSize: 3, keep: ['c'] });
  assert.deepEqual(input.keep, ['c']);
  assert.equal(compileInstance(input).keptCount, 1);
});

test('answers are counted per question and value, a missing answer as "prefer not to say"', () => {
  assert.deepEqual(countAnswers(pool, [gender]), {
    gender: { woman: 1, man: 2, other: 1, [preferNotToSay]: 1 },
  });
});
