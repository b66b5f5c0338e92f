/** The evaluation forms as they are read (the commands check the rules again). */
import { z } from 'zod';
import { evaluationLimits, reportSections } from '../../../domain/evaluation.ts';

const text = (max: number) => z.string().trim().max(max, 'too_long').default('');

export const openSchema = z
  .object({ kind: z.string().max(40).default(''), session: z.string().max(100).default('') })
  .transform((f) => ({ kind: f.kind, sessionId: f.session }));

/** The levels are read from the form's other fields, one per statement (see `answerLevels`). */
export const answerSchema = z.object({ comment: text(evaluationLimits.comment) });

/** Each section's text; the report's line breaks are kept as typed. */
export const reportSchema = z.object(
  Object.fromEntries(
    reportSections.map((s) => [s, z.string().max(evaluationLimits.section, 'too_long').default('')]),
  ) as Record<(typeof reportSections)[number], z.ZodDefault<z.ZodString>>,
);

/** The notices after a change (`?notice=…`, text `evaluation.notice_<name>`). */
export const evaluationNotices = ['opened', 'closed', 'saved', 'answered'] as const;
