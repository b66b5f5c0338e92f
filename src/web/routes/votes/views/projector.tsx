/**
 * The projector view of a vote, in large type for the room: while open only the turnout (how many of
 * those who may vote have voted), never the result; once closed the outcome with its threshold line.
 * It reloads itself every few seconds until the vote is closed, so nobody needs to touch it.
 */
import type { VoteDetail } from '../../../../queries/votes.ts';
import type { Ctx } from '../../../env.ts';
import { base, ResultBlock, ruleLines, stateText } from './parts.tsx';

export function ProjectorPage(props: { c: Ctx; detail: VoteDetail }) {
  const { c, detail } = props;
  const t = c.var.t;
  const { turnout, result } = detail;
  return (
    <div class="projector vote-projector">
      <h1>{detail.vote.question}</h1>
      <p class="projector-rule">{ruleLines(c, detail.vote.options)[0]}</p>
      {result ? (
        <ResultBlock c={c} tally={result.tally} options={detail.vote.options} />
      ) : (
        <>
          <p class="projector-state">{stateText(c, detail.state)}</p>
          <p class="projector-turnout" aria-live="polite">
            {t('votes.turnout_figure', { ballots: turnout.ballots, eligible: turnout.eligible })}
          </p>
          {detail.state === 'ended' ? <p>{t('votes.projector_ended')}</p> : null}
        </>
      )}
      <p>
        <a href={`${base(c)}/${detail.vote.id}`}>{t('votes.back')}</a>
      </p>
    </div>
  );
}
