/**
 * The ballot box of one vote: one ballot per member, whatever the channel. Every channel (her phone,
 * the table's tablet, paper typed in, online) hands its ballot to `acceptBallot`, which either takes it
 * — replacing her earlier ballot when the vote allows a change — or refuses it with a code the pages
 * turn into words (`voting.refusal.<code>`). The box is a plain value: storage keeps it, this decides.
 */
import { type Ballot, choiceFits, sameChoice, type VoteSettings } from './model.ts';

export const refusalCodes = [
  'not_eligible',
  'not_open',
  'closed',
  'other_channel',
  'change_not_allowed',
  'invalid_choice',
  'superseded',
] as const;
/** Why a ballot was not taken. */
export type RefusalCode = (typeof refusalCodes)[number];

/** What the box needs to know beyond its ballots. */
export interface BallotContext {
  settings: VoteSettings;
  /** Who may vote: confirmed members, or for an in-room vote those present at the session. */
  eligible: ReadonlySet<string>;
  /** When an organiser closed the vote before its planned close, if she did. */
  closedAt?: number;
}

/** The ballots counted so far, one per member. */
export type BallotBox = ReadonlyMap<string, Ballot>;

export type BallotOutcome =
  /**
   * `replaced` is her earlier ballot when this one changed it; `repeated` is true when she sent the
   * same choice through the same channel again (a double tap, a retried request): nothing changes,
   * the first ballot and its time stand, and she gets her receipt rather than an error.
   */
  | { accepted: true; box: BallotBox; replaced: Ballot | null; repeated: boolean }
  | { accepted: false; refusal: RefusalCode };

export const emptyBox: BallotBox = new Map();

/** The instant from which no ballot is taken: the planned close, or an earlier close by an organiser. */
export function closingInstant(context: BallotContext): number {
  const planned = context.settings.closesAt;
  return context.closedAt === undefined ? planned : Math.min(planned, context.closedAt);
}

/**
 * Takes `ballot` into `box`, or says why not. A member who has voted keeps her channel: a paper voter
 * cannot vote again online and the other way round, and a change, when allowed, comes through the
 * channel she first used (so a second device never silently overrides the first).
 */
export function acceptBallot(box: BallotBox, ballot: Ballot, context: BallotContext): BallotOutcome {
  const earlier = box.get(ballot.member) ?? null;
  if (earlier && isRepeat(earlier, ballot) && ballot.at < closingInstant(context))
    return { accepted: true, box, replaced: null, repeated: true };
  const refusal = refusalOf(box, ballot, context);
  if (refusal) return { accepted: false, refusal };
  const next = new Map(box);
  next.set(ballot.member, ballot);
  return { accepted: true, box: next, replaced: earlier, repeated: false };
}

function isRepeat(earlier: Ballot, ballot: Ballot): boolean {
  return earlier.channel === ballot.channel && sameChoice(earlier.choice, ballot.choice);
}

function refusalOf(box: BallotBox, ballot: Ballot, context: BallotContext): RefusalCode | null {
  if (!context.eligible.has(ballot.member)) return 'not_eligible';
  if (ballot.at < context.settings.opensAt) return 'not_open';
  if (ballot.at >= closingInstant(context)) return 'closed';
  if (!choiceFits(context.settings.rule, ballot.choice)) return 'invalid_choice';
  const earlier = box.get(ballot.member);
  if (!earlier) return null;
  if (earlier.channel !== ballot.channel) return 'other_channel';
  if (!context.settings.changesAllowed) return 'change_not_allowed';
  // A request delayed on the way (a retry on a poor connection) must not undo a later change.
  if (ballot.at < earlier.at) return 'superseded';
  return null;
}

/**
 * Puts a sequence of ballots through the box in the order given, keeping the refusals beside the
 * member they concern: what a replay of stored ballot attempts, or a test, needs.
 */
export function collectBallots(
  ballots: readonly Ballot[],
  context: BallotContext,
): { box: BallotBox; refused: { ballot: Ballot; refusal: RefusalCode }[] } {
  let box: BallotBox = emptyBox;
  const refused: { ballot: Ballot; refusal: RefusalCode }[] = [];
  for (const ballot of ballots) {
    const outcome = acceptBallot(box, ballot, context);
    if (outcome.accepted) box = outcome.box;
    else refused.push({ ballot, refusal: outcome.refusal });
  }
  return { box, refused };
}
