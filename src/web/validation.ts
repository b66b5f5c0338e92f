/**
 * Turning a zod failure into messages next to fields. Schemas name the message key in place of a
 * text (`z.string().min(1, 'required')`); this looks the key up under `errors.` in the page language.
 */
import type { z } from 'zod';
import type { Translate } from '../i18n/i18n.ts';
import type { FieldErrors } from './views/forms.tsx';

export function fieldErrors(
  error: z.ZodError,
  t: Translate,
  params: Record<string, string | number> = {},
): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '_form';
    if (out[field]) continue;
    const key = /^[a-z_]+$/.test(issue.message) ? issue.message : 'required';
    const limits: Record<string, string | number> = {};
    if ('maximum' in issue) limits.max = Number(issue.maximum);
    if ('minimum' in issue) limits.min = Number(issue.minimum);
    out[field] = t(`errors.${key}`, { ...params, ...limits });
  }
  return out;
}

/** Form bodies as plain strings: a repeated field keeps its first value, files are dropped. */
export function textFields(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[name] = first;
  }
  return out;
}

/**
 * A page number from the address: a whole number from 1 up to a ceiling, anything else the first
 * page. Without the ceiling a page like `1e309` (Infinity) or `1e20` becomes an offset the database
 * refuses with an error.
 */
export function pageNumber(value: string | undefined, max = 1_000_000): number {
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? Math.min(page, max) : 1;
}

/**
 * The notice named in the address (`?notice=saved`, looked up as `<area>.notice_saved`) in the
 * page's language, when it is one of the page's own: an unknown name would otherwise put the words
 * of whoever wrote the link on a Lotta page.
 */
export function noticeIn(
  c: { req: { query(name: string): string | undefined }; var: { t: Translate } },
  area: string,
  known: readonly string[],
): string | null {
  const name = c.req.query('notice');
  return name && known.includes(name) ? c.var.t(`${area}.notice_${name}`) : null;
}
