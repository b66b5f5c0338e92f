/** Pieces the public page, its CSV files and its feed share: dates, texts per language, rules in words. */
import { labelIn } from '../../../../domain/questions.ts';
import type { PublicVote } from '../../../../queries/public-page.ts';
import type { LocalText } from '../../../../repositories/assemblies.ts';
import type { Ctx } from '../../../env.ts';
import { formatDate } from '../../../views/time.ts';
import { shareText } from '../../votes/views/parts.tsx';

export function local(c: Ctx, text: LocalText): string {
  return labelIn(text, c.var.lang);
}

export function publicPath(slug: string): string {
  return `/public/${encodeURIComponent(slug)}`;
}

/** "Published 3 March 2027" beside a section or item; "Not yet published" when it never was. */
export function Published(props: { c: Ctx; at: string | null }) {
  const { c, at } = props;
  const t = c.var.t;
  return (
    <p class="published-date">
      {at ? (
        <>
          {t('public_page.published')} <time datetime={at}>{formatDate(c, at.slice(0, 10))}</time>
        </>
      ) : (
        t('public_page.not_yet_published')
      )}
    </p>
  );
}

/** The rule, quorum and abstentions of a vote, in words (the vote pages' sentences). */
export function ruleWords(c: Ctx, vote: PublicVote): string[] {
  const t = c.var.t;
  const { rule, quorum } = vote;
  const lines = [
    rule.kind === 'supermajority'
      ? t(`votes.rule_supermajority_${rule.base}`, { share: shareText(c, rule.fraction) })
      : rule.kind === 'gradient'
        ? t('votes.rule_gradient', {
            share: shareText(c, rule.fraction),
            level: rule.level,
            scale: rule.scale,
          })
        : t(`votes.rule_${rule.kind}`),
    quorum.kind === 'none'
      ? t('votes.quorum_none')
      : quorum.kind === 'ballots'
        ? t('votes.quorum_ballots', { count: quorum.minimum })
        : t('votes.quorum_share', { share: shareText(c, quorum.fraction) }),
  ];
  if (rule.kind === 'majority' || rule.kind === 'supermajority')
    lines.push(t(`votes.abstentions_${vote.abstentions}`));
  return lines;
}

/** Adopted or not, in a word. */
export function outcomeWord(c: Ctx, vote: PublicVote): string {
  return c.var.t(vote.adopted ? 'public_page.adopted' : 'public_page.not_adopted');
}
