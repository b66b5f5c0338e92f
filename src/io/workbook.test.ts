/**
 * The bounded workbook reader on XML as other programs than Excel write it (namespace prefixes,
 * missing cell references, inline strings, stored parts) and on shared strings, which are a bomb of
 * their own: a million tiny strings in a few hundred KB.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  main,
  manyCellsWorkbook,
  manySharedStringsWorkbook,
  workbookOf,
} from '../../test/support/workbook-bombs.ts';
import { tableFromBytes } from './table.ts';
import { readWorkbook } from './workbook.ts';

const sheet = (rows: string, prefix = '') =>
  `<?xml version="1.0"?><${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="${main}">` +
  `<${prefix}sheetData>${rows}</${prefix}sheetData></${prefix}worksheet>`;

const styles =
  `<styleSheet xmlns="${main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd;@"/></numFmts>` +
  '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"><alignment/></xf>' +
  '<xf numFmtId="10"/><xf numFmtId="3"/></cellXfs></styleSheet>';

describe('readWorkbook', () => {
  test('values of every cell type, shared and inline strings, entities, and cells without references', async () => {
    const shared =
      `<sst xmlns="${main}"><si><t>Åsa</t></si><si><r><t>Ö</t></r><r><rPr><b/></rPr><t xml:space="preserve">berg </t></r>` +
      '<rPh sb="0" eb="1"><t>ignored</t></rPh></si></sst>';
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>a &amp; b &#x41;&#66;</t></is></c></row>' +
      '<row r="3"><c t="b"><v>1</v></c><c t="str"><f>A1&amp;"x"</f><v>Åsax</v></c><c s="1"><v>29358</v></c>' +
      '<c s="2"><v>0.125</v></c><c s="3"><v>1234.5</v></c><c><f>1/0</f></c><c><v>0.30000000000000004</v></c></row>' +
      '<row r="4" spans="1:3"><c r="A4" s="1"/><c r="B4" t="e"><v>#DIV/0!</v></c></row>';
    const {
      sheet: name,
      rows: read,
      problem,
    } = await readWorkbook(workbookOf(sheet(rows), { sharedStringsXml: shared, styles }), 'w.xlsx');
    assert.equal(name, 'Blad1');
    assert.deepEqual(read, [
      { line: 1, cells: ['Åsa', 'Öberg ', '', 'a & b AB'] },
      { line: 3, cells: ['TRUE', 'Åsax', '1980-05-17', '12.5%', '1234.5', '', '0.3'] },
      { line: 4, cells: ['', '#DIV/0!'] },
    ]);
    assert.deepEqual(problem, { line: 4, column: 2, kind: 'error', value: '#DIV/0!' });
  });

  test('namespace prefixes, a stored (uncompressed) sheet and the 1904 date system', async () => {
    const rows =
      '<x:row r="2"><x:c r="B2" s="1"><x:v>0</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:t>z</x:t></x:is></x:c></x:row>';
    const bytes = workbookOf('', {
      storedSheet: sheet(rows, 'x:'),
      styles,
      workbookPr: '<workbookPr date1904="1"/>',
    });
    assert.deepEqual((await readWorkbook(bytes, 'w.xlsx')).rows, [
      { line: 2, cells: ['', '1904-01-01', 'z'] },
    ]);
  });

  test('a date-formatted number that is no date is reported, not thrown as a RangeError', async () => {
    const rows = '<row r="1"><c r="A1" s="1"><v>1E10</v></c><c r="B1" s="1"><v>-1</v></c></row>';
    const { problem } = await readWorkbook(workbookOf(sheet(rows), { styles }), 'w.xlsx');
    assert.deepEqual(problem, { line: 1, column: 1, kind: 'date', value: '1E10' });
  });

  test('a document type declaration (the way to entity bombs) makes the file unreadable', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>${sheet('<row><c t="inlineStr"><is><t>&b;</t></is></c></row>').slice(21)}`;
    await assert.rejects(readWorkbook(workbookOf(bomb), 'w.xlsx'), {
      code: 'bad-workbook',
      message: /^w\.xlsx: could not be opened as an Excel workbook/,
    });
  });

  test('a million shared strings in a small file are refused at the cell limit, within bounded memory', async () => {
    const bytes = manySharedStringsWorkbook(1_100_000);
    assert.ok(bytes.length < 1024 * 1024, `${bytes.length} bytes`);
    const peak = process.resourceUsage().maxRSS / 1024;
    await assert.rejects(readWorkbook(bytes, 'w.xlsx'), {
      code: 'too-many-cells-in-file',
      message: /^w\.xlsx: sheet "Blad1" has more than 1,000,000 cells with values/,
    });
    const grew = process.resourceUsage().maxRSS / 1024 - peak;
    assert.ok(grew < 150, `the peak resident size grew by ${Math.round(grew)} MB`);
  });

  test('a damaged file is refused, never read as a shorter table', async () => {
    const bytes = manyCellsWorkbook(100, 10);
    for (let at = 0; at < bytes.length; at += 7) {
      const copy = bytes.slice();
      for (let i = at; i < at + 4 && i < copy.length; i++) copy[i] ^= 0x5a;
      try {
        assert.equal((await tableFromBytes(copy, 'd.xlsx')).rows.length, 100, `damaged at ${at}`);
      } catch (error) {
        assert.equal((error as Error).name, 'InputError', `damaged at ${at}: ${error}`);
      }
    }
  });
});
