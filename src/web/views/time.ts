/**
 * Dates, times and numbers as pages show them: the one formatter (i18n/format.ts) in the page's
 * language, so a date or a count looks the same on every page as in the report and the letters.
 */
import {
  formatClockIn,
  formatDateIn,
  formatDayIn,
  formatMonthIn,
  formatNumberIn,
  formatPercentIn,
  formatTimeIn,
  localeOf as localeOfLanguage,
  numberFormatIn,
} from '../../i18n/format.ts';
import type { Ctx } from '../env.ts';

/** A request, or just its language where a view is handed only that. */
type Reader = Ctx | string;

function languageOf(c: Reader): string {
  return typeof c === 'string' ? c : c.var.lang;
}

export function localeOf(c: Reader): string {
  return localeOfLanguage(languageOf(c));
}

/** "27 Nov 2026, 16:46" in Swedish time (with seconds when a run's timing matters). */
export function formatTime(c: Reader, at: string | number, options: { seconds?: boolean } = {}): string {
  return formatTimeIn(languageOf(c), at, options);
}

/** "14:30" in Swedish time. */
export function formatClock(c: Reader, at: string | number): string {
  return formatClockIn(languageOf(c), at);
}

/**
 * "Sat 24 Oct 2026", a programme's day; a plain date (YYYY-MM-DD) is shown as written. `long`:
 * "Saturday 24 October 2026", for members' pages.
 */
export function formatDay(c: Reader, iso: string, options: { long?: boolean } = {}): string {
  return formatDayIn(languageOf(c), iso, options);
}

/** "October 2026", a calendar's month (YYYY-MM). */
export function formatMonth(c: Reader, month: string): string {
  return formatMonthIn(languageOf(c), month);
}

/** "27 November 2026"; a plain date (YYYY-MM-DD) is shown as written. */
export function formatDate(c: Reader, iso: string): string {
  return formatDateIn(languageOf(c), iso);
}

/** "12 345" or "12,345"; `digits` decimals at most. */
export function formatNumber(c: Reader, n: number, digits = 0): string {
  return formatNumberIn(languageOf(c), n, digits);
}

/**
 * The formatter behind `formatNumber`, for a page that formats many numbers alike: `digits` decimals
 * at most, and at least `minimumDigits` (so that a column of percentages lines up).
 */
export function numberFormat(c: Reader, digits = 0, minimumDigits = 0): Intl.NumberFormat {
  return numberFormatIn(languageOf(c), { digits, minimumDigits });
}

/** A share (0.25) as a percentage ("25 %" or "25%"); `digits` decimals at most. */
export function formatPercent(c: Reader, share: number, digits = 1): string {
  return formatPercentIn(languageOf(c), share, digits);
}
