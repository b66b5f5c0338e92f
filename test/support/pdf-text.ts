/**
 * Just enough of a PDF reader to test the letters: the page count and the text of each page, from a
 * PDF written by pdfkit (compressed or not). Embedded fonts are decoded through their ToUnicode maps,
 * the built-in fonts through WinAnsiEncoding (Windows-1252).
 */
import { inflateSync } from 'node:zlib';

export interface PdfText {
  /** Objects of type /Page (not /Pages). */
  pages: number;
  /** The text of each page, the shown strings of one page joined by newlines. */
  pageTexts: string[];
}

function objects(pdf: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of pdf.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) out.set(Number(m[1]), m[2]);
  return out;
}

/** A stream's bytes (as latin1 text), inflated when compressed. */
function streamOf(object: string): string {
  const length = /\/Length (\d+)/.exec(object);
  const start = object.indexOf('stream\n');
  if (start === -1) return '';
  const raw = length
    ? object.slice(start + 7, start + 7 + Number(length[1]))
    : (/stream\n([\s\S]*?)\nendstream/.exec(object)?.[1] ?? '');
  if (!/\/Filter \/FlateDecode/.test(object.slice(0, start))) return raw;
  return inflateSync(Buffer.from(raw, 'latin1')).toString('latin1');
}

/** Glyph code → text, from a ToUnicode CMap with bfrange arrays and bfchar lines (pdfkit's shapes). */
function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexText = (hex: string) =>
    hex
      .trim()
      .split(/\s+/)
      .map((h) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => Number.parseInt(x, 16))))
      .join('');
  for (const m of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
    const start = Number.parseInt(m[1], 16);
    const targets = [...m[3].matchAll(/<([0-9a-fA-F ]+)>/g)].map((t) => hexText(t[1]));
    targets.forEach((text, i) => {
      map.set(start + i, text);
    });
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(Number.parseInt(m[1], 16), hexText(m[2]));
  }
  return map;
}

export function pdfText(bytes: Uint8Array): PdfText {
  const pdf = Buffer.from(bytes).toString('latin1');
  if (!pdf.startsWith('%PDF-')) throw new Error('not a PDF');
  const objs = objects(pdf);
  const windows1252 = new TextDecoder('windows-1252');

  const decoders = new Map<string, (hex: string) => string>();
  for (const body of objs.values()) {
    const fonts = /\/Font <<([\s\S]*?)>>/.exec(body);
    if (!fonts) continue;
    for (const m of fonts[1].matchAll(/\/(\w+) (\d+) 0 R/g)) {
      if (decoders.has(m[1])) continue;
      const font = objs.get(Number(m[2])) ?? '';
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font);
      if (toUnicode) {
        const map = toUnicodeMap(streamOf(objs.get(Number(toUnicode[1])) ?? ''));
        decoders.set(m[1], (hex) =>
          (hex.match(/.{4}/g) ?? []).map((g) => map.get(Number.parseInt(g, 16)) ?? '\uFFFD').join(''),
        );
      } else {
        decoders.set(m[1], (hex) =>
          windows1252.decode(Uint8Array.from((hex.match(/.{2}/g) ?? []).map((b) => Number.parseInt(b, 16)))),
        );
      }
    }
  }

  const pageTexts: string[] = [];
  let pages = 0;
  for (const body of objs.values()) {
    if (!/\/Type \/Page\b(?!s)/.test(body)) continue;
    pages++;
    const contents = /\/Contents (\d+) 0 R/.exec(body);
    const stream = contents ? streamOf(objs.get(Number(contents[1])) ?? '') : '';
    let decode: (hex: string) => string = () => '';
    const shown: string[] = [];
    for (const m of stream.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)*)\] TJ/g)) {
      if (m[1]) decode = decoders.get(m[1]) ?? decode;
      else shown.push([...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decode(h[1])).join(''));
    }
    pageTexts.push(shown.join('\n'));
  }
  return { pages, pageTexts };
}
