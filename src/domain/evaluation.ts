/**
 * Evaluation (issue 13), after the OECD's "Evaluation Guidelines for Representative Deliberative
 * Processes" (2021): the built-in questionnaires (statements answered on a five-point scale, or
 * "don't know", plus free text), the rule that no figure is shown from fewer than five answers, the
 * audit log in figures, and the evaluation report's sections. Pure: no storage, no clock.
 */

/**
 * The built-in questionnaires: members after a session, members at the end, and the organising team.
 * The texts are in the catalogues (`evaluation.statement_<key>`); the keys are stored with answers,
 * so a key is never renamed.
 */
export const questionnaireKinds = ['session', 'final', 'organiser'] as const;
export type QuestionnaireKind = (typeof questionnaireKinds)[number];

export function isQuestionnaireKind(value: string): value is QuestionnaireKind {
  return (questionnaireKinds as readonly string[]).includes(value);
}

/**
 * Each questionnaire's statements, grouped by the guidelines' criteria: information and learning,
 * deliberation (being heard, respect, neutral facilitation, time), and influence (recommendations
 * that reflect the discussion, a response by the commissioner).
 */
export const questionnaireStatements: Record<QuestionnaireKind, readonly string[]> = {
  session: [
    'information_needed',
    'information_balanced',
    'could_say',
    'was_listened_to',
    'facilitation_neutral',
    'treated_with_respect',
    'enough_time',
    'understood_task',
  ],
  final: [
    'recommendations_reflect',
    'own_views_counted',
    'process_fair',
    'free_from_pressure',
    'learned',
    'trust_response',
    'take_part_again',
    'recommend_others',
  ],
  organiser: [
    'remit_clear',
    'commissioner_committed',
    'independent',
    'resources_enough',
    'recruitment_fair',
    'evidence_balanced',
    'members_supported',
    'follow_up_planned',
  ],
};

/** Who answers a questionnaire: the confirmed panel through their personal links, or the team. */
export function audienceOf(kind: QuestionnaireKind): 'members' | 'team' {
  return kind === 'organiser' ? 'team' : 'members';
}

/** The scale: 1 fully disagree … 5 fully agree; "don't know" is stored as no level (null). */
export const levels = [1, 2, 3, 4, 5] as const;
export const dontKnow = 'dont_know';

export const evaluationLimits = { comment: 2000, section: 20000 } as const;

/** One member's answer as stored: a level per statement she answered (null: don't know), her text. */
export interface QuestionnaireAnswer {
  levels: Record<string, number | null>;
  comment: string | null;
}

/**
 * The least number of answers a figure is made from. Fewer, and one member's answer could be
 * picked out of it (by whoever knows how the others answered, or who was there that day).
 */
export const minimumAnswers = 5;

/**
 * The ≥ 5 rule: a figure is shown only when at least five answered the questionnaire and, for a
 * statement, at least five of them gave it a level on the scale ("don't know" and a blank are not
 * counted towards it).
 */
export function figureShown(respondents: number, rated = respondents): boolean {
  return respondents >= minimumAnswers && rated >= minimumAnswers;
}

export type StatementFigure =
  | { statement: string; shown: false }
  | {
      statement: string;
      shown: true;
      /** How many chose each level: index 0 is 1 (fully disagree). */
      counts: number[];
      dontKnow: number;
      /** Answers on the scale (not "don't know", not blank). */
      rated: number;
      mean: number;
    };

export interface QuestionnaireFigures {
  respondents: number;
  /** Whether anything is shown at all: closed, and at least five answered. */
  shown: boolean;
  /** Hidden because the questionnaire is still open (whatever the number of answers). */
  open: boolean;
  statements: StatementFigure[];
  /** The free texts, in an order that says nothing (sorted); null while hidden. */
  comments: string[] | null;
}

