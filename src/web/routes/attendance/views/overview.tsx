/**
 * The attendance page: where to check in and what to mark, then the grid of members × sessions (a
 * symbol and a word in each cell, never colour alone) with hours, sessions attended and who is at
 * risk of dropping out — for those who may see names — and for everyone the figures per session and
 * the spread of hours attended.
 */
import type { AttendanceMark } from '../../../../domain/attendance.ts';
import { hoursBands } from '../../../../domain/attendance.ts';
import type { AttendanceOverview, GridRow } from '../../../../queries/attendance.ts';
import type { AssemblySession } from '../../../../repositories/sessions.ts';
import type { Ctx } from '../../../env.ts';
import { ButtonLink } from '../../../views/forms.tsx';
import { DataTable, EmptyState, Section } from '../../../views/kit.tsx';
import { formatClock, formatDay, formatNumber } from '../../../views/time.ts';

export interface OverviewProps {
  c: Ctx;
  view: AttendanceOverview;
  /** `/a/<id>`. */
  base: string;
  canCheckIn: boolean;
  canMark: boolean;
  /** Whether a member's name links to her page (the viewer may open it). */
  canOpenPeople: boolean;
  /** Whether the grid and its CSV are shown (names). */
  withNames: boolean;
}

function title(c: Ctx, s: AssemblySession): string {
  return (c.var.lang === 'en' && s.title.en) || s.title.sv;
}

export function hoursText(c: Ctx, hours: number): string {
  return c.var.t('attendance.hours_value', { hours: formatNumber(c, hours, 2) });
}

/** The symbol and the word for a member's mark at a session. */
function MarkCell(props: { c: Ctx; session: AssemblySession; mark: AttendanceMark | null }) {
  const { c, session, mark } = props;
  const t = c.var.t;
  if (!mark)
    return (
      <span class="mark unmarked">
        <span aria-hidden="true">– </span>
        {t('attendance.cell.unmarked')}
      </span>
    );
  if (mark.status !== 'present') {
    const symbol = mark.status === 'absent' ? '✗' : t('attendance.symbol_excused');
    return (
      <span class={`mark ${mark.status}`}>
        <span aria-hidden="true">{symbol} </span>
        {t(`attendance.cell.${mark.status}`)}
      </span>
    );
  }
  if (mark.arrivedAt || mark.leftAt)
    return (
      <span class="mark partly">
        <span aria-hidden="true">◔ </span>
        {t('attendance.cell.partly', {
          from: formatClock(c, mark.arrivedAt ?? session.startsAt),
          to: formatClock(c, mark.leftAt ?? session.endsAt),
        })}
      </span>
    );
  return (
    <span class="mark present">
      <span aria-hidden="true">✓ </span>
      {t('attendance.cell.present')}
    </span>
  );
}

function Links(props: OverviewProps) {
  const { c, base, canCheckIn, withNames } = props;
  const t = c.var.t;
  if (!canCheckIn && !withNames) return null;
  return (
    <p class="actions">
      {canCheckIn && <ButtonLink href={`${base}/check-in`}>{t('attendance.check_in_link')}</ButtonLink>}
      {withNames && <a href={`${base}/attendance/export.csv`}>{t('attendance.csv_link')}</a>}
    </p>
  );
}

