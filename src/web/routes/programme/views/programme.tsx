/**
 * The staff programme: warnings for overlapping sessions, the hours per type against the plan, the
 * OECD benchmark said plainly, and the sessions in order with what organisers may do to each.
 */
import { sessionHours, sessionTypes } from '../../../../domain/programme.ts';
import type { ProgrammeView } from '../../../../queries/programme.ts';
import type { AssemblySession } from '../../../../repositories/sessions.ts';
import type { Ctx } from '../../../env.ts';
import {
  ButtonLink,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostButton,
  SubmitButton,
  str,
  TextField,
} from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatClock, formatDay, formatNumber } from '../../../views/time.ts';

interface Props {
  c: Ctx;
  view: ProgrammeView;
  base: string;
  canEdit: boolean;
}

export function sessionTitle(c: Ctx, session: AssemblySession): string {
  return (c.var.lang === 'en' && session.title.en) || session.title.sv;
}

export function hoursText(c: Ctx, hours: number): string {
  return c.var.t('programme.hours_value', { hours: formatNumber(c, hours, 1) });
}

/** "Sat 24 Oct 2026, 09:00–12:00" (with the end's day when it ends on another day). */
export function whenText(c: Ctx, session: AssemblySession): string {
  const [start, end] = [formatDay(c, session.startsAt), formatDay(c, session.endsAt)];
  const endText = start === end ? formatClock(c, session.endsAt) : `${end} ${formatClock(c, session.endsAt)}`;
  return `${start}, ${formatClock(c, session.startsAt)}–${endText}`;
}

