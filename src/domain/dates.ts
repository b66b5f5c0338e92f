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
