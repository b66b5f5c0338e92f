/**
 * The report as a PDF for publication (pdfkit, A4). A tagged PDF (PDF 1.7 with a structure tree:
 * headings, paragraphs, tables with header cells, lists; rules, shading and page numbers marked as
 * artifacts), with the document's language and title set, so screen readers can read it. It uses the
 * standard Helvetica fonts, whose WinAnsi encoding covers Swedish (å ä ö), so no font file has to
 * ship. Counts and shares, the public draw that anyone can check, and the replacements by P-reference
 * (as the public draw pages show them); never a name.
 */
import PDFDocument from 'pdfkit';
import type { Translate } from '../i18n/i18n.ts';
import { labelValueTable } from '../letters/label-value-table.ts';
import {
  datesText,
  dateText,
  dateTimeText,
  engineText,
  metText,
  numberText,
  panelText,
  percentText,
  questionLabel,
  type ReportFacts,
  targetText,
  valueLabel,
} from './format.ts';
import type { QuestionSection, RepresentativenessReport } from './representativeness.ts';

const margin = 50;
const ink = '#1a1a1a';
const muted = '#4d4d4d';
const rule = '#b3b3b3';
const tint = '#e8eef5';

export interface PdfOptions {
  /** Compressed streams make a smaller file; tests may turn it off to read the text directly. */
  compress?: boolean;
}

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
type StructOptions = Parameters<Doc['struct']>[1];
// pdfkit writes the scope of header cells (/A << /O /Table /Scope … >>); its types do not list it.
const rowHeader = { scope: 'Row' } as StructOptions;
const columnHeader = { scope: 'Column' } as StructOptions;

function bottom(doc: Doc): number {
  return doc.page.height - margin;
}

function ensureRoom(doc: Doc, height: number): boolean {
  if (doc.y + height <= bottom(doc)) return false;
  doc.addPage();
  return true;
}

/** Drawing that carries no meaning (rules, shading, page numbers): left out of the structure. */
function artifact(doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

/** Content of one structure element: the closure runs when the element is added to its parent. */
function tagged(doc: Doc, parent: Struct, type: string, draw: () => void): void {
  parent.add(doc.struct(type, {}, draw));
}

function heading(doc: Doc, parent: Struct, text: string, size: number, level: 'H2' | 'H3'): void {
  ensureRoom(doc, size * 3);
  doc.moveDown(0.6);
  tagged(doc, parent, level, () => {
    doc.font('Helvetica-Bold').fontSize(size).fillColor(ink).text(text, margin, doc.y);
  });
  doc.moveDown(0.3);
}

/** Label and value side by side, the label in bold: a two-column table with row headers. */
function facts(
  doc: Doc,
  parent: Struct,
  rows: [string, string][],
  layout: { labelWidth: number; valueSize: number } = { labelWidth: 180, valueSize: 10 },
): void {
  labelValueTable(doc, parent, rows, {
    margin,
    labelWidth: layout.labelWidth,
    labelFont: 'Helvetica-Bold',
    valueFont: 'Helvetica',
    labelSize: 10,
    valueSize: layout.valueSize,
    ink,
  });
}

function paragraph(doc: Doc, parent: Struct, text: string, size = 10, color = ink): void {
  const width = doc.page.width - 2 * margin;
  doc.font('Helvetica').fontSize(size);
  ensureRoom(doc, doc.heightOfString(text, { width }) + 4);
  tagged(doc, parent, 'P', () => {
    doc.fillColor(color).text(text, margin, doc.y, { width });
  });
  doc.moveDown(0.4);
}

/** A bulleted list; the bullet is drawn as an artifact, the item's text tagged. */
function list(doc: Doc, parent: Struct, items: string[]): void {
  const width = doc.page.width - 2 * margin - 14;
  const element = doc.struct('L');
  parent.add(element);
  doc.font('Helvetica').fontSize(10);
  for (const item of items) {
    ensureRoom(doc, doc.heightOfString(item, { width }) + 2);
    const y = doc.y;
    artifact(doc, () => doc.fillColor(ink).text('•', margin + 2, y, { lineBreak: false }));
    const li = doc.struct('LI');
    element.add(li);
    li.add(
      doc.struct('LBody', {}, () => {
        doc.fillColor(ink).text(item, margin + 14, y, { width });
      }),
    );
    li.end();
    doc.moveDown(0.15);
  }
  element.end();
  doc.moveDown(0.3);
}

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

function tableRow(doc: Doc, table: Struct, columns: Column[], cells: string[], header: boolean): void {
  const pad = 4;
  doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
  const height =
    Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: columns[i].width - 2 * pad }))) +
    2 * pad;
  const y = doc.y;
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  if (header) artifact(doc, () => doc.rect(margin, y, width, height).fill(tint));
  const row = doc.struct('TR');
  table.add(row);
  let x = margin;
  cells.forEach((text, i) => {
    const at = x;
    const draw = () => {
      doc
        .font(header || i === 0 ? 'Helvetica-Bold' : 'Helvetica')
        .fillColor(ink)
        .text(text, at + pad, y + pad, { width: columns[i].width - 2 * pad, align: columns[i].align });
    };
    // Column titles head their column; the answer in the first cell heads its row.
    if (header) row.add(doc.struct('TH', columnHeader, draw));
    else if (i === 0) row.add(doc.struct('TH', rowHeader, draw));
    else row.add(doc.struct('TD', {}, draw));
    x += columns[i].width;
  });
  row.end();
  artifact(doc, () =>
    doc
      .moveTo(margin, y + height)
      .lineTo(margin + width, y + height)
      .lineWidth(0.5)
      .strokeColor(rule)
      .stroke(),
  );
  doc.y = y + height;
}

