/**
 * The staff programme: the list with its totals and benchmark, the month calendar, the session form
 * (new and edit), the steps of a session's life (publish, cancel, delete a draft) and the plan.
 */
import {
  createSession,
  editSession,
  type SessionStep,
  setPlannedHours,
  stepSession,
} from '../../../commands/sessions.ts';
import { swedishDay } from '../../../domain/programme.ts';
import { can } from '../../../domain/roles.ts';
import {
  programmeCalendar,
  programmeView,
  type SessionFormChoices,
  sessionFormChoices,
  sessionToEdit,
} from '../../../queries/programme.ts';
import type { SessionChange } from '../../../repositories/session-details.ts';
import type { SessionRecord } from '../../../repositories/sessions.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { readForm, runAction, submitForm } from '../../form.ts';
import { noticeIn } from '../../validation.ts';
import { renderAssemblyPage } from '../../views/assembly-frame.tsx';
import { errorPage } from '../../views/errors.tsx';
import type { FieldErrors, FormValues } from '../../views/forms.tsx';
import {
  agendaRowCount,
  blankAgendaRows,
  calendarQuerySchema,
  plannedHoursSchema,
  programmeNotices,
  sessionFormLists,
  sessionSchema,
  sessionValues,
} from './schema.ts';
import { CalendarPage } from './views/calendar.tsx';
import { ProgrammePage } from './views/programme.tsx';
import { SessionChanges } from './views/session-changes.tsx';
import { SessionForm } from './views/session-form.tsx';

const baseOf = (c: Ctx) => `/a/${c.var.assembly.id}/programme`;

async function renderProgramme(
  c: Ctx,
  options: { notice?: string | null; planValues?: FormValues; planErrors?: FieldErrors } = {},
) {
  const view = await programmeView(c.var.config.database.db, c.var.assembly.id);
  const planErrors = options.planErrors ?? {};
  return renderAssemblyPage(
    c,
    'programme',
    c.var.t('programme.title'),
    <ProgrammePage
      c={c}
      view={view}
      base={baseOf(c)}
      canEdit={can(c.var.role, 'programme:edit')}
      planValues={options.planValues ?? {}}
      planErrors={planErrors}
    />,
    { notice: options.notice, status: Object.keys(planErrors).length > 0 ? 422 : 200 },
  );
}

export function showProgramme(c: Ctx) {
  const notice = noticeIn(c, 'programme', programmeNotices);
  return renderProgramme(c, { notice });
}

export function submitPlan(c: Ctx) {
  return submitForm(c, {
    schema: plannedHoursSchema,
    run: (data) =>
      setPlannedHours(c.var.config.database, staffActor(c), c.var.assembly.id, data.planned_hours),
    done: () => c.redirect(`${baseOf(c)}?notice=planned`, 303),
    failed: ({ values, errors }) => renderProgramme(c, { planValues: values, planErrors: errors }),
  });
}

export async function showCalendar(c: Ctx) {
  const query = calendarQuerySchema.parse(c.req.query());
  const today = swedishDay(Date.now());
  const { sessions, defaultMonth } = await programmeCalendar(
    c.var.config.database.db,
    c.var.assembly.id,
    today,
  );
  const month = query.month ?? defaultMonth;
  return renderAssemblyPage(
    c,
    'programme',
    c.var.t('programme.calendar_title'),
    <CalendarPage c={c} base={baseOf(c)} month={month} sessions={sessions} />,
  );
}

async function renderForm(
  c: Ctx,
  action: string,
  values: FormValues,
  errors: FieldErrors = {},
  known?: SessionFormChoices,
  changes?: SessionChange[],
) {
  const title = c.var.t(action.endsWith('/new') ? 'programme.new_title' : 'programme.edit_title');
  const choices = known ?? (await sessionFormChoices(c.var.config.database.db, c.var.assembly.id));
  return renderAssemblyPage(
    c,
    'programme',
    title,
    <>
      <SessionForm c={c} action={action} values={values} errors={errors} choices={choices} />
      {changes ? <SessionChanges c={c} changes={changes} /> : null}
    </>,
    {
      status: Object.keys(errors).length > 0 ? 422 : 200,
    },
  );
}

export function showNew(c: Ctx) {
  return renderForm(c, `${baseOf(c)}/new`, { type: 'learning', agenda_rows: String(blankAgendaRows) });
}

/**
 * The session form's post: "more rows" shows it again with blank agenda rows added and nothing
 * saved; otherwise the one command runs.
 */
async function submitSession(
  c: Ctx,
  action: string,
  run: (record: SessionRecord) => Promise<unknown>,
  notice: string,
) {
  const values = await readForm(c, sessionFormLists);
  if (values.more_rows) {
    const { more_rows: _more, ...kept } = values;
    return renderForm(c, action, { ...kept, agenda_rows: String(agendaRowCount(values) + blankAgendaRows) });
  }
  return submitForm(c, {
    schema: sessionSchema,
    values,
    run: (record) => run(record),
    done: () => c.redirect(`${baseOf(c)}?notice=${notice}`, 303),
    failed: ({ errors }) => renderForm(c, action, values, errors),
  });
}

export function submitNew(c: Ctx) {
  const database = c.var.config.database;
  return submitSession(
    c,
    `${baseOf(c)}/new`,
    (record) => createSession(database, staffActor(c), c.var.assembly.id, record),
    'created',
  );
}

export async function showEdit(c: Ctx) {
  const sessionId = c.req.param('sessionId') ?? '';
  const found = await sessionToEdit(c.var.config.database.db, c.var.assembly.id, sessionId);
  if (!found) return errorPage(c, 404, c.var.t('errors.not_found'));
  const values = sessionValues(found.session, found.links);
  return renderForm(c, `${baseOf(c)}/sessions/${sessionId}`, values, {}, found.choices, found.changes);
}

export function submitEdit(c: Ctx) {
  const database = c.var.config.database;
  const sessionId = c.req.param('sessionId') ?? '';
  return submitSession(
    c,
    `${baseOf(c)}/sessions/${sessionId}`,
    (record) => editSession(database, staffActor(c), c.var.assembly.id, sessionId, record),
    'saved',
  );
}

const stepNotice: Record<SessionStep, (typeof programmeNotices)[number]> = {
  publish: 'published',
  cancel: 'cancelled',
  delete: 'deleted',
};

/** The handler of a button that moves a session a step (publish, cancel, delete a draft). */
export function submitStep(step: SessionStep) {
  return (c: Ctx) => {
    const sessionId = c.req.param('sessionId') ?? '';
    return runAction(
      c,
      () => stepSession(c.var.config.database, staffActor(c), c.var.assembly.id, sessionId, step),
      {
        done: () => c.redirect(`${baseOf(c)}?notice=${stepNotice[step]}`, 303),
        refused: (message, error) =>
          error.code === 'not_found' ? errorPage(c, 404, message) : renderProgramme(c, { notice: message }),
      },
    );
  };
}
