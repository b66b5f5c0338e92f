/**
 * The evaluation report: the evaluator's text, section by section, which starts as a draft written
 * from Lotta's own figures; the figures themselves beside it; and the PDF.
 */

import { reportSections } from '../../../../domain/evaluation.ts';
import type { EvaluationFigures } from '../../../../domain/evaluation-report.ts';
import { can } from '../../../../domain/roles.ts';
import type { EvaluationReportView } from '../../../../queries/evaluation.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { ButtonLink, Csrf, ErrorSummary, SubmitButton, str, TextArea } from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatDate, formatNumber, formatPercent } from '../../../views/time.ts';

function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/evaluation`;
}

function figureRows(c: Ctx, f: EvaluationFigures): { label: string; value: string }[] {
  const t = c.var.t;
  const n = (value: number, digits = 0) => formatNumber(c, value, digits);
  const pct = (share: number | null) => (share === null ? '–' : formatPercent(c, share));
  return [
    {
      label: t('evaluation.figure_invitations'),
      value: `${n(f.invitations.sent)} / ${n(f.invitations.registered)}`,
    },
    { label: t('evaluation.figure_response_rate'), value: pct(f.invitations.responseRate) },
    {
      label: t('evaluation.figure_targets'),
      value: `${n(f.representativeness.targetsMet)} / ${n(f.representativeness.targets)}`,
    },
    { label: t('evaluation.figure_hours'), value: n(f.hours.total, 1) },
    ...(['learning', 'deliberation', 'decision', 'social'] as const).map((type) => ({
      label: t('evaluation.figure_hours_of', { type: t(`evaluation.type_${type}`) }),
      value: n(f.hours.byType[type], 1),
    })),
    { label: t('evaluation.figure_attendance'), value: pct(f.attendance.presentShare) },
    { label: t('evaluation.figure_drop_outs'), value: n(f.attendance.leftAfterConfirming) },
    { label: t('evaluation.figure_at_risk'), value: n(f.attendance.atRisk) },
    { label: t('evaluation.figure_experts'), value: n(f.experts.count) },
    { label: t('evaluation.figure_requests'), value: n(f.requests.total) },
    { label: t('evaluation.figure_votes'), value: `${n(f.votes.adopted)} / ${n(f.votes.closed)}` },
    {
      label: t('evaluation.figure_answers'),
      value: f.answers
        ? `${n(f.answers.answered)} / ${n(f.answers.recommendations)}`
        : t('evaluation.not_yet_available'),
    },
    {
      label: t('evaluation.figure_questionnaires'),
      value: `${n(f.questionnaires.shown)} / ${n(f.questionnaires.count)}`,
    },
  ];
}

function FiguresPart(props: { c: Ctx; figures: EvaluationFigures }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Section id="figures" title={t('evaluation.figures_heading')} lead={t('evaluation.figures_lead')}>
      <DataTable
        caption={t('evaluation.figures_heading')}
        captionHidden
        rows={figureRows(c, props.figures)}
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
      <FiguresPart c={c} figures={view.figures} />
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
