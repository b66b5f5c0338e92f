/**
 * The programme as a week: a heading per day, Monday to Sunday, each listing its sessions in order
 * (or saying there are none), with links to the week before and after. A list under headings, so a
 * screen reader can jump from day to day, and it needs no script.
 */
import { swedishDay, weekDays } from '../../../../domain/programme.ts';
import type { AssemblySession } from '../../../../repositories/sessions.ts';
import type { Ctx } from '../../../env.ts';
import { formatClock, formatDate, formatDay } from '../../../views/time.ts';
import { placeText, sessionTitle } from './programme.tsx';

interface Props {
  c: Ctx;
  base: string;
  /** The Monday (YYYY-MM-DD) of the week shown. */
  week: string;
  sessions: AssemblySession[];
  canEdit: boolean;
}

function DaySessions(props: Props & { day: string }) {
  const { c, day, base } = props;
  const t = c.var.t;
  const here = props.sessions.filter((s) => swedishDay(s.startsAt) === day);
  if (here.length === 0) return <p class="hint">{t('programme_week.no_sessions')}</p>;
  return (
    <ul class="week-sessions">
      {here.map((s) => (
        <li data-session={s.id} class={s.status === 'cancelled' ? 'cancelled' : undefined}>
          <p>
            <strong>
              {formatClock(c, s.startsAt)}–{formatClock(c, s.endsAt)}{' '}
              {props.canEdit ? (
                <a href={`${base}/sessions/${s.id}`}>{sessionTitle(c, s)}</a>
              ) : (
                sessionTitle(c, s)
              )}
            </strong>
          </p>
          <p>
            {t(`programme.type.${s.type}`)}, {t(`programme.status.${s.status}`)}. {placeText(c, s)}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function WeekPage(props: Props) {
  const { c, base, week } = props;
  const t = c.var.t;
  const days = weekDays(week);
  const [before, after] = [weekDays(week, -1)[0], weekDays(week, 1)[0]];
  return (
    <>
      <p>
        <a href={base}>{t('programme.list_link')}</a>{' '}
        <a href={`${base}/calendar`}>{t('programme.calendar_link')}</a>
      </p>
      <p>{t('programme_week.range', { from: formatDate(c, days[0]), to: formatDate(c, days[6]) })}</p>
      <nav aria-label={t('programme_week.weeks')} class="actions">
        <a href={`${base}/week?week=${before}`}>
          {t('programme_week.before', { day: formatDate(c, before) })}
        </a>{' '}
        <a href={`${base}/week?week=${after}`}>{t('programme_week.after', { day: formatDate(c, after) })}</a>
      </nav>
      {days.map((day) => (
        <section aria-labelledby={`day-${day}`} class="week-day">
          <h2 id={`day-${day}`}>{formatDay(c, day)}</h2>
          <DaySessions {...props} day={day} />
        </section>
      ))}
    </>
  );
}
