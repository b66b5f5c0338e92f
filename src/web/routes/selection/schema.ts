/** The selection area's form and address: starting a run, and the page of a run's probabilities. */
import { z } from 'zod';
import { MAX_TRADE_OFF_STEPS, maxPointTolerance } from '../../../commands/deviation-trade-offs.ts';
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

/** Tolerances a trade-off may try (each is a full MAXIMIN run). */
export const maxTradeOffSteps = MAX_TRADE_OFF_STEPS;

export const tradeOffSchema = z.object({ tolerances: count(maxTradeOffSteps) });

/** The tolerance for the next run: a weighted deviation, typed with a decimal point or comma. */
export const toleranceSchema = z.object({
  tolerance: z
    .string()
    .trim()
    .min(1, 'required')
    .transform((s) => s.replace(/^(\d+),(\d+)$/, '$1.$2'))
    .pipe(z.string().regex(/^\d{1,7}(\.\d{1,6})?$/, 'point_tolerance_invalid'))
    .transform(Number)
    .pipe(z.number().max(maxPointTolerance, 'number_range')),
});

/** Rows of the probability table per page. */
export const probabilityPageSize = 100;

/** `?page=` of a run's probability table: a whole number from 1, anything else the first page. */
export function probabilityPage(value: string | undefined): number {
  return Math.max(1, Math.min(1_000_000, Number.parseInt(value ?? '1', 10) || 1));
}

/** The notices a redirect may ask for; any other `?notice=` shows nothing, so a link cannot put its own words on the page. */
export const selectionNotices = [
  'cancel_requested',
  'not_active',
  'tolerance_saved',
  'trade_off_started',
  'trade_off_cancel_requested',
  'trade_off_not_active',
] as const;
