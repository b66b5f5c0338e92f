/**
 * The targets editor: per question and answer, min/max seats, or percentages of the population, or
 * Swedish point targets with a weight per question; the population share per answer; population,
 * pool and target side by side; and the quick feasibility check, whose findings appear next to the
 * answer they concern, with the suggested change.
 */
import { z } from 'zod';
import { CommandError } from '../../commands/command.ts';
import {
  assemblyQuestions,
  checkTargetFeasibility,
  loadTargetSettings,
  saveTargetSettings,
  type TargetCheck,
} from '../../commands/targets.ts';
import { labelIn, type Question } from '../../domain/questions.ts';
import { countAnswers } from '../../domain/selection-input.ts';
import {
  checkTargets,
  findingAsTyped,
  type PreferNotToSayMode,
  pointTarget,
  preferNotToSayModes,
  type QuestionTargets,
  seatBounds,
  type TargetKind,
  type TargetProblem,
  type TargetSettings,
  targetKinds,
  targetPercent,
  targetValues,
  typedChange,
  type ValueTargets,
} from '../../domain/targets.ts';
import { translateEngineError } from '../../i18n/input-errors.ts';
import type { Finding } from '../../sortition/model.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { needs, type Route } from '../routing.ts';
import { textFields } from '../validation.ts';
import { renderAssemblyPage } from '../views/assembly-frame.tsx';
import { GroupedBarChart } from '../views/charts.tsx';
import { findingText, relaxationText, valueLabel } from '../views/findings.tsx';
import {
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  SubmitButton,
  str,
} from '../views/forms.tsx';
import { formatTime, numberFormat } from '../views/time.ts';

/* ------------------------------------------------------------------------------------------------ */
/* Form fields                                                                                       */

const valueFields = ['population', 'min', 'max', 'min_percent', 'max_percent', 'points'] as const;
type ValueField = (typeof valueFields)[number];

