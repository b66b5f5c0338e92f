/** The working groups with their recommendations, and the form of a working group. */
import { recommendationFieldLimits as limits } from '../../../../domain/field-limits.ts';
import { can } from '../../../../domain/roles.ts';
import type { GroupForm, GroupOverview, Recommendation } from '../../../../queries/recommendations.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import {
  ButtonLink,
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  SelectField,
  SubmitButton,
  str,
  TextField,
} from '../../../views/forms.tsx';
import { DataTable, EmptyState, Section } from '../../../views/kit.tsx';
import { formatDate, formatNumber } from '../../../views/time.ts';
import { base, formStatus, groupName, statusText } from './parts.tsx';

function GroupSection(props: { c: Ctx; entry: GroupOverview }) {
  const { c, entry } = props;
  const t = c.var.t;
  // Only the group's own facilitator, or an organiser, changes its work.
  const editor = entry.mayChange;
  const groupBase = `${base(c)}/groups/${entry.group.id}`;
  return (
    <Section
      id={`group-${entry.group.id}`}
      title={groupName(c, entry.group)}
      lead={t('recommendations.group_lead', {
        members: entry.members.length,
        facilitator: entry.facilitator ?? t('recommendations.no_facilitator'),
      })}
    >
      <DataTable
        caption={t('recommendations.list_caption', { group: groupName(c, entry.group) })}
        captionHidden
        rows={entry.recommendations}
        empty={t('recommendations.list_empty')}
        columns={[
          {
            header: t('recommendations.title_label'),
            rowHeader: true,
            cell: (r: Recommendation) => <a href={`${base(c)}/${r.id}`}>{r.title}</a>,
          },
          {
            header: t('recommendations.status'),
            cell: (r) => <span class="status">{statusText(c, r)}</span>,
          },
          { header: t('recommendations.version'), numeric: true, cell: (r) => formatNumber(c, r.version) },
          { header: t('recommendations.updated_at'), cell: (r) => formatDate(c, r.updated_at) },
        ]}
      />
      {editor ? (
        <p class="actions">
          <ButtonLink href={`${groupBase}/new`}>{t('recommendations.new')}</ButtonLink>
          <ButtonLink href={groupBase} secondary>
            {t('recommendations.group_edit')}
          </ButtonLink>
        </p>
      ) : null}
    </Section>
  );
}

export function listPage(c: Ctx, groups: GroupOverview[], notice: string | null) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'recommendations',
    t('recommendations.title'),
    <>
      <p>{t('recommendations.lead')}</p>
      {can(c.var.role, 'recommendations:edit') ? (
        <p class="actions">
          <ButtonLink href={`${base(c)}/groups/new`}>{t('recommendations.group_new')}</ButtonLink>
        </p>
      ) : null}
      {groups.length === 0 ? <EmptyState>{t('recommendations.groups_empty')}</EmptyState> : null}
      {groups.map((entry) => (
        <GroupSection c={c} entry={entry} />
      ))}
    </>,
    { notice },
  );
}

export function groupPage(c: Ctx, data: GroupForm, form: FormFailure) {
  const t = c.var.t;
  const title = data.group ? t('recommendations.group_edit') : t('recommendations.group_new');
  const action = data.group ? `${base(c)}/groups/${data.group.id}` : `${base(c)}/groups/new`;
  const checked = form.values.members;
  const labels = {
    name_sv: t('recommendations.name_sv_label'),
    name_en: t('recommendations.name_en_label'),
    facilitator: t('recommendations.facilitator_label'),
    members: t('recommendations.members_legend'),
  };
  return renderAssemblyPage(
    c,
    'recommendations',
    title,
    <Section id="group-form" title={title} lead={t('recommendations.group_form_lead')}>
      <form method="post" action={action} class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} />
        <TextField
          name="name_sv"
          label={labels.name_sv}
          lang="sv"
          value={str(form.values, 'name_sv')}
          error={form.errors.name_sv}
          hint={t('recommendations.max_hint', { max: formatNumber(c, limits.groupName) })}
        />
        <TextField
          name="name_en"
          label={labels.name_en}
          lang="en"
          value={str(form.values, 'name_en')}
          error={form.errors.name_en}
        />
        <SelectField
          name="facilitator"
          label={labels.facilitator}
          options={data.team.map((m) => ({ value: m.id, label: m.name }))}
          empty={t('recommendations.no_facilitator')}
          value={str(form.values, 'facilitator')}
          error={form.errors.facilitator}
        />
        {data.panel.length === 0 ? (
          <EmptyState>{t('recommendations.panel_empty')}</EmptyState>
        ) : (
          <ChoiceGroup
            name="members"
            legend={labels.members}
            hint={t('recommendations.members_hint')}
            type="checkbox"
            options={data.panel.map((m) => ({ value: m.id, label: m.name }))}
            checked={Array.isArray(checked) ? checked : checked ? [checked] : []}
            error={form.errors.members}
          />
        )}
        <SubmitButton label={t('recommendations.save')} />
      </form>
    </Section>,
    { status: formStatus(form) },
  );
}
