import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseKeep, readKeep } from './keep.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/io/${name}`, import.meta.url));

test('reads ids, skipping comments, blank lines and an id header', async () => {
  assert.deepEqual(await readKeep(fixture('keep.txt')), ['p3', 'p17', 'p42']);
});

test('an id may contain "#" when it does not follow a space', () => {
  assert.deepEqual(parseKeep('\uFEFFID\r\nflat#2\r\n  p9  \r\n', 'k.txt'), ['flat#2', 'p9']);
  // "id" is only a header on the first line with an id
  assert.deepEqual(parseKeep('p1\nid\n', 'k.txt'), ['p1', 'id']);
  assert.deepEqual(parseKeep('', 'k.txt'), []);
});

test('a duplicate id names both lines', async () => {
  await assert.rejects(readKeep(fixture('keep-duplicate.txt')), {
    name: 'InputError',
    code: 'duplicate-id',
    message: /keep-duplicate\.txt, line 4: the id "p3" is also on line 1; remove one of the two lines/,
  });
});

test('ids are bounded: at most 200,000, each at most 10,000 characters; blank lines cost nothing', () => {
  assert.deepEqual(parseKeep(`${'\n'.repeat(5_000_000)}p1\n`, 'k.txt'), ['p1']);
  assert.throws(() => parseKeep(Array.from({ length: 200_001 }, (_, i) => `p${i}`).join('\n'), 'k.txt'), {
    code: 'too-many-rows',
    message: /^k\.txt, line 200001: the file lists more than 200,000 ids, the most Lotta reads/,
  });
  assert.throws(() => parseKeep(`p1\n${'x'.repeat(10_001)}\n`, 'k.txt'), {
    code: 'cell-too-long',
    message: /^k\.txt, line 2: the id holds more than 10,000 characters/,
  });
});
