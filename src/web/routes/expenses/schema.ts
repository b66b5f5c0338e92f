/**
 * The expense forms: the rules, a claim (by the member, or by an organiser on her behalf), an
 * approval and a rejection. Amounts stay text here: the rules in src/domain/stipends.ts read kronor
 * as people type them and say what is wrong next to the field.
 */
import { z } from 'zod';
import {
  type ClaimInput,
  claimDescriptionMax,
  claimReasonMax,
  expenseKinds,
  type RulesInput,
} from '../../../domain/stipends.ts';

/** A text field of at most `max` characters (the command checks the rules on what is left). */
const text = (max: number) => z.string().max(max, 'too_long').default('');
const amount = text(40);

export const rulesSchema = z
  .object({
    stipend_basis: text(20),
    stipend_amount: amount,
    ...Object.fromEntries(
      expenseKinds.flatMap((k) => [
        [`reimburse_${k}`, text(10)],
        [`limit_${k}`, amount],
      ]),
    ),
  })
  .transform(
    (f): RulesInput => ({
      stipendBasis: f.stipend_basis,
      stipendAmount: f.stipend_amount,
      kinds: Object.fromEntries(
        expenseKinds.map((k) => [
          k,
          {
            reimbursed: (f as Record<string, string>)[`reimburse_${k}`] === 'yes',
            limit: (f as Record<string, string>)[`limit_${k}`] ?? '',
          },
        ]),
      ) as RulesInput['kinds'],
    }),
  );

const claimFields = {
  session_id: text(100),
  kind: text(20),
  amount,
  // Twice the limit, so that the command's refusal (which names the limit) is the one shown.
  description: text(claimDescriptionMax * 2),
};

function claimInput(f: {
  session_id: string;
  kind: string;
  amount: string;
  description: string;
}): ClaimInput {
  return { sessionId: f.session_id, kind: f.kind, amount: f.amount, description: f.description };
}

export const memberClaimSchema = z.object(claimFields).transform(claimInput);

export const staffClaimSchema = z
  .object({ person_id: text(100), ...claimFields })
  .transform((f) => ({ personId: f.person_id, claim: claimInput(f) }));

export const approveSchema = z.object({ approved_amount: amount }).transform((f) => f.approved_amount);

export const rejectSchema = z.object({ reason: text(claimReasonMax * 2) }).transform((f) => f.reason);

/** The notices the pages show after a change (`?notice=…`, text `expenses.notice_<name>`). */
export const expenseNotices = [
  'rules_saved',
  'claimed',
  'approved',
  'rejected',
  'paid',
  'stipend_paid',
] as const;

/** The member's notice on her page after a claim. */
export const memberClaimNotices = ['claimed'] as const;
