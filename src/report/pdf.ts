/**
 * The report as a PDF for publication (pdfkit, A4). It uses the standard Helvetica fonts, whose
 * WinAnsi encoding covers Swedish (å ä ö), so no font file has to ship. Counts and shares only.
 */
import PDFDocument from 'pdfkit';
import type { Translate } from '../i18n/i18n.ts';
import {
  datesText,
  dateText,
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

function bottom(doc: Doc): number {
  return doc.page.height - margin;
}

function ensureRoom(doc: Doc, height: number): boolean {
  if (doc.y + height <= bottom(doc)) return false;
  doc.addPage();
  return true;
}

function heading(doc: Doc, text: string, size: number): void {
  ensureRoom(doc, size * 3);
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor(ink).text(text, margin, doc.y);
  doc.moveDown(0.3);
}

/** Label and value side by side, the label in bold. */
function facts(doc: Doc, rows: [string, string][]): void {
  const labelWidth = 180;
  const width = doc.page.width - 2 * margin;
  doc.fontSize(10);
  for (const [label, value] of rows) {
    const height = Math.max(
      doc.font('Helvetica-Bold').heightOfString(label, { width: labelWidth - 10 }),
      doc.font('Helvetica').heightOfString(value, { width: width - labelWidth }),
    );
    ensureRoom(doc, height + 4);
    const y = doc.y;
    doc
      .font('Helvetica-Bold')
      .fillColor(ink)
      .text(label, margin, y, { width: labelWidth - 10 });
    doc.font('Helvetica').text(value, margin + labelWidth, y, { width: width - labelWidth });
    doc.y = y + height + 4;
  }
  doc.moveDown(0.4);
}

function paragraph(doc: Doc, text: string, size = 10, color = ink): void {
  const width = doc.page.width - 2 * margin;
  doc.font('Helvetica').fontSize(size);
  ensureRoom(doc, doc.heightOfString(text, { width }) + 4);
  doc.fillColor(color).text(text, margin, doc.y, { width });
  doc.moveDown(0.4);
}

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

function tableRow(doc: Doc, columns: Column[], cells: string[], header: boolean): void {
  const pad = 4;
  doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
  const height =
    Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: columns[i].width - 2 * pad }))) +
    2 * pad;
  const y = doc.y;
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  if (header) doc.rect(margin, y, width, height).fill(tint);
  let x = margin;
  cells.forEach((text, i) => {
    doc
      .fillColor(ink)
      .text(text, x + pad, y + pad, { width: columns[i].width - 2 * pad, align: columns[i].align });
    x += columns[i].width;
  });
  doc
    .moveTo(margin, y + height)
    .lineTo(margin + width, y + height)
    .lineWidth(0.5)
    .strokeColor(rule)
    .stroke();
  doc.y = y + height;
}

function sectionTable(
  doc: Doc,
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
  heading(doc, questionLabel(section.question, language), 12);
  tableRow(doc, columns, header, true);
  for (const row of section.rows) {
    if (ensureRoom(doc, 30)) tableRow(doc, columns, header, true);
    tableRow(doc, columns, cellsOf(row), false);
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

  doc.font('Helvetica-Bold').fontSize(20).fillColor(ink).text(title, margin, margin);
  doc.font('Helvetica').fontSize(14).text(about.title);
  doc.moveDown(0.3);
  paragraph(doc, t('report.pdf_note'), 9, muted);

  heading(doc, t('report.process'), 13);
  facts(doc, [
    [t('report.assembly'), about.title],
    [t('report.remit'), about.remit],
    [t('report.commissioner'), about.commissioner || t('report.not_set')],
    [t('report.dates'), datesText(about, language, t)],
    [t('report.panel_size'), numberText(about.panelSize, language)],
    [t('report.engine'), engineText(about, language, t)],
    [t('report.generated'), dateText(about.generatedAt, language)],
  ]);

  const { totals, invitations } = report;
  heading(doc, t('report.totals'), 13);
  facts(doc, [
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
  paragraph(doc, t('report.counted', { confirmed: totals.confirmed, selected: totals.selected }));

  heading(doc, t('report.by_question'), 13);
  if (report.sections.length === 0) paragraph(doc, t('report.no_questions'));
  else paragraph(doc, t('report.shares_note'), 9, muted);
  const columns: Column[] = [
    { title: t('report.col_value'), width: 135, align: 'left' },
    { title: t('report.col_population'), width: 70, align: 'right' },
    { title: t('report.col_target'), width: 75, align: 'right' },
    { title: t('report.col_pool'), width: 75, align: 'right' },
    { title: t('report.col_panel'), width: 75, align: 'right' },
    { title: t('report.col_met'), width: 65, align: 'left' },
  ];
  for (const section of report.sections) sectionTable(doc, section, language, t, columns);

  // Page numbers go in the bottom margin, which the layout above never writes into.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - margin + 15;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(muted)
      .text(t('report.page', { page: i + 1, pages: range.count }), margin, y, {
        width: doc.page.width - 2 * margin,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
