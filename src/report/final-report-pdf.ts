/**
 * The final report as a print-ready PDF (A4): tagged (headings, paragraphs, tables with header cells,
 * lists, the logo as a figure with its description; rules and page numbers as artifacts), with its
 * language and title set, in DejaVu Sans (see src/letters/printed-document.ts) so that every member's
 * words print as they wrote them. The recommendations' texts are set verbatim, paragraph by paragraph.
 */
import { paragraphsOf } from '../domain/recommendations.ts';
import { formatDateIn, formatNumberIn, formatPercentIn, formatTimeIn } from '../i18n/format.ts';
import { type Translate, translator } from '../i18n/i18n.ts';
import { labelValueTable } from '../letters/label-value-table.ts';
import { printedDocument } from '../letters/printed-document.ts';
import type { FinalReport, ReportGroup, ReportRecommendation } from './final-report-schema.ts';
import { evidenceLine, expertLine, minorityLine, requestLine, voteRows } from './final-report-text.ts';

const margin = 56;
const ink = '#1a1a1a';
const muted = '#4d4d4d';
const rule = '#b3b3b3';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
type StructOptions = Parameters<Doc['struct']>[1];
// pdfkit writes the scope of header cells; its types do not list it.
const rowHeader = { scope: 'Row' } as StructOptions;
const columnHeader = { scope: 'Column' } as StructOptions;

/** What every part of the layout needs: the document, where it is tagged, the font's text and words. */
interface Pen {
  doc: Doc;
  root: Struct;
  text: (s: string) => string;
  t: Translate;
  language: string;
}

export interface FinalReportPdfOptions {
  /** The logo's bytes (PNG or JPEG) and its description, drawn at the top of the first page. */
  logo: { bytes: Buffer; description: string } | null;
  version: number;
  compress?: boolean;
}

function width(doc: Doc): number {
  return doc.page.width - 2 * margin;
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - margin) doc.addPage();
}

