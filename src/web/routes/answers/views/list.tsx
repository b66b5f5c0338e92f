/**
 * The answers page: the handover date and deadline, who answers, and every adopted recommendation
 * with where its answer stands. Commissioners see this page and the answer pages, nothing else.
 */
import { can } from '../../../../domain/roles.ts';
import type { AnswerItem, AnswersPage } from '../../../../queries/answers.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { Csrf, ErrorSummary, SelectField, SubmitButton, str, TextField } from '../../../views/forms.tsx';
import { DataTable, EmptyState, Section } from '../../../views/kit.tsx';
import { formatDay, formatNumber } from '../../../views/time.ts';
import { base, fieldLabels, statusText, TimelinessBadge } from './parts.tsx';

export interface ListForms {
  deadline?: FormFailure;
  invite?: FormFailure;
}

function DeadlineForm(props: { c: Ctx; page: AnswersPage; form?: FormFailure }) {
  const { c, page } = props;
  const t = c.var.t;
  const values = props.form?.values ?? {
    handover_date: page.deadline?.handoverDate ?? '',
    deadline: page.deadline?.deadline ?? '',
  };
  const errors = props.form?.errors ?? {};
  return (
    <form method="post" action={`${base(c)}/deadline`} class="stack" novalidate>
      <Csrf c={c} />
      <ErrorSummary title={t('errors.summary')} errors={errors} labels={fieldLabels(c)} />
      <TextField
        name="handover_date"
        type="date"
        label={t('answers.handover_label')}
        value={str(values, 'handover_date')}
        error={errors.handover_date}
      />
      <TextField
        name="deadline"
        type="date"
        label={t('answers.deadline_label')}
        hint={t('answers.deadline_hint')}
        value={str(values, 'deadline')}
        error={errors.deadline}
      />
      <SubmitButton label={t('answers.deadline_save')} />
    </form>
  );
}

function DeadlineSection(props: { c: Ctx; page: AnswersPage; form?: FormFailure }) {
  const { c, page } = props;
  const t = c.var.t;
  const d = page.deadline;
  return (
    <Section id="answers-deadline" title={t('answers.deadline_title')} lead={t('answers.deadline_lead')}>
      {d ? (
        <dl>
          <dt>{t('answers.handover_label')}</dt>
          <dd>{formatDay(c, d.handoverDate, { long: true })}</dd>
          <dt>{t('answers.deadline_label')}</dt>
          <dd>{formatDay(c, d.deadline, { long: true })}</dd>
        </dl>
      ) : (
        <EmptyState>{t('answers.deadline_none')}</EmptyState>
      )}
      {can(c.var.role, 'answers:manage') ? <DeadlineForm c={c} page={page} form={props.form} /> : null}
    </Section>
  );
}

function InviteForm(props: { c: Ctx; form?: FormFailure }) {
  const { c } = props;
  const t = c.var.t;
  const values = props.form?.values ?? { language: c.var.lang };
  const errors = props.form?.errors ?? {};
  return (
    <form method="post" action={`${base(c)}/commissioners`} class="stack" novalidate>
      <Csrf c={c} />
      <ErrorSummary title={t('errors.summary')} errors={errors} labels={fieldLabels(c)} />
      <TextField
        name="name"
        label={t('answers.invite_name')}
        value={str(values, 'name')}
        error={errors.name}
      />
      <TextField
        name="email"
        type="email"
        label={t('answers.invite_email')}
        value={str(values, 'email')}
        error={errors.email}
        autocomplete="off"
      />
      <SelectField
        name="language"
        label={t('answers.invite_language')}
        options={[
          { value: 'sv', label: t('answers.language_sv') },
          { value: 'en', label: t('answers.language_en') },
        ]}
        value={str(values, 'language')}
        error={errors.language}
      />
      <SubmitButton label={t('answers.invite_send')} />
    </form>
  );
}

function CommissionersSection(props: { c: Ctx; page: AnswersPage; form?: FormFailure }) {
  const { c, page } = props;
  const t = c.var.t;
  return (
    <Section
      id="answers-commissioners"
      title={t('answers.commissioners_title')}
      lead={t('answers.commissioners_lead')}
    >
      {page.commissioners.length > 0 ? (
        <ul>
          {page.commissioners.map((p) => (
            <li>
              {p.name} ({p.email})
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('answers.commissioners_none')}</EmptyState>
      )}
      <p>
        <a href={`/a/${c.var.assembly.id}/team`}>{t('answers.team_link')}</a>
      </p>
      <InviteForm c={c} form={props.form} />
    </Section>
  );
}

function RecommendationsTable(props: { c: Ctx; items: AnswerItem[] }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <DataTable
      caption={t('answers.table_caption')}
      captionHidden
      rows={props.items}
      empty={t('answers.none_adopted')}
      rowData={(i) => ({ 'data-recommendation': i.recommendation.id, 'data-timeliness': i.timeliness })}
      columns={[
        {
          header: t('answers.recommendation'),
          rowHeader: true,
          cell: (i) => <a href={`${base(c)}/${i.recommendation.id}`}>{i.recommendation.title}</a>,
        },
        {
          header: t('answers.published_answer'),
          cell: (i) => (i.versions[0] ? statusText(c, i.versions[0].status) : t('answers.not_published')),
        },
        { header: t('answers.timeliness'), cell: (i) => <TimelinessBadge c={c} timeliness={i.timeliness} /> },
        {
          header: t('answers.draft_column'),
          cell: (i) => (i.unpublishedChanges ? t('answers.draft_waiting') : '–'),
        },
        {
          header: t('answers.updates_column'),
          numeric: true,
          cell: (i) => formatNumber(c, i.updates.length),
        },
      ]}
    />
  );
}

export function listPage(c: Ctx, page: AnswersPage, forms: ListForms, notice: string | null) {
  const t = c.var.t;
  const overdue = page.items.filter((i) => i.timeliness === 'overdue').length;
  const invalid = forms.deadline || forms.invite;
  return renderAssemblyPage(
    c,
    'answers',
    t('answers.title'),
    <>
      <p>{t('answers.lead')}</p>
      {overdue > 0 ? (
        <p class="warning" role="status">
          {t('answers.overdue_count', { count: overdue, formatted: formatNumber(c, overdue) })}
        </p>
      ) : null}
      <Section id="answers-recommendations" title={t('answers.recommendations_title')}>
        <RecommendationsTable c={c} items={page.items} />
      </Section>
      <DeadlineSection c={c} page={page} form={forms.deadline} />
      {can(c.var.role, 'answers:manage') ? (
        <CommissionersSection c={c} page={page} form={forms.invite} />
      ) : null}
    </>,
    { notice, status: invalid && Object.keys(invalid.errors).length > 0 ? 422 : 200 },
  );
}
