import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  panelSizeProblem,
  replacementRunShape,
  seatChange,
  seatProblem,
  seatsAfterDraw,
  seatsOf,
} from './seats.ts';

test('seats held, open and never negative', () => {
  assert.deepEqual(seatsOf(60, 58), { panelSize: 60, filled: 58, open: 2 });
  assert.deepEqual(seatsOf(60, 61), { panelSize: 60, filled: 61, open: 0 });
});

test('taking a seat past the panel size is refused; giving one up never is', () => {
  assert.equal(seatProblem(60, 59, 60), null);
  assert.deepEqual(seatProblem(60, 60, 61), {
    code: 'seats_exceeded',
    params: { size: 60, filled: 60, after: 61, count: 60 },
  });
  // A panel over its size from older data may only shrink.
  assert.equal(seatProblem(60, 62, 61), null);
  assert.notEqual(seatProblem(60, 62, 63), null);
});

test('only moves into or out of selected/confirmed change the seats', () => {
  assert.equal(seatChange('registered', 'selected'), 1);
  assert.equal(seatChange('declined', 'selected'), 1);
  assert.equal(seatChange('selected', 'confirmed'), 0);
  assert.equal(seatChange('confirmed', 'withdrawn'), -1);
  assert.equal(seatChange('registered', 'withdrawn'), 0);
});

test('kept members on a drawn panel count once', () => {
  assert.equal(seatsAfterDraw(['a', 'b'], ['a', 'b', 'c', 'd']), 4);
});

test('a replacement run keeps every seated member and fills exactly the open seats', () => {
  assert.deepEqual(replacementRunShape(10, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']), {
    keep: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
    size: 10,
    newMembers: 2,
  });
  assert.equal(replacementRunShape(3, ['a', 'b', 'c']), null);
  assert.equal(replacementRunShape(3, ['a', 'b', 'c', 'd']), null);
});

test('a panel size below the members holding a seat is refused', () => {
  assert.equal(panelSizeProblem(10, 10), null);
  assert.deepEqual(panelSizeProblem(9, 10), {
    code: 'panel_size_below_seated',
    params: { size: 9, filled: 10 },
  });
});
