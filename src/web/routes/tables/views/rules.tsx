/**
 * The organisers' choices on a session's tables beyond the numbers: each question's mode on the
 * request form (mixed with a weight, kept together, left out), and the rules every computation keeps
 * (two members apart, a member fixed to a table in a round), listed with a button to remove each.
 */
import { needField, seatingNeeds } from '../../../../domain/seating.ts';
import type { SeatingView } from '../../../../queries/tables.ts';
import type { Ctx } from '../../../env.ts';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  SubmitButton,
  str,
  TextField,
} from '../../../views/forms.tsx';
import { Section } from '../../../views/kit.tsx';
import { fieldModes } from '../schema.ts';
import { ruleText } from './parts.tsx';
import type { SessionPageProps } from './session.tsx';

export function questionLabel(c: Ctx, q: SeatingView['questions'][number]): string {
  return q.label[c.var.lang] || q.label.sv || q.key;
}

/** Labels of the modes' fields, for the form's error summary. */
export function modeLabels(c: Ctx, view: SeatingView): Record<string, string> {
  const t = c.var.t;
  const labels: Record<string, string> = {};
  for (const q of view.questions) {
    labels[`mode_${q.key}`] = `${questionLabel(c, q)}: ${t('seating.field.mode')}`;
    labels[`weight_${q.key}`] = `${questionLabel(c, q)}: ${t('seating.field.weight')}`;
  }
  for (const need of seatingNeeds) labels[`mode_${needField(need)}`] = t(`need.${need}`);
  return labels;
}

/** Per question: how it steers the tables, and its weight when mixed. */
export function QuestionModes(props: { c: Ctx; view: SeatingView; values: FormValues; errors: FieldErrors }) {
  const { c, view, values, errors } = props;
  const t = c.var.t;
  return (
    <div class="seating-modes">
      <p class="hint">{t('seating.field.modes_hint')}</p>
      {view.questions.map((q) => (
        <fieldset class="field" id={`question-${q.key}`}>
          <legend>{questionLabel(c, q)}</legend>
          <SelectField
            name={`mode_${q.key}`}
            label={t('seating.field.mode')}
            value={str(values, `mode_${q.key}`)}
            error={errors[`mode_${q.key}`]}
            options={fieldModes.map((m) => ({ value: m, label: t(`seating.mode.${m}`) }))}
          />
          <TextField
            name={`weight_${q.key}`}
            label={t('seating.field.weight')}
            hint={t('seating.field.weight_hint')}
            type="number"
            min={1}
            max={5}
            value={str(values, `weight_${q.key}`)}
            error={errors[`weight_${q.key}`]}
          />
        </fieldset>
      ))}
      <NeedModes c={c} values={values} errors={errors} />
    </div>
  );
}

/** Access needs that may keep members together: kept together or left out, never mixed. */
function NeedModes(props: { c: Ctx; values: FormValues; errors: FieldErrors }) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <fieldset class="field" id="seating-needs">
      <legend>{t('seating.field.needs_legend')}</legend>
      <p class="hint">{t('seating.field.needs_hint')}</p>
      {seatingNeeds.map((need) => {
        const name = `mode_${needField(need)}`;
        return (
          <SelectField
            name={name}
            label={t(`need.${need}`)}
            value={str(values, name) || 'ignore'}
            error={errors[name]}
            options={(['together', 'ignore'] as const).map((m) => ({
              value: m,
              label: t(`seating.mode.${m}`),
            }))}
          />
        );
      })}
    </fieldset>
  );
}

function RuleList(props: SessionPageProps) {
  const { c, view, base } = props;
  const t = c.var.t;
  if (view.rules.length === 0) return <p>{t('seating.rules_none')}</p>;
  return (
    <ul class="seating-rules">
      {view.rules.map((r) => (
        <li>
          <span class="seating-rule">{ruleText(c, view, r)}</span>{' '}
          <form method="post" action={`${base}/rules/${encodeURIComponent(r.id)}/remove`} class="inline">
            <Csrf c={c} />
            <SubmitButton secondary label={t('seating.rule_remove')} />
          </form>
        </li>
      ))}
    </ul>
  );
}

function ApartForm(props: SessionPageProps) {
  const { c, view, base, values, errors } = props;
  const t = c.var.t;
  const own: FieldErrors = values.form === 'apart' ? errors : {};
  const mine = values.form === 'apart' ? values : {};
  const labels = { apart_a: t('seating.field.apart_person'), apart_b: t('seating.field.apart_other') };
  const options = view.members.map((m) => ({ value: m.id, label: m.label }));
  return (
    <form method="post" action={`${base}/apart`} novalidate>
      <Csrf c={c} />
      <h3>{t('seating.apart_title')}</h3>
      <ErrorSummary title={t('errors.summary')} errors={own} labels={labels} />
      <SelectField
        name="apart_a"
        label={labels.apart_a}
        value={str(mine, 'apart_a')}
        error={own.apart_a}
        options={options}
        empty={t('seating.field.choose_member')}
      />
      <SelectField
        name="apart_b"
        label={labels.apart_b}
        value={str(mine, 'apart_b')}
        error={own.apart_b}
        options={options}
        empty={t('seating.field.choose_member')}
      />
      <SubmitButton label={t('seating.apart_button')} />
    </form>
  );
}

function FixedForm(props: SessionPageProps) {
  const { c, view, base, values, errors } = props;
  const t = c.var.t;
  const own: FieldErrors = values.form === 'fixed' ? errors : {};
  const mine = values.form === 'fixed' ? values : {};
  const labels = {
    fixed_person: t('seating.field.fixed_person'),
    fixed_round: t('seating.field.fixed_round'),
    fixed_table: t('seating.field.fixed_table'),
  };
  return (
    <form method="post" action={`${base}/fixed`} novalidate>
      <Csrf c={c} />
      <h3>{t('seating.fixed_title')}</h3>
      <ErrorSummary title={t('errors.summary')} errors={own} labels={labels} />
      <SelectField
        name="fixed_person"
        label={labels.fixed_person}
        value={str(mine, 'fixed_person')}
        error={own.fixed_person}
        options={view.members.map((m) => ({ value: m.id, label: m.label }))}
        empty={t('seating.field.choose_member')}
      />
      <TextField
        name="fixed_round"
        label={labels.fixed_round}
        type="number"
        min={1}
        value={str(mine, 'fixed_round')}
        error={own.fixed_round}
      />
      <TextField
        name="fixed_table"
        label={labels.fixed_table}
        type="number"
        min={1}
        value={str(mine, 'fixed_table')}
        error={own.fixed_table}
      />
      <SubmitButton label={t('seating.fixed_button')} />
    </form>
  );
}

/** The rules every computation, recompute, late arrival and move keeps. */
export function RulesSection(props: SessionPageProps) {
  const t = props.c.var.t;
  const removeError = props.values.form === 'rules' ? props.errors._form : undefined;
  return (
    <Section id="seating-rules" title={t('seating.rules_title')} lead={t('seating.rules_lead')}>
      {removeError ? (
        <p class="error" role="alert">
          {removeError}
        </p>
      ) : null}
      <RuleList {...props} />
      {props.view.members.length > 1 ? <ApartForm {...props} /> : null}
      {props.view.members.length > 0 ? <FixedForm {...props} /> : null}
    </Section>
  );
}
