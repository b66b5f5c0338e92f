/** The call list's query string and the form that records a call. */
import { z } from 'zod';
import { callOutcomes, isCallOutcome } from '../../../commands/call-outcomes.ts';
import { readStockholmTime } from '../../../domain/dates.ts';
import { callListFilters } from '../../../queries/calls.ts';
import { limitedText } from '../../limited-text.ts';

const searchMax = 100;

/** Where the caller is: the tab, page and search, in the address and posted back by every card. */
export const placeSchema = z.object({
  // Callers open the list to phone people, so "still to call" is where they start.
  filter: z.enum(callListFilters).catch('to_call'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  q: z
    .string()
    .trim()
    .catch('')
    .transform((q) => q.slice(0, searchMax)),
});

/** The list's address; after saving it also names whom the caller saved and how the call went. */
export const listSchema = placeSchema.extend({
  saved: z
    .string()
    .regex(/^P-\d{1,9}$/)
    .optional()
    .catch(undefined),
  outcome: z.enum(callOutcomes).optional().catch(undefined),
});

export const outcomeSchema = placeSchema.extend({
  outcome: z.string().trim().catch('').refine(isCallOutcome, 'call_outcome_invalid'),
  comment: limitedText('comment'),
  /**
   * When to call back after "call again later", on a Swedish clock as the date-and-time field posts
   * it; the reminder's due time (an ISO moment), or undefined for the next morning.
   */
  call_back_at: z
    .string()
    .trim()
    .catch('')
    .transform((text, ctx) => {
      if (!text) return undefined;
      const reading = readStockholmTime(text);
      if (reading.kind === 'one' || reading.kind === 'ambiguous') return reading.at.toISOString();
      // A time the clocks skip says so, rather than being moved an hour without a word.
      ctx.addIssue({
        code: 'custom',
        message: reading.kind === 'missing' ? 'time_skipped_by_clock' : 'call_back_time_invalid',
      });
      return z.NEVER;
    }),
});
