/**
 * Lotta's own figures for the evaluation report, and the report's first draft written from them:
 * the evaluator starts from what Lotta knows (response rate, representativeness, hours, attendance,
 * experts, requests, votes, answers, questionnaires) and edits the text. Figures only: nothing here
 * names a person. Pure: the figures are gathered by `src/queries/evaluation.ts`.
 */
import { formatNumberIn, formatPercentIn } from '../i18n/format.ts';
import type { Language, Translate } from '../i18n/i18n.ts';
import type { HoursBand } from './attendance.ts';
import { type ReportTexts, reportSections } from './evaluation.ts';
import type { SessionType } from './programme.ts';
import { sessionTypes } from './programme.ts';

/**
 * How the commissioner answered the recommendations (issue 13's "answers", built in another branch).
 * Null in the figures while the organisers have set no handover date and deadline.
 */
export interface AnswersFigures {
  recommendations: number;
  answered: number;
  /** Answered by the deadline. */
  onTime: number;
  /** Not answered and past the deadline, or answered after it. */
  overdue: number;
  deadline: string | null;
}

export interface EvaluationFigures {
  invitations: { sent: number; registered: number; responseRate: number | null };
  representativeness: {
    panel: number;
    confirmed: number;
    targets: number;
    targetsMet: number;
    /** The values whose target the panel misses, as "question: value". */
    missed: string[];
  };
  hours: { byType: Record<SessionType, number>; total: number; sessions: number };
  attendance: {
    sessionsHeld: number;
    members: number;
    /** Of all the places at the sessions held, the share taken: present marks / (members × sessions). */
    presentShare: number | null;
    atRisk: number;
    /** Members who withdrew or were replaced after confirming. */
    leftAfterConfirming: number;
    distribution: Record<HoursBand, number>;
  };
  experts: { count: number; noneDeclared: number; topics: string[] };
  requests: { total: number; answered: number; declined: number; open: number };
  votes: { closed: number; adopted: number };
  /** The decision makers' answers and their timeliness; null while no deadline is set. */
  answers: AnswersFigures | null;
  questionnaires: { count: number; answers: number; shown: number };
}

function fmt(language: Language) {
  return {
    n: (value: number, digits = 0) => formatNumberIn(language, value, digits),
    pct: (share: number | null) => (share === null ? '–' : formatPercentIn(language, share)),
  };
}

function representativenessText(f: EvaluationFigures, t: Translate, language: Language): string {
  const { n, pct } = fmt(language);
  const r = f.representativeness;
  const lines = [
    t('evaluation.draft_invitations', {
      sent: n(f.invitations.sent),
      registered: n(f.invitations.registered),
      rate: pct(f.invitations.responseRate),
    }),
    t('evaluation.draft_panel', {
      panel: n(r.panel),
      confirmed: n(r.confirmed),
      met: n(r.targetsMet),
      targets: n(r.targets),
    }),
  ];
  if (r.missed.length > 0) lines.push(t('evaluation.draft_missed', { values: r.missed.join('; ') }));
  return lines.join('\n\n');
}

function informationText(f: EvaluationFigures, t: Translate, language: Language): string {
  const { n } = fmt(language);
  const lines = [
    t('evaluation.draft_learning_hours', { hours: n(f.hours.byType.learning, 1) }),
    t('evaluation.draft_experts', {
      number: n(f.experts.count),
      none: n(f.experts.noneDeclared),
    }),
  ];
  if (f.experts.topics.length > 0)
    lines.push(t('evaluation.draft_topics', { topics: f.experts.topics.join('; ') }));
  lines.push(
    t('evaluation.draft_requests', {
      total: n(f.requests.total),
      answered: n(f.requests.answered),
      declined: n(f.requests.declined),
      open: n(f.requests.open),
    }),
  );
  return lines.join('\n\n');
}

