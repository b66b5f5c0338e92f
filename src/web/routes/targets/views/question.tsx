/**
 * One question of the targets form, folded under its name: whether it is used, how "prefer not to
 * say" counts, its tolerance or weight, the check's findings about it, and a row per answer with the
 * population share, the pool, the targets and the seats they mean; then a chart of the same.
 */
import { labelIn, type Question } from '../../../../domain/questions.ts';
import {
  preferNotToSayModes,
  type TargetKind,
  targetPercent,
  targetValues,
} from '../../../../domain/targets.ts';
import type { Ctx } from '../../../env.ts';
import { GroupedBarChart } from '../../../views/charts.tsx';
import { valueLabel } from '../../../views/findings.tsx';
import { ChoiceGroup, str } from '../../../views/forms.tsx';
import { numberFormat } from '../../../views/time.ts';
import { fieldOf, kindFields, kindQuestionFields, valueFields } from '../schema.ts';
import { AnswersTable } from './answers.tsx';
import { errorsOf, FindingItems, type QuestionView, shareOf } from './question-view.tsx';
import { findingsAt, type PageState } from './state.ts';

function IncludedField(props: { view: QuestionView }) {
  const { c, i, state, label } = props.view;
  const error = errorsOf(props.view)[`q${i}.included`];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      {error ? (
        <p class="field-error" id={`q${i}.included-error`}>
          {error}
        </p>
      ) : null}
      <div class="choice">
        <input
          type="checkbox"
          id={`q${i}.included`}
          name={`q${i}.included`}
          value="on"
          checked={str(state.values, `q${i}.included`) === 'on'}
          aria-describedby={error ? `q${i}.included-error` : undefined}
        />
        <label for={`q${i}.included`}>{c.var.t('targets.included', { question: label })}</label>
      </div>
    </div>
  );
}

/** The question's tolerance (percentages) or weight (points). */
function QuestionNumberField(props: { view: QuestionView; field: 'tolerance' | 'weight' }) {
  const { c, i, state } = props.view;
  const t = c.var.t;
  const name = `q${i}.${props.field}`;
  const error = errorsOf(props.view)[name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={name}>{t(`targets.${props.field}`)}</label>
      <p class="hint" id={`${name}-hint`}>
        {t(`targets.${props.field}_hint`)}
      </p>
      {error ? (
        <p class="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        type="text"
        inputmode="decimal"
        size={6}
        value={str(state.values, name)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[`${name}-hint`, error ? `${name}-error` : ''].filter(Boolean).join(' ')}
      />
    </div>
  );
}

/** Findings about the whole question, and answers in the pool that are no longer options. */
function QuestionFindings(props: { view: QuestionView }) {
  const { c, i, question, state } = props.view;
  const findings = findingsAt(state.check, state.settings, question.key, '*');
  const unknown = (state.check?.unknownAnswers ?? []).filter((u) => u.question === question.key);
  if (findings.length === 0 && unknown.length === 0) return null;
  return (
    <div class="warning" id={`q${i}-check`}>
      <ul>
        <FindingItems c={c} findings={findings} />
        {unknown.map((u) => (
          <li>{c.var.t('targets.unknown_answer', { count: u.count, value: u.value })}</li>
        ))}
      </ul>
    </div>
  );
}

/** Population, pool and target side by side, per answer, in percent. */
function SharesChart(props: { view: QuestionView }) {
  const { view } = props;
  const { c, question, state } = view;
  const t = c.var.t;
  const pct = numberFormat(c.var.lang, 1);
  return (
    <div class="narrow">
      <GroupedBarChart
        title={t('targets.chart_title', { question: view.label })}
        category={t('targets.col_answer')}
        series={[t('targets.series_population'), t('targets.series_pool'), t('targets.series_target')]}
        format={(v) => `${pct.format(v)}\u00a0%`}
        rows={view.answers.map((value, j) => {
          const count = view.poolCounts[value] ?? 0;
          return {
            label: valueLabel(t, c.var.lang, question, value),
            values: [
              shareOf(view, j),
              view.poolSize === 0 ? null : (100 * count) / view.poolSize,
              view.used
                ? (targetPercent(state.settings, question.key, value, c.var.assembly.panel_size) ?? null)
                : null,
            ],
          };
        })}
      />
    </div>
  );
}

/** The question's fields of the ways of giving targets not chosen, kept so that switching back loses nothing. */
function HiddenQuestionFields(props: { view: QuestionView }) {
  const { i, kind, state } = props.view;
  const shown = kindQuestionFields[kind];
  return (
    <>
      {kindQuestionFields.quotas
        .concat(kindQuestionFields.percentages, kindQuestionFields.points)
        .filter((f) => !shown.includes(f))
        .map((field) => (
          <input type="hidden" name={`q${i}.${field}`} value={str(state.values, `q${i}.${field}`)} />
        ))}
    </>
  );
}

/** The same for the answers' fields. */
function HiddenAnswerFields(props: { view: QuestionView }) {
  const { i, kind, state, answers } = props.view;
  const shown = kindFields[kind];
  const hidden = valueFields.filter((f) => f !== 'population' && !shown.includes(f));
  return (
    <>
      {answers.flatMap((_, j) =>
        hidden.map((field) => (
          <input type="hidden" name={fieldOf(i, j, field)} value={str(state.values, fieldOf(i, j, field))} />
        )),
      )}
    </>
  );
}

/** The question's name and, folded or not, whether it needs a look. */
function questionStatus(view: QuestionView, problems: number): string | null {
  const t = view.c.var.t;
  if (!view.used) return t('targets.not_used');
  if (problems > 0) return t('targets.question_problems', { count: problems });
  return view.state.check?.report ? t('targets.question_fine') : null;
}

export function QuestionTargetsFieldset(props: {
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
  const view: QuestionView = {
    c,
    i,
    question,
    kind,
    state,
    poolCounts: props.poolCounts,
    poolSize: props.poolSize,
    label: labelIn(question.label, c.var.lang),
    answers: targetValues(question),
    used: state.settings.definition.questions[question.key]?.included ?? false,
  };
  const status = questionStatus(view, props.problems);
  const shareSum = view.answers.reduce((sum, _, j) => sum + (shareOf(view, j) ?? 0), 0);
  return (
    <details class="targets-question" id={`q${i}`} open={props.open}>
      <summary>
        {view.label}
        {status ? <span class="targets-question-status"> – {status}</span> : null}
      </summary>
      <fieldset class="card targets-fieldset">
        <legend>{view.label}</legend>
        <input type="hidden" name={`q${i}.key`} value={question.key} />
        <IncludedField view={view} />
        <ChoiceGroup
          name={`q${i}.pnts`}
          legend={t('targets.prefer_not_legend')}
          hint={t(`targets.prefer_not_hint_${kind}`)}
          type="radio"
          options={preferNotToSayModes.map((m) => ({ value: m, label: t(`targets.prefer_not_${m}`) }))}
          checked={[str(state.values, `q${i}.pnts`) || 'free']}
        />
        {kindQuestionFields[kind].map((field) => (
          <QuestionNumberField view={view} field={field} />
        ))}
        <HiddenQuestionFields view={view} />
        <QuestionFindings view={view} />
        {shareSum > 0 && Math.abs(shareSum - 100) > 1 ? (
          <p class="hint">
            {t('targets.population_sum', {
              question: view.label,
              sum: numberFormat(c.var.lang, 1).format(shareSum),
            })}
          </p>
        ) : null}
        <AnswersTable view={view} />
        <HiddenAnswerFields view={view} />
        <SharesChart view={view} />
      </fieldset>
    </details>
  );
}
