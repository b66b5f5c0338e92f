import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../sortition/model.ts';
import {
  MAX_LISTED_PROBLEMS,
  RegisterError,
  type RegisterLayout,
  readRegister,
  readRegisterLayout,
  readRegisterRows,
} from './register-reader.ts';

let dir: string;
let counter = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotta-register-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(content: string | Uint8Array): Promise<string> {
  const path = join(dir, `register-${counter++}.csv`);
  await writeFile(path, content);
  return path;
}

interface ReadRow {
  line: number;
  offset: number;
  cells: string[];
}

/** Everything the reader reports, with every cell decoded. */
async function readAll(
  path: string,
  chunkBytes?: number,
): Promise<{ layout: RegisterLayout; rows: ReadRow[]; rowsRead: number }> {
  let layout: RegisterLayout | undefined;
  const rows: ReadRow[] = [];
  const result = await readRegister(
    path,
    {
      header(found) {
        layout = found;
      },
      row(row) {
        const cells = (layout as RegisterLayout).columns.map((_, i) => row.text(i));
        rows.push({ line: row.line, offset: row.offset, cells });
      },
    },
    chunkBytes,
  );
  return { layout: result.layout, rows, rowsRead: result.rowsRead };
}

async function problemsOf(content: string | Uint8Array): Promise<RegisterError> {
  const path = await fileWith(content);
  const error = await readAll(path).then(
    () => assert.fail('the register should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof RegisterError, `expected a RegisterError, got ${error}`);
  return error;
}

describe('reading a register extract', () => {
  test('comma, semicolon and tab files give the same rows; a BOM and CRLF make no difference', async () => {
    const expected = [
      ['Anna Öberg', 'Storgatan 1', '111 22'],
      ['Bo Åberg', 'Västra vägen 2', '333 44'],
    ];
    for (const [delimiter, bom, eol] of [
      [',', '', '\n'],
      [';', '\uFEFF', '\r\n'],
      ['\t', '\uFEFF', '\n'],
    ] as const) {
      const text = `${bom}namn${delimiter}adress${delimiter}postnummer${eol}${expected.map((r) => r.join(delimiter)).join(eol)}${eol}`;
      const { layout, rows } = await readAll(await fileWith(text));
      assert.equal(layout.delimiter, delimiter);
      assert.deepEqual(layout.columns, ['namn', 'adress', 'postnummer']);
      assert.deepEqual(
        rows.map((r) => r.cells),
        expected,
      );
      assert.deepEqual(
        rows.map((r) => r.line),
        [2, 3],
      );
    }
  });

  test('quoted cells keep delimiters, doubled quotes and line breaks, and later rows keep their line numbers', async () => {
    const text =
      'namn;adress;kommun\r\n' +
      '"Öberg; Anna";"Storgatan 1\r\nc/o ""Åsa"" Berg";Malmö\r\n' +
      '\r\n' +
      'Bo;"Ängsvägen 2\nlgh 1101";Lund\n' +
      ';;\n' +
      'Ce;Åsgatan 3;Göteborg';
    const { rows, rowsRead } = await readAll(await fileWith(text));
    assert.deepEqual(
      rows.map((r) => [r.line, ...r.cells]),
      [
        [2, 'Öberg; Anna', 'Storgatan 1\r\nc/o "Åsa" Berg', 'Malmö'],
        [5, 'Bo', 'Ängsvägen 2\nlgh 1101', 'Lund'],
        [8, 'Ce', 'Åsgatan 3', 'Göteborg'],
      ],
    );
    assert.equal(rowsRead, 3, 'blank lines and lines of bare delimiters are not rows');
  });

  test('tiny chunks put boundaries inside quotes, CRLF pairs and multi-byte letters without changing anything', async () => {
    const text =
      '\uFEFFnamn,adress,ort\r\n"Ström, Åke","Ö ""1""\r\nB",Örebro\r\nÄnna,"x",Å\r\n"Ö",ä,""\r\nlast,row,ö';
    const path = await fileWith(text);
    const whole = await readAll(path);
    for (const chunk of [1, 2, 3, 5, 7, 11]) {
      const small = await readAll(path, chunk);
      assert.deepEqual(small.rows, whole.rows, `chunks of ${chunk} bytes`);
    }
    assert.equal(whole.rows.length, 4);
    assert.deepEqual(whole.rows[0].cells, ['Ström, Åke', 'Ö "1"\r\nB', 'Örebro']);
    assert.deepEqual(whole.rows[3].cells, ['last', 'row', 'ö']);
  });

  test('random tables survive writing and reading at random chunk sizes', async () => {
    const cellText = fc.string({
      unit: fc.constantFrom('a', 'Ö', 'å', ' ', ',', ';', '\t', '"', '\n', '\r', 'x', '€', '😀'),
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(',', ';', '\t'),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(cellText, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 1, max: 40 }),
        async (delimiter, width, table, eol, chunk) => {
          const rows = table
            .map((row) => row.slice(0, width))
            .filter((row) => row.some((cell) => cell !== ''));
          const quote = (cell: string) =>
            /[,;\t"\r\n]/.test(cell) || cell === '' ? `"${cell.replaceAll('"', '""')}"` : cell;
          const header = Array.from({ length: width }, (_, i) => `c${i}`);
          const text = [header, ...rows].map((row) => row.map(quote).join(delimiter)).join(eol) + eol;
          const { rows: read } = await readAll(await fileWith(text), chunk);
          assert.deepEqual(
            read.map((r) => r.cells),
            rows,
          );
        },
      ),
      { numRuns: 60, seed: 20241127 },
    );
  });

  test('rows read again by their offsets give the same cells, in any order', async () => {
    const text = 'namn,adress\n"Anna, A","Storgatan 1\nlgh 2"\nBo,Åsgatan 2\nCe,"Ö ""3"""\n';
    const path = await fileWith(text);
    const { layout, rows } = await readAll(path);
    const offsets = rows.map((r) => r.offset).reverse();
    const again = await readRegisterRows(layout, offsets);
    assert.deepEqual(again, rows.map((r) => r.cells).reverse());
  });

  test('reading the rows again notices a file that changed in between', async () => {
    const path = await fileWith('namn,adress\nAnna,Storgatan 1\n');
    const { layout, rows } = await readAll(path);
    await writeFile(path, 'namn,adress\nAnna,Storgatan 1\nBo,Åsgatan 2\n');
    await assert.rejects(readRegisterRows(layout, [rows[0].offset]), /changed while it was being read/);
  });

  test('the layout alone comes from the header', async () => {
    const layout = await readRegisterLayout(await fileWith('\uFEFFa;b;c\n1;2;3\n'));
    assert.deepEqual(layout.columns, ['a', 'b', 'c']);
    assert.equal(layout.delimiter, ';');
  });
});

describe('broken registers are refused as a whole, with line numbers', () => {
  test('rows with too many or too few cells are listed, and no row reaches the caller after the first problem', async () => {
    const text =
      'namn,adress,kommun\nAnna,Storgatan 1,Malmö\nBo,Åsgatan, 2,Lund\nCe,Lund\nDo,Ängsvägen 3,Lund\n';
    const path = await fileWith(text);
    const seen: number[] = [];
    const error = await readRegister(path, {
      header() {},
      row(row) {
        seen.push(row.line);
      },
    }).then(
      () => assert.fail('should be refused'),
      (e: unknown) => e as RegisterError,
    );
    assert.ok(error instanceof RegisterError);
    assert.ok(error instanceof InputError, 'interfaces catch it as an InputError');
    assert.equal(error.total, 2);
    assert.deepEqual(
      error.problems.map((p) => p.line),
      [3, 4],
    );
    assert.match(error.problems[0].message, /4 cells but the header has 3 columns.*","/);
    assert.match(error.problems[1].message, /2 cells but the header has 3 columns/);
    assert.match(error.message, /2 rows cannot be read, so nothing was drawn/);
    assert.match(error.message, /line 3: /);
    assert.deepEqual(seen, [2], 'rows before the first problem were seen, none after it');
  });

  test('a quote that never closes is reported on the line where it opens', async () => {
    const error = await problemsOf('namn,adress\nAnna,Storgatan 1\nBo,"Åsgatan 2\nCe,Lund\n');
    assert.equal(error.problems.length, 1);
    assert.equal(error.problems[0].line, 3);
    assert.equal(error.problems[0].column, 'adress');
    assert.match(error.problems[0].message, /closing quote/);
  });

  test('text after a closing quote is named with its column', async () => {
    const error = await problemsOf('namn,adress\n"Anna" A,Storgatan 1\n');
    assert.equal(error.problems[0].line, 2);
    assert.equal(error.problems[0].column, 'namn');
    assert.match(error.problems[0].message, /text after its closing quote/);
  });

  test('bytes that are not UTF-8 are located by line and column and named as Windows-1252', async () => {
    const bytes = Buffer.concat([
      Buffer.from('namn;adress;kommun\nAnna;Storgatan 1;Malm'),
      Buffer.from([0xf6]),
      Buffer.from('\nBo;'),
      Buffer.from([0xc5]),
      Buffer.from('sgatan 2;Lund\n'),
    ]);
    const error = await problemsOf(bytes);
    assert.deepEqual(
      error.problems.map((p) => [p.line, p.column]),
      [
        [2, 'kommun'],
        [3, 'adress'],
      ],
    );
    assert.match(error.problems[0].message, /0xF6 is not UTF-8 .*"ö".*CSV UTF-8/);
  });

  test('only the first problems are listed; the message counts the rest', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `Person ${i},only two`);
    const error = await problemsOf(`namn,adress,kommun\n${rows.join('\n')}\n`);
    assert.equal(error.total, 30);
    assert.equal(error.problems.length, MAX_LISTED_PROBLEMS);
    assert.match(error.message, /… and 10 more\./);
  });

  test('files that are not CSV registers say what they are and what to do', async () => {
    const cases: [string | Uint8Array, RegExp][] = [
      ['', /empty/],
      ['\n\n', /empty/],
      ['namn,adress\n', /header but no rows/],
      [Buffer.from('\uFEFFnamn', 'utf16le'), /UTF-16/],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), /Excel workbook/],
      ['namn,,adress\nA,B,C\n', /column 2 of the header has no name/],
      ['namn,Namn\nA,B\n', /both called "namn"/],
    ];
    for (const [content, message] of cases) {
      const path = await fileWith(content);
      await assert.rejects(readAll(path), (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, message);
        assert.ok(error.message.startsWith(path), 'the message names the file');
        return true;
      });
    }
    await assert.rejects(readAll(join(dir, 'missing.csv')), /does not exist/);
    await assert.rejects(readAll(dir), /folder/);
  });

  test('trailing unnamed header columns (a spreadsheet artefact) are ignored while they stay empty', async () => {
    const { layout, rows } = await readAll(
      await fileWith('namn,adress,,\nAnna,Storgatan 1,,\nBo,Åsgatan 2\n'),
    );
    assert.deepEqual(layout.columns, ['namn', 'adress']);
    assert.equal(rows.length, 2);
    const error = await problemsOf('namn,adress,,\nAnna,Storgatan 1,,x\n');
    assert.match(error.problems[0].message, /no name in the header/);
  });
});
