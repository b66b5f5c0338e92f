/**
 * The evaluation report: the evaluator's text, section by section, which starts as a draft written
 * from Lotta's own figures; the figures themselves beside it; and the PDF.
 */

import { reportSections } from '../../../../domain/evaluation.ts';
import { figureLines } from '../../../../domain/evaluation-report.ts';

type FigureLine = ReturnType<typeof figureLines>[number];

import { can } from '../../../../domain/roles.ts';
import type { EvaluationReportView } from '../../../../queries/evaluation.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { ButtonLink, Csrf, ErrorSummary, SubmitButton, str, TextArea } from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatDate } from '../../../views/time.ts';

function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/evaluation`;
}

function FiguresPart(props: { c: Ctx; lines: FigureLine[] }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Section id="figures" title={t('evaluation.figures_heading')} lead={t('evaluation.figures_lead')}>
      <DataTable
        caption={t('evaluation.figures_heading')}
        captionHidden
        rows={props.lines}
        columns={[
          { header: t('evaluation.figure'), rowHeader: true, cell: (r) => r.label },
          { header: t('evaluation.value'), numeric: true, cell: (r) => r.value },
        ]}
      />
    </Section>
  );
}

function ReportForm(props: { c: Ctx; view: EvaluationReportView; form: FormFailure }) {
  const { c, view, form } = props;
  const t = c.var.t;
  const failed = Object.keys(form.errors).length > 0;
  const labels = Object.fromEntries(reportSections.map((s) => [s, t(`evaluation.section_${s}`)]));
  return (
    <form method="post" action={`${base(c)}/report`} class="stack" novalidate>
      <Csrf c={c} />
      <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} />
      {reportSections.map((s) => (
        <TextArea
          name={s}
          label={labels[s]}
          value={failed ? str(form.values, s) : view.texts[s]}
          error={form.errors[s]}
          rows={8}
        />
      ))}
      <SubmitButton label={t('evaluation.report_save')} />
    </form>
  );
}

function ReportText(props: { c: Ctx; view: EvaluationReportView }) {
  const t = props.c.var.t;
  return (
    <>
      {reportSections.map((s) => (
        <Section id={`section-${s}`} title={t(`evaluation.section_${s}`)}>
          <p class="prewrap">{props.view.texts[s] || t('evaluation.section_empty')}</p>
        </Section>
      ))}
    </>
  );
}

export function reportPage(c: Ctx, view: EvaluationReportView, form: FormFailure, notice: string | null) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'evaluation',
    t('evaluation.report_title'),
    <>
      <p>
        {view.saved
          ? t('evaluation.report_saved', { date: formatDate(c, view.saved.at) })
          : t('evaluation.report_draft')}
      </p>
      <p>
        <ButtonLink href={`${base(c)}/report.pdf`} secondary>
          {t('evaluation.report_pdf')}
        </ButtonLink>{' '}
        <a href={base(c)}>{t('evaluation.back_to_tab')}</a>
      </p>
      <FiguresPart c={c} lines={figureLines(view.figures, c.var.t, c.var.lang)} />
      <Section id="report-text" title={t('evaluation.report_text_heading')}>
        {can(c.var.role, 'evaluation:report') ? (
          <ReportForm c={c} view={view} form={form} />
        ) : (
          <ReportText c={c} view={view} />
        )}
      </Section>
    </>,
    { notice, status: Object.keys(form.errors).length > 0 ? 422 : 200 },
  );
}
