/**
 * The one formatter for numbers, shares, dates and times, in a language Lotta speaks: pages (through
 * web/views/time.ts, which takes the request), the report's CSV and PDF, letters, the command line
 * and the message catalogues' units all format through these, so a count or a date reads the same
 * everywhere. Times are in Swedish time: assemblies meet in Sweden, and the server's own time zone
 * says nothing to the reader.
 */

export const timeZone = 'Europe/Stockholm';

export function localeOf(language: string): string {
  return language === 'sv' ? 'sv-SE' : 'en-GB';
}

/**
 * "27 Nov 2026, 16:46" (with seconds when a run's timing matters; with the month written out, "27
 * November 2026 16:46", in printed text).
 */
export function formatTimeIn(
  language: string,
  at: string | number,
  options: { seconds?: boolean; longDate?: boolean } = {},
): string {
  return new Date(at).toLocaleString(localeOf(language), {
    dateStyle: options.longDate ? 'long' : 'medium',
    timeStyle: options.seconds ? 'medium' : 'short',
    timeZone,
  });
}

/** "14:30": the time of day alone, in Swedish time, for a day's programme where the date is shown once. */
export function formatClockIn(language: string, at: string | number): string {
  return new Date(at).toLocaleTimeString(localeOf(language), { timeStyle: 'short', timeZone });
}

/**
 * "Sat 24 Oct 2026": a day of a programme, with its weekday (a plain date is shown as written).
 * `long` writes it out, "Saturday 24 October 2026", for members: no abbreviations, so it reads aloud.
 */
export function formatDayIn(language: string, iso: string, options: { long?: boolean } = {}): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  const style = options.long ? 'long' : 'short';
  return date.toLocaleDateString(localeOf(language), {
    weekday: style,
    day: 'numeric',
    month: style,
    year: 'numeric',
    timeZone,
  });
}

/** "October 2026": a calendar's month (YYYY-MM). */
export function formatMonthIn(language: string, month: string): string {
  return new Date(`${month}-15T12:00:00Z`).toLocaleDateString(localeOf(language), {
    month: 'long',
    year: 'numeric',
    timeZone,
  });
}

/**
 * "27 November 2026". A plain date (YYYY-MM-DD) has no time zone and is shown as written, without
 * shifting a day.
 */
export function formatDateIn(language: string, iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return date.toLocaleDateString(localeOf(language), { dateStyle: 'long', timeZone });
}

export interface NumberStyle {
  /** Decimals at most (default 0). */
  digits?: number;
  /** Decimals at least, so that a column of numbers lines up (default 0). */
  minimumDigits?: number;
  /** Digit grouping ("12 345"); off where columns of plain text must stay aligned (default on). */
  grouping?: boolean;
}

/** A formatter for many numbers alike. */
export function numberFormatIn(language: string, style: NumberStyle = {}): Intl.NumberFormat {
  const digits = style.digits ?? 0;
  return new Intl.NumberFormat(localeOf(language), {
    maximumFractionDigits: Math.max(digits, style.minimumDigits ?? 0),
    minimumFractionDigits: style.minimumDigits ?? 0,
    useGrouping: style.grouping ?? true,
  });
}

/** "12 345" or "12,345"; `digits` decimals at most. */
export function formatNumberIn(language: string, n: number, digits = 0): string {
  return numberFormatIn(language, { digits }).format(n);
}

/** A share (0.25) as a percentage ("25 %" or "25%"); `digits` decimals at most, `minimumDigits` at least. */
export function formatPercentIn(language: string, share: number, digits = 1, minimumDigits = 0): string {
  return new Intl.NumberFormat(localeOf(language), {
    style: 'percent',
    maximumFractionDigits: Math.max(digits, minimumDigits),
    minimumFractionDigits: minimumDigits,
  }).format(share);
}
