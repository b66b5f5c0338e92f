/**
 * The rules of members' requests and the public's submissions: what a question, an answer, a
 * reason and a submission must say and may not, and the public log of requests (what was asked and
 * how it was answered, never by whom). Pure, so that the commands, the pages and their tests share
 * one reading.
 */
import { csvDialectFor, csvFile } from '../io/csv-writer.ts';
import { isEmailAddress } from './email-address.ts';
import { isWebLink } from './evidence.ts';
import { hasControlCharacters, requestFieldLimits, submissionFieldLimits } from './field-limits.ts';

export const requestKinds = ['information', 'speaker'] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestStatuses = ['open', 'answered', 'declined'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const submissionStatuses = ['pending', 'accepted', 'rejected'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

export function isRequestKind(value: string): value is RequestKind {
  return (requestKinds as readonly string[]).includes(value);
}

/** One thing wrong with a form, next to its field: `code` is a message key under `errors.`. */
export interface Refusal {
  code: string;
  field: string;
  params: Record<string, string | number>;
}

/** A text over its limit or holding control characters (line breaks allowed where `lines`). */
function textRefusal(field: string, value: string, max: number, lines: boolean): Refusal | null {
  if (value.length > max) return { code: 'too_long', field, params: { max } };
  if (hasControlCharacters(value, lines)) return { code: 'control_characters', field, params: {} };
  return null;
}

function present(refusals: (Refusal | null)[]): Refusal[] {
  return refusals.filter((r): r is Refusal => r !== null);
}

export interface RequestInput {
  kind: string;
  question: string;
  /** The session it concerns, or '' for none. */
  sessionId: string;
}

/** What is wrong with a member's question, in the form's order; empty when it may be stored. */
export function requestRefusals(input: RequestInput): Refusal[] {
  const out = present([
    isRequestKind(input.kind) ? null : { code: 'required', field: 'kind', params: {} },
    input.question.trim()
      ? textRefusal('question', input.question, requestFieldLimits.question, true)
      : { code: 'required', field: 'question', params: {} },
  ]);
  return out;
}

/** An answer: a text, material from the library, or both; a text within its limit. */
export function answerRefusals(answer: string, evidenceItemId: string): Refusal[] {
  if (!answer.trim() && !evidenceItemId)
    return [{ code: 'request_answer_required', field: 'answer', params: {} }];
  return present([textRefusal('answer', answer, requestFieldLimits.answer, true)]);
}

/** A reason to decline or reject: required, so the member or sender learns why. */
export function reasonRefusals(reason: string, max: number): Refusal[] {
  if (!reason.trim()) return [{ code: 'reason_required', field: 'reason', params: {} }];
  return present([textRefusal('reason', reason, max, true)]);
}

export interface SubmissionInput {
  title: string;
  body: string;
  link: string;
  name: string;
  organisation: string;
  email: string;
  /** The sender agreed that the name (and organisation) may be published with the submission. */
  publishName: boolean;
}

/** What is wrong with a submission from the public, in the form's order; empty when it may be kept. */
export function submissionRefusals(input: SubmissionInput): Refusal[] {
  const limits = submissionFieldLimits;
  const out = present([
    input.title.trim()
      ? textRefusal('title', input.title, limits.title, false)
      : { code: 'required', field: 'title', params: {} },
    input.body.trim()
      ? textRefusal('body', input.body, limits.body, true)
      : { code: 'required', field: 'body', params: {} },
    textRefusal('link', input.link, limits.link, false),
    textRefusal('name', input.name, limits.name, false),
    textRefusal('organisation', input.organisation, limits.organisation, false),
    textRefusal('email', input.email, limits.email, false),
  ]);
  if (input.link && !out.some((r) => r.field === 'link') && !isWebLink(input.link))
    out.push({ code: 'link_invalid', field: 'link', params: {} });
  if (input.email && !out.some((r) => r.field === 'email') && !isEmailAddress(input.email))
    out.push({ code: 'email_invalid', field: 'email', params: {} });
  if (input.publishName && !input.name.trim() && !input.organisation.trim())
    out.push({ code: 'publish_without_name', field: 'publish_name', params: {} });
  return out;
}

/**
 * A line of the public log: when and what was asked, and how it was answered. Nothing in it says
 * who asked, who answered, or who was asked on whose behalf.
 */
export interface RequestLogEntry {
  id: string;
  askedAt: string;
  kind: RequestKind;
  question: string;
  status: RequestStatus;
  /** The answer, or the reason it was declined; '' while open. */
  answer: string;
  handledAt: string | null;
  /** The material the answer points to, if any (still in the library). */
  material: { id: string; title: string; link: string | null; origin: string } | null;
}

/** The log as a CSV file in the language's dialect, every text guarded against formulas. */
export function requestLogCsv(
  entries: readonly RequestLogEntry[],
  language: string,
  t: (key: string) => string,
): string {
  const header = ['asked_at', 'kind', 'question', 'status', 'answer', 'handled_at', 'material', 'link'].map(
    (k) => t(`requests.csv_${k}`),
  );
  const rows = entries.map((e) => [
    new Date(e.askedAt),
    t(`requests.kind_${e.kind}`),
    e.question || t('requests.question_erased'),
    t(`requests.status_${e.status}`),
    e.answer,
    e.handledAt ? new Date(e.handledAt) : null,
    e.material?.title ?? null,
    e.material?.link ?? null,
  ]);
  return csvFile(header, rows, csvDialectFor(language));
}
