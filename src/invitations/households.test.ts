import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { HouseholdHasher, householdKeyText } from './households.ts';

/** Cells laid out in one buffer the way the register reader hands them over (quoted cells raw). */
function row(cells: readonly string[], quoted = false) {
  const raw = cells.map((cell) => (quoted ? cell.replaceAll('"', '""') : cell));
  const bytes = Buffer.from(raw.join('\u0000'), 'utf8');
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const cell of raw) {
    const length = Buffer.byteLength(cell, 'utf8');
    starts.push(at);
    ends.push(at + length);
    at += length + 1;
  }
  return {
    bytes,
    start: (i: number) => starts[i],
    end: (i: number) => ends[i],
    text: (i: number) => cells[i],
  };
}

const SEED = 'household test seed';

describe('household keys', () => {
  test('spellings of one address are one household; other addresses are not', () => {
    const hasher = new HouseholdHasher(SEED);
    const same = [
      ['Storgatan 12 B', '111 22'],
      ['STORGATAN 12 b.', '111 22'],
      ['  storgatan  12-b ', ' 111  22'],
      ['Storgatan 12, B', '111 22'],
    ];
    const hashes = same.map((cells) => hasher.hashParts(cells));
    assert.equal(new Set(hashes).size, 1);
    const others = [
      ['Storgatan 12 C', '111 22'],
      ['Storgatan 12 B', '111 23'],
      ['Storgatan 12', 'B 111 22'],
      ['Storg. 12 B', '111 22'],
    ];
    for (const cells of others) assert.notEqual(hasher.hashParts(cells), hashes[0], cells.join(' / '));
  });

  test('å typed as one character or as a + combining ring is the same household', () => {
    const hasher = new HouseholdHasher(SEED);
    assert.equal(hasher.hashParts(['Åsgatan 3']), hasher.hashParts(['A\u030Asgatan 3']));
    assert.equal(hasher.hashParts(['Åsgatan 3']), hasher.hashParts(['åsgatan 3']));
  });

  test('the byte path used for millions of rows agrees with the text path on any text', () => {
    const hasher = new HouseholdHasher(SEED);
    const unit = fc.constantFrom(
      'a',
      'Z',
      '1',
      ' ',
      '.',
      ',',
      '-',
      '"',
      '\t',
      'å',
      'Ä',
      'ö',
      'É',
      'ß',
      '×',
      'ÿ',
      '\u00A0',
      '\u030A',
      'Ａ',
      '¹',
      '€',
      '😀',
      'İ',
      '\u2013',
      '\u0000',
    );
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit, maxLength: 12 }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (cells, quoted) => {
          const source = row(cells, quoted);
          const columns = cells.map((_, i) => i);
          assert.equal(hasher.hashCells(source, columns), hasher.hashParts(cells));
        },
      ),
      { numRuns: 2000, seed: 4 },
    );
  });

  test('a row whose address cells are all blank has no household key', () => {
    const hasher = new HouseholdHasher(SEED);
    assert.equal(hasher.hashParts(['', ' ']), null);
    assert.equal(hasher.hashParts([' .,- ', '']), null);
    assert.equal(hasher.hashCells(row(['', ' - ']), [0, 1]), null);
    assert.notEqual(hasher.hashParts(['', '111 22']), null, 'a partly blank address still counts');
    assert.equal(householdKeyText(['', ' ']), null);
  });

  test('address parts do not run into each other', () => {
    const hasher = new HouseholdHasher(SEED);
    assert.notEqual(hasher.hashParts(['Storgatan 1', '2']), hasher.hashParts(['Storgatan', '1 2']));
    assert.notEqual(hasher.hashParts(['ab', '']), hasher.hashParts(['', 'ab']));
  });

  test('hashes are 53-bit integers that depend on the seed', () => {
    const one = new HouseholdHasher('seed one');
    const two = new HouseholdHasher('seed two');
    for (const address of ['Storgatan 1', 'Åsgatan 2', 'x']) {
      const hash = one.hashParts([address]) as number;
      assert.ok(Number.isSafeInteger(hash) && hash >= 0);
      assert.notEqual(hash, two.hashParts([address]));
    }
    const rows = new Set(Array.from({ length: 1000 }, (_, line) => one.hashRow(line + 2)));
    assert.equal(rows.size, 1000, 'every row of its own is a household of its own');
  });

  test('hashes spread evenly (the draw uses them as random priorities)', () => {
    const hasher = new HouseholdHasher('spread');
    const bins = new Array(16).fill(0);
    const n = 16_000;
    for (let i = 0; i < n; i++)
      bins[Math.floor(((hasher.hashParts([`Storgatan ${i}`]) as number) / 2 ** 53) * 16)]++;
    // Chi-square with 15 degrees of freedom: 37.7 is the 0.1 % quantile.
    const expected = n / 16;
    const chi2 = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    assert.ok(chi2 < 37.7, `chi-square ${chi2.toFixed(1)} over bins ${bins.join(', ')}`);
  });

  test('the key text behind invite codes is the normalised address', () => {
    assert.equal(householdKeyText(['STORGATAN 12 b.', ' 111  22']), '["storgatan 12 b","111 22"]');
  });
});
