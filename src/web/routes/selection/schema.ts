/** The selection area's form and address: starting a run, and the page of a run's probabilities. */
import { z } from 'zod';
import { runAlgorithms } from '../../../commands/selection-runs.ts';
import type { Algorithm } from '../../../sortition/model.ts';

export { runAlgorithms };

/** Seats on a panel, and panels in a lottery: the largest the form accepts. */
export const maxPanelSize = 1000;
export const maxLotterySize = 100_000;

const count = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'required')
    .pipe(
      z.coerce
        .number<string>('number_invalid')
        .int('number_invalid')
        .min(1, 'number_range')
        .max(max, 'number_range'),
    );

export const startSchema = z.object({
  algorithm: z.enum(runAlgorithms as [Algorithm, ...Algorithm[]], 'selection_algorithm'),
  panel_size: count(maxPanelSize),
  lottery_size: count(maxLotterySize),
  seed: z.string().trim().max(200, 'too_long').default(''),
});

/** Rows of the probability table per page. */
export const probabilityPageSize = 100;

/** `?page=` of a run's probability table: a whole number from 1, anything else the first page. */
export function probabilityPage(value: string | undefined): number {
  return Math.max(1, Math.min(1_000_000, Number.parseInt(value ?? '1', 10) || 1));
}

/** The notices a redirect may ask for; any other `?notice=` shows nothing, so a link cannot put its own words on the page. */
export const selectionNotices = ['cancel_requested', 'not_active'] as const;
