import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { inputError } from './location.ts';
import { countLineBreaks, decodeText, readInputBytes } from './text-file.ts';

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

/** Parses delimited text (`;`, `,` or tab, sniffed from the header line). */
export function parseTable(text: string, file: string): Table {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const delimiter = sniffDelimiter(content);
  const parsed = Papa.parse<string[]>(content, { delimiter, skipEmptyLines: false });
  // Papaparse does not say where a row starts, but every row ends with one line break and
  // quoted cells keep theirs, so counting them gives the line of each row.
  const rows: TableRow[] = [];
  let line = 1;
  for (const cells of parsed.data) {
    rows.push({ line, cells });
    line += 1 + cells.reduce((breaks, cell) => breaks + countLineBreaks(cell), 0);
  }
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const at = rows[quoteError.row ?? 0]?.line;
    const message =
      quoteError.code === 'MissingQuotes'
        ? 'a quoted cell starts here but its closing quote (") is missing; add it or remove the opening quote.'
        : 'a quoted cell has text after its closing quote ("); put the whole cell in quotes and double any quote inside it ("").';
    const context = quoteError.code === 'MissingQuotes' ? 'unclosed' : 'text_after';
    throw inputError({ file, line: at }, message, 'bad-quotes', { context });
  }
  const name = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  return buildTable(file, rows, {
    advice: `a value probably contains a ${name}; put that value in double quotes or remove the extra ${name}.`,
    context: delimiter === '\t' ? 'tab' : 'delimiter',
    delimiter,
  });
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
    `there is no column "${name.trim()}" (${role}). The columns are: ${table.headers.join(', ')}. ${advice}`,
    'missing-column',
    // The role and the advice are the caller's English; a translation names the column and the columns.
    { name: name.trim(), columns: table.headers.join(', ') },
  );
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
        `columns ${earlier + 1} and ${i + 1} are both called "${name}"` +
          `${headers[earlier] === name ? '' : ` (ignoring case: "${headers[earlier]}")`}; rename or delete one of them.`,
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
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; a copy is the simplest way to get one of exactly these bytes.
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch {
    throw inputError(
      { file },
      'could not be opened as an Excel workbook; open it in Excel and save it again as .xlsx, or as "CSV UTF-8".',
      'bad-workbook',
    );
  }
  const sheet = workbook.worksheets[0];
  const rows: TableRow[] = [];
  const errors: { line: number; column: number; error: string }[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) {
      const cell = row.getCell(column);
      const error = cellError(cell.value);
      if (error) errors.push({ line, column, error });
      cells.push(error ?? cellText(cell.value, cell.numFmt));
    }
    // A cell that is only formatted is not a cell the person typed.
    while (cells.length > 0 && cells[cells.length - 1].trim() === '') cells.pop();
    rows.push({ line, cells });
  });
  const table = buildTable(file, rows, {
    advice: 'delete the cells to the right of the last column, or give them a header.',
    context: 'sheet',
  });
  const [first] = errors;
  if (first) {
    const name = table.headers[first.column - 1] ?? `number ${first.column}`;
    throw inputError(
      { file, line: first.line, column: name },
      `the cell shows the error ${first.error}; fix the formula or type the value in.`,
      'cell-error',
      { error: first.error },
    );
  }
  return table;
}

type Value = ExcelJS.CellValue;

function cellError(value: Value): string | undefined {
  if (value === null || typeof value !== 'object' || value instanceof Date) return undefined;
  if ('error' in value) return value.error;
  if (
    'result' in value &&
    value.result !== null &&
    typeof value.result === 'object' &&
    'error' in value.result
  ) {
    return value.result.error;
  }
  return undefined;
}

/** The text a person sees in the cell: numbers without a trailing ".0", dates as ISO dates. */
function cellText(value: Value, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    // A cell formatted as a percentage holds 0.125 but shows 12.5%; the person means what they see.
    return numFmt?.includes('%') ? `${numberText(value * 100)}%` : numberText(value);
  }
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return richText(value);
  if ('hyperlink' in value) return linkText(value.text);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date))
      ? ''
      : cellText(result, numFmt);
  }
  return '';
}

// Excel stores doubles, so 0.1 + 0.2 arrives as 0.30000000000000004; 15 significant digits is
// what Excel itself displays.
function numberText(value: number): string {
  return String(Number.isInteger(value) ? value : Number(value.toPrecision(15)));
}

// Excel dates carry no time zone; exceljs hands them over as UTC, so the UTC fields are the ones typed.
function dateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

function richText(value: ExcelJS.CellRichTextValue): string {
  return value.richText.map((run) => run.text).join('');
}

// exceljs types the text of a link as a string, but a formatted link arrives as rich text.
function linkText(text: unknown): string {
  if (typeof text === 'string') return text;
  if (text !== null && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) {
    return text.richText
      .map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : ''))
      .join('');
  }
  return '';
}
