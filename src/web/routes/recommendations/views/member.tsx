/**
 * A member's own page of her working groups' recommendations: each text in plain paragraphs, with a
 * plain form to propose a change to a passage. Phone-first, large targets, no JavaScript needed; the
 * form she sent keeps what she typed when something is wrong.
 */
import type { Recommendation } from '../../../../queries/recommendations.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { Csrf, ErrorSummary, SubmitButton, str } from '../../../views/forms.tsx';
import { EmptyState, Section } from '../../../views/kit.tsx';
import { render } from '../../../views/layout.tsx';
import { AmendmentTextFields, Paragraphs } from './parts.tsx';

function AmendForm(props: { c: Ctx; recommendation: Recommendation; form: FormFailure }) {
  const { c, form } = props;
  const t = c.var.t;
  const _v = (name: string) => str(form.values, name);
  const labels = {
    passage: t('recommendations.member_passage_label'),
    replacement: t('recommendations.member_replacement_label'),
    reason: t('recommendations.member_reason_label'),
  };
  const failed = Object.keys(form.errors).length > 0;
  return (
    <details open={failed}>
      <summary>{t('recommendations.member_amend')}</summary>
      <form
        method="post"
        action={`/member/recommendations/${props.recommendation.id}/amend`}
        class="stack"
        novalidate
      >
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} />
        <AmendmentTextFields c={c} form={form} labels={labels} />
        <SubmitButton label={t('recommendations.propose')} />
      </form>
    </details>
  );
}

export function memberPage(
  c: Ctx,
  recommendations: Recommendation[],
  failed: { id: string; form: FormFailure } | null,
  notice: string | null,
) {
  const t = c.var.t;
  const none: FormFailure = { values: {}, errors: {} };
  return render(
    c,
    { title: t('recommendations.member_title'), nav: 'member', notice },
    <>
      <h1>{t('recommendations.member_title')}</h1>
      <p>{t('recommendations.member_lead')}</p>
      {recommendations.length === 0 ? <EmptyState>{t('recommendations.member_empty')}</EmptyState> : null}
      {recommendations.map((r) => (
        <Section id={`recommendation-${r.id}`} title={r.title}>
          <Paragraphs text={r.body} />
          <AmendForm c={c} recommendation={r} form={failed?.id === r.id ? failed.form : none} />
        </Section>
      ))}
      <p>
        <a href="/member">{t('recommendations.member_back')}</a>
      </p>
    </>,
    failed ? 422 : 200,
  );
}
