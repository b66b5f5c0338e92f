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
import { addMonths, swedishDay } from './dates.ts';
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

/** The day a category of an assembly ending on `endsOn` is erased; null when it has no such day. */
export function erasureDay(category: RetentionCategory, endsOn: string | null): string | null {
  const rule = retentionRules[category];
  if (rule.anchor !== 'assembly_end' || !endsOn) return null;
  return addMonths(endsOn, rule.months);
}

/** Whether `day` has begun at `at` in Sweden: erasure happens on the day, never the evening before. */
export function dayHasCome(day: string, at: Date): boolean {
  return swedishDay(at) >= day;
}

/** Records paid before this instant are past the bookkeeping period at `at` (see retention.ts). */
export function bookkeepingCutoff(at: Date): string {
  return paidReceiptsBefore(at);
}
