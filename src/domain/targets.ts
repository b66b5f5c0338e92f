/**
 * An assembly's targets as the organiser enters them, and their translation into the engine's
 * Targets. One definition holds the fields of all three ways of giving targets (counts, percentages
 * of the population, Swedish point targets), so switching between them loses nothing typed; `kind`
 * says which fields count.
 *
 * "Prefer not to say" is a value of every question. The organiser either gives it targets of its own
 * like any other value, or leaves it free: then it constrains nothing (quotas 0..panel size) and, with
 * point targets, counts toward no target.
 */
import { seatsForRange, seatsForShare } from '../io/percentages.ts';
import type { Finding, PointFeature, Quota, Targets } from '../sortition/model.ts';
import { isInRange, targetNumberLimits } from '../sortition/target-numbers.ts';
import { preferNotToSay, type Question } from './questions.ts';

export const targetKinds = ['quotas', 'percentages', 'points'] as const;
export type TargetKind = (typeof targetKinds)[number];

export const preferNotToSayModes = ['free', 'own'] as const;
export type PreferNotToSayMode = (typeof preferNotToSayModes)[number];

export interface ValueTargets {
  /** Counts (kind quotas). */
  min?: number;
  max?: number;
  /** Share of the panel in percent (kind percentages); blank both means "the population share". */
  minPercent?: number;
  maxPercent?: number;
  /** Desired seats, possibly fractional (kind points); blank means "the population share of the seats". */
  points?: number;
}

export interface QuestionTargets {
  /** Questions left out do not take part in selection at all. */
  included: boolean;
  preferNotToSay: PreferNotToSayMode;
  /** Percentage points either side of the population share (kind percentages). */
  tolerance?: number;
  /** How much a deviation on this question counts (kind points); default 1. */
  weight?: number;
  values: Record<string, ValueTargets>;
}

export interface TargetDefinition {
  questions: Record<string, QuestionTargets>;
}

/** Population share in percent per question and value. */
export type PopulationShares = Record<string, Record<string, number>>;

export interface TargetSettings {
  kind: TargetKind;
  definition: TargetDefinition;
  population: PopulationShares;
}

/** The values a question's targets speak of, in display order: its options, then "prefer not to say". */
export function targetValues(question: Question): string[] {
  return [...question.options.map((o) => o.value), preferNotToSay];
}

/** A problem with one field of the targets, keyed for the form that shows it next to the field. */
export interface TargetProblem {
  question: string;
  /** The value, or undefined for a question-level field. */
  value?: string;
  field: keyof ValueTargets | 'population' | 'tolerance' | 'weight' | 'included';
  code:
    | 'min_above_max'
    | 'min_percent_above_max_percent'
    | 'no_question_included'
    | 'whole_number'
    | 'percent_range'
    | 'too_large';
}

/**
 * The numbers of one kind of targets and their ranges, so that neither a form nor stored settings can
 * hand the solver a count of 1e308 (see `target-numbers.ts` for why the bounds are what they are).
 */
const percentField = { max: 100, code: 'percent_range', whole: false } as const;
const valueRanges: Record<
  TargetKind,
  { field: keyof ValueTargets; max: number; code: TargetProblem['code']; whole: boolean }[]
> = {
  quotas: [
    { field: 'min', max: targetNumberLimits.seats, code: 'whole_number', whole: true },
    { field: 'max', max: targetNumberLimits.seats, code: 'whole_number', whole: true },
  ],
  percentages: [
    { field: 'minPercent', ...percentField },
    { field: 'maxPercent', ...percentField },
  ],
  points: [{ field: 'points', max: targetNumberLimits.pointTarget, code: 'too_large', whole: false }],
};

function outOfRange(n: number | undefined, max: number, whole: boolean): boolean {
  return n !== undefined && !(isInRange(n, max) && (!whole || Number.isInteger(n)));
}

