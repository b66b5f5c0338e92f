import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Choice } from './model.ts';
import { compareEntries, type PaperEntry, paperBallots } from './paper.ts';

const yes: Choice = { kind: 'yes' };
const no: Choice = { kind: 'no' };
const line = (sheet: string, member: string, choice: Choice): PaperEntry => ({ sheet, member, choice });

const stack = [
  line('1', 'anna', yes),
  line('2', 'bo', no),
  line('3', 'cecilia', yes),
  line('4', 'david', yes),
  line('5', 'eva', no),
];

test('two entries typed alike are accepted whole', () => {
  const { matching, mismatches } = compareEntries(stack, [...stack].reverse());
  assert.deepEqual(matching, stack);
  assert.deepEqual(mismatches, []);
});

test('one mismatch is listed for a third look and only the matching lines are accepted; fixed, all match', () => {
  const second = stack.map((l) => (l.sheet === '4' ? { ...l, choice: no } : l));
  const { matching, mismatches } = compareEntries(stack, second);
  assert.deepEqual(
    matching.map((l) => l.sheet),
    ['1', '2', '3', '5'],
  );
  assert.deepEqual(mismatches, [{ kind: 'differs', sheet: '4', first: stack[3], second: second[3] }]);
  // The third look finds the paper says yes: the second entry is corrected and compared again.
  const corrected = second.map((l) => (l.sheet === '4' ? { ...l, choice: yes } : l));
  assert.equal(compareEntries(stack, corrected).matching.length, 5);
});

test('a different member on the same sheet is a mismatch', () => {
  const second = stack.map((l) => (l.sheet === '2' ? { ...l, member: 'bob' } : l));
  assert.deepEqual(
    compareEntries(stack, second).mismatches.map((m) => [m.kind, m.sheet]),
    [['differs', '2']],
  );
});

test('sheets typed in only one entry, or twice in one entry, are not accepted', () => {
  const first = [...stack, line('6', 'fredrik', yes)];
  const second = [...stack.slice(1), line('3', 'cecilia', yes), line('7', 'gun', yes)];
  const { matching, mismatches } = compareEntries(first, second);
  assert.deepEqual(
    mismatches.map((m) => [m.kind, m.sheet]),
    [
      ['only_first', '1'],
      ['sheet_twice', '3'],
      ['only_first', '6'],
      ['only_second', '7'],
    ],
  );
  assert.deepEqual(
    matching.map((l) => l.sheet),
    ['2', '4', '5'],
  );
});

test('one member on two sheets is never accepted twice', () => {
  const twice = [...stack, line('6', 'anna', no)];
  const { matching, mismatches } = compareEntries(twice, twice);
  assert.deepEqual(
    mismatches.map((m) => [m.kind, m.sheet]),
    [
      ['member_twice', '1'],
      ['member_twice', '6'],
    ],
  );
  assert.equal(
    matching.some((l) => l.member === 'anna'),
    false,
  );
});

test('sheet numbers are compared trimmed and ordered as numbers', () => {
  const first = [line('10', 'anna', yes), line(' 9', 'bo', yes)];
  const second = [line('9 ', 'bo', yes), line('10', 'anna', yes)];
  assert.deepEqual(
    compareEntries(first, second).matching.map((l) => l.sheet),
    ['9', '10'],
  );
});

test('matching lines become paper ballots cast when the stack was collected', () => {
  assert.deepEqual(paperBallots([line('1', 'anna', yes)], 1800), [
    { member: 'anna', choice: yes, channel: 'paper', at: 1800 },
  ]);
});

test('spaces around an objection typed by one of the staff are no mismatch', () => {
  const first = [line('1', 'anna', { kind: 'objection', reason: 'Too costly ' })];
  const second = [line('1', ' anna', { kind: 'objection', reason: 'Too costly' })];
  assert.deepEqual(compareEntries(first, second).matching, [
    line('1', 'anna', { kind: 'objection', reason: 'Too costly' }),
  ]);
});
