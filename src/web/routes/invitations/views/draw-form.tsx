/**
 * The draw form of a register extract: how many letters, the seed, households, strata with their
 * oversampling weights (typed or as a file) and the column that says each letter's language.
 */
import type { Language } from '../../../../i18n/i18n.ts';
import type { TranslatedInputError } from '../../../../i18n/input-errors.ts';
import type { RegisterRow } from '../../../../repositories/invitation-draws.ts';
import type { Ctx } from '../../../env.ts';
import {
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../../../views/forms.tsx';
import { formatNumber } from '../../../views/time.ts';
import { invitationsPath } from '../paths.ts';
import { maxLetters } from '../schema.ts';
import { InputErrorDetail } from './input-error.tsx';

/** The draw form as shown again: what was typed, why it was refused, and the reader's explanation. */
export interface DrawFormState {
  values: FormValues;
  errors: FieldErrors;
  detail?: TranslatedInputError;
}

/** The extract to draw from, and what the form says about it. */
interface DrawFormProps {
  c: Ctx;
  register: RegisterRow;
  form: DrawFormState;
  /** The language letters are in unless the register says (the assembly's first letter language). */
  letterLanguage: Language;
}

function list(values: FormValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

function WeightsFileField(props: { c: Ctx; error?: string }) {
  const t = props.c.var.t;
  const error = props.error;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for="weights_file">{t('lottery.weights_file')}</label>
      <p class="hint" id="weights_file-hint">
        {t('lottery.weights_file_hint')}
      </p>
      {error ? (
        <p class="field-error" id="weights_file-error">
          {error}
        </p>
      ) : null}
      <input
        type="file"
        id="weights_file"
        name="weights_file"
        accept=".csv,.txt,.json,text/csv"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'weights_file-hint weights_file-error' : 'weights_file-hint'}
      />
    </div>
  );
}

/** The fields that name the extract's columns: households, strata and their weights, language. */
function ColumnFields(props: DrawFormProps) {
  const { c, form } = props;
  const t = c.var.t;
  const { values, errors } = form;
  const options = props.register.columns.map((col) => ({ value: col, label: col }));
  return (
    <>
      <ChoiceGroup
        name="household"
        legend={t('lottery.household')}
        hint={t('lottery.household_hint')}
        type="checkbox"
        options={options}
        checked={list(values, 'household')}
        error={errors.household}
      />
      <SelectField
        name="stratify"
        label={t('lottery.stratify')}
        hint={t('lottery.stratify_hint')}
        options={options}
        value={str(values, 'stratify')}
        error={errors.stratify}
        empty={t('lottery.no_strata')}
      />
      <TextArea
        name="weights"
        label={t('lottery.weights')}
        hint={t('lottery.weights_hint')}
        value={str(values, 'weights')}
        error={errors.weights}
        rows={5}
      />
      <WeightsFileField c={c} error={errors.weights_file} />
      <SelectField
        name="language_column"
        label={t('lottery.language_column')}
        hint={t('lottery.language_column_hint', {
          language: t(`lottery.language_${props.letterLanguage}`),
        })}
        options={options}
        value={str(values, 'language_column')}
        error={errors.language_column}
        empty={t('lottery.no_language_column')}
      />
    </>
  );
}

function DrawForm(props: DrawFormProps) {
  const { c, register, form } = props;
  const t = c.var.t;
  const { values, errors } = form;
  return (
    <form
      method="post"
      action={`${invitationsPath(c)}/registers/${register.id}`}
      enctype="multipart/form-data"
      class="stack"
      novalidate
    >
      <Csrf c={c} />
      <ErrorSummary
        title={t('errors.summary')}
        errors={errors}
        labels={{
          count: t('lottery.count'),
          seed: t('lottery.seed'),
          household: t('lottery.household'),
          stratify: t('lottery.stratify'),
          weights: t('lottery.weights'),
          weights_file: t('lottery.weights'),
          language_column: t('lottery.language_column'),
        }}
      />
      <InputErrorDetail detail={form.detail} />
      <TextField
        name="count"
        type="number"
        inputmode="numeric"
        min={1}
        max={maxLetters}
        label={t('lottery.count')}
        hint={t('lottery.count_hint', { rows: formatNumber(c, register.rows) })}
        value={str(values, 'count')}
        error={errors.count}
        required
      />
      <TextField
        name="seed"
        label={t('lottery.seed')}
        hint={t('lottery.seed_hint')}
        value={str(values, 'seed')}
        error={errors.seed}
        autocomplete="off"
        required
      />
      <ColumnFields {...props} />
      <SubmitButton label={t('lottery.draw')} />
    </form>
  );
}

export function DrawFormPage(props: DrawFormProps & { earlierDraws: number }) {
  const { c, register } = props;
  const t = c.var.t;
  return (
    <>
      <p>
        <a href={`${invitationsPath(c)}/lottery`}>{t('lottery.back_to_lottery')}</a>
      </p>
      <dl class="facts">
        <dt>{t('lottery.register_file')}</dt>
        <dd>{register.file_name}</dd>
        <dt>{t('lottery.rows')}</dt>
        <dd>{formatNumber(c, register.rows)}</dd>
        <dt>{t('lottery.file_sha256')}</dt>
        <dd>
          <code>{register.file_sha256}</code>
        </dd>
      </dl>
      {props.earlierDraws > 0 ? (
        <p class="warning" id="second-mailout">
          {t('lottery.second_mailout_note', { count: props.earlierDraws })}
        </p>
      ) : null}
      {register.stored_as ? (
        <DrawForm c={c} register={register} form={props.form} letterLanguage={props.letterLanguage} />
      ) : (
        <p class="warning">{t('lottery.register_gone')}</p>
      )}
    </>
  );
}
