/**
 * The final report's content, built without I/O from what the read model gathered
 * (src/queries/final-report.ts): one `FinalReport` per language. The recommendations as adopted
 * appear verbatim (their stored paragraphs, with their version number), grouped by working group;
 * those not adopted follow with their votes. Each vote is stated from its frozen tally and settings:
 * the rule in words, the counts, the quorum, the outcome and when it closed.
 */

import { labelIn } from '../domain/questions.ts';
import { paragraphsOf, type RecommendationStatus } from '../domain/recommendations.ts';
import type { RequestLogEntry } from '../domain/requests.ts';
import { formatPercentIn } from '../i18n/format.ts';
import { type Language, type Translate, translator } from '../i18n/i18n.ts';
import type { Fraction, Quorum, VoteSettings } from '../voting/model.ts';
import type { Tally } from '../voting/tally.ts';
import type {
  FinalReport,
  MinorityStatement,
  ReportGroup,
  ReportRecommendation,
  VoteFact,
} from './final-report-schema.ts';
import { questionLabel, type ReportFacts, targetText, valueLabel } from './format.ts';
import type { RepresentativenessReport } from './representativeness.ts';

/** The representativeness report and the facts about the process, as read in one language. */
export interface ReportData {
  report: RepresentativenessReport;
  facts: ReportFacts;
}

/**
 * A closed vote as vote storage hands it out (`closedVoteResults` in src/queries/vote-results.ts):
 * the question, its settings, its frozen tally and the hash of its ballots.
 */
export interface VoteResult {
  id: string;
  recommendationId: string | null;
  amendmentId: string | null;
  question: string;
  settings: VoteSettings;
  tally: Tally;
  closedAt: string;
  ballotsHash: string;
  /** False when the stored ballots no longer hash to what was frozen at closing. */
  intact?: boolean;
  /** How many could vote in it, frozen at closing. */
  eligible?: number;
}

/** A working group as the report names it. */
export interface SourceGroup {
  id: string;
  name: { sv: string; en: string };
}

export interface SourceRecommendation {
  id: string;
  groupId: string;
  title: string;
  body: string;
  rationale: string;
  status: RecommendationStatus;
  version: number;
}

export interface SourceSession {
  title: { sv: string; en: string };
  type: string;
  startsAt: string;
  endsAt: string;
  hours: number;
  present: number | null;
}

/** Everything the report is built from, as the read model gathered it. */
export interface FinalReportSources {
  assembly: {
    title: Record<string, string>;
    remit: Record<string, string>;
    commissioner: string;
    startsOn: string | null;
    endsOn: string | null;
    panelSize: number;
  };
  /** The representativeness report and the draws' facts, read in each language. */
  representativeness: Record<Language, ReportData>;
  sessions: SourceSession[];
  experts: { name: string; organisation: string; topic: string; interests: string; noneDeclared: boolean }[];
  evidence: {
    title: string;
    source: string;
    publishedOn: string | null;
    perspective: string;
    link: string | null;
  }[];
  requests: RequestLogEntry[];
  groups: SourceGroup[];
  recommendations: SourceRecommendation[];
  /** The closed votes; those on no recommendation of this report are left out. */
  votes: VoteResult[];
  /** Members' minority statements, by recommendation id. */
  minorityStatements: Record<string, MinorityStatement[]>;
  /** Members eligible to vote (the confirmed panel), for the turnout. */
  eligible: number;
  generatedAt: string;
}

/** "80 %" when the share is a whole percentage, else the fraction as written ("2/3"). */
export function fractionText(fraction: Fraction, language: string): string {
  const { numerator, denominator } = fraction;
  if ((numerator * 100) % denominator === 0) return formatPercentIn(language, numerator / denominator, 0, 0);
  return `${numerator}/${denominator}`;
}

function ruleText(settings: VoteSettings, language: string, t: Translate): string {
  const rule = settings.rule;
  switch (rule.kind) {
    case 'majority':
      return t('final_report.rule.majority');
    case 'supermajority':
      return t(`final_report.rule.supermajority_${rule.base}`, {
        share: fractionText(rule.fraction, language),
      });
    case 'consent':
      return t('final_report.rule.consent');
    case 'gradient':
      return t('final_report.rule.gradient', {
        share: fractionText(rule.fraction, language),
        level: rule.level,
        scale: rule.scale,
      });
  }
}

function quorumText(quorum: Quorum, language: string, t: Translate): string {
  if (quorum.kind === 'none') return t('final_report.rule.quorum_none');
  if (quorum.kind === 'ballots') return t('final_report.rule.quorum_ballots', { count: quorum.minimum });
  return t('final_report.rule.quorum_share', { share: fractionText(quorum.fraction, language) });
}

/** The outcome in words, from the voting core's own reasons (`voting.reason.*`). */
function outcomeText(tally: Tally, t: Translate): string {
  return t(`voting.reason.${tally.reason}`, {
    count: tally.objections.length,
    support: tally.support,
    base: tally.base,
    needed: tally.reason === 'quorum_missed' ? tally.quorum.needed : tally.needed,
    ballots: tally.ballots,
  });
}

