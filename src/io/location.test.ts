import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../sortition/model.ts';
import { describeLocation, inputError } from './location.ts';

test('a location names the file, then the line and the column when known', () => {
  assert.equal(describeLocation({ file: 'pool.csv' }), 'pool.csv');
  assert.equal(describeLocation({ file: 'pool.csv', line: 4 }), 'pool.csv, line 4');
  assert.equal(
    describeLocation({ file: 'pool.csv', line: 4, column: 'Gender' }),
    'pool.csv, line 4, column "Gender"',
  );
});

test('an input error starts with the location and keeps it as data', () => {
  const error = inputError({ file: 'q.csv', line: 3, column: 'min' }, 'fix it.', 'not-a-count');
  assert.ok(error instanceof InputError);
  assert.equal(error.message, 'q.csv, line 3, column "min": fix it.');
  assert.deepEqual(error.where, { file: 'q.csv', row: 3, column: 'min' });
  assert.equal(error.code, 'not-a-count');
});