function deliberationText(f: EvaluationFigures, t: Translate, language: Language): string {
  const { n, pct } = fmt(language);
  const a = f.attendance;
  return [
    t('evaluation.draft_hours', {
      total: n(f.hours.total, 1),
      sessions: n(f.hours.sessions),
      types: sessionTypes
        .map((type) => `${t(`evaluation.type_${type}`)} ${n(f.hours.byType[type], 1)}`)
        .join(', '),
    }),
    t('evaluation.draft_attendance', {
      held: n(a.sessionsHeld),
      members: n(a.members),
      share: pct(a.presentShare),
    }),
    t('evaluation.draft_drop_outs', { left: n(a.leftAfterConfirming), risk: n(a.atRisk) }),
  ].join('\n\n');
}

function followUpText(f: EvaluationFigures, t: Translate, language: Language): string {
  const { n } = fmt(language);
  if (!f.answers) return t('evaluation.draft_answers_unavailable');
  return t('evaluation.draft_answers', {
    recommendations: n(f.answers.recommendations),
    answered: n(f.answers.answered),
    onTime: n(f.answers.onTime),
    overdue: n(f.answers.overdue),
  });
}

/** The report's first draft: each section opens with the figures Lotta has for it. */
export function draftReport(f: EvaluationFigures, t: Translate, language: Language): ReportTexts {
  const { n } = fmt(language);
  const texts: Record<string, string> = {
    independence: t('evaluation.draft_independence'),
    representativeness: representativenessText(f, t, language),
    information: informationText(f, t, language),
    deliberation: deliberationText(f, t, language),
    recommendations: t('evaluation.draft_votes', { closed: n(f.votes.closed), adopted: n(f.votes.adopted) }),
    follow_up: followUpText(f, t, language),
    member_views: t('evaluation.draft_questionnaires', {
      opened: n(f.questionnaires.count),
      answers: n(f.questionnaires.answers),
      shown: n(f.questionnaires.shown),
    }),
    conclusions: '',
  };
  return Object.fromEntries(reportSections.map((s) => [s, texts[s] ?? ''])) as ReportTexts;
}

/** Lotta's figures as label and value, for the report page's table and the PDF's appendix. */
export function figureLines(
  f: EvaluationFigures,
  t: Translate,
  language: Language,
): { label: string; value: string }[] {
  const { n, pct } = fmt(language);
  return [
    {
      label: t('evaluation.figure_invitations'),
      value: `${n(f.invitations.sent)} / ${n(f.invitations.registered)}`,
    },
    { label: t('evaluation.figure_response_rate'), value: pct(f.invitations.responseRate) },
    {
      label: t('evaluation.figure_targets'),
      value: `${n(f.representativeness.targetsMet)} / ${n(f.representativeness.targets)}`,
    },
    { label: t('evaluation.figure_hours'), value: n(f.hours.total, 1) },
    ...sessionTypes.map((type) => ({
      label: t('evaluation.figure_hours_of', { type: t(`evaluation.type_${type}`) }),
      value: n(f.hours.byType[type], 1),
    })),
    { label: t('evaluation.figure_attendance'), value: pct(f.attendance.presentShare) },
    { label: t('evaluation.figure_drop_outs'), value: n(f.attendance.leftAfterConfirming) },
    { label: t('evaluation.figure_at_risk'), value: n(f.attendance.atRisk) },
    { label: t('evaluation.figure_experts'), value: n(f.experts.count) },
    { label: t('evaluation.figure_requests'), value: n(f.requests.total) },
    { label: t('evaluation.figure_votes'), value: `${n(f.votes.adopted)} / ${n(f.votes.closed)}` },
    {
      label: t('evaluation.figure_answers'),
      value: f.answers
        ? `${n(f.answers.answered)} / ${n(f.answers.recommendations)}`
        : t('evaluation.not_yet_available'),
    },
    {
      label: t('evaluation.figure_questionnaires'),
      value: `${n(f.questionnaires.shown)} / ${n(f.questionnaires.count)}`,
    },
  ];
}
