/**
 * What the evaluation pages read: the questionnaires with their figures under the ≥ 5 rule, the
 * audit log in figures, Lotta's own figures for the report (from recruitment, the programme,
 * attendance, the experts, the requests and the votes), and a member's open questionnaires. Counts
 * and shares only: nothing here names anyone.
 */
import {
  type AuditSummary,
  auditSummary,
  figureShown,
  type QuestionnaireFigures,
  questionnaireFigures,
  type ReportTexts,
  reportSections,
} from '../domain/evaluation.ts';
import { type AnswersFigures, draftReport, type EvaluationFigures } from '../domain/evaluation-report.ts';
import { hoursByType } from '../domain/programme.ts';
import { type Language, translator } from '../i18n/i18n.ts';
import { questionLabel, valueLabel } from '../report/format.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import { countAuditByMonth } from '../repositories/audit.ts';
import {
  countAnswers,
  countLeftAfterConfirming,
  findQuestionnaire,
  findReport,
  hasToken,
  listAnswers,
  listQuestionnaires,
  openQuestionnairesOf,
  type Questionnaire,
  type TokenHolder,
} from '../repositories/evaluation.ts';
import { listExperts } from '../repositories/evidence.ts';
import type { Executor } from '../repositories/executor.ts';
import { listRequestLog } from '../repositories/requests.ts';
import { type AssemblySession, listSessions } from '../repositories/sessions.ts';
import { publicAnswers } from './answers.ts';
import { attendanceOverview } from './attendance.ts';
import { readReport } from './report.ts';
import { closedVoteResults } from './vote-results.ts';

export interface QuestionnaireEntry {
  questionnaire: Questionnaire;
  session: AssemblySession | null;
  answers: number;
}

export interface EvaluationOverview {
  questionnaires: QuestionnaireEntry[];
  /** Sessions a session questionnaire may be opened for (not cancelled), in time order. */
  sessions: AssemblySession[];
  audit: AuditSummary;
}

async function entries(db: Executor, assemblyId: string): Promise<QuestionnaireEntry[]> {
  const [questionnaires, sessions, counts] = await Promise.all([
    listQuestionnaires(db, assemblyId),
    listSessions(db, assemblyId),
    countAnswers(db, assemblyId),
  ]);
  return questionnaires.map((questionnaire) => ({
    questionnaire,
    session: sessions.find((s) => s.id === questionnaire.session_id) ?? null,
    answers: counts.get(questionnaire.id) ?? 0,
  }));
}

export async function evaluationOverview(db: Executor, assemblyId: string): Promise<EvaluationOverview> {
  return {
    questionnaires: await entries(db, assemblyId),
    sessions: (await listSessions(db, assemblyId)).filter((s) => s.status !== 'cancelled'),
    audit: auditSummary(await countAuditByMonth(db, assemblyId)),
  };
}

export interface QuestionnaireResults extends QuestionnaireEntry {
  figures: QuestionnaireFigures;
}

/** A questionnaire's figures, or null when the assembly has no such questionnaire. */
export async function questionnaireResults(
  db: Executor,
  assemblyId: string,
  questionnaireId: string,
): Promise<QuestionnaireResults | null> {
  const entry = (await entries(db, assemblyId)).find((e) => e.questionnaire.id === questionnaireId);
  if (!entry) return null;
  const answers = await listAnswers(db, questionnaireId);
  return {
    ...entry,
    figures: questionnaireFigures(entry.questionnaire.kind, answers, {
      open: !entry.questionnaire.closed_at,
    }),
  };
}

/**
 * The decision makers' answers in figures: adopted recommendations, how many answered, on time, and
 * overdue (unanswered past the deadline, or answered after it). Null until a deadline is set.
 */
export type AnswersSource = (db: Executor, assemblyId: string) => Promise<AnswersFigures | null>;
export const answersInFigures: AnswersSource = async (db, assemblyId) => {
  const items = Object.values(await publicAnswers(db, assemblyId, new Date()));
  const deadline = items[0]?.deadline ?? null;
  if (items.length === 0 && deadline === null) return null;
  const answered = items.filter((a) => a.answer).length;
  return {
    recommendations: items.length,
    answered,
    onTime: items.filter((a) => a.answer && !a.answeredLate).length,
    overdue: items.filter((a) => a.overdue || a.answeredLate).length,
    deadline,
  };
};

async function representativeness(db: Executor, assembly: Assembly, language: Language) {
  const t = translator(language);
  const { report } = await readReport(db, assembly, { language, origin: '' });
  const missed = report.sections.flatMap((section) =>
    section.rows
      .filter((row) => row.met === false)
      .map(
        (row) =>
          `${questionLabel(section.question, language)}: ${valueLabel(section.question, row.value, language, t)}`,
      ),
  );
  return { report, missed };
}

