/**
 * The member's claim form, on her phone: one column, large targets, plain words, a plain multipart
 * form that needs no script. It lists only the sessions she was marked present at.
 */
import type { ExpenseRules } from '../../../../domain/stipends.ts';
import type { AssemblySession } from '../../../../repositories/sessions.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { Csrf, ErrorSummary, SubmitButton } from '../../../views/forms.tsx';
import { EmptyState } from '../../../views/kit.tsx';
import { render } from '../../../views/layout.tsx';
import { ClaimFields, claimLabels, formStatus } from './parts.tsx';

function ClaimForm(props: {
  c: Ctx;
  form: FormFailure;
  rules: ExpenseRules;
  sessions: AssemblySession[];
  maxBytes: number;
}) {
  const { c, form } = props;
  const t = c.var.t;
  const reimbursed = Object.values(props.rules.limits).some((limit) => limit !== null);
  if (!reimbursed) return <EmptyState>{t('expenses.member_nothing_reimbursed')}</EmptyState>;
  if (props.sessions.length === 0) return <EmptyState>{t('expenses.member_no_sessions')}</EmptyState>;
  return (
    <form method="post" action="/member/claims" class="stack" enctype="multipart/form-data" novalidate>
      <Csrf c={c} />
      <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={claimLabels(c)} />
      <ClaimFields
        c={c}
        form={form}
        rules={props.rules}
        sessions={props.sessions}
        maxBytes={props.maxBytes}
      />
      <SubmitButton label={t('expenses.member_send')} />
    </form>
  );
}

export function memberClaimPage(
  c: Ctx,
  data: { rules: ExpenseRules; sessions: AssemblySession[] },
  form: FormFailure,
  maxBytes: number,
  notice: string | null,
) {
  const t = c.var.t;
  return render(
    c,
    { title: t('expenses.member_title'), nav: 'member', notice },
    <>
      <h1>{t('expenses.member_title')}</h1>
      <p>{t('expenses.member_lead')}</p>
      <ClaimForm c={c} form={form} rules={data.rules} sessions={data.sessions} maxBytes={maxBytes} />
      <p>
        <a href="/member#money">{t('expenses.member_back')}</a>
      </p>
    </>,
    formStatus(form),
  );
}