function statementFigure(statement: string, respondents: number, answers: readonly QuestionnaireAnswer[]) {
  const counts = levels.map(() => 0);
  let dontKnowCount = 0;
  for (const answer of answers) {
    if (!(statement in answer.levels)) continue;
    const level = answer.levels[statement];
    if (level === null) dontKnowCount += 1;
    else if (level >= 1 && level <= 5) counts[level - 1] += 1;
  }
  const rated = counts.reduce((a, b) => a + b, 0);
  if (!figureShown(respondents, rated)) return { statement, shown: false } as const;
  const mean = counts.reduce((sum, n, i) => sum + n * (i + 1), 0) / rated;
  return { statement, shown: true, counts, dontKnow: dontKnowCount, rated, mean } as const;
}

/**
 * A questionnaire's figures under the ≥ 5 rule: a hidden figure carries no counts at all, so no page
 * or file can show them by mistake.
 */
export function questionnaireFigures(
  kind: QuestionnaireKind,
  answers: readonly QuestionnaireAnswer[],
  options: { open?: boolean } = {},
): QuestionnaireFigures {
  const respondents = answers.length;
  // While a questionnaire is open, figures that change after one member answers would tell her
  // answer to anyone who saw them before and after: nothing is shown until it is closed.
  const open = options.open ?? false;
  if (open)
    return {
      respondents,
      shown: false,
      open,
      statements: questionnaireStatements[kind].map((statement) => ({ statement, shown: false }) as const),
      comments: null,
    };
  const shown = figureShown(respondents);
  const comments = answers
    .map((a) => a.comment?.trim() ?? '')
    .filter((text) => text !== '')
    .sort((a, b) => a.localeCompare(b));
  return {
    respondents,
    shown,
    open,
    statements: questionnaireStatements[kind].map((s) => statementFigure(s, respondents, answers)),
    comments: shown ? comments : null,
  };
}

/**
 * What a member's form gave: a level (or don't know) per statement she answered; blanks are left
 * out. Anything not on the scale is refused (the form offers nothing else).
 */
export function answerLevels(
  kind: QuestionnaireKind,
  fields: Record<string, string>,
): { levels: Record<string, number | null>; wrong: string[] } {
  const chosen: Record<string, number | null> = {};
  const wrong: string[] = [];
  for (const statement of questionnaireStatements[kind]) {
    const value = (fields[statement] ?? '').trim();
    if (value === '') continue;
    if (value === dontKnow) chosen[statement] = null;
    else if (/^[1-5]$/.test(value)) chosen[statement] = Number(value);
    else wrong.push(statement);
  }
  return { levels: chosen, wrong };
}

// --- The audit log in figures -----------------------------------------------------------------------

export interface AuditCount {
  action: string;
  /** YYYY-MM. */
  month: string;
  count: number;
}

export interface AuditSummary {
  months: string[];
  /** One row per kind of action (the part before the dot: `requests`, `votes`…), with a count per month. */
  rows: { kind: string; counts: number[]; total: number }[];
}

/** Actions counted by kind and month: no actor, no subject, nothing that names anyone. */
export function auditSummary(counts: readonly AuditCount[]): AuditSummary {
  const months = [...new Set(counts.map((c) => c.month))].sort();
  const byKind = new Map<string, number[]>();
  for (const c of counts) {
    const kind = c.action.split('.')[0] || c.action;
    const row = byKind.get(kind) ?? months.map(() => 0);
    row[months.indexOf(c.month)] += c.count;
    byKind.set(kind, row);
  }
  const rows = [...byKind]
    .map(([kind, row]) => ({ kind, counts: row, total: row.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
  return { months, rows };
}

// --- The evaluation report --------------------------------------------------------------------------

/** The report's sections, in order, after the guidelines' headings. */
export const reportSections = [
  'independence',
  'representativeness',
  'information',
  'deliberation',
  'recommendations',
  'follow_up',
  'member_views',
  'conclusions',
] as const;
export type ReportSection = (typeof reportSections)[number];
export type ReportTexts = Record<ReportSection, string>;
