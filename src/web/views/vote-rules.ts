/**
 * A vote's rule, quorum and abstentions in words, as the staff's vote pages, the projector and the
 * public page state them (the final report, a PDF in a given language, words its own from the same
 * catalogue keys).
 */
import type { Fraction, VoteSettings } from '../../voting/model.ts';
import type { Ctx } from '../env.ts';
import { formatPercent } from './time.ts';

/** A share as people say it: 80 %, or 2/3 when it is not a whole percentage. */
export function shareText(c: Ctx, fraction: Fraction): string {
  const percent = (fraction.numerator * 100) / fraction.denominator;
  return Number.isInteger(percent)
    ? formatPercent(c, percent / 100, 0)
    : `${fraction.numerator}/${fraction.denominator}`;
}

/** One sentence each for the rule, the quorum and (where they matter) abstentions. */
export function ruleWords(c: Ctx, vote: Pick<VoteSettings, 'rule' | 'quorum' | 'abstentions'>): string[] {
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
