/**
 * Minority statements under a recommendation on the member's own page: each text, who wrote it and
 * who signs it, with one large button (sign, withdraw my signature, or withdraw my statement), and a
 * small form to write one herself. Plain words, no JavaScript needed.
 */
import { recommendationFieldLimits as limits } from '../../../../domain/field-limits.ts';
import type { MemberRecommendation, MemberStatement } from '../../../../queries/recommendations.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { Csrf, ErrorSummary, SubmitButton, str, TextArea } from '../../../views/forms.tsx';
import { formatNumber } from '../../../views/time.ts';
import { Paragraphs } from './parts.tsx';

function names(s: MemberStatement): string {
  const known = s.signatures.flatMap((g) => (g.name ? [g.name] : []));
  return known.join(', ');
}

function StatementButton(props: { c: Ctx; entry: MemberRecommendation; statement: MemberStatement }) {
  const { c, statement: s } = props;
  const t = c.var.t;
  const base = `/member/recommendations/${props.entry.recommendation.id}/statements/${s.id}`;
  const [action, label] = s.mine
    ? ['withdraw', t('recommendations.member_withdraw_statement')]
    : s.signed
      ? ['unsign', t('recommendations.member_unsign')]
      : ['sign', t('recommendations.member_sign')];
  return (
    <form method="post" action={`${base}/${action}`} class="stack">
      <Csrf c={c} />
      <SubmitButton label={label} secondary={s.mine || s.signed} />
    </form>
  );
}

function WriteForm(props: { c: Ctx; entry: MemberRecommendation; form: FormFailure }) {
  const { c, form } = props;
  const t = c.var.t;
  const labels = { text: t('recommendations.member_statement_label') };
  const failed = Object.keys(form.errors).length > 0;
  // One such form per recommendation on the page: each its own ids.
  const prefix = `statement-${props.entry.recommendation.id}-`;
  return (
    <details open={failed}>
      <summary>{t('recommendations.member_statement_write')}</summary>
      <form
        method="post"
        action={`/member/recommendations/${props.entry.recommendation.id}/statements`}
        class="stack"
        novalidate
      >
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} idPrefix={prefix} />
        <TextArea
          name="text"
          id={`${prefix}text`}
          label={labels.text}
          hint={t('recommendations.member_statement_hint', { max: formatNumber(c, limits.statement) })}
          value={str(form.values, 'text')}
          error={form.errors.text}
          rows={8}
        />
        <SubmitButton label={t('recommendations.member_statement_send')} />
      </form>
    </details>
  );
}

export function MemberStatements(props: { c: Ctx; entry: MemberRecommendation; form: FormFailure }) {
  const { c, entry } = props;
  const t = c.var.t;
  return (
    <div class="stack" id={`statements-${entry.recommendation.id}`}>
      <h3>{t('recommendations.member_statements_title')}</h3>
      <p>{t('recommendations.member_statements_lead')}</p>
      {entry.statements.map((s) => (
        <article class="statement">
          <p>
            <strong>
              {t('recommendations.member_statement_by', {
                name: s.authorName ?? t('recommendations.proposer_unknown'),
              })}
            </strong>
          </p>
          <Paragraphs text={s.text} />
          <p>{t('recommendations.member_signed_by', { count: s.signatures.length, names: names(s) })}</p>
          <StatementButton c={c} entry={entry} statement={s} />
        </article>
      ))}
      <WriteForm c={c} entry={entry} form={props.form} />
    </div>
  );
}
