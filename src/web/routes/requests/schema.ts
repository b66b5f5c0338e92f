/** The requests forms as they are read (the command checks the rules again). */
import { z } from 'zod';
import { requestFieldLimits } from '../../../domain/field-limits.ts';
import type { RequestInput } from '../../../domain/requests.ts';

const text = (max: number) => z.string().trim().max(max, 'too_long').default('');
const id = z.string().max(100).default('');

const askFields = {
  kind: z.string().max(40).default(''),
  question: text(requestFieldLimits.question),
  session: id,
};

const toInput = (f: { kind: string; question: string; session: string }): RequestInput => ({
  kind: f.kind,
  question: f.question,
  sessionId: f.session,
});

/** The member's own form. */
export const askSchema = z.object(askFields).transform(toInput);

/** A facilitator's form on a member's behalf: the member is chosen by name. */
export const askForSchema = z
  .object({ person: id, ...askFields })
  .transform((f) => ({ personId: f.person, input: toInput(f) }));

export const answerSchema = z.object({
  answer: text(requestFieldLimits.answer),
  evidence_item: id,
});

export const declineSchema = z.object({ reason: text(requestFieldLimits.reason) });

/** The notices the log shows after a change (`?notice=…`, text `requests.notice_<name>`). */
export const requestNotices = ['asked', 'answered', 'declined'] as const;
