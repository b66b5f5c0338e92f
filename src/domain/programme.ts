/**
 * The rules of an assembly's programme, without I/O: hours per session type, the total against the
 * organisers' plan, the OECD benchmark of deliberative practice, overlapping sessions, and the month
 * grid of the calendar. Times are UTC instants (ISO text); days and weeks are those of a Swedish
 * calendar, where the assembly meets, so a session across the end of summer time counts the hour
 * the clocks give back.
 */
import { fromStockholmTime, isCalendarDate, swedishDay } from './dates.ts';

export const sessionTypes = ['learning', 'deliberation', 'decision', 'social'] as const;
export type SessionType = (typeof sessionTypes)[number];

export const sessionStatuses = ['draft', 'published', 'cancelled'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

export function isSessionType(value: string): value is SessionType {
  return (sessionTypes as readonly string[]).includes(value);
}

export function isSessionStatus(value: string): value is SessionStatus {
  return (sessionStatuses as readonly string[]).includes(value);
}

/** What the rules need of a session. */
export interface TimedSession {
  id: string;
  type: SessionType;
  status: SessionStatus;
  /** UTC instants, ISO 8601. */
  startsAt: string;
  endsAt: string;
}

/**
 * The OECD's good practice ("Innovative Citizen Participation and New Democratic Institutions",
 * 2020): at least four full days of meeting, spread over weeks. Lotta reads it as:
 * - a full day is a Swedish calendar day with at least `fullDayHours` hours of learning,
 *   deliberation or decision sessions (social time and cancelled sessions do not count; a session
 *   over midnight counts on each day for its hours there);
 * - spread means the full days do not all fall within one week (Monday to Sunday): four days over
 *   two weekends meet it, four days in a row do not.
 */
export const oecdBenchmark = { fullDays: 4, fullDayHours: 6, minWeeks: 2 } as const;

const hourMillis = 3_600_000;

/** Sessions that take place: drafts count towards the plan, cancelled sessions do not. */
function counted<T extends TimedSession>(sessions: readonly T[]): T[] {
  return sessions.filter((s) => s.status !== 'cancelled');
}

/** A session's length in hours, measured in real time (a night the clocks go back is an hour longer). */
export function sessionHours(session: Pick<TimedSession, 'startsAt' | 'endsAt'>): number {
  return Math.max(0, Date.parse(session.endsAt) - Date.parse(session.startsAt)) / hourMillis;
}

/** Hours of the sessions that take place, per type and in total. */
export function hoursByType(sessions: readonly TimedSession[]): {
  byType: Record<SessionType, number>;
  total: number;
} {
  const byType = Object.fromEntries(sessionTypes.map((type) => [type, 0])) as Record<SessionType, number>;
  for (const s of counted(sessions)) byType[s.type] += sessionHours(s);
  return { byType, total: sessionTypes.reduce((sum, type) => sum + byType[type], 0) };
}

/** The Swedish calendar day (YYYY-MM-DD) of an instant (kept here for the programme's callers). */
export { swedishDay };

/** The Monday (YYYY-MM-DD) of the week a calendar day falls in. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/** The instant a Swedish calendar day ends (the next day's midnight, in Swedish time). */
function nextMidnight(day: string): number {
  const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return (fromStockholmTime(`${next}T00:00`) as Date).getTime();
}

/** Meeting hours per Swedish calendar day, splitting a session at each midnight it crosses. */
export function meetingHoursByDay(sessions: readonly TimedSession[]): Map<string, number> {
  const hours = new Map<string, number>();
  for (const s of counted(sessions)) {
    if (s.type === 'social') continue;
    const end = Date.parse(s.endsAt);
    for (let at = Date.parse(s.startsAt); at < end; ) {
      const day = swedishDay(at);
      const next = Math.min(end, nextMidnight(day));
      hours.set(day, (hours.get(day) ?? 0) + (next - at) / hourMillis);
      at = next;
    }
  }
  return hours;
}

export type BenchmarkShortfall =
  | { code: 'too_few_full_days'; fullDays: number; needed: number }
  | { code: 'not_spread'; weeks: number; needed: number };

export interface BenchmarkResult {
  met: boolean;
  /** The full days, in order. */
  fullDays: string[];
  /** The weeks (their Mondays) the full days fall in. */
  weeks: string[];
  /** Why it is not met; empty when it is. */
  shortfalls: BenchmarkShortfall[];
}

/** Whether the programme meets the OECD benchmark, and why not (see `oecdBenchmark`). */
export function oecdCheck(sessions: readonly TimedSession[]): BenchmarkResult {
  const fullDays = [...meetingHoursByDay(sessions)]
    .filter(([, hours]) => hours >= oecdBenchmark.fullDayHours - 1e-9)
    .map(([day]) => day)
    .sort();
  const weeks = [...new Set(fullDays.map(weekOf))].sort();
  const shortfalls: BenchmarkShortfall[] = [];
  if (fullDays.length < oecdBenchmark.fullDays)
    shortfalls.push({ code: 'too_few_full_days', fullDays: fullDays.length, needed: oecdBenchmark.fullDays });
  if (weeks.length < oecdBenchmark.minWeeks)
    shortfalls.push({ code: 'not_spread', weeks: weeks.length, needed: oecdBenchmark.minWeeks });
  return { met: shortfalls.length === 0, fullDays, weeks, shortfalls };
}

/** Pairs of sessions that take place at the same time (touching end to start is no overlap). */
export function overlaps<T extends TimedSession>(sessions: readonly T[]): [T, T][] {
  const sorted = counted(sessions).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const pairs: [T, T][] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      if (Date.parse(sorted[j].startsAt) >= Date.parse(sorted[i].endsAt)) break;
      pairs.push([sorted[i], sorted[j]]);
    }
  }
  return pairs;
}

/**
 * The weeks of a month as a calendar shows them, Monday first: each a row of seven days
 * (YYYY-MM-DD), null before the first and after the last of the month. `month` is YYYY-MM.
 */
export function monthGrid(month: string): (string | null)[][] {
  const [year, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(year, m - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++) cells.push(`${month}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** True for a month written YYYY-MM (years 1000–9999). */
export function isMonth(text: string): boolean {
  const m = /^([1-9]\d{3})-(\d{2})$/.exec(text);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** The month before or after (`step` -1 or 1) a month YYYY-MM. */
export function shiftMonth(month: string, step: number): string {
  const [year, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, m - 1 + step, 1));
  return date.toISOString().slice(0, 7);
}

/** True for an http or https address, the only kinds of link a member's phone should open. */
export function isWebLink(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/** The seven days (YYYY-MM-DD) of the week starting on a Monday; `step` weeks later when given. */
export function weekDays(monday: string, step = 0): string[] {
  const start = Date.parse(`${monday}T12:00:00Z`) + step * 7 * 86_400_000;
  return Array.from({ length: 7 }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** The Monday of the week a day written YYYY-MM-DD falls in, or null when it is not a calendar day. */
export function weekStartOf(text: string): string | null {
  return isCalendarDate(text) && Number(text.slice(0, 4)) >= 1000 ? weekOf(text) : null;
}
