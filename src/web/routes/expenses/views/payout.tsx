/**
 * The payout page: per member what she earned, what was paid and what is still due (stipends and
 * reimbursements apart), the payout file, and each member's calendar years with those at or above
 * the kontrolluppgift threshold marked.
 */
import { kontrolluppgiftThresholdOre, type YearTotal } from '../../../../domain/stipends.ts';
import type { PayoutRow } from '../../../../queries/expenses.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { ButtonLink, PostButton } from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { kr } from './parts.tsx';

function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/expenses`;
}

function who(row: PayoutRow): string {
  return row.person.name ? `${row.person.reference} ${row.person.name}` : row.person.reference;
}

function DueTable(props: { c: Ctx; rows: PayoutRow[] }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <DataTable
      caption={t('expenses.payout_caption')}
      rows={props.rows}
      empty={t('expenses.payout_empty')}
      columns={[
        { header: t('expenses.person'), rowHeader: true, cell: (r) => who(r) },
        { header: t('expenses.stipend_earned'), numeric: true, cell: (r) => kr(c, r.money.stipendOre) },
        { header: t('expenses.stipend_paid'), numeric: true, cell: (r) => kr(c, r.money.stipendPaidOre) },
        { header: t('expenses.stipend_due'), numeric: true, cell: (r) => kr(c, r.money.stipendDueOre) },
        { header: t('expenses.claims_due'), numeric: true, cell: (r) => kr(c, r.money.claimsDueOre) },
        { header: t('expenses.claims_paid'), numeric: true, cell: (r) => kr(c, r.money.claimsPaidOre) },
        { header: t('expenses.total_due'), numeric: true, cell: (r) => kr(c, r.money.dueOre) },
        {
          header: t('expenses.actions'),
          hiddenHeader: true,
          cellClass: 'actions',
          cell: (r) =>
            r.money.stipendDueOre > 0 ? (
              <PostButton
                c={c}
                action={`${base(c)}/payout/${r.person.id}`}
                label={t('expenses.record_stipend_paid', { who: r.person.reference })}
              />
            ) : null,
        },
      ]}
    />
  );
}

function YearsTable(props: { c: Ctx; rows: PayoutRow[] }) {
  const { c } = props;
  const t = c.var.t;
  const years: { row: PayoutRow; year: YearTotal }[] = props.rows.flatMap((row) =>
    row.years.map((year) => ({ row, year })),
  );
  return (
    <DataTable
      caption={t('expenses.years_caption')}
      rows={years}
      empty={t('expenses.payout_empty')}
      rowClass={(y) => (y.year.reportable ? 'attention' : undefined)}
      columns={[
        { header: t('expenses.person'), rowHeader: true, cell: (y) => who(y.row) },
        { header: t('expenses.year'), cell: (y) => String(y.year.year) },
        { header: t('expenses.year_stipends'), numeric: true, cell: (y) => kr(c, y.year.stipendOre) },
        { header: t('expenses.year_reimbursed'), numeric: true, cell: (y) => kr(c, y.year.reimbursedOre) },
        {
          header: t('expenses.kontrolluppgift'),
          cell: (y) =>
            y.year.reportable ? (
              <strong>{t('expenses.kontrolluppgift_yes')}</strong>
            ) : (
              t('expenses.kontrolluppgift_no')
            ),
        },
      ]}
    />
  );
}

export function payoutPage(c: Ctx, rows: PayoutRow[], notice: string | null) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'expenses',
    t('expenses.payout_title'),
    <>
      <p>
        <a href={base(c)}>{t('expenses.back')}</a>
      </p>
      <Section id="payout-due" title={t('expenses.payout_title')} lead={t('expenses.payout_lead')}>
        <p>
          <ButtonLink href={`${base(c)}/payout.csv`}>{t('expenses.payout_csv')}</ButtonLink>
        </p>
        <DueTable c={c} rows={rows} />
      </Section>
      <Section
        id="payout-years"
        title={t('expenses.years_title')}
        lead={t('expenses.years_lead', { threshold: kr(c, kontrolluppgiftThresholdOre) })}
      >
        <YearsTable c={c} rows={rows} />
      </Section>
    </>,
    { notice },
  );
}
