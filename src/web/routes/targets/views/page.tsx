/**
 * The targets editor: per question and answer, min/max seats, or percentages of the population, or
 * Swedish point targets with a weight per question; the population share per answer; population,
 * pool and target side by side; and the quick feasibility check, whose findings appear next to the
 * answer they concern, with the suggested change.
 */
import { labelIn, type Question } from '../../../../domain/questions.ts';
import { countAnswers } from '../../../../domain/selection-input.ts';
import { type TargetKind, targetKinds, targetValues } from '../../../../domain/targets.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { valueLabel } from '../../../views/findings.tsx';
import { Csrf, EnterSubmits, ErrorSummary, SelectField, SubmitButton, str } from '../../../views/forms.tsx';
import { fieldOf, valueFields } from '../schema.ts';
import { CheckSummary } from './check.tsx';
import { QuestionTargetsFieldset } from './question.tsx';
import { type PageState, questionProblems } from './state.ts';

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

/** How targets can be given, how "prefer not to say" counts, and what the pool is. */
function Help(props: { c: Ctx; state: PageState }) {
  const { c, state } = props;
  const t = c.var.t;
  const pool = state.check?.pool ?? [];
  return (
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
          size: c.var.assembly.panel_size,
        })}
      </p>
    </details>
  );
}

function TargetsForm(props: {
  c: Ctx;
  state: PageState;
  questions: Question[];
  kind: TargetKind;
  problems: number[];
}) {
  const { c, state, questions, kind, problems } = props;
  const t = c.var.t;
  const errors = state.errors ?? {};
  const pool = state.check?.pool ?? [];
  const poolCounts = countAnswers(pool, questions);
  return (
    <form method="post" action={`/a/${c.var.assembly.id}/targets`} class="stack" novalidate>
      <Csrf c={c} />
      {/* Otherwise Enter in a field would press "switch" and nothing would be saved. */}
      <EnterSubmits name="save" value="1" />
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
  );
}

export function targetsPage(c: Ctx, questions: Question[], state: PageState) {
  const t = c.var.t;
  const assembly = c.var.assembly;
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
      <Help c={c} state={state} />
      <TargetsForm c={c} state={state} questions={questions} kind={kind} problems={problems} />
    </>,
    { notice: state.notice ?? null, status: state.status ?? 200 },
  );
}
