/** The members' ballot forms and the tablet's query string, as they are read (the core checks the rule). */
import { z } from 'zod';
import { recommendationFieldLimits as limits } from '../../../domain/field-limits.ts';
import type { Choice } from '../../../voting/model.ts';

const kinds = ['yes', 'no', 'abstain', 'consent', 'objection'] as const;

/** The button pressed: a kind of choice, or a grade from 1 to 8 (the core checks it fits the scale). */
const choiceField = z
  .string()
  .default('')
  .refine((v) => (kinds as readonly string[]).includes(v) || /^[1-8]$/.test(v), 'ballots_choice_missing');

function toChoice(choice: string, reason: string): Choice {
  if (/^[1-8]$/.test(choice)) return { kind: 'grade', level: Number(choice) };
  if (choice === 'objection') return { kind: 'objection', reason };
  return { kind: choice as Exclude<(typeof kinds)[number], 'objection'> };
}

const ballotFields = {
  choice: choiceField,
  reason: z.string().max(limits.reason, 'too_long').default(''),
};

/** An objection must say why: the reason is asked for beside the objection button. */
function reasonGiven(f: { choice: string; reason: string }, ctx: z.RefinementCtx) {
  if (f.choice === 'objection' && f.reason.trim() === '')
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'ballots_reason_missing' });
}

/** Her ballot from her own phone. */
export const ballotSchema = z
  .object(ballotFields)
  .superRefine(reasonGiven)
  .transform((f): Choice => toChoice(f.choice, f.reason.trim()));

/** A ballot on the table's tablet: who she is, the code on her name card, and her choice. */
export const tabletBallotSchema = z
  .object({
    person: z.string().min(1, 'ballots_person_missing').max(100).default(''),
    code: z
      .string()
      .default('')
      .transform((v) => v.replace(/\s+/g, ''))
      .refine((v) => /^\d{6}$/.test(v), 'ballots_code_format'),
    ...ballotFields,
  })
  .superRefine(reasonGiven)
  .transform((f) => ({ personId: f.person, code: f.code, choice: toChoice(f.choice, f.reason.trim()) }));

/** `?table=N` (from 1) to show one table's members; `?person=` the member who tapped her name. */
export const tabletQuerySchema = z.object({
  table: z.coerce.number().int().min(1).max(500).optional().catch(undefined),
  person: z.string().max(100).optional().catch(undefined),
  thanks: z.string().max(100).optional().catch(undefined),
});
