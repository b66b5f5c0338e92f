/**
 * The organisers' forms on a session's tables: ask for tables for the expected attendance, recompute
 * from the day's check-ins, lock the next round, and move someone (which first shows its effect).
 */
import {
  ChoiceGroup,
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
import { labelOf } from './parts.tsx';
import { modeLabels, QuestionModes, RulesSection } from './rules.tsx';
import type { SessionPageProps } from './session.tsx';

function list(values: FormValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

function RequestForm(props: SessionPageProps) {
  const { c, view, base, values, errors } = props;
  const t = c.var.t;
  const labels = {
    rounds: t('seating.field.rounds'),
    tables: t('seating.field.tables'),
    table_size: t('seating.field.table_size'),
    seed: t('seating.field.seed'),
    facilitators: t('seating.field.facilitators_legend'),
    ...modeLabels(c, view),
  };
  const requestErrors: FieldErrors = values.form === 'request' ? errors : {};
  return (
    <Section id="seating-request" title={t('seating.request_title')} lead={t('seating.request_lead')}>
      <form method="post" action={base} novalidate>
        <Csrf c={c} />
        <input type="hidden" name="form" value="request" />
        <ErrorSummary title={t('errors.summary')} errors={requestErrors} labels={labels} />
        <TextField
          name="rounds"
          label={labels.rounds}
          type="number"
          min={1}
          value={str(values, 'rounds')}
          error={requestErrors.rounds}
          required
        />
        <TextField
          name="tables"
          label={labels.tables}
          type="number"
          min={1}
          hint={t('seating.field.tables_hint')}
          value={str(values, 'tables')}
          error={requestErrors.tables}
        />
        <TextField
          name="table_size"
          label={labels.table_size}
          type="number"
          min={2}
          value={str(values, 'table_size')}
          error={requestErrors.table_size}
        />
        <QuestionModes c={c} view={view} values={values} errors={requestErrors} />
        <TextField
          name="seed"
          label={labels.seed}
          hint={t('seating.field.seed_hint')}
          value={str(values, 'seed')}
          error={requestErrors.seed}
          required
        />
        <ChoiceGroup
          name="facilitators"
          legend={t('seating.field.facilitators_legend')}
          type="checkbox"
          options={[{ value: 'on', label: t('seating.field.facilitators') }]}
          checked={list(values, 'facilitators')}
          error={requestErrors.facilitators}
        />
        <SubmitButton label={t('seating.request_button')} />
      </form>
    </Section>
  );
}

function DayForms(props: SessionPageProps) {
  const { c, view, base, errors, values } = props;
  const t = c.var.t;
  const plan = view.plan;
  if (!plan || plan.rounds.length === 0) return null;
  const next = plan.lockedRounds + 1;
  const dayErrors: FieldErrors = values.form === 'day' ? errors : {};
  return (
    <Section id="seating-day" title={t('seating.day_title')} lead={t('seating.day_lead')}>
      {dayErrors._form || dayErrors.round ? (
        <p class="error" role="alert">
          {dayErrors._form ?? dayErrors.round}
        </p>
      ) : null}
      {plan.lockedRounds < plan.rounds.length ? (
        <>
          <form method="post" action={`${base}/recompute`} class="inline">
            <Csrf c={c} />
            <SubmitButton label={t('seating.recompute_button', { count: view.present })} />
          </form>{' '}
          <form method="post" action={`${base}/lock`} class="inline">
            <Csrf c={c} />
            <input type="hidden" name="round" value={String(next)} />
            <SubmitButton secondary label={t('seating.lock_button', { round: next })} />
          </form>
        </>
      ) : (
        <p>{t('seating.all_locked')}</p>
      )}
      {plan.lockedRounds > 0 ? (
        <form method="post" action={`${base}/unlock`} class="inline">
          <Csrf c={c} />
          <SubmitButton secondary label={t('seating.unlock_button', { round: plan.lockedRounds })} />
        </form>
      ) : null}
      <LateArrivals {...props} />
    </Section>
  );
}

/** Members checked in after the tables were set: each is seated with one button. */
function LateArrivals(props: SessionPageProps) {
  const { c, view, base } = props;
  const t = c.var.t;
  if (view.unseated.length === 0) return null;
  return (
    <>
      <p>{t('seating.unseated', { count: view.unseated.length })}</p>
      <ul class="seating-late">
        {view.unseated.map((id) => (
          <li>
            <form method="post" action={`${base}/late`} class="inline">
              <Csrf c={c} />
              <input type="hidden" name="person" value={id} />
              <SubmitButton secondary label={t('seating.late_button', { name: labelOf(view, id) })} />
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}

function MoveForm(props: SessionPageProps) {
  const { c, view, base, values, errors } = props;
  const t = c.var.t;
  const plan = view.plan;
  if (!plan || plan.rounds.length === 0 || plan.lockedRounds >= plan.rounds.length) return null;
  const open = plan.rounds.map((_, r) => r).filter((r) => r >= plan.lockedRounds);
  const people = [...new Set(plan.rounds[plan.lockedRounds].tables.flatMap((tb) => tb.members))]
    .map((id) => ({ value: id, label: labelOf(view, id) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  const tables = plan.rounds[plan.lockedRounds].tables.map((_, i) => ({
    value: String(i + 1),
    label: t('seating.table_number', { table: i + 1 }),
  }));
  const moveErrors: FieldErrors = values.form === 'move' ? errors : {};
  const labels = {
    round: t('seating.field.round'),
    person: t('seating.field.person'),
    table: t('seating.field.table'),
    swap: t('seating.field.swap'),
  };
  return (
    <Section id="seating-move" title={t('seating.move_title')} lead={t('seating.move_lead')}>
      <form method="post" action={`${base}/move/preview`} novalidate>
        <Csrf c={c} />
        <input type="hidden" name="form" value="move" />
        <ErrorSummary title={t('errors.summary')} errors={moveErrors} labels={labels} />
        <SelectField
          name="round"
          label={labels.round}
          value={str(values, 'round')}
          error={moveErrors.round}
          options={open.map((r) => ({ value: String(r + 1), label: t('seating.round', { round: r + 1 }) }))}
        />
        <SelectField
          name="person"
          label={labels.person}
          value={str(values, 'person')}
          error={moveErrors.person}
          options={people}
        />
        <SelectField
          name="table"
          label={labels.table}
          value={str(values, 'table')}
          error={moveErrors.table}
          options={tables}
        />
        <SelectField
          name="swap"
          label={labels.swap}
          hint={t('seating.field.swap_hint')}
          value={str(values, 'swap')}
          error={moveErrors.swap}
          empty={t('seating.field.swap_none')}
          options={people}
        />
        <SubmitButton label={t('seating.preview_button')} />
      </form>
    </Section>
  );
}

export function EditForms(props: SessionPageProps) {
  const locked = (props.view.plan?.lockedRounds ?? 0) > 0;
  return (
    <>
      <DayForms {...props} />
      <MoveForm {...props} />
      <RulesSection {...props} />
      {locked ? null : <RequestForm {...props} />}
    </>
  );
}
