/** The answers forms as they are read (the commands check the rules again). */
import { z } from 'zod';
import type { AnswerInput, DeadlineInput, UpdateInput } from '../../../domain/answers.ts';
import { answerFieldLimits } from '../../../domain/field-limits.ts';

const text = (max: number) => z.string().max(max, 'too_long').default('');
const short = z.string().trim().max(40).default('');

export const deadlineSchema = z
  .object({ handover_date: short, deadline: short })
  .transform((f): DeadlineInput => ({ handoverDate: f.handover_date, deadline: f.deadline }));

export const inviteSchema = z.object({
  email: z.string().trim().max(320, 'too_long').default(''),
  name: z.string().trim().max(200, 'too_long').default(''),
  language: short,
});

const l = answerFieldLimits;

export const answerSchema = z
  .object({
    status: short,
    reasons: text(l.reasons),
    body_responsible: text(l.bodyResponsible),
    timeline: text(l.timeline),
    timeline_date: short,
    publish: z.string().max(10).default(''),
  })
  .transform((f): { input: AnswerInput; publish: boolean } => ({
    input: {
      status: f.status,
      reasons: f.reasons,
      bodyResponsible: f.body_responsible,
      timeline: f.timeline,
      timelineDate: f.timeline_date,
    },
    publish: f.publish === 'yes',
  }));

export const updateSchema = z
  .object({
    on_date: short,
    stage: short,
    progress: short,
    text: text(l.updateText),
    evidence_url: z.string().trim().max(l.evidenceUrl, 'too_long').default(''),
  })
  .transform(
    (f): UpdateInput => ({
      onDate: f.on_date,
      stage: f.stage,
      progress: f.progress,
      text: f.text,
      evidenceUrl: f.evidence_url,
    }),
  );

/** The notices the pages show after a change (`?notice=…`, text `answers.notice_<name>`). */
export const answerNotices = ['deadline', 'invited', 'granted', 'drafted', 'published', 'updated'] as const;