async function attendanceFigures(db: Executor, assemblyId: string): Promise<EvaluationFigures['attendance']> {
  const overview = await attendanceOverview(db, assemblyId, false);
  const present = overview.perSession.reduce((sum, s) => sum + s.counts.present, 0);
  const places = overview.members * overview.sessions.length;
  return {
    sessionsHeld: overview.sessions.length,
    members: overview.members,
    presentShare: places > 0 ? present / places : null,
    atRisk: overview.atRisk,
    leftAfterConfirming: await countLeftAfterConfirming(db, assemblyId),
    distribution: overview.distribution,
  };
}

async function questionnaireTotals(db: Executor, assemblyId: string) {
  const list = await entries(db, assemblyId);
  return {
    count: list.length,
    answers: list.reduce((sum, e) => sum + e.answers, 0),
    shown: list.filter((e) => figureShown(e.answers)).length,
  };
}

/** Lotta's own figures for the evaluation report. */
export async function evaluationFigures(
  db: Executor,
  assembly: Assembly,
  language: Language,
  answers: AnswersSource = answersInFigures,
): Promise<EvaluationFigures> {
  const { report, missed } = await representativeness(db, assembly, language);
  const sessions = await listSessions(db, assembly.id);
  const experts = await listExperts(db, assembly.id);
  const requests = await listRequestLog(db, assembly.id);
  const votes = await closedVoteResults(db, assembly.id);
  const hours = hoursByType(sessions.filter((s) => s.status === 'published'));
  return {
    invitations: report.invitations,
    representativeness: {
      panel: report.totals.panel,
      confirmed: report.totals.confirmed,
      targets: report.totals.targets,
      targetsMet: report.totals.targetsMet,
      missed,
    },
    hours: { ...hours, sessions: sessions.filter((s) => s.status === 'published').length },
    attendance: await attendanceFigures(db, assembly.id),
    experts: {
      count: experts.length,
      noneDeclared: experts.filter((e) => e.none_declared).length,
      topics: [...new Set(experts.map((e) => e.topic.trim()).filter(Boolean))].sort(),
    },
    requests: {
      total: requests.length,
      answered: requests.filter((r) => r.status === 'answered').length,
      declined: requests.filter((r) => r.status === 'declined').length,
      open: requests.filter((r) => r.status === 'open').length,
    },
    votes: { closed: votes.length, adopted: votes.filter((v) => v.tally.adopted).length },
    answers: await answers(db, assembly.id),
    questionnaires: await questionnaireTotals(db, assembly.id),
  };
}

export interface EvaluationReportView {
  figures: EvaluationFigures;
  /** The saved text, or the draft written from the figures while nothing is saved. */
  texts: ReportTexts;
  saved: { at: string } | null;
}

export async function evaluationReport(
  db: Executor,
  assembly: Assembly,
  language: Language,
): Promise<EvaluationReportView> {
  const figures = await evaluationFigures(db, assembly, language);
  const stored = await findReport(db, assembly.id);
  const draft = draftReport(figures, translator(language), language);
  const texts = stored
    ? (Object.fromEntries(reportSections.map((s) => [s, stored.sections[s] ?? ''])) as ReportTexts)
    : draft;
  return { figures, texts, saved: stored ? { at: stored.updatedAt } : null };
}

// --- Answering --------------------------------------------------------------------------------------

export interface OpenQuestionnaire {
  questionnaire: Questionnaire;
  session: AssemblySession | null;
}

/** The questionnaires the holder may still answer (open, her right not used). */
export async function openQuestionnaires(
  db: Executor,
  assemblyId: string,
  holder: TokenHolder,
): Promise<OpenQuestionnaire[]> {
  const sessions = await listSessions(db, assemblyId);
  return (await openQuestionnairesOf(db, holder))
    .filter((q) => q.assembly_id === assemblyId)
    .map((questionnaire) => ({
      questionnaire,
      session: sessions.find((s) => s.id === questionnaire.session_id) ?? null,
    }));
}

/** The questionnaire to answer, or null when it is closed, not hers, or already answered. */
export async function questionnaireToAnswer(
  db: Executor,
  assemblyId: string,
  questionnaireId: string,
  holder: TokenHolder,
): Promise<OpenQuestionnaire | null> {
  const questionnaire = await findQuestionnaire(db, assemblyId, questionnaireId);
  if (!questionnaire || questionnaire.closed_at) return null;
  if (!(await hasToken(db, questionnaireId, holder))) return null;
  const session = questionnaire.session_id
    ? ((await listSessions(db, assemblyId)).find((s) => s.id === questionnaire.session_id) ?? null)
    : null;
  return { questionnaire, session };
}
