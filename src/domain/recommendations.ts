/**
 * Recommendations as the working groups draft them: plain paragraphs (never HTML; a blank line
 * separates paragraphs), numbered lines for print and projection (so the plenary can say "line 12"),
 * the word-level difference between two versions, and the rules a draft must meet.
 */
import { diffWords } from 'diff';
import { recommendationFieldLimits } from './field-limits.ts';
import { can, type Role } from './roles.ts';

export const recommendationStatuses = ['draft', 'plenary', 'adopted', 'not_adopted', 'withdrawn'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];

export function isRecommendationStatus(value: string): value is RecommendationStatus {
  return (recommendationStatuses as readonly string[]).includes(value);
}

/**
 * The statuses a person sets by hand. Adopted and not adopted are the plenary's decision: closing
 * the plenary vote sets them, so nobody can mark a recommendation adopted without a vote.
 */
export const manualStatuses = [
  'draft',
  'plenary',
  'withdrawn',
] as const satisfies readonly RecommendationStatus[];
export type ManualStatus = (typeof manualStatuses)[number];

export function isManualStatus(value: string): value is ManualStatus {
  return (manualStatuses as readonly string[]).includes(value);
}

/**
 * Whether someone of `role` (signed in as `accountId`) may change a working group's work: its
 * recommendations, their status, amendments and minority statements. A group's own facilitator
 * may; those who hold `recommendations:all_groups` (organisers) may change any group's.
 */
export function mayChangeGroupWork(
  role: Role | null | undefined,
  accountId: string,
  group: { facilitator_id: string | null },
): boolean {
  if (!can(role, 'recommendations:edit')) return false;
  return can(role, 'recommendations:all_groups') || group.facilitator_id === accountId;
}

/**
 * The paragraphs of a text: split at blank lines (lines of nothing but spaces count as blank), each
 * paragraph's own line breaks and runs of spaces turned into single spaces, empty ones dropped.
 */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/** A text with one paragraph per block and one blank line between them, as it is stored. */
export function normaliseText(text: string): string {
  return paragraphsOf(text).join('\n\n');
}

export interface NumberedLine {
  number: number;
  text: string;
}

/** The characters a printed or projected line holds: short enough for large type on A4. */
export const lineWidth = 60;

/**
 * The text cut into numbered lines, paragraph by paragraph, numbers running on across paragraphs.
 * Lines break between words at `width` characters; a word longer than that has a line of its own.
 * The same text always gives the same numbers, so a line number said aloud means the same line on
 * every printout and on the projector.
 */
export function numberedLines(text: string, width = lineWidth): NumberedLine[][] {
  let number = 0;
  return paragraphsOf(text).map((paragraph) => {
    const lines: NumberedLine[] = [];
    let current = '';
    for (const word of paragraph.split(' ')) {
      if (current && current.length + 1 + word.length > width) {
        lines.push({ number: ++number, text: current });
        current = word;
      } else current = current ? `${current} ${word}` : word;
    }
    if (current) lines.push({ number: ++number, text: current });
    return lines;
  });
}

export interface DiffSegment {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** What changed from `before` to `after`, word by word, in reading order. */
export function diffSegments(before: string, after: string): DiffSegment[] {
  return diffWords(before, after).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }));
}

export interface RecommendationInput {
  title: string;
  body: string;
  rationale: string;
}

export interface Refusal {
  code: string;
  field: string;
  params?: Record<string, string | number>;
}

/** Why a draft cannot be saved: a title and a text are needed, each within its limit. */
export function recommendationRefusals(input: RecommendationInput): Refusal[] {
  const refusals: Refusal[] = [];
  const limits = recommendationFieldLimits;
  if (!input.title.trim()) refusals.push({ code: 'required', field: 'title' });
  else if (input.title.length > limits.title)
    refusals.push({ code: 'too_long', field: 'title', params: { max: limits.title } });
  if (!normaliseText(input.body)) refusals.push({ code: 'required', field: 'body' });
  else if (input.body.length > limits.body)
    refusals.push({ code: 'too_long', field: 'body', params: { max: limits.body } });
  if (input.rationale.length > limits.rationale)
    refusals.push({ code: 'too_long', field: 'rationale', params: { max: limits.rationale } });
  return refusals;
}

export interface WorkingGroupInput {
  nameSv: string;
  nameEn: string;
  facilitatorId: string;
  memberIds: string[];
}

