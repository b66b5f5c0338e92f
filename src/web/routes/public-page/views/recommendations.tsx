/**
 * The recommendations with their vote results and minority statements, and the decision makers'
 * answers with their follow-up. A minority statement names only signatories who consented.
 */
import { isWebLink } from '../../../../domain/programme.ts';
import { paragraphsOf } from '../../../../domain/recommendations.ts';
import type {
  PublicAnswer,
  PublicPage,
  PublicRecommendation,
  PublicVote,
} from '../../../../queries/public-page.ts';
import type { Ctx } from '../../../env.ts';
import { DataTable, EmptyState, Section } from '../../../views/kit.tsx';
import { formatDate, formatNumber, formatPercent } from '../../../views/time.ts';
import { ruleWords } from '../../../views/vote-rules.ts';
import { outcomeWord, Published } from './parts.tsx';

function Paragraphs(props: { text: string }) {
  return (
    <>
      {paragraphsOf(props.text).map((p) => (
        <p>{p}</p>
      ))}
    </>
  );
}

function VoteFigures(props: { c: Ctx; vote: PublicVote; title: string }) {
  const { c, vote } = props;
  const t = c.var.t;
  const rows = [
    { label: t('public_page.vote_ballots'), value: vote.ballots },
    ...(vote.rule.kind === 'consent'
      ? [
          { label: t('votes.choice_consent'), value: vote.consent },
          { label: t('votes.objections'), value: vote.objections },
        ]
      : vote.rule.kind === 'gradient'
        ? [{ label: t('public_page.vote_support'), value: vote.support }]
        : [
            { label: t('votes.choice_yes'), value: vote.yes },
            { label: t('votes.choice_no'), value: vote.no },
          ]),
    { label: t('votes.choice_abstain'), value: vote.abstain },
    { label: t('public_page.vote_base'), value: vote.base },
    { label: t('public_page.vote_threshold'), value: vote.threshold },
  ];
  return (
    <DataTable
      caption={props.title}
      class="vote-figures"
      rows={rows}
      columns={[
        { header: t('public_page.vote_figure'), rowHeader: true, cell: (r) => r.label },
        { header: t('public_page.vote_count'), numeric: true, cell: (r) => formatNumber(c, r.value) },
      ]}
    />
  );
}

function VoteResult(props: { c: Ctx; vote: PublicVote | null; title: string }) {
  const { c, vote } = props;
  const t = c.var.t;
  if (!vote) return <p>{t('public_page.no_vote')}</p>;
  return (
    <div class="public-vote" data-vote={vote.id}>
      <p class={vote.adopted ? 'vote-outcome adopted' : 'vote-outcome not-adopted'}>
        <strong>{outcomeWord(c, vote)}</strong>{' '}
        {t('public_page.vote_closed', { date: formatDate(c, vote.closedAt.slice(0, 10)) })}
      </p>
      <ul class="vote-rule">
        {ruleWords(c, vote).map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <VoteFigures c={c} vote={vote} title={t('public_page.vote_caption', { title: props.title })} />
    </div>
  );
}

function Statements(props: { c: Ctx; recommendation: PublicRecommendation }) {
  const { c } = props;
  const t = c.var.t;
  const statements = props.recommendation.minorityStatements;
  if (statements.length === 0) return null;
  return (
    <>
      <h4>{t('public_page.minority_statements')}</h4>
      {statements.map((s) => (
        <blockquote class="minority-statement" data-statement={s.id}>
          <Paragraphs text={s.text} />
          <p class="signatories">
            {t('public_page.signed_by', { count: s.signatureCount })}
            {s.namedSignatories.length > 0
              ? ` ${t('public_page.named_signatories', { names: s.namedSignatories.join(', ') })}`
              : ''}
          </p>
          <Published c={c} at={s.publishedAt} />
        </blockquote>
      ))}
    </>
  );
}

function Recommendation(props: { c: Ctx; recommendation: PublicRecommendation; index: number }) {
  const { c, recommendation: r } = props;
  const t = c.var.t;
  return (
    <article class="public-recommendation" id={`recommendation-${r.id}`} aria-labelledby={`rec-${r.id}`}>
      <h3 id={`rec-${r.id}`}>{`${props.index + 1}. ${r.title}`}</h3>
      <Published c={c} at={r.publishedAt} />
      <Paragraphs text={r.body} />
      {r.rationale ? (
        <>
          <h4>{t('public_page.rationale')}</h4>
          <Paragraphs text={r.rationale} />
        </>
      ) : null}
      <h4>{t('public_page.vote')}</h4>
      <VoteResult c={c} vote={r.vote} title={r.title} />
      <Statements c={c} recommendation={r} />
    </article>
  );
}

export function RecommendationsSection(props: {
  c: Ctx;
  section: NonNullable<PublicPage['recommendations']>;
}) {
  const { c, section } = props;
  const t = c.var.t;
  return (
    <Section id="recommendations" title={t('public_page.section_recommendations')}>
      <Published c={c} at={section.publishedAt} />
      {section.items.length === 0 ? <EmptyState>{t('public_page.no_recommendations')}</EmptyState> : null}
      {section.items.map((r, i) => (
        <Recommendation c={c} recommendation={r} index={i} />
      ))}
    </Section>
  );
}

function answerState(c: Ctx, a: PublicAnswer): string {
  const t = c.var.t;
  if (a.overdue) return t('public_page.answer_overdue');
  const status = a.status ? t(`public_page.answer_${a.status}`) : t('public_page.answer_none');
  return a.answeredLate ? `${status} (${t('public_page.answer_late')})` : status;
}

export function AnswersSection(props: {
  c: Ctx;
  section: NonNullable<PublicPage['answers']>;
  titles: Map<string, string>;
}) {
  const { c, section } = props;
  const t = c.var.t;
  const day = (iso: string | null) => (iso ? formatDate(c, iso.slice(0, 10)) : '–');
  return (
    <Section id="answers" title={t('public_page.section_answers')}>
      <Published c={c} at={section.publishedAt} />
      <DataTable
        caption={t('public_page.section_answers')}
        captionHidden
        rows={section.items}
        empty={t('public_page.no_answers')}
        rowClass={(a) => (a.overdue ? 'overdue' : undefined)}
        columns={[
          {
            header: t('public_page.recommendation'),
            rowHeader: true,
            cell: (a) => props.titles.get(a.recommendationId) ?? '',
          },
          { header: t('public_page.answer_status'), cell: (a) => answerState(c, a) },
          { header: t('public_page.answer_reasons'), cell: (a) => a.reasons },
          { header: t('public_page.answer_body'), cell: (a) => a.bodyResponsible },
          { header: t('public_page.answer_timeline'), cell: (a) => a.timeline },
          { header: t('public_page.answer_deadline'), cell: (a) => day(a.deadline) },
          { header: t('public_page.published'), cell: (a) => day(a.publishedAt) },
          {
            header: t('public_page.answer_updates'),
            cell: (a) => (
              <ul>
                {a.updates.map((u) => (
                  <li>
                    {t('public_page.update_line', {
                      day: day(u.at),
                      stage: u.stage
                        ? t(`answers.stage_${u.stage}`)
                        : formatPercent(c, (u.progress ?? 0) / 100, 0),
                      text: u.text,
                    })}
                    {u.link && isWebLink(u.link) ? (
                      <>
                        {' '}
                        <a href={u.link}>{t('public_page.evidence_link')}</a>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </Section>
  );
}
