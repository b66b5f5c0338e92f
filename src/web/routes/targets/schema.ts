/**
 * The targets form: its fields (one row per answer of each question, named `q<i>.v<j>.<field>`),
 * numbers as people type them, and the form's values to and from the targets they describe. Field
 * errors are message codes under `targets.error_`.
 */
import { z } from 'zod';
import type { Question } from '../../../domain/questions.ts';
import {
  checkTargets,
  type PreferNotToSayMode,
  preferNotToSayModes,
  type QuestionTargets,
  type TargetKind,
  type TargetProblem,
  type TargetSettings,
  targetKinds,
  targetValues,
  type ValueTargets,
} from '../../../domain/targets.ts';
import type { FormValues } from '../../views/forms.tsx';

export const valueFields = ['population', 'min', 'max', 'min_percent', 'max_percent', 'points'] as const;
export type ValueField = (typeof valueFields)[number];

/** The columns each way of giving targets shows (the population share is always shown). */
export const kindFields: Record<TargetKind, ValueField[]> = {
  quotas: ['min', 'max'],
  percentages: ['min_percent', 'max_percent'],
  points: ['points'],
};
export const kindQuestionFields: Record<TargetKind, ('tolerance' | 'weight')[]> = {
  quotas: [],
  percentages: ['tolerance'],
  points: ['weight'],
};

/** The form field that shows a problem with a stored field. */
const formField: Partial<Record<TargetProblem['field'], ValueField>> = {
  min: 'min',
  max: 'max',
  minPercent: 'min_percent',
  maxPercent: 'max_percent',
  points: 'points',
  population: 'population',
};

const storedName: Record<Exclude<ValueField, 'population'>, keyof ValueTargets> = {
  min: 'min',
  max: 'max',
  min_percent: 'minPercent',
  max_percent: 'maxPercent',
  points: 'points',
};

export const fieldOf = (i: number, j: number, field: ValueField) => `q${i}.v${j}.${field}`;

// Numbers as people type them: blank means "not given", Swedish writes a decimal comma.
const wholeSeats = z
  .string()
  .regex(/^\d{1,6}$/, 'whole_number')
  .transform(Number);
const decimal = (max: number, tooLarge: string) =>
  z
    .string()
    .transform((s) => s.replace(/^(\d+),(\d+)$/, '$1.$2'))
    .pipe(z.string().regex(/^\d{1,7}(\.\d{1,6})?$/, 'decimal'))
    .transform(Number)
    .pipe(z.number().max(max, tooLarge));
const percent = decimal(100, 'percent_range');
const amount = decimal(100_000, 'too_large');

/** Schemas of the filled-in number fields; a blank field is not given and skips them. */
const numberSchemas: Record<ValueField | 'tolerance' | 'weight', z.ZodType<number, string>> = {
  population: percent,
  min: wholeSeats,
  max: wholeSeats,
  min_percent: percent,
  max_percent: percent,
  points: amount,
  tolerance: percent,
  weight: amount,
};

export function parseNumber(
  schema: keyof typeof numberSchemas,
  text: string,
): { value: number | undefined } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  const parsed = numberSchemas[schema].safeParse(trimmed);
  return parsed.success ? { value: parsed.data } : { error: parsed.error.issues[0]?.message ?? 'decimal' };
}

const formSchema = z.object({
  kind: z.enum(targetKinds, 'kind_required'),
});

function numberText(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

/** The form's fields for saved (or empty) targets. */
export function valuesOf(settings: TargetSettings, questions: Question[]): FormValues {
  const values: FormValues = { kind: settings.kind };
  questions.forEach((question, i) => {
    const q = settings.definition.questions[question.key];
    values[`q${i}.key`] = question.key;
    values[`q${i}.included`] = q?.included ? 'on' : '';
    values[`q${i}.pnts`] = q?.preferNotToSay ?? 'free';
    values[`q${i}.tolerance`] = numberText(q?.tolerance);
    values[`q${i}.weight`] = numberText(q?.weight);
    targetValues(question).forEach((value, j) => {
      const v = q?.values[value] ?? {};
      values[fieldOf(i, j, 'population')] = numberText(settings.population[question.key]?.[value]);
      for (const field of valueFields) {
        if (field !== 'population') values[fieldOf(i, j, field)] = numberText(v[storedName[field]]);
      }
    });
  });
  return values;
}

/** Reads the posted form; field errors are message codes under `targets.error_`. */
export function parseTargetsForm(
  values: Record<string, string>,
  questions: Question[],
): { settings: TargetSettings | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const head = formSchema.safeParse(values);
  if (!head.success) errors.kind = 'kind_required';
  const read = (name: string, schema: keyof typeof numberSchemas): number | undefined => {
    const parsed = parseNumber(schema, values[name] ?? '');
    if ('value' in parsed) return parsed.value;
    errors[name] = parsed.error;
    return undefined;
  };
  const definition: Record<string, QuestionTargets> = {};
  const population: Record<string, Record<string, number>> = {};
  questions.forEach((question, i) => {
    // The form names questions by position; a question renamed meanwhile is left as it was.
    if (values[`q${i}.key`] !== question.key) return;
    const mode = preferNotToSayModes.find((m) => m === values[`q${i}.pnts`]) ?? 'free';
    const tolerance = read(`q${i}.tolerance`, 'tolerance');
    const weight = read(`q${i}.weight`, 'weight');
    const targets: QuestionTargets = {
      included: values[`q${i}.included`] === 'on',
      preferNotToSay: mode as PreferNotToSayMode,
      ...(tolerance === undefined ? {} : { tolerance }),
      ...(weight === undefined ? {} : { weight }),
      values: {},
    };
    targetValues(question).forEach((value, j) => {
      const share = read(fieldOf(i, j, 'population'), 'population');
      if (share !== undefined) population[question.key] = { ...population[question.key], [value]: share };
      const v: ValueTargets = {};
      for (const field of valueFields) {
        if (field === 'population') continue;
        const n = read(fieldOf(i, j, field), field);
        if (n !== undefined) v[storedName[field]] = n;
      }
      targets.values[value] = v;
    });
    definition[question.key] = targets;
  });
  if (!head.success) return { settings: null, errors };
  const settings: TargetSettings = {
    kind: head.data.kind,
    definition: { questions: definition },
    population,
  };
  for (const problem of checkTargets(settings, questions)) {
    const i = questions.findIndex((q) => q.key === problem.question);
    if (problem.value === undefined) {
      const field = problem.field === 'tolerance' || problem.field === 'weight' ? problem.field : 'included';
      errors[`q${i}.${field}`] ??= problem.code;
      continue;
    }
    const j = targetValues(questions[i]).indexOf(problem.value);
    errors[fieldOf(i, j, formField[problem.field] ?? 'min')] ??= problem.code;
  }
  return { settings: Object.keys(errors).length > 0 ? null : settings, errors };
}
