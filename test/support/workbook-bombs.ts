/**
 * Small `.xlsx` files that unpack to a lot: the workbooks of issue 8 (one 400 MB cell in a few
 * hundred KB; a million tiny cells in a few MB), built in memory so that no big file is committed.
 * The sheet XML is deflated piece by piece with a sync flush after each piece, so that a repeated
 * megabyte is compressed once and its bytes reused: building a bomb never holds what it unpacks to.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

interface Part {
  name: string;
  /** Deflated data (raw deflate, ending with a final block). */
  data: Buffer;
  crc: number;
  size: number;
  /** A size to write into the zip instead of the real one: a lying table of contents. */
  declaredSize?: number;
  /** Not compressed (zip method 0). */
  stored?: boolean;
}

/** Deflates a part given as pieces; a piece repeated `times` is compressed once. */
function deflatePieces(pieces: { text: string | Buffer; times?: number }[]): Omit<Part, 'name'> {
  const blocks: Buffer[] = [];
  let crc = 0;
  let size = 0;
  for (const { text, times = 1 } of pieces) {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    const block = deflateRawSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
    for (let i = 0; i < times; i++) {
      blocks.push(block);
      crc = crc32(bytes, crc);
      size += bytes.length;
    }
  }
  blocks.push(deflateRawSync(Buffer.alloc(0))); // the final, empty block
  return { data: Buffer.concat(blocks), crc, size };
}

function zip(parts: Part[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const size = part.declaredSize ?? part.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.stored ? 0 : 8, 8); // stored or deflated
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(part.stored ? 0 : 8, 10);
    entry.writeUInt32LE(part.crc >>> 0, 16);
    entry.writeUInt32LE(part.data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    central.push(entry, name);
    offset += 30 + name.length + part.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** SpreadsheetML's namespace, for hand-written sheet XML. */
export const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function small(name: string, text: string): Part {
  return { name, ...deflatePieces([{ text }]) };
}

/** Optional parts of a hand-made workbook: shared strings, styles, and the workbook's own XML. */
export interface WorkbookParts {
  sharedStrings?: Omit<Part, 'name'>;
  styles?: string;
  /** What goes inside `<workbook>` before `<sheets>`, e.g. `<workbookPr date1904="1"/>`. */
  workbookPr?: string;
  /** Store the sheet without compression (zip method 0). */
  storedSheet?: string;
}

/** A workbook of one sheet, "Blad1", with the given sheet XML (deflated). */
function workbook(sheet: Omit<Part, 'name'>, parts: WorkbookParts = {}): Uint8Array {
  const relations = [
    `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>`,
    parts.sharedStrings
      ? `<Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>`
      : '',
    parts.styles ? `<Relationship Id="rId3" Type="${rel}/styles" Target="/xl/styles.xml"/>` : '',
  ].join('');
  const sheetPart: Part = parts.storedSheet
    ? { name: 'xl/worksheets/sheet1.xml', ...stored(parts.storedSheet) }
    : { name: 'xl/worksheets/sheet1.xml', ...sheet };
  return zip([
    small(
      '[Content_Types].xml',
      `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '</Types>',
    ),
    small(
      '_rels/.rels',
      `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    small(
      'xl/workbook.xml',
      `${xmlHead}<workbook xmlns="${main}" xmlns:r="${rel}">${parts.workbookPr ?? ''}<sheets>` +
        '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    small(
      'xl/_rels/workbook.xml.rels',
      `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `${relations}</Relationships>`,
    ),
    ...(parts.sharedStrings ? [{ name: 'xl/sharedStrings.xml', ...parts.sharedStrings }] : []),
    ...(parts.styles ? [small('xl/styles.xml', parts.styles)] : []),
    sheetPart,
  ]);
}

/** A part stored without compression: the zip's method 0. */
function stored(text: string): Omit<Part, 'name'> & { stored: true } {
  const bytes = Buffer.from(text, 'utf8');
  return { data: bytes, crc: crc32(bytes), size: bytes.length, stored: true };
}

/** A workbook whose first sheet's XML is `sheetXml` as given, for tests of the XML reading itself. */
export function workbookOf(
  sheetXml: string,
  parts: WorkbookParts & { sharedStringsXml?: string } = {},
): Uint8Array {
  const sharedStrings = parts.sharedStringsXml
    ? deflatePieces([{ text: parts.sharedStringsXml }])
    : undefined;
  return workbook(deflatePieces([{ text: sheetXml }]), { sharedStrings, ...parts });
}

/** Shared strings of `count` tiny strings: a million of them in a few hundred KB. */
export function manySharedStringsWorkbook(count: number): Uint8Array {
  const sheet = deflatePieces([
    { text: `${sheetHead}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${sheetTail}` },
  ]);
  const sharedStrings = deflatePieces([
    { text: `${xmlHead}<sst xmlns="${main}" count="${count}" uniqueCount="${count}">` },
    { text: '<si><t>x</t></si>'.repeat(1000), times: Math.ceil(count / 1000) },
    { text: '</sst>' },
  ]);
  return workbook(sheet, { sharedStrings });
}

const sheetHead = `${xmlHead}<worksheet xmlns="${main}"><sheetData>`;
const sheetTail = '</sheetData></worksheet>';

/**
 * A header `id,note` and one row whose note is `megabytes` MB of "A" (issue 8: 400 MB in 409 KB).
 * With `lie`, the zip's table of contents says the sheet is 1 KB.
 */
export function hugeCellWorkbook(megabytes: number, lie = false): Uint8Array {
  const sheet = deflatePieces([
    {
      text:
        `${sheetHead}<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>` +
        '<c r="B1" t="inlineStr"><is><t>note</t></is></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>p1</t></is></c><c r="B2" t="inlineStr"><is><t>',
    },
    { text: Buffer.alloc(1024 * 1024, 'A'), times: megabytes },
    { text: `</t></is></c></row>${sheetTail}` },
  ]);
  return workbook(lie ? { ...sheet, declaredSize: 1024 } : sheet);
}

function columnName(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** `rows` rows of `columns` one-digit number cells under a header `c1..cN`: a million cells in a few MB. */
export function manyCellsWorkbook(rows: number, columns: number): Uint8Array {
  const names = Array.from({ length: columns }, (_, i) => columnName(i + 1));
  const header = names.map((n, i) => `<c r="${n}1" t="inlineStr"><is><t>c${i + 1}</t></is></c>`).join('');
  const pieces: { text: string }[] = [{ text: `${sheetHead}<row r="1">${header}</row>` }];
  let batch: string[] = [];
  for (let r = 2; r <= rows + 1; r++) {
    batch.push(`<row r="${r}">${names.map((n) => `<c r="${n}${r}"><v>${r % 10}</v></c>`).join('')}</row>`);
    if (batch.length === 1000) {
      pieces.push({ text: batch.join('') });
      batch = [];
    }
  }
  pieces.push({ text: `${batch.join('')}${sheetTail}` });
  return workbook(deflatePieces(pieces));
}
