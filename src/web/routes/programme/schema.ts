/**
 * The programme area's forms: a session (with its agenda rows, numbered `agenda.<i>.<part>`), the
 * planned hours, and the calendar's month. Messages are keys under `errors.`; limits come from
 * `programmeFieldLimits`. Times are typed in Swedish time and leave the schema as UTC instants.
 */
import { z } from 'zod';
import { readStockholmTime, toStockholmTime } from '../../../domain/dates.ts';
import { hasControlCharacters, programmeFieldLimits as limits } from '../../../domain/field-limits.ts';
import { isMonth, isWebLink, sessionTypes, weekStartOf } from '../../../domain/programme.ts';
import type { SessionLinks } from '../../../repositories/session-details.ts';
import type { AssemblySession, SessionRecord } from '../../../repositories/sessions.ts';
import { type FormValues, str } from '../../views/forms.tsx';

/** The notices the programme page is sent back with after a change. */
export const programmeNotices = [
  'created',
  'saved',
  'published',
  'cancelled',
  'deleted',
  'planned',
  'nothing_to_print',
] as const;

/** Blank agenda rows a form shows, and how many more the "more rows" button adds. */
export const blankAgendaRows = 3;

export const agendaField = (i: number, part: 'time' | 'title' | 'speaker') => `agenda.${i}.${part}`;

/** How many agenda rows the form shows: what it said it had, within the limit. */
export function agendaRowCount(values: FormValues): number {
  const n = Number(str(values, 'agenda_rows'));
  return Number.isInteger(n) && n > 0 ? Math.min(n, limits.agendaRows) : blankAgendaRows;
}

const text = (max: number, lines = false) =>
  z
    .string()
    .trim()
    .max(max, 'too_long')
    .refine((v) => !hasControlCharacters(v, lines), 'control_characters')
    .default('');

/** The form's lists of checkboxes: every value they posted. */
export const sessionFormLists = ['evidence', 'experts'] as const;

/**
 * A time typed on a Swedish clock. One the clocks skip in spring is refused next to its field; one
 * that happens twice in autumn is read as its first time (summer time), as the form's note says.
 */
const swedishTime = z
  .string()
  .default('')
  .transform((v, ctx) => {
    const reading = readStockholmTime(v.trim());
    if (reading.kind === 'one' || reading.kind === 'ambiguous') return reading.at.toISOString();
    const message =
      reading.kind === 'missing' ? 'time_skipped_by_clock' : v.trim() ? 'session_time_invalid' : 'required';
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });

/** True when a typed time happens twice (the night summer time ends): the form says how it was read. */
export function isTwiceTime(text: string): boolean {
  return readStockholmTime(text.trim()).kind === 'ambiguous';
}

const idList = z.array(z.string().trim().max(100)).max(500).default([]);

const agendaRow = z
  .object({
    time: z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'agenda_time_invalid'),
    title: text(limits.agendaTitle),
    speaker: text(limits.speaker),
  })
  .refine((row) => row.title !== '' || (row.time === '' && row.speaker === ''), {
    path: ['title'],
    message: 'required',
  });

/** The numbered agenda fields gathered into rows, so that a row's error is named by its field. */
function withAgenda(values: unknown): unknown {
  const form = values as FormValues;
  const agenda = Array.from({ length: agendaRowCount(form) }, (_, i) => ({
    time: str(form, agendaField(i, 'time')),
    title: str(form, agendaField(i, 'title')),
    speaker: str(form, agendaField(i, 'speaker')),
  }));
  return { ...form, agenda };
}

export const sessionSchema = z.preprocess(
  withAgenda,
  z
    .object({
      title_sv: text(limits.title).pipe(z.string().min(1, 'required')),
      title_en: text(limits.title),
      type: z.enum(sessionTypes, 'session_type_unknown'),
      starts_at: swedishTime,
      ends_at: swedishTime,
      address: text(limits.address),
      room: text(limits.room),
      accessibility: text(limits.notes, true),
      directions: text(limits.notes, true),
      online_link: text(limits.link).refine((v) => v === '' || isWebLink(v), 'session_link_invalid'),
      bring_sv: text(limits.notes, true),
      bring_en: text(limits.notes, true),
      about_sv: text(limits.notes, true),
      about_en: text(limits.notes, true),
      evidence: idList,
      experts: idList,
      agenda: z.array(agendaRow),
    })
    .refine((v) => Date.parse(v.ends_at) > Date.parse(v.starts_at), {
      path: ['ends_at'],
      message: 'session_end_before_start',
      // Compared only when both times could be read: one wrong time is one message.
      when: (payload) => payload.issues.length === 0,
    })
    .transform(
      (v): SessionRecord => ({
        title: { sv: v.title_sv, en: v.title_en },
        type: v.type,
        startsAt: v.starts_at,
        endsAt: v.ends_at,
        place: { address: v.address, room: v.room, accessibility: v.accessibility, directions: v.directions },
        onlineLink: v.online_link,
        // Rows left blank are not agenda items.
        agenda: v.agenda.filter((row) => row.title !== ''),
        bring: { sv: v.bring_sv, en: v.bring_en },
        about: { sv: v.about_sv, en: v.about_en },
        evidenceIds: v.evidence,
        expertIds: v.experts,
      }),
    ),
);

/** A stored session as the form's values, with blank agenda rows to fill in. */
export function sessionValues(session: AssemblySession, links: SessionLinks): FormValues {
  const values: FormValues = {
    title_sv: session.title.sv,
    title_en: session.title.en,
    type: session.type,
    starts_at: toStockholmTime(session.startsAt),
    ends_at: toStockholmTime(session.endsAt),
    address: session.place.address,
    room: session.place.room,
    accessibility: session.place.accessibility,
    directions: session.place.directions,
    online_link: session.onlineLink,
    bring_sv: session.bring.sv,
    bring_en: session.bring.en,
    about_sv: session.about.sv,
    about_en: session.about.en,
    evidence: links.evidenceIds,
    experts: links.expertIds,
    agenda_rows: String(Math.min(session.agenda.length + blankAgendaRows, limits.agendaRows)),
  };
  session.agenda.forEach((item, i) => {
    values[agendaField(i, 'time')] = item.time;
    values[agendaField(i, 'title')] = item.title;
    values[agendaField(i, 'speaker')] = item.speaker;
  });
  return values;
}

export const plannedHoursSchema = z.object({
  planned_hours: z
    .string()
    .trim()
    .default('')
    .transform((v, ctx) => {
      if (v === '') return null;
      const hours = Number(v.replace(',', '.'));
      if (Number.isFinite(hours) && hours > 0 && hours <= limits.plannedHours) return hours;
      ctx.addIssue({ code: 'custom', message: 'planned_hours_invalid' });
      return z.NEVER;
    }),
});

export const calendarQuerySchema = z.object({
  month: z.string().refine(isMonth).optional().catch(undefined),
});

/** The week to show: any day of it (YYYY-MM-DD) is read as its Monday; anything else as none. */
export const weekQuerySchema = z.object({
  week: z
    .string()
    .transform((v) => weekStartOf(v) ?? undefined)
    .optional()
    .catch(undefined),
});
