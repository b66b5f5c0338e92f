/**
 * The invitation letters as one print-ready PDF: A4, one page per letter, for window envelopes. Each
 * page has the sender, the date, the recipient's address where the envelope's window is, the
 * organiser's subject, body and signature, and a box with the invite code in large letters, a QR code
 * that opens the registration form with the code filled in, and the address to type for people
 * without a smartphone.
 *
 * Names in a population register come from every alphabet Latin script is written in (Łukasz, Şahin,
 * Nguyễn), so the letters use DejaVu Sans from Debian's fonts-dejavu-core when it is installed. The
 * PDF's built-in Helvetica only knows Western European letters (å, ä, ö, é, ü, …): without DejaVu,
 * other letters are written without their accents and counted in `folded`.
 *
 * The QR code is drawn as vector squares rather than a picture, so it stays sharp at any printer
 * resolution and adds a few hundred bytes per page instead of a PNG.
 */
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { type Language, translator } from '../i18n/i18n.ts';
import {
  checkTemplate,
  type LetterTemplate,
  type MergedLetter,
  mergeLetter,
  registrationPage,
} from './letter-template.ts';

export interface LetterRecipient {
  fields: Record<string, string>;
  code: string;
  language: Language;
}

export interface LettersPdfOptions {
  /** A template for every language a recipient has. */
  templates: Partial<Record<Language, LetterTemplate>>;
  /** The register's columns: the names placeholders may use. */
  columns: readonly string[];
  /** The address Lotta is reached at, e.g. `https://medborgarrad.example.se`. */
  registrationBase: string;
  /** The sender line at the top, per language (the assembly's title). */
  sender: Partial<Record<Language, string>>;
  /** The date printed on the letters. */
  date: Date;
  /** `system`: DejaVu Sans when installed (the default); `standard`: the PDF's built-in Helvetica. */
  font?: 'system' | 'standard';
  /** Compressed page contents (default); tests read the text uncompressed. */
  compress?: boolean;
}

export interface LettersPdf {
  stream: Readable;
  /** The font the letters are set in. */
  font: 'dejavu' | 'helvetica';
  /** Resolves when the document is complete: how many letters had characters written without accents. */
  done: Promise<{ pages: number; folded: number }>;
}

export const dejaVu = {
  regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
};

export function systemFontAvailable(): boolean {
  return existsSync(dejaVu.regular) && existsSync(dejaVu.bold);
}

// cp1252's printable characters besides Latin-1: what Helvetica's WinAnsiEncoding can show.
const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const foldExtras: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  ŋ: 'n',
  Ŋ: 'N',
  '\u2212': '-',
};

function showable(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || winAnsiExtras.has(ch);
}

/** Text Helvetica can show: accents dropped where the letter is missing; `changed` tells whether any was. */
export function foldForStandardFont(text: string): { text: string; changed: boolean } {
  let changed = false;
  let out = '';
  for (const ch of text) {
    if (ch === '\n' || showable(ch)) {
      out += ch;
      continue;
    }
    changed = true;
    const bare = (foldExtras[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '')).normalize('NFC');
    out += [...bare].every(showable) && bare ? bare : '?';
  }
  return { text: out, changed };
}

// A4 in points (1 mm = 2.835 pt).
const mm = 72 / 25.4;
const page = { width: 595.28, height: 841.89 };
const left = 25 * mm;
const right = page.width - 20 * mm;
const textWidth = right - left;
/** Where a C5/C4 window envelope shows the address (SS 638 01 places the window 45–90 mm from the top). */
const addressTop = 50 * mm;
const subjectTop = 100 * mm;
const codeBoxTop = 222 * mm;
const codeBoxHeight = 58 * mm;
const bodyBottom = codeBoxTop - 8 * mm;
const qrSize = 42 * mm;
/** Output waiting for the reader beyond which making pages pauses. */
const bufferedBytes = 8 * 1024 * 1024;

function dateText(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Stockholm',
  }).format(date);
}

/** The QR code as filled squares, one run of dark modules per rectangle; `size` is the whole side. */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  // Four light modules around the code, as scanners expect.
  const cell = size / (n + 8);
  const ox = x + 4 * cell;
  const oy = y + 4 * cell;
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.data[row * n + col]) col++;
      // A hair of overlap keeps viewers from drawing white seams between neighbouring squares.
      doc.rect(ox + start * cell, oy + row * cell, (col - start) * cell + 0.05, cell + 0.05);
    }
  }
  doc.fillColor('black').fill();
}

/**
 * Starts writing the letters; the PDF comes out of `stream` as it is made. The templates are checked
 * first, so an unknown placeholder throws a LetterTemplateError before anything is written.
 */
