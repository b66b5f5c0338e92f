/** Small things the selection pages share: where they live, and how a run's times and shares read. */
import type { Ctx } from '../../../env.ts';
import { formatTime, numberFormat } from '../../../views/time.ts';

export function selectionBase(c: Ctx): string {
  return `/a/${c.var.assembly.id}/selection`;
}

/** A run's time to the second, so that two runs started close together can be told apart. */
export function runTime(c: Ctx, iso: string | null): string {
  return iso ? formatTime(c, iso, { seconds: true }) : '–';
}

/** Percentages with a fixed number of decimals, so that a column of them lines up. */
export function percentFormat(c: Ctx, digits = 1): Intl.NumberFormat {
  return numberFormat(c, digits, digits);
}
