import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineNumbers } from './line-numbers.ts';

test('line numbers come back for every row, whether they shift rarely or on every row', () => {
  for (const shiftEvery of [0, 7, 1]) {
    const lines = new LineNumbers();
    const expected: number[] = [];
    let line = 2;
    for (let row = 0; row < 250_000; row++) {
      expected.push(line);
      lines.add(line);
      line += shiftEvery > 0 && row % shiftEvery === 0 ? 3 : 1;
    }
    for (const row of [0, 1, 2, 6, 7, 8, 99_999, 100_000, 100_001, 249_999]) {
      assert.equal(lines.lineOf(row), expected[row], `row ${row}, shift every ${shiftEvery}`);
    }
  }
});