export function placeText(c: Ctx, session: AssemblySession): string {
  const t = c.var.t;
  const inPerson = [session.place.address, session.place.room].filter(Boolean).join(', ');
  const parts = [inPerson, session.onlineLink ? t('programme.online') : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : t('programme.place_unknown');
}

function Overlaps(props: Props) {
  const { c, view } = props;
  if (view.overlaps.length === 0) return null;
  return (
    <div class="warning" id="programme-overlaps">
      <p>{c.var.t('programme.overlaps', { count: view.overlaps.length })}</p>
      <ul>
        {view.overlaps.map(([a, b]) => (
          <li>
            {c.var.t('programme.overlap_pair', {
              first: `${sessionTitle(c, a)} (${whenText(c, a)})`,
              second: `${sessionTitle(c, b)} (${whenText(c, b)})`,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Totals(props: Props) {
  const { c, view } = props;
  const t = c.var.t;
  const rows = [
    ...sessionTypes.map((type) => ({ label: t(`programme.type.${type}`), hours: view.hours.byType[type] })),
    { label: t('programme.total'), hours: view.hours.total },
  ];
  const planned = view.plannedHours;
  return (
    <Section id="programme-totals" title={t('programme.totals_title')} lead={t('programme.totals_lead')}>
      <DataTable
        caption={t('programme.totals_caption')}
        rows={rows}
        columns={[
          { header: t('programme.type_column'), rowHeader: true, cell: (row) => row.label },
          { header: t('programme.hours_column'), numeric: true, cell: (row) => hoursText(c, row.hours) },
        ]}
      />
      <p id="programme-plan">
        {planned === null
          ? t('programme.plan_none')
          : view.hours.total <= planned
            ? t('programme.plan_left', {
                planned: hoursText(c, planned),
                left: hoursText(c, planned - view.hours.total),
              })
            : t('programme.plan_over', {
                planned: hoursText(c, planned),
                over: hoursText(c, view.hours.total - planned),
              })}
      </p>
    </Section>
  );
}

function Benchmark(props: Props) {
  const { c, view } = props;
  const t = c.var.t;
  const { benchmark } = view;
  return (
    <Section
      id="programme-benchmark"
      title={t('programme.benchmark_title')}
      lead={t('programme.benchmark_rule')}
    >
      <p class={benchmark.met ? 'status' : 'warning'}>
        <strong>{t(benchmark.met ? 'programme.benchmark_met' : 'programme.benchmark_not_met')}</strong>{' '}
        {t('programme.benchmark_full_days', {
          count: benchmark.fullDays.length,
          weeks: benchmark.weeks.length,
        })}
      </p>
      {benchmark.shortfalls.length > 0 && (
        <ul>
          {benchmark.shortfalls.map((s) => (
            <li>{t(`programme.shortfall.${s.code}`, s)}</li>
          ))}
        </ul>
      )}
      {benchmark.fullDays.length > 0 && (
        <p>
          {t('programme.full_days_list', { days: benchmark.fullDays.map((d) => formatDay(c, d)).join(', ') })}
        </p>
      )}
    </Section>
  );
}

function Actions(props: Props & { session: AssemblySession }) {
  const { c, session, base } = props;
  const t = c.var.t;
  const at = `${base}/sessions/${session.id}`;
  return (
    <>
      {session.status !== 'cancelled' && <a href={at}>{t('programme.edit')}</a>}{' '}
      {session.status === 'draft' && (
        <PostButton c={c} action={`${at}/publish`} label={t('programme.publish')} />
      )}
      {session.status === 'published' && (
        <PostButton c={c} action={`${at}/cancel`} label={t('programme.cancel')} />
      )}
      {session.status === 'draft' && (
        <PostButton c={c} action={`${at}/delete`} label={t('programme.delete')} look="link" />
      )}
    </>
  );
}

function SessionList(props: Props) {
  const { c, view, canEdit } = props;
  const t = c.var.t;
  return (
    <Section id="programme-sessions" title={t('programme.sessions_title')}>
      <DataTable
        caption={t('programme.sessions_caption')}
        captionHidden
        rows={view.sessions}
        empty={t('programme.none')}
        rowData={(s) => ({ 'data-session': s.id })}
        columns={[
          { header: t('programme.when'), cell: (s) => whenText(c, s) },
          { header: t('programme.title_column'), rowHeader: true, cell: (s) => sessionTitle(c, s) },
          { header: t('programme.type_column'), cell: (s) => t(`programme.type.${s.type}`) },
          { header: t('programme.place'), cell: (s) => placeText(c, s) },
          { header: t('programme.status_column'), cell: (s) => t(`programme.status.${s.status}`) },
          { header: t('programme.hours_column'), numeric: true, cell: (s) => hoursText(c, sessionHours(s)) },
          ...(canEdit
            ? [
                {
                  header: t('programme.actions'),
                  hiddenHeader: true,
                  cellClass: 'actions',
                  cell: (s: AssemblySession) => <Actions {...props} session={s} />,
                },
              ]
            : []),
        ]}
      />
    </Section>
  );
}

/** The programme on paper for every confirmed member without e-mail. */
function PrintAll(props: { c: Ctx; base: string }) {
  const { c, base } = props;
  const t = c.var.t;
  return (
    <Section
      id="programme-print"
      title={t('printed_programme.print_all')}
      lead={t('printed_programme.print_all_lead')}
    >
      <PostButton
        c={c}
        action={`${base}/printed`}
        label={t('printed_programme.print_all')}
        look="secondary"
      />
    </Section>
  );
}

function PlanForm(props: Props & { values: FormValues; errors: FieldErrors }) {
  const { c, base, values, errors, view } = props;
  const t = c.var.t;
  const value =
    'planned_hours' in values ? str(values, 'planned_hours') : (view.plannedHours?.toString() ?? '');
  return (
    <Section id="programme-plan-form" title={t('programme.plan_title')}>
      <form method="post" action={`${base}/plan`} class="stack">
        <Csrf c={c} />
        <ErrorSummary
          title={t('errors.summary')}
          errors={errors}
          labels={{ planned_hours: t('programme.planned_hours') }}
        />
        <TextField
          name="planned_hours"
          label={t('programme.planned_hours')}
          hint={t('programme.planned_hours_hint')}
          inputmode="numeric"
          value={value}
          error={errors.planned_hours}
        />
        <SubmitButton label={t('programme.plan_save')} secondary />
      </form>
    </Section>
  );
}

export function ProgrammePage(props: Props & { planValues: FormValues; planErrors: FieldErrors }) {
  const { c, base, canEdit } = props;
  const t = c.var.t;
  return (
    <>
      <p>{t('programme.lead')}</p>
      <p class="actions">
        {canEdit && <ButtonLink href={`${base}/new`}>{t('programme.new')}</ButtonLink>}{' '}
        <a href={`${base}/calendar`}>{t('programme.calendar_link')}</a>{' '}
        <a href={`${base}/week`}>{t('programme_week.link')}</a>
      </p>
      <Overlaps {...props} />
      <SessionList {...props} />
      <Totals {...props} />
      <Benchmark {...props} />
      {canEdit && <PlanForm {...props} values={props.planValues} errors={props.planErrors} />}
      {canEdit && <PrintAll c={c} base={base} />}
    </>
  );
}
