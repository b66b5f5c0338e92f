/**
 * The final report's lines as people read them, shared by its page and its PDF so that both state a
 * vote, a minority statement, an expert's interests, an evidence item and a request in the same
 * words: a language's words (`t`) and its formatter.
 */
import { formatDateIn, formatNumberIn, formatPercentIn, formatTimeIn } from '../i18n/format.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { FinalReport, VoteFact } from './final-report-schema.ts';

interface Words {
  t: Translate;
  language: string;
}

function voteCounts(vote: VoteFact, pen: Words): [string, string][] {
  const { t, language } = pen;
  if (vote.kind === 'consent')
    return [
      [
        t('final_report.vote.counts'),
        t('final_report.vote.consent_value', {
          consent: vote.consent,
          objections: vote.objections.length,
          abstain: vote.abstain,
        }),
      ],
      ...(vote.objections.length > 0
        ? [[t('final_report.vote.objections'), vote.objections.join(' · ')] as [string, string]]
        : []),
    ];
  if (vote.kind === 'gradient' && vote.distribution)
    return [
      [
        t('final_report.vote.distribution'),
        vote.distribution
          .map((n, i) =>
            t('final_report.vote.grade_value', { level: i + 1, count: formatNumberIn(language, n) }),
          )
          .join(', '),
      ],
      [t('final_report.vote.abstained'), formatNumberIn(language, vote.abstain)],
    ];
  return [
    [
      t('final_report.vote.counts'),
      t('final_report.vote.counts_value', { yes: vote.yes, no: vote.no, abstain: vote.abstain }),
    ],
  ];
}

export function voteRows(vote: VoteFact, pen: Words): [string, string][] {
  const { t, language } = pen;
  return [
    [t('final_report.vote.rule'), `${vote.rule}. ${vote.abstentionRule}.`],
    [t('final_report.vote.quorum'), vote.quorumRule],
    ...voteCounts(vote, pen),
    [
      t('final_report.vote.turnout'),
      vote.turnout === null
        ? t('final_report.vote.ballots', { count: vote.ballots })
        : t('final_report.vote.turnout_value', {
            count: vote.ballots,
            share: formatPercentIn(language, vote.turnout, 0),
          }),
    ],
    [t('final_report.vote.quorum_met'), t(vote.quorumMet ? 'final_report.yes' : 'final_report.no')],
    [t('final_report.vote.outcome'), vote.outcome],
    [t('final_report.vote.closed'), formatTimeIn(language, vote.closedAt, { longDate: true })],
    [
      t('final_report.vote.hash'),
      vote.intact ? vote.ballotsHash : `${vote.ballotsHash} ${t('final_report.vote.not_intact')}`,
    ],
  ];
}

export function minorityLine(
  statement: { author: string | null; signatories: string[]; unnamed: number },
  t: Translate,
): string {
  const author = statement.author ?? t('final_report.author_unknown');
  const line =
    statement.signatories.length > 0
      ? t('final_report.minority_signed', { author, names: statement.signatories.join(', ') })
      : t('final_report.minority_by', { author });
  return statement.unnamed > 0
    ? `${line} ${t('final_report.minority_unnamed', { count: statement.unnamed })}`
    : line;
}

export function expertLine(e: FinalReport['experts'][number], t: Translate): string {
  const who = [e.name, e.organisation].filter(Boolean).join(', ');
  const interests =
    e.noneDeclared || !e.interests.trim()
      ? t('final_report.interests_none')
      : t('final_report.interests', { interests: e.interests });
  return `${who}${e.topic ? ` – ${e.topic}` : ''}. ${interests}`;
}

export function evidenceLine(e: FinalReport['evidence'][number], language: string, t: Translate): string {
  const about = [e.source, e.publishedOn ? formatDateIn(language, e.publishedOn) : '']
    .filter(Boolean)
    .join(', ');
  return `${e.title}${about ? ` (${about})` : ''}${e.link ? ` ${e.link}` : ''}${e.perspective ? ` – ${t('final_report.perspective', { perspective: e.perspective })}` : ''}`;
}

export function requestLine(r: FinalReport['requests'][number], language: string, t: Translate): string {
  const head = t('final_report.request_line', {
    kind: t(`final_report.request_kind.${r.kind}`),
    when: formatDateIn(language, r.askedAt),
    status: t(`final_report.request_status.${r.status}`),
  });
  return `${head}: ${r.question}${r.answer ? ` — ${r.answer}` : ''}`;
}
