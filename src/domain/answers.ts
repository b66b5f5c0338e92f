/**
 * Decision makers' answers to adopted recommendations and their follow-up: what an answer and an
 * implementation update may hold, the default deadline, when an answer is overdue, and which
 * reminder is due. Pure: no I/O, the instant is always passed in.
 *
 * The deadline rule. A deadline is a calendar date on Swedish time (Europe/Stockholm): answers may
 * be published all through that day, whatever the season (CET or CEST). An answer not yet published
 * is overdue from 00:00 Swedish time on the day after the deadline; the deadline day itself is never
 * overdue. An answer first published on a Swedish day after the deadline was "answered late", and
 * stays so (a later revision does not change when it was first answered).
 *
 * Reminders go to the commissioners while any adopted recommendation lacks a published answer: 14
 * and 3 days before the deadline, then on the first day overdue and every seventh day after it. A
 * daily run sends the latest reminder point reached that has not been sent yet, so a run missed (a
 * stopped server) catches up once, and a second run on the same day sends nothing.
 */
import { addMonths, isCalendarDate, swedishDay } from './dates.ts';
import { answerFieldLimits, hasControlCharacters } from './field-limits.ts';

export const answerStatuses = ['accepted', 'partly_accepted', 'not_accepted', 'under_consideration'] as const;
export type AnswerStatus = (typeof answerStatuses)[number];

export function isAnswerStatus(value: string): value is AnswerStatus {
  return (answerStatuses as readonly string[]).includes(value);
}

export const implementationStages = ['planned', 'started', 'partly_done', 'done', 'stopped'] as const;
export type ImplementationStage = (typeof implementationStages)[number];

export function isImplementationStage(value: string): value is ImplementationStage {
  return (implementationStages as readonly string[]).includes(value);
}

/** Months from the handover to the default deadline (the OECD's "in good time"; editable). */
export const defaultDeadlineMonths = 3;

/** The calendar date (YYYY-MM-DD) a Swedish clock shows at an instant. */
export const stockholmDate = swedishDay;

function utcDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return utcDay(to) - utcDay(from);
}

export { addMonths };

export function defaultDeadline(handoverDate: string): string {
  return addMonths(handoverDate, defaultDeadlineMonths);
}

/**
 * Where an answer stands against the deadline at `now`:
 * - `waiting`: not published, deadline not passed (or no deadline set);
 * - `overdue`: not published, and the Swedish day after the deadline has begun;
 * - `on_time` / `late`: first published on or before the deadline day, or after it.
 */
export type Timeliness = 'waiting' | 'overdue' | 'on_time' | 'late';

export function answerTimeliness(
  answer: { deadline: string | null; publishedAt: string | null },
  now: Date,
): Timeliness {
  const { deadline, publishedAt } = answer;
  if (publishedAt && Date.parse(publishedAt) <= now.getTime())
    return deadline && stockholmDate(publishedAt) > deadline ? 'late' : 'on_time';
  if (!deadline) return 'waiting';
  return stockholmDate(now) > deadline ? 'overdue' : 'waiting';
}

export function isOverdue(
  answer: { deadline: string | null; publishedAt: string | null },
  now: Date,
): boolean {
  return answerTimeliness(answer, now) === 'overdue';
}

export function answeredLate(
  answer: { deadline: string | null; publishedAt: string | null },
  now: Date,
): boolean {
  return answerTimeliness(answer, now) === 'late';
}

/** Reminder points in days relative to the deadline, before it; after it, weekly from day 1. */
export const reminderDaysBefore = [14, 3] as const;
export const reminderEveryDaysAfter = 7;

/**
 * The latest reminder point reached at `now` (days from the deadline: -14, -3, 1, 8, 15, …), or
 * null before the first. The caller sends it unless already sent for this deadline.
 */
export function reminderPoint(deadline: string, now: Date): number | null {
  const day = daysBetween(deadline, stockholmDate(now));
  if (day >= 1) return 1 + Math.floor((day - 1) / reminderEveryDaysAfter) * reminderEveryDaysAfter;
  const reached = reminderDaysBefore.map((d) => -d).filter((point) => point <= day);
  return reached.length > 0 ? Math.max(...reached) : null;
}

