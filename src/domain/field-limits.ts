/**
 * One set of limits for a person's data, whichever way it comes in: the public registration form,
 * a respondents' import, staff comments on a status change or a call. Lengths count UTF-16 code
 * units, as the browser's `maxlength` and zod's `max` do, so a form and the server agree.
 */

export const fieldLimits = {
  full_name: 200,
  // RFC 5321: at most 320 characters in an address.
  email: 320,
  phone: 40,
  address: 200,
  postcode: 20,
  city: 100,
  // A BCP 47 language tag is at most 35 characters long in practice.
  preferred_language: 35,
  /** The respondent's own id in an imported file. */
  external_id: 200,
  /** Free text: a person's own description of their access needs. */
  needs_details: 2000,
  /** Free text: staff comments on a status change or a call. */
  comment: 2000,
} as const;
export type LimitedField = keyof typeof fieldLimits;

/** An assembly's description: titles and remit in each language, names of who commissions and runs it. */
export const assemblyFieldLimits = {
  title: 200,
  remit: 2000,
  name: 200,
  panelMin: 2,
  panelMax: 1000,
} as const;

/** An assembly's questions: keys and option values end up in files and quota tables, labels on forms. */
export const questionFieldLimits = { key: 40, label: 300, value: 100, optionLabel: 200 } as const;

/**
 * An assembly's sessions: titles and places shown on members' phones and printed programmes, notes
 * of a few paragraphs, an online meeting's address, and the agenda's rows.
 */
export const programmeFieldLimits = {
  title: 200,
  address: 200,
  room: 100,
  notes: 2000,
  link: 2000,
  agendaTitle: 300,
  speaker: 200,
  agendaRows: 40,
  plannedHours: 1000,
} as const;

/** An evidence item's texts (the learning phase's library); a language as a BCP 47 tag or its name. */
export const evidenceFieldLimits = {
  title: 300,
  summary: 4000,
  source: 300,
  perspective: 300,
  language: 60,
  easy_read: 8000,
  link: 2000,
} as const;

/** An expert's or speaker's texts; the e-mail address as RFC 5321 allows. */
export const expertFieldLimits = {
  name: 200,
  organisation: 200,
  topic: 300,
  interests: 2000,
  email: 320,
} as const;

/**
 * A member's question (a few plain sentences, read aloud at a session if need be), the organisers'
 * answer or reason, and what the public sends in: a title, a text of a page or two, a link, and who
 * sent it.
 */
export const requestFieldLimits = {
  question: 1000,
  answer: 4000,
  reason: 1000,
} as const;

/** Recommendations and their working groups (issue 12). */
export const recommendationFieldLimits = {
  groupName: 120,
  title: 200,
  body: 20000,
  rationale: 10000,
  passage: 4000,
  replacement: 4000,
  reason: 2000,
  // A minority statement: plain paragraphs, shorter than the recommendation it dissents from.
  statement: 6000,
} as const;

/** Decision makers' answers and implementation updates (issue 13). */
export const answerFieldLimits = {
  reasons: 8000,
  bodyResponsible: 300,
  timeline: 1000,
  updateText: 4000,
  evidenceUrl: 2000,
} as const;

export const submissionFieldLimits = {
  title: 200,
  body: 6000,
  link: 2000,
  name: 200,
  organisation: 200,
  email: 320,
  reason: 1000,
} as const;

/** Fields of several lines, where line breaks and tabs are part of the text. */
const multiLine: ReadonlySet<LimitedField> = new Set(['needs_details', 'comment']);

/**
 * C0 controls (NUL, bell, escape …), DEL and the C1 controls; line feed, carriage return and tab
 * count only in free text. None of them is typed on purpose, and PostgreSQL refuses NUL outright.
 */
function isControl(code: number, linesAllowed: boolean): boolean {
  if (linesAllowed && (code === 0x09 || code === 0x0a || code === 0x0d)) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** The 0-based position of the first control character not allowed, or -1. */
function firstControl(value: string, linesAllowed: boolean): number {
  for (let i = 0; i < value.length; i++) if (isControl(value.charCodeAt(i), linesAllowed)) return i;
  return -1;
}

export type FieldProblem =
  | { code: 'too_long'; max: number; length: number }
  | { code: 'control_characters'; position: number };

/** What is wrong with a value for a field, or null when it may be stored. */
export function fieldProblem(field: LimitedField, value: string): FieldProblem | null {
  const max = fieldLimits[field];
  if (value.length > max) return { code: 'too_long', max, length: value.length };
  const at = firstControl(value, multiLine.has(field));
  return at < 0 ? null : { code: 'control_characters', position: at + 1 };
}

/** True when the text holds a control character; line breaks and tabs count only when not allowed. */
export function hasControlCharacters(value: string, linesAllowed = false): boolean {
  return firstControl(value, linesAllowed) >= 0;
}

/** The rule on control characters alone, for values of no set length (answers matched to options). */
export function controlProblem(value: string): FieldProblem | null {
  const at = firstControl(value, false);
  return at < 0 ? null : { code: 'control_characters', position: at + 1 };
}

/**
 * A value as it can be shown back (60 characters in an error), with control characters made visible
 * (NUL as ␀), so that a nine-million-character cell or an invisible byte can still be found.
 */
export function previewOf(value: string, previewLength = 60): string {
  let visible = '';
  for (const ch of value.slice(0, previewLength)) {
    const code = ch.charCodeAt(0);
    if (!isControl(code, false)) visible += ch;
    else if (code < 0x20) visible += String.fromCharCode(0x2400 + code);
    else visible += code === 0x7f ? '\u2421' : '\ufffd';
  }
  return value.length > previewLength ? `${visible}…` : visible;
}

/** The message parameters of a problem, for `errors.too_long` or `errors.control_characters`. */
export function problemParams(problem: FieldProblem): Record<string, number> {
  return problem.code === 'too_long' ? { max: problem.max } : { position: problem.position };
}
