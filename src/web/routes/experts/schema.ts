/**
 * The expert's form: texts within their limits. Declared interests are checked by the command:
 * written, or "none declared" ticked — an empty field is not an answer.
 */
import { z } from 'zod';
import type { ExpertInput } from '../../../domain/evidence.ts';
import { expertFieldLimits } from '../../../domain/field-limits.ts';

const text = (max: number) => z.string().trim().max(max, 'too_long').default('');

export const expertSchema = z
  .object({
    name: z.string('required').trim().min(1, 'required').max(expertFieldLimits.name, 'too_long'),
    organisation: text(expertFieldLimits.organisation),
    topic: text(expertFieldLimits.topic),
    interests: text(expertFieldLimits.interests),
    none_declared: z.string().optional(),
    email: text(expertFieldLimits.email),
  })
  .transform(
    (f): ExpertInput => ({
      name: f.name,
      organisation: f.organisation,
      topic: f.topic,
      interests: f.interests,
      noneDeclared: f.none_declared === 'yes',
      email: f.email,
    }),
  );

/** The notices the list shows after a change (`?notice=…`, text `experts.notice_<name>`). */
export const expertNotices = ['created', 'saved', 'deleted'] as const;