/** One thing wrong with a form, next to its field: `code` is a message key under `errors.`. */
export interface Refusal {
  code: string;
  field: string;
  params: Record<string, string | number>;
}

function textRefusal(
  field: string,
  value: string,
  max: number,
  lines: boolean,
  required: boolean,
): Refusal | null {
  if (required && !value.trim()) return { code: 'required', field, params: {} };
  if (value.length > max) return { code: 'too_long', field, params: { max } };
  if (hasControlCharacters(value, lines)) return { code: 'control_characters', field, params: {} };
  return null;
}

function present(refusals: (Refusal | null)[]): Refusal[] {
  return refusals.filter((r): r is Refusal => r !== null);
}

export interface DeadlineInput {
  handoverDate: string;
  /** Empty for the default: three months after the handover. */
  deadline: string;
}

export function deadlineRefusals(input: DeadlineInput): Refusal[] {
  const handover = isCalendarDate(input.handoverDate);
  const deadline = input.deadline === '' || isCalendarDate(input.deadline);
  return present([
    handover ? null : { code: 'date_invalid', field: 'handover_date', params: {} },
    deadline ? null : { code: 'date_invalid', field: 'deadline', params: {} },
    handover && deadline && input.deadline !== '' && input.deadline < input.handoverDate
      ? { code: 'answers_deadline_before_handover', field: 'deadline', params: {} }
      : null,
  ]);
}

export interface AnswerInput {
  status: string;
  reasons: string;
  bodyResponsible: string;
  timeline: string;
  /** YYYY-MM-DD, or '' for none. */
  timelineDate: string;
}

export function answerRefusals(input: AnswerInput): Refusal[] {
  const l = answerFieldLimits;
  return present([
    isAnswerStatus(input.status) ? null : { code: 'required', field: 'status', params: {} },
    textRefusal('reasons', input.reasons, l.reasons, true, true),
    textRefusal('body_responsible', input.bodyResponsible, l.bodyResponsible, false, false),
    textRefusal('timeline', input.timeline, l.timeline, true, false),
    input.timelineDate === '' || isCalendarDate(input.timelineDate)
      ? null
      : { code: 'date_invalid', field: 'timeline_date', params: {} },
  ]);
}

export interface UpdateInput {
  onDate: string;
  /** A stage, or '' when a percentage is given instead. */
  stage: string;
  /** 0–100 as typed, or '' when a stage is given instead. */
  progress: string;
  text: string;
  evidenceUrl: string;
}

/** True for an absolute http(s) address with a host and no spaces: what a link may point to. */
export function isWebAddress(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The host of a stored web address, to name a link by where it leads ('' when it is not one). */
export function webHost(text: string): string {
  return isWebAddress(text) ? new URL(text).host : '';
}

function progressRefusal(input: UpdateInput): Refusal | null {
  if (input.stage === '' && input.progress === '')
    return { code: 'answers_stage_or_progress', field: 'stage', params: {} };
  if (input.stage !== '' && !isImplementationStage(input.stage))
    return { code: 'required', field: 'stage', params: {} };
  if (input.progress !== '' && !/^(100|[1-9]?\d)$/.test(input.progress))
    return { code: 'answers_progress_invalid', field: 'progress', params: {} };
  return null;
}

export function updateRefusals(input: UpdateInput): Refusal[] {
  const l = answerFieldLimits;
  const url = input.evidenceUrl.trim();
  return present([
    isCalendarDate(input.onDate) ? null : { code: 'date_invalid', field: 'on_date', params: {} },
    progressRefusal(input),
    textRefusal('text', input.text, l.updateText, true, true),
    url.length > l.evidenceUrl
      ? { code: 'too_long', field: 'evidence_url', params: { max: l.evidenceUrl } }
      : url === '' || isWebAddress(url)
        ? null
        : { code: 'answers_url_invalid', field: 'evidence_url', params: {} },
  ]);
}
