/**
 * The form for a session: titles, type, start and end in Swedish time, the place in person and the
 * online link, and the agenda as numbered rows. "More rows" sends the form back with everything
 * typed kept and blank rows added, so it works without script.
 */
import { programmeFieldLimits } from '../../../../domain/field-limits.ts';
import { sessionTypes } from '../../../../domain/programme.ts';
import type { Ctx } from '../../../env.ts';
import {
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
import { agendaField, agendaRowCount } from '../schema.ts';

interface Props {
  c: Ctx;
  action: string;
  values: FormValues;
  errors: FieldErrors;
}

const mainFields = [
  'title_sv',
  'title_en',
  'type',
  'starts_at',
  'ends_at',
  'address',
  'room',
  'accessibility',
  'directions',
  'online_link',
] as const;

/** What the error summary calls each field, as its label does. */
function fieldLabels(c: Ctx, rows: number): Record<string, string> {
  const t = c.var.t;
  const labels: Record<string, string> = Object.fromEntries(
    mainFields.map((f) => [f, t(`programme.field.${f}`)]),
  );
  for (let i = 0; i < rows; i++)
    for (const part of ['time', 'title', 'speaker'] as const)
      labels[agendaField(i, part)] = t(`programme.agenda_${part === 'title' ? 'title_field' : part}`, {
        n: i + 1,
      });
  return labels;
}

function Field(
  props: Props & { name: (typeof mainFields)[number]; hint?: string; type?: 'datetime-local' | 'url' },
) {
  const { c, values, errors, name } = props;
  return (
    <TextField
      name={name}
      label={c.var.t(`programme.field.${name}`)}
      hint={props.hint}
      type={props.type}
      value={str(values, name)}
      error={errors[name]}
      required={name === 'title_sv' || name === 'starts_at' || name === 'ends_at'}
    />
  );
}

function AgendaRow(props: Props & { i: number }) {
  const { c, values, errors, i } = props;
  const t = c.var.t;
  return (
    <fieldset class="option-row">
      <legend>{t('programme.agenda_row', { n: i + 1 })}</legend>
      {(['time', 'title', 'speaker'] as const).map((part) => (
        <TextField
          name={agendaField(i, part)}
          label={t(`programme.agenda_${part === 'title' ? 'title_field' : part}`, { n: i + 1 })}
          value={str(values, agendaField(i, part))}
          error={errors[agendaField(i, part)]}
          inputmode={part === 'time' ? 'numeric' : undefined}
        />
      ))}
    </fieldset>
  );
}

function Agenda(props: Props) {
  const { c, values } = props;
  const t = c.var.t;
  const rows = agendaRowCount(values);
  return (
    <fieldset class="card">
      <legend>{t('programme.agenda_title')}</legend>
      <p class="hint">{t('programme.agenda_hint')}</p>
      <input type="hidden" name="agenda_rows" value={String(rows)} />
      {Array.from({ length: rows }, (_, i) => (
        <AgendaRow {...props} i={i} />
      ))}
      {rows < programmeFieldLimits.agendaRows && (
        <SubmitButton label={t('programme.more_rows')} name="more_rows" value="1" secondary />
      )}
    </fieldset>
  );
}

export function SessionForm(props: Props) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <form method="post" action={props.action} class="stack" novalidate>
      <Csrf c={c} />
      <ErrorSummary
        title={t('errors.summary')}
        errors={errors}
        labels={fieldLabels(c, agendaRowCount(values))}
      />
      <Field {...props} name="title_sv" />
      <Field {...props} name="title_en" />
      <SelectField
        name="type"
        label={t('programme.field.type')}
        options={sessionTypes.map((type) => ({ value: type, label: t(`programme.type.${type}`) }))}
        value={str(values, 'type')}
        error={errors.type}
      />
      <Field {...props} name="starts_at" type="datetime-local" hint={t('programme.time_hint')} />
      <Field {...props} name="ends_at" type="datetime-local" hint={t('programme.time_hint')} />
      <fieldset class="card">
        <legend>{t('programme.in_person')}</legend>
        <Field {...props} name="address" />
        <Field {...props} name="room" />
        <TextArea
          name="accessibility"
          label={t('programme.field.accessibility')}
          value={str(values, 'accessibility')}
          error={errors.accessibility}
        />
        <TextArea
          name="directions"
          label={t('programme.field.directions')}
          value={str(values, 'directions')}
          error={errors.directions}
        />
      </fieldset>
      <Field {...props} name="online_link" type="url" hint={t('programme.link_hint')} />
      <Agenda {...props} />
      <SubmitButton label={t('programme.save')} />
    </form>
  );
}
