/**
 * The printables of a session's tables: name cards (A4 landscape folded along the middle into a tent:
 * the first name and the table number in large type on both faces, the upper one upside down so that
 * it reads from across the table), and for every round a room plan and its table lists. Tagged PDFs with their language
 * set, so screen readers read them; DejaVu Sans when installed, else Helvetica, whose encoding covers
 * Swedish (å ä ö).
 */
import type { Language } from '../i18n/i18n.ts';
import { printedDocument } from './printed-document.ts';

export interface NameCard {
  first: string;
  /** "Table 3", as the page language says it. */
  tableText: string;
  /**
   * "Vote code: 123456", as the page language says it: the code she types on the table's tablet,
   * printed small at the foot of the upright face only, where those across the table cannot read it.
   */
  codeText?: string;
}

export interface TableListRound {
  heading: string;
  /** "Round 2: room plan", as the page language says it. */
  planHeading: string;
  tables: {
    heading: string;
    facilitator: string | null;
    /** Full names (or references) for the list. */
    members: string[];
    /** First names for the room plan. */
    firsts: string[];
  }[];
}

interface PdfOptions {
  language: Language;
  title: string;
  compress?: boolean;
}

/** One face of a card: the name as large as fits the half page, the table below it. */
function face(doc: PDFKit.PDFDocument, card: NameCard, top: number, text: (s: string) => string) {
  const width = doc.page.width - 80;
  const half = doc.page.height / 2;
  let size = 96;
  doc.font('bold');
  while (size > 28 && doc.fontSize(size).widthOfString(text(card.first)) > width) size -= 4;
  doc
    .fontSize(size)
    .text(text(card.first), 40, top + half * 0.22, { width, align: 'center', lineBreak: false });
  doc
    .font('regular')
    .fontSize(40)
    .text(text(card.tableText), 40, top + half * 0.62, { width, align: 'center', lineBreak: false });
}

function codeLine(doc: PDFKit.PDFDocument, card: NameCard, top: number, text: (s: string) => string) {
  if (!card.codeText) return;
  const half = doc.page.height / 2;
  doc
    .font('regular')
    .fontSize(11)
    .text(text(card.codeText), 40, top + half - 24, {
      width: doc.page.width - 80,
      align: 'right',
      lineBreak: false,
    });
}

/** One card a page: the lower face upright (tagged), the upper face its upside-down copy (an artifact). */
export async function nameCardsPdf(cards: readonly NameCard[], options: PdfOptions): Promise<Buffer> {
  const { doc, text, finish } = printedDocument({ ...options, layout: 'landscape' });
  for (const card of cards) {
    doc.addPage({ margin: 0 });
    const half = doc.page.height / 2;
    doc.markContent('Artifact', { type: 'Layout' });
    doc.save();
    doc.rotate(180, { origin: [doc.page.width / 2, half / 2] });
    face(doc, card, 0, text);
    doc.restore();
    doc
      .moveTo(20, half)
      .lineTo(doc.page.width - 20, half)
      .dash(4, { space: 6 })
      .strokeColor('#999999')
      .stroke()
      .undash();
    doc.endMarkedContent();
    const section = doc.struct('Sect');
    doc.addStructure(section);
    section.add(doc.struct('P', {}, () => face(doc, card, half, text)));
    if (card.codeText) section.add(doc.struct('P', {}, () => codeLine(doc, card, half, text)));
    section.end();
  }
  return finish();
}

/**
 * A round's room plan on one page: the tables as boxes in a grid (landscape A4), each with its number
 * and the first names at it, to pin up at the door. The boxes are drawing (artifacts); the numbers
 * and names are the tagged content.
 */
function roomPlan(doc: PDFKit.PDFDocument, round: TableListRound, text: (s: string) => string) {
  doc.addPage({ margin: 30, layout: 'landscape' });
  const section = doc.struct('Sect');
  doc.addStructure(section);
  section.add(
    doc.struct('H1', {}, () => doc.font('bold').fontSize(18).text(text(round.planHeading), 30, 30)),
  );
  const count = Math.max(1, round.tables.length);
  const columns = Math.ceil(Math.sqrt(count * 1.5));
  const rows = Math.ceil(count / columns);
  const top = 70;
  const gap = 10;
  const width = (doc.page.width - 60 - gap * (columns - 1)) / columns;
  const height = (doc.page.height - top - 30 - gap * (rows - 1)) / rows;
  const lineHeight = Math.min(22, (height - 34) / Math.max(1, ...round.tables.map((t) => t.firsts.length)));
  for (const [i, table] of round.tables.entries()) {
    const x = 30 + (i % columns) * (width + gap);
    const y = top + Math.floor(i / columns) * (height + gap);
    doc.markContent('Artifact', { type: 'Layout' });
    doc.roundedRect(x, y, width, height, 6).lineWidth(1.5).strokeColor('#1a1a1a').stroke();
    doc.endMarkedContent();
    section.add(
      doc.struct('H2', {}, () =>
        doc
          .font('bold')
          .fontSize(14)
          .text(text(table.heading), x + 8, y + 8, { width: width - 16 }),
      ),
    );
    section.add(
      doc.struct('P', {}, () =>
        doc
          .font('regular')
          .fontSize(Math.max(7, lineHeight - 5))
          .text(text(table.firsts.join('\n')), x + 8, y + 28, { width: width - 16, lineGap: 1 }),
      ),
    );
  }
  section.end();
}

/** Every round's room plan, then its tables on a page of lists: heading, facilitator, members. */
export async function tableListsPdf(rounds: readonly TableListRound[], options: PdfOptions): Promise<Buffer> {
  const { doc, text, finish } = printedDocument(options);
  for (const round of rounds) {
    roomPlan(doc, round, text);
    doc.addPage({ margin: 50, layout: 'portrait' });
    const section = doc.struct('Sect');
    doc.addStructure(section);
    section.add(doc.struct('H1', {}, () => doc.font('bold').fontSize(20).text(text(round.heading), 50, 50)));
    doc.moveDown(0.5);
    for (const table of round.tables) {
      if (doc.y > doc.page.height - 140) doc.addPage({ margin: 50, layout: 'portrait' });
      section.add(doc.struct('H2', {}, () => doc.font('bold').fontSize(14).text(text(table.heading))));
      if (table.facilitator)
        section.add(
          doc.struct('P', {}, () =>
            doc
              .font('regular')
              .fontSize(11)
              .text(text(table.facilitator ?? '')),
          ),
        );
      const list = doc.struct('L');
      section.add(list);
      for (const member of table.members)
        list.add(
          doc.struct('LI', {}, () => doc.font('regular').fontSize(12).text(text(member), { indent: 12 })),
        );
      list.end();
      doc.moveDown(0.6);
    }
    section.end();
  }
  return finish();
}
