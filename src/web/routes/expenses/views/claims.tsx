/** The organisers' claims: the list, and one claim with its receipt and the forms that decide it. */
import type { ExpenseRules } from '../../../../domain/stipends.ts';
import type { ClaimView } from '../../../../queries/expenses.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import {
  ButtonLink,
  Csrf,
  ErrorSummary,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatDate, formatNumber } from '../../../views/time.ts';
import { formStatus, kr, kronorField, StatusTag, sessionLabel } from './parts.tsx';

function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/expenses`;
}

/** Who claimed: her reference, and her name while she is on record. */
function whose(view: ClaimView): string {
  return view.person.name ? `${view.person.reference} ${view.person.name}` : view.person.reference;
}

function RulesSummary(props: { c: Ctx; rules: ExpenseRules }) {
  const { c, rules } = props;
  const t = c.var.t;
  const kinds = Object.entries(rules.limits).filter(([, limit]) => limit !== null);
  return (
    <dl class="facts">
      <dt>{t('expenses.stipend')}</dt>
      <dd>
        {rules.stipendBasis === 'none'
          ? t('expenses.basis_none')
          : t(`expenses.stipend_per_${rules.stipendBasis}`, { amount: kr(c, rules.stipendOre) })}
      </dd>
      <dt>{t('expenses.kinds_heading')}</dt>
      <dd>
        {kinds.length === 0
          ? t('expenses.nothing_reimbursed')
          : kinds
              .map(([kind, limit]) =>
                t('expenses.kind_with_limit', { kind: t(`expenses.kind_${kind}`), limit: kr(c, limit ?? 0) }),
              )
              .join(', ')}
      </dd>
    </dl>
  );
}

function ClaimsTable(props: { c: Ctx; claims: ClaimView[] }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <DataTable
      caption={t('expenses.claims_title')}
      captionHidden
      rows={props.claims}
      empty={t('expenses.claims_empty')}
      columns={[
        {
          header: t('expenses.submitted_at'),
          rowHeader: true,
          cell: (v) => <a href={`${base(c)}/claims/${v.claim.id}`}>{formatDate(c, v.claim.submittedAt)}</a>,
        },
        { header: t('expenses.person'), cell: (v) => whose(v) },
        { header: t('expenses.session'), cell: (v) => sessionLabel(c, v.session) },
        { header: t('expenses.kind'), cell: (v) => t(`expenses.kind_${v.claim.kind}`) },
        { header: t('expenses.amount'), numeric: true, cell: (v) => kr(c, v.claim.amountOre) },
        {
          header: t('expenses.approved_amount'),
          numeric: true,
          cell: (v) => (v.claim.approvedOre === null ? '–' : kr(c, v.claim.approvedOre)),
        },
        { header: t('expenses.status'), cell: (v) => <StatusTag c={c} status={v.claim.status} /> },
      ]}
    />
  );
}

export function claimsPage(
  c: Ctx,
  data: { rules: ExpenseRules; claims: ClaimView[] },
  notice: string | null,
) {
  const t = c.var.t;
  const waiting = data.claims.filter((v) => v.claim.status === 'submitted').length;
  return renderAssemblyPage(
    c,
    'expenses',
    t('expenses.title'),
    <>
      <p>{t('expenses.lead')}</p>
      <Section id="expense-rules" title={t('expenses.rules_title')}>
        <RulesSummary c={c} rules={data.rules} />
        <ButtonLink href={`${base(c)}/rules`} secondary>
          {t('expenses.rules_edit')}
        </ButtonLink>
      </Section>
      <Section
        id="expense-claims"
        title={t('expenses.claims_title')}
        lead={t('expenses.claims_waiting', { count: waiting, n: formatNumber(c, waiting) })}
      >
        <p class="actions">
          <ButtonLink href={`${base(c)}/claims/new`}>{t('expenses.claim_on_behalf')}</ButtonLink>{' '}
          <ButtonLink href={`${base(c)}/payout`} secondary>
            {t('expenses.payout_title')}
          </ButtonLink>
        </p>
        <ClaimsTable c={c} claims={data.claims} />
      </Section>
    </>,
    { notice },
  );
}

function ClaimFacts(props: { c: Ctx; view: ClaimView }) {
  const { c, view } = props;
  const { claim } = view;
  const t = c.var.t;
  return (
    <dl class="facts">
      <dt>{t('expenses.person')}</dt>
      <dd>{whose(view)}</dd>
      <dt>{t('expenses.session')}</dt>
      <dd>{sessionLabel(c, view.session)}</dd>
      <dt>{t('expenses.kind')}</dt>
      <dd>{t(`expenses.kind_${claim.kind}`)}</dd>
      <dt>{t('expenses.amount')}</dt>
      <dd>{kr(c, claim.amountOre)}</dd>
      <dt>{t('expenses.description')}</dt>
      <dd class="prewrap">{claim.erasedAt ? t('expenses.erased') : claim.description}</dd>
      <dt>{t('expenses.receipt')}</dt>
      <dd>
        {claim.receipt ? (
          <a href={`${base(c)}/claims/${claim.id}/receipt`} download>
            {t('expenses.receipt_link', { name: claim.receipt.name })}
          </a>
        ) : (
          t('expenses.receipt_none')
        )}
      </dd>
      <dt>{t('expenses.status')}</dt>
      <dd>
        <StatusTag c={c} status={claim.status} />
        {claim.approvedOre !== null ? ` ${kr(c, claim.approvedOre)}` : null}
        {claim.reason ? ` ${t('expenses.reason_shown', { reason: claim.reason })}` : null}
      </dd>
      <dt>{t('expenses.submitted_at')}</dt>
      <dd>
        {formatDate(c, claim.submittedAt)}
        {claim.submittedBy === 'self' ? '' : ` ${t('expenses.on_behalf')}`}
      </dd>
    </dl>
  );
}

/** Approve with an amount (at most the limit), or reject with a reason: both on the open claim. */
function DecisionForms(props: { c: Ctx; view: ClaimView; rules: ExpenseRules; form: FormFailure }) {
  const { c, view, rules, form } = props;
  const t = c.var.t;
  const href = `${base(c)}/claims/${view.claim.id}`;
  const limit = rules.limits[view.claim.kind];
  const proposed = Math.min(view.claim.amountOre, limit ?? view.claim.amountOre);
  const labels = { approved_amount: t('expenses.approved_amount'), reason: t('expenses.reason') };
  return (
    <>
      <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} />
      <h3>{t('expenses.approve_heading')}</h3>
      <form method="post" action={`${href}/approve`} class="stack" novalidate>
        <Csrf c={c} />
        <TextField
          name="approved_amount"
          label={labels.approved_amount}
          hint={
            limit === null
              ? t('expenses.kind_not_reimbursed_now')
              : t('expenses.hint_approve', { limit: kr(c, limit) })
          }
          value={str(form.values, 'approved_amount') || kronorField(c.var.lang, proposed)}
          error={form.errors.approved_amount}
        />
        <SubmitButton label={t('expenses.approve')} />
      </form>
      <h3>{t('expenses.reject_heading')}</h3>
      <form method="post" action={`${href}/reject`} class="stack" novalidate>
        <Csrf c={c} />
        <TextArea
          name="reason"
          label={labels.reason}
          hint={t('expenses.hint_reason')}
          rows={3}
          value={str(form.values, 'reason')}
          error={form.errors.reason}
        />
        <SubmitButton label={t('expenses.reject')} secondary />
      </form>
    </>
  );
}

export function claimPage(c: Ctx, data: ClaimView & { rules: ExpenseRules }, form: FormFailure) {
  const t = c.var.t;
  const { claim } = data;
  return renderAssemblyPage(
    c,
    'expenses',
    t('expenses.claim_title'),
    <>
      <p>
        <a href={base(c)}>{t('expenses.back')}</a>
      </p>
      <Section id="expense-claim" title={t('expenses.claim_title')}>
        <ClaimFacts c={c} view={data} />
      </Section>
      {claim.status === 'submitted' ? (
        <Section id="expense-decision" title={t('expenses.decision_title')}>
          <DecisionForms c={c} view={data} rules={data.rules} form={form} />
        </Section>
      ) : null}
      {claim.status === 'approved' ? (
        <Section id="expense-payment" title={t('expenses.payment_title')}>
          <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={{}} />
          <form method="post" action={`${base(c)}/claims/${claim.id}/paid`}>
            <Csrf c={c} />
            <SubmitButton label={t('expenses.mark_paid')} />
          </form>
        </Section>
      ) : null}
    </>,
    { status: formStatus(form) },
  );
}
