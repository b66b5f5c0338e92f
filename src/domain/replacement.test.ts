import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pairReplacements, targetEffect } from './replacement.ts';

const refs: Record<string, string> = {
  a: 'P-00001',
  b: 'P-00002',
  c: 'P-00003',
  d: 'P-00004',
  e: 'P-00005',
  f: 'P-00006',
};
const ref = (id: string) => refs[id];

test('new members fill the open seats in reference order', () => {
  const pairs = pairReplacements(
    ['a', 'f', 'e', 'b'],
    new Set(['a', 'b']),
    [
      { personId: 'd', reference: 'P-00004' },
      { personId: 'c', reference: 'P-00003' },
    ],
    ref,
  );
  assert.deepEqual(pairs, [
    { replacedPersonId: 'c', replacementPersonId: 'e' },
    { replacedPersonId: 'd', replacementPersonId: 'f' },
  ]);
});

test('newcomers and leavers are paired as far as both go; the rest stay unpaired', () => {
  const seats = [
    { personId: 'c', reference: 'P-00003' },
    { personId: 'd', reference: 'P-00004' },
  ];
  // One newcomer for two people who left (someone's seat was filled by hand meanwhile).
  assert.deepEqual(pairReplacements(['a', 'b', 'e'], new Set(['a', 'b']), seats, ref), [
    { replacedPersonId: 'c', replacementPersonId: 'e' },
  ]);
  // Two newcomers for one person who left (a seat was open from the start).
  assert.deepEqual(pairReplacements(['a', 'f', 'e'], new Set(['a']), seats.slice(1), ref), [
    { replacedPersonId: 'd', replacementPersonId: 'e' },
  ]);
});

test('the effect counts every value before and after', () => {
  const answers: Record<string, Record<string, string>> = {
    a: { gender: 'woman' },
    b: { gender: 'man' },
    c: { gender: 'woman' },
    e: { gender: 'man' },
  };
  const effect = targetEffect(['a', 'b', 'c'], ['a', 'b', 'e'], (id) => answers[id]);
  assert.deepEqual(effect, { gender: { woman: { before: 2, after: 1 }, man: { before: 1, after: 2 } } });
});