function Markable(props: OverviewProps) {
  const { c, view, base } = props;
  const t = c.var.t;
  if (!props.canMark) return null;
  return (
    <Section
      id="attendance-mark"
      title={t('attendance.mark_sessions_title')}
      lead={t('attendance.mark_sessions_lead')}
    >
      {view.markable.length === 0 ? (
        <EmptyState>{t('attendance.no_markable')}</EmptyState>
      ) : (
        <ul>
          {view.markable.map((s) => (
            <li>
              <a href={`${base}/attendance/sessions/${s.id}`}>
                {t('attendance.mark_link', { title: title(c, s) })}
              </a>{' '}
              ({formatDay(c, s.startsAt)})
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function MemberName(props: OverviewProps & { row: GridRow }) {
  const { row, base } = props;
  return props.canOpenPeople ? <a href={`${base}/people/${row.id}`}>{row.name}</a> : row.name;
}

function Grid(props: OverviewProps) {
  const { c, view } = props;
  const t = c.var.t;
  if (!props.withNames) return null;
  return (
    <Section id="attendance-grid" title={t('attendance.grid_title')} lead={t('attendance.at_risk_rule')}>
      <p class={view.atRisk > 0 ? 'warning' : undefined} id="attendance-at-risk">
        {t('attendance.at_risk_count', { count: view.atRisk })}
      </p>
      <p>{t('attendance.legend')}</p>
      <DataTable
        caption={t('attendance.grid_caption')}
        rows={view.rows}
        empty={t('attendance.no_members')}
        rowClass={(r) => (r.summary.atRisk ? 'at-risk' : undefined)}
        rowData={(r) => ({ 'data-person': r.id })}
        columns={[
          { header: t('attendance.member'), rowHeader: true, cell: (r) => <MemberName {...props} row={r} /> },
          ...view.sessions.map((s, i) => ({
            header: (
              <>
                {formatDay(c, s.startsAt)}
                <br />
                <span class="hint">{title(c, s)}</span>
              </>
            ),
            cell: (r: GridRow) => <MarkCell c={c} session={s} mark={r.marks[i]} />,
          })),
          { header: t('attendance.hours_column'), numeric: true, cell: (r) => hoursText(c, r.summary.hours) },
          {
            header: t('attendance.attended_column'),
            numeric: true,
            cell: (r) => formatNumber(c, r.summary.attended),
          },
          {
            header: t('attendance.risk_column'),
            cell: (r) =>
              r.summary.atRisk ? <strong>⚠ {t('attendance.risk_yes')}</strong> : t('attendance.risk_no'),
          },
        ]}
      />
    </Section>
  );
}

function PerSession(props: OverviewProps) {
  const { c, view } = props;
  const t = c.var.t;
  const count = (n: number) => formatNumber(c, n);
  return (
    <Section id="attendance-sessions" title={t('attendance.per_session_title')}>
      <DataTable
        caption={t('attendance.per_session_caption')}
        captionHidden
        rows={view.perSession}
        columns={[
          {
            header: t('attendance.session_column'),
            rowHeader: true,
            cell: (r) => `${title(c, r.session)} (${formatDay(c, r.session.startsAt)})`,
          },
          { header: t('attendance.status.present'), numeric: true, cell: (r) => count(r.counts.present) },
          { header: t('attendance.status.absent'), numeric: true, cell: (r) => count(r.counts.absent) },
          { header: t('attendance.status.excused'), numeric: true, cell: (r) => count(r.counts.excused) },
          { header: t('attendance.unmarked_column'), numeric: true, cell: (r) => count(r.counts.unmarked) },
        ]}
      />
    </Section>
  );
}

function Distribution(props: OverviewProps) {
  const { c, view } = props;
  const t = c.var.t;
  return (
    <Section
      id="attendance-distribution"
      title={t('attendance.distribution_title')}
      lead={t('attendance.distribution_lead')}
    >
      <DataTable
        caption={t('attendance.distribution_caption')}
        captionHidden
        rows={[...hoursBands]}
        columns={[
          { header: t('attendance.band_column'), rowHeader: true, cell: (b) => t(`attendance.band.${b}`) },
          {
            header: t('attendance.members_column'),
            numeric: true,
            cell: (b) => formatNumber(c, view.distribution[b]),
          },
        ]}
      />
    </Section>
  );
}

export function OverviewPage(props: OverviewProps) {
  const t = props.c.var.t;
  return (
    <>
      <p>{t('attendance.lead')}</p>
      <Links {...props} />
      <Markable {...props} />
      {props.view.sessions.length === 0 ? (
        <EmptyState>{t('attendance.no_sessions_yet')}</EmptyState>
      ) : (
        <>
          <Grid {...props} />
          <PerSession {...props} />
          <Distribution {...props} />
        </>
      )}
    </>
  );
}
