import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { sharedData } from '../../test/support/shared-data.ts';
import { hugeCellWorkbook, manyCellsWorkbook } from '../../test/support/workbook-bombs.ts';
import { findColumn, parseTable, readTable, requireColumn, tableFromBytes } from './table.ts';

const shared = (name: string) => sharedData('sortition', name);
const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/io/${name}`, import.meta.url));

describe('parseTable', () => {
  test('reads a comma-separated table with line numbers', () => {
    const table = parseTable('id,gender\np1,Female\np2,Male\n', 'pool.csv');
    assert.deepEqual(table, {
      file: 'pool.csv',
      headers: ['id', 'gender'],
      rows: [
        { line: 2, cells: ['p1', 'Female'] },
        { line: 3, cells: ['p2', 'Male'] },
      ],
    });
  });

  test('sniffs semicolons and tabs from the header line', () => {
    assert.deepEqual(parseTable('a;b\n1,5;2\n', 'x.csv').rows[0].cells, ['1,5', '2']);
    assert.deepEqual(parseTable('a\tb\n1;2\t3\n', 'x.tsv').rows[0].cells, ['1;2', '3']);
    // a header with both is ";"-separated with commas in its names (Swedish Excel)
    assert.deepEqual(parseTable('Ålder, år;Kön\n45;kvinna\n', 'x.csv').headers, ['Ålder, år', 'Kön']);
    assert.deepEqual(parseTable('"a;b",c\n1,2\n', 'x.csv').headers, ['a;b', 'c']);
  });

  test('keeps quoted delimiters and newlines, and numbers lines as an editor does', () => {
    const table = parseTable('id,note\r\n1,"two\r\nlines, and a comma"\r\n2,"x"\r\n\r\n3,y', 'n.csv');
    assert.deepEqual(
      table.rows.map((row) => [row.line, ...row.cells]),
      [
        [2, '1', 'two\r\nlines, and a comma'],
        [4, '2', 'x'],
        [6, '3', 'y'],
      ],
    );
  });

  test('trims cells and headers, drops empty rows and pads short rows', () => {
    const table = parseTable(' id , gender \n p1 , Female \n , \n\np2\n', 'p.csv');
    assert.deepEqual(table.headers, ['id', 'gender']);
    assert.deepEqual(table.rows, [
      { line: 2, cells: ['p1', 'Female'] },
      { line: 5, cells: ['p2', ''] },
    ]);
  });

  test('drops a trailing column that has neither a name nor data (spreadsheet export artefact)', () => {
    const table = parseTable('id,gender,,\np1,Female,,\np2,Male,,\n', 'p.csv');
    assert.deepEqual(table.headers, ['id', 'gender']);
    assert.deepEqual(table.rows[1].cells, ['p2', 'Male']);
  });

  test('strips a BOM', () => {
    assert.deepEqual(parseTable('\uFEFFid,x\n1,2\n', 'b.csv').headers, ['id', 'x']);
  });

  test('refuses an empty file and a header without rows', () => {
    assert.throws(() => parseTable('', 'e.csv'), { code: 'empty', message: /^e\.csv: the file is empty/ });
    assert.throws(() => parseTable('\n \n,,\n', 'e.csv'), { code: 'empty', message: /is empty/ });
    assert.throws(() => parseTable('id,gender\n\n', 'h.csv'), {
      code: 'no-rows',
      message: /^h\.csv: the file has a header but no rows; add one line per row/,
    });
  });

  test('refuses duplicate and empty header names, naming the column', () => {
    assert.throws(() => parseTable('id,Gender,age,gender\n1,a,b,c\n', 'd.csv'), {
      code: 'duplicate-column',
      message:
        /^d\.csv, line 1, column "gender": columns 2 and 4 are both called "gender".*rename or delete one/,
    });
    assert.throws(() => parseTable('id,,age\n1,a,b\n', 'u.csv'), {
      code: 'unnamed-column',
      message: /^u\.csv, line 1: column 2 of the header has no name; type a name for it or delete the column/,
    });
    // a trailing unnamed column that holds data is not an artefact
    assert.throws(() => parseTable('id,age,\n1,b,x\n', 'u.csv'), {
      code: 'unnamed-column',
      message: /column 3/,
    });
  });

  test('refuses a row with more cells than headers, naming the line', () => {
    assert.throws(() => parseTable('id,name\n1,a\n2,"b,c"\n3,d,e\n', 'w.csv'), {
      code: 'too-many-cells',
      message:
        /^w\.csv, line 4: this line has 3 cells but the header has 2 columns; .*put that value in double quotes/,
    });
    assert.throws(() => parseTable('a;b\n1;2;3\n', 'w.csv'), { message: /contains a ";"/ });
  });

  test('refuses an unclosed quote, naming the line where it starts', () => {
    assert.throws(() => parseTable('id,name\n1,a\n2,"b\n3,c\n', 'q.csv'), {
      code: 'bad-quotes',
      message: /^q\.csv, line 3: a quoted cell starts here but its closing quote \("\) is missing/,
    });
  });

  test('a cell of 10,000 characters is read; a longer one is refused naming the limit and the line', () => {
    assert.equal(parseTable(`id,note\n1,${'å'.repeat(10_000)}\n`, 'n.csv').rows[0].cells[1].length, 10_000);
    assert.throws(() => parseTable(`id,note\n1,x\n2,${'å'.repeat(10_001)}\n`, 'n.csv'), {
      code: 'cell-too-long',
      message: /^n\.csv, line 3: cell 2 of this line holds more than 10,000 characters, the most Lotta reads/,
    });
  });

  test('a value beyond column 200 is refused naming the limit', () => {
    const header = Array.from({ length: 201 }, (_, i) => `c${i + 1}`).join(',');
    assert.throws(() => parseTable(`${header}\n1\n`, 'w.csv'), {
      code: 'too-many-columns',
      message: /^w\.csv, line 1: this line has a value in column 201, but Lotta reads at most 200 columns/,
    });
  });

  test('more than 1,000,000 cells or 200,000 lines are refused naming the limit', () => {
    const row = Array.from({ length: 100 }, () => '1').join(',');
    const cells = `${row}\n`.repeat(10_001);
    assert.throws(() => parseTable(cells, 'c.csv'), {
      code: 'too-many-cells-in-file',
      message: /^c\.csv: the file has more than 1,000,000 cells with values, the most Lotta reads/,
    });
    assert.throws(() => parseTable(`id\n${'1\n'.repeat(200_000)}`, 'r.csv'), {
      code: 'too-many-rows',
      message: /^r\.csv: the file has more than 200,000 lines with values, the most Lotta reads/,
    });
  });
});

describe('findColumn and requireColumn', () => {
  const table = parseTable('ID,Gender\n1,a\n', 't.csv');
  test('match case-insensitively after trimming', () => {
    assert.equal(findColumn(table, ' gender '), 1);
    assert.equal(findColumn(table, 'age'), -1);
  });
  test('a missing column lists the columns there are', () => {
    assert.throws(() => requireColumn(table, 'age', 'needed for the feature "age"', 'Add it.'), {
      code: 'missing-column',
      message:
        /^t\.csv: there is no column "age" \(needed for the feature "age"\)\. The columns are: ID, Gender\. Add it\./,
    });
  });
});

describe('readTable on files', () => {
  test('candidates.csv: 13 columns and 150 people', async () => {
    const table = await readTable(shared('sortition-algorithms/candidates.csv'));
    assert.equal(table.headers.length, 13);
    assert.equal(table.headers[0], 'nationbuilder_id');
    assert.equal(table.rows.length, 150);
    assert.deepEqual(table.rows[0].cells.slice(0, 2), ['p0', 'first_name0']);
    assert.equal(table.rows[149].line, 151);
  });

  test('Categories_csv_example.csv: the all-empty line is dropped, the notes stay', async () => {
    const table = await readTable(shared('opendlp/Categories_csv_example.csv'));
    assert.deepEqual(table.headers, ['category', 'name', 'min', 'max', 'Notes']);
    assert.equal(table.rows.length, 23);
    assert.deepEqual(table.rows[17].cells, [
      'colour_bucket',
      'Red',
      '4',
      '20',
      '"Soft targets" for inclusion',
    ]);
    assert.deepEqual(
      table.rows.slice(-2).map((row) => row.line),
      [24, 25],
    );
  });

  test('example_large_200 respondents: 2000 rows without a trailing newline', async () => {
    const table = await readTable(shared('replication/example_large_200/respondents.csv'));
    assert.deepEqual(table.headers, ['gender', 'leaning']);
    assert.equal(table.rows.length, 2000);
    assert.equal(table.rows[1999].line, 2001);
  });

  test('a semicolon file with a BOM, åäö and quoted newlines', async () => {
    const table = await readTable(fixture('pool-semicolon-bom.csv'));
    assert.deepEqual(table.headers, ['id', 'namn', 'kön', 'län', 'ålder']);
    assert.deepEqual(
      table.rows.map((row) => [row.line, row.cells[1]]),
      [
        [2, 'Åsa Öberg'],
        [3, 'Per; "Pelle" Ärlig'],
        [4, 'Örjan\nStrand'],
        [7, 'Märta'],
      ],
    );
    assert.equal(table.rows[0].cells[3], 'Västra Götaland');
  });

  test('Latin-1 bytes fail naming the line and the column, and say to save as UTF-8', async () => {
    await assert.rejects(readTable(fixture('pool-latin1.csv')), {
      name: 'InputError',
      code: 'not-utf8',
      message:
        /pool-latin1\.csv, line 3, column "name": byte 0xF6 is not UTF-8 \(in Windows-1252\/Latin-1 it would be "ö"\)\. Save the file as UTF-8/,
    });
  });

  test('an empty file and a header-only file', async () => {
    await assert.rejects(readTable(fixture('empty.csv')), {
      code: 'empty',
      message: /empty\.csv: the file is empty/,
    });
    await assert.rejects(readTable(fixture('header-only.csv')), {
      code: 'no-rows',
      message: /header-only\.csv: the file has a header but no rows/,
    });
  });

  test('an unquoted comma shifts the cells and is reported', async () => {
    await assert.rejects(readTable(fixture('pool-unquoted-comma.csv')), {
      code: 'too-many-cells',
      message: /pool-unquoted-comma\.csv, line 3: this line has 4 cells but the header has 3 columns/,
    });
  });

  test('a missing file is an InputError, not a crash', async () => {
    await assert.rejects(readTable(fixture('no-such-file.csv')), {
      name: 'InputError',
      code: 'not-found',
      message: /no-such-file\.csv: the file does not exist; check the path/,
    });
  });

  test('UTF-16 with a BOM (Excel "Unicode text") is read', async () => {
    const text = '\uFEFFid\tkön\n1\tkvinna\n';
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
    const table = await tableFromBytes(bytes, 'unicode.txt');
    assert.deepEqual(table.headers, ['id', 'kön']);
    assert.deepEqual(table.rows[0].cells, ['1', 'kvinna']);
  });

  test('a workbook saved under a .csv name is recognised', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xff]);
    await assert.rejects(tableFromBytes(bytes, 'pool.csv'), {
      code: 'workbook-as-text',
      message: /pool\.csv: looks like an Excel workbook.*\.xlsx/,
    });
  });

  test('old .xls files are refused with advice', async () => {
    await assert.rejects(tableFromBytes(new Uint8Array([1, 2, 3]), 'pool.xls'), {
      code: 'unsupported-format',
      message: /pool\.xls: \.xls files cannot be read; save the sheet as \.xlsx/,
    });
  });
});

describe('readTable on .xlsx', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lotta-io-table-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function writeWorkbook(name: string, fill: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    fill(workbook.addWorksheet('Pool'));
    workbook.addWorksheet('Other').addRow(['not', 'read']);
    const path = join(dir, name);
    await workbook.xlsx.writeFile(path);
    return path;
  }

  test('turns cell values into the text a person sees', async () => {
    const path = await writeWorkbook('pool.xlsx', (sheet) => {
      sheet.addRow([' id ', 'age', 'born', 'share', 'double', 'name', 'site', 'member', 'ratio']);
      sheet.addRow([
        ' p1 ',
        45,
        new Date(Date.UTC(1979, 4, 17)),
        0.125,
        { formula: 'B2*2', result: 90 },
        { richText: [{ text: 'Åsa ' }, { text: 'Öberg', font: { bold: true } }] },
        { text: 'home', hyperlink: 'https://example.org' },
        true,
        0.1 + 0.2,
      ]);
      sheet.getCell('D2').numFmt = '0.0%';
      sheet.addRow([]);
      sheet.addRow(['p2', 30.0]);
      sheet.getCell('K6').font = { bold: true }; // formatted only: not a cell
    });
    const table = await readTable(path);
    assert.equal(table.file, path);
    assert.deepEqual(table.headers, [
      'id',
      'age',
      'born',
      'share',
      'double',
      'name',
      'site',
      'member',
      'ratio',
    ]);
    assert.deepEqual(table.rows, [
      { line: 2, cells: ['p1', '45', '1979-05-17', '12.5%', '90', 'Åsa Öberg', 'home', 'TRUE', '0.3'] },
      { line: 4, cells: ['p2', '30', '', '', '', '', '', '', ''] },
    ]);
  });

  test('an error cell is reported with its line and column', async () => {
    const path = await writeWorkbook('errors.xlsx', (sheet) => {
      sheet.addRow(['id', 'gender']);
      sheet.addRow(['p1', 'Female']);
      sheet.addRow(['p2', { formula: 'VLOOKUP(A3,X:Y,2)', result: { error: '#N/A' } }]);
    });
    await assert.rejects(readTable(path), {
      code: 'cell-error',
      message:
        /errors\.xlsx, line 3, column "gender": the cell shows the error #N\/A; fix the formula or type the value in/,
    });
  });

  test('data to the right of the header is refused', async () => {
    const path = await writeWorkbook('wide.xlsx', (sheet) => {
      sheet.addRow(['id', 'gender']);
      sheet.addRow(['p1', 'Female', 'stray']);
    });
    await assert.rejects(readTable(path), {
      code: 'too-many-cells',
      message: /wide\.xlsx, line 2: this line has 3 cells but the header has 2 columns; delete the cells/,
    });
  });

  test('an empty workbook and a broken one', async () => {
    const empty = await writeWorkbook('empty.xlsx', () => {});
    await assert.rejects(readTable(empty), { code: 'empty', message: /empty\.xlsx: the file is empty/ });
    const broken = join(dir, 'broken.xlsx');
    await writeFile(broken, 'id,gender\n1,Female\n');
    await assert.rejects(readTable(broken), {
      code: 'bad-workbook',
      message: /broken\.xlsx: could not be opened as an Excel workbook; open it in Excel and save it again/,
    });
  });
  test('a date-formatted cell holding a number that is no date names the sheet, line and column', async () => {
    const path = await writeWorkbook('dates.xlsx', (sheet) => {
      sheet.addRow(['id', 'born', 'ignored']);
      sheet.addRow(['p1', new Date(Date.UTC(1979, 4, 17)), 'x']);
      sheet.addRow(['p2', new Date(Date.UTC(1980, 0, 1)), 1e10]);
      sheet.getCell('C3').numFmt = 'yyyy-mm-dd';
    });
    await assert.rejects(readTable(path), {
      name: 'InputError',
      code: 'bad-date',
      message:
        /dates\.xlsx, line 3, column "ignored": cell C3 of sheet "Pool" is formatted as a date but holds 10000000000, which is no date/,
    });
  });

  test('a cell of 10,000 characters is read, one of 10,001 is refused naming the limit', async () => {
    const fits = await writeWorkbook('fits.xlsx', (sheet) => {
      sheet.addRow(['id', 'note']);
      sheet.addRow(['p1', 'å'.repeat(10_000)]);
    });
    assert.equal((await readTable(fits)).rows[0].cells[1].length, 10_000);
    const long = await writeWorkbook('long.xlsx', (sheet) => {
      sheet.addRow(['id', 'note']);
      sheet.addRow(['p1', 'å'.repeat(10_001)]);
    });
    await assert.rejects(readTable(long), {
      code: 'cell-too-long',
      message: /long\.xlsx, line 2: a cell \(cell B2 of sheet "Pool"\) holds more than 10,000 characters/,
    });
  });

  test('a value beyond column 200 is refused naming the limit', async () => {
    const path = await writeWorkbook('wide-limit.xlsx', (sheet) => {
      sheet.addRow(['id']);
      sheet.getCell(2, 201).value = 'far';
    });
    await assert.rejects(readTable(path), {
      code: 'too-many-columns',
      message:
        /wide-limit\.xlsx, line 2: cell GS2 of sheet "Pool" has a value, but Lotta reads at most 200 columns/,
    });
  });
});

/**
 * The workbooks of issue 8. Memory is measured as the growth of the process's peak resident size,
 * which catches a spike however short; before the bounded reader these took gigabytes.
 */
describe('readTable on workbooks that unpack to far more than they weigh', () => {
  const peakMegabytes = () => process.resourceUsage().maxRSS / 1024;

  async function refusedWithin(bytes: Uint8Array, expected: { code: string; message: RegExp }) {
    const peak = peakMegabytes();
    const started = Date.now();
    await assert.rejects(tableFromBytes(bytes, 'bomb.xlsx'), { name: 'InputError', ...expected });
    const grew = peakMegabytes() - peak;
    assert.ok(grew < 150, `the peak resident size grew by ${Math.round(grew)} MB`);
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  }

  test('one 400 MB cell in a small file is refused from the zip directory', async () => {
    const bytes = hugeCellWorkbook(400);
    assert.ok(bytes.length < 1024 * 1024, `the bomb weighs ${bytes.length} bytes`);
    await refusedWithin(bytes, {
      code: 'workbook-too-large',
      message: /^bomb\.xlsx: the workbook unpacks to more than 200 MB, the most Lotta reads/,
    });
  });

  test('the same cell behind a zip directory that lies about its size is stopped while streaming', async () => {
    await refusedWithin(hugeCellWorkbook(400, true), {
      code: 'cell-too-long',
      message: /^bomb\.xlsx, line 2: a cell \(cell B2 of sheet "Blad1"\) holds more than 10,000 characters/,
    });
  });

  test('a million tiny cells in a few MB are refused at the cell limit', async () => {
    const bytes = manyCellsWorkbook(11_000, 100);
    assert.ok(bytes.length < 5 * 1024 * 1024, `the bomb weighs ${bytes.length} bytes`);
    await refusedWithin(bytes, {
      code: 'too-many-cells-in-file',
      message: /^bomb\.xlsx: sheet "Blad1" has more than 1,000,000 cells with values, the most Lotta reads/,
    });
  });

  test('a large but reasonable sheet is read: 5,000 rows of 100 columns', async () => {
    const table = await tableFromBytes(manyCellsWorkbook(5_000, 100), 'big.xlsx');
    assert.equal(table.rows.length, 5_000);
    assert.equal(table.headers.length, 100);
    assert.equal(table.rows[4_999].cells[99], String(5_001 % 10));
  });
});
