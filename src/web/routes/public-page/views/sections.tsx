/**
 * The sections of the public page before the recommendations: about the assembly, how its members
 * were selected, how representative they are (figures only), its programme, its evidence and experts,
 * information requests and submissions from the public.
 */
import { isWebLink } from '../../../../domain/programme.ts';
import type { PublicPage } from '../../../../queries/public-page.ts';
import type { Ctx } from '../../../env.ts';
import { DataTable, EmptyState, Section } from '../../../views/kit.tsx';
import { formatDate, formatNumber, formatPercent, formatTime } from '../../../views/time.ts';
import { local, Published } from './parts.tsx';

type Part<K extends keyof PublicPage> = { c: Ctx; section: NonNullable<PublicPage[K]> };

function Fact(props: { label: string; value: string }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.value || '–'}</dd>
    </>
  );
}

export function AboutSection(props: Part<'about'>) {
  const { c, section: s } = props;
  const t = c.var.t;
  return (
    <Section id="about" title={t('public_page.section_about')}>
      <Published c={c} at={s.publishedAt} />
      <dl class="facts">
        <Fact label={t('public_page.remit')} value={local(c, s.remit)} />
        <Fact label={t('public_page.commissioner')} value={s.commissioner} />
        <Fact label={t('public_page.funding_source')} value={s.fundingSource} />
        <Fact
          label={t('public_page.funding_amount')}
          value={
            s.fundingAmount === null
              ? ''
              : t('public_page.kronor', { amount: formatNumber(c, s.fundingAmount) })
          }
        />
        <Fact label={t('public_page.coordinator')} value={s.coordinator} />
      </dl>
      <h3>{t('public_page.advisory_board')}</h3>
      {s.advisoryBoard.length === 0 ? (
        <EmptyState>{t('public_page.no_advisory_board')}</EmptyState>
      ) : (
        <ul>
          {s.advisoryBoard.map((m) => (
            <li>{m.affiliation ? `${m.name}, ${m.affiliation}` : m.name}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function SelectionSection(props: Part<'selection'>) {
  const { c, section: s } = props;
  const t = c.var.t;
  return (
    <Section id="selection" title={t('public_page.section_selection')}>
      <Published c={c} at={s.publishedAt} />
      {s.method ? (
        s.method.split(/\r?\n\s*\r?\n/).map((p) => <p>{p}</p>)
      ) : (
        <p>
          {t('public_page.selection_method', {
            invited: formatNumber(c, s.invitationsSent),
            volunteers: formatNumber(c, s.volunteers),
            size: formatNumber(c, s.panelSize),
          })}
        </p>
      )}
      <DataTable
        caption={t('public_page.draws')}
        rows={s.draws}
        empty={t('public_page.no_draws')}
        columns={[
          {
            header: t('public_page.draw'),
            rowHeader: true,
            cell: (d) =>
              t(
                d.kind === 'reserves'
                  ? 'public_page.draw_reserves'
                  : d.replacement
                    ? 'public_page.draw_replacement'
                    : 'public_page.draw_panel',
              ),
          },
          { header: t('public_page.draw_announced'), cell: (d) => formatTime(c, d.announcedAt) },
          { header: t('public_page.draw_drawn'), cell: (d) => (d.drawnAt ? formatTime(c, d.drawnAt) : '–') },
          { header: t('public_page.draw_verify'), cell: (d) => <a href={d.verifyUrl}>{d.verifyUrl}</a> },
        ]}
      />
    </Section>
  );
}

function share(c: Ctx, value: number | null): string {
  return value === null ? '–' : formatPercent(c, value);
}

export function RepresentativenessSection(props: Part<'representativeness'>) {
  const { c, section: s } = props;
  const t = c.var.t;
  return (
    <Section id="representativeness" title={t('public_page.section_representativeness')}>
      <Published c={c} at={s.publishedAt} />
      <p>
        {t('public_page.representativeness_lead', {
          panel: formatNumber(c, s.totals.panel),
          pool: formatNumber(c, s.totals.pool),
          met: formatNumber(c, s.totals.targetsMet),
          targets: formatNumber(c, s.totals.targets),
        })}
      </p>
      {s.questions.map((q) => (
        <DataTable
          caption={local(c, q.label)}
          rows={q.values}
          columns={[
            { header: t('public_page.answer'), rowHeader: true, cell: (v) => local(c, v.label) },
            { header: t('public_page.population'), numeric: true, cell: (v) => share(c, v.populationShare) },
            {
              header: t('public_page.target'),
              numeric: true,
              cell: (v) =>
                v.targetMin === null
                  ? '–'
                  : v.targetMin === v.targetMax
                    ? formatNumber(c, v.targetMin)
                    : `${formatNumber(c, v.targetMin ?? 0)}–${formatNumber(c, v.targetMax ?? 0)}`,
            },
            { header: t('public_page.pool'), numeric: true, cell: (v) => formatNumber(c, v.pool) },
            { header: t('public_page.panel'), numeric: true, cell: (v) => formatNumber(c, v.panel) },
            { header: t('public_page.panel_share'), numeric: true, cell: (v) => share(c, v.panelShare) },
          ]}
        />
      ))}
    </Section>
  );
}

export function ProgrammeSection(props: Part<'programme'>) {
  const { c, section: s } = props;
  const t = c.var.t;
  const hours = (n: number) => formatNumber(c, n, 1);
  return (
    <Section id="programme" title={t('public_page.section_programme')}>
      <Published c={c} at={s.publishedAt} />
      <p>{t('public_page.hours_total', { hours: hours(s.hours.total) })}</p>
      <ul>
        {Object.entries(s.hours.byType).map(([type, n]) => (
          <li>{t('public_page.hours_of_type', { type: t(`programme.type.${type}`), hours: hours(n) })}</li>
        ))}
      </ul>
      <DataTable
        caption={t('public_page.sessions')}
        rows={s.sessions}
        empty={t('public_page.no_sessions')}
        columns={[
          { header: t('public_page.session'), rowHeader: true, cell: (x) => local(c, x.title) },
          { header: t('public_page.session_type'), cell: (x) => t(`programme.type.${x.type}`) },
          {
            header: t('public_page.session_when'),
            cell: (x) =>
              x.status === 'cancelled'
                ? t('public_page.cancelled', { when: formatTime(c, x.startsAt) })
                : formatTime(c, x.startsAt),
          },
          { header: t('public_page.session_hours'), numeric: true, cell: (x) => hours(x.hours) },
        ]}
      />
    </Section>
  );
}

export function EvidenceSection(props: Part<'evidence'>) {
  const { c, section: s } = props;
  const t = c.var.t;
  return (
    <Section id="evidence" title={t('public_page.section_evidence')}>
      <Published c={c} at={s.publishedAt} />
      <DataTable
        caption={t('public_page.evidence_items')}
        rows={s.items}
        empty={t('public_page.no_evidence')}
        columns={[
          {
            header: t('public_page.evidence_title'),
            rowHeader: true,
            cell: (i) => (i.link && isWebLink(i.link) ? <a href={i.link}>{i.title}</a> : i.title),
          },
          {
            header: t('public_page.evidence_source'),
            cell: (i) => i.source || (i.fromPublic ? t('public_page.from_public') : '–'),
          },
          { header: t('public_page.evidence_perspective'), cell: (i) => i.perspective || '–' },
          {
            header: t('public_page.published'),
            cell: (i) => (i.publishedAt ? formatDate(c, i.publishedAt.slice(0, 10)) : '–'),
          },
        ]}
      />
      <DataTable
        caption={t('public_page.experts')}
        rows={s.experts}
        empty={t('public_page.no_experts')}
        columns={[
          {
            header: t('public_page.expert'),
            rowHeader: true,
            cell: (e) => (e.organisation ? `${e.name}, ${e.organisation}` : e.name),
          },
          { header: t('public_page.expert_topic'), cell: (e) => e.topic || '–' },
          {
            header: t('public_page.expert_interests'),
            cell: (e) => (e.noneDeclared ? t('public_page.no_interests') : e.interests || '–'),
          },
          {
            header: t('public_page.published'),
            cell: (e) => (e.publishedAt ? formatDate(c, e.publishedAt.slice(0, 10)) : '–'),
          },
        ]}
      />
    </Section>
  );
}

export function RequestsSection(props: Part<'requests'>) {
  const { c, section: s } = props;
  const t = c.var.t;
  return (
    <Section id="requests" title={t('public_page.section_requests')}>
      <Published c={c} at={s.publishedAt} />
      <p>
        {t('public_page.requests_counts', {
          answered: formatNumber(c, s.counts.answered),
          declined: formatNumber(c, s.counts.declined),
          open: formatNumber(c, s.counts.open),
        })}
      </p>
      <DataTable
        caption={t('public_page.section_requests')}
        captionHidden
        rows={s.items}
        empty={t('public_page.no_requests')}
        columns={[
          { header: t('public_page.request_question'), rowHeader: true, cell: (r) => r.question },
          { header: t('public_page.request_asked'), cell: (r) => formatDate(c, r.askedAt.slice(0, 10)) },
          { header: t('public_page.request_status'), cell: (r) => t(`public_page.request_${r.status}`) },
          { header: t('public_page.request_answer'), cell: (r) => r.answer || '–' },
        ]}
      />
    </Section>
  );
}

export function SubmissionsSection(props: Part<'submissions'>) {
  const { c, section: s } = props;
  const t = c.var.t;
  return (
    <Section id="submissions" title={t('public_page.section_submissions')}>
      <Published c={c} at={s.publishedAt} />
      <p>
        {t('public_page.submissions_counts', {
          received: formatNumber(c, s.counts.received),
          accepted: formatNumber(c, s.counts.accepted),
          rejected: formatNumber(c, s.counts.rejected),
        })}
      </p>
      <DataTable
        caption={t('public_page.section_submissions')}
        captionHidden
        rows={s.items}
        empty={t('public_page.no_submissions')}
        columns={[
          { header: t('public_page.submission_title'), rowHeader: true, cell: (x) => x.title },
          {
            header: t('public_page.submission_sender'),
            cell: (x) => x.sender ?? t('public_page.sender_unnamed'),
          },
          {
            header: t('public_page.published'),
            cell: (x) => (x.publishedAt ? formatDate(c, x.publishedAt.slice(0, 10)) : '–'),
          },
        ]}
      />
    </Section>
  );
}