/** Problems with the numbers of one used question: each must be finite and in its range. */
function numberProblems(settings: TargetSettings, question: Question): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const targets = settings.definition.questions[question.key];
  const key = question.key;
  if (settings.kind === 'percentages' && outOfRange(targets.tolerance, 100, false)) {
    problems.push({ question: key, field: 'tolerance', code: 'percent_range' });
  }
  if (settings.kind === 'points' && outOfRange(targets.weight, targetNumberLimits.weight, false)) {
    problems.push({ question: key, field: 'weight', code: 'too_large' });
  }
  for (const value of targetValues(question)) {
    if (outOfRange(settings.population[key]?.[value], 100, false)) {
      problems.push({ question: key, value, field: 'population', code: 'percent_range' });
    }
    const v = targets.values[value] ?? {};
    for (const { field, max, code, whole } of valueRanges[settings.kind]) {
      if (outOfRange(v[field], max, whole)) problems.push({ question: key, value, field, code });
    }
  }
  return problems;
}

/**
 * Checks every number of the used questions against its range, and what single fields cannot: a
 * minimum above its maximum, at least one question used.
 */
export function checkTargets(settings: TargetSettings, questions: Question[]): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const used = questions.filter((q) => settings.definition.questions[q.key]?.included);
  if (used.length === 0 && questions.length > 0) {
    problems.push({ question: questions[0].key, field: 'included', code: 'no_question_included' });
  }
  for (const question of used) {
    problems.push(...numberProblems(settings, question));
    const targets = settings.definition.questions[question.key];
    for (const value of targetValues(question)) {
      const v = targets.values[value] ?? {};
      if (settings.kind === 'quotas' && v.min !== undefined && v.max !== undefined && v.min > v.max) {
        problems.push({ question: question.key, value, field: 'min', code: 'min_above_max' });
      }
      if (
        settings.kind === 'percentages' &&
        v.minPercent !== undefined &&
        v.maxPercent !== undefined &&
        v.minPercent > v.maxPercent
      ) {
        problems.push({
          question: question.key,
          value,
          field: 'minPercent',
          code: 'min_percent_above_max_percent',
        });
      }
    }
  }
  return problems;
}

/** Inclusive seat bounds of one value under count or percentage targets. */
export function seatBounds(
  settings: TargetSettings,
  question: string,
  value: string,
  panelSize: number,
): { min: number; max: number } {
  const targets = settings.definition.questions[question];
  const free = { min: 0, max: panelSize };
  if (!targets || (value === preferNotToSay && targets.preferNotToSay === 'free')) return free;
  const v = targets.values[value] ?? {};
  // A blank maximum never undercuts the minimum: the check then explains a minimum above the
  // panel size instead of refusing the input.
  if (settings.kind === 'quotas') return { min: v.min ?? 0, max: v.max ?? Math.max(panelSize, v.min ?? 0) };
  if (settings.kind === 'percentages') {
    if (v.minPercent !== undefined || v.maxPercent !== undefined) {
      return seatsForRange(v.minPercent ?? 0, v.maxPercent ?? 100, panelSize);
    }
    const share = settings.population[question]?.[value];
    if (share === undefined) return free;
    const tolerance = targets.tolerance ?? 0;
    if (tolerance === 0) return seatsForShare(share, panelSize);
    return seatsForRange(Math.max(0, share - tolerance), Math.min(100, share + tolerance), panelSize);
  }
  return free;
}

/** The desired seats of one value under point targets, or undefined when it has no target. */
export function pointTarget(
  settings: TargetSettings,
  question: string,
  value: string,
  panelSize: number,
): number | undefined {
  const targets = settings.definition.questions[question];
  if (!targets || (value === preferNotToSay && targets.preferNotToSay === 'free')) return undefined;
  const points = targets.values[value]?.points;
  if (points !== undefined) return points;
  const share = settings.population[question]?.[value];
  return share === undefined ? undefined : (share * panelSize) / 100;
}

/**
 * The engine's Targets for the included questions. `extraValues` are answers found in the pool that
 * are no longer options of their question (the options changed after people answered): they get a
 * quota that constrains nothing, because the engine refuses a value without one.
 */