function sectionTable(
  doc: Doc,
  parent: Struct,
  section: QuestionSection,
  language: string,
  t: Translate,
  columns: Column[],
): void {
  const cellsOf = (row: QuestionSection['rows'][number]) => [
    valueLabel(section.question, row.value, language, t),
    percentText(row.populationShare, language),
    targetText(row.target, language, t),
    t('report.count_share', { count: row.pool, share: percentText(row.poolShare, language) }),
    t('report.count_share', { count: row.panel, share: percentText(row.panelShare, language) }),
    metText(row.met, t),
  ];
  const header = columns.map((c) => c.title);
  // The heading, the column titles and the first rows stay together.
  ensureRoom(doc, 110);
  heading(doc, parent, questionLabel(section.question, language), 12, 'H3');
  const table = doc.struct('Table');
  parent.add(table);
  tableRow(doc, table, columns, header, true);
  for (const row of section.rows) {
    if (ensureRoom(doc, 30)) tableRow(doc, table, columns, header, true);
    tableRow(doc, table, columns, cellsOf(row), false);
  }
  table.end();
}

function drawSection(doc: Doc, parent: Struct, about: ReportFacts, language: string, t: Translate): void {
  heading(doc, parent, t('report.draw_title'), 13, 'H2');
  if (about.draws.length === 0) {
    paragraph(doc, parent, t('report.draw_none'));
    return;
  }
  for (const draw of about.draws) {
    paragraph(doc, parent, t(draw.replacement ? 'report.draw_replacement' : 'report.draw_panel'), 11);
    facts(
      doc,
      parent,
      [
        [t('report.drawn_at'), dateTimeText(draw.drawnAt, language)],
        [t('report.randomness'), draw.randomness],
        [t('report.seed'), draw.seed],
        [t('report.commitment'), draw.commitment],
        [t('report.verify'), draw.verifyUrl],
        // Smaller, so that the address, the seed and the commitment fit on one line each.
      ],
      { labelWidth: 110, valueSize: 8 },
    );
  }
}

