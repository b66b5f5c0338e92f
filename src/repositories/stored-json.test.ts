import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { readStoredJson, readStoredJsonOrNull, StoredDataError } from './stored-json.ts';

const schema = z.object({ n: z.number() });

test('stored JSON is decoded against its schema', () => {
  assert.deepEqual(readStoredJson(schema, '{"n":3}', 'count'), { n: 3 });
  assert.equal(readStoredJsonOrNull(schema, null, 'count'), null);
});

test('stored JSON that is not JSON or not of its shape fails, naming what was read', () => {
  assert.throws(
    () => readStoredJson(schema, '{"n":', 'count'),
    (e: unknown) => {
      return e instanceof StoredDataError && e.message === 'stored count cannot be read';
    },
  );
  assert.throws(() => readStoredJson(schema, '{"n":"3"}', 'count'), StoredDataError);
});
