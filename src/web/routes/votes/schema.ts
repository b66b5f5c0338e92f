/** The vote forms as they are read (the commands check the rules again). */
import { z } from 'zod';
import type { VoteDraft } from '../../../commands/votes.ts';
import { readStockholmTime } from '../../../domain/dates.ts';
import type { VoteOptions } from '../../../repositories/votes.ts';
import { type Choice, type Fraction, parseShare, type Quorum, type VoteRule } from '../../../voting/model.ts';
import type { PaperEntry } from '../../../voting/paper.ts';

/** How long the question and the labels of a vote may be. */
export const voteFieldLimits = { question: 300, label: 100, reason: 500 } as const;

const id = z.string().trim().max(100).default('');
const share = z
  .string()
  .trim()
  .max(20, 'too_long')
  .default('')
  .transform((v, ctx): Fraction | null => {
    if (v === '') return null;
    const parsed = parseShare(v);
    if (!parsed) ctx.addIssue({ code: 'custom', message: 'votes_share_invalid' });
    return parsed;
  });
const whole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => /^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max, 'votes_whole_number')
    .transform(Number);
const ticked = z
  .string()
  .default('')
  .transform((v) => v === 'on');

export const voteSchema = z
  .object({
    subject: z.enum(['recommendation', 'amendment', 'procedure'], { message: 'required' }),
    recommendation: id,
    amendment: id,
    question: z.string().trim().max(voteFieldLimits.question, 'too_long').default(''),
    session: id,
    online: ticked,
    rule: z.enum(['majority', 'supermajority', 'consent', 'gradient'], { message: 'required' }),
    share,
    base: z.enum(['cast', 'present']).default('cast'),
    scale: z.enum(['5', '8']).default('5'),
    level: z.string().trim().default(''),
    quorum: z.enum(['none', 'ballots', 'share']).default('none'),
    quorum_ballots: z.string().trim().default(''),
    quorum_share: share,
    abstentions: z.enum(['cast', 'not_cast']).default('not_cast'),
    secrecy: z.enum(['secret', 'named']).default('secret'),
    changes: ticked,
    duration: whole(1, 24 * 60),
  })
  .superRefine((f, ctx) => {
    const needsShare = f.rule === 'supermajority' || f.rule === 'gradient';
    if (needsShare && !f.share)
      ctx.addIssue({ code: 'custom', path: ['share'], message: 'votes_share_invalid' });
    const scale = Number(f.scale);
    if (f.rule === 'gradient' && !(/^\d$/.test(f.level) && Number(f.level) >= 1 && Number(f.level) <= scale))
      ctx.addIssue({ code: 'custom', path: ['level'], message: 'votes_level_invalid' });
    if (f.quorum === 'ballots' && !/^\d{1,4}$/.test(f.quorum_ballots))
      ctx.addIssue({ code: 'custom', path: ['quorum_ballots'], message: 'votes_whole_number' });
    if (f.quorum === 'share' && !f.quorum_share)
      ctx.addIssue({ code: 'custom', path: ['quorum_share'], message: 'votes_share_invalid' });
  })
  .transform((f): VoteDraft => {
    const fraction = f.share ?? { numerator: 1, denominator: 2 };
    const rule: VoteRule =
      f.rule === 'supermajority'
        ? { kind: 'supermajority', fraction, base: f.base }
        : f.rule === 'gradient'
          ? { kind: 'gradient', scale: f.scale === '8' ? 8 : 5, level: Number(f.level), fraction }
          : { kind: f.rule };
    const quorum: Quorum =
      f.quorum === 'ballots'
        ? { kind: 'ballots', minimum: Number(f.quorum_ballots) }
        : f.quorum === 'share' && f.quorum_share
          ? { kind: 'share', fraction: f.quorum_share }
          : { kind: 'none' };
    const options: VoteOptions = {
      rule,
      quorum,
      abstentions: f.abstentions,
      secrecy: f.secrecy,
      changesAllowed: f.changes,
    };
    return {
      subject: f.subject,
      recommendationId: f.recommendation || null,
      amendmentId: f.amendment || null,
      question: f.question,
      sessionId: f.session || null,
      online: f.online,
      options,
      durationMinutes: f.duration,
    };
  });

/** A stack of paper ballots: a label and when it was collected (a Swedish clock time). */
export const stackSchema = z.object({
  label: z.string().trim().max(voteFieldLimits.label, 'too_long').min(1, 'required').default(''),
  collected: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const reading = readStockholmTime(v.trim());
      if (reading.kind === 'one' || reading.kind === 'ambiguous') return reading.at.getTime();
      ctx.addIssue({
        code: 'custom',
        message: reading.kind === 'missing' ? 'time_skipped_by_clock' : 'required',
      });
      return z.NEVER;
    }),
});

/** The most rows one typing form shows. */
export const maxPaperRows = 400;

/** A choice as the paper typing form names it: yes, no, abstain, consent, objection or grade_N. */
export function choiceOf(value: string, reason: string): Choice | null {
  if (value === 'yes' || value === 'no' || value === 'abstain' || value === 'consent') return { kind: value };
  if (value === 'objection') return { kind: 'objection', reason };
  const grade = /^grade_([1-8])$/.exec(value);
  return grade ? { kind: 'grade', level: Number(grade[1]) } : null;
}

export function choiceValue(choice: Choice): string {
  return choice.kind === 'grade' ? `grade_${choice.level}` : choice.kind;
}

/**
 * The rows of a typing form (`sheet_N`, `member_N`, `choice_N`, `reason_N`); blank rows are skipped.
 * A row partly filled is refused next to it, by row number, so the typist sees which ballot to look at.
 */
export function paperRows(fields: Record<string, string>): {
  lines: PaperEntry[];
  errors: Record<string, string>;
} {
  const lines: PaperEntry[] = [];
  const errors: Record<string, string> = {};
  for (let row = 1; row <= maxPaperRows; row++) {
    const sheet = (fields[`sheet_${row}`] ?? '').trim().slice(0, 20);
    const member = (fields[`member_${row}`] ?? '').trim();
    const value = fields[`choice_${row}`] ?? '';
    const reason = (fields[`reason_${row}`] ?? '').trim().slice(0, voteFieldLimits.reason);
    if (!sheet && !member && !value) continue;
    const choice = choiceOf(value, reason);
    if (!sheet) errors[`line_${row}`] = 'votes_paper_sheet_missing';
    else if (!member) errors[`line_${row}`] = 'votes_paper_member';
    else if (!choice) errors[`line_${row}`] = 'votes_paper_choice';
    else lines.push({ sheet, member, choice });
  }
  return { lines, errors };
}

/** The notices the vote pages show after a redirect (`votes.notice_<name>`). */
export const voteNotices = [
  'created',
  'opened',
  'closed',
  'deleted',
  'paper_typed',
  'paper_compared',
] as const;
