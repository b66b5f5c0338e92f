/**
 * One version of the final report as a page: the recommendations as adopted (verbatim, paragraph by
 * paragraph, each with its votes and minority statements), those not adopted, then the process. The
 * lines are the PDF's own (src/report/final-report-text.ts), so the page and the PDF say the same.
 */
import { paragraphsOf } from '../../../../domain/recommendations.ts';
import type {
  FinalReport,
  ReportGroup,
  ReportRecommendation,
} from '../../../../report/final-report-schema.ts';
import {
  evidenceLine,
  expertLine,
  minorityLine,
  requestLine,
  voteRows,
} from '../../../../report/final-report-text.ts';
import type { Ctx } from '../../../env.ts';
import { DataTable, EmptyState, Section } from '../../../views/kit.tsx';
import { formatDate, formatNumber, formatPercent, formatTime } from '../../../views/time.ts';

type Row = [string, string];

/** Label and value pairs, as the pages' fact lists show them. */
function Facts(props: { rows: Row[] }) {
  return (
    <dl class="facts">
      {props.rows.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}

function Recommendation(props: { c: Ctx; r: ReportRecommendation }) {
  const { c, r } = props;
  const t = c.var.t;
  const words = { t, language: c.var.lang };
  return (
    <article class="final-recommendation" aria-labelledby={`rec-${r.id}`}>
      <h4 id={`rec-${r.id}`}>{r.title}</h4>
      <p class="hint">
        {t('final_report.recommendation_version', {
          number: r.version,
          status: t(`final_report.status.${r.status}`),
        })}
      </p>
      <div class="recommendation-text">
        {r.paragraphs.map((p) => (
          <p>{p}</p>
        ))}
      </div>
      {r.rationale.length > 0 ? (
        <>
          <p class="hint">{t('final_report.rationale')}</p>
          {r.rationale.map((p) => (
            <p>{p}</p>
          ))}
        </>
      ) : null}
      {r.votes.length === 0 ? <p class="hint">{t('final_report.votes_none')}</p> : null}
      {r.votes.map((vote) => {
        const title = t(vote.amendment ? 'final_report.vote_on_amendment' : 'final_report.vote_heading', {
          question: vote.question,
        });
        return (
          <>
            <h5>{title}</h5>
            <Facts rows={voteRows(vote, words)} />
          </>
        );
      })}
      {r.minorityStatements.map((s) => (
        <aside class="minority-statement">
          <h5>{t('final_report.minority_title')}</h5>
          {paragraphsOf(s.text).map((p) => (
            <p>{p}</p>
          ))}
          <p class="hint">{minorityLine(s, t)}</p>
        </aside>
      ))}
    </article>
  );
}

function Groups(props: { c: Ctx; id: string; title: string; empty: string; groups: ReportGroup[] }) {
  const { c } = props;
  return (
    <Section id={props.id} title={props.title}>
      {props.groups.length === 0 ? <EmptyState>{props.empty}</EmptyState> : null}
      {props.groups.map((group) => (
        <section>
          <h3>{group.name}</h3>
          {group.recommendations.map((r) => (
            <Recommendation c={c} r={r} />
          ))}
        </section>
      ))}
    </Section>
  );
}

function Selection(props: { c: Ctx; report: FinalReport }) {
  const { c, report } = props;
  const t = c.var.t;
  const dates = [report.startsOn, report.endsOn].filter((d): d is string => d !== null);
  return (
    <>
      <Facts
        rows={[
          [t('final_report.remit'), report.remit],
          [t('final_report.commissioner'), report.commissioner || t('final_report.not_set')],
          [
            t('final_report.dates'),
            dates.length > 0 ? dates.map((d) => formatDate(c, d)).join(' – ') : t('final_report.not_set'),
          ],
        ]}
      />
      <h3>{t('final_report.selection_title')}</h3>
      <p>{report.selection.method}</p>
      <Facts
        rows={[
          [t('final_report.panel_size'), formatNumber(c, report.selection.panelSize)],
          [t('final_report.engine'), report.selection.engineVersion ?? t('final_report.not_set')],
        ]}
      />
      {report.selection.draws.length === 0 ? <p>{t('final_report.draw_none')}</p> : null}
      {report.selection.draws.map((draw) => (
        <>
          <h4>{t(draw.replacement ? 'final_report.draw_replacement' : 'final_report.draw_panel')}</h4>
          <dl class="facts">
            <dt>{t('final_report.drawn_at')}</dt>
            <dd>{formatTime(c, draw.drawnAt)}</dd>
            <dt>{t('final_report.randomness')}</dt>
            <dd>{draw.randomness}</dd>
            <dt>{t('final_report.verify')}</dt>
            <dd>
              <a href={draw.verifyUrl}>{draw.verifyUrl}</a>
            </dd>
          </dl>
        </>
      ))}
    </>
  );
}

function Representativeness(props: { c: Ctx; report: FinalReport }) {
  const { c } = props;
  const t = c.var.t;
  const r = props.report.representativeness;
  const share = (s: number | null) => (s === null ? '–' : formatPercent(c, s));
  type Answer = (typeof r.questions)[number]['rows'][number];
  return (
    <>
      <h3>{t('final_report.representativeness_title')}</h3>
      <Facts
        rows={[
          [t('final_report.invitations_sent'), formatNumber(c, r.invitationsSent)],
          [t('final_report.registrations'), formatNumber(c, r.registrations)],
          [t('final_report.panel'), formatNumber(c, r.panel)],
          [
            t('final_report.targets_met'),
            r.targets > 0
              ? t('final_report.targets_met_value', { met: r.targetsMet, total: r.targets })
              : t('final_report.no_targets'),
          ],
        ]}
      />
      {r.questions.map((q) => (
        <DataTable
          caption={q.label}
          rows={q.rows}
          columns={[
            { header: t('final_report.col_answer'), rowHeader: true, cell: (a: Answer) => a.value },
            {
              header: t('final_report.col_population'),
              numeric: true,
              cell: (a: Answer) => share(a.populationShare),
            },
            { header: t('final_report.col_target'), numeric: true, cell: (a: Answer) => a.target },
            {
              header: t('final_report.col_panel'),
              numeric: true,
              cell: (a: Answer) => `${formatNumber(c, a.panel)} (${share(a.panelShare)})`,
            },
          ]}
        />
      ))}
    </>
  );
}

function Sessions(props: { c: Ctx; report: FinalReport }) {
  const { c, report } = props;
  const t = c.var.t;
  type Session = FinalReport['sessions'][number];
  return (
    <>
      <h3>{t('final_report.sessions_title')}</h3>
      <DataTable
        caption={t('final_report.sessions_title')}
        captionHidden
        rows={report.sessions}
        empty={t('final_report.sessions_none')}
        columns={[
          { header: t('final_report.col_session'), rowHeader: true, cell: (s: Session) => s.title },
          { header: t('final_report.col_date'), cell: (s: Session) => formatTime(c, s.startsAt) },
          {
            header: t('final_report.col_hours'),
            numeric: true,
            cell: (s: Session) => formatNumber(c, s.hours, 1),
          },
          {
            header: t('final_report.col_present'),
            numeric: true,
            cell: (s: Session) => (s.present === null ? '–' : formatNumber(c, s.present)),
          },
        ]}
      />
      <Facts rows={[[t('final_report.total_hours'), formatNumber(c, report.totalHours, 1)]]} />
    </>
  );
}

function Lines(props: { title: string; empty: string; lines: string[] }) {
  return (
    <>
      <h3>{props.title}</h3>
      {props.lines.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <ul>
          {props.lines.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The report's content, in the page's language. */
export function ReportBody(props: { c: Ctx; report: FinalReport }) {
  const { c, report } = props;
  const t = c.var.t;
  const language = c.var.lang;
  return (
    <div class="final-report" lang={report.language}>
      <Groups
        c={c}
        id="adopted"
        title={t('final_report.adopted_title')}
        empty={t('final_report.adopted_none')}
        groups={report.adopted}
      />
      <Groups
        c={c}
        id="not-adopted"
        title={t('final_report.not_adopted_title')}
        empty={t('final_report.not_adopted_none')}
        groups={report.notAdopted}
      />
      <Section id="process" title={t('final_report.process_title')}>
        <Selection c={c} report={report} />
        <Representativeness c={c} report={report} />
        <Sessions c={c} report={report} />
        <Lines
          title={t('final_report.experts_title')}
          empty={t('final_report.experts_none')}
          lines={report.experts.map((e) => expertLine(e, t))}
        />
        <Lines
          title={t('final_report.evidence_title')}
          empty={t('final_report.evidence_none')}
          lines={report.evidence.map((e) => evidenceLine(e, language, t))}
        />
        <Lines
          title={t('final_report.requests_title')}
          empty={t('final_report.requests_none')}
          lines={report.requests.map((r) => requestLine(r, language, t))}
        />
      </Section>
    </div>
  );
}