export function toEngineTargets(
  settings: TargetSettings,
  questions: Question[],
  panelSize: number,
  extraValues: Record<string, string[]> = {},
): Targets {
  const used = questions.filter((q) => settings.definition.questions[q.key]?.included);
  if (settings.kind === 'points') {
    const features: PointFeature[] = [];
    for (const question of used) {
      const values = targetValues(question)
        .map((value) => ({ value, target: pointTarget(settings, question.key, value, panelSize) }))
        .filter((v): v is { value: string; target: number } => v.target !== undefined);
      if (values.length === 0) continue;
      features.push({
        feature: question.key,
        weight: settings.definition.questions[question.key].weight ?? 1,
        values,
      });
    }
    return { kind: 'points', features };
  }
  const quotas: Quota[] = [];
  for (const question of used) {
    for (const value of targetValues(question)) {
      quotas.push({ feature: question.key, value, ...seatBounds(settings, question.key, value, panelSize) });
    }
    for (const value of extraValues[question.key] ?? []) {
      quotas.push({ feature: question.key, value, min: 0, max: panelSize });
    }
  }
  return { kind: 'quotas', quotas };
}

/**
 * What the charts show as the target, in percent of the panel: the middle of the allowed seats, or
 * the point target. Undefined when the value is not constrained at all.
 */
export function targetPercent(
  settings: TargetSettings,
  question: string,
  value: string,
  panelSize: number,
): number | undefined {
  if (settings.kind === 'points') {
    const target = pointTarget(settings, question, value, panelSize);
    return target === undefined ? undefined : (100 * target) / panelSize;
  }
  const { min, max } = seatBounds(settings, question, value, panelSize);
  if (min === 0 && max >= panelSize) return undefined;
  // A minimum above the panel is a mistake the check explains; the chart stops at the whole panel.
  return (100 * (Math.min(min, panelSize) + Math.min(max, panelSize))) / 2 / panelSize;
}

/** Targets for a new assembly: every question used, "prefer not to say" free, nothing entered yet. */
export function emptyTargets(questions: Question[]): TargetSettings {
  return {
    kind: 'quotas',
    definition: {
      questions: Object.fromEntries(
        questions.map((q) => [q.key, { included: true, preferNotToSay: 'free', values: {} }]),
      ),
    },
    population: {},
  };
}

/* ------------------------------------------------------------------------------------------------ */
/* Advice in the unit the organiser typed                                                           */

/**
 * A change of one seat bound, said the way the organiser gave the target. With percentages the
 * check and its relaxation reason in whole seats, but the organiser typed percent: either a range
 * (`percent`: the typed min % or max % and the one to type instead) or the population share with a
 * tolerance (`tolerance`: the question's tolerance now and the one to type instead).
 */
export type TypedChange =
  | { unit: 'percent'; from: number; to: number }
  | { unit: 'tolerance'; share: number; from: number; to: number };

/** Rounds down (or up) to `decimals` places, forgiving the float error of a product like 0.1 * 3. */
function roundTo(x: number, decimals: number, direction: 'down' | 'up'): number {
  const scale = 10 ** decimals;
  const scaled = x * scale;
  const whole = direction === 'down' ? Math.floor(scaled + 1e-9) : Math.ceil(scaled - 1e-9);
  return whole / scale;
}

function withValue(settings: TargetSettings, question: string, value: string, patch: ValueTargets) {
  const targets = settings.definition.questions[question];
  const values = { ...targets.values, [value]: { ...targets.values[value], ...patch } };
  return {
    ...settings,
    definition: { questions: { ...settings.definition.questions, [question]: { ...targets, values } } },
  };
}

function withTolerance(settings: TargetSettings, question: string, tolerance: number): TargetSettings {
  const targets = settings.definition.questions[question];
  return {
    ...settings,
    definition: { questions: { ...settings.definition.questions, [question]: { ...targets, tolerance } } },
  };
}

/**
 * What to type so that `bound` of the value becomes `seats`, in the unit the organiser used, or
 * undefined when the targets are counts (the seats are the unit) or no typed number gives exactly
 * those seats. Each candidate goes through the same forward conversion as the selection
 * (`seatBounds`), so the advice is never a percentage that rounds to other seats than promised.
 * Whole percents are preferred, then one and two decimals.
 */
