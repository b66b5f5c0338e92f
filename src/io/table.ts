import { extname } from 'node:path';
import Papa from 'papaparse';
import { shorten } from '../sortition/echo.ts';
import type { InputError } from '../sortition/model.ts';
import { formatLimit, inputLimits } from './limits.ts';
import { inputError } from './location.ts';
import { countLineBreaks, decodeText, readInputBytes } from './text-file.ts';
import { columnLetters, readWorkbook } from './workbook.ts';

export interface TableRow {
  /** 1-based line in the file (row number in the sheet) where the row starts; the header is line 1. */
  line: number;
  /** Trimmed cell texts, exactly as many as there are headers. */
  cells: string[];
}

/** A spreadsheet as the readers see it: named columns of text, whatever the file format was. */
export interface Table {
  file: string;
  /** Trimmed, non-empty and unique when case is ignored. */
  headers: string[];
  /** Rows with at least one non-empty cell. */
  rows: TableRow[];
}

/** Reads a `.xlsx` workbook (its first sheet) or a delimited UTF-8 text file. */
export async function readTable(path: string): Promise<Table> {
  return tableFromBytes(await readInputBytes(path), path);
}

/** As `readTable`, for bytes already in memory (an upload); `file` names the file and its format. */
export async function tableFromBytes(bytes: Uint8Array, file: string): Promise<Table> {
  const extension = extname(file).toLowerCase();
  if (extension === '.xlsx' || extension === '.xlsm') return parseWorkbook(bytes, file);
  if (['.xls', '.ods', '.numbers'].includes(extension)) {
    throw inputError(
      { file },
      `${extension} files cannot be read; save the sheet as .xlsx or as "CSV UTF-8".`,
      'unsupported-format',
      { extension },
    );
  }
  return parseTable(decodeText(bytes, file, columnOfPosition), file);
}

/**
 * Parses delimited text (`;`, `,` or tab, sniffed from the header line), row by row, stopping at the
 * first row past `inputLimits` so that a crafted file never becomes more than the limits in memory.
 */
export function parseTable(text: string, file: string): Table {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const delimiter = sniffDelimiter(content);
  // Papaparse does not say where a row starts, but every row ends with one line break and
  // quoted cells keep theirs, so counting them gives the line of each row.
  const rows: TableRow[] = [];
  let line = 1;
  let filled = 0;
  let kept = 0;
  let failure: InputError | undefined;
  Papa.parse<string[]>(content, {
    delimiter,
    skipEmptyLines: false,
    step: (result, parser) => {
      const cells = result.data;
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        const message =
          quoteError.code === 'MissingQuotes'
            ? 'a quoted cell starts here but its closing quote (") is missing; add it or remove the opening quote.'
            : 'a quoted cell has text after its closing quote ("); put the whole cell in quotes and double any quote inside it ("").';
        failure = inputError({ file, line }, message, 'bad-quotes', {
          context: quoteError.code === 'MissingQuotes' ? 'unclosed' : 'text_after',
        });
      } else {
        let values = 0;
        cells.forEach((cell, i) => {
          if (failure || cell.trim() === '') return;
          values++;
          if (cell.length > inputLimits.cellCharacters) failure = textCellTooLong(file, line, i + 1);
          else if (i >= inputLimits.columns) failure = textTooWide(file, line, i + 1);
        });
        filled += values;
        if (values > 0) kept++;
        if (!failure && filled > inputLimits.cells) failure = textTooManyCells(file);
        if (!failure && kept > inputLimits.rows) failure = textTooManyRows(file);
      }
      if (failure) {
        parser.abort();
        return;
      }
      rows.push({ line, cells });
      line += 1 + cells.reduce((breaks, cell) => breaks + countLineBreaks(cell), 0);
    },
  });
  if (failure) throw failure;
  const name = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  return buildTable(file, rows, {
    advice: `a value probably contains a ${name}; put that value in double quotes or remove the extra ${name}.`,
    context: delimiter === '\t' ? 'tab' : 'delimiter',
    delimiter,
  });
}

function textCellTooLong(file: string, line: number, column: number) {
  return inputError(
    { file, line },
    `cell ${column} of this line holds more than ${formatLimit(inputLimits.cellCharacters)} characters, ` +
      'the most Lotta reads in one cell; shorten it, or look for a quote (") that is never closed.',
    'cell-too-long',
    { context: 'text', column, limit: inputLimits.cellCharacters },
  );
}

function textTooWide(file: string, line: number, column: number) {
  return inputError(
    { file, line },
    `this line has a value in column ${column}, but Lotta reads at most ${formatLimit(inputLimits.columns)} ` +
      'columns; delete the columns that are not needed.',
    'too-many-columns',
    { context: 'text', column, limit: inputLimits.columns },
  );
}

function textTooManyCells(file: string) {
  return inputError(
    { file },
    `the file has more than ${formatLimit(inputLimits.cells)} cells with values, the most Lotta reads; ` +
      'delete the columns and rows that are not needed.',
    'too-many-cells-in-file',
    { context: 'text', limit: inputLimits.cells },
  );
}

function textTooManyRows(file: string) {
  return inputError(
    { file },
    `the file has more than ${formatLimit(inputLimits.rows)} lines with values, the most Lotta reads; ` +
      'split the file or delete the lines that are not needed.',
    'too-many-rows',
    { context: 'text', limit: inputLimits.rows },
  );
}

/** Index of the column called `name` (trimmed, case ignored), or -1. */
export function findColumn(table: Table, name: string): number {
  const wanted = name.trim().toLowerCase();
  return table.headers.findIndex((header) => header.toLowerCase() === wanted);
}

