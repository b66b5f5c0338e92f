import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  csvDialectFor,
  csvField,
  csvFile,
  englishCsv,
  fixed,
  sameDialectAs,
  swedishCsv,
} from './csv-writer.ts';

test('text a spreadsheet would run as a formula is written as text', () => {
  for (const [cell, written] of [
    ["=cmd|' /C calc'!A0", `'=cmd|' /C calc'!A0`],
    ['+SUM(A1:A2)', "'+SUM(A1:A2)"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ] as const) {
    assert.equal(csvField(cell, englishCsv), written, cell);
    assert.equal(csvField(cell, swedishCsv), written, cell);
  }
});

test('numbers stay numbers: never guarded, with the dialect’s decimal sign', () => {
  assert.equal(csvField(-12, englishCsv), '-12');
  assert.equal(csvField(-12.5, swedishCsv), '-12,5');
  assert.equal(csvField(fixed(23.333, 1), englishCsv), '23.3');
  assert.equal(csvField(fixed(23.333, 1), swedishCsv), '23,3');
  assert.equal(csvField(fixed(50, 1), swedishCsv), '50,0');
  // Text that is a plain number is left alone too (a negative amount, a +46 phone number).
  assert.equal(csvField('-12', englishCsv), '-12');
  assert.equal(csvField('+46701234567', englishCsv), '+46701234567');
  assert.equal(csvField(Number.NaN, englishCsv), '');
  assert.equal(csvField(null, englishCsv), '');
});

test('RFC 4180 quoting: separators of either dialect, quotes, line breaks, edge spaces', () => {
  assert.equal(csvField('a,b', englishCsv), '"a,b"');
  assert.equal(csvField('Gränd 1; lgh 2', englishCsv), '"Gränd 1; lgh 2"');
  assert.equal(csvField('say "hi"', swedishCsv), '"say ""hi"""');
  assert.equal(csvField('two\r\nlines', swedishCsv), '"two\r\nlines"');
  assert.equal(csvField(' padded', englishCsv), '" padded"');
  assert.equal(csvField('Åsa Öberg', englishCsv), 'Åsa Öberg');
});

test('Swedish: semicolons, decimal comma, Swedish local time; English: commas, points, UTC; both with a BOM', () => {
  const at = new Date('2027-07-01T10:05:00Z');
  const rows = [['Kvinna', fixed(50.4, 1), 12, at]];
  assert.equal(
    csvFile(['svar', 'andel', 'antal', 'tid'], rows, csvDialectFor('sv')),
    '\uFEFFsvar;andel;antal;tid\r\nKvinna;50,4;12;2027-07-01 12:05:00\r\n',
  );
  assert.equal(
    csvFile(['answer', 'share', 'count', 'at'], rows, csvDialectFor('en')),
    '\uFEFFanswer,share,count,at\r\nKvinna,50.4,12,2027-07-01T10:05:00.000Z\r\n',
  );
  // Winter time is an hour ahead of UTC, summer time two.
  assert.match(csvFile(['t'], [[new Date('2027-01-15T10:05:00Z')]], swedishCsv), /2027-01-15 11:05:00/);
});

test('a file for the register it came from keeps its delimiter', () => {
  assert.equal(csvFile(['a', 'b'], [['1', '=2']], sameDialectAs('\t')), "\uFEFFa\tb\r\n1\t'=2\r\n");
});
