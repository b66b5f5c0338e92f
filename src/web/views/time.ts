/**
 * Dates and times as pages show them: in the page language, and in Swedish time, because assemblies
 * meet in Sweden and the server's own time zone says nothing to the reader.
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

/** "27 November 2026". */
export function formatDate(c: Ctx, iso: string): string {
  return new Date(iso).toLocaleDateString(localeOf(c), { dateStyle: 'long', timeZone: 'Europe/Stockholm' });
}
