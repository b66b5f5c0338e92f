import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from './model.ts';

test('InputError keeps where the problem is', () => {
  const e = new InputError('bad', { file: 'a.csv', row: 3, column: 'age' });
  assert.equal(e.where.row, 3);
});
