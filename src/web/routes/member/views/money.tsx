/**
 * The member's money on her page: the stipend she has earned and been paid, her claims with their
 * status (and the reason when one was refused), and the way to make a new claim. Plain words, one
 * column, the button large enough for a thumb.
 */
import type { MemberMoneyView } from '../../../../queries/expenses.ts';
import type { Ctx } from '../../../env.ts';
import { ButtonLink } from '../../../views/forms.tsx';
import { Section } from '../../../views/kit.tsx';
import { formatDate } from '../../../views/time.ts';
import { kr, StatusTag, sessionLabel } from '../../expenses/views/parts.tsx';

function Figures(props: { c: Ctx; view: MemberMoneyView }) {
  const { c, view } = props;
  const t = c.var.t;
  const { money } = view;
  return (
    <dl class="facts">
      {view.rules.stipendBasis === 'none' ? null : (
        <>
          <dt>{t('expenses.mine_stipend_earned')}</dt>
          <dd>{kr(c, money.stipendOre)}</dd>
          <dt>{t('expenses.mine_stipend_paid')}</dt>
          <dd>{kr(c, money.stipendPaidOre)}</dd>
        </>
      )}
      <dt>{t('expenses.mine_claims_due')}</dt>
      <dd>{kr(c, money.claimsDueOre)}</dd>
      <dt>{t('expenses.mine_claims_paid')}</dt>
      <dd>{kr(c, money.claimsPaidOre)}</dd>
    </dl>
  );
}

function Claims(props: { c: Ctx; view: MemberMoneyView }) {
  const { c, view } = props;
  const t = c.var.t;
  if (view.claims.length === 0) return <p>{t('expenses.mine_no_claims')}</p>;
  return (
    <ul class="claims">
      {view.claims.map(({ claim, session }) => (
        <li>
          <p>
            <strong>{t(`expenses.kind_${claim.kind}`)}</strong> {kr(c, claim.amountOre)} –{' '}
            <StatusTag c={c} status={claim.status} />
          </p>
          <p class="hint">
            {t('expenses.mine_claim_line', {
              session: sessionLabel(c, session),
              date: formatDate(c, claim.submittedAt),
            })}
          </p>
          {claim.approvedOre !== null ? (
            <p>{t('expenses.mine_approved', { amount: kr(c, claim.approvedOre) })}</p>
          ) : null}
          {claim.status === 'rejected' ? <p>{t('expenses.mine_reason', { reason: claim.reason })}</p> : null}
          {claim.receipt ? (
            <p>
              <a href={`/member/claims/${claim.id}/receipt`} download>
                {t('expenses.receipt_link', { name: claim.receipt.name })}
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function MemberMoneyPart(props: { c: Ctx; view: MemberMoneyView }) {
  const { c, view } = props;
  const t = c.var.t;
  return (
    <Section id="money" title={t('expenses.mine_title')} lead={t('expenses.mine_lead')}>
      <Figures c={c} view={view} />
      <h3>{t('expenses.mine_claims_heading')}</h3>
      <Claims c={c} view={view} />
      {view.canClaim ? (
        <p>
          <ButtonLink href="/member/claims/new">{t('expenses.mine_new_claim')}</ButtonLink>
        </p>
      ) : (
        <p>{t('expenses.mine_left_panel')}</p>
      )}
    </Section>
  );
}
