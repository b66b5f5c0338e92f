/**
 * Selection runs: the list and the start form, a run's page with its progress (htmx polls it every
 * second; without JavaScript the page reloads itself while the run is going on), cancelling, and the
 * results: each volunteer's probability under their P-reference, representativeness per question
 * (population, pool, expected panel), who could not be selected and why, the findings of a run
 * whose targets cannot be met, and the selection file for `lotta commit/draw/verify`.
 */
import { raw } from 'hono/html';
import { z } from 'zod';
import { CommandError } from '../../commands/command.ts';
import {
  cancelSelectionRun,
  defaultLotterySize,
  type JobProgress,
  type RunError,
  type RunPhase,
  type RunSettings,
  runAlgorithms,
  startSelectionRun,
} from '../../commands/selection-runs.ts';
import { assemblyQuestions } from '../../commands/targets.ts';
import { preferNotToSay, type Question } from '../../domain/questions.ts';
import { findingAsTyped, type TargetSettings, targetValues, typedChange } from '../../domain/targets.ts';
import { translateEngineError } from '../../i18n/input-errors.ts';
import { findDrawOfRun, type PublicDrawRow } from '../../repositories/public-draws.ts';
import { referencesById } from '../../repositories/selection-pool.ts';
import {
  activeRunStatuses,
  findRun,
  listRuns,
  type SelectionRunRow,
} from '../../repositories/selection-runs.ts';
import { findTargets } from '../../repositories/targets.ts';
import { type Algorithm, type Excluded, InputError } from '../../sortition/model.ts';
import {
  jsonTextChunks,
  parseSelectionFile,
  type RecordedPerson,
  type SelectionFile,
} from '../../sortition/selection-file.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { needs, type Route } from '../routing.ts';
import { fieldErrors, noticeIn, textFields } from '../validation.ts';
import { renderAssemblyPage } from '../views/assembly-frame.tsx';
import { GroupedBarChart } from '../views/charts.tsx';
import { errorPage } from '../views/errors.tsx';
import { FindingList, questionLabel, relaxationText, valueLabel } from '../views/findings.tsx';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  SubmitButton,
  str,
  TextField,
} from '../views/forms.tsx';
import { formatNumber, formatTime, numberFormat } from '../views/time.ts';

/** Rows of the probability table per page. */
export const probabilityPageSize = 100;

function base(c: Ctx): string {
  return `/a/${c.var.assembly.id}/selection`;
}

function runTime(c: Ctx, iso: string | null): string {
  return iso ? formatTime(c, iso, { seconds: true }) : '–';
}

function percentFormat(c: Ctx, digits = 1): Intl.NumberFormat {
  return numberFormat(c, digits, digits);
}

function settingsOf(run: Pick<SelectionRunRow, 'settings'>): RunSettings {
  return JSON.parse(run.settings) as RunSettings;
}

function isActive(run: SelectionRunRow): boolean {
  return (activeRunStatuses as readonly string[]).includes(run.status);
}

/* ------------------------------------------------------------------------------------------------ */
/* The list and the start form                                                                       */

const startSchema = z.object({
  algorithm: z.enum(runAlgorithms as [Algorithm, ...Algorithm[]], 'selection_algorithm'),
  panel_size: z
    .string()
    .trim()
    .min(1, 'required')
    .pipe(
      z.coerce
        .number<string>('number_invalid')
        .int('number_invalid')
        .min(1, 'number_range')
        .max(1000, 'number_range'),
    ),
  lottery_size: z
    .string()
    .trim()
    .min(1, 'required')
    .pipe(
      z.coerce
        .number<string>('number_invalid')
        .int('number_invalid')
        .min(1, 'number_range')
        .max(100_000, 'number_range'),
    ),
  seed: z.string().trim().max(200, 'too_long').default(''),
});

