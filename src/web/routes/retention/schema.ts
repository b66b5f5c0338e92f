/** The retention schedule's one form: the reason for a hold (the command checks it again). */
import { z } from 'zod';
import { holdReasonMax } from '../../../commands/retention-holds.ts';

export const holdSchema = z.object({
  reason: z.string().trim().min(1, 'retention_reason_missing').max(holdReasonMax, 'too_long').default(''),
});

export const retentionNotices = ['held', 'released'] as const;
