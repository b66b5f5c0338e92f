/**
 * Reads the first sheet of an `.xlsx` workbook as rows of cell texts, within `inputLimits`.
 *
 * A workbook is a zip of XML files, and a small zip can unpack to gigabytes (one 400 MB cell in a
 * 409 KB file, or a million tiny cells in 2.8 MB). Loading it whole (as exceljs does) costs memory
 * in proportion to what it unpacks to, before anything can be checked. So this reader first reads
 * the zip's table of contents (number of parts and their declared sizes) and refuses a file over
 * the limits there; then it unpacks only the parts it needs, as a stream, counting the bytes that
 * really come out (a declared size can lie), and reads the XML as it arrives, counting rows, cells
 * and characters and stopping at the first limit crossed. Memory stays in proportion to the table
 * that is kept, never to the unpacked file.
 */
import { Readable } from 'node:stream';
import zlib, { createInflateRaw } from 'node:zlib';
import { shorten } from '../sortition/echo.ts';
import { formatBytes, formatLimit, inputLimits } from './limits.ts';
import { inputError } from './location.ts';

export interface WorkbookRow {
  /** The row number in the sheet. */
  line: number;
  /** Cell texts from column A on; empty cells are ''. */
  cells: string[];
}

/** A cell that cannot be turned into text: an error value, or a date number that is no date. */
export interface CellProblem {
  line: number;
  /** 1-based column number. */
  column: number;
  kind: 'error' | 'date';
  /** The error (`#N/A`) or the number as written. */
  value: string;
}

export interface WorkbookSheet {
  /** The name of the sheet as shown on its tab. */
  sheet: string;
  rows: WorkbookRow[];
  /** The first problem cell, if any; reported by the caller once it knows the column names. */
  problem?: CellProblem;
}

// --- The zip -------------------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** A broken or unusual zip: the caller tells the person to save the file again from Excel. */
class NotAWorkbook extends Error {}

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) + bytes[at + 3] * 0x1000000;
}

/** The zip's central directory: every part's name and sizes, read without unpacking anything. */
function readDirectory(bytes: Uint8Array, file: string): Map<string, ZipEntry> {
  // The end record is in the last 22 bytes plus a comment of at most 65,535 bytes.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new NotAWorkbook();
  const count = u16(bytes, end + 10);
  const directorySize = u32(bytes, end + 12);
  const directoryOffset = u32(bytes, end + 16);
  // ZIP64 (marked by all-ones fields) is only needed above 4 GB or 65,535 parts: far over the limits.
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    throw tooManyEntries(file);
  }
  if (count > inputLimits.workbookEntries) throw tooManyEntries(file);
  if (directoryOffset + directorySize > end) throw new NotAWorkbook();
  const entries = new Map<string, ZipEntry>();
  let declared = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(bytes, at) !== 0x02014b50) throw new NotAWorkbook();
    const nameLength = u16(bytes, at + 28);
    const entry: ZipEntry = {
      method: u16(bytes, at + 10),
      crc: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      localOffset: u32(bytes, at + 42),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw tooBig(file);
    declared += entry.size;
    if (declared > inputLimits.workbookUnpackedBytes) throw tooBig(file);
    entries.set(entry.name, entry);
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return entries;
}

function tooManyEntries(file: string) {
  return inputError(
    { file },
    `the workbook holds more than ${formatLimit(inputLimits.workbookEntries)} parts, the most Lotta reads; ` +
      'copy the sheet into a new workbook and save that, or save it as "CSV UTF-8".',
    'workbook-too-large',
    { context: 'parts', limit: inputLimits.workbookEntries },
  );
}

function tooBig(file: string) {
  return inputError(
    { file },
    `the workbook unpacks to more than ${formatBytes(inputLimits.workbookUnpackedBytes)}, the most Lotta reads; ` +
      'delete what is not needed (other sheets, pictures) or save the sheet as "CSV UTF-8".',
    'workbook-too-large',
    { context: 'bytes', megabytes: Math.round(inputLimits.workbookUnpackedBytes / (1024 * 1024)) },
  );
}

