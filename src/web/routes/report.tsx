/**
 * The representativeness report of the final panel: a page with charts and tables, and the same
 * numbers as CSV and as a PDF for publication, each in the language asked for with ?language=. That
 * is the file's language only: unlike ?lang=, it leaves the person's choice of interface language as
 * it was. Only counts and shares appear: no names, contacts or references.
 */
import { reportPdfState, requestReportPdf } from '../../commands/report-pdfs.ts';
import { assemblyQuestions, loadTargetSettings } from '../../commands/targets.ts';
import { labelIn, type Question } from '../../domain/questions.ts';
import { isLanguage, type Language, languages, translator } from '../../i18n/i18n.ts';
import { log } from '../../log.ts';
import { reportCsv } from '../../report/csv.ts';
import {
  type DrawFact,
  datesText,
  dateText,
  dateTimeText,
  engineText,
  metText,
  numberText,
  panelText,
  percentText,
  questionLabel,
  type ReplacementRoundFact,
  type ReportFacts,
  targetText,
  valueLabel,
} from '../../report/format.ts';
import { buildReport, type RepresentativenessReport } from '../../report/representativeness.ts';
import { countInvitations } from '../../repositories/invitations.ts';
import { countByStatus } from '../../repositories/people.ts';
import { listPublicDraws } from '../../repositories/public-draws.ts';
import { listReplacements } from '../../repositories/replacements.ts';
import { countAnswersByStatus } from '../../repositories/report.ts';
import { listRuns } from '../../repositories/selection-runs.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { jobFileResponse, jobProgressPage, waitForJob } from '../job-download.tsx';
import { needs, type Route } from '../routing.ts';
import { renderAssemblyPage } from '../views/assembly-frame.tsx';
import { GroupedBarChart } from '../views/charts.tsx';
import { errorPage } from '../views/errors.tsx';

async function gather(
  c: Ctx,
  language: Language = c.var.lang,
): Promise<{ report: RepresentativenessReport; facts: ReportFacts }> {
  const db = c.var.config.database.db;
  const assembly = c.var.assembly;
  const questions = await assemblyQuestions(db, assembly.id);
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
    draws: await drawFacts(c, language),
    replacements: await replacementFacts(c, questions, language),
  };
  return { report, facts };
}

/** The drawn panel draws, oldest first, each with the public page that checks it. */
async function drawFacts(c: Ctx, language: Language): Promise<DrawFact[]> {
  const t = translator(language);
  const assembly = c.var.assembly;
  const origin = new URL(c.req.url).origin;
  const draws = (await listPublicDraws(c.var.config.database.db, assembly.id))
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
      verifyUrl: `${origin}/public/${encodeURIComponent(assembly.slug)}/draw/${d.id}/verify`,
    };
  });
}

