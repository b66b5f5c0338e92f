/**
 * Answering a questionnaire: phone-first, plain words, large targets, a plain form that works without
 * JavaScript and keeps what was chosen when something is wrong. One question per statement, on the
 * scale from "fully disagree" to "fully agree", or "don't know"; every question may be left blank.
 */
import type { Child } from 'hono/jsx';
import {
  dontKnow,
  evaluationLimits,
  levels,
  questionnaireStatements,
} from '../../../../domain/evaluation.ts';
import type { OpenQuestionnaire } from '../../../../queries/evaluation.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { ChoiceGroup, Csrf, ErrorSummary, SubmitButton, str, TextArea } from '../../../views/forms.tsx';
import { render } from '../../../views/layout.tsx';
import type { Answering } from '../handlers.tsx';
import { questionnaireTitle } from './parts.tsx';

function frame(
  c: Ctx,
  a: Answering,
  title: string,
  body: Child,
  notice: string | null,
  status: 200 | 409 | 422,
) {
  if (a.frame === 'member') return render(c, { title, nav: 'member', notice }, body, status);
  return renderAssemblyPage(c, 'evaluation', title, body, { notice, status });
}

function scale(c: Ctx) {
  const t = c.var.t;
  return [
    ...levels.map((level) => ({ value: String(level), label: t(`evaluation.level_${level}`) })),
    { value: dontKnow, label: t('evaluation.level_dont_know') },
  ];
}

export function answerPage(c: Ctx, open: OpenQuestionnaire, a: Answering, form: FormFailure) {
  const t = c.var.t;
  const { kind } = open.questionnaire;
  const title = questionnaireTitle(c, open);
  const labels = Object.fromEntries([
    ...questionnaireStatements[kind].map((s) => [s, t(`evaluation.statement_${s}`)]),
    ['comment', t('evaluation.comment')],
  ]);
  const body = (
    <>
      {a.frame === 'member' ? <h1>{title}</h1> : null}
      <p>{t('evaluation.answer_lead')}</p>
      <p>{t('evaluation.answer_anonymous')}</p>
      <form method="post" action={a.action} class="stack questionnaire" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} />
        {questionnaireStatements[kind].map((statement) => (
          <ChoiceGroup
            name={statement}
            legend={labels[statement]}
            type="radio"
            options={scale(c)}
            checked={[str(form.values, statement)]}
            error={form.errors[statement]}
          />
        ))}
        <TextArea
          name="comment"
          label={labels.comment}
          hint={t('evaluation.comment_hint', { max: evaluationLimits.comment })}
          value={str(form.values, 'comment')}
          error={form.errors.comment}
          rows={5}
        />
        <SubmitButton label={t('evaluation.send')} />
      </form>
      <p>
        <a href={a.back}>{t('evaluation.back')}</a>
      </p>
    </>
  );
  return frame(c, a, title, body, null, Object.keys(form.errors).length > 0 ? 422 : 200);
}

/** Shown where there is nothing (more) to answer: answered already, closed, or not hers. */
export function answeredPage(c: Ctx, a: Answering, notice: string | null, failure?: FormFailure) {
  const t = c.var.t;
  const title = t('evaluation.answered_title');
  const refusal = failure ? Object.values(failure.errors)[0] : null;
  const body = (
    <>
      {a.frame === 'member' ? <h1>{title}</h1> : null}
      {refusal ? <p class="field-error">{refusal}</p> : null}
      <p>{t('evaluation.answered_text')}</p>
      <p>
        <a href={a.back}>{t('evaluation.back')}</a>
      </p>
    </>
  );
  return frame(c, a, title, body, notice, failure ? 409 : 200);
}
