/**
 * The questions editor as a form: each question is a block of key and labels with one row per answer
 * option (value, Swedish label, English label). Rows are added and removed by submit buttons that
 * show the form again with everything typed kept, so it works without JavaScript. This module reads
 * and writes the form's values; it parses them by hand rather than with zod because the numbered
 * fields, and the blocks left empty on purpose, depend on each other.
 */
import type { QuestionInput } from '../../../commands/assemblies.ts';
import { hasControlCharacters, questionFieldLimits as questionLimits } from '../../../domain/field-limits.ts';
import { isReservedName, type Question } from '../../../domain/questions.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { type FieldErrors, type FormValues, str } from '../../views/forms.tsx';

/** Limits on what one form may ask for, checked before anything is read into memory. */
export const maxQuestions = 50;
export const maxOptionRows = 100;
/** Empty option rows a question shows, so a few options can be typed without adding rows. */
const blankOptionRows = 2;
const newQuestionRows = 3;

export const optionField = (i: number, j: number, part: 'value' | 'sv' | 'en') => `q${i}.o${j}.${part}`;
export const rowsField = (i: number) => `q${i}.rows`;

function count(value: string | undefined, fallback: number, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, max) : fallback;
}

export function questionCount(values: FormValues): number {
  return Math.max(1, count(str(values, 'count'), 1, maxQuestions));
}

export function rowCount(values: FormValues, i: number): number {
  return count(str(values, rowsField(i)), newQuestionRows, maxOptionRows);
}

/** The stored questions as form values, with a blank question and blank option rows to fill in. */
export function questionValues(rows: readonly Question[]): FormValues {
  const values: FormValues = {};
  rows.forEach((q, i) => {
    const { label, options } = q;
    values[`q${i}.key`] = q.key;
    values[`q${i}.label_sv`] = label.sv ?? '';
    values[`q${i}.label_en`] = label.en ?? '';
    options.forEach((o, j) => {
      values[optionField(i, j, 'value')] = o.value;
      values[optionField(i, j, 'sv')] = o.label.sv ?? '';
      values[optionField(i, j, 'en')] = o.label.en ?? '';
    });
    values[rowsField(i)] = String(Math.min(options.length + blankOptionRows, maxOptionRows));
  });
  values[rowsField(rows.length)] = String(newQuestionRows);
  values.count = String(Math.min(rows.length + 1, maxQuestions));
  return values;
}

/** The form's values with option row `j` of question `i` taken out and the later rows moved up. */
function withoutOption(values: FormValues, i: number, j: number): FormValues {
  const out: FormValues = { ...values };
  const rows = rowCount(values, i);
  for (let k = j; k < rows - 1; k++) {
    for (const part of ['value', 'sv', 'en'] as const) {
      out[optionField(i, k, part)] = str(values, optionField(i, k + 1, part));
    }
  }
  for (const part of ['value', 'sv', 'en'] as const) delete out[optionField(i, rows - 1, part)];
  out[rowsField(i)] = String(Math.max(1, rows - 1));
  return out;
}

/** Problems found on the form, as message keys under `questions.` (`too_long` with its limit). */
type QuestionProblem =
  | 'key_required'
  | 'option_value_required'
  | 'option_value_duplicate'
  | 'needs_two_options'
  | 'too_long'
  | 'control_characters'
  | 'reserved';

interface QuestionError {
  problem: QuestionProblem;
  max?: number;
  /** The reserved name, for `reserved`. */
  name?: string;
}