/** Counts what all parts unpack to, so that a part whose declared size lies is still stopped. */
interface Budget {
  left: number;
}

/** Unpacks one part as a stream of text chunks, stopping when the budget is spent. */
async function* unpack(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: Budget,
  file: string,
): AsyncGenerator<string> {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) throw new NotAWorkbook();
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new NotAWorkbook();
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + start, entry.compressedSize);
  const decoder = new TextDecoder('utf-8');
  // A damaged file must not read as a shorter table: the size and checksum of what comes out are
  // compared with the zip directory's.
  let crc = 0;
  let size = 0;
  const take = (chunk: Buffer) => {
    budget.left -= chunk.length;
    if (budget.left < 0) throw tooBig(file);
    size += chunk.length;
    if (checksum) crc = checksum(chunk, crc);
    return decoder.decode(chunk, { stream: true });
  };
  if (entry.method === 0) {
    // Stored parts are already in memory; slicing them keeps the XML reader's steps small.
    for (let i = 0; i < data.length; i += 65536) yield take(data.subarray(i, i + 65536));
  } else if (entry.method === 8) {
    const inflater = Readable.from([data], { objectMode: false }).pipe(createInflateRaw());
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) yield take(chunk);
    } catch (error) {
      if (error instanceof Error && 'code' in error && String(error.code).startsWith('Z_')) {
        throw new NotAWorkbook();
      }
      throw error;
    } finally {
      inflater.destroy();
    }
  } else {
    throw new NotAWorkbook();
  }
  if (size !== entry.size || (checksum && crc >>> 0 !== entry.crc)) throw new NotAWorkbook();
  yield decoder.decode();
}

// zlib.crc32 came with Node 20.15; without it the size check alone has to do.
const checksum: ((data: Buffer, value: number) => number) | undefined = (
  zlib as { crc32?: (data: Buffer, value: number) => number }
).crc32;

// --- The XML -------------------------------------------------------------------------------------

interface XmlHandler {
  open(name: string, attributes: Map<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name[0] !== '#') return entities[name] ?? whole;
    const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

// Names lose their namespace prefix: Excel writes `<c>`, others `<x:c>`, and both mean the same.
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

const attributePattern = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/**
 * A small streaming reader for the XML that Excel writes: elements, attributes, text, entities,
 * comments, CDATA and processing instructions. A document type declaration is refused, since it
 * is the way to entity bombs and a workbook has none. Nothing it holds between chunks is longer
 * than `maxRun` characters, so one endless text or tag cannot grow it without bound.
 */
class XmlStream {
  private pending = '';

  constructor(
    private readonly handler: XmlHandler,
    private readonly maxRun: number,
    private readonly tooLong: () => Error,
  ) {}

  push(chunk: string): void {
    const buffer = this.pending + chunk;
    let at = 0;
    for (;;) {
      const lt = buffer.indexOf('<', at);
      if (lt < 0) break;
      if (lt > at) this.handler.text(decodeEntities(buffer.slice(at, lt)));
      at = lt;
      const next = this.token(buffer, lt);
      if (next < 0) break;
      at = next;
    }
    this.pending = buffer.slice(at);
    if (this.pending.length > this.maxRun) throw this.tooLong();
  }

  end(): void {
    if (this.pending.trim() !== '') throw new NotAWorkbook();
  }

