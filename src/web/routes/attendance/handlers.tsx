/**
 * Attendance: the door's check-in (by name search, or a member's own page from her QR code), marking
 * a session afterwards, undoing a wrong door check-in, and the attendance page with its CSV.
 */
import { checkIn, markSession, undoCheckIn } from '../../../commands/attendance.ts';
import { can } from '../../../domain/roles.ts';
import { attendanceOverview, checkInView, doorPerson, sessionMarks } from '../../../queries/attendance.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { submitForm } from '../../form.ts';
import { noticeIn } from '../../validation.ts';
import { renderAssemblyPage } from '../../views/assembly-frame.tsx';
import { errorPage } from '../../views/errors.tsx';
import type { FieldErrors, FormValues } from '../../views/forms.tsx';
import { formatClock } from '../../views/time.ts';
import { attendanceCsv } from './csv.ts';
import {
  attendanceNotices,
  checkInQuerySchema,
  checkInSchema,
  markSchema,
  markValues,
  undoSchema,
} from './schema.ts';
import { CheckInPage } from './views/check-in.tsx';
import { MarkPage } from './views/mark.tsx';
import { OverviewPage } from './views/overview.tsx';

const assemblyBase = (c: Ctx) => `/a/${c.var.assembly.id}`;
const checkInBase = (c: Ctx) => `${assemblyBase(c)}/check-in`;

/** The check-in page (of one member when `personId`), with a refusal or the banner of who just came. */
async function renderCheckIn(
  c: Ctx,
  ask: { sessionId?: string; search?: string; personId?: string; checkedId?: string },
  refusal?: { message: string; status: 409 | 422 },
) {
  const view = await checkInView(c.var.config.database.db, c.var.assembly.id, ask);
  const t = c.var.t;
  const checked = view.checked;
  const notice =
    checked?.checkedInAt &&
    t(checked.late ? 'attendance.checked_notice_late' : 'attendance.checked_notice', {
      name: checked.name,
      time: formatClock(c, checked.checkedInAt),
    });
  return renderAssemblyPage(
    c,
    'attendance',
    t(ask.personId ? 'attendance.person_title' : 'attendance.check_in_title'),
    <CheckInPage
      c={c}
      view={view}
      base={checkInBase(c)}
      search={ask.search ?? ''}
      personId={ask.personId}
      refusal={refusal?.message}
    />,
    { notice: notice || null, status: refusal?.status ?? 200 },
  );
}

export function showCheckIn(c: Ctx) {
  const query = checkInQuerySchema.parse(c.req.query());
  return renderCheckIn(c, { sessionId: query.session, search: query.q, checkedId: query.checked });
}

export async function showPersonCheckIn(c: Ctx) {
  const personId = c.req.param('personId') ?? '';
  const query = checkInQuerySchema.parse(c.req.query());
  const person = await doorPerson(c.var.config.database.db, c.var.assembly.id, personId);
  if (!person) return errorPage(c, 404, c.var.t('errors.not_found'));
  if (!person.confirmed)
    return renderCheckIn(
      c,
      { sessionId: query.session, personId },
      {
        message: c.var.t('attendance.person_not_member'),
        status: 409,
      },
    );
  return renderCheckIn(c, { sessionId: query.session, personId, checkedId: query.checked });
}

export function submitCheckIn(c: Ctx) {
  return submitForm(c, {
    schema: checkInSchema,
    run: async (data) => {
      await checkIn(c.var.config.database, staffActor(c), c.var.assembly.id, data.session, data.person);
      return data;
    },
    done: (data) => {
      const where =
        data.from === 'person'
          ? `${checkInBase(c)}/person/${encodeURIComponent(data.person)}`
          : checkInBase(c);
      const query = new URLSearchParams({ session: data.session, checked: data.person });
      return c.redirect(`${where}?${query}`, 303);
    },
    failed: ({ values, errors, refusal }) => {
      const [person, session] = [String(values.person ?? ''), String(values.session ?? '')];
      const message = Object.values(errors).join(' ');
      const status = refusal?.code === 'attendance.already_checked_in' ? 409 : 422;
      return renderCheckIn(
        c,
        values.from === 'person' ? { sessionId: session, personId: person } : { sessionId: session },
        { message, status },
      );
    },
  });
}

export async function showAttendance(c: Ctx) {
  const withNames = can(c.var.role, 'attendance:view');
  const view = await attendanceOverview(c.var.config.database.db, c.var.assembly.id, withNames);
  return renderAssemblyPage(
    c,
    'attendance',
    c.var.t('attendance.title'),
    <OverviewPage
      c={c}
      view={view}
      base={assemblyBase(c)}
      canCheckIn={can(c.var.role, 'attendance:check_in')}
      canMark={can(c.var.role, 'attendance:mark')}
      canOpenPeople={can(c.var.role, 'people:list')}
      withNames={withNames}
    />,
    { notice: noticeIn(c, 'attendance', attendanceNotices) },
  );
}

export async function downloadCsv(c: Ctx) {
  const view = await attendanceOverview(c.var.config.database.db, c.var.assembly.id, true);
  return c.body(attendanceCsv(view, c.var.lang, c.var.t), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="attendance-${c.var.assembly.slug}.csv"`,
    'Cache-Control': 'no-store',
  });
}

const sessionPath = (c: Ctx) => `${assemblyBase(c)}/attendance/sessions/${c.req.param('sessionId') ?? ''}`;

async function renderMarks(c: Ctx, values?: FormValues, errors: FieldErrors = {}, notice?: string | null) {
  const marks = await sessionMarks(
    c.var.config.database.db,
    c.var.assembly.id,
    c.req.param('sessionId') ?? '',
  );
  if (!marks) return errorPage(c, 404, c.var.t('errors.not_found'));
  const title = (c.var.lang === 'en' && marks.session.title.en) || marks.session.title.sv;
  return renderAssemblyPage(
    c,
    'attendance',
    `${c.var.t('attendance.mark_title')}: ${title}`,
    <MarkPage
      c={c}
      marks={marks}
      action={sessionPath(c)}
      values={values ?? markValues(marks.members)}
      errors={errors}
      canCorrect={can(c.var.role, 'attendance:correct')}
    />,
    { notice, status: Object.keys(errors).length > 0 ? 422 : 200 },
  );
}

export function showMarks(c: Ctx) {
  return renderMarks(c, undefined, {}, noticeIn(c, 'attendance', attendanceNotices));
}

export function submitMarks(c: Ctx) {
  return submitForm(c, {
    schema: markSchema,
    lists: ['person'],
    run: (data) =>
      markSession(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        c.req.param('sessionId') ?? '',
        data.rows,
      ),
    done: () => c.redirect(`${sessionPath(c)}?notice=saved`, 303),
    failed: ({ values, errors }) => renderMarks(c, values, errors),
  });
}

export function submitUndo(c: Ctx) {
  return submitForm(c, {
    schema: undoSchema,
    run: (data) =>
      undoCheckIn(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        c.req.param('sessionId') ?? '',
        data.person,
      ),
    done: () => c.redirect(`${sessionPath(c)}?notice=undone`, 303),
    failed: ({ errors }) => renderMarks(c, undefined, errors),
  });
}