export function lettersPdf(recipients: Iterable<LetterRecipient>, options: LettersPdfOptions): LettersPdf {
  for (const [language, template] of Object.entries(options.templates))
    if (template) checkTemplate(template, options.columns, language as Language);
  const list = [...recipients];
  for (const r of list) {
    if (!options.templates[r.language]) throw new Error(`No letter template for the language ${r.language}.`);
  }
  const useDejaVu = (options.font ?? 'system') === 'system' && systemFontAvailable();
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    compress: options.compress ?? true,
    info: { Title: 'Invitations', Producer: 'Lotta', Creator: 'Lotta' },
  });
  if (useDejaVu) {
    doc.registerFont('letter', dejaVu.regular);
    doc.registerFont('letter-bold', dejaVu.bold);
  } else {
    doc.registerFont('letter', 'Helvetica');
    doc.registerFont('letter-bold', 'Helvetica-Bold');
  }
  const dates = { sv: dateText(options.date, 'sv'), en: dateText(options.date, 'en') };
  const labelsIn = (language: Language) => {
    const t = translator(language);
    return {
      code: t('letters.pdf_code_label'),
      scan: t('letters.pdf_scan'),
      noPhone: t('letters.pdf_no_phone'),
    };
  };
  const labels = { sv: labelsIn('sv'), en: labelsIn('en') };
  // Most letters share their body text, so its type size is measured once per distinct text.
  let measured = { text: '', size: 11 };
  let folded = 0;
  let letterFolded = false;
  const shown = (text: string) => {
    if (useDejaVu) return text;
    const f = foldForStandardFont(text);
    if (f.changed) letterFolded = true;
    return f.text;
  };

  const drawLetter = (letter: MergedLetter) => {
    const label = labels[letter.language];
    doc.addPage({ size: 'A4', margin: 0 });
    const sender = options.sender[letter.language] ?? '';
    doc.font('letter-bold').fontSize(10).fillColor('black');
    doc.text(shown(sender), left, 15 * mm, { width: textWidth * 0.6, height: 24 * mm, ellipsis: true });
    doc.font('letter').fontSize(10);
    doc.text(shown(dates[letter.language]), left + textWidth * 0.6, 15 * mm, {
      width: textWidth * 0.4,
      align: 'right',
      lineBreak: false,
    });

    doc.font('letter').fontSize(11);
    doc.text(shown(letter.addressLines.join('\n')), left, addressTop, {
      width: 85 * mm,
      height: 38 * mm,
      ellipsis: true,
      lineGap: 1,
    });

    doc.font('letter-bold').fontSize(14);
    doc.text(shown(letter.subject), left, subjectTop, { width: textWidth, height: 14 * mm, ellipsis: true });
    const bodyTop = doc.y + 4 * mm;
    const bodyText = shown([letter.body, letter.signature].filter(Boolean).join('\n\n'));
    // Long letters get a smaller type, down to 8 points, rather than a second page.
    doc.font('letter');
    const measureKey = `${bodyTop}\n${bodyText}`;
    if (measured.text !== measureKey) {
      let size = 11;
      while (
        size > 8 &&
        doc.fontSize(size).heightOfString(bodyText, { width: textWidth, lineGap: 2 }) > bodyBottom - bodyTop
      )
        size -= 0.5;
      measured = { text: measureKey, size };
    }
    const size = measured.size;
    doc.fontSize(size).text(bodyText, left, bodyTop, {
      width: textWidth,
      height: bodyBottom - bodyTop,
      ellipsis: true,
      lineGap: 2,
    });

    const boxLeft = left;
    const boxWidth = textWidth;
    doc.lineWidth(1.2).strokeColor('black').rect(boxLeft, codeBoxTop, boxWidth, codeBoxHeight).stroke();
    const inner = boxLeft + 6 * mm;
    const innerWidth = boxWidth - qrSize - 14 * mm;
    doc.font('letter').fontSize(11).fillColor('black');
    doc.text(shown(label.code), inner, codeBoxTop + 6 * mm, { width: innerWidth });
    doc.font('letter-bold').fontSize(28);
    doc.text(letter.code, inner, doc.y + 1.5 * mm, {
      width: innerWidth,
      characterSpacing: 1.5,
      lineBreak: false,
    });
    doc.font('letter').fontSize(10);
    doc.text(shown(label.scan), inner, codeBoxTop + 30 * mm, { width: innerWidth });
    doc.text(shown(label.noPhone), inner, doc.y + 1.5 * mm, { width: innerWidth });
    doc.font('letter-bold').fontSize(11);
    doc.text(shown(registrationPage(options.registrationBase)), inner, doc.y + 0.5 * mm, {
      width: innerWidth,
      height: 12 * mm,
      ellipsis: true,
    });
    drawQr(
      doc,
      letter.url,
      boxLeft + boxWidth - qrSize - 4 * mm,
      codeBoxTop + (codeBoxHeight - qrSize) / 2,
      qrSize,
    );
  };

  const done = (async () => {
    let pages = 0;
    try {
      for (const r of list) {
        // The reader went away (a cancelled download): stop making pages nobody reads.
        if (doc.destroyed) return { pages, folded };
        letterFolded = false;
        drawLetter(mergeLetter(options.templates[r.language]!, options.columns, r, options.registrationBase));
        if (letterFolded) folded++;
        pages++;
        // Thousands of pages: let the server answer other requests, and wait for a slow reader
        // rather than holding the whole document in memory.
        if (pages % 25 === 0) {
          await new Promise((resolve) => setImmediate(resolve));
          while (doc.readableLength > bufferedBytes && !doc.destroyed)
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
      if (!doc.destroyed) doc.end();
      return { pages, folded };
    } catch (error) {
      doc.destroy(error as Error);
      throw error;
    }
  })();
  // The stream reports the failure to its reader; the promise must not also crash the process.
  done.catch(() => {});
  return { stream: doc, font: useDejaVu ? 'dejavu' : 'helvetica', done };
}

/** The whole PDF in memory: for tests and small batches. */
export async function lettersPdfBytes(
  recipients: Iterable<LetterRecipient>,
  options: LettersPdfOptions,
): Promise<Buffer> {
  const pdf = lettersPdf(recipients, options);
  const chunks: Buffer[] = [];
  for await (const chunk of pdf.stream) chunks.push(chunk as Buffer);
  await pdf.done;
  return Buffer.concat(chunks);
}
