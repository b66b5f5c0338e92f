import assert from 'node:assert/strict';
import { test } from 'node:test';
import { levelsReached } from './aimReached.ts';

const tolerance = { margin: 1e-8, shortfall: 1e-7 };
// Three levels: types 0–1 at 0.2, type 2 at 0.3, type 3 at 0.5; the aim sits the margin below.
const levels = [
  { value: 0.2, types: [0, 1] },
  { value: 0.3, types: [2] },
  { value: 0.5, types: [3] },
];
const aim = [0.2, 0.2, 0.3, 0.5].map((value) => value - tolerance.margin);

test('every level is reached when every type is at its aim', () => {
  assert.equal(levelsReached(levels, aim, [0.2, 0.2, 0.3, 0.5], 0, tolerance), 3);
});

test('a level is reached only up to the first one whose types fall short of their aim', () => {
  assert.equal(levelsReached(levels, aim, [0.2, 0.2, 0.29, 0.5], 0, tolerance), 1);
  assert.equal(levelsReached(levels, aim, [0.2, 0.19, 0.3, 0.5], 0, tolerance), 0);
  // Short by less than the tolerance still counts.
  assert.equal(levelsReached(levels, aim, [0.2 - 5e-8, 0.2, 0.3, 0.5], 0, tolerance), 3);
});

test('a level is not reached while a type of a later level is below its value', () => {
  // Types 0–1 are at their aim, but type 3 (a later level) is below 0.2: the first level might
  // still have to give way to it, so it is not settled.
  assert.equal(levelsReached(levels, aim, [0.2, 0.2, 0.3, 0.15], 0, tolerance), 0);
  // Type 3 between the first and second levels' values: only the first is reached.
  assert.equal(levelsReached(levels, aim, [0.2, 0.2, 0.3, 0.25], 0, tolerance), 1);
});

test('counting goes on from the levels already settled', () => {
  assert.equal(levelsReached(levels, aim, [0, 0, 0.3, 0.5], 1, tolerance), 3);
  assert.equal(levelsReached(levels, aim, [0, 0, 0.3, 0.5], 3, tolerance), 3);
});
