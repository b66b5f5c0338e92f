/**
 * A member's own page of recommendations: each text in plain paragraphs; under her working groups'
 * open ones a plain form to propose a change to a passage, and under those before the plenary or
 * decided by it their minority statements to sign and a form to write one. Phone-first, large
 * targets, no JavaScript needed; a form she sent keeps what she typed when something is wrong.
 */
import type { MemberRecommendation } from '../../../../queries/recommendations.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { Csrf, ErrorSummary, SubmitButton } from '../../../views/forms.tsx';
import { EmptyState, Section } from '../../../views/kit.tsx';
import { render } from '../../../views/layout.tsx';
import { MemberStatements } from './member-statements.tsx';
import { AmendmentTextFields, Paragraphs, statusText } from './parts.tsx';

function AmendForm(props: { c: Ctx; entry: MemberRecommendation; form: FormFailure }) {
  const { c, form } = props;
  const t = c.var.t;
  // One such form per recommendation on the page: each its own ids.
  const prefix = `amend-${props.entry.recommendation.id}-`;
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
        action={`/member/recommendations/${props.entry.recommendation.id}/amend`}
        class="stack"
        novalidate
      >
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} idPrefix={prefix} />
        <AmendmentTextFields c={c} form={form} labels={labels} idPrefix={prefix} />
        <SubmitButton label={t('recommendations.propose')} />
      </form>
    </details>
  );
}

export interface MemberPageOptions {
  notice?: string | null;
  status?: 422;
  /** The amendment form she sent, refused, with what she typed. */
  amend?: { id: string; form: FormFailure };
  /** The minority statement she wrote, refused, with what she typed. */
  statement?: { id: string; form: FormFailure };
}

const none: FormFailure = { values: {}, errors: {} };

export function memberPage(c: Ctx, entries: MemberRecommendation[], options: MemberPageOptions = {}) {
  const t = c.var.t;
  const formOf = (failed: { id: string; form: FormFailure } | undefined, id: string) =>
    failed?.id === id ? failed.form : none;
  return render(
    c,
    { title: t('recommendations.member_title'), nav: 'member', notice: options.notice ?? null },
    <>
      <h1>{t('recommendations.member_title')}</h1>
      <p>{t('recommendations.member_lead')}</p>
      {entries.length === 0 ? <EmptyState>{t('recommendations.member_empty')}</EmptyState> : null}
      {entries.map((entry) => (
        <Section id={`recommendation-${entry.recommendation.id}`} title={entry.recommendation.title}>
          <p>
            <span class="status">{statusText(c, entry.recommendation)}</span>
          </p>
          <Paragraphs text={entry.recommendation.body} />
          {entry.amendable ? (
            <AmendForm c={c} entry={entry} form={formOf(options.amend, entry.recommendation.id)} />
          ) : null}
          {entry.takesStatements ? (
            <MemberStatements c={c} entry={entry} form={formOf(options.statement, entry.recommendation.id)} />
          ) : null}
        </Section>
      ))}
      <p>
        <a href="/member">{t('recommendations.member_back')}</a>
      </p>
    </>,
    options.status ?? (options.amend || options.statement ? 422 : 200),
  );
}