/** Why a working group cannot be saved: it needs a name in both languages. */
export function workingGroupRefusals(input: WorkingGroupInput): Refusal[] {
  const refusals: Refusal[] = [];
  const max = recommendationFieldLimits.groupName;
  for (const [field, value] of [
    ['name_sv', input.nameSv],
    ['name_en', input.nameEn],
  ] as const) {
    if (!value.trim()) refusals.push({ code: 'required', field });
    else if (value.length > max) refusals.push({ code: 'too_long', field, params: { max } });
  }
  return refusals;
}

// --- Amendments ------------------------------------------------------------------------------------

export const amendmentStatuses = ['open', 'accepted', 'rejected', 'merged', 'plenary'] as const;
export type AmendmentStatus = (typeof amendmentStatuses)[number];
/** What the working group may decide about an open amendment. */
export const amendmentDecisions = ['accepted', 'rejected', 'merged', 'plenary'] as const;
export type AmendmentDecision = (typeof amendmentDecisions)[number];

export function isAmendmentStatus(value: string): value is AmendmentStatus {
  return (amendmentStatuses as readonly string[]).includes(value);
}

export interface AmendmentInput {
  personId: string;
  passage: string;
  replacement: string;
  reason: string;
}

/** Where `passage` stands in `text` (spaces and line breaks compared as one space), or null. */
export function passageRange(text: string, passage: string): { start: number; end: number } | null {
  const wanted = passage.replace(/\s+/g, ' ').trim();
  if (!wanted) return null;
  const start = text.indexOf(wanted);
  return start < 0 ? null : { start, end: start + wanted.length };
}

/** The whole text as it would read with the amendment, or null when the passage is not in it. */
export function amendedText(text: string, passage: string, replacement: string): string | null {
  const range = passageRange(text, passage);
  if (!range) return null;
  return text.slice(0, range.start) + replacement.replace(/\s+/g, ' ').trim() + text.slice(range.end);
}

/**
 * The open amendments that change overlapping passages of the same text, by id: each conflicts with
 * the others listed for it, so the group sees that accepting one changes what the others amend.
 */
export function conflictingAmendments(
  text: string,
  amendments: readonly { id: string; passage: string; status: string }[],
): Map<string, string[]> {
  const ranges = amendments
    .filter((a) => a.status === 'open')
    .map((a) => ({ id: a.id, range: passageRange(text, a.passage) }))
    .filter((a): a is { id: string; range: { start: number; end: number } } => a.range !== null);
  const conflicts = new Map<string, string[]>();
  for (const a of ranges)
    for (const b of ranges)
      if (a.id !== b.id && a.range.start < b.range.end && b.range.start < a.range.end)
        conflicts.set(a.id, [...(conflicts.get(a.id) ?? []), b.id]);
  return conflicts;
}

/** Why an amendment cannot be proposed: the passage must stand in the text, a reason is needed. */
export function amendmentRefusals(text: string, input: AmendmentInput): Refusal[] {
  const refusals: Refusal[] = [];
  const limits = recommendationFieldLimits;
  if (!input.personId) refusals.push({ code: 'required', field: 'person' });
  if (!input.passage.trim()) refusals.push({ code: 'required', field: 'passage' });
  else if (input.passage.length > limits.passage)
    refusals.push({ code: 'too_long', field: 'passage', params: { max: limits.passage } });
  else if (!passageRange(text, input.passage))
    refusals.push({ code: 'recommendations_passage_not_found', field: 'passage' });
  if (input.replacement.length > limits.replacement)
    refusals.push({ code: 'too_long', field: 'replacement', params: { max: limits.replacement } });
  if (!input.reason.trim()) refusals.push({ code: 'required', field: 'reason' });
  else if (input.reason.length > limits.reason)
    refusals.push({ code: 'too_long', field: 'reason', params: { max: limits.reason } });
  return refusals;
}

// --- Minority statements ---------------------------------------------------------------------------

/**
 * A minority statement is written to a recommendation the whole assembly deliberates on: one sent
 * to the plenary or decided by it. Drafts are the working group's business, changed by amendments.
 */
export const statementStatuses = [
  'plenary',
  'adopted',
  'not_adopted',
] as const satisfies readonly RecommendationStatus[];

export function takesStatements(status: RecommendationStatus): boolean {
  return (statementStatuses as readonly string[]).includes(status);
}

/** Why a minority statement cannot be written: it needs a text within its limit, and an author. */
export function statementRefusals(input: { personId: string; text: string }): Refusal[] {
  const refusals: Refusal[] = [];
  const max = recommendationFieldLimits.statement;
  if (!input.personId) refusals.push({ code: 'required', field: 'person' });
  if (!normaliseText(input.text)) refusals.push({ code: 'required', field: 'text' });
  else if (input.text.length > max) refusals.push({ code: 'too_long', field: 'text', params: { max } });
  return refusals;
}