export function typedChange(
  settings: TargetSettings,
  question: string,
  value: string,
  bound: 'min' | 'max',
  seats: number,
  panelSize: number,
): TypedChange | undefined {
  const targets = settings.definition.questions[question];
  if (settings.kind !== 'percentages' || !targets || panelSize <= 0) return undefined;
  if (value === preferNotToSay && targets.preferNotToSay === 'free') return undefined;
  const v = targets.values[value] ?? {};
  const exact = (100 * seats) / panelSize;
  const gives = (candidate: TargetSettings) =>
    seatBounds(candidate, question, value, panelSize)[bound] === seats;
  if (v.minPercent !== undefined || v.maxPercent !== undefined) {
    const field = bound === 'min' ? 'minPercent' : 'maxPercent';
    const from = v[field] ?? (bound === 'min' ? 0 : 100);
    // A minimum rounds up to seats, so the largest percent at or below the exact share keeps those
    // seats; a maximum rounds down, so the smallest at or above it.
    for (const decimals of [0, 1, 2]) {
      const to = roundTo(exact, decimals, bound === 'min' ? 'down' : 'up');
      if (to < 0 || to > 100) continue;
      if (gives(withValue(settings, question, value, { [field]: to }))) return { unit: 'percent', from, to };
    }
    return undefined;
  }
  const share = settings.population[question]?.[value];
  if (share === undefined) return undefined;
  const from = targets.tolerance ?? 0;
  // The share less the tolerance rounds up to the minimum; plus the tolerance rounds down to the
  // maximum. The smallest tolerance that reaches the seats changes the other answers the least.
  const needed = bound === 'min' ? share - exact : exact - share;
  for (const decimals of [0, 1, 2]) {
    const to = roundTo(Math.max(0, needed), decimals, 'up');
    if (to <= from || to > 100) continue;
    if (gives(withTolerance(settings, question, to))) return { unit: 'tolerance', share, from, to };
  }
  return undefined;
}

/**
 * A finding of the check with its numbers in the unit the organiser typed: the seat findings that
 * name one bound of one answer (relax-min/-max, min-above-pool) get a `-percent` or `-tolerance`
 * code with the typed numbers as `from`/`to` and the seats kept as `fromSeats`/`toSeats`. Other
 * findings, and everything under count or point targets, are returned as they are.
 */
export function findingAsTyped(settings: TargetSettings, finding: Finding, panelSize: number): Finding {
  if (settings.kind !== 'percentages') return finding;
  const p = finding.params ?? {};
  const num = (key: string) => (typeof p[key] === 'number' ? (p[key] as number) : undefined);
  if (finding.code === 'minimums-above-size' || finding.code === 'maximums-below-size') {
    // A sum over the answers has no single field to type; its size in percentage points of the
    // panel is a guide, which is why the sentence says "about".
    const sum = num('sum');
    const size = num('size');
    if (sum === undefined || size === undefined || size <= 0) return finding;
    return {
      ...finding,
      code: `${finding.code}-percent`,
      params: { ...p, points: roundTo((100 * Math.abs(sum - size)) / size, 1, 'up') },
    };
  }
  let bound: 'min' | 'max';
  let fromSeats: number | undefined;
  let toSeats: number | undefined;
  if (finding.code === 'relax-min' || finding.code === 'relax-max') {
    bound = finding.code === 'relax-min' ? 'min' : 'max';
    fromSeats = num('from');
    toSeats = num('to');
  } else if (finding.code === 'min-above-pool') {
    bound = 'min';
    fromSeats = num('min');
    toSeats = num('pool');
  } else return finding;
  if (fromSeats === undefined || toSeats === undefined) return finding;
  const change = typedChange(settings, finding.category, finding.value, bound, toSeats, panelSize);
  if (!change) return finding;
  const unit = change.unit === 'percent' ? '%' : 'percentage points of tolerance';
  return {
    ...finding,
    code: `${finding.code}-${change.unit}`,
    message: `${finding.message} (${change.from} ${unit} now.)`,
    suggestion: `Change ${change.from} to ${change.to} ${unit} for ${toSeats} seats.`,
    params: {
      ...p,
      from: change.from,
      to: change.to,
      fromSeats,
      toSeats,
      ...(change.unit === 'tolerance' ? { share: change.share } : {}),
    },
  };
}
