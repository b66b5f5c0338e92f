/**
 * A deliberation session's tables: who is expected and checked in, the job computing new tables,
 * the engine's report, every round's tables (locked rounds marked), and for organisers the forms to
 * ask for tables, recompute, lock a round and move someone; the history of versions last.
 */

import type { TablesReport } from '../../../../grouping/model.ts';
import type { SeatingView } from '../../../../queries/tables.ts';
import type { Ctx } from '../../../env.ts';
import { BarChart } from '../../../views/charts.tsx';
import { DataTable, EmptyState, Section } from '../../../views/kit.tsx';
import { formatNumber, formatTime } from '../../../views/time.ts';
import { EditForms } from './edit-forms.tsx';
import { facilitatorOf, labelOf } from './parts.tsx';

export interface SessionPageProps {
  c: Ctx;
  view: SeatingView;
  /** `/a/<id>/tables/<session id>`. */
  base: string;
  canEdit: boolean;
  values: Record<string, string | string[] | undefined>;
  errors: Record<string, string>;
}

function Links(props: SessionPageProps) {
  const { c, view, base } = props;
  const t = c.var.t;
  return (
    <>
      <p>
        {t('seating.expected', { count: view.expected })} {t('seating.present', { count: view.present })}
      </p>
      {view.plan && view.plan.rounds.length > 0 ? (
        <p class="actions">
          <a href={`${base}/mine`}>{t('seating.mine_link')}</a>
          <a href={`${base}/projector`}>{t('seating.projector_link')}</a>
          <a href={`${base}/cards.pdf`}>{t('seating.cards_link')}</a>
          <a href={`${base}/lists.pdf`}>{t('seating.lists_link')}</a>
        </p>
      ) : null}
    </>
  );
}

function Pending(props: SessionPageProps) {
  const { c, view } = props;
  const t = c.var.t;
  const pending = view.pending;
  if (!pending || pending.state === 'done') return null;
  if (pending.state === 'failed')
    return (
      <p class="error" role="alert">
        {t('seating.failed', {
          reason: t(`seating.failure.${String(pending.details.code ?? pending.code)}`, {
            // The engine's figures (people, tables, rounds) fill its message.
            ...(typeof pending.details.params === 'object' ? pending.details.params : {}),
            defaultValue: t('seating.failure_other'),
          }),
        })}
      </p>
    );
  const percent = Math.round(pending.fraction * 100);
  return (
    <div role="status">
      <p>{t('seating.computing')}</p>
      <progress id="seating-progress" max={100} value={percent}>{`${percent} %`}</progress>
    </div>
  );
}

export function ReportFigures(props: { c: Ctx; report: TablesReport; caption: string }) {
  const { c, report } = props;
  const t = c.var.t;
  const rows: [string, string][] = [
    [t('seating.report.distinct_pairs'), formatNumber(c, report.distinctPairs)],
    [t('seating.report.repeated_pairs'), formatNumber(c, report.repeatedPairs)],
    [t('seating.report.max_meetings'), formatNumber(c, report.maxMeetings)],
    [t('seating.report.contacts_lowest'), formatNumber(c, report.contacts.lowest)],
    [t('seating.report.contacts_mean'), formatNumber(c, report.contacts.mean, 1)],
    [t('seating.report.contacts_possible'), formatNumber(c, report.contacts.mostPossible)],
    [t('seating.report.deviation'), formatNumber(c, report.meanDeviation, 3)],
  ];
  return (
    <DataTable
      caption={props.caption}
      captionHidden
      rows={rows}
      columns={[
        { header: t('seating.report.figure'), rowHeader: true, cell: (r) => r[0] },
        { header: t('seating.report.value'), numeric: true, cell: (r) => r[1] },
      ]}
    />
  );
}

