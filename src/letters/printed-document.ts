/**
 * The frame of every printed document Lotta makes for people (letters from the outbox, programmes,
 * name cards and table lists):
 * an A4 PDF, tagged, with its language and title, fonts `regular` and `bold` (DejaVu Sans when the
 * system has it, so names in any European script print; else Helvetica, with letters it cannot show
 * written without their accents), and the finished file as one buffer.
 */
import PDFDocument from 'pdfkit';
import type { Language } from '../i18n/i18n.ts';
import { dejaVu, foldForStandardFont, systemFontAvailable } from './letters-pdf.ts';

export interface PrintedDocument {
  doc: PDFKit.PDFDocument;
  /** Whether the DejaVu fonts are in use (otherwise text goes through `text`'s folding). */
  useDejaVu: boolean;
  /** A text as the document's font can show it. */
  text: (s: string) => string;
  /** Ends the document (a blank page if nothing was written) and resolves to its bytes. */
  finish: () => Promise<Buffer>;
}

export function printedDocument(options: {
  language: Language;
  title: string;
  compress?: boolean;
  /** Of every page unless a page says otherwise; portrait by default. */
  layout?: 'portrait' | 'landscape';
  /** Of every page; pdfkit's 72 pt when left out. */
  margin?: number;
  /** Keeps the pages open to the end, to number them once all are laid out (`switchToPage`). */
  bufferPages?: boolean;
}): PrintedDocument {
  const useDejaVu = systemFontAvailable();
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout ?? 'portrait',
    autoFirstPage: false,
    margin: options.margin,
    bufferPages: options.bufferPages ?? false,
    compress: options.compress ?? true,
    tagged: true,
    lang: options.language,
    displayTitle: true,
    info: { Title: options.title, Producer: 'Lotta', Creator: 'Lotta' },
  });
  doc.registerFont('regular', useDejaVu ? dejaVu.regular : 'Helvetica');
  doc.registerFont('bold', useDejaVu ? dejaVu.bold : 'Helvetica-Bold');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  let pages = 0;
  doc.on('pageAdded', () => {
    pages++;
  });
  return {
    doc,
    useDejaVu,
    text: (s) => (useDejaVu ? s : foldForStandardFont(s).text),
    async finish() {
      if (pages === 0) doc.addPage();
      doc.end();
      await done;
      return Buffer.concat(chunks);
    },
  };
}
