/**
 * The questions editor: a block per question (key, labels) with a row per answer option, and the
 * buttons that add questions and rows or take rows out.
 */
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import {
  Csrf,
  EnterSubmits,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SubmitButton,
  str,
  TextField,
} from '../../../views/forms.tsx';
import {
  maxOptionRows,
  maxQuestions,
  optionField,
  questionCount,
  rowCount,
  rowsField,
} from '../questions-form.ts';

/** What the error summary calls each field of the questions form, as the fields' own labels do. */
function questionLabels(c: Ctx, values: FormValues, questions: number): Record<string, string> {
  const t = c.var.t;
  const labels: Record<string, string> = {};
  for (let i = 0; i < questions; i++) {
    const question = t('questions.question_n', { n: i + 1 });
    const named = (field: string) => t('questions.summary_field', { question, field });
    labels[`q${i}.key`] = named(t('questions.key'));
    labels[`q${i}.label_sv`] = named(t('questions.label_sv'));
    labels[`q${i}.label_en`] = named(t('questions.label_en'));
    for (let j = 0; j < rowCount(values, i); j++) {
      labels[optionField(i, j, 'value')] = named(t('questions.option_value', { n: j + 1 }));
      labels[optionField(i, j, 'sv')] = named(t('questions.option_sv', { n: j + 1 }));
      labels[optionField(i, j, 'en')] = named(t('questions.option_en', { n: j + 1 }));
    }
  }
  return labels;
}

function OptionRow(props: { c: Ctx; values: FormValues; errors: FieldErrors; i: number; j: number }) {
  const { c, values, errors, i, j } = props;
  const t = c.var.t;
  return (
    <fieldset class="option-row">
      <legend>{t('questions.option_n', { n: j + 1 })}</legend>
      <TextField
        name={optionField(i, j, 'value')}
        label={t('questions.option_value', { n: j + 1 })}
        value={str(values, optionField(i, j, 'value'))}
        error={errors[optionField(i, j, 'value')]}
      />
      <TextField
        name={optionField(i, j, 'sv')}
        label={t('questions.option_sv', { n: j + 1 })}
        value={str(values, optionField(i, j, 'sv'))}
        error={errors[optionField(i, j, 'sv')]}
        lang="sv"
      />
      <TextField
        name={optionField(i, j, 'en')}
        label={t('questions.option_en', { n: j + 1 })}
        value={str(values, optionField(i, j, 'en'))}
        error={errors[optionField(i, j, 'en')]}
        lang="en"
      />
      <button type="submit" class="button secondary" name="remove_option" value={`${i}.${j}`}>
        {t('questions.remove')}
        <span class="visually-hidden">{` ${t('questions.remove_which', { n: j + 1, question: i + 1 })}`}</span>
      </button>
    </fieldset>
  );
}

/** Question `i` of the form: its key and labels, then its option rows. */
function QuestionBlock(props: { c: Ctx; values: FormValues; errors: FieldErrors; i: number }) {
  const { c, values, errors, i } = props;
  const t = c.var.t;
  const rows = rowCount(values, i);
  return (
    <fieldset class="card">
      <legend>{t('questions.question_n', { n: i + 1 })}</legend>
      <input type="hidden" name={rowsField(i)} value={String(rows)} />
      <TextField
        name={`q${i}.key`}
        label={t('questions.key')}
        hint={t('questions.key_hint')}
        value={str(values, `q${i}.key`)}
        error={errors[`q${i}.key`]}
      />
      <TextField
        name={`q${i}.label_sv`}
        label={t('questions.label_sv')}
        value={str(values, `q${i}.label_sv`)}
        error={errors[`q${i}.label_sv`]}
        lang="sv"
      />
      <TextField
        name={`q${i}.label_en`}
        label={t('questions.label_en')}
        value={str(values, `q${i}.label_en`)}
        error={errors[`q${i}.label_en`]}
        lang="en"
      />
      <h3>{t('questions.options')}</h3>
      <p class="hint">{t('questions.options_hint')}</p>
      {Array.from({ length: rows }, (_, j) => (
        <OptionRow c={c} values={values} errors={errors} i={i} j={j} />
      ))}
      {rows < maxOptionRows ? (
        <SubmitButton
          label={t('questions.add_option', { n: i + 1 })}
          name="add_option"
          value={String(i)}
          secondary
        />
      ) : null}
    </fieldset>
  );
}

export function questionsPage(
  c: Ctx,
  values: FormValues,
  errors: FieldErrors = {},
  notice: string | null = null,
) {
  const t = c.var.t;
  const questions = questionCount(values);
  return renderAssemblyPage(
    c,
    'questions',
    t('questions.title'),
    <>
      <p>{t('questions.lead')}</p>
      <form method="post" action={`/a/${c.var.assembly.id}/questions`} class="stack" novalidate>
        <Csrf c={c} />
        {/* Otherwise Enter in a field would press "remove option 1". */}
        <EnterSubmits />
        <ErrorSummary
          title={t('errors.summary')}
          errors={errors}
          labels={questionLabels(c, values, questions)}
        />
        <input type="hidden" name="count" value={String(questions)} />
        {Array.from({ length: questions }, (_, i) => (
          <QuestionBlock c={c} values={values} errors={errors} i={i} />
        ))}
        <p>{t('questions.prefer_not_note')}</p>
        <div class="actions">
          <SubmitButton label={t('questions.save')} />
          {questions < maxQuestions ? (
            <SubmitButton label={t('questions.add')} name="add" value="1" secondary />
          ) : null}
        </div>
      </form>
    </>,
    { notice, status: Object.keys(errors).length > 0 ? 422 : 200 },
  );
}
