/**
 * The invitation pages' forms and query strings: making codes, the draw form (with its weights, typed
 * or as a file), a letter template, and the letters' download. Messages are keys; where a check needs
 * the register's columns or a file, it is a function beside its schema.
 */
import { z } from 'zod';
import type { InvitationDrawSettings } from '../../../commands/invitation-draws.ts';
import { hasControlCharacters } from '../../../domain/field-limits.ts';
import { type Language, languages, type Translate } from '../../../i18n/i18n.ts';
import { type TranslatedInputError, translateInputError } from '../../../i18n/input-errors.ts';
import { isOversamplingWeight, parseWeights } from '../../../invitations/weights.ts';
import { type LetterTemplate, templateLimits } from '../../../letters/letter-template.ts';
import { InputError } from '../../../sortition/model.ts';
import type { FieldErrors, FormValues } from '../../views/forms.tsx';

/** Codes made at a time, and letters drawn at a time. */
export const maxCodes = 100_000;
export const maxLetters = 1_000_000;

/** Ids in addresses: anything else is not found, without asking the database. */
export const idPattern = /^[0-9a-f-]{36}$/;

export const createCodesSchema = z.object({
  count: z
    .string()
    .trim()
    .max(20)
    .catch('')
    .pipe(z.string().min(1, 'required').regex(/^\d+$/, 'number_invalid'))
    .transform((count) => Number.parseInt(count, 10)),
});

/** Only the last part of the name the browser sent, without control characters. */
export function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(-200) || 'register.csv';
}

export const drawSchema = z.object({
  count: z.string().trim().max(20).catch(''),
  seed: z.string().trim().max(200).catch(''),
  household: z.array(z.string().max(300)).max(100).catch([]),
  stratify: z.string().max(300).catch(''),
  weights: z.string().max(100_000).catch(''),
  language_column: z.string().max(300).catch(''),
});

/** `stratum: weight` lines (also `=`, `;` or a tab); the last separator splits, so names may hold colons. */
export function parseWeightLines(text: string): { weights: Record<string, number>; badLine: number | null } {
  const weights: Record<string, number> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const m = /^(.*\S)\s*[:=;\t]\s*(\d+(?:[.,]\d+)?)$/.exec(line);
    const weight = m ? Number(m[2].replace(',', '.')) : Number.NaN;
    if (!m || !isOversamplingWeight(weight) || m[1] in weights) return { weights, badLine: i + 1 };
    weights[m[1]] = weight;
  }
  return { weights, badLine: null };
}

/** The draw form refused: its errors, and for a weights file the reader's explanation. */
export interface DrawFormRefusal {
  errors: FieldErrors;
  detail?: TranslatedInputError;
}

interface Weighing {
  weights: Record<string, number> | null;
  errors: FieldErrors;
  detail?: TranslatedInputError;
}

/** The oversampling weights, typed on the form or sent as a file (not both). */
async function readWeights(t: Translate, typed: string, file: File | null): Promise<Weighing> {
  if (file && typed.trim()) return { weights: null, errors: { weights: t('lottery.weights_twice') } };
  if (file) {
    try {
      return { weights: parseWeights(await file.text(), cleanFileName(file.name)), errors: {} };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return {
        weights: null,
        errors: { weights_file: t('lottery.weights_file_unreadable') },
        detail: translateInputError(t, error),
      };
    }
  }
  if (!typed.trim()) return { weights: null, errors: {} };
  const parsed = parseWeightLines(typed);
  if (parsed.badLine !== null)
    return { weights: null, errors: { weights: t('lottery.weights_bad_line', { line: parsed.badLine }) } };
  return { weights: parsed.weights, errors: {} };
}

/**
 * The draw form's settings, or the errors to show next to its fields. `columns` are the extract's:
 * every column the form names must be one of them. `maxText` is `maxLetters` as the page writes it.
 */
export async function parseDrawForm(
  t: Translate,
  columns: readonly string[],
  values: FormValues,
  weightsUpload: unknown,
  maxText: string,
): Promise<{ settings: InvitationDrawSettings } | DrawFormRefusal> {
  const form = drawSchema.parse(values);
  const errors: FieldErrors = {};
  const count = /^\d+$/.test(form.count) ? Number.parseInt(form.count, 10) : Number.NaN;
  if (!form.count) errors.count = t('errors.required');
  else if (!(count >= 1 && count <= maxLetters))
    errors.count = t('errors.number_range', { min: 1, max: maxText });
  if (!form.seed) errors.seed = t('errors.required');
  const household = form.household.filter((h) => h !== '');
  if (household.some((h) => !columns.includes(h))) errors.household = t('lottery.unknown_column');
  if (form.stratify && !columns.includes(form.stratify)) errors.stratify = t('lottery.unknown_column');
  if (form.language_column && !columns.includes(form.language_column))
    errors.language_column = t('lottery.unknown_column');
  const file = weightsUpload instanceof File && weightsUpload.size > 0 ? weightsUpload : null;
  const weighing = await readWeights(t, form.weights, file);
  Object.assign(errors, weighing.errors);
  if (weighing.weights && !form.stratify) errors.stratify = t('lottery.weights_need_strata');
  if (Object.keys(errors).length > 0) return { errors, detail: weighing.detail };
  return {
    settings: {
      count,
      seed: form.seed,
      householdColumns: household,
      stratifyColumn: form.stratify || null,
      weights: weighing.weights,
      languageColumn: form.language_column || null,
    },
  };
}

export const eraseSchema = z.object({ confirm: z.string().max(10).catch('') });

export const templateActionSchema = z.enum(['save', 'preview']).catch('save');

/** A template as typed: line ends as `\n`, without the blanks around each part. */
export function templateValues(body: Record<string, unknown>): LetterTemplate {
  const text = (name: string) =>
    typeof body[name] === 'string' ? (body[name] as string).replace(/\r\n/g, '\n').trim() : '';
  return {
    subject: text('subject'),
    address: text('address'),
    body: text('body'),
    signature: text('signature'),
  };
}

/** A template's own faults: too long, a control character, or empty where a letter needs text. */
export function templateFieldErrors(t: Translate, values: LetterTemplate): FieldErrors {
  const errors: FieldErrors = {};
  for (const part of ['subject', 'address', 'body', 'signature'] as const) {
    if (values[part].length > templateLimits[part])
      errors[part] = t('errors.too_long', { max: templateLimits[part] });
    // PostgreSQL cannot store a NUL, and no control character belongs in a letter.
    else if (hasControlCharacters(values[part], part !== 'subject'))
      errors[part] = t('errors.control_characters');
  }
  for (const part of ['address', 'body'] as const) if (!values[part]) errors[part] ??= t('errors.required');
  return errors;
}

export const downloadSchema = z.object({
  base: z.string().max(500).catch(''),
  language: z
    .string()
    .max(10)
    .catch('')
    .transform((l) => ((languages as readonly string[]).includes(l) ? (l as Language) : null)),
});

/** The address printed on the letters: an http(s) origin, perhaps with a path, nothing more. */
export function parseRegistrationBase(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.search || url.hash || url.username || url.password) return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** The language named in the address, if it is one Lotta writes letters in. */
export function letterLanguageParam(value: string | undefined): Language | null {
  return (languages as readonly string[]).includes(value ?? '') ? (value as Language) : null;
}