export function parseQuestions(values: FormValues): {
  questions: QuestionInput[];
  errors: Record<string, QuestionError>;
  /** For each question passed on, the number of its block on the form (empty blocks are skipped). */
  blocks: number[];
} {
  const questions: QuestionInput[] = [];
  const errors: Record<string, QuestionError> = {};
  const blocks: number[] = [];
  /**
   * The field's trimmed text, noting an error when it is longer than `max` or holds a control
   * character (labels are shown on the sign-up form, values end up in files and quota tables).
   */
  const read = (name: string, max: number) => {
    const text = str(values, name).trim();
    if (text.length > max) errors[name] = { problem: 'too_long', max };
    else if (hasControlCharacters(text)) errors[name] = { problem: 'control_characters' };
    return text;
  };
  for (let i = 0; i < questionCount(values); i++) {
    const key = read(`q${i}.key`, questionLimits.key);
    if (isReservedName(key)) errors[`q${i}.key`] ??= { problem: 'reserved', name: key };
    const labelSv = read(`q${i}.label_sv`, questionLimits.label);
    const labelEn = read(`q${i}.label_en`, questionLimits.label);
    const options: QuestionInput['options'] = [];
    const firstRow = new Map<string, number>();
    let firstEmpty = -1;
    for (let j = 0; j < rowCount(values, i); j++) {
      const value = read(optionField(i, j, 'value'), questionLimits.value);
      const sv = read(optionField(i, j, 'sv'), questionLimits.optionLabel);
      const en = read(optionField(i, j, 'en'), questionLimits.optionLabel);
      if (!value && !sv && !en) {
        if (firstEmpty < 0) firstEmpty = j;
        continue;
      }
      if (!value) {
        errors[optionField(i, j, 'value')] ??= { problem: 'option_value_required' };
        continue;
      }
      if (isReservedName(value)) {
        errors[optionField(i, j, 'value')] ??= { problem: 'reserved', name: value };
        continue;
      }
      if (firstRow.has(value)) {
        errors[optionField(i, j, 'value')] ??= { problem: 'option_value_duplicate' };
        continue;
      }
      firstRow.set(value, j);
      options.push({ value, label: { sv: sv || value, en: en || sv || value } });
    }
    // A block left entirely empty is no question: that is how one is removed.
    if (!key && !labelSv && !labelEn && options.length === 0) continue;
    if (!key) errors[`q${i}.key`] = { problem: 'key_required' };
    const hasRowError = Object.keys(errors).some((f) => f.startsWith(`q${i}.o`));
    if (options.length < 2 && !hasRowError) {
      errors[optionField(i, Math.max(firstEmpty, 0), 'value')] = { problem: 'needs_two_options' };
    }
    questions.push({ key, label: { sv: labelSv || key, en: labelEn || labelSv || key }, options });
    blocks.push(i);
  }
  return { questions, errors, blocks };
}

/**
 * The form field a command's complaint is about. The command counts only the questions passed on
 * and names a question's options as a whole; on the form that is the block's first option row.
 */
export function commandField(field: string | undefined, blocks: number[]): string {
  const m = /^q(\d+)\.(key|options)$/.exec(field ?? '');
  if (!m) return field ?? '_form';
  const i = blocks[Number(m[1])] ?? Number(m[1]);
  return m[2] === 'key' ? `q${i}.key` : optionField(i, 0, 'value');
}

/**
 * The form after one of its buttons (add a question, add an option row, remove one), or null when
 * the button pressed was "Save". Nothing is saved by the other buttons.
 */
export function editedForm(values: FormValues): FormValues | null {
  if (values.add) {
    const n = questionCount(values);
    if (n >= maxQuestions) return values;
    return { ...values, count: String(n + 1), [rowsField(n)]: String(newQuestionRows) };
  }
  const addOption = str(values, 'add_option');
  if (/^\d+$/.test(addOption) && Number(addOption) < questionCount(values)) {
    const i = Number(addOption);
    return { ...values, [rowsField(i)]: String(Math.min(rowCount(values, i) + 1, maxOptionRows)) };
  }
  const remove = /^(\d+)\.(\d+)$/.exec(str(values, 'remove_option'));
  if (remove) {
    const [i, j] = [Number(remove[1]), Number(remove[2])];
    return i < questionCount(values) && j < rowCount(values, i) ? withoutOption(values, i, j) : values;
  }
  return null;
}

/** The problems found on the form as messages next to their fields. */
export function questionErrorTexts(t: Translate, errors: Record<string, QuestionError>): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([field, { problem, max, name }]) => {
      const i = Number(/^q(\d+)/.exec(field)?.[1] ?? 0);
      return [
        field,
        problem === 'too_long' || problem === 'control_characters'
          ? t(`errors.${problem}`, { max })
          : t(`questions.error_${problem}`, { n: i + 1, name }),
      ];
    }),
  );
}