/** The columns each way of giving targets shows (the population share is always shown). */
const kindFields: Record<TargetKind, ValueField[]> = {
  quotas: ['min', 'max'],
  percentages: ['min_percent', 'max_percent'],
  points: ['points'],
};
const kindQuestionFields: Record<TargetKind, ('tolerance' | 'weight')[]> = {
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

const fieldOf = (i: number, j: number, field: ValueField) => `q${i}.v${j}.${field}`;

/** What the error summary calls each field: the same words as the field's own label. */
function targetLabels(c: Ctx, questions: Question[]): Record<string, string> {
  const t = c.var.t;
  const lang = c.var.lang;
  const labels: Record<string, string> = { kind: t('targets.kind') };
  questions.forEach((question, i) => {
    const label = labelIn(question.label, lang);
    labels[`q${i}.included`] = t('targets.included', { question: label });
    for (const field of ['tolerance', 'weight'] as const) {
      labels[`q${i}.${field}`] = t('targets.question_field', {
        question: label,
        field: t(`targets.${field}`),
      });
    }
    targetValues(question).forEach((value, j) => {
      const answer = valueLabel(t, lang, question, value);
      for (const field of valueFields) {
        labels[fieldOf(i, j, field)] = t('targets.cell_label', {
          column: t(`targets.col_${field}`),
          answer,
          question: label,
        });
      }
    });
  });
  return labels;
}

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

function parseNumber(
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
function valuesOf(settings: TargetSettings, questions: Question[]): FormValues {
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
function parseForm(
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

/* ------------------------------------------------------------------------------------------------ */
/* The page                                                                                          */

interface PageState {
  values: FormValues;
  errors?: FieldErrors;
  /** The targets the check and the seats column describe: the saved ones, or the ones just checked. */
  settings: TargetSettings;
  check?: TargetCheck | null;
  notice?: string | null;
  status?: 200 | 409 | 422;
  /**
   * Questions without a problem start folded: once targets are saved or checked the page opens with
   * the summary. While nothing is saved yet every question is open for typing.
   */
  folded?: boolean;
}

/**
 * The findings and warnings of the check about one answer ('*': the whole question), with the seat
 * advice said in the unit the targets were typed in.
 */
function findingsAt(
  check: TargetCheck | null | undefined,
  settings: TargetSettings,
  question: string,
  value: string,
): Finding[] {
  const report = check?.report;
  if (!check || !report) return [];
  return [...report.findings, ...report.warnings]
    .filter((f) => f.category === question && f.value === value)
    .map((f) => findingAsTyped(settings, f, check.panelSize));
}

/**
 * What needs the organiser's eye in a question: findings of the check, warnings other than "this
 * answer has no target" (which point targets with a free "prefer not to say" always give), answers
 * that are no longer options, and typing errors. Such a question opens unfolded.
 */
function questionProblems(state: PageState, i: number, question: string): number {
  const report = state.check?.report;
  const fromCheck = report
    ? [...report.findings, ...report.warnings].filter(
        (f) => f.category === question && f.code !== 'value-without-target',
      ).length
    : 0;
  const unknown = (state.check?.unknownAnswers ?? []).filter((u) => u.question === question).length;
  const typing = Object.keys(state.errors ?? {}).filter((k) => k.startsWith(`q${i}.`)).length;
  return fromCheck + unknown + typing;
}

/** The column's name inside a cell, shown only where the narrow layout hides the table head. */
function CellHead(props: { column: string }) {
  return (
    <span class="cell-head" aria-hidden="true">
      {props.column}
    </span>
  );
}

function NumberCell(props: {
  name: string;
  label: string;
  column: string;
  value: string;
  error?: string;
  describedBy?: string;
}) {
  const ids = [props.error ? `${props.name}-error` : '', props.describedBy ?? ''].filter(Boolean).join(' ');
  return (
    <td class={props.error ? 'has-error' : undefined}>
      <CellHead column={props.column} />
      <label for={props.name} class="visually-hidden">
        {props.label}
      </label>
      {props.error ? (
        <p class="field-error" id={`${props.name}-error`}>
          {props.error}
        </p>
      ) : null}
      <input
        id={props.name}
        name={props.name}
        type="text"
        inputmode="decimal"
        size={6}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={ids || undefined}
      />
    </td>
  );
}

function QuestionTargetsFieldset(props: {
  c: Ctx;
  i: number;
  question: Question;
  kind: TargetKind;
  state: PageState;
  poolCounts: Record<string, number>;
  poolSize: number;
  /** Unfolded: a problem to look at, or targets still being entered. */
  open: boolean;
  problems: number;
}) {
  const { c, i, question, kind, state } = props;
  const t = c.var.t;
  const lang = c.var.lang;
  const values = state.values;
  const errors = state.errors ?? {};
  const check = state.check;
  const settings = state.settings;
  const label = labelIn(question.label, lang);
  const answers = targetValues(question);
  const panelSize = c.var.assembly.panel_size;
  const pct = numberFormat(lang, 1);
  const seats = numberFormat(lang, 2);
  const used = state.settings.definition.questions[question.key]?.included ?? false;
  const questionFindings = findingsAt(check, settings, question.key, '*');
  const unknown = (check?.unknownAnswers ?? []).filter((u) => u.question === question.key);
  const shown = kindFields[kind];
  const hidden = valueFields.filter((f) => f !== 'population' && !shown.includes(f));
  const shownQuestionFields = kindQuestionFields[kind];
  const columns = 4 + shown.length;
  const shareOf = (j: number): number | null => {
    const parsed = parseNumber('population', str(values, fieldOf(i, j, 'population')));
    return 'value' in parsed && parsed.value !== undefined ? parsed.value : null;
  };
  const shareSum = answers.reduce((sum, _, j) => sum + (shareOf(j) ?? 0), 0);

  const seatsText = (value: string): string => {
    if (!used) return t('targets.not_used');
    if (kind === 'points') {
      const target = pointTarget(settings, question.key, value, panelSize);
      return target === undefined ? t('targets.no_target') : seats.format(target);
    }
    const { min, max } = seatBounds(settings, question.key, value, panelSize);
    if (min === 0 && max >= panelSize) return t('targets.no_constraint');
    const top = Math.max(min, Math.min(max, panelSize));
    return min === top ? String(min) : t('targets.seat_range', { min, max: top });
  };

  const status = !used
    ? t('targets.not_used')
    : props.problems > 0
      ? t('targets.question_problems', { count: props.problems })
      : check?.report
        ? t('targets.question_fine')
        : null;
  return (
    <details class="targets-question" id={`q${i}`} open={props.open}>
      <summary>
        {label}
        {status ? <span class="targets-question-status"> – {status}</span> : null}
      </summary>
      <fieldset class="card targets-fieldset">
        <legend>{label}</legend>
        <input type="hidden" name={`q${i}.key`} value={question.key} />
        <div class={errors[`q${i}.included`] ? 'field has-error' : 'field'}>
          {errors[`q${i}.included`] ? (
            <p class="field-error" id={`q${i}.included-error`}>
              {errors[`q${i}.included`]}
            </p>
          ) : null}
          <div class="choice">
            <input
              type="checkbox"
              id={`q${i}.included`}
              name={`q${i}.included`}
              value="on"
              checked={str(values, `q${i}.included`) === 'on'}
              aria-describedby={errors[`q${i}.included`] ? `q${i}.included-error` : undefined}
            />
            <label for={`q${i}.included`}>{t('targets.included', { question: label })}</label>
          </div>
        </div>
        <ChoiceGroup
          name={`q${i}.pnts`}
          legend={t('targets.prefer_not_legend')}
          hint={t(`targets.prefer_not_hint_${kind}`)}
          type="radio"
          options={preferNotToSayModes.map((m) => ({ value: m, label: t(`targets.prefer_not_${m}`) }))}
          checked={[str(values, `q${i}.pnts`) || 'free']}
        />
        {shownQuestionFields.map((field) => (
          <div class={errors[`q${i}.${field}`] ? 'field has-error' : 'field'}>
            <label for={`q${i}.${field}`}>{t(`targets.${field}`)}</label>
            <p class="hint" id={`q${i}.${field}-hint`}>
              {t(`targets.${field}_hint`)}
            </p>
            {errors[`q${i}.${field}`] ? (
              <p class="field-error" id={`q${i}.${field}-error`}>
                {errors[`q${i}.${field}`]}
              </p>
            ) : null}
            <input
              id={`q${i}.${field}`}
              name={`q${i}.${field}`}
              type="text"
              inputmode="decimal"
              size={6}
              value={str(values, `q${i}.${field}`)}
              aria-invalid={errors[`q${i}.${field}`] ? 'true' : undefined}
              aria-describedby={[
                `q${i}.${field}-hint`,
                errors[`q${i}.${field}`] ? `q${i}.${field}-error` : '',
              ]
                .filter(Boolean)
                .join(' ')}
            />
          </div>
        ))}
        {kindQuestionFields.quotas
          .concat(kindQuestionFields.percentages, kindQuestionFields.points)
          .filter((f) => !shownQuestionFields.includes(f))
          .map((field) => (
            <input type="hidden" name={`q${i}.${field}`} value={str(values, `q${i}.${field}`)} />
          ))}
        {questionFindings.length > 0 || unknown.length > 0 ? (
          <div class="warning" id={`q${i}-check`}>
            <ul>
              {questionFindings.map((f) => {
                const text = findingText(t, lang, f);
                return (
                  <li>
                    {text.message}
                    {text.suggestion ? <> {text.suggestion}</> : null}
                  </li>
                );
              })}
              {unknown.map((u) => (
                <li>{t('targets.unknown_answer', { count: u.count, value: u.value })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {shareSum > 0 && Math.abs(shareSum - 100) > 1 ? (
          <p class="hint">{t('targets.population_sum', { question: label, sum: pct.format(shareSum) })}</p>
        ) : null}
        <div class="table-wrap" tabindex={0}>
          <table class="targets-table">
            <caption>{t('targets.table_caption', { question: label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('targets.col_answer')}</th>
                <th scope="col">{t('targets.col_population')}</th>
                <th scope="col" class="number">
                  {t('targets.col_pool')}
                </th>
                {shown.map((field) => (
                  <th scope="col">{t(`targets.col_${field}`)}</th>
                ))}
                <th scope="col">{t('targets.col_seats')}</th>
              </tr>
            </thead>
            <tbody>
              {answers.map((value, j) => {
                const answer = valueLabel(t, lang, question, value);
                const findings = findingsAt(check, settings, question.key, value);
                const checkId = findings.length > 0 ? `q${i}.v${j}-check` : undefined;
                const count = props.poolCounts[value] ?? 0;
                return (
                  <>
                    <tr>
                      <th scope="row">{answer}</th>
                      <NumberCell
                        name={fieldOf(i, j, 'population')}
                        column={t('targets.col_population')}
                        label={t('targets.cell_label', {
                          column: t('targets.col_population'),
                          answer,
                          question: label,
                        })}
                        value={str(values, fieldOf(i, j, 'population'))}
                        error={errors[fieldOf(i, j, 'population')]}
                      />
                      <td class="number">
                        <CellHead column={t('targets.col_pool')} />
                        {t('targets.pool_count', {
                          n: count,
                          percent: pct.format(props.poolSize === 0 ? 0 : (100 * count) / props.poolSize),
                        })}
                      </td>
                      {shown.map((field) => (
                        <NumberCell
                          name={fieldOf(i, j, field)}
                          column={t(`targets.col_${field}`)}
                          label={t('targets.cell_label', {
                            column: t(`targets.col_${field}`),
                            answer,
                            question: label,
                          })}
                          value={str(values, fieldOf(i, j, field))}
                          error={errors[fieldOf(i, j, field)]}
                          describedBy={checkId}
                        />
                      ))}
                      <td>
                        <CellHead column={t('targets.col_seats')} />
                        {seatsText(value)}
                      </td>
                    </tr>
                    {findings.length > 0 ? (
                      <tr class="finding">
                        <td colspan={columns}>
                          <ul class="field-error" id={checkId}>
                            {findings.map((f) => {
                              const text = findingText(t, lang, f);
                              return (
                                <li>
                                  {text.message}
                                  {text.suggestion ? <> {text.suggestion}</> : null}
                                </li>
                              );
                            })}
                          </ul>
                        </td>
                      </tr>
                    ) : null}
                  </>
                );
              })}
            </tbody>
          </table>
        </div>
        {answers.flatMap((_, j) =>
          hidden.map((field) => (
            <input type="hidden" name={fieldOf(i, j, field)} value={str(values, fieldOf(i, j, field))} />
          )),
        )}
        <div class="narrow">
          <GroupedBarChart
            title={t('targets.chart_title', { question: label })}
            category={t('targets.col_answer')}
            series={[t('targets.series_population'), t('targets.series_pool'), t('targets.series_target')]}
            format={(v) => `${pct.format(v)}\u00a0%`}
            rows={answers.map((value, j) => {
              const count = props.poolCounts[value] ?? 0;
              return {
                label: valueLabel(t, lang, question, value),
                values: [
                  shareOf(j),
                  props.poolSize === 0 ? null : (100 * count) / props.poolSize,
                  used ? (targetPercent(settings, question.key, value, panelSize) ?? null) : null,
                ],
              };
            })}
          />
        </div>
      </fieldset>
    </details>
  );
}

/** What the check compared the targets with, in a sentence or three (see CheckBasis). */
function BasisText(props: { c: Ctx; check: TargetCheck }) {
  const { c, check } = props;
  const t = c.var.t;
  const basis = check.basis;
  const base = `/a/${c.var.assembly.id}/targets`;
  if (basis.kind === 'run') {
    return (
      <>
        <p>
          {t('targets.basis_run', {
            date: formatTime(c, basis.finishedAt),
            pool: check.pool.length,
            size: check.panelSize,
          })}
        </p>
        <p>
          {basis.left > 0 ? t('targets.basis_run_left', { count: basis.left }) : null}
          {basis.left > 0 && basis.joined > 0 ? ' ' : null}
          {basis.joined > 0 ? t('targets.basis_run_joined', { count: basis.joined }) : null}{' '}
          <a href={`${base}?against=pool#check`}>
            {t('targets.basis_against_pool', { count: basis.current })}
          </a>
        </p>
      </>
    );
  }
  return (
    <p>
      {t('targets.basis_pool', { pool: check.pool.length, size: check.panelSize })}
      {basis.lastRun && basis.lastRun.pool !== check.pool.length ? (
        <>
          {' '}
          {t('targets.basis_last_run', {
            date: formatTime(c, basis.lastRun.finishedAt),
            count: basis.lastRun.pool,
          })}
        </>
      ) : null}
    </p>
  );
}

/**
 * The top of the page: whether a panel can meet the targets, how many problems there are, the unit
 * the targets are given in and what they were checked against; then the smallest change that helps
 * and the findings about no answer in particular. The details sit with each question below.
 */
function CheckSummary(props: {
  c: Ctx;
  check: TargetCheck | null | undefined;
  settings: TargetSettings;
  kind: TargetKind;
  questions: Question[];
  problems: number;
}) {
  const { c, check } = props;
  const t = c.var.t;
  if (!check) return null;
  const pool = check.pool.length;
  const size = check.panelSize;
  const against = check.basis.kind === 'run' ? 'targets.check_ok_run' : 'targets.check_ok';
  let status: unknown;
  if (!check.checked) status = <p>{t('targets.check_not_yet')}</p>;
  else if (pool === 0) status = <p class="warning">{t('targets.check_no_pool')}</p>;
  else if (pool < size) status = <p class="warning">{t('targets.check_pool_small', { pool, size })}</p>;
  else if (check.inputError) {
    const detail = translateEngineError(t, check.inputError);
    status = (
      <div class="warning">
        <p>{t('targets.check_input_error')}</p>
        <p lang={detail.translated ? undefined : 'en'}>{detail.text}</p>
      </div>
    );
  } else if (!check.report) status = <p class="warning">{t('targets.check_no_targets')}</p>;
  else if (check.report.feasible) status = <p class="notice">{t(against, { pool, size })}</p>;
  else {
    const general = check.report.findings
      .filter((f) => f.category === '*')
      .map((f) => findingAsTyped(props.settings, f, size));
    const infeasible =
      check.basis.kind === 'run' ? 'targets.check_infeasible_run' : 'targets.check_infeasible';
    status = (
      <div class="warning">
        <p>
          <strong>{t(infeasible, { pool, size })}</strong>
        </p>
        {check.report.relaxation && check.report.relaxation.length > 0 ? (
          <>
            <p>{t('targets.check_relaxation')}</p>
            <ul>
              {check.report.relaxation.map((r) => (
                <li>
                  {relaxationText(
                    t,
                    c.var.lang,
                    props.questions,
                    r,
                    typedChange(props.settings, r.feature, r.value, r.bound, r.to, size),
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {general.length > 0 ? (
          <ul>
            {general.map((f) => {
              const text = findingText(t, c.var.lang, f);
              return (
                <li>
                  {text.message}
                  {text.suggestion ? <> {text.suggestion}</> : null}
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    );
  }
  return (
    <section aria-labelledby="check-heading" id="check" class="targets-summary">
      <h2 id="check-heading">{t('targets.check_title')}</h2>
      {status}
      <dl class="facts">
        <dt>{t('targets.kind')}</dt>
        <dd>{t(`targets.kind_${props.kind}`)}</dd>
        {check.checked && check.report ? (
          <>
            <dt>{t('targets.summary_problems')}</dt>
            <dd>
              {props.problems === 0
                ? t('targets.summary_no_problems')
                : t('targets.summary_problem_count', { count: props.problems })}
            </dd>
          </>
        ) : null}
        <dt>{t('targets.summary_against')}</dt>
        <dd>
          <BasisText c={c} check={check} />
        </dd>
      </dl>
    </section>
  );
}

async function renderTargets(c: Ctx, state: PageState) {
  const t = c.var.t;
  const assembly = c.var.assembly;
  const questions = await assemblyQuestions(c.var.config.database.db, assembly.id);
  if (questions.length === 0) {
    return renderAssemblyPage(
      c,
      'targets',
      t('targets.title'),
      <p>
        {t('targets.no_questions')} <a href={`/a/${assembly.id}/questions`}>{t('targets.to_questions')}</a>
      </p>,
    );
  }
  const kind = targetKinds.find((k) => k === str(state.values, 'kind')) ?? state.settings.kind;
  const pool = state.check?.pool ?? [];
  const poolCounts = countAnswers(pool, questions);
  const errors = state.errors ?? {};
  const problems = questions.map((q, i) => questionProblems(state, i, q.key));
  const general = (state.check?.report?.findings ?? []).filter((f) => f.category === '*').length;
  return renderAssemblyPage(
    c,
    'targets',
    t('targets.title'),
    <>
      <p>{t('targets.lead')}</p>
      <CheckSummary
        c={c}
        check={state.check}
        settings={state.settings}
        kind={kind}
        questions={questions}
        problems={problems.reduce((a, b) => a + b, 0) + general}
      />
      <details class="targets-help" open={!state.folded}>
        <summary>{t('targets.help_summary')}</summary>
        <ul>
          <li>{t('targets.kind_quotas_explained')}</li>
          <li>{t('targets.kind_percentages_explained')}</li>
          <li>{t('targets.kind_points_explained')}</li>
        </ul>
        <p>{t('targets.prefer_not_explained')}</p>
        <p>
          {t('targets.pool_explained', {
            pool: state.check?.basis.kind === 'run' ? state.check.basis.current : pool.length,
            size: assembly.panel_size,
          })}
        </p>
      </details>
      <form method="post" action={`/a/${assembly.id}/targets`} class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={errors} labels={targetLabels(c, questions)} />
        <div class="filters">
          <SelectField
            name="kind"
            label={t('targets.kind')}
            hint={t('targets.kind_hint')}
            value={kind}
            error={errors.kind}
            options={targetKinds.map((k) => ({ value: k, label: t(`targets.kind_${k}`) }))}
          />
          <SubmitButton label={t('targets.switch')} name="switch" value="1" secondary />
        </div>
        <p class="hint">{t('targets.fold_hint')}</p>
        {questions.map((question, i) => (
          <QuestionTargetsFieldset
            c={c}
            i={i}
            question={question}
            kind={kind}
            state={state}
            poolCounts={poolCounts[question.key] ?? {}}
            poolSize={pool.length}
            problems={problems[i]}
            open={problems[i] > 0 || !state.folded}
          />
        ))}
        <div class="actions">
          <SubmitButton label={t('targets.save')} name="save" value="1" />
          <SubmitButton label={t('targets.check')} name="check" value="1" secondary />
        </div>
      </form>
    </>,
    { notice: state.notice ?? null, status: state.status ?? 200 },
  );
}

async function targetsGet(c: Ctx) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const assembly = c.var.assembly;
  const questions = await assemblyQuestions(db, assembly.id);
  const { settings, saved, savedAt } = await loadTargetSettings(db, assembly.id, questions);
  // Without saved targets there is nothing to check yet; the pool still fills the charts. Saved
  // targets a finished run used are checked against its pool unless today's is asked for.
  const check =
    questions.length > 0
      ? await checkTargetFeasibility(db, assembly, questions, settings, {
          feasibility: saved,
          ...(savedAt === undefined ? {} : { savedAt }),
          against: c.req.query('against') === 'pool' ? 'pool' : 'run',
        })
      : null;
  return renderTargets(c, {
    values: valuesOf(settings, questions),
    settings,
    check,
    folded: saved,
    notice: c.req.query('notice') === 'saved' ? t('targets.saved') : null,
  });
}

async function targetsPost(c: Ctx) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const assembly = c.var.assembly;
  const values = textFields(await c.req.parseBody());
  const questions = await assemblyQuestions(db, assembly.id);
  const saved = (await loadTargetSettings(db, assembly.id, questions)).settings;
  if (values.switch) {
    // Without JavaScript, choosing another way of giving targets shows its columns after a round trip.
    const pool = await checkTargetFeasibility(db, assembly, questions, saved, { feasibility: false });
    return renderTargets(c, { values, settings: saved, check: pool });
  }
  const { settings, errors } = parseForm(values, questions);
  if (!settings) {
    const translated = Object.fromEntries(
      Object.entries(errors).map(([field, code]) => [field, t(`targets.error_${code}`)]),
    );
    const pool = await checkTargetFeasibility(db, assembly, questions, saved, { feasibility: false });
    return renderTargets(c, { values, errors: translated, settings: saved, check: pool, status: 422 });
  }
  if (values.check) {
    const check = await checkTargetFeasibility(db, assembly, questions, settings);
    return renderTargets(c, {
      values,
      settings,
      check,
      notice: t('targets.checked_not_saved'),
      folded: true,
    });
  }
  try {
    await saveTargetSettings(c.var.config.database, staffActor(c), assembly.id, settings);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    const message = error.code.startsWith('targets_')
      ? t(`targets.error_${error.code.slice('targets_'.length)}`)
      : t(`errors.${error.code}`, error.params);
    return renderTargets(c, { values, errors: { _form: message }, settings: saved, status: 422 });
  }
  return c.redirect(`/a/${assembly.id}/targets?notice=saved#check`, 303);
}

export const targetRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/targets',
    tab: { key: 'targets', phase: 'recruitment' },
    access: needs('targets:edit'),
    handler: targetsGet,
  },
  { method: 'POST', path: '/a/:assemblyId/targets', access: needs('targets:edit'), handler: targetsPost },
];