function replacementSection(
  doc: Doc,
  parent: Struct,
  about: ReportFacts,
  language: string,
  t: Translate,
): void {
  heading(doc, parent, t('report.replacements_title'), 13, 'H2');
  if (about.replacements.length === 0) {
    paragraph(doc, parent, t('report.replacements_none'));
    return;
  }
  paragraph(doc, parent, t('report.references_note'), 9, muted);
  for (const round of about.replacements) {
    heading(doc, parent, t('report.replacement_round', { when: dateTimeText(round.at, language) }), 11, 'H3');
    list(
      doc,
      parent,
      round.pairs.map((p) => t('report.replacement_pair', p)),
    );
    if (round.changes.length === 0) paragraph(doc, parent, t('report.replacement_no_change'));
    else {
      paragraph(doc, parent, t('report.replacement_changes'));
      list(doc, parent, round.changes);
    }
  }
}

export function renderReportPdf(
  report: RepresentativenessReport,
  about: ReportFacts,
  language: string,
  t: Translate,
  options: PdfOptions = {},
): Promise<Buffer> {
  const title = t('report.title');
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    bufferPages: true,
    compress: options.compress ?? true,
    pdfVersion: '1.7',
    tagged: true,
    lang: language === 'sv' ? 'sv-SE' : 'en-GB',
    displayTitle: true,
    info: {
      Title: `${title}: ${about.title}`,
      Author: 'Lotta',
      Subject: about.title,
      CreationDate: new Date(about.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  tagged(doc, root, 'H1', () => {
    doc.font('Helvetica-Bold').fontSize(20).fillColor(ink).text(title, margin, margin);
  });
  tagged(doc, root, 'P', () => {
    doc.font('Helvetica').fontSize(14).text(about.title);
  });
  doc.moveDown(0.3);
  paragraph(doc, root, t('report.pdf_note'), 9, muted);

  heading(doc, root, t('report.process'), 13, 'H2');
  facts(doc, root, [
    [t('report.assembly'), about.title],
    [t('report.remit'), about.remit],
    [t('report.commissioner'), about.commissioner || t('report.not_set')],
    [t('report.dates'), datesText(about, language, t)],
    [t('report.panel_size'), numberText(about.panelSize, language)],
    [t('report.engine'), engineText(about, language, t)],
    [t('report.generated'), dateText(about.generatedAt, language)],
  ]);

  const { totals, invitations } = report;
  heading(doc, root, t('report.totals'), 13, 'H2');
  facts(doc, root, [
    [t('report.invitations_sent'), numberText(invitations.sent, language)],
    [t('report.registrations'), numberText(invitations.registered, language)],
    [t('report.response_rate'), percentText(invitations.responseRate, language)],
    [t('report.pool'), numberText(totals.pool, language)],
    [t('report.panel'), panelText(totals.panel, about.panelSize, language, t)],
    [
      t('report.targets_met'),
      totals.targets > 0
        ? t('report.targets_met_value', { met: totals.targetsMet, total: totals.targets })
        : t('report.no_targets'),
    ],
  ]);
  paragraph(doc, root, t('report.counted', { confirmed: totals.confirmed, selected: totals.selected }));

  drawSection(doc, root, about, language, t);
  replacementSection(doc, root, about, language, t);

  heading(doc, root, t('report.by_question'), 13, 'H2');
  if (report.sections.length === 0) paragraph(doc, root, t('report.no_questions'));
  else paragraph(doc, root, t('report.shares_note'), 9, muted);
  const columns: Column[] = [
    { title: t('report.col_value'), width: 135, align: 'left' },
    { title: t('report.col_population'), width: 70, align: 'right' },
    { title: t('report.col_target'), width: 75, align: 'right' },
    { title: t('report.col_pool'), width: 75, align: 'right' },
    { title: t('report.col_panel'), width: 75, align: 'right' },
    { title: t('report.col_met'), width: 65, align: 'left' },
  ];
  for (const section of report.sections) sectionTable(doc, root, section, language, t, columns);
  root.end();

  // Page numbers go in the bottom margin, which the layout above never writes into.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - margin + 15;
    doc.page.margins.bottom = 0;
    artifact(
      doc,
      () =>
        doc
          .font('Helvetica')
          .fontSize(8)
          .fillColor(muted)
          .text(t('report.page', { page: i + 1, pages: range.count }), margin, y, {
            width: doc.page.width - 2 * margin,
            align: 'right',
            lineBreak: false,
          }),
      'Pagination',
    );
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
