/**
 * The public page's CSV files, written by the one CSV writer (formula-guarded, in the language's
 * dialect): the recommendations with their vote results, the answers, and the representativeness
 * figures. Each row carries the page's licence, so a file that travels alone still says it.
 */
import { csvDialectFor, csvFile, fixed } from '../../../io/csv-writer.ts';
import type { PublicPage } from '../../../queries/public-page.ts';
import type { Ctx } from '../../env.ts';
import { ruleWords } from '../../views/vote-rules.ts';
import { local, outcomeWord } from './views/parts.tsx';

export function recommendationsCsvText(c: Ctx, page: PublicPage): string {
  const t = c.var.t;
  const header = [
    'id',
    'title',
    'status',
    'published',
    'rule',
    'ballots',
    'yes',
    'no',
    'abstain',
    'consent',
    'objections',
    'base',
    'support',
    'threshold',
    'quorum_met',
    'adopted',
    'closed',
    'minority_statements',
    'licence',
  ].map((k) => t(`public_page.csv_${k}`));
  const rows = (page.recommendations?.items ?? []).map((r) => {
    const v = r.vote;
    return [
      r.id,
      r.title,
      t(`public_page.status_${r.status}`),
      r.publishedAt ? new Date(r.publishedAt) : null,
      v ? ruleWords(c, v).join(' ') : '',
      v?.ballots,
      v?.yes,
      v?.no,
      v?.abstain,
      v?.consent,
      v?.objections,
      v?.base,
      v?.support,
      v?.threshold,
      v ? t(v.quorumMet ? 'public_page.yes' : 'public_page.no') : '',
      v ? outcomeWord(c, v) : '',
      v ? new Date(v.closedAt) : null,
      r.minorityStatements.length,
      page.licence.name,
    ];
  });
  return csvFile(header, rows, csvDialectFor(c.var.lang));
}

export function answersCsvText(c: Ctx, page: PublicPage): string {
  const t = c.var.t;
  const titles = new Map((page.recommendations?.items ?? []).map((r) => [r.id, r.title]));
  const header = [
    'recommendation',
    'answer_status',
    'reasons',
    'body',
    'timeline',
    'handover',
    'deadline',
    'published',
    'overdue',
    'late',
    'updates',
    'licence',
  ].map((k) => t(`public_page.csv_${k}`));
  const rows = (page.answers?.items ?? []).map((a) => [
    titles.get(a.recommendationId) ?? a.recommendationId,
    a.status ? t(`public_page.answer_${a.status}`) : t('public_page.answer_none'),
    a.reasons,
    a.bodyResponsible,
    a.timeline,
    a.handoverOn,
    a.deadline,
    a.publishedAt ? new Date(a.publishedAt) : null,
    t(a.overdue ? 'public_page.yes' : 'public_page.no'),
    t(a.answeredLate ? 'public_page.yes' : 'public_page.no'),
    a.updates.length,
    page.licence.name,
  ]);
  return csvFile(header, rows, csvDialectFor(c.var.lang));
}

export function representativenessCsvText(c: Ctx, page: PublicPage): string {
  const t = c.var.t;
  const header = [
    'question',
    'answer',
    'population_share',
    'target_min',
    'target_max',
    'pool',
    'pool_share',
    'panel',
    'panel_share',
    'met',
    'licence',
  ].map((k) => t(`public_page.csv_${k}`));
  const percent = (share: number | null) => (share === null ? null : fixed(share * 100, 1));
  const rows = (page.representativeness?.questions ?? []).flatMap((q) =>
    q.values.map((v) => [
      local(c, q.label),
      local(c, v.label),
      percent(v.populationShare),
      v.targetMin,
      v.targetMax,
      v.pool,
      percent(v.poolShare),
      v.panel,
      percent(v.panelShare),
      v.met === null ? '' : t(v.met ? 'public_page.yes' : 'public_page.no'),
      page.licence.name,
    ]),
  );
  return csvFile(header, rows, csvDialectFor(c.var.lang));
}