/** Each replacement round: who took whose seat and the answers whose count on the panel changed. */
async function replacementFacts(
  c: Ctx,
  questions: Question[],
  language: Language,
): Promise<ReplacementRoundFact[]> {
  const t = translator(language);
  const rows = await listReplacements(c.var.config.database.db, c.var.assembly.id);
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

function fileName(c: Ctx, language: Language, extension: string): string {
  const slug = c.var.assembly.slug.replace(/[^A-Za-z0-9-]/g, '-');
  return `representativeness-${slug}-${language}.${extension}`;
}

/** The language of a download: ?language=, else the page's. */
function downloadLanguage(c: Ctx): Language {
  const asked = c.req.query('language');
  return isLanguage(asked) ? asked : c.var.lang;
}

async function reportPage(c: Ctx) {
  const t = c.var.t;
  const lang = c.var.lang;
  const { report, facts } = await gather(c);
  const base = `/a/${c.var.assembly.id}/report`;
  const { totals, invitations } = report;
  const series = [t('report.series_population'), t('report.series_pool'), t('report.series_panel')];
  const downloads = (extension: 'pdf' | 'csv') =>
    languages.map((l: Language) => (
      <a class="button secondary" href={`${base}.${extension}?language=${l}`} hreflang={l} download>
        {t(`report.download_${extension}`, { language: t(`report.language_${l}`) })}
      </a>
    ));
  return renderAssemblyPage(
    c,
    'report',
    t('report.title'),
    <>
      <p>{t('report.lead')}</p>
      <section aria-labelledby="report-downloads">
        <h2 id="report-downloads">{t('report.downloads')}</h2>
        <p class="actions">
          {downloads('pdf')}
          {downloads('csv')}
        </p>
      </section>
      <section aria-labelledby="report-process">
        <h2 id="report-process">{t('report.process')}</h2>
        <dl class="facts">
          <dt>{t('report.remit')}</dt>
          <dd>{facts.remit}</dd>
          <dt>{t('report.commissioner')}</dt>
          <dd>{facts.commissioner || t('report.not_set')}</dd>
          <dt>{t('report.dates')}</dt>
          <dd>{datesText(facts, lang, t)}</dd>
          <dt>{t('report.panel_size')}</dt>
          <dd>{numberText(facts.panelSize, lang)}</dd>
          <dt>{t('report.engine')}</dt>
          <dd>{engineText(facts, lang, t)}</dd>
          <dt>{t('report.generated')}</dt>
          <dd>{dateText(facts.generatedAt, lang)}</dd>
        </dl>
      </section>
      <section aria-labelledby="report-totals">
        <h2 id="report-totals">{t('report.totals')}</h2>
        <dl class="facts" id="report-numbers">
          <dt>{t('report.invitations_sent')}</dt>
          <dd>{numberText(invitations.sent, lang)}</dd>
          <dt>{t('report.registrations')}</dt>
          <dd>{numberText(invitations.registered, lang)}</dd>
          <dt>{t('report.response_rate')}</dt>
          <dd>{percentText(invitations.responseRate, lang)}</dd>
          <dt>{t('report.pool')}</dt>
          <dd>{numberText(totals.pool, lang)}</dd>
          <dt>{t('report.panel')}</dt>
          <dd>{panelText(totals.panel, facts.panelSize, lang, t)}</dd>
          <dt>{t('report.targets_met')}</dt>
          <dd>
            {totals.targets > 0
              ? t('report.targets_met_value', { met: totals.targetsMet, total: totals.targets })
              : t('report.no_targets')}
          </dd>
        </dl>
        <p>{t('report.counted', { confirmed: totals.confirmed, selected: totals.selected })}</p>
      </section>
      <section aria-labelledby="report-draw">
        <h2 id="report-draw">{t('report.draw_title')}</h2>
        {facts.draws.length === 0 ? (
          <p>{t('report.draw_none')}</p>
        ) : (
          facts.draws.map((draw) => (
            <>
              <h3>{t(draw.replacement ? 'report.draw_replacement' : 'report.draw_panel')}</h3>
              <dl class="facts">
                <dt>{t('report.drawn_at')}</dt>
                <dd>{dateTimeText(draw.drawnAt, lang)}</dd>
                <dt>{t('report.randomness')}</dt>
                <dd>{draw.randomness}</dd>
                <dt>{t('report.seed')}</dt>
                <dd>
                  <code>{draw.seed}</code>
                </dd>
                <dt>{t('report.verify')}</dt>
                <dd>
                  <a href={draw.verifyUrl}>{draw.verifyUrl}</a>
                </dd>
              </dl>
            </>
          ))
        )}
      </section>
      <section aria-labelledby="report-replacements">
        <h2 id="report-replacements">{t('report.replacements_title')}</h2>
        {facts.replacements.length === 0 ? (
          <p>{t('report.replacements_none')}</p>
        ) : (
          <>
            <p>{t('report.references_note')}</p>
            {facts.replacements.map((round) => (
              <>
                <h3>{t('report.replacement_round', { when: dateTimeText(round.at, lang) })}</h3>
                <ul>
                  {round.pairs.map((pair) => (
                    <li>{t('report.replacement_pair', pair)}</li>
                  ))}
                </ul>
                {round.changes.length === 0 ? (
                  <p>{t('report.replacement_no_change')}</p>
                ) : (
                  <>
                    <p>{t('report.replacement_changes')}</p>
                    <ul>
                      {round.changes.map((change) => (
                        <li>{change}</li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            ))}
          </>
        )}
      </section>
      <section aria-labelledby="report-questions">
        <h2 id="report-questions">{t('report.by_question')}</h2>
        {report.sections.length === 0 ? <p>{t('report.no_questions')}</p> : <p>{t('report.shares_note')}</p>}
        <div class="charts">
          {report.sections.map((section) => (
            <GroupedBarChart
              title={t('report.chart_title', { question: questionLabel(section.question, lang) })}
              series={series}
              category={t('report.col_value')}
              rows={section.rows.map((row) => ({
                label: valueLabel(section.question, row.value, lang, t),
                values: [row.populationShare, row.poolShare, row.panelShare],
              }))}
              format={(share) => percentText(share, lang)}
            />
          ))}
        </div>
        {report.sections.map((section) => {
          const label = questionLabel(section.question, lang);
          const id = `question-${section.question.key}`;
          return (
            <section aria-labelledby={id}>
              <h3 id={id}>{label}</h3>
              <div class="table-wrap">
                <table>
                  <caption class="visually-hidden">{t('report.table_caption', { question: label })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('report.col_value')}</th>
                      <th scope="col" class="number">
                        {t('report.col_population')}
                      </th>
                      <th scope="col" class="number">
                        {t('report.col_target')}
                      </th>
                      <th scope="col" class="number">
                        {t('report.col_pool')}
                      </th>
                      <th scope="col" class="number">
                        {t('report.col_panel')}
                      </th>
                      <th scope="col">{t('report.col_met')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {section.rows.map((row) => (
                      <tr data-value={row.value}>
                        <th scope="row">{valueLabel(section.question, row.value, lang, t)}</th>
                        <td class="number">{percentText(row.populationShare, lang)}</td>
                        <td class="number">{targetText(row.target, lang, t)}</td>
                        <td class="number">
                          {t('report.count_share', {
                            count: row.pool,
                            share: percentText(row.poolShare, lang),
                          })}
                        </td>
                        <td class="number">
                          {t('report.count_share', {
                            count: row.panel,
                            share: percentText(row.panelShare, lang),
                          })}
                        </td>
                        <td>{metText(row.met, t)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })}
      </section>
    </>,
  );
}

async function csvDownload(c: Ctx) {
  const language = downloadLanguage(c);
  const { report } = await gather(c, language);
  return c.body(reportCsv(report, language, translator(language)), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName(c, language, 'csv')}"`,
    'Cache-Control': 'no-store',
  });
}

/** How long a download request waits for its PDF before showing the page that follows the job. */
export const reportPdfSettings = { waitMillis: 10_000 };

/** The PDF is made by a job into a file; an unchanged report reuses the file made before. */
async function pdfDownload(c: Ctx) {
  const language = downloadLanguage(c);
  const { report, facts } = await gather(c, language);
  const { database, dataDir } = c.var.config;
  const assemblyId = c.var.assembly.id;
  const input = { assemblyId, language, report, facts };
  const jobId = await requestReportPdf(database, staffActor(c), dataDir, input);
  const working = async () =>
    (await reportPdfState(database, dataDir, assemblyId, jobId))?.state === 'working';
  if (!(await waitForJob(working, reportPdfSettings.waitMillis)))
    return c.redirect(`/a/${assemblyId}/report/pdf/${jobId}?language=${language}`, 303);
  return pdfJobPage(c, jobId);
}

/** The finished PDF of a report job; while it is being made, a page that follows it; its failure, explained. */
async function pdfJobPage(c: Ctx, jobId = c.req.param('jobId') ?? '') {
  const t = c.var.t;
  const state = await reportPdfState(c.var.config.database, c.var.config.dataDir, c.var.assembly.id, jobId);
  if (!state) return errorPage(c, 404, t('errors.not_found'));
  if (state.state === 'working') {
    return jobProgressPage(c, 'report', {
      title: t('report.pdf_job.title'),
      text: t('report.pdf_job.text'),
      progressId: 'report-progress',
      fraction: state.progress,
    });
  }
  if (state.state === 'failed') {
    log.error({ job: jobId, code: state.code }, 'report PDF failed');
    return errorPage(c, 500, t('report.pdf_job.failed'));
  }
  const name = fileName(c, downloadLanguage(c), 'pdf');
  return jobFileResponse(c, { path: state.path, bytes: state.bytes, name, type: 'application/pdf' });
}

export const reportRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/report',
    tab: { key: 'report', phase: 'recruitment' },
    access: needs('report:view'),
    handler: reportPage,
  },
  { method: 'GET', path: '/a/:assemblyId/report.csv', access: needs('report:view'), handler: csvDownload },
  { method: 'GET', path: '/a/:assemblyId/report.pdf', access: needs('report:view'), handler: pdfDownload },
  {
    method: 'GET',
    path: '/a/:assemblyId/report/pdf/:jobId',
    access: needs('report:view'),
    handler: (c) => pdfJobPage(c),
  },
];
