import assert from 'node:assert/strict';
import { test } from 'node:test';
import { householdKeys, normaliseAddress } from './household.ts';

test('addresses compare without case, extra spaces or punctuation', () => {
  assert.equal(normaliseAddress('  12 Main St., Apt 3 '), '12 main st apt 3');
  assert.equal(normaliseAddress('12  MAIN st apt. 3'), '12 main st apt 3');
  assert.equal(normaliseAddress('Ann-Marie'), normaliseAddress('ann marie'));
  // "å" typed as one code point and as "a" + combining ring
  assert.equal(normaliseAddress('Storgatan 1, Håby'), normaliseAddress('storgatan 1 Ha\u030Aby'));
  assert.equal(normaliseAddress(' .,- '), '');
});

test('households are numbered in order of first appearance; people alone get none', () => {
  const keys = householdKeys([
    ['1 Elm Rd', 'AB1'],
    ['2 Oak Rd', 'AB1'],
    ['2 oak rd.', 'ab1'],
    ['3 Ash Rd', 'AB2'],
    ['1 ELM RD', 'ab1 '],
  ]);
  assert.deepEqual(keys, ['h1', 'h2', 'h2', undefined, 'h1']);
});

test('people with blank addresses are each alone; a partly blank address still counts', () => {
  assert.deepEqual(
    householdKeys([
      ['', ''],
      ['', ' '],
      ['', 'AB1'],
      ['', 'ab1'],
    ]),
    [undefined, undefined, 'h1', 'h1'],
  );
});

test('cells are compared column by column, not as one joined string', () => {
  assert.deepEqual(
    householdKeys([
      ['ab', 'c'],
      ['a', 'bc'],
    ]),
    [undefined, undefined],
  );
});
