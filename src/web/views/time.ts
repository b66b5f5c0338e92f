/**
 * Dates, times and numbers as pages show them: in the page language, and times in Swedish time,
 * because assemblies meet in Sweden and the server's own time zone says nothing to the reader. Every
 * page formats through these, so a date or a count looks the same wherever it appears.
 */
import type { Ctx } from '../env.ts';

export function localeOf(c: Ctx): string {
  return c.var.lang === 'sv' ? 'sv-SE' : 'en-GB';
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
export function formatDate(c: Ctx, iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return date.toLocaleDateString(localeOf(c), { dateStyle: 'long', timeZone: 'Europe/Stockholm' });
}

/** "12 345" or "12,345"; `digits` decimals at most. */
export function formatNumber(c: Ctx, n: number, digits = 0): string {
  return new Intl.NumberFormat(localeOf(c), { maximumFractionDigits: digits }).format(n);
}

/** A share (0.25) as a percentage ("25 %" or "25%"); `digits` decimals at most. */
export function formatPercent(c: Ctx, share: number, digits = 1): string {
  return new Intl.NumberFormat(localeOf(c), { style: 'percent', maximumFractionDigits: digits }).format(
    share,
  );
}
