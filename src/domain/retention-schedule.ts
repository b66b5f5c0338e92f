/**
 * The retention schedule of an assembly's personal data, category by category (issue 13; GDPR art.
 * 5(1)(e)): what is kept, counted from what, for how long, and why that long. The retention job
 * (src/commands/retention.ts) erases a category of an assembly once its day has come, unless an
 * organiser holds it with a reason; the organiser's page shows the same dates before they come.
 *
 * Most periods run from the assembly's end date: until then members are still called, paid and told
 * of answers to their recommendations, and volunteers may still be drawn as replacements. Stipends and
 * paid receipts follow Bokföringslagen instead (7 kap. 2 §): kept to the end of the seventh year after
 * the year they were paid in. Dates are calendar days in Swedish time.
 */
import { paidReceiptsBefore } from './retention.ts';

export const retentionCategories = [
  'volunteer_contacts',
  'member_contacts',
  'demographics',
  'questionnaires',
  'receipts',
  'stipend_records',
] as const;
export type RetentionCategory = (typeof retentionCategories)[number];

export function isRetentionCategory(value: string): value is RetentionCategory {
  return (retentionCategories as readonly string[]).includes(value);
}

/**
 * How a category's day is found: months after the assembly's end date, or by bookkeeping law (per
 * record, from the year it was paid).
 */
export type RetentionRule = { anchor: 'assembly_end'; months: number } | { anchor: 'bookkeeping' };

export const retentionRules: Record<RetentionCategory, RetentionRule> = {
  // Volunteers who never became members: kept a month past the end, for a late replacement's call.
  volunteer_contacts: { anchor: 'assembly_end', months: 1 },
  // Members are told of every answer and implementation update: two years of follow-up.
  member_contacts: { anchor: 'assembly_end', months: 24 },
  // The pool's answers are selection data: the draw and the representativeness report can be
  // checked against them as long as members are followed up.
  demographics: { anchor: 'assembly_end', months: 24 },
  // Questionnaire free texts: a year for the evaluation report; the figures stay in the report.
  questionnaires: { anchor: 'assembly_end', months: 12 },
  receipts: { anchor: 'bookkeeping' },
  stipend_records: { anchor: 'bookkeeping' },
};

/** `date` (YYYY-MM-DD) plus whole months; the 31st of a shorter month becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** The day a category of an assembly ending on `endsOn` is erased; null when it has no such day. */
export function erasureDay(category: RetentionCategory, endsOn: string | null): string | null {
  const rule = retentionRules[category];
  if (rule.anchor !== 'assembly_end' || !endsOn) return null;
  return addMonths(endsOn, rule.months);
}

const stockholmDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Whether `day` has begun at `at` in Sweden: erasure happens on the day, never the evening before. */
export function dayHasCome(day: string, at: Date): boolean {
  return stockholmDay.format(at) >= day;
}

/** Records paid before this instant are past the bookkeeping period at `at` (see retention.ts). */
export function bookkeepingCutoff(at: Date): string {
  return paidReceiptsBefore(at);
}
