/**
 * Reads back the text of a PDF this folder wrote, so that tests can check what a published report
 * says (and that it names no one) without a PDF toolkit on the machine. It understands what pdfkit
 * writes with its standard fonts: Flate-compressed or plain content streams whose text is shown as
 * hex strings in TJ arrays, encoded in WinAnsi. It is not a general PDF reader.
 */
import { inflateSync } from 'node:zlib';

/** WinAnsi's codes 0x80–0x9F, the only ones that differ from Latin-1. */
const winAnsiHigh: Record<number, string> = {
  128: '€',
  130: '‚',
  131: 'ƒ',
  132: '„',
  133: '…',
  134: '†',
  135: '‡',
  136: 'ˆ',
  137: '‰',
  138: 'Š',
  139: '‹',
  140: 'Œ',
  142: 'Ž',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
  152: '˜',
  153: '™',
  154: 'š',
  155: '›',
  156: 'œ',
  158: 'ž',
  159: 'Ÿ',
};

function decodeWinAnsi(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const code = Number.parseInt(hex.slice(i, i + 2), 16);
    out += winAnsiHigh[code] ?? String.fromCharCode(code);
  }
  return out;
}

/** The content streams of the file, inflated where they are compressed. */
export function pdfStreams(pdf: Uint8Array): string[] {
  const bytes = Buffer.from(pdf);
  const text = bytes.toString('latin1');
  const streams: string[] = [];
  const pattern = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const raw = bytes.subarray(start, end);
    if (/\/FlateDecode/.test(m[1])) {
      try {
        streams.push(inflateSync(raw).toString('latin1'));
      } catch {
        // Images and fonts can be other kinds of streams; only text matters here.
      }
    } else streams.push(raw.toString('latin1'));
    pattern.lastIndex = end;
  }
  return streams;
}

/** Every text-showing operation of the file, one line each, in the order they are drawn. */
export function pdfText(pdf: Uint8Array): string {
  const lines: string[] = [];
  for (const stream of pdfStreams(pdf)) {
    for (const m of stream.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ/g)) {
      lines.push([...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decodeWinAnsi(h[1])).join(''));
    }
  }
  return lines.join('\n');
}
