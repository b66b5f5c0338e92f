/** Pieces the vote pages share: a rule in words, a state, a choice, and a closed vote's result. */
import type { VoteState } from '../../../../queries/votes.ts';
import type { VoteOptions } from '../../../../repositories/votes.ts';
import type { Choice } from '../../../../voting/model.ts';
import type { Tally } from '../../../../voting/tally.ts';
import type { Ctx } from '../../../env.ts';
import { BarChart } from '../../../views/charts.tsx';
import { formatNumber } from '../../../views/time.ts';
import { ruleWords } from '../../../views/vote-rules.ts';

export function base(c: Ctx): string {
  return `/a/${c.var.assembly.id}/votes`;
}

/** The rule, quorum, abstentions, secrecy and changes of a vote, one sentence each. */
export function ruleLines(c: Ctx, options: VoteOptions): string[] {
  const t = c.var.t;
  const lines = ruleWords(c, options);
  lines.push(
    t(`votes.secrecy_${options.secrecy}`),
    t(options.changesAllowed ? 'votes.changes_yes' : 'votes.changes_no'),
  );
  return lines;
}

export function stateText(c: Ctx, state: VoteState): string {
  return c.var.t(`votes.state_${state}`);
}

export function choiceText(c: Ctx, choice: Choice): string {
  const t = c.var.t;
  if (choice.kind === 'grade') return t('votes.choice_grade', { level: choice.level });
  if (choice.kind === 'objection') return t('votes.choice_objection', { reason: choice.reason });
  return t(`votes.choice_${choice.kind}`);
}

/** Adopted or not, and why, in one sentence from the voting core's reasons. */
export function outcomeText(c: Ctx, tally: Tally): string {
  const t = c.var.t;
  if (tally.reason === 'quorum_missed')
    return t('voting.reason.quorum_missed', { ballots: tally.ballots, needed: tally.quorum.needed });
  if (tally.reason === 'objected') return t('voting.reason.objected', { count: tally.objections.length });
  return t(`voting.reason.${tally.reason}`, {
    support: tally.support,
    base: tally.base,
    needed: tally.needed,
  });
}

/** The bars of a result: yes/no/abstain, consent/objections, or the grades given. */
function resultBars(c: Ctx, tally: Tally) {
  const t = c.var.t;
  if (tally.distribution)
    return tally.distribution.map((n, i) => ({ label: t('votes.choice_grade', { level: i + 1 }), value: n }));
  if (tally.consent > 0 || tally.objections.length > 0)
    return [
      { label: t('votes.choice_consent'), value: tally.consent },
      { label: t('votes.objections'), value: tally.objections.length },
      { label: t('votes.choice_abstain'), value: tally.abstain },
    ];
  return [
    { label: t('votes.choice_yes'), value: tally.yes },
    { label: t('votes.choice_no'), value: tally.no },
    { label: t('votes.choice_abstain'), value: tally.abstain },
  ];
}

/** A closed vote's result: the outcome sentence, the chart with its threshold line, the figures. */
export function ResultBlock(props: { c: Ctx; tally: Tally; options: VoteOptions }) {
  const { c, tally } = props;
  const t = c.var.t;
  const gradient = props.options.rule.kind === 'gradient';
  const threshold =
    props.options.rule.kind === 'consent' || gradient
      ? undefined
      : { value: tally.needed, label: t('votes.threshold_line', { needed: tally.needed, base: tally.base }) };
  return (
    <div class="vote-result">
      <p class={tally.adopted ? 'vote-outcome adopted' : 'vote-outcome not-adopted'}>
        <strong>{outcomeText(c, tally)}</strong>
      </p>
      <BarChart title={t('votes.result_chart')} data={resultBars(c, tally)} threshold={threshold} />
      <p>
        {t('votes.ballots_counted', { count: tally.ballots })}{' '}
        {gradient
          ? t('votes.gradient_support', {
              support: formatNumber(c, tally.support),
              base: formatNumber(c, tally.base),
              needed: formatNumber(c, tally.needed),
            })
          : null}
      </p>
      {tally.objections.length > 0 ? (
        <>
          <h3>{t('votes.objections')}</h3>
          <ul>
            {tally.objections.map((o) => (
              <li>{o.reason}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
