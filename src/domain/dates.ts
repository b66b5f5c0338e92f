/**
 * Plain calendar dates (`YYYY-MM-DD`) as forms and files give them. A pattern alone lets 2027-02-30
 * or 0000-00-00 through, which then show as "Invalid Date" to members and sort wrongly.
 */

/** True when the text is a date written `YYYY-MM-DD` that exists on the calendar (years 1–9999). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** How far Stockholm's clock is ahead of UTC at a moment, in milliseconds (one or two hours). */
function stockholmOffset(at: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return wall - (at - (at % 60_000));
}

/**
 * How a time written on a Swedish clock reads (`2026-12-07T14:30`, seconds optional, as a browser's
 * date-and-time field posts it): staff type Swedish time whatever the server's zone.
 * - `none`: not such a time at all.
 * - `missing`: a time the clocks skip when summer time starts (the last Sunday of March, 02:00 jumps
 *   to 03:00, so 2027-03-28 02:30 never happens). It is refused, never moved an hour silently: a
 *   meeting at a time that does not exist is a typing mistake the organiser must correct.
 * - `ambiguous`: a time that happens twice when summer time ends (the last Sunday of October, 03:00
 *   goes back to 02:00, so 2026-10-25 02:30 comes twice). It is read as the first time the clock
 *   shows it, in summer time (UTC+2), as most calendar programs do; the form tells the organiser so.
 * - `one`: every other time, which names exactly one moment.
 */
export type StockholmReading =
  | { kind: 'none' }
  | { kind: 'missing' }
  | { kind: 'one' | 'ambiguous'; at: Date };

const hourMs = 3_600_000;

export function readStockholmTime(text: string): StockholmReading {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m || !isCalendarDate(m[1])) return { kind: 'none' };
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return { kind: 'none' };
  const [year, month, day] = m[1].split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Stockholm is one hour (winter) or two (summer) ahead of UTC: the moments the wall time can name
  // are those of the two whose own offset gives the wall time back, earliest first.
  const moments = [wall - 2 * hourMs, wall - hourMs].filter((at) => at + stockholmOffset(at) === wall);
  if (moments.length === 0) return { kind: 'missing' };
  return { kind: moments.length > 1 ? 'ambiguous' : 'one', at: new Date(moments[0]) };
}

/**
 * The moment a time written on a Swedish clock means, or null when it is not such a time or names
 * no moment (the hour skipped in spring). An hour that happens twice in autumn is read as its first
 * time (summer time); see `readStockholmTime`.
 */
export function fromStockholmTime(text: string): Date | null {
  const reading = readStockholmTime(text);
  return reading.kind === 'one' || reading.kind === 'ambiguous' ? reading.at : null;
}

const stockholmWall = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A moment as a Swedish clock shows it, written as a date-and-time field takes it back
 * (`2026-12-07T14:30`): the inverse of `fromStockholmTime`, to fill a form with a stored time.
 */
export function toStockholmTime(at: string | number): string {
  const parts = stockholmWall.formatToParts(typeof at === 'string' ? Date.parse(at) : at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

const swedishDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Swedish calendar day (YYYY-MM-DD) of an instant. */
export function swedishDay(at: Date | number | string): string {
  return swedishDayFormat.format(typeof at === 'string' ? Date.parse(at) : at);
}

/** The date `months` calendar months on; a day the month lacks becomes its last (31 Nov → 30 Nov). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
