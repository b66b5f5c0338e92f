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
 * The moment a time written on a Swedish clock means, as a browser's date-and-time field posts it
 * (`2026-12-07T14:30`, seconds optional): staff type Swedish time whatever the server's zone. Null
 * when it is not such a time. A time the clocks skip in spring comes out an hour later.
 */
export function fromStockholmTime(text: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m || !isCalendarDate(m[1])) return null;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const [year, month, day] = m[1].split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // The offset at the wall time read as UTC is right except within hours of a change; look again there.
  const first = wall - stockholmOffset(wall);
  return new Date(wall - stockholmOffset(first));
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
