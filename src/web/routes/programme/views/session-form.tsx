/**
 * The form for a session: titles, type, start and end in Swedish time, the place in person and the
 * online link, and the agenda as numbered rows. "More rows" sends the form back with everything
 * typed kept and blank rows added, so it works without script.
 */
import { programmeFieldLimits } from '../../../../domain/field-limits.ts';
import { sessionTypes } from '../../../../domain/programme.ts';
import type { SessionFormChoices } from '../../../../queries/programme.ts';
import type { Ctx } from '../../../env.ts';
import {
  ChoiceGroup,
  Csrf,
  EnterSubmits,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../../../views/forms.tsx';
import { agendaField, agendaRowCount, isTwiceTime } from '../schema.ts';

interface Props {
  c: Ctx;
  action: string;
  values: FormValues;
  errors: FieldErrors;
  choices: SessionFormChoices;
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
  'bring_sv',
  'bring_en',
  'about_sv',
  'about_en',
  'evidence',
  'experts',
] as const;

/** What the error summary calls each field, as its label does. */
function fieldLabels(c: Ctx, rows: number): Record<string, string> {
  const t = c.var.t;
  const labels: Record<string, string> = Object.fromEntries(
    mainFields.map((f) => [
      f,
      t(
        f.startsWith('bring') || f.startsWith('about') || f === 'evidence' || f === 'experts'
          ? `session_details.field.${f}`
          : `programme.field.${f}`,
      ),
    ]),
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

/** A start or end time; one typed in the hour that happens twice says how it was read. */
function TimeField(props: Props & { name: 'starts_at' | 'ends_at' }) {
  const t = props.c.var.t;
  const twice = isTwiceTime(str(props.values, props.name));
  const hint = twice
    ? `${t('programme.time_hint')} ${t('session_details.twice_note')}`
    : t('programme.time_hint');
  return <Field {...props} name={props.name} type="datetime-local" hint={hint} />;
}

/** What members read on their page: what to bring and what the session is about, in both languages. */
function MemberTexts(props: Props) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <fieldset class="card">
      <legend>{t('session_details.for_members')}</legend>
      <p class="hint">{t('session_details.plain_language_hint')}</p>
      {(['about_sv', 'about_en', 'bring_sv', 'bring_en'] as const).map((name) => (
        <TextArea
          name={name}
          label={t(`session_details.field.${name}`)}
          value={str(values, name)}
          error={errors[name]}
        />
      ))}
    </fieldset>
  );
}

function checkedIn(values: FormValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

/** The evidence items and experts the session presents, ticked from the assembly's lists. */
function Presented(props: Props) {
  const { c, values, errors, choices } = props;
  const t = c.var.t;
  return (
    <fieldset class="card">
      <legend>{t('session_details.presented')}</legend>
      {choices.evidence.length === 0 ? (
        <p>{t('session_details.no_evidence_yet')}</p>
      ) : (
        <ChoiceGroup
          name="evidence"
          legend={t('session_details.field.evidence')}
          type="checkbox"
          options={choices.evidence.map((item) => ({ value: item.id, label: item.title }))}
          checked={checkedIn(values, 'evidence')}
          error={errors.evidence}
        />
      )}
      {choices.experts.length === 0 ? (
        <p>{t('session_details.no_experts_yet')}</p>
      ) : (
        <ChoiceGroup
          name="experts"
          legend={t('session_details.field.experts')}
          type="checkbox"
          options={choices.experts.map((expert) => ({
            value: expert.id,
            label: expert.organisation ? `${expert.name} (${expert.organisation})` : expert.name,
          }))}
          checked={checkedIn(values, 'experts')}
          error={errors.experts}
        />
      )}
    </fieldset>
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
      {/* Otherwise Enter in a field would press "more agenda rows" and nothing would be saved. */}
      <EnterSubmits />
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
      <TimeField {...props} name="starts_at" />
      <TimeField {...props} name="ends_at" />
      <p class="hint">{t('session_details.clock_change_rule')}</p>
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
      <MemberTexts {...props} />
      <Presented {...props} />
      <Agenda {...props} />
      <SubmitButton label={t('programme.save')} />
    </form>
  );
}
