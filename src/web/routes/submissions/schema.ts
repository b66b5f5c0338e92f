/**
 * The public form and the review's reason as they are read: every text within its limit before any
 * work is done (the command checks the rules again). The field people do not see and the signed time
 * the form was shown are the registration form's (src/web/routes/register/schema.ts).
 */
import { z } from 'zod';
import { submissionFieldLimits as limits } from '../../../domain/field-limits.ts';
import type { SubmissionInput } from '../../../domain/requests.ts';
import { honeypotField } from '../register/schema.ts';

export { honeypotField };

const text = (max: number) => z.string().trim().max(max, 'too_long').default('');

export const submissionSchema = z
  .object({
    title: text(limits.title),
    body: text(limits.body),
    link: text(limits.link),
    name: text(limits.name),
    organisation: text(limits.organisation),
    email: text(limits.email),
    publish_name: z.string().max(10).optional(),
  })
  .transform(
    (f): SubmissionInput => ({
      title: f.title,
      body: f.body,
      link: f.link,
      name: f.name,
      organisation: f.organisation,
      email: f.email,
      publishName: f.publish_name === 'yes',
    }),
  );

/** The bot checks' two fields: sent empty by every browser, and the signed time the form was shown. */
export const botFieldsSchema = z.object({
  [honeypotField]: z.string().max(1000).default('').catch('filled'),
  form_time: z.string().max(100).catch(''),
});

export const rejectSchema = z.object({ reason: text(limits.reason) });

/** The notices the list shows after a review (`?notice=…`, text `submissions.notice_<name>`). */
export const submissionNotices = ['accepted', 'rejected', 'opened', 'closed'] as const;
