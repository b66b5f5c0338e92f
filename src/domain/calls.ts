/**
 * The confirmation calls: what a call can come to, who is on the callers' list and how it is cut
 * into tabs and pages. Shared by the command that records a call, the list's read model and its page.
 */
import { fieldLimits } from './field-limits.ts';
import type { PersonStatus } from './person-status.ts';

export const callOutcomes = ['confirmed', 'declined', 'no_answer', 'call_again'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/** Callers phone people from the selection onwards, in this order of urgency. */
export const callListStatuses: readonly PersonStatus[] = ['selected', 'confirmed', 'declined', 'withdrawn'];

export const callCommentMax = fieldLimits.comment;

/** The list's tabs: still to call, to call again, everyone. */
export const callListFilters = ['to_call', 'call_again', 'all'] as const;
export type CallListFilter = (typeof callListFilters)[number];

/** Cards per page: a caller scrolls through a handful on a phone, not the whole panel. */
export const callsPageSize = 20;
