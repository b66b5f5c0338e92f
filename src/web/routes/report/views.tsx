/**
 * The representativeness report's page, built from its parts: the downloads, the facts about the
 * process, the totals, the public draws, the replacement rounds, and per question a chart and a
 * table. Numbers read as in the CSV and the PDF (src/report/format.ts, over the one formatter).
 */
import { type Language, languages } from '../../../i18n/i18n.ts';
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
} from '../../../report/format.ts';
import type {
  QuestionSection,
  RepresentativenessReport,
  ValueRow,
} from '../../../report/representativeness.ts';
import type { Ctx } from '../../env.ts';
import { GroupedBarChart } from '../../views/charts.tsx';
import { type Column, DataTable, Section } from '../../views/kit.tsx';

export interface ReportPageProps {
  c: Ctx;
  report: RepresentativenessReport;
  facts: ReportFacts;
  /** The page's path, `/a/<id>/report`: the downloads are beside it. */
  base: string;
}

export function ReportPage({ c, report, facts, base }: ReportPageProps) {
  return (
    <>
      <p>{c.var.t('report.lead')}</p>
      <Downloads c={c} base={base} />
      <ProcessFacts c={c} facts={facts} />
      <Totals c={c} report={report} facts={facts} />
      <Draws c={c} draws={facts.draws} />
      <Replacements c={c} rounds={facts.replacements} />
      <Questions c={c} report={report} />
    </>
  );
}

/** A PDF and a CSV in each language, whatever the page's. */
function Downloads({ c, base }: { c: Ctx; base: string }) {
  const t = c.var.t;
  const links = (extension: 'pdf' | 'csv') =>
    languages.map((l: Language) => (
      <a class="button secondary" href={`${base}.${extension}?language=${l}`} hreflang={l} download>
        {t(`report.download_${extension}`, { language: t(`report.language_${l}`) })}
      </a>
    ));
  return (
    <Section id="report-downloads" title={t('report.downloads')}>
      <p class="actions">
        {links('pdf')}
        {links('csv')}
      </p>
    </Section>
  );
}

function ProcessFacts({ c, facts }: { c: Ctx; facts: ReportFacts }) {
  const { t, lang } = c.var;
  return (
    <Section id="report-process" title={t('report.process')}>
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
    </Section>
  );
}

function Totals({ c, report, facts }: { c: Ctx; report: RepresentativenessReport; facts: ReportFacts }) {
  const { t, lang } = c.var;
  const { totals, invitations } = report;
  return (
    <Section id="report-totals" title={t('report.totals')}>
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
    </Section>
  );
}

/** Each public draw of the panel, with what anyone needs to check it. */
function Draws({ c, draws }: { c: Ctx; draws: DrawFact[] }) {
  const { t, lang } = c.var;
  return (
    <Section id="report-draw" title={t('report.draw_title')}>
      {draws.length === 0 ? (
        <p>{t('report.draw_none')}</p>
      ) : (
        draws.map((draw) => (
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
    </Section>
  );
}

function Replacements({ c, rounds }: { c: Ctx; rounds: ReplacementRoundFact[] }) {
  const t = c.var.t;
  return (
    <Section id="report-replacements" title={t('report.replacements_title')}>
      {rounds.length === 0 ? (
        <p>{t('report.replacements_none')}</p>
      ) : (
        <>
          <p>{t('report.references_note')}</p>
          {rounds.map((round) => (
            <ReplacementRound c={c} round={round} />
          ))}
        </>
      )}
    </Section>
  );
}

/** Who took whose seat in one round, and the answers whose count on the panel it changed. */
function ReplacementRound({ c, round }: { c: Ctx; round: ReplacementRoundFact }) {
  const t = c.var.t;
  return (
    <>
      <h3>{t('report.replacement_round', { when: dateTimeText(round.at, c.var.lang) })}</h3>
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
  );
}

/** Per question: the shares side by side as a chart, then the numbers as a table. */
function Questions({ c, report }: { c: Ctx; report: RepresentativenessReport }) {
  const { t, lang } = c.var;
  const series = [t('report.series_population'), t('report.series_pool'), t('report.series_panel')];
  return (
    <Section id="report-questions" title={t('report.by_question')}>
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
      {report.sections.map((section) => (
        <QuestionTable c={c} section={section} />
      ))}
    </Section>
  );
}

function QuestionTable({ c, section }: { c: Ctx; section: QuestionSection }) {
  const { t, lang } = c.var;
  const label = questionLabel(section.question, lang);
  // The heading's id names the question (`question-<key>`), as links and tests know it.
  const id = `question-${section.question.key}`;
  const countShare = (count: number, share: number | null) =>
    t('report.count_share', { count, share: percentText(share, lang) });
  const columns: Column<ValueRow>[] = [
    {
      header: t('report.col_value'),
      rowHeader: true,
      cell: (row) => valueLabel(section.question, row.value, lang, t),
    },
    {
      header: t('report.col_population'),
      numeric: true,
      cell: (row) => percentText(row.populationShare, lang),
    },
    { header: t('report.col_target'), numeric: true, cell: (row) => targetText(row.target, lang, t) },
    { header: t('report.col_pool'), numeric: true, cell: (row) => countShare(row.pool, row.poolShare) },
    { header: t('report.col_panel'), numeric: true, cell: (row) => countShare(row.panel, row.panelShare) },
    { header: t('report.col_met'), cell: (row) => metText(row.met, t) },
  ];
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{label}</h3>
      <DataTable
        columns={columns}
        rows={section.rows}
        caption={t('report.table_caption', { question: label })}
        captionHidden
        rowData={(row) => ({ 'data-value': row.value })}
      />
    </section>
  );
}