function artifact(doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

const headingSize = { H1: 22, H2: 16, H3: 13, H4: 11.5, H5: 10.5 } as const;

function heading(pen: Pen, level: keyof typeof headingSize, s: string): void {
  const { doc } = pen;
  const size = headingSize[level];
  // A heading is not left alone at the foot of a page.
  ensureRoom(doc, size * 4);
  doc.moveDown(level === 'H4' || level === 'H5' ? 0.4 : 0.7);
  pen.root.add(
    doc.struct(level, {}, () => {
      doc
        .font('bold')
        .fontSize(size)
        .fillColor(ink)
        .text(pen.text(s), margin, doc.y, { width: width(doc) });
    }),
  );
  doc.moveDown(0.3);
}

function paragraph(pen: Pen, s: string, options: { size?: number; color?: string } = {}): void {
  const { doc } = pen;
  if (!s.trim()) return;
  doc.font('regular').fontSize(options.size ?? 10.5);
  ensureRoom(doc, Math.min(doc.heightOfString(pen.text(s), { width: width(doc) }), 120) + 4);
  pen.root.add(
    doc.struct('P', {}, () => {
      doc
        .fillColor(options.color ?? ink)
        .text(pen.text(s), margin, doc.y, { width: width(doc), lineGap: 1.5 });
    }),
  );
  doc.moveDown(0.45);
}

/** Label and value side by side: a two-column table whose labels head their rows. */
function facts(pen: Pen, rows: [string, string][]): void {
  labelValueTable(pen.doc, pen.root, rows, {
    margin,
    labelWidth: 150,
    labelFont: 'bold',
    valueFont: 'regular',
    labelSize: 9.5,
    valueSize: 9.5,
    ink,
    text: pen.text,
  });
}

/** A table with column headers; `widths` are shares of the text width, the first column heads its row. */
function grid(pen: Pen, headers: string[], rows: string[][], widths: number[]): void {
  const { doc } = pen;
  const columns = widths.map((w) => w * width(doc));
  const table = doc.struct('Table');
  pen.root.add(table);
  const line = (cells: string[], header: boolean) => {
    doc.font(header ? 'bold' : 'regular').fontSize(9);
    const height =
      Math.max(...cells.map((s, i) => doc.heightOfString(pen.text(s), { width: columns[i] - 6 }))) + 6;
    ensureRoom(doc, height);
    const y = doc.y;
    const row = doc.struct('TR');
    table.add(row);
    let x = margin;
    cells.forEach((s, i) => {
      const at = x;
      const draw = () => {
        doc
          .font(header ? 'bold' : 'regular')
          .fontSize(9)
          .fillColor(ink)
          .text(pen.text(s), at + 3, y + 3, { width: columns[i] - 6 });
      };
      row.add(
        doc.struct(
          header ? 'TH' : i === 0 ? 'TH' : 'TD',
          header ? columnHeader : i === 0 ? rowHeader : {},
          draw,
        ),
      );
      x += columns[i];
    });
    row.end();
    artifact(doc, () =>
      doc
        .moveTo(margin, y + height)
        .lineTo(margin + width(doc), y + height)
        .lineWidth(0.5)
        .strokeColor(rule)
        .stroke(),
    );
    doc.y = y + height;
  };
  line(headers, true);
  for (const cells of rows) line(cells, false);
  table.end();
  doc.x = margin;
  doc.moveDown(0.6);
}

/** A bulleted list; the bullet is an artifact, each item's text a tagged list body. */
function list(pen: Pen, items: string[]): void {
  const { doc } = pen;
  const element = doc.struct('L');
  pen.root.add(element);
  doc.font('regular').fontSize(10);
  for (const item of items) {
    ensureRoom(doc, doc.heightOfString(pen.text(item), { width: width(doc) - 14 }) + 2);
    const y = doc.y;
    artifact(doc, () => doc.fillColor(ink).text('•', margin + 2, y, { lineBreak: false }));
    const li = doc.struct('LI');
    element.add(li);
    li.add(
      doc.struct('LBody', {}, () => {
        doc.fillColor(ink).text(pen.text(item), margin + 14, y, { width: width(doc) - 14 });
      }),
    );
    li.end();
    doc.moveDown(0.2);
  }
  element.end();
  doc.x = margin;
  doc.moveDown(0.3);
}

function recommendation(pen: Pen, r: ReportRecommendation): void {
  const { t } = pen;
  heading(pen, 'H4', r.title);
  paragraph(
    pen,
    t('final_report.recommendation_version', {
      number: r.version,
      status: t(`final_report.status.${r.status}`),
    }),
    { size: 9, color: muted },
  );
  for (const p of r.paragraphs) paragraph(pen, p);
  if (r.rationale.length > 0) {
    paragraph(pen, t('final_report.rationale'), { size: 9.5, color: muted });
    for (const p of r.rationale) paragraph(pen, p, { size: 9.5 });
  }
  if (r.votes.length === 0) paragraph(pen, t('final_report.votes_none'), { size: 9.5, color: muted });
  for (const vote of r.votes) {
    heading(
      pen,
      'H5',
      t(vote.amendment ? 'final_report.vote_on_amendment' : 'final_report.vote_heading', {
        question: vote.question,
      }),
    );
    facts(pen, voteRows(vote, pen));
  }
  for (const statement of r.minorityStatements) {
    heading(pen, 'H5', t('final_report.minority_title'));
    for (const p of paragraphsOf(statement.text)) paragraph(pen, p);
    paragraph(pen, minorityLine(statement, t), { size: 9, color: muted });
  }
}

function groups(pen: Pen, title: string, empty: string, list: ReportGroup[]): void {
  heading(pen, 'H2', title);
  if (list.length === 0) paragraph(pen, empty);
  for (const group of list) {
    heading(pen, 'H3', group.name);
    for (const r of group.recommendations) recommendation(pen, r);
  }
}

function process(pen: Pen, report: FinalReport): void {
  const { t, language } = pen;
  heading(pen, 'H2', t('final_report.process_title'));
  const dates = [report.startsOn, report.endsOn].filter((d): d is string => d !== null);
  facts(pen, [
    [t('final_report.remit'), report.remit],
    [t('final_report.commissioner'), report.commissioner || t('final_report.not_set')],
    [
      t('final_report.dates'),
      dates.length > 0 ? dates.map((d) => formatDateIn(language, d)).join(' – ') : t('final_report.not_set'),
    ],
  ]);
  heading(pen, 'H3', t('final_report.selection_title'));
  paragraph(pen, report.selection.method);
  facts(pen, [
    [t('final_report.panel_size'), formatNumberIn(language, report.selection.panelSize)],
    [t('final_report.engine'), report.selection.engineVersion ?? t('final_report.not_set')],
  ]);
  if (report.selection.draws.length === 0) paragraph(pen, t('final_report.draw_none'));
  for (const draw of report.selection.draws) {
    paragraph(pen, t(draw.replacement ? 'final_report.draw_replacement' : 'final_report.draw_panel'), {
      size: 10,
    });
    facts(pen, [
      [t('final_report.drawn_at'), formatTimeIn(language, draw.drawnAt, { longDate: true })],
      [t('final_report.randomness'), draw.randomness],
      [t('final_report.seed'), draw.seed],
      [t('final_report.verify'), draw.verifyUrl],
    ]);
  }
}

function representativeness(pen: Pen, report: FinalReport): void {
  const { t, language } = pen;
  const r = report.representativeness;
  heading(pen, 'H3', t('final_report.representativeness_title'));
  facts(pen, [
    [t('final_report.invitations_sent'), formatNumberIn(language, r.invitationsSent)],
    [t('final_report.registrations'), formatNumberIn(language, r.registrations)],
    [t('final_report.panel'), formatNumberIn(language, r.panel)],
    [
      t('final_report.targets_met'),
      r.targets > 0
        ? t('final_report.targets_met_value', { met: r.targetsMet, total: r.targets })
        : t('final_report.no_targets'),
    ],
  ]);
  const share = (s: number | null) => (s === null ? '–' : formatPercentIn(language, s, 1));
  for (const question of r.questions) {
    paragraph(pen, question.label, { size: 10 });
    grid(
      pen,
      [
        t('final_report.col_answer'),
        t('final_report.col_population'),
        t('final_report.col_target'),
        t('final_report.col_panel'),
      ],
      question.rows.map((row) => [
        row.value,
        share(row.populationShare),
        row.target,
        `${formatNumberIn(language, row.panel)} (${share(row.panelShare)})`,
      ]),
      [0.37, 0.18, 0.2, 0.25],
    );
  }
}

function sessions(pen: Pen, report: FinalReport): void {
  const { t, language } = pen;
  heading(pen, 'H3', t('final_report.sessions_title'));
  if (report.sessions.length === 0) {
    paragraph(pen, t('final_report.sessions_none'));
    return;
  }
  grid(
    pen,
    [
      t('final_report.col_session'),
      t('final_report.col_date'),
      t('final_report.col_hours'),
      t('final_report.col_present'),
    ],
    report.sessions.map((s) => [
      s.title,
      formatTimeIn(language, s.startsAt),
      formatNumberIn(language, s.hours, 1),
      s.present === null ? '–' : formatNumberIn(language, s.present),
    ]),
    [0.4, 0.3, 0.12, 0.18],
  );
  facts(pen, [[t('final_report.total_hours'), formatNumberIn(language, report.totalHours, 1)]]);
}

function learning(pen: Pen, report: FinalReport): void {
  const { t, language } = pen;
  heading(pen, 'H3', t('final_report.experts_title'));
  if (report.experts.length === 0) paragraph(pen, t('final_report.experts_none'));
  else
    list(
      pen,
      report.experts.map((e) => expertLine(e, t)),
    );
  heading(pen, 'H3', t('final_report.evidence_title'));
  if (report.evidence.length === 0) paragraph(pen, t('final_report.evidence_none'));
  else
    list(
      pen,
      report.evidence.map((e) => evidenceLine(e, language, t)),
    );
  heading(pen, 'H3', t('final_report.requests_title'));
  if (report.requests.length === 0) paragraph(pen, t('final_report.requests_none'));
  else
    list(
      pen,
      report.requests.map((r) => requestLine(r, language, t)),
    );
}

function logo(pen: Pen, image: { bytes: Buffer; description: string }): void {
  const { doc } = pen;
  const top = doc.y;
  pen.root.add(
    doc.struct('Figure', { alt: image.description }, () => {
      doc.image(image.bytes, margin, top, { fit: [160, 64] });
    }),
  );
  doc.y = top + 72;
}

function pageNumbers(doc: Doc, t: Translate): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    artifact(
      doc,
      () =>
        doc
          .font('regular')
          .fontSize(8)
          .fillColor(muted)
          .text(
            t('final_report.page', { page: i + 1, pages: range.count }),
            margin,
            doc.page.height - margin + 18,
            {
              width: width(doc),
              align: 'right',
              lineBreak: false,
            },
          ),
      'Pagination',
    );
    doc.page.margins.bottom = margin;
  }
}