function StartForm(props: { c: Ctx; values: FormValues; errors: FieldErrors }) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <form method="post" action={base(c)} class="stack narrow" novalidate>
      <Csrf c={c} />
      <ErrorSummary
        title={t('errors.summary')}
        errors={errors}
        labels={{
          algorithm: t('selection.algorithm'),
          panel_size: t('selection.panel_size'),
          lottery_size: t('selection.lottery_size'),
          seed: t('selection.seed'),
        }}
      />
      <SelectField
        name="algorithm"
        label={t('selection.algorithm')}
        hint={t('selection.algorithm_hint')}
        value={str(values, 'algorithm') || 'leximin'}
        error={errors.algorithm}
        options={runAlgorithms.map((a) => ({ value: a, label: t(`selection.algorithm_${a}`) }))}
      />
      <TextField
        name="panel_size"
        label={t('selection.panel_size')}
        hint={t('selection.panel_size_hint')}
        type="number"
        inputmode="numeric"
        min={1}
        max={1000}
        value={str(values, 'panel_size')}
        error={errors.panel_size}
        required
      />
      <TextField
        name="lottery_size"
        label={t('selection.lottery_size')}
        hint={t('selection.lottery_size_hint')}
        type="number"
        inputmode="numeric"
        min={1}
        max={100000}
        value={str(values, 'lottery_size')}
        error={errors.lottery_size}
        required
      />
      <TextField
        name="seed"
        label={t('selection.seed')}
        hint={t('selection.seed_hint')}
        value={str(values, 'seed')}
        error={errors.seed}
      />
      <SubmitButton label={t('selection.start')} />
    </form>
  );
}

