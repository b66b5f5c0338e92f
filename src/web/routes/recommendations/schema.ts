/** The recommendations forms as they are read (the commands check the rules again). */
import { z } from 'zod';
import { recommendationFieldLimits as limits } from '../../../domain/field-limits.ts';
import type {
  AmendmentInput,
  RecommendationInput,
  WorkingGroupInput,
} from '../../../domain/recommendations.ts';

const text = (max: number) => z.string().max(max, 'too_long').default('');
/** A field that must hold something besides spaces and blank lines. */
const filled = (max: number) =>
  z
    .string()
    .max(max, 'too_long')
    .default('')
    .refine((v) => v.trim().length > 0, 'required');
const id = z.string().max(100).default('');

export const groupSchema = z
  .object({
    name_sv: filled(limits.groupName),
    name_en: filled(limits.groupName),
    facilitator: id,
    members: z.array(id).max(1000).default([]),
  })
  .transform(
    (f): WorkingGroupInput => ({
      nameSv: f.name_sv,
      nameEn: f.name_en,
      facilitatorId: f.facilitator,
      memberIds: f.members.filter((m) => m),
    }),
  );

export const recommendationSchema = z
  .object({
    title: filled(limits.title),
    body: filled(limits.body),
    rationale: text(limits.rationale),
  })
  .transform((f): RecommendationInput => f);

export const amendmentSchema = z
  .object({
    person: id,
    passage: filled(limits.passage),
    replacement: text(limits.replacement),
    reason: filled(limits.reason),
  })
  .transform(
    (f): AmendmentInput => ({
      personId: f.person,
      passage: f.passage,
      replacement: f.replacement,
      reason: f.reason,
    }),
  );

/** A member's own amendment: she is the one proposing it, so there is no member to choose. */
export const memberAmendmentSchema = z.object({
  passage: filled(limits.passage),
  replacement: text(limits.replacement),
  reason: filled(limits.reason),
});

/** A minority statement a facilitator types for a member. */
export const statementSchema = z
  .object({ person: id, text: filled(limits.statement) })
  .transform((f) => ({ personId: f.person, text: f.text }));

/** A member's own minority statement: she is its author, so there is no member to choose. */
export const memberStatementSchema = z.object({ text: filled(limits.statement) });

/** The member a button acts for (a signature recorded on her behalf). */
export const personSchema = z.object({ person: id });

export const decisionSchema = z.object({ decision: z.string().max(40).default('') });

export const statusSchema = z.object({ status: z.string().max(40).default('') });

/** Which two versions to compare (`?from=1&to=3`); absent or bad, the last two. */
export const compareQuery = z.object({
  from: z.coerce.number().int().min(1).optional().catch(undefined),
  to: z.coerce.number().int().min(1).optional().catch(undefined),
});

/** The notices the list shows after a change (`?notice=…`, text `recommendations.notice_<name>`). */
export const recommendationNotices = [
  'group_saved',
  'created',
  'saved',
  'status',
  'amendment_proposed',
  'amendment_decided',
  'statement_written',
  'statement_signed',
  'signature_withdrawn',
  'statement_withdrawn',
  'member_proposed',
  'member_statement_written',
  'member_signed',
  'member_unsigned',
  'member_statement_withdrawn',
] as const;