/**
 * As `findColumn`, but a missing column is an error that lists the columns there are, since the
 * usual cause is a spelling difference between two files.
 */
export function requireColumn(table: Table, name: string, role: string, advice: string): number {
  const index = findColumn(table, name);
  if (index >= 0) return index;
  throw inputError(
    { file: table.file },
    `there is no column "${shorten(name.trim())}" (${role}). The columns are: ${columnList(table.headers)}. ${advice}`,
    'missing-column',
    // The role and the advice are the caller's English; a translation names the column and the columns.
    { name: name.trim(), columns: table.headers.join(', ') },
  );
}

/** The headers for a message: each shortened, and the first 30 of them with a count of the rest. */
function columnList(headers: string[]): string {
  const shown = headers.slice(0, 30).map(shorten).join(', ');
  return headers.length > 30 ? `${shown} and ${headers.length - 30} more` : shown;
}

// Swedish Excel writes ";" because "," is its decimal separator, so a header that has both is
// taken to be ";"-separated with commas inside names. Counting ignores quoted text.
function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([
    ['\t', 0],
    [';', 0],
    [',', 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  let most = 0;
  for (const [delimiter, count] of counts) {
    if (count > most) {
      best = delimiter;
      most = count;
    }
  }
  return best;
}

// Used only to place a bad byte: `before` is the decodable text in front of it, so the last row
// Papaparse finds there is the row the byte is in, and its last cell the column.
function columnOfPosition(before: string, whole: string): string | undefined {
  const delimiter = sniffDelimiter(whole);
  const rows = Papa.parse<string[]>(before, { delimiter }).data;
  if (rows.length <= 1) return undefined; // still in the header
  const cells = rows[rows.length - 1];
  const headers = Papa.parse<string[]>(whole, { delimiter, preview: 1 }).data[0] ?? [];
  return headers[cells.length - 1]?.trim() || undefined;
}

/**
 * Shared by CSV and XLSX: the first non-empty row is the header. `tooManyCells` says what to do
 * about a row that is wider than the header, which depends on the format.
 */
function buildTable(
  file: string,
  rawRows: TableRow[],
  tooManyCells: { advice: string; context: string; delimiter?: string },
): Table {
  const rows = rawRows
    .map(({ line, cells }) => ({ line, cells: cells.map((cell) => cell.trim()) }))
    .filter(({ cells }) => cells.some((cell) => cell !== ''));
  const header = rows.shift();
  if (!header)
    throw inputError({ file }, 'the file is empty; it needs a header line and one line per row.', 'empty');
  const width = header.cells.length;
  // Spreadsheets export columns that were once formatted as trailing empty cells on every line;
  // such a column has no name and no data, so it is dropped instead of being reported.
  let named = width;
  while (
    named > 0 &&
    header.cells[named - 1] === '' &&
    rows.every((row) => (row.cells[named - 1] ?? '') === '')
  ) {
    named--;
  }
  const headers = header.cells.slice(0, named);
  const seen = new Map<string, number>();
  headers.forEach((name, i) => {
    if (name === '') {
      throw inputError(
        { file, line: header.line },
        `column ${i + 1} of the header has no name; type a name for it or delete the column.`,
        'unnamed-column',
        { position: i + 1 },
      );
    }
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      throw inputError(
        { file, line: header.line, column: name },
        `columns ${earlier + 1} and ${i + 1} are both called "${shorten(name)}"` +
          `${headers[earlier] === name ? '' : ` (ignoring case: "${shorten(headers[earlier])}")`}; rename or delete one of them.`,
        'duplicate-column',
        { first: earlier + 1, second: i + 1, name },
      );
    }
    seen.set(name.toLowerCase(), i);
  });
  if (rows.length === 0) {
    throw inputError(
      { file },
      'the file has a header but no rows; add one line per row below the header.',
      'no-rows',
    );
  }
  for (const row of rows) {
    if (row.cells.length > width) {
      throw inputError(
        { file, line: row.line },
        `this line has ${row.cells.length} cells but the header has ${headers.length} columns; ${tooManyCells.advice}`,
        'too-many-cells',
        {
          cells: row.cells.length,
          columns: headers.length,
          context: tooManyCells.context,
          delimiter: tooManyCells.delimiter ?? '',
        },
      );
    }
    row.cells = row.cells.slice(0, named);
    while (row.cells.length < named) row.cells.push('');
  }
  return { file, headers, rows };
}

async function parseWorkbook(bytes: Uint8Array, file: string): Promise<Table> {
  const { sheet, rows, problem } = await readWorkbook(bytes, file);
  const table = buildTable(file, rows, {
    advice: 'delete the cells to the right of the last column, or give them a header.',
    context: 'sheet',
  });
  if (problem) {
    const where = {
      file,
      line: problem.line,
      column: table.headers[problem.column - 1] ?? `number ${problem.column}`,
    };
    if (problem.kind === 'error') {
      throw inputError(
        where,
        `the cell shows the error ${problem.value}; fix the formula or type the value in.`,
        'cell-error',
        { error: problem.value },
      );
    }
    const cell = `${columnLetters(problem.column)}${problem.line}`;
    throw inputError(
      where,
      `cell ${cell} of ${sheet === '' ? 'the first sheet' : `sheet "${sheet}"`} is formatted as a date but holds ` +
        `${problem.value}, which is no date (Excel's dates run from 1900 to 9999); type the date again, ` +
        'or format the cell as a number or as text.',
      'bad-date',
      { context: sheet === '' ? 'first_sheet' : 'sheet', cell, sheet, value: problem.value },
    );
  }
  return table;
}
