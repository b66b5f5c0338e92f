/**
 * The programme as a month calendar: a plain table, a row per week and a column per weekday, each
 * day listing its sessions. It needs no script; the months before and after are links.
 */
import { monthGrid, shiftMonth, swedishDay } from '../../../../domain/programme.ts';
import type { AssemblySession } from '../../../../repositories/sessions.ts';
import type { Ctx } from '../../../env.ts';
import { formatClock, formatDay, formatMonth } from '../../../views/time.ts';
import { sessionTitle } from './programme.tsx';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

interface Props {
  c: Ctx;
  base: string;
  month: string;
  sessions: AssemblySession[];
}

function DayCell(props: { c: Ctx; day: string | null; sessions: AssemblySession[] }) {
  const { c, day } = props;
  const t = c.var.t;
  if (!day) return <td class="calendar-blank" />;
  const here = props.sessions.filter((s) => swedishDay(s.startsAt) === day);
  return (
    <td>
      <span class="calendar-day">
        <span aria-hidden="true">{Number(day.slice(8))}</span>
        <span class="visually-hidden">{formatDay(c, day)}</span>
      </span>
      {here.length > 0 && (
        <ul class="calendar-sessions">
          {here.map((s) => (
            <li data-session={s.id} class={s.status === 'cancelled' ? 'cancelled' : undefined}>
              {formatClock(c, s.startsAt)}–{formatClock(c, s.endsAt)} {sessionTitle(c, s)} (
              {t(`programme.type.${s.type}`)}, {t(`programme.status.${s.status}`)})
            </li>
          ))}
        </ul>
      )}
    </td>
  );
}

export function CalendarPage(props: Props) {
  const { c, base, month } = props;
  const t = c.var.t;
  const [before, after] = [shiftMonth(month, -1), shiftMonth(month, 1)];
  return (
    <>
      <p>
        <a href={base}>{t('programme.list_link')}</a>
      </p>
      <nav aria-label={t('programme.months')} class="actions">
        <a href={`${base}/calendar?month=${before}`}>
          {t('programme.month_before', { month: formatMonth(c, before) })}
        </a>{' '}
        <a href={`${base}/calendar?month=${after}`}>
          {t('programme.month_after', { month: formatMonth(c, after) })}
        </a>
      </nav>
      <div class="table-wrap" tabindex={0}>
        <table class="calendar">
          <caption>{formatMonth(c, month)}</caption>
          <thead>
            <tr>
              {weekdays.map((d) => (
                <th scope="col">{t(`programme.weekday.${d}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthGrid(month).map((week) => (
              <tr>
                {week.map((day) => (
                  <DayCell c={c} day={day} sessions={props.sessions} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
