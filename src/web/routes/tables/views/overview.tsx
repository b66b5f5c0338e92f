/** The tables tab: the deliberation sessions, each with where its tables stand. */
import type { TablesOverviewRow } from '../../../../queries/tables.ts';
import type { Ctx } from '../../../env.ts';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatDay, formatNumber } from '../../../views/time.ts';
import { sessionTitle } from './parts.tsx';

function stateText(c: Ctx, row: TablesOverviewRow): string {
  const t = c.var.t;
  const plan = row.plan;
  if (!plan || plan.rounds.length === 0)
    return t(plan?.pendingJobId ? 'seating.state_computing' : 'seating.state_none');
  return t('seating.state_plan', {
    rounds: formatNumber(c, plan.rounds.length),
    locked: formatNumber(c, plan.lockedRounds),
    version: formatNumber(c, plan.version),
  });
}

export function OverviewPage(props: { c: Ctx; rows: TablesOverviewRow[]; base: string }) {
  const { c, rows, base } = props;
  const t = c.var.t;
  return (
    <Section id="tables-sessions" title={t('seating.sessions_title')} lead={t('seating.sessions_lead')}>
      <DataTable
        caption={t('seating.sessions_title')}
        captionHidden
        rows={rows}
        empty={t('seating.no_sessions')}
        columns={[
          {
            header: t('seating.session'),
            rowHeader: true,
            cell: (row) => <a href={`${base}/${row.session.id}`}>{sessionTitle(c, row.session)}</a>,
          },
          { header: t('seating.day'), cell: (row) => formatDay(c, row.session.startsAt) },
          { header: t('seating.state'), cell: (row) => stateText(c, row) },
        ]}
      />
    </Section>
  );
}
