/**
 * The evaluation report as a PDF: a tagged document with its language set (so screen readers read
 * it), the evaluator's sections as headings and paragraphs. A few pages, made in the request.
 */
import { type ReportTexts, reportSections } from '../domain/evaluation.ts';
import { formatDateIn } from '../i18n/format.ts';
import { type Language, translator } from '../i18n/i18n.ts';
import { printedDocument } from '../letters/printed-document.ts';

const size = { h1: 20, h2: 15, body: 11 };

export async function evaluationReportPdf(report: {
  language: Language;
  assemblyTitle: string;
  texts: ReportTexts;
  /** Lotta's own figures, printed after the sections as they are counted now. */
  figures: { label: string; value: string }[];
  /** When it was last saved; null for the draft written from the figures. */
  savedAt: string | null;
  compress?: boolean;
}): Promise<Buffer> {
  const t = translator(report.language);
  const title = t('evaluation.report_title');
  const { doc, text, finish } = printedDocument({
    language: report.language,
    title: `${title} – ${report.assemblyTitle}`,
    compress: report.compress,
  });
  doc.addPage({ margin: 56 });
  const section = doc.struct('Sect', { lang: report.language });
  doc.addStructure(section);
  const block = (type: 'H1' | 'H2' | 'P', s: string, font: 'bold' | 'regular', points: number) => {
    if (type !== 'P' && doc.y > doc.page.height - doc.page.margins.bottom - 4 * size.body) doc.addPage();
    if (type === 'H2') doc.moveDown(0.8);
    section.add(
      doc.struct(type, {}, () =>
        doc.font(font).fontSize(points).text(text(s), { paragraphGap: 4, lineGap: 2 }),
      ),
    );
  };
  block('H1', title, 'bold', size.h1);
  block('P', report.assemblyTitle, 'regular', size.body);
  block(
    'P',
    report.savedAt
      ? t('evaluation.report_saved', { date: formatDateIn(report.language, report.savedAt) })
      : t('evaluation.report_draft'),
    'regular',
    size.body,
  );
  for (const key of reportSections) {
    block('H2', t(`evaluation.section_${key}`), 'bold', size.h2);
    const paragraphs = report.texts[key].split(/\n\s*\n/).filter((p) => p.trim() !== '');
    if (paragraphs.length === 0) block('P', t('evaluation.section_empty'), 'regular', size.body);
    for (const p of paragraphs) block('P', p.trim(), 'regular', size.body);
  }
  block('H2', t('evaluation.figures_heading'), 'bold', size.h2);
  block('P', t('evaluation.figures_lead'), 'regular', size.body);
  for (const line of report.figures) block('P', `${line.label}: ${line.value}`, 'regular', size.body);
  section.end();
  return finish();
}
