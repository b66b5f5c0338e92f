/**
 * The evaluation tab: the questionnaires (opening and closing them for organisers), each one's figures
 * under the ≥ 5 rule, and the audit log in figures. No names anywhere: there are none to show.
 */
import { audienceOf, questionnaireKinds, type StatementFigure } from '../../../../domain/evaluation.ts';
import { labelIn } from '../../../../domain/questions.ts';
import { can } from '../../../../domain/roles.ts';
import type {
  EvaluationOverview,
  QuestionnaireEntry,
  QuestionnaireResults,
} from '../../../../queries/evaluation.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { BarChart } from '../../../views/charts.tsx';
import {
  ButtonLink,
  Csrf,
  ErrorSummary,
  PostButton,
  SelectField,
  SubmitButton,
  str,
} from '../../../views/forms.tsx';
import { DataTable, EmptyState, Section } from '../../../views/kit.tsx';
import { formatDate, formatDay, formatMonth, formatNumber } from '../../../views/time.ts';
import { questionnaireTitle } from './parts.tsx';

function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/evaluation`;
}

function QuestionnaireTable(props: { c: Ctx; entries: QuestionnaireEntry[] }) {
  const { c } = props;
  const t = c.var.t;
  const manage = can(c.var.role, 'evaluation:manage');
  return (
    <DataTable
      caption={t('evaluation.questionnaires_caption')}
      captionHidden
      rows={props.entries}
      empty={t('evaluation.questionnaires_empty')}
      columns={[
        {
          header: t('evaluation.questionnaire'),
          rowHeader: true,
          cell: (e) => (
            <a href={`${base(c)}/questionnaires/${e.questionnaire.id}`}>{questionnaireTitle(c, e)}</a>
          ),
        },
        { header: t('evaluation.opened'), cell: (e) => formatDate(c, e.questionnaire.opened_at) },
        {
          header: t('evaluation.status'),
          cell: (e) => (
            <span class="status">
              {t(e.questionnaire.closed_at ? 'evaluation.closed' : 'evaluation.open')}
            </span>
          ),
        },
        {
          header: t('evaluation.invited'),
          numeric: true,
          cell: (e) => formatNumber(c, e.questionnaire.invited),
        },
        { header: t('evaluation.answers'), numeric: true, cell: (e) => formatNumber(c, e.answers) },
        ...(manage
          ? [
              {
                header: t('evaluation.actions'),
                hiddenHeader: true,
                cellClass: 'actions',
                cell: (e: QuestionnaireEntry) =>
                  e.questionnaire.closed_at ? null : (
                    <PostButton
                      c={c}
                      action={`${base(c)}/questionnaires/${e.questionnaire.id}/close`}
                      label={t('evaluation.close')}
                    />
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

function OpenForm(props: { c: Ctx; data: EvaluationOverview; form: FormFailure }) {
  const { c, data, form } = props;
  const t = c.var.t;
  const labels = { kind: t('evaluation.kind'), session: t('evaluation.session') };
  return (
    <Section id="open-questionnaire" title={t('evaluation.open_heading')} lead={t('evaluation.open_lead')}>
      <form method="post" action={`${base(c)}/questionnaires`} class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} />
        <SelectField
          name="kind"
          label={labels.kind}
          options={questionnaireKinds.map((k) => ({
            value: k,
            label: t(`evaluation.kind_${k}_${audienceOf(k)}`),
          }))}
          value={str(form.values, 'kind')}
          error={form.errors.kind}
        />
        <SelectField
          name="session"
          label={labels.session}
          hint={t('evaluation.session_hint')}
          empty={t('evaluation.session_none')}
          options={data.sessions.map((s) => ({
            value: s.id,
            label: `${labelIn(s.title, c.var.lang)} (${formatDay(c, s.startsAt)})`,
          }))}
          value={str(form.values, 'session')}
          error={form.errors.session}
        />
        <SubmitButton label={t('evaluation.open_button')} />
      </form>
    </Section>
  );
}

function AuditPart(props: { c: Ctx; audit: EvaluationOverview['audit'] }) {
  const { c, audit } = props;
  const t = c.var.t;
  return (
    <Section id="audit-summary" title={t('evaluation.audit_heading')} lead={t('evaluation.audit_lead')}>
      <DataTable
        caption={t('evaluation.audit_caption')}
        captionHidden
        rows={audit.rows}
        empty={t('evaluation.audit_empty')}
        columns={[
          { header: t('evaluation.audit_kind'), rowHeader: true, cell: (r) => r.kind },
          ...audit.months.map((month, i) => ({
            header: formatMonth(c, month),
            numeric: true,
            cell: (r: (typeof audit.rows)[number]) => formatNumber(c, r.counts[i]),
          })),
          { header: t('evaluation.audit_total'), numeric: true, cell: (r) => formatNumber(c, r.total) },
        ]}
      />
    </Section>
  );
}

export function overviewPage(c: Ctx, data: EvaluationOverview, form: FormFailure, notice: string | null) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'evaluation',
    t('evaluation.title'),
    <>
      <p>{t('evaluation.lead')}</p>
      <p>
        <ButtonLink href={`${base(c)}/report`}>{t('evaluation.report_link')}</ButtonLink>
      </p>
      <Section
        id="questionnaires"
        title={t('evaluation.questionnaires_heading')}
        lead={t('evaluation.rule_lead')}
      >
        <QuestionnaireTable c={c} entries={data.questionnaires} />
      </Section>
      {can(c.var.role, 'evaluation:manage') ? <OpenForm c={c} data={data} form={form} /> : null}
      <AuditPart c={c} audit={data.audit} />
    </>,
    { notice, status: Object.keys(form.errors).length > 0 ? 422 : 200 },
  );
}

function StatementPart(props: { c: Ctx; figure: StatementFigure }) {
  const { c, figure } = props;
  const t = c.var.t;
  const title = t(`evaluation.statement_${figure.statement}`);
  if (!figure.shown)
    return (
      <div class="statement-figure">
        <h3>{title}</h3>
        <p class="hidden-figure">{t('evaluation.hidden')}</p>
      </div>
    );
  const data = [
    ...figure.counts.map((value, i) => ({ label: t(`evaluation.level_${i + 1}`), value })),
    { label: t('evaluation.level_dont_know'), value: figure.dontKnow },
  ];
  return (
    <div class="statement-figure">
      <BarChart title={title} data={data} />
      <p>
        {t('evaluation.mean', {
          mean: formatNumber(c, figure.mean, 1),
          rated: formatNumber(c, figure.rated),
        })}
      </p>
    </div>
  );
}

export function resultsPage(c: Ctx, results: QuestionnaireResults) {
  const t = c.var.t;
  const { figures } = results;
  return renderAssemblyPage(
    c,
    'evaluation',
    questionnaireTitle(c, results),
    <>
      <p>
        {t('evaluation.respondents', {
          count: figures.respondents,
          answers: formatNumber(c, figures.respondents),
          invited: formatNumber(c, results.questionnaire.invited),
        })}
      </p>
      {figures.shown ? null : (
        <p class="hidden-figure">{t(figures.open ? 'evaluation.hidden_open' : 'evaluation.hidden')}</p>
      )}
      <Section id="statements" title={t('evaluation.statements_heading')} lead={t('evaluation.rule_lead')}>
        {figures.statements.map((figure) => (
          <StatementPart c={c} figure={figure} />
        ))}
      </Section>
      <Section id="comments" title={t('evaluation.comments_heading')}>
        {figures.comments === null ? (
          <p class="hidden-figure">{t('evaluation.hidden')}</p>
        ) : figures.comments.length === 0 ? (
          <EmptyState>{t('evaluation.comments_empty')}</EmptyState>
        ) : (
          <ul class="comments">
            {figures.comments.map((comment) => (
              <li class="prewrap">{comment}</li>
            ))}
          </ul>
        )}
      </Section>
      <p>
        <a href={base(c)}>{t('evaluation.back_to_tab')}</a>
      </p>
    </>,
  );
}
