/**
 * Marking a session afterwards: one row per confirmed member with present, absent or excused, the
 * time she came late or left early, and a reason; each refusal next to its row's field, everything
 * typed kept. Door check-ins an organiser may take back are listed under the form, each with its
 * own button (a form cannot sit inside another).
 */

import { attendanceStatuses } from '../../../../domain/attendance.ts';
import type { SessionMarks } from '../../../../queries/attendance.ts';
import type { Ctx } from '../../../env.ts';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SubmitButton,
  str,
} from '../../../views/forms.tsx';
import { DataTable, EmptyState, Section } from '../../../views/kit.tsx';
import { formatClock } from '../../../views/time.ts';

interface Props {
  c: Ctx;
  marks: SessionMarks;
  action: string;
  values: FormValues;
  errors: FieldErrors;
  canCorrect: boolean;
}

type Member = SessionMarks['members'][number];

function ErrorText(props: { field: string; errors: FieldErrors }) {
  const error = props.errors[props.field];
  return error ? (
    <p class="field-error" id={`${props.field}-error`}>
      {error}
    </p>
  ) : null;
}

function StatusCell(props: Props & { member: Member }) {
  const { c, member, values, errors } = props;
  const t = c.var.t;
  const field = `status.${member.id}`;
  return (
    <fieldset id={field} class={errors[field] ? 'mark-status has-error' : 'mark-status'}>
      <legend class="visually-hidden">{t('attendance.status_legend', { name: member.name })}</legend>
      <ErrorText field={field} errors={errors} />
      {attendanceStatuses.map((status) => (
        <label class="choice">
          <input
            type="radio"
            name={field}
            value={status}
            checked={str(values, field) === status}
            aria-describedby={errors[field] ? `${field}-error` : undefined}
          />
          {t(`attendance.status.${status}`)}
        </label>
      ))}
    </fieldset>
  );
}

function InputCell(props: Props & { member: Member; part: 'arrived' | 'left' | 'reason' }) {
  const { c, member, values, errors, part } = props;
  const field = `${part}.${member.id}`;
  return (
    <div class={errors[field] ? 'has-error' : undefined}>
      <label class="visually-hidden" for={field}>
        {c.var.t(`attendance.${part}_label`, { name: member.name })}
      </label>
      <ErrorText field={field} errors={errors} />
      <input
        id={field}
        name={field}
        type="text"
        class={part === 'reason' ? undefined : 'clock-input'}
        inputmode={part === 'reason' ? undefined : 'numeric'}
        value={str(values, field)}
        aria-invalid={errors[field] ? 'true' : undefined}
        aria-describedby={errors[field] ? `${field}-error` : undefined}
      />
    </div>
  );
}

/** Each row's fields as the error summary names them: "Björn Lind 02, Came at (late)". */
function fieldLabels(c: Ctx, marks: SessionMarks): Record<string, string> {
  const t = c.var.t;
  const parts = {
    status: 'attendance.title',
    arrived: 'attendance.arrived',
    left: 'attendance.left',
    reason: 'attendance.reason',
  };
  return Object.fromEntries(
    marks.members.flatMap((m) =>
      Object.entries(parts).map(([part, key]) => [`${part}.${m.id}`, `${m.name}, ${t(key)}`]),
    ),
  );
}

function MarkForm(props: Props) {
  const { c, marks, action, errors } = props;
  const t = c.var.t;
  if (marks.members.length === 0) return <EmptyState>{t('attendance.no_members')}</EmptyState>;
  return (
    <form method="post" action={action} class="stack">
      <Csrf c={c} />
      <ErrorSummary title={t('errors.summary')} errors={errors} labels={fieldLabels(c, marks)} />
      {marks.members.map((m) => (
        <input type="hidden" name="person" value={m.id} />
      ))}
      <DataTable
        caption={t('attendance.mark_title')}
        captionHidden
        rows={marks.members}
        rowData={(m) => ({ 'data-person': m.id })}
        columns={[
          { header: t('attendance.member'), rowHeader: true, cell: (m) => m.name },
          { header: t('attendance.title'), cell: (m) => <StatusCell {...props} member={m} /> },
          {
            header: t('attendance.arrived'),
            cell: (m) => <InputCell {...props} member={m} part="arrived" />,
          },
          { header: t('attendance.left'), cell: (m) => <InputCell {...props} member={m} part="left" /> },
          { header: t('attendance.reason'), cell: (m) => <InputCell {...props} member={m} part="reason" /> },
        ]}
      />
      <SubmitButton label={t('attendance.save')} />
    </form>
  );
}

/** The door check-ins of the session, each with a button that takes it back. */
function DoorCheckIns(props: Props) {
  const { c, marks, action } = props;
  const t = c.var.t;
  const door = marks.members.filter((m) => m.mark?.method === 'door');
  if (!props.canCorrect || door.length === 0) return null;
  return (
    <Section id="door-check-ins" title={t('attendance.check_in_title')}>
      <ul class="door-check-ins">
        {door.map((m) => (
          <li>
            {m.name}: {t('attendance.door_mark', { time: formatClock(c, m.mark!.markedAt) })}{' '}
            <form method="post" action={`${action}/undo`} class="inline">
              <Csrf c={c} />
              <input type="hidden" name="person" value={m.id} />
              <button type="submit" class="button secondary">
                {t('attendance.undo')}
                <span class="visually-hidden"> ({m.name})</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function MarkPage(props: Props) {
  const t = props.c.var.t;
  return (
    <>
      <p>{t('attendance.mark_lead')}</p>
      <MarkForm {...props} />
      <DoorCheckIns {...props} />
    </>
  );
}
