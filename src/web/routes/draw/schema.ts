/**
 * The draw forms: the plan for the randomness (with the run to draw from when announcing a panel
 * draw) and the randomness entered once. A plan's problems are message keys under `draw.error.`.
 */
import { z } from 'zod';
import { diceRolls, type RandomnessPlan } from '../../../domain/public-draw.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { FieldErrors, FormValues } from '../../views/forms.tsx';

const planFields = z.object({
  run: z.string().trim().max(100).catch(''),
  source: z.string().trim().max(20).catch(''),
  round: z.string().trim().max(30).catch(''),
  rolls: z.string().trim().max(10).catch(''),
  sides: z.string().trim().max(5).catch(''),
  /** The confirmation step's button: `yes` publishes, `edit` goes back to the form. */
  confirm: z.string().max(10).catch(''),
});

/** The fields of the randomness form, named on the organiser's pages. */
export const planFieldNames = ['source', 'round', 'rolls', 'sides'];

export interface PlanForm {
  plan: RandomnessPlan | null;
  /** Field → message key under `draw.error.`. */
  errors: FieldErrors;
  runId: string;
  confirm: string;
}

/** The plan typed into the form, or the key of what is wrong with each field. */
export function readPlan(values: FormValues, options: { withRun: boolean }): PlanForm {
  const form = planFields.parse(values);
  const errors: FieldErrors = {};
  let plan: RandomnessPlan | null = null;
  if (form.source === 'drand') {
    const round = form.round.replace(/[\s\u00a0]/g, '');
    if (/^\d{1,15}$/.test(round) && Number(round) >= 1) plan = { source: 'drand', round: Number(round) };
    else errors.round = 'round_invalid';
  } else if (form.source === 'dice') {
    if (!/^\d{1,4}$/.test(form.rolls)) errors.rolls = 'dice_rolls_range';
    if (form.sides !== '6' && form.sides !== '10') errors.sides = 'dice_sides';
    if (!errors.rolls && !errors.sides) {
      plan = { source: 'dice', rolls: Number(form.rolls), sides: form.sides === '6' ? 6 : 10 };
    }
  } else errors.source = 'source_required';
  if (options.withRun && !form.run) errors.run = 'run_required';
  return { plan, errors, runId: form.run, confirm: form.confirm };
}

/** A plan's problem keys as messages in the page language. */
export function planErrorTexts(t: Translate, codes: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, code] of Object.entries(codes)) {
    out[field] = t(`draw.error.${code}`, { min: diceRolls.min, max: diceRolls.max });
  }
  return out;
}

export const seedSchema = z.object({ randomness: z.string().max(2000).catch('') });

/** The organiser's page with `?done=` after announcing or drawing shows the matching notice. */
export const notices = ['published', 'drawn'] as const;