  /** Handles the markup at `lt`; returns where it ends, or -1 when it is not complete yet. */
  private token(buffer: string, lt: number): number {
    const second = buffer[lt + 1];
    if (second === undefined) return -1;
    if (second === '?') {
      const close = buffer.indexOf('?>', lt);
      return close < 0 ? -1 : close + 2;
    }
    if (second === '!') {
      if (buffer.startsWith('<!--', lt)) {
        const close = buffer.indexOf('-->', lt);
        return close < 0 ? -1 : close + 3;
      }
      if (buffer.startsWith('<![CDATA[', lt)) {
        const close = buffer.indexOf(']]>', lt);
        if (close < 0) return -1;
        this.handler.text(buffer.slice(lt + 9, close));
        return close + 3;
      }
      if (buffer.length - lt < 9) return -1;
      throw new NotAWorkbook();
    }
    // Attribute values may hold '>', so the end of the tag is the first '>' outside quotes.
    let quote = '';
    let i = lt + 1;
    for (; i < buffer.length; i++) {
      const char = buffer[i];
      if (quote) {
        if (char === quote) quote = '';
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '>') break;
    }
    if (i >= buffer.length) return -1;
    const inside = buffer.slice(lt + 1, i);
    if (inside[0] === '/') {
      this.handler.close(localName(inside.slice(1).trim()));
      return i + 1;
    }
    const selfClosing = inside.endsWith('/');
    const body = selfClosing ? inside.slice(0, -1) : inside;
    const nameEnd = body.search(/[\s]/);
    const name = localName(nameEnd < 0 ? body : body.slice(0, nameEnd));
    const attributes = new Map<string, string>();
    if (nameEnd >= 0) {
      for (const match of body.slice(nameEnd).matchAll(attributePattern)) {
        attributes.set(match[1], decodeEntities(match[3] ?? match[4] ?? ''));
      }
    }
    this.handler.open(name, attributes);
    if (selfClosing) this.handler.close(name);
    return i + 1;
  }
}

/** Reads a part through `handler`; a missing part is an empty document. */
async function readPart(
  bytes: Uint8Array,
  entry: ZipEntry | undefined,
  handler: XmlHandler,
  budget: Budget,
  file: string,
  tooLong: () => Error,
): Promise<void> {
  if (!entry) return;
  // Escapes can make the XML of one cell up to ten times longer than its text (`&#x1F600;`).
  const xml = new XmlStream(handler, inputLimits.cellCharacters * 10 + 1024, tooLong);
  for await (const chunk of unpack(bytes, entry, budget, file)) xml.push(chunk);
  xml.end();
}

function attribute(attributes: Map<string, string>, name: string): string | undefined {
  for (const [key, value] of attributes) if (localName(key) === name) return value;
  return undefined;
}

// --- The workbook --------------------------------------------------------------------------------

/** Where a relationship target points, relative to the part that names it. */
function resolve(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

function relationsOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relation {
  type: string;
  target: string;
}

function relationsHandler(into: Map<string, Relation>): XmlHandler {
  return {
    open(name, attributes) {
      if (name !== 'Relationship') return;
      const id = attributes.get('Id');
      const target = attributes.get('Target');
      if (id && target && attributes.get('TargetMode') !== 'External') {
        into.set(id, { type: attributes.get('Type') ?? '', target });
      }
    },
    close() {},
    text() {},
  };
}

// Excel's built-in number formats that show a date or a time, or a percentage. Others are custom
// and written out in styles.xml.
const builtInFormats: Record<number, string> = {
  9: '0%',
  10: '0.00%',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

/** How a cell style shows a number: as a date, as a percentage or as it is. */
type Display = 'date' | 'percent' | 'plain';

function displayOf(format: string | undefined): Display {
  if (!format) return 'plain';
  // Colours and locales in [], literal text in "", and escaped characters do not make a date.
  const bare = format
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  if (/[ymdhs]/i.test(bare.replace(/General/gi, ''))) return 'date';
  return format.includes('%') ? 'percent' : 'plain';
}

function stylesHandler(into: Display[]): XmlHandler {
  const custom = new Map<number, string>();
  let inCellXfs = 0;
  let depth = 0;
  return {
    open(name, attributes) {
      depth++;
      if (name === 'numFmt') {
        const id = Number(attributes.get('numFmtId'));
        custom.set(id, attributes.get('formatCode') ?? '');
      } else if (name === 'cellXfs') inCellXfs = depth;
      else if (name === 'xf' && inCellXfs > 0 && depth === inCellXfs + 1) {
        const id = Number(attributes.get('numFmtId') ?? 0);
        into.push(displayOf(custom.get(id) ?? builtInFormats[id]));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = 0;
      depth--;
    },
    text() {},
  };
}

/**
 * Gathers the text of `<t>` elements (skipping the phonetic guides in `<rPh>`), bounded by the
 * cell length, for shared strings and inline strings alike.
 */
class RunText {
  text = '';
  /** Set when the text passed the cell length and the rest was dropped; `onTooLong` says what then. */
  overflowed = false;
  private inT = 0;
  private inPhonetic = 0;

  constructor(private readonly onTooLong?: () => Error) {}

  open(name: string): void {
    if (name === 't') this.inT++;
    else if (name === 'rPh') this.inPhonetic++;
  }

  close(name: string): void {
    if (name === 't') this.inT--;
    else if (name === 'rPh') this.inPhonetic--;
  }

  add(text: string): void {
    if (this.inT === 0 || this.inPhonetic > 0 || this.overflowed) return;
    this.text += text;
    if (this.text.length > inputLimits.cellCharacters) {
      if (this.onTooLong) throw this.onTooLong();
      this.overflowed = true;
      this.text = '';
    }
  }
}

/**
 * Collects the shared strings; one that is too long is kept as null, so that the cell using it can
 * be named in the message (a string no cell uses does no harm).
 */
function sharedStringsHandler(into: (string | null)[], tooMany: () => Error): XmlHandler {
  let current: RunText | undefined;
  return {
    open(name) {
      if (name === 'si') {
        if (into.length >= inputLimits.cells) throw tooMany();
        current = new RunText();
      } else current?.open(name);
    },
    close(name) {
      if (name === 'si' && current) {
        into.push(current.overflowed ? null : current.text);
        current = undefined;
      } else current?.close(name);
    },
    text(text) {
      current?.add(text);
    },
  };
}

/** `AB12` → 28: the column number of a cell reference. */
function columnNumber(reference: string): number {
  let column = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column;
}

/** `28` → `AB`: a column as Excel names it, for messages about cells outside the table. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

// Excel counts days from 1899-12-30 (or 1904-01-01); 2958465 is 9999-12-31, the last day it shows.
const excelEpochDays = 25569;
const lastExcelDay = 2958465;

/** The text of a date cell: an ISO date, with the time when there is one; undefined when it is no date. */
function dateText(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > lastExcelDay + 1) return undefined;
  const millis = Math.round((serial - excelEpochDays + (date1904 ? 1462 : 0)) * 86_400_000);
  const iso = new Date(millis).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

// Excel stores doubles, so 0.1 + 0.2 arrives as 0.30000000000000004; 15 significant digits is
// what Excel itself displays.
function numberText(value: number): string {
  return String(Number.isInteger(value) ? value : Number(value.toPrecision(15)));
}

interface CellState {
  column: number;
  style: number;
  type: string;
  value: string;
  inValue: boolean;
  inline?: RunText;
}

/** Reads the first sheet of the workbook in `bytes`, within `inputLimits`. */
export async function readWorkbook(bytes: Uint8Array, file: string): Promise<WorkbookSheet> {
  try {
    return await readSheet(bytes, file);
  } catch (error) {
    if (error instanceof NotAWorkbook) {
      throw inputError(
        { file },
        'could not be opened as an Excel workbook; open it in Excel and save it again as .xlsx, or as "CSV UTF-8".',
        'bad-workbook',
      );
    }
    throw error;
  }
}

async function readSheet(bytes: Uint8Array, file: string): Promise<WorkbookSheet> {
  const entries = readDirectory(bytes, file);
  const budget: Budget = { left: inputLimits.workbookUnpackedBytes };
  const find = (name: string) => {
    const exact = entries.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const [key, entry] of entries) if (key.toLowerCase() === lower) return entry;
    return undefined;
  };
  let sheetName = '';
  // A part that another part points to must be there; only the relationship lists may be missing.
  const read = (part: string | undefined, handler: XmlHandler, tooLong = () => longCell(file, sheetName)) => {
    const entry = part === undefined ? undefined : find(part);
    if (part !== undefined && !entry && !part.endsWith('.rels')) throw new NotAWorkbook();
    return readPart(bytes, entry, handler, budget, file, tooLong);
  };

  const root = new Map<string, Relation>();
  await read('_rels/.rels', relationsHandler(root));
  const office = [...root.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPart = office ? resolve('', office.target) : 'xl/workbook.xml';
  if (!find(workbookPart)) throw new NotAWorkbook();

  let sheetId: string | undefined;
  let date1904 = false;
  await read(workbookPart, {
    open(name, attributes) {
      if (name === 'workbookPr') {
        const value = attributes.get('date1904');
        date1904 = value === '1' || value === 'true';
      } else if (name === 'sheet' && sheetId === undefined) {
        sheetId = attribute(attributes, 'id');
        sheetName = shorten(attributes.get('name') ?? '');
      }
    },
    close() {},
    text() {},
  });
  const relations = new Map<string, Relation>();
  await read(relationsOf(workbookPart), relationsHandler(relations));
  const related = (type: string) => {
    const relation = [...relations.values()].find((r) => r.type.endsWith(type));
    return relation ? resolve(workbookPart, relation.target) : undefined;
  };
  const sheetRelation = sheetId === undefined ? undefined : relations.get(sheetId);
  // A workbook without sheets reads as an empty table, which the caller reports as empty.
  if (!sheetRelation) return { sheet: sheetName, rows: [] };

  const shared: (string | null)[] = [];
  await read(
    related('/sharedStrings'),
    sharedStringsHandler(shared, () => tooManyCells(file, sheetName)),
  );
  const displays: Display[] = [];
  await read(related('/styles'), stylesHandler(displays));

  const rows: WorkbookRow[] = [];
  let problem: CellProblem | undefined;
  let cellCount = 0;
  let line = 0;
  let cells: string[] | undefined;
  let cell: CellState | undefined;
  let lastColumn = 0;
  let inSheetData = false;
  const tooLong = () => longCell(file, sheetName, line, cell?.column);

  const finishCell = (c: CellState) => {
    let text = '';
    const value = c.value;
    if (c.type === 'inlineStr') text = c.inline?.text ?? '';
    else if (value === '') text = '';
    else if (c.type === 's') {
      const string = shared[Number.parseInt(value, 10)];
      if (string === null) throw tooLong();
      text = string ?? '';
    } else if (c.type === 'str') text = value;
    else if (c.type === 'b') text = Number.parseInt(value, 10) !== 0 ? 'TRUE' : 'FALSE';
    else if (c.type === 'e') {
      problem ??= { line, column: c.column, kind: 'error', value: shorten(value) };
      text = value;
    } else if (c.type === 'd') text = value;
    else {
      const number = Number(value);
      const display = displays[c.style] ?? 'plain';
      if (!Number.isFinite(number)) text = value;
      else if (display === 'date') {
        const date = dateText(number, date1904);
        if (date === undefined) problem ??= { line, column: c.column, kind: 'date', value: shorten(value) };
        text = date ?? value;
      } else if (display === 'percent') text = `${numberText(number * 100)}%`;
      else text = numberText(number);
    }
    if (text.length > inputLimits.cellCharacters) throw tooLong();
    if (text.trim() === '' || !cells) return;
    if (c.column > inputLimits.columns) throw tooWide(file, sheetName, line, c.column);
    cellCount++;
    if (cellCount > inputLimits.cells) throw tooManyCells(file, sheetName);
    while (cells.length < c.column - 1) cells.push('');
    cells[c.column - 1] = text;
  };

  const sheetHandler: XmlHandler = {
    open(name, attributes) {
      if (name === 'sheetData') inSheetData = true;
      if (!inSheetData) return;
      if (name === 'row') {
        const r = Number.parseInt(attributes.get('r') ?? '', 10);
        line = Number.isInteger(r) && r > line ? r : line + 1;
        cells = [];
        lastColumn = 0;
      } else if (name === 'c') {
        // A cell without a reference is the one after the previous cell, empty or not.
        const reference = attributes.get('r');
        const column = reference ? columnNumber(reference) : 0;
        lastColumn = column > 0 ? column : lastColumn + 1;
        cell = {
          column: lastColumn,
          style: Number(attributes.get('s') ?? 0),
          type: attributes.get('t') ?? 'n',
          value: '',
          inValue: false,
        };
      } else if (cell) {
        if (name === 'v') cell.inValue = true;
        else if (name === 'is') cell.inline = new RunText(tooLong);
        else cell.inline?.open(name);
      }
    },
    close(name) {
      if (name === 'sheetData') inSheetData = false;
      if (!inSheetData && name !== 'sheetData') return;
      if (name === 'c' && cell) {
        finishCell(cell);
        cell = undefined;
      } else if (name === 'row' && cells) {
        if (cells.length > 0) {
          if (rows.length >= inputLimits.rows) throw tooManyRows(file, sheetName);
          rows.push({ line, cells });
        }
        cells = undefined;
      } else if (cell) {
        if (name === 'v') cell.inValue = false;
        else cell.inline?.close(name);
      }
    },
    text(text) {
      if (!cell) return;
      if (cell.inValue) {
        cell.value += text;
        if (cell.value.length > inputLimits.cellCharacters) throw tooLong();
      } else cell.inline?.add(text);
    },
  };
  await read(resolve(workbookPart, sheetRelation.target), sheetHandler, tooLong);
  return { sheet: sheetName, rows, problem };
}

function inSheet(sheet: string): string {
  return sheet === '' ? 'the first sheet' : `sheet "${sheet}"`;
}

/** The translation's context (`reader.<code>_first_sheet` or `_sheet`) and the sheet's name. */
function sheetParams(sheet: string): { context: string; sheet: string } {
  return { context: sheet === '' ? 'first_sheet' : 'sheet', sheet };
}

function longCell(file: string, sheet: string, line?: number, column?: number) {
  const where = line && column ? ` (cell ${columnLetters(column)}${line} of ${inSheet(sheet)})` : '';
  return inputError(
    { file, line },
    `a cell${where} holds more than ${formatLimit(inputLimits.cellCharacters)} characters, the most Lotta reads ` +
      'in one cell; shorten it or delete it.',
    'cell-too-long',
    line && column
      ? { ...sheetParams(sheet), cell: `${columnLetters(column)}${line}`, limit: inputLimits.cellCharacters }
      : { context: 'workbook', limit: inputLimits.cellCharacters },
  );
}

function tooManyCells(file: string, sheet: string) {
  return inputError(
    { file },
    `${inSheet(sheet)} has more than ${formatLimit(inputLimits.cells)} cells with values, the most Lotta reads; ` +
      'delete the columns and rows that are not needed.',
    'too-many-cells-in-file',
    { ...sheetParams(sheet), limit: inputLimits.cells },
  );
}

function tooManyRows(file: string, sheet: string) {
  return inputError(
    { file },
    `${inSheet(sheet)} has more than ${formatLimit(inputLimits.rows)} rows with values, the most Lotta reads; ` +
      'split the file or delete the rows that are not needed.',
    'too-many-rows',
    { ...sheetParams(sheet), limit: inputLimits.rows },
  );
}

function tooWide(file: string, sheet: string, line: number, column: number) {
  return inputError(
    { file, line },
    `cell ${columnLetters(column)}${line} of ${inSheet(sheet)} has a value, but Lotta reads at most ` +
      `${formatLimit(inputLimits.columns)} columns (up to ${columnLetters(inputLimits.columns)}); ` +
      'delete what is to the right of the table.',
    'too-many-columns',
    {
      ...sheetParams(sheet),
      cell: `${columnLetters(column)}${line}`,
      limit: inputLimits.columns,
      last: columnLetters(inputLimits.columns),
    },
  );
}