/** The report set as a PDF in its own language. */
export async function finalReportPdf(report: FinalReport, options: FinalReportPdfOptions): Promise<Buffer> {
  const t = translator(report.language);
  const printed = printedDocument({
    language: report.language,
    title: `${t('final_report.title')}: ${report.title}`,
    compress: options.compress,
    margin,
    bufferPages: true,
  });
  const { doc } = printed;
  doc.addPage();
  const root = doc.struct('Document');
  doc.addStructure(root);
  const pen: Pen = { doc, root, text: printed.text, t, language: report.language };
  if (options.logo) logo(pen, options.logo);
  heading(pen, 'H1', t('final_report.title'));
  paragraph(pen, report.title, { size: 15 });
  paragraph(
    pen,
    t('final_report.version_line', {
      number: options.version,
      when: formatDateIn(report.language, report.generatedAt),
    }),
    { size: 9.5, color: muted },
  );
  groups(pen, t('final_report.adopted_title'), t('final_report.adopted_none'), report.adopted);
  groups(pen, t('final_report.not_adopted_title'), t('final_report.not_adopted_none'), report.notAdopted);
  process(pen, report);
  representativeness(pen, report);
  sessions(pen, report);
  learning(pen, report);
  root.end();
  pageNumbers(doc, t);
  return printed.finish();
}