async function listPage(
  c: Ctx,
  values?: FormValues,
  errors: FieldErrors = {},
  status: 200 | 409 | 422 = 200,
) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const assembly = c.var.assembly;
  const runs = await listRuns(db, assembly.id);
  const targets = await findTargets(db, assembly.id);
  const active = runs.find((r) => (activeRunStatuses as readonly string[]).includes(r.status));
  const shown = values ?? {
    algorithm: 'leximin',
    panel_size: String(assembly.panel_size),
    lottery_size: String(defaultLotterySize),
    seed: '',
  };
  return renderAssemblyPage(
    c,
    'selection',
    t('selection.title'),
    <>
      <p>{t('selection.lead')}</p>
      {targets ? null : (
        <p class="warning">
          {t('selection.no_targets')} <a href={`/a/${assembly.id}/targets`}>{t('selection.to_targets')}</a>
        </p>
      )}
      {active ? (
        <p class="notice">
          {t('selection.active')} <a href={`${base(c)}/${active.id}`}>{t('selection.active_link')}</a>
        </p>
      ) : null}
      <section aria-labelledby="start-heading">
        <h2 id="start-heading">{t('selection.start_title')}</h2>
        <StartForm c={c} values={shown} errors={errors} />
      </section>
      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">{t('selection.runs_title')}</h2>
        {runs.length === 0 ? (
          <p>{t('selection.no_runs')}</p>
        ) : (
          <div class="table-wrap" tabindex={0}>
            <table>
              <caption class="visually-hidden">{t('selection.runs_title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('selection.col_started')}</th>
                  <th scope="col">{t('selection.col_kind')}</th>
                  <th scope="col">{t('selection.col_status')}</th>
                  <th scope="col">{t('selection.col_algorithm')}</th>
                  <th scope="col" class="number">
                    {t('selection.col_size')}
                  </th>
                  <th scope="col" class="number">
                    {t('selection.col_pool')}
                  </th>
                  <th scope="col">{t('selection.col_by')}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => {
                  const s = settingsOf(run);
                  return (
                    <tr>
                      <th scope="row">
                        <a href={`${base(c)}/${run.id}`}>{runTime(c, run.created_at)}</a>
                      </th>
                      <td>{t(`selection.kind_${run.kind}`)}</td>
                      <td>{t(`selection.status_${run.status}`)}</td>
                      <td>{t(`selection.algorithm_${s.algorithm}`)}</td>
                      <td class="number">{s.panelSize}</td>
                      <td class="number">{s.poolSize}</td>
                      <td>{run.created_by_name ?? t('selection.by_system')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>,
    { status, notice: noticeIn(c, 'selection', selectionNotices) },
  );
}

async function startSubmit(c: Ctx) {
  const t = c.var.t;
  const values = textFields(await c.req.parseBody());
  const parsed = startSchema.safeParse(values);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, t);
    if (errors.algorithm) errors.algorithm = t('errors.selection_algorithm');
    return listPage(c, values, errors, 422);
  }
  try {
    const runId = await startSelectionRun(
      c.var.config.database,
      staffActor(c),
      c.var.assembly.id,
      {
        algorithm: parsed.data.algorithm,
        panelSize: parsed.data.panel_size,
        lotterySize: parsed.data.algorithm === 'legacy' ? null : parsed.data.lottery_size,
        seed: parsed.data.seed || null,
      },
      { maxResultBytes: c.var.config.maxResultBytes },
    );
    return c.redirect(`${base(c)}/${runId}`, 303);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    const message =
      error.cause instanceof InputError
        ? t('errors.selection_input', { message: translateEngineError(t, error.cause).text })
        : t(`errors.${error.code}`, error.params);
    return listPage(
      c,
      values,
      { [error.field ?? '_form']: message },
      error.code === 'selection_running' ? 409 : 422,
    );
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* A run: status and progress                                                                        */

/** Where each stage sits on the one progress bar; the stage's fraction moves within it. */
const phaseSpan: Record<RunPhase, [number, number]> = {
  start: [0, 2],
  prepare: [2, 5],
  'initial-panels': [5, 30],
  leximin: [30, 90],
  maximin: [30, 90],
  nash: [30, 90],
  legacy: [5, 90],
  decompose: [90, 97],
  done: [97, 97],
  save: [97, 100],
};

function overallPercent(progress: JobProgress | null): number {
  if (!progress) return 0;
  const [from, to] = phaseSpan[progress.phase] ?? [0, 100];
  return Math.round(from + Math.min(1, Math.max(0, progress.fraction)) * (to - from));
}

/** The stages a run of this algorithm goes through, in order ('done' is the end of the engine's part). */
function runStages(algorithm: Algorithm): RunPhase[] {
  if (algorithm === 'legacy') return ['start', 'prepare', 'legacy', 'save'];
  return ['start', 'prepare', 'initial-panels', algorithm, 'decompose', 'save'];
}

function phaseLabel(c: Ctx, phase: RunPhase): string {
  return c.var.t(`selection.phase_${phase.replace('-', '_')}`);
}

/** Each stage with its state, so that a short run still shows where it is and what comes next. */
function Stages(props: { c: Ctx; algorithm: Algorithm; progress: JobProgress | null }) {
  const { c, algorithm, progress } = props;
  const t = c.var.t;
  const stages = runStages(algorithm);
  // 'done' means the engine has finished: everything before storing the result is done.
  const phase = progress?.phase === 'done' ? 'save' : (progress?.phase ?? 'start');
  const current = Math.max(0, stages.indexOf(phase));
  const percent = numberFormat(c);
  return (
    <ol class="stages">
      {stages.map((stage, i) => (
        <li aria-current={i === current ? 'step' : undefined}>
          {i < current
            ? t('selection.stage_done', { stage: phaseLabel(c, stage) })
            : i === current
              ? t('selection.stage_current', {
                  stage: phaseLabel(c, stage),
                  percent: percent.format(100 * Math.min(1, Math.max(0, progress?.fraction ?? 0))),
                })
              : t('selection.stage_waiting', { stage: phaseLabel(c, stage) })}
        </li>
      ))}
    </ol>
  );
}

function StatusContent(props: { c: Ctx; run: SelectionRunRow }) {
  const { c, run } = props;
  const t = c.var.t;
  const active = isActive(run);
  const progress = run.progress ? (JSON.parse(run.progress) as JobProgress) : null;
  const percent = overallPercent(progress);
  return (
    <>
      <p>
        {t('selection.status')}: <strong>{t(`selection.status_${run.status}`)}</strong>
      </p>
      {active ? (
        <>
          <p>
            <label for="run-progress">
              {t('selection.progress_label', {
                phase: phaseLabel(c, progress?.phase ?? (run.status === 'queued' ? 'start' : 'prepare')),
              })}
            </label>
          </p>
          <progress id="run-progress" max="100" value={String(percent)}>
            {t('selection.percent', { percent })}
          </progress>
          <p>{t('selection.percent', { percent })}</p>
          <Stages c={c} algorithm={settingsOf(run).algorithm} progress={progress} />
          {run.cancel_requested ? (
            <p>{t('selection.cancelling')}</p>
          ) : (
            <form method="post" action={`${base(c)}/${run.id}/cancel`}>
              <Csrf c={c} />
              <SubmitButton label={t('selection.cancel')} secondary />
            </form>
          )}
          {/* Without JavaScript the page reloads itself. Written as markup: hono/jsx would move a <meta>
              element into the head, where it would reload the page for everyone. */}
          {raw('<noscript><meta http-equiv="refresh" content="2"></noscript>')}
        </>
      ) : null}
    </>
  );
}

function StatusRegion(props: { c: Ctx; run: SelectionRunRow }) {
  const { c, run } = props;
  const active = isActive(run);
  const url = `${base(c)}/${run.id}`;
  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">{c.var.t('selection.status_title')}</h2>
      {/* htmx swaps the inside every second and reloads the page once the run has ended. */}
      <div
        id="run-status"
        aria-busy={active ? 'true' : undefined}
        hx-get={active ? url : undefined}
        hx-trigger={active ? 'every 1s' : undefined}
        hx-swap={active ? 'innerHTML' : undefined}
      >
        <StatusContent c={c} run={run} />
      </div>
    </section>
  );
}

/* ------------------------------------------------------------------------------------------------ */
/* A run: results                                                                                    */

interface RunView {
  c: Ctx;
  run: SelectionRunRow;
  settings: RunSettings;
  file: SelectionFile;
  questions: Question[];
  references: Map<string, string>;
  /** The run's people by id: a pool of 20,000 is too many to search once per excluded person. */
  peopleById: Map<string, RecordedPerson>;
}

function Facts(props: { c: Ctx; run: SelectionRunRow; settings: RunSettings; file: SelectionFile | null }) {
  const { c, run, settings, file } = props;
  const t = c.var.t;
  const decimals = numberFormat(c, 4);
  return (
    <dl class="facts">
      <dt>{t('selection.col_kind')}</dt>
      <dd>{t(`selection.kind_${run.kind}`)}</dd>
      <dt>{t('selection.col_algorithm')}</dt>
      <dd>{t(`selection.algorithm_${settings.algorithm}`)}</dd>
      <dt>{t('selection.panel_size')}</dt>
      <dd>{settings.panelSize}</dd>
      <dt>{t('selection.col_pool')}</dt>
      <dd>{settings.poolSize}</dd>
      {settings.keep.length > 0 ? (
        <>
          <dt>{t('selection.kept')}</dt>
          <dd>{settings.keep.length}</dd>
        </>
      ) : null}
      <dt>{t('selection.lottery_size')}</dt>
      <dd>{settings.lotterySize ?? t('selection.no_lottery')}</dd>
      {file?.lottery ? (
        <>
          <dt>{t('selection.lottery_deviation')}</dt>
          <dd>{decimals.format(file.lottery.maxDeviation)}</dd>
        </>
      ) : null}
      {settings.seed ? (
        <>
          <dt>{t('selection.seed')}</dt>
          <dd>
            <code>{settings.seed}</code>
          </dd>
        </>
      ) : null}
      <dt>{t('selection.engine_version')}</dt>
      <dd>{run.engine_version}</dd>
      <dt>{t('selection.created')}</dt>
      <dd>{runTime(c, run.created_at)}</dd>
      <dt>{t('selection.started')}</dt>
      <dd>{runTime(c, run.started_at)}</dd>
      <dt>{t('selection.finished')}</dt>
      <dd>{runTime(c, run.finished_at)}</dd>
      {file ? (
        <>
          <dt>{t('selection.seconds')}</dt>
          <dd>{decimals.format(file.run.stats.seconds)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The question keys the run used, in the assembly's order, then any the assembly no longer asks. */
function runQuestionKeys(file: SelectionFile, questions: Question[]): string[] {
  const used =
    file.input.targets.kind === 'quotas'
      ? file.input.targets.quotas.map((q) => q.feature)
      : file.input.targets.features.map((f) => f.feature);
  const unique = [...new Set(used)];
  return [
    ...questions.map((q) => q.key).filter((k) => unique.includes(k)),
    ...unique.filter((k) => !questions.some((q) => q.key === k)),
  ];
}

function targetText(c: Ctx, file: SelectionFile, key: string, value: string): string {
  const t = c.var.t;
  const targets = file.input.targets;
  if (targets.kind === 'quotas') {
    const quota = targets.quotas.find((q) => q.feature === key && q.value === value);
    if (!quota || (quota.min === 0 && quota.max >= file.input.panelSize)) return t('targets.no_constraint');
    const top = Math.min(quota.max, file.input.panelSize);
    return quota.min === top ? String(quota.min) : t('targets.seat_range', { min: quota.min, max: top });
  }
  const target = targets.features.find((f) => f.feature === key)?.values.find((v) => v.value === value);
  if (!target) return t('targets.no_target');
  return formatNumber(c, target.target, 2);
}

function Representativeness(props: RunView) {
  const { c, file, settings, questions } = props;
  const t = c.var.t;
  const lang = c.var.lang;
  const pct = percentFormat(c);
  const seats = numberFormat(lang, 1, 1);
  const people = file.input.people;
  const size = file.input.panelSize;
  return (
    <section aria-labelledby="representativeness-heading">
      <p>{t('selection.representativeness_lead')}</p>
      {runQuestionKeys(file, questions).map((key) => {
        const question = questions.find((q) => q.key === key);
        const label = questionLabel(lang, questions, key);
        const pool: Record<string, number> = {};
        const expected: Record<string, number> = {};
        for (const person of people) {
          const value = person.features[key] ?? preferNotToSay;
          pool[value] = (pool[value] ?? 0) + 1;
          expected[value] = (expected[value] ?? 0) + (file.probabilities[person.id] ?? 0);
        }
        const answers = question ? targetValues(question) : [];
        for (const value of Object.keys(pool)) if (!answers.includes(value)) answers.push(value);
        const population = settings.population[key] ?? {};
        return (
          <div class="stack">
            <div class="narrow">
              <GroupedBarChart
                title={t('selection.chart_title', { question: label })}
                category={t('targets.col_answer')}
                series={[
                  t('targets.series_population'),
                  t('targets.series_pool'),
                  t('selection.series_expected'),
                ]}
                format={(v) => `${pct.format(v)}\u00a0%`}
                rows={answers.map((value) => ({
                  label: valueLabel(t, lang, question, value),
                  values: [
                    population[value] ?? null,
                    people.length === 0 ? null : (100 * (pool[value] ?? 0)) / people.length,
                    (100 * (expected[value] ?? 0)) / size,
                  ],
                }))}
              />
            </div>
            <div class="table-wrap" tabindex={0}>
              <table>
                <caption>{t('selection.table_caption', { question: label })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('targets.col_answer')}</th>
                    <th scope="col" class="number">
                      {t('targets.col_population')}
                    </th>
                    <th scope="col" class="number">
                      {t('targets.col_pool')}
                    </th>
                    <th scope="col" class="number">
                      {t('selection.col_expected')}
                    </th>
                    <th scope="col">{t('selection.col_target')}</th>
                  </tr>
                </thead>
                <tbody>
                  {answers.map((value) => (
                    <tr>
                      <th scope="row">{valueLabel(t, lang, question, value)}</th>
                      <td class="number">
                        {population[value] === undefined ? '–' : `${pct.format(population[value])}\u00a0%`}
                      </td>
                      <td class="number">
                        {t('targets.pool_count', {
                          n: pool[value] ?? 0,
                          percent: pct.format(
                            people.length === 0 ? 0 : (100 * (pool[value] ?? 0)) / people.length,
                          ),
                        })}
                      </td>
                      <td class="number">
                        {t('selection.expected_seats', {
                          seats: seats.format(expected[value] ?? 0),
                          percent: pct.format((100 * (expected[value] ?? 0)) / size),
                        })}
                      </td>
                      <td>{targetText(c, file, key, value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
    </section>
  );
}

function Probabilities(props: RunView & { page: number }) {
  const { c, file, references, run } = props;
  const t = c.var.t;
  const pct = percentFormat(c, 2);
  const kept = new Set(file.input.keep);
  const rows = file.input.people
    .map((p) => ({
      id: p.id,
      reference: references.get(p.id) ?? p.id,
      probability: file.probabilities[p.id] ?? 0,
    }))
    .sort((a, b) => b.probability - a.probability || a.reference.localeCompare(b.reference));
  const pages = Math.max(1, Math.ceil(rows.length / probabilityPageSize));
  const page = Math.min(props.page, pages);
  const shown = rows.slice((page - 1) * probabilityPageSize, page * probabilityPageSize);
  const withChance = rows.filter((r) => r.probability > 0 && !kept.has(r.id)).map((r) => r.probability);
  const link = (p: number) => `${base(c)}/${run.id}?page=${p}#probabilities`;
  return (
    <section aria-labelledby="probabilities-heading">
      {withChance.length > 0 ? (
        <p>
          {t('selection.probability_summary', {
            count: withChance.length,
            min: pct.format(100 * Math.min(...withChance)),
            max: pct.format(100 * Math.max(...withChance)),
          })}
        </p>
      ) : null}
      {kept.size > 0 ? <p>{t('selection.kept_note', { count: kept.size })}</p> : null}
      <div class="table-wrap" tabindex={0}>
        <table>
          <caption>
            {t('selection.probabilities_caption', {
              from: (page - 1) * probabilityPageSize + 1,
              to: (page - 1) * probabilityPageSize + shown.length,
              count: rows.length,
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('selection.col_reference')}</th>
              <th scope="col" class="number">
                {t('selection.col_probability')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr>
                <th scope="row">{r.reference}</th>
                <td class="number">
                  {kept.has(r.id)
                    ? t('selection.kept_probability')
                    : t('selection.probability', { percent: pct.format(100 * r.probability) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav class="pager" aria-label={t('selection.pages')}>
          {page > 1 ? (
            <a href={link(page - 1)} rel="prev">
              {t('selection.previous')}
            </a>
          ) : null}
          <span>{t('selection.page_of', { page, pages })}</span>
          {page < pages ? (
            <a href={link(page + 1)} rel="next">
              {t('selection.next')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

/** Why someone has probability 0, in the page's language, with the answer or housemate concerned. */
function exclusionText(view: RunView, excluded: Excluded): string {
  const { c, file, questions, references, peopleById } = view;
  const t = c.var.t;
  const lang = c.var.lang;
  const person = peopleById.get(excluded.id);
  switch (excluded.code) {
    case 'quota-closed': {
      const targets = file.input.targets;
      const closed =
        targets.kind === 'quotas' && person
          ? targets.quotas.find((q) => q.max === 0 && person.features[q.feature] === q.value)
          : undefined;
      if (!closed) return t('selection.excluded_quota_closed_any');
      return t('selection.excluded_quota_closed', {
        question: questionLabel(lang, questions, closed.feature),
        value: valueLabel(
          t,
          lang,
          questions.find((q) => q.key === closed.feature),
          closed.value,
        ),
      });
    }
    case 'household-of-kept': {
      const mate = person?.household
        ? file.input.keep
            .map((id) => peopleById.get(id))
            .find((p) => p !== undefined && p.id !== person.id && p.household === person.household)
        : undefined;
      return mate
        ? t('selection.excluded_household_of_kept', { reference: references.get(mate.id) ?? '' })
        : t('selection.excluded_household_of_kept_any');
    }
    case 'deviation':
    case 'no-feasible-panel':
    case 'never-drawn':
      return t(`selection.excluded_${excluded.code.replace(/-/g, '_')}`);
    default:
      return excluded.reason;
  }
}

function ExcludedPeople(props: RunView) {
  const { c, file, references } = props;
  const t = c.var.t;
  return (
    <section aria-labelledby="excluded-heading">
      {file.excluded.length === 0 ? (
        <p>{t('selection.excluded_none')}</p>
      ) : (
        <>
          <p>{t('selection.excluded_lead', { count: file.excluded.length })}</p>
          <div class="table-wrap" tabindex={0}>
            <table>
              <caption class="visually-hidden">{t('selection.excluded')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('selection.col_reference')}</th>
                  <th scope="col">{t('selection.col_reason')}</th>
                </tr>
              </thead>
              <tbody>
                {[...file.excluded]
                  .sort((a, b) => (references.get(a.id) ?? a.id).localeCompare(references.get(b.id) ?? b.id))
                  .map((e) => (
                    <tr>
                      <th scope="row">{references.get(e.id) ?? e.id}</th>
                      <td>{exclusionText(props, e)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Infeasible(props: RunView) {
  const { c, file, questions, references, settings } = props;
  const t = c.var.t;
  // Advice in the unit the organiser typed: the targets the run used, when the run stored them.
  const typed: TargetSettings | undefined = settings.targetsDefinition && {
    kind: settings.targetsKind,
    definition: settings.targetsDefinition,
    population: settings.population,
  };
  const size = file.input.panelSize;
  return (
    <section aria-labelledby="infeasible-heading">
      <h2 id="infeasible-heading">{t('selection.infeasible_title')}</h2>
      <div class="warning">
        <p>{t('selection.infeasible_lead')}</p>
        <FindingList
          t={t}
          lang={c.var.lang}
          questions={questions}
          findings={typed ? file.diagnostics.map((f) => findingAsTyped(typed, f, size)) : file.diagnostics}
          names={(id) => references.get(id) ?? id}
        />
        {file.relaxation && file.relaxation.length > 0 ? (
          <>
            <p>{t('targets.check_relaxation')}</p>
            <ul>
              {file.relaxation.map((r) => (
                <li>
                  {relaxationText(
                    t,
                    c.var.lang,
                    questions,
                    r,
                    typed && typedChange(typed, r.feature, r.value, r.bound, r.to, size),
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <p>
        <a href={`/a/${c.var.assembly.id}/targets`}>{t('selection.to_targets')}</a>
      </p>
    </section>
  );
}

/** The engine's own words on a failed run: in the reader's language when the engine gave a code. */
function FailureDetail(props: { c: Ctx; error: RunError; message: string }) {
  const { c, error, message } = props;
  const detail = error.input
    ? translateEngineError(c.var.t, { ...error.input, message })
    : { text: message, translated: false };
  return <p lang={detail.translated ? undefined : 'en'}>{detail.text}</p>;
}

function Failure(props: { c: Ctx; run: SelectionRunRow }) {
  const { c } = props;
  const t = c.var.t;
  const error: RunError = props.run.error ? (JSON.parse(props.run.error) as RunError) : { code: 'engine' };
  const mb = numberFormat(c, 2);
  return (
    <div class="warning">
      <p>
        {error.code === 'too_large' && error.params
          ? t('selection.error_too_large', {
              size: mb.format(error.params.bytes / 1e6),
              limit: mb.format(error.params.limit / 1e6),
            })
          : t(`selection.error_${error.code}`)}
      </p>
      {error.message ? <FailureDetail c={c} error={error} message={error.message} /> : null}
    </div>
  );
}

/** The few facts an organiser needs first, and where to go next: the public draw of this run. */
function Summary(props: RunView & { draw: PublicDrawRow | undefined }) {
  const { c, file, run, draw } = props;
  const t = c.var.t;
  const pct = percentFormat(c, 2);
  const kept = new Set(file.input.keep);
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  let withChance = 0;
  for (const person of file.input.people) {
    const p = file.probabilities[person.id] ?? 0;
    if (p <= 0 || kept.has(person.id)) continue;
    withChance++;
    min = Math.min(min, p);
    max = Math.max(max, p);
  }
  const drawBase = `/a/${c.var.assembly.id}/draw`;
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t('selection.summary_title')}</h2>
      <ul>
        <li>
          {t('selection.summary_pool', {
            count: file.input.people.length,
            size: file.input.panelSize,
            algorithm: t(`selection.algorithm_${file.algorithm}`),
          })}
        </li>
        {withChance > 0 ? (
          <li>
            {t('selection.probability_summary', {
              count: withChance,
              min: pct.format(100 * min),
              max: pct.format(100 * max),
            })}
          </li>
        ) : null}
        {kept.size > 0 ? <li>{t('selection.kept_note', { count: kept.size })}</li> : null}
        <li>
          {file.excluded.length === 0
            ? t('selection.excluded_none')
            : t('selection.summary_excluded', { count: file.excluded.length })}
        </li>
        {file.lottery ? <li>{t('selection.summary_lottery', { count: file.lottery.size })}</li> : null}
      </ul>
      <p class="actions">
        {draw ? (
          <a class="button" href={`${drawBase}/${draw.id}`}>
            {t('selection.to_draw_existing')}
          </a>
        ) : file.lottery ? (
          <a class="button" href={`${drawBase}?run=${encodeURIComponent(run.id)}#announce`}>
            {t('selection.to_draw')}
          </a>
        ) : null}
        <a class="button secondary" href={`${base(c)}/${run.id}/result.json`} download>
          {t('selection.download')}
        </a>
      </p>
      <p class="hint">{t('selection.download_hint')}</p>
    </section>
  );
}

/** A long part of the result page, folded under its heading; the summary above says what is in it. */
function Fold(props: { id: string; title: string; open?: boolean; children: unknown }) {
  return (
    <details class="fold" id={props.id} open={props.open}>
      <summary>
        <h2 id={`${props.id}-heading`}>{props.title}</h2>
      </summary>
      {props.children}
    </details>
  );
}

async function runPage(c: Ctx) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const assembly = c.var.assembly;
  const run = await findRun(db, assembly.id, c.req.param('runId') ?? '');
  if (!run) return errorPage(c, 404, t('errors.not_found'));

  c.header('Vary', 'HX-Request');
  if (c.req.header('hx-request') === 'true' && c.req.header('hx-history-restore-request') !== 'true') {
    c.header('Cache-Control', 'no-store');
    // Once the run has ended the whole page changes: htmx reloads it.
    if (!isActive(run)) c.header('HX-Refresh', 'true');
    return c.html(<StatusContent c={c} run={run} />);
  }

  const settings = settingsOf(run);
  const file = run.result ? parseSelectionFile(run.result) : null;
  const questions = await assemblyQuestions(db, assembly.id);
  const references = await referencesById(db, assembly.id);
  const view: RunView | null = file
    ? {
        c,
        run,
        settings,
        file,
        questions,
        references,
        peopleById: new Map(file.input.people.map((p) => [p.id, p])),
      }
    : null;
  const draw = run.status === 'done' ? await findDrawOfRun(db, run.id, 'panel') : undefined;
  const pageAsked = c.req.query('page') !== undefined;
  const page = Math.max(1, Math.min(1_000_000, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
  return renderAssemblyPage(
    c,
    'selection',
    t(run.kind === 'replacement' ? 'selection.run_title_replacement' : 'selection.run_title'),
    <>
      <p>
        <a href={base(c)}>{t('selection.back')}</a>
      </p>
      <StatusRegion c={c} run={run} />
      {view && run.status === 'done' ? <Summary {...view} draw={draw} /> : null}
      {view && run.status === 'done' ? (
        <Fold id="facts" title={t('selection.facts_title')}>
          <Facts c={c} run={run} settings={settings} file={file} />
        </Fold>
      ) : (
        <Facts c={c} run={run} settings={settings} file={file} />
      )}
      {run.status === 'failed' ? <Failure c={c} run={run} /> : null}
      {run.status === 'cancelled' ? <p>{t('selection.cancelled_text')}</p> : null}
      {view && run.status === 'infeasible' ? <Infeasible {...view} /> : null}
      {view && run.status === 'done' ? (
        <>
          <Fold id="representativeness" title={t('selection.representativeness')}>
            <Representativeness {...view} />
          </Fold>
          <Fold id="excluded" title={t('selection.excluded')}>
            <ExcludedPeople {...view} />
          </Fold>
          <Fold id="probabilities" title={t('selection.probabilities')} open={pageAsked}>
            <Probabilities {...view} page={page} />
          </Fold>
        </>
      ) : null}
      {view && run.status === 'infeasible' ? (
        <p>
          <a href={`${base(c)}/${run.id}/result.json`} download>
            {t('selection.download')}
          </a>
        </p>
      ) : null}
    </>,
    { notice: noticeIn(c, 'selection', selectionNotices) },
  );
}

/** The stored file, pretty-printed in pieces: over a large pool it is too long for one string. */
async function resultDownload(c: Ctx) {
  const run = await findRun(c.var.config.database.db, c.var.assembly.id, c.req.param('runId') ?? '');
  if (!run?.result) return errorPage(c, 404, c.var.t('errors.not_found'));
  c.header('Cache-Control', 'no-store');
  c.header('Content-Disposition', `attachment; filename="selection-${run.id.slice(0, 8)}.json"`);
  const pieces = jsonTextChunks(JSON.parse(run.result));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) {
        controller.enqueue(encoder.encode('\n'));
        controller.close();
      } else controller.enqueue(encoder.encode(next.value));
    },
  });
  return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
}

async function cancelSubmit(c: Ctx) {
  const assemblyId = c.var.assembly.id;
  const runId = c.req.param('runId') ?? '';
  try {
    await cancelSelectionRun(c.var.config.database, staffActor(c), assemblyId, runId);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.code === 'not_found') return errorPage(c, 404, c.var.t('errors.not_found'));
    return c.redirect(`${base(c)}/${runId}?notice=not_active`, 303);
  }
  return c.redirect(`${base(c)}/${runId}?notice=cancel_requested`, 303);
}

/** The notices a redirect may ask for; any other `?notice=` shows nothing, so a link cannot put its own words on the page. */
const selectionNotices = ['cancel_requested', 'not_active'] as const;

export const selectionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/selection',
    tab: { key: 'selection', phase: 'recruitment' },
    access: needs('selection:run'),
    handler: (c) => listPage(c),
  },
  { method: 'POST', path: '/a/:assemblyId/selection', access: needs('selection:run'), handler: startSubmit },
  {
    method: 'GET',
    path: '/a/:assemblyId/selection/:runId',
    access: needs('selection:run'),
    handler: runPage,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/selection/:runId/result.json',
    access: needs('selection:run'),
    handler: resultDownload,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/selection/:runId/cancel',
    access: needs('selection:run'),
    handler: cancelSubmit,
  },
];