function Rounds(props: SessionPageProps) {
  const { c, view } = props;
  const t = c.var.t;
  const plan = view.plan;
  if (!plan || plan.rounds.length === 0) return <EmptyState>{t('seating.no_plan')}</EmptyState>;
  return (
    <>
      {plan.rounds.map((round, r) => {
        const report = plan.report?.rounds[r];
        const locked = r < plan.lockedRounds;
        return (
          <Section
            id={`round-${r + 1}`}
            level={3}
            title={t(locked ? 'seating.round_locked' : 'seating.round', { round: r + 1 })}
          >
            <DataTable
              caption={t('seating.round', { round: r + 1 })}
              captionHidden
              rows={round.tables.map((table, i) => ({ table, i }))}
              columns={[
                { header: t('seating.table'), rowHeader: true, cell: (row) => formatNumber(c, row.i + 1) },
                {
                  header: t('seating.facilitator'),
                  cell: (row) => facilitatorOf(view, row.table.facilitator) || t('seating.no_facilitator'),
                },
                {
                  header: t('seating.members'),
                  cell: (row) => row.table.members.map((id) => labelOf(view, id)).join(', '),
                },
                {
                  header: t('seating.met_before'),
                  numeric: true,
                  cell: (row) => formatNumber(c, report?.tables[row.i]?.metBefore.length ?? 0),
                },
                {
                  header: t('seating.deviation'),
                  numeric: true,
                  cell: (row) => formatNumber(c, report?.tables[row.i]?.weightedDeviation ?? 0, 3),
                },
              ]}
            />
          </Section>
        );
      })}
    </>
  );
}

function versionDetail(props: SessionPageProps, v: SeatingView['versions'][number]): string {
  const { c, view } = props;
  const t = c.var.t;
  const name = v.details.person ? labelOf(view, v.details.person) : '';
  const round = (v.details.round ?? 0) + 1;
  if (v.reason === 'moved')
    return t('seating.moved_detail', {
      name,
      round,
      from: (v.details.from ?? 0) + 1,
      to: (v.details.to ?? 0) + 1,
    });
  if (v.reason === 'late') return t('seating.late_detail', { name, round });
  return t('seating.seated_detail', { count: v.details.seated ?? 0 });
}

function History(props: SessionPageProps) {
  const { c, view } = props;
  const t = c.var.t;
  return (
    <Section id="seating-history" title={t('seating.history_title')}>
      <DataTable
        caption={t('seating.history_title')}
        captionHidden
        rows={view.versions}
        empty={t('seating.no_history')}
        columns={[
          {
            header: t('seating.version'),
            rowHeader: true,
            numeric: true,
            cell: (v) => formatNumber(c, v.version),
          },
          { header: t('seating.reason'), cell: (v) => t(`seating.reasons.${v.reason}`) },
          { header: t('seating.made_at'), cell: (v) => formatTime(c, v.madeAt) },
          {
            header: t('seating.made_by'),
            // The demo's versions and other work of Lotta's own are made by no account.
            cell: (v) =>
              v.madeBy === 'system' ? t('seating.made_by_system') : facilitatorOf(view, v.madeBy),
          },
          {
            header: t('seating.details'),
            cell: (v) => versionDetail(props, v),
          },
        ]}
      />
    </Section>
  );
}

/** How far the tables are from the assembly's mix in each question's answers (0 is the same). */
function DeviationChart(props: SessionPageProps & { report: TablesReport }) {
  const { c, view, report } = props;
  const label = (key: string) => {
    const q = view.questions.find((x) => x.key === key);
    return (q && (q.label[c.var.lang] || q.label.sv)) || key;
  };
  return (
    <BarChart
      id="seating-deviation-chart"
      title={c.var.t('seating.report.deviation_by_question')}
      data={Object.entries(report.meanDeviationByField).map(([key, value]) => ({
        label: label(key),
        value: Math.round(value * 1000) / 1000,
      }))}
    />
  );
}

export function SessionPage(props: SessionPageProps) {
  const t = props.c.var.t;
  const report = props.view.plan?.report;
  return (
    <>
      <Links {...props} />
      <Pending {...props} />
      {report ? (
        <Section id="seating-report" title={t('seating.report_title')} lead={t('seating.report_lead')}>
          <ReportFigures c={props.c} report={report} caption={t('seating.report_title')} />
          <div class="seating-chart">
            <DeviationChart {...props} report={report} />
          </div>
        </Section>
      ) : null}
      <Section id="seating-rounds" title={t('seating.rounds_title')}>
        <Rounds {...props} />
      </Section>
      {props.canEdit ? <EditForms {...props} /> : null}
      <History {...props} />
    </>
  );
}