/**
 * One closed vote as the report states it, in `language`. The turnout is over those who could vote in
 * it (frozen at closing); `panel` stands in for votes that do not say (none closed since do).
 */
export function voteFact(result: VoteResult, panel: number, language: Language): VoteFact {
  const eligible = result.eligible && result.eligible > 0 ? result.eligible : panel;
  const t = translator(language);
  const { tally, settings } = result;
  return {
    question: result.question,
    amendment: result.amendmentId !== null,
    rule: ruleText(settings, language, t),
    quorumRule: quorumText(settings.quorum, language, t),
    abstentionRule: t(`final_report.rule.abstentions_${settings.abstentions}`),
    kind: settings.rule.kind,
    ballots: tally.ballots,
    yes: tally.yes,
    no: tally.no,
    abstain: tally.abstain,
    consent: tally.consent,
    objections: tally.objections.map((o) => o.reason),
    distribution: tally.distribution,
    turnout: eligible > 0 ? tally.ballots / eligible : null,
    quorumMet: tally.quorum.met,
    quorumNeeded: tally.quorum.needed,
    support: tally.support,
    base: tally.base,
    needed: tally.needed,
    adopted: tally.adopted,
    outcome: outcomeText(tally, t),
    closedAt: result.closedAt,
    ballotsHash: result.ballotsHash,
    intact: result.intact ?? true,
  };
}

function reportRecommendation(
  sources: FinalReportSources,
  recommendation: SourceRecommendation,
  language: Language,
): ReportRecommendation {
  const votes = sources.votes
    .filter((v) => v.recommendationId === recommendation.id)
    .sort((a, b) => a.closedAt.localeCompare(b.closedAt))
    .map((v) => voteFact(v, sources.eligible, language));
  return {
    id: recommendation.id,
    title: recommendation.title,
    paragraphs: paragraphsOf(recommendation.body),
    rationale: paragraphsOf(recommendation.rationale),
    version: recommendation.version,
    status: recommendation.status,
    votes,
    minorityStatements: sources.minorityStatements[recommendation.id] ?? [],
  };
}

/** The recommendations whose status is one of `statuses`, by working group (groups without any left out). */
function grouped(
  sources: FinalReportSources,
  statuses: readonly RecommendationStatus[],
  language: Language,
): ReportGroup[] {
  return sources.groups
    .map((group) => ({
      name: group.name[language] || group.name.sv,
      recommendations: sources.recommendations
        .filter((r) => r.groupId === group.id && statuses.includes(r.status))
        .map((r) => reportRecommendation(sources, r, language)),
    }))
    .filter((group) => group.recommendations.length > 0);
}

function representativeness(
  data: ReportData,
  language: Language,
  t: Translate,
): FinalReport['representativeness'] {
  const { report } = data;
  return {
    invitationsSent: report.invitations.sent,
    registrations: report.invitations.registered,
    pool: report.totals.pool,
    panel: report.totals.panel,
    targets: report.totals.targets,
    targetsMet: report.totals.targetsMet,
    questions: report.sections.map((section) => ({
      label: questionLabel(section.question, language),
      rows: section.rows.map((row) => ({
        value: valueLabel(section.question, row.value, language, t),
        populationShare: row.populationShare,
        target: targetText(row.target, language, t),
        panel: row.panel,
        panelShare: row.panelShare,
        met: row.met,
      })),
    })),
  };
}

/** The final report in `language`, from the gathered sources. */
export function buildFinalReport(sources: FinalReportSources, language: Language): FinalReport {
  const t = translator(language);
  const { assembly } = sources;
  const data = sources.representativeness[language];
  return {
    language,
    title: labelIn(assembly.title, language),
    remit: labelIn(assembly.remit, language),
    commissioner: assembly.commissioner,
    startsOn: assembly.startsOn,
    endsOn: assembly.endsOn,
    generatedAt: sources.generatedAt,
    selection: {
      panelSize: assembly.panelSize,
      method: t('final_report.method_text', { panel: assembly.panelSize }),
      engineVersion: data.facts.engineVersion,
      draws: data.facts.draws,
    },
    representativeness: representativeness(data, language, t),
    sessions: sources.sessions.map((s) => ({ ...s, title: s.title[language] || s.title.sv })),
    totalHours: sources.sessions.reduce((sum, s) => sum + s.hours, 0),
    experts: sources.experts,
    evidence: sources.evidence,
    requests: sources.requests.map((r) => ({
      kind: r.kind,
      question: r.question,
      status: r.status,
      answer: r.answer,
      askedAt: r.askedAt,
    })),
    adopted: grouped(sources, ['adopted'], language),
    notAdopted: grouped(sources, ['not_adopted', 'withdrawn'], language),
  };
}
