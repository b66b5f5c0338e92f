/**
 * Dates, times and numbers as pages show them: in the page language, and times in Swedish time,
 * because assemblies meet in Sweden and the server's own time zone says nothing to the reader. Every
 * page formats through these, so a date or a count looks the same wherever it appears.
 */
import type { Ctx } from '../env.ts';

/** A request, or just its language where a view is handed only that. */
type Reader = Ctx | string;

export function localeOf(c: Reader): string {
  return (typeof c === 'string' ? c : c.var.lang) === 'sv' ? 'sv-SE' : 'en-GB';
}

/** "27 Nov 2026, 16:46" (with seconds when a run's timing matters). */
export function formatTime(c: Ctx, at: string | number, options: { seconds?: boolean } = {}): string {
  return new Date(at).toLocaleString(localeOf(c), {
    dateStyle: 'medium',
    timeStyle: options.seconds ? 'medium' : 'short',
    timeZone: 'Europe/Stockholm',
  });
}

/**
 * "27 November 2026". A plain date (YYYY-MM-DD) has no time zone and is shown as written, without
 * shifting a day.
 */
export function formatDate(c: Reader, iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return date.toLocaleDateString(localeOf(c), { dateStyle: 'long', timeZone: 'Europe/Stockholm' });
}

/** "12 345" or "12,345"; `digits` decimals at most. */
export function formatNumber(c: Reader, n: number, digits = 0): string {
  return numberFormat(c, digits).format(n);
}

/**
 * The formatter behind `formatNumber`, for a page that formats many numbers alike: `digits` decimals
 * at most, and at least `minimumDigits` (so that a column of percentages lines up).
 */
export function numberFormat(c: Reader, digits = 0, minimumDigits = 0): Intl.NumberFormat {
  return new Intl.NumberFormat(localeOf(c), {
    maximumFractionDigits: digits,
    minimumFractionDigits: minimumDigits,
  });
}

/** A share (0.25) as a percentage ("25 %" or "25%"); `digits` decimals at most. */
export function formatPercent(c: Reader, share: number, digits = 1): string {
  return new Intl.NumberFormat(localeOf(c), { style: 'percent', maximumFractionDigits: digits }).format(
    share,
  );
}
