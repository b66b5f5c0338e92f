/** A recommendation: its text and rationale, its status, its history; and its forms. */
import { manualStatuses, takesStatements } from '../../../../domain/recommendations.ts';
import { can } from '../../../../domain/roles.ts';
import type {
  RecommendationVersion,
  RecommendationView,
  WorkingGroup,
} from '../../../../queries/recommendations.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { ButtonLink, Csrf, SelectField, SubmitButton } from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatNumber, formatTime } from '../../../views/time.ts';
import { Amendments } from './amendments.tsx';
import { base, formStatus, groupName, Paragraphs, RecommendationForm, statusText } from './parts.tsx';
import { Statements } from './statements.tsx';

/** Adopted and not adopted are not offered: closing the plenary vote sets them. */
function StatusForm(props: { c: Ctx; view: RecommendationView }) {
  const { c, view } = props;
  const t = c.var.t;
  if (!(manualStatuses as readonly string[]).includes(view.recommendation.status))
    return <p>{t('recommendations.status_by_vote')}</p>;
  return (
    <form method="post" action={`${base(c)}/${view.recommendation.id}/status`} class="stack">
      <Csrf c={c} />
      <SelectField
        name="status"
        id="new-status"
        label={t('recommendations.status_label')}
        options={manualStatuses.map((s) => ({ value: s, label: statusText(c, { status: s }) }))}
        value={view.recommendation.status}
      />
      <SubmitButton label={t('recommendations.status_change')} secondary />
    </form>
  );
}

function History(props: { c: Ctx; view: RecommendationView }) {
  const { c, view } = props;
  const t = c.var.t;
  const href = `${base(c)}/${view.recommendation.id}/compare`;
  return (
    <Section id="history" title={t('recommendations.history_title')} lead={t('recommendations.history_lead')}>
      <DataTable
        caption={t('recommendations.history_title')}
        captionHidden
        rows={[...view.versions].reverse()}
        empty={t('recommendations.history_empty')}
        columns={[
          {
            header: t('recommendations.version'),
            rowHeader: true,
            numeric: true,
            cell: (v: RecommendationVersion) => formatNumber(c, v.number),
          },
          { header: t('recommendations.saved_at'), cell: (v) => formatTime(c, v.saved_at) },
          { header: t('recommendations.saved_by'), cell: (v) => v.saved_by_name ?? '–' },
          {
            header: t('recommendations.compare'),
            hiddenHeader: true,
            cell: (v) =>
              v.number > 1 ? (
                <a href={`${href}?from=${v.number - 1}&to=${v.number}`}>
                  {t('recommendations.compare_previous', { number: formatNumber(c, v.number) })}
                </a>
              ) : (
                ''
              ),
          },
        ]}
      />
      {view.versions.length > 1 ? (
        <p>
          <a href={href}>{t('recommendations.compare_any')}</a>
        </p>
      ) : null}
    </Section>
  );
}

export interface RecommendationPageOptions {
  notice?: string | null;
  /** The answer's status when a button's command was refused. */
  status?: 403 | 422;
  amendmentForm?: FormFailure;
  statementForm?: FormFailure;
}

const none: FormFailure = { values: {}, errors: {} };

export function recommendationPage(
  c: Ctx,
  view: RecommendationView,
  options: RecommendationPageOptions = {},
) {
  const t = c.var.t;
  const r = view.recommendation;
  const amendmentForm = options.amendmentForm ?? none;
  const statementForm = options.statementForm ?? none;
  // Only the group's own facilitator, or an organiser, changes its work.
  const editor = view.mayChange;
  // A refused form that this page does not show (she may not change the group's work, or the
  // recommendation no longer takes it): its refusal is said in the notice instead.
  const open = r.status === 'draft' || r.status === 'plenary';
  const refused = [
    ...(editor && open ? [] : [amendmentForm]),
    ...(editor && takesStatements(r.status) ? [] : [statementForm]),
  ].find((f) => f.errors._form)?.errors._form;
  return renderAssemblyPage(
    c,
    'recommendations',
    r.title,
    <>
      <ul class="facts-inline">
        <li>{t('recommendations.of_group', { group: groupName(c, view.group) })}</li>
        <li>
          <span class="status">{statusText(c, r)}</span>
        </li>
        <li>{t('recommendations.version_of', { number: formatNumber(c, r.version) })}</li>
      </ul>
      <p class="actions">
        {editor && (r.status === 'draft' || r.status === 'plenary') ? (
          <ButtonLink href={`${base(c)}/${r.id}/edit`}>{t('recommendations.edit')}</ButtonLink>
        ) : null}
        {r.status === 'plenary' && can(c.var.role, 'votes:run') ? (
          <ButtonLink href={`/a/${c.var.assembly.id}/votes/new?recommendation=${r.id}`}>
            {t('recommendations.put_to_vote')}
          </ButtonLink>
        ) : null}
        <ButtonLink href={`${base(c)}/${r.id}/print`} secondary>
          {t('recommendations.print')}
        </ButtonLink>
      </p>
      <Section id="text" title={t('recommendations.body_label')}>
        <div class="recommendation-text">
          <Paragraphs text={r.body} />
        </div>
      </Section>
      <Section id="rationale" title={t('recommendations.rationale_label')}>
        {r.rationale ? <Paragraphs text={r.rationale} /> : <p>{t('recommendations.no_rationale')}</p>}
      </Section>
      {editor ? (
        <Section id="status" title={t('recommendations.status')}>
          <StatusForm c={c} view={view} />
        </Section>
      ) : null}
      <Amendments c={c} view={view} form={amendmentForm} />
      <Statements c={c} view={view} form={statementForm} />
      <History c={c} view={view} />
    </>,
    {
      notice: options.notice ?? refused ?? null,
      status:
        options.status ??
        (formStatus(amendmentForm) !== 200 ? formStatus(amendmentForm) : formStatus(statementForm)),
    },
  );
}

export function createPage(c: Ctx, group: WorkingGroup, form: FormFailure) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'recommendations',
    t('recommendations.new'),
    <Section
      id="recommendation-form"
      title={t('recommendations.new')}
      lead={t('recommendations.of_group', { group: groupName(c, group) })}
    >
      <RecommendationForm c={c} action={`${base(c)}/groups/${group.id}/new`} form={form} />
    </Section>,
    { status: formStatus(form) },
  );
}

export function editPage(c: Ctx, view: RecommendationView, form: FormFailure) {
  const t = c.var.t;
  const r = view.recommendation;
  return renderAssemblyPage(
    c,
    'recommendations',
    t('recommendations.edit'),
    <Section id="recommendation-form" title={t('recommendations.edit')} lead={t('recommendations.edit_lead')}>
      <RecommendationForm c={c} action={`${base(c)}/${r.id}/edit`} form={form} />
    </Section>,
    { status: formStatus(form) },
  );
}
