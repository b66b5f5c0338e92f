/**
 * The representativeness report as a read model: the counts from several repositories put together
 * into the report (src/report/representativeness.ts does the arithmetic) and the facts about the
 * process (its draws, its replacement rounds), in the language asked for. The page, the CSV and the
 * PDF job all read it from here. Counts, shares and P-references only: nothing here names anyone.
 */
// The saved targets are decoded (and completed for questions added since) beside the commands that save them.
import { loadTargetSettings } from '../commands/targets.ts';
import { labelIn, type Question } from '../domain/questions.ts';
import { type Language, translator } from '../i18n/i18n.ts';
import {
  type DrawFact,
  questionLabel,
  type ReplacementRoundFact,
  type ReportFacts,
  valueLabel,
} from '../report/format.ts';
import { buildReport, type RepresentativenessReport } from '../report/representativeness.ts';
import { type Assembly, listQuestions } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { countInvitations } from '../repositories/invitations.ts';
import { countByStatus } from '../repositories/people.ts';
import { listPublicDraws } from '../repositories/public-draws.ts';
import { listReplacements } from '../repositories/replacements.ts';
import { countAnswersByStatus } from '../repositories/report.ts';
import { listRuns } from '../repositories/selection-runs.ts';

export interface ReportData {
  report: RepresentativenessReport;
  facts: ReportFacts;
}

export interface ReportOptions {
  /** The language of the facts' sentences (randomness, replacement changes) and labels. */
  language: Language;
  /** The site's origin (`https://lotta.example`), for the public pages that check each draw. */
  origin: string;
}

export async function readReport(
  db: Executor,
  assembly: Assembly,
  options: ReportOptions,
): Promise<ReportData> {
  const { language } = options;
  const questions = await listQuestions(db, assembly.id);
  const { settings, saved } = await loadTargetSettings(db, assembly.id, questions);
  const report = buildReport({
    questions,
    panelSize: assembly.panel_size,
    statusCounts: await countByStatus(db, assembly.id),
    answerCounts: await countAnswersByStatus(db, assembly.id),
    targets: saved ? settings : null,
    invitations: await countInvitations(db, assembly.id).then((n) => ({ sent: n.total, registered: n.used })),
  });
  // The panel on the report is the one the latest finished run drew (or replaced into).
  const run = (await listRuns(db, assembly.id)).find((r) => r.status === 'done');
  const facts: ReportFacts = {
    title: labelIn(assembly.title, language),
    remit: labelIn(assembly.remit, language),
    commissioner: assembly.commissioner,
    startsOn: assembly.starts_on,
    endsOn: assembly.ends_on,
    panelSize: assembly.panel_size,
    engineVersion: run?.engine_version ?? null,
    runFinishedAt: run?.finished_at ?? null,
    generatedAt: new Date().toISOString(),
    draws: await drawFacts(db, assembly, options),
    replacements: await replacementFacts(db, assembly.id, questions, language),
  };
  return { report, facts };
}

/** The drawn panel draws, oldest first, each with the public page that checks it. */
async function drawFacts(db: Executor, assembly: Assembly, options: ReportOptions): Promise<DrawFact[]> {
  const t = translator(options.language);
  const draws = (await listPublicDraws(db, assembly.id))
    .filter((d) => d.kind === 'panel' && d.seed !== null && d.drawn_at !== null)
    .sort((a, b) => a.drawn_at!.localeCompare(b.drawn_at!));
  return draws.map((d) => {
    const plan = d.plan;
    return {
      replacement: d.run_kind === 'replacement',
      drawnAt: d.drawn_at!,
      randomness:
        plan.source === 'drand'
          ? t('report.randomness_drand', { round: plan.round })
          : t('report.randomness_dice', { rolls: plan.rolls, sides: plan.sides }),
      seed: d.seed!,
      commitment: d.commitment,
      verifyUrl: `${options.origin}/public/${encodeURIComponent(assembly.slug)}/draw/${d.id}/verify`,
    };
  });
}

/** Each replacement round: who took whose seat and the answers whose count on the panel changed. */
async function replacementFacts(
  db: Executor,
  assemblyId: string,
  questions: Question[],
  language: Language,
): Promise<ReplacementRoundFact[]> {
  const t = translator(language);
  const rows = await listReplacements(db, assemblyId);
  const byRun = new Map<string, typeof rows>();
  for (const row of rows) byRun.set(row.run_id, [...(byRun.get(row.run_id) ?? []), row]);
  return [...byRun.values()]
    .sort((a, b) => a[0].at.localeCompare(b[0].at))
    .map((round) => {
      const effect = round[0].effect;
      const changes: string[] = [];
      for (const question of questions) {
        for (const [value, { before, after }] of Object.entries(effect[question.key] ?? {})) {
          if (before === after) continue;
          changes.push(
            t('report.effect_change', {
              question: questionLabel(question, language),
              value: valueLabel(question, value, language, t),
              before,
              after,
            }),
          );
        }
      }
      return {
        at: round[0].at,
        pairs: round.map((r) => ({ replaced: r.replaced_reference, replacement: r.replacement_reference })),
        changes,
      };
    });
}
