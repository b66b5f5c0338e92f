/** What the recommendations pages share: a group's name, a status, a text's paragraphs, the form. */
import { recommendationFieldLimits as limits } from '../../../../domain/field-limits.ts';
import { paragraphsOf } from '../../../../domain/recommendations.ts';
import type { Recommendation, WorkingGroup } from '../../../../queries/recommendations.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { Csrf, ErrorSummary, SubmitButton, str, TextArea, TextField } from '../../../views/forms.tsx';
import { formatNumber } from '../../../views/time.ts';

export function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/recommendations`;
}

export function groupName(c: Ctx, group: WorkingGroup): string {
  return c.var.lang === 'en' ? group.name_en || group.name_sv : group.name_sv || group.name_en;
}

export function statusText(c: Ctx, r: Pick<Recommendation, 'status'>): string {
  return c.var.t(`recommendations.status_${r.status}`);
}

/** 403 when the command refused who acts (another group's work), 422 for what was typed. */
export function formStatus(form: FormFailure): 200 | 403 | 422 {
  if (form.refusal?.code === 'recommendations_not_your_group') return 403;
  return Object.keys(form.errors).length > 0 ? 422 : 200;
}

/** A stored text as paragraphs: never HTML, so nothing typed can become markup. */
export function Paragraphs(props: { text: string }) {
  return (
    <>
      {paragraphsOf(props.text).map((p) => (
        <p>{p}</p>
      ))}
    </>
  );
}

export function recommendationLabels(c: Ctx): Record<string, string> {
  const t = c.var.t;
  return {
    title: t('recommendations.title_label'),
    body: t('recommendations.body_label'),
    rationale: t('recommendations.rationale_label'),
  };
}

/** The form of a recommendation: its title, text and rationale, kept as typed when refused. */
export function RecommendationForm(props: { c: Ctx; action: string; form: FormFailure }) {
  const { c, form } = props;
  const t = c.var.t;
  const v = (name: string) => str(form.values, name);
  return (
    <form method="post" action={props.action} class="stack" novalidate>
      <Csrf c={c} />
      <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={recommendationLabels(c)} />
      <TextField
        name="title"
        label={t('recommendations.title_label')}
        value={v('title')}
        error={form.errors.title}
        hint={t('recommendations.max_hint', { max: formatNumber(c, limits.title) })}
      />
      <TextArea
        name="body"
        label={t('recommendations.body_label')}
        hint={t('recommendations.body_hint', { max: formatNumber(c, limits.body) })}
        value={v('body')}
        error={form.errors.body}
        rows={14}
      />
      <TextArea
        name="rationale"
        label={t('recommendations.rationale_label')}
        hint={t('recommendations.max_hint', { max: formatNumber(c, limits.rationale) })}
        value={v('rationale')}
        error={form.errors.rationale}
        rows={8}
      />
      <SubmitButton label={t('recommendations.save')} />
    </form>
  );
}

/**
 * The passage, its replacement and the reason: what every amendment form asks, whether a
 * facilitator records it for a member or the member proposes it herself (each with her own labels).
 */
export function AmendmentTextFields(props: {
  c: Ctx;
  form: FormFailure;
  labels: { passage: string; replacement: string; reason: string };
  reasonHint?: string;
  /** Put before the fields' ids when the page has one such form per recommendation. */
  idPrefix?: string;
}) {
  const { c, form, labels } = props;
  const id = (name: string) => (props.idPrefix ? `${props.idPrefix}${name}` : undefined);
  const t = c.var.t;
  const v = (name: string) => str(form.values, name);
  return (
    <>
      <TextArea
        name="passage"
        id={id('passage')}
        label={labels.passage}
        hint={t('recommendations.passage_hint')}
        value={v('passage')}
        error={form.errors.passage}
      />
      <TextArea
        name="replacement"
        id={id('replacement')}
        label={labels.replacement}
        hint={t('recommendations.replacement_hint')}
        value={v('replacement')}
        error={form.errors.replacement}
      />
      <TextArea
        name="reason"
        id={id('reason')}
        label={labels.reason}
        hint={props.reasonHint}
        value={v('reason')}
        error={form.errors.reason}
      />
    </>
  );
}
