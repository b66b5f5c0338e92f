/**
 * A recommendation's amendments: each as before and after (the passage and its replacement compared
 * word by word) and as the whole text it would give, with the member's reason, a note where it
 * conflicts with another open amendment, and the group's decision; and the form to propose one.
 */
import { recommendationFieldLimits as limits } from '../../../../domain/field-limits.ts';
import { amendmentDecisions, diffSegments } from '../../../../domain/recommendations.ts';
import { can } from '../../../../domain/roles.ts';
import type { AmendmentEntry, RecommendationView } from '../../../../queries/recommendations.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { ButtonLink, Csrf, ErrorSummary, SelectField, SubmitButton, str } from '../../../views/forms.tsx';
import { EmptyState, Section } from '../../../views/kit.tsx';
import { formatNumber } from '../../../views/time.ts';
import { Segments } from './history.tsx';
import { AmendmentTextFields, base, Paragraphs } from './parts.tsx';

function Decide(props: { c: Ctx; view: RecommendationView; amendment: AmendmentEntry }) {
  const { c, view, amendment } = props;
  const t = c.var.t;
  return (
    <form
      method="post"
      action={`${base(c)}/${view.recommendation.id}/amendments/${amendment.id}`}
      class="actions"
    >
      <Csrf c={c} />
      {amendmentDecisions.map((d) => (
        <SubmitButton name="decision" value={d} label={t(`recommendations.decide_${d}`)} secondary />
      ))}
    </form>
  );
}

function AmendmentItem(props: {
  c: Ctx;
  view: RecommendationView;
  amendment: AmendmentEntry;
  index: number;
}) {
  const { c, view, amendment: a } = props;
  const t = c.var.t;
  const number = (id: string) => formatNumber(c, view.amendments.findIndex((x) => x.id === id) + 1);
  return (
    <li id={`amendment-${a.id}`}>
      <h3>
        {t('recommendations.amendment_heading', { number: formatNumber(c, props.index + 1) })}{' '}
        <span class="status">{t(`recommendations.amendment_status_${a.status}`)}</span>
      </h3>
      <p>
        {t('recommendations.amendment_by', {
          name: a.proposer ?? t('recommendations.proposer_unknown'),
          version: formatNumber(c, a.base_version),
        })}
      </p>
      {a.conflictsWith.length > 0 ? (
        <p class="changed">
          {t('recommendations.amendment_conflict', { numbers: a.conflictsWith.map(number).join(', ') })}
        </p>
      ) : null}
      <p>{t('recommendations.amendment_change')}</p>
      <Segments c={c} segments={diffSegments(a.passage, a.replacement)} />
      <p>
        {t('recommendations.reason_label')}: {a.reason}
      </p>
      {a.status === 'open' ? (
        a.result === null ? (
          <p>{t('recommendations.passage_gone')}</p>
        ) : (
          <details>
            <summary>{t('recommendations.amendment_result')}</summary>
            <Paragraphs text={a.result} />
          </details>
        )
      ) : null}
      {a.status === 'open' && view.mayChange ? <Decide c={c} view={view} amendment={a} /> : null}
      {a.status === 'plenary' && can(c.var.role, 'votes:run') ? (
        <p class="actions">
          <ButtonLink href={`/a/${c.var.assembly.id}/votes/new?amendment=${a.id}`}>
            {t('recommendations.put_to_vote')}
          </ButtonLink>
        </p>
      ) : null}
    </li>
  );
}

function Propose(props: { c: Ctx; view: RecommendationView; form: FormFailure }) {
  const { c, view, form } = props;
  const t = c.var.t;
  const v = (name: string) => str(form.values, name);
  const labels = {
    person: t('recommendations.person_label'),
    passage: t('recommendations.passage_label'),
    replacement: t('recommendations.replacement_label'),
    reason: t('recommendations.reason_label'),
  };
  return (
    <form method="post" action={`${base(c)}/${view.recommendation.id}/amendments`} class="stack" novalidate>
      <Csrf c={c} />
      <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} />
      <SelectField
        name="person"
        label={labels.person}
        options={view.panel.map((m) => ({ value: m.id, label: m.name }))}
        empty={t('recommendations.person_choose')}
        value={v('person')}
        error={form.errors.person}
      />
      <AmendmentTextFields
        c={c}
        form={form}
        labels={labels}
        reasonHint={t('recommendations.max_hint', { max: formatNumber(c, limits.reason) })}
      />
      <SubmitButton label={t('recommendations.propose')} />
    </form>
  );
}

export function Amendments(props: { c: Ctx; view: RecommendationView; form: FormFailure }) {
  const { c, view } = props;
  const t = c.var.t;
  const r = view.recommendation;
  const open = r.status === 'draft' || r.status === 'plenary';
  return (
    <Section
      id="amendments"
      title={t('recommendations.amendments_title')}
      lead={t('recommendations.amendments_lead')}
    >
      {view.amendments.length === 0 ? (
        <EmptyState>{t('recommendations.amendments_empty')}</EmptyState>
      ) : (
        <ol class="amendments">
          {view.amendments.map((a, index) => (
            <AmendmentItem c={c} view={view} amendment={a} index={index} />
          ))}
        </ol>
      )}
      {open && view.mayChange ? (
        <Section id="propose" level={3} title={t('recommendations.propose_title')}>
          <Propose c={c} view={view} form={props.form} />
        </Section>
      ) : null}
    </Section>
  );
}
