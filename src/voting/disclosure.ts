/**
 * What a vote may show, and when: while it is open only the turnout (never the result, so that no
 * one votes with the room's mood in view); once closed, the tally with its threshold line, and — in a
 * named vote only — who chose what. The projector view, the member's receipt and the final report all
 * ask here, so a secret vote cannot leak through one page that forgot.
 */
import { type BallotContext, closingInstant } from './ballots.ts';
import type { Ballot, Choice } from './model.ts';
import { type Tally, tallyVote } from './tally.ts';

export interface Turnout {
  ballots: number;
  eligible: number;
}

export type Disclosure =
  | { phase: 'not_open'; turnout: Turnout }
  | { phase: 'open'; turnout: Turnout }
  | { phase: 'closed'; turnout: Turnout; tally: Tally; named: { member: string; choice: Choice }[] | null };

/** What may be shown of a vote at the instant `now`, given its counted ballots. */
export function disclose(
  ballots: readonly Ballot[],
  context: BallotContext & { present?: number },
  now: number,
): Disclosure {
  const turnout = { ballots: ballots.length, eligible: context.eligible.size };
  if (now < context.settings.opensAt) return { phase: 'not_open', turnout };
  if (now < closingInstant(context)) return { phase: 'open', turnout };
  const tally = tallyVote({
    settings: context.settings,
    ballots,
    eligible: context.eligible.size,
    present: context.present,
  });
  const named =
    context.settings.secrecy === 'named'
      ? ballots
          .map(({ member, choice }) => ({ member, choice }))
          .sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0))
      : null;
  return { phase: 'closed', turnout, tally, named };
}
