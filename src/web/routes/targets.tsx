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
  type ValueTargets,
} from '../../domain/targets.ts';
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
}

function findingsAt(check: TargetCheck | null | undefined, question: string, value: string): Finding[] {
  const report = check?.report;
  if (!report) return [];
  return [...report.findings, ...report.warnings].filter((f) => f.category === question && f.value === value);
}

function NumberCell(props: {
  name: string;
  label: string;
  value: string;
  error?: string;
  describedBy?: string;
}) {
  const ids = [props.error ? `${props.name}-error` : '', props.describedBy ?? ''].filter(Boolean).join(' ');
  return (
    <td class={props.error ? 'has-error' : undefined}>
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
}) {
  const { c, i, question, kind, state } = props;
  const t = c.var.t;
  const lang = c.var.lang;
  const values = state.values;
  const errors = state.errors ?? {};
  const check = state.check;
  const label = labelIn(question.label, lang);
  const answers = targetValues(question);
  const panelSize = c.var.assembly.panel_size;
  const pct = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const seats = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const settings = state.settings;
  const used = settings.definition.questions[question.key]?.included ?? false;
  const questionFindings = findingsAt(check, question.key, '*');
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

  return (
    <fieldset class="card" id={`q${i}`}>
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
            aria-describedby={[`q${i}.${field}-hint`, errors[`q${i}.${field}`] ? `q${i}.${field}-error` : '']
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
        <table>
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
              const findings = findingsAt(check, question.key, value);
              const checkId = findings.length > 0 ? `q${i}.v${j}-check` : undefined;
              const count = props.poolCounts[value] ?? 0;
              return (
                <>
                  <tr>
                    <th scope="row">{answer}</th>
                    <NumberCell
                      name={fieldOf(i, j, 'population')}
                      label={t('targets.cell_label', {
                        column: t('targets.col_population'),
                        answer,
                        question: label,
                      })}
                      value={str(values, fieldOf(i, j, 'population'))}
                      error={errors[fieldOf(i, j, 'population')]}
                    />
                    <td class="number">
                      {t('targets.pool_count', {
                        n: count,
                        percent: pct.format(props.poolSize === 0 ? 0 : (100 * count) / props.poolSize),
                      })}
                    </td>
                    {shown.map((field) => (
                      <NumberCell
                        name={fieldOf(i, j, field)}
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
                    <td>{seatsText(value)}</td>
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
  );
}

function CheckSummary(props: { c: Ctx; check: TargetCheck | null | undefined; questions: Question[] }) {
  const { c, check } = props;
  const t = c.var.t;
  const size = c.var.assembly.panel_size;
  if (!check) return null;
  const pool = check.pool.length;
  let body: unknown;
  if (!check.checked) body = <p>{t('targets.check_not_yet')}</p>;
  else if (pool === 0) body = <p class="warning">{t('targets.check_no_pool')}</p>;
  else if (pool < size) body = <p class="warning">{t('targets.check_pool_small', { pool, size })}</p>;
  else if (check.inputError) {
    body = (
      <div class="warning">
        <p>{t('targets.check_input_error')}</p>
        <p lang="en">{check.inputError.message}</p>
      </div>
    );
  } else if (!check.report) body = <p class="warning">{t('targets.check_no_targets')}</p>;
  else if (check.report.feasible) body = <p class="notice">{t('targets.check_ok', { pool, size })}</p>;
  else {
    const general = check.report.findings.filter((f) => f.category === '*');
    body = (
      <div class="warning">
        <p>
          <strong>{t('targets.check_infeasible', { pool, size })}</strong>
        </p>
        {check.report.relaxation && check.report.relaxation.length > 0 ? (
          <>
            <p>{t('targets.check_relaxation')}</p>
            <ul>
              {check.report.relaxation.map((r) => (
                <li>{relaxationText(t, c.var.lang, props.questions, r)}</li>
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
    <section aria-labelledby="check-heading" id="check">
      <h2 id="check-heading">{t('targets.check_title')}</h2>
      {body}
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
  return renderAssemblyPage(
    c,
    'targets',
    t('targets.title'),
    <>
      <p>{t('targets.lead')}</p>
      <ul>
        <li>{t('targets.kind_quotas_explained')}</li>
        <li>{t('targets.kind_percentages_explained')}</li>
        <li>{t('targets.kind_points_explained')}</li>
      </ul>
      <p>{t('targets.prefer_not_explained')}</p>
      <p>{t('targets.pool_explained', { pool: pool.length, size: assembly.panel_size })}</p>
      <CheckSummary c={c} check={state.check} questions={questions} />
      <form method="post" action={`/a/${assembly.id}/targets`} class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={errors} />
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
        {questions.map((question, i) => (
          <QuestionTargetsFieldset
            c={c}
            i={i}
            question={question}
            kind={kind}
            state={state}
            poolCounts={poolCounts[question.key] ?? {}}
            poolSize={pool.length}
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
  const { settings, saved } = await loadTargetSettings(db, assembly.id, questions);
  // Without saved targets there is nothing to check yet; the pool still fills the charts.
  const check =
    questions.length > 0
      ? await checkTargetFeasibility(db, assembly, questions, settings, { feasibility: saved })
      : null;
  return renderTargets(c, {
    values: valuesOf(settings, questions),
    settings,
    check,
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
    return renderTargets(c, { values, settings, check, notice: t('targets.checked_not_saved') });
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
  { method: 'GET', path: '/a/:assemblyId/targets', access: needs('targets:edit'), handler: targetsGet },
  { method: 'POST', path: '/a/:assemblyId/targets', access: needs('targets:edit'), handler: targetsPost },
];
