/**
 * The result of a vote, always recomputed from its ballots: the counts, the distribution of grades,
 * whether the quorum was met, the threshold line, and adopted or not with the reason. Closing a vote
 * freezes this tally together with `ballotsHash` of its ballots, so anyone can later recompute both
 * and see that nothing was added, removed or changed.
 *
 * Every comparison is in integers (see model.ts): 47 yes of 59 votes cast is below 80 %.
 */
import { createHash } from 'node:crypto';
import {
  type Ballot,
  choiceFits,
  type Fraction,
  reachesShare,
  shareNeeded,
  type VoteSettings,
} from './model.ts';

/** Why the vote came out as it did (message key `voting.reason.<code>`). */
export const tallyReasons = [
  'quorum_missed',
  'no_votes',
  'threshold_reached',
  'threshold_missed',
  'no_objection',
  'objected',
] as const;
export type TallyReason = (typeof tallyReasons)[number];

/** An objection under the consent rule; the member is named only in a named vote. */
export interface Objection {
  reason: string;
  member: string | null;
}

export interface Tally {
  /** Ballots counted, one per member, abstentions included. */
  ballots: number;
  yes: number;
  no: number;
  abstain: number;
  consent: number;
  objections: Objection[];
  /** Under the gradient rule, how many chose each level: index 0 is level 1. Otherwise null. */
  distribution: number[] | null;
  quorum: { met: boolean; needed: number };
  /** What the threshold is measured against: votes cast, members present, or grades given. */
  base: number;
  /** Yes votes, grades at or above the level, or (under consent) objections. */
  support: number;
  /** The threshold line: the least support that adopts (under consent, the most objections: 0). */
  needed: number;
  adopted: boolean;
  reason: TallyReason;
}

export interface TallyInput {
  settings: VoteSettings;
  ballots: readonly Ballot[];
  /** How many members were eligible to vote (the base of a quorum given as a share). */
  eligible: number;
  /** How many members were present; needed when a supermajority is measured against those present. */
  present?: number;
}

/** A tally asked of data no ballot box would produce: a programming error, not a member's doing. */
export class TallyInputError extends Error {}

/** Counts the ballots and decides the vote under its rule. */
export function tallyVote(input: TallyInput): Tally {
  const { settings } = input;
  const counts = countChoices(input);
  const quorumNeeded = quorumLine(settings, input.eligible);
  const quorum = { met: counts.ballots >= quorumNeeded, needed: quorumNeeded };
  const line = thresholdLine(input, counts);
  const decided = decide(settings, counts, line);
  const adopted = quorum.met && decided.adopted;
  const reason: TallyReason = quorum.met ? decided.reason : 'quorum_missed';
  return { ...counts, quorum, ...line, adopted, reason };
}

type Counts = Pick<Tally, 'ballots' | 'yes' | 'no' | 'abstain' | 'consent' | 'objections' | 'distribution'>;

function countChoices({ settings, ballots }: TallyInput): Counts {
  const seen = new Set<string>();
  const rule = settings.rule;
  const counts: Counts = {
    ballots: 0,
    yes: 0,
    no: 0,
    abstain: 0,
    consent: 0,
    objections: [],
    distribution: rule.kind === 'gradient' ? new Array(rule.scale).fill(0) : null,
  };
  for (const { member, choice } of ballots) {
    if (seen.has(member)) throw new TallyInputError(`two ballots for one member in one vote`);
    if (!choiceFits(rule, choice)) throw new TallyInputError(`a choice the vote's rule does not take`);
    seen.add(member);
    counts.ballots++;
    if (choice.kind === 'yes') counts.yes++;
    else if (choice.kind === 'no') counts.no++;
    else if (choice.kind === 'abstain') counts.abstain++;
    else if (choice.kind === 'consent') counts.consent++;
    else if (choice.kind === 'objection')
      counts.objections.push({ reason: choice.reason, member: settings.secrecy === 'named' ? member : null });
    else if (counts.distribution) counts.distribution[choice.level - 1]++;
  }
  // Reasons in a stable order, so that a secret vote's objections do not reveal who voted when.
  counts.objections.sort(
    (a, b) => compareText(a.reason, b.reason) || compareText(a.member ?? '', b.member ?? ''),
  );
  return counts;
}

function quorumLine(settings: VoteSettings, eligible: number): number {
  const quorum = settings.quorum;
  if (quorum.kind === 'none') return 0;
  if (quorum.kind === 'ballots') return quorum.minimum;
  return shareNeeded(eligible, quorum.fraction);
}

function thresholdLine(input: TallyInput, counts: Counts): Pick<Tally, 'base' | 'support' | 'needed'> {
  const { rule, abstentions } = input.settings;
  const abstain = abstentions === 'cast' ? counts.abstain : 0;
  switch (rule.kind) {
    case 'majority': {
      const base = counts.yes + counts.no + abstain;
      return { base, support: counts.yes, needed: Math.floor(base / 2) + 1 };
    }
    case 'supermajority': {
      const base = rule.base === 'present' ? presentCount(input, counts) : counts.yes + counts.no + abstain;
      return { base, support: counts.yes, needed: neededShare(base, rule.fraction) };
    }
    case 'consent':
      return {
        base: counts.consent + counts.objections.length + abstain,
        support: counts.objections.length,
        needed: 0,
      };
    case 'gradient': {
      const grades = counts.distribution ?? [];
      const base = grades.reduce((sum, n) => sum + n, 0) + abstain;
      const support = grades.slice(rule.level - 1).reduce((sum, n) => sum + n, 0);
      return { base, support, needed: neededShare(base, rule.fraction) };
    }
  }
}

/** A share of nothing is still one vote: no vote is adopted by an empty room. */
function neededShare(base: number, fraction: Fraction): number {
  return Math.max(1, shareNeeded(base, fraction));
}

function presentCount(input: TallyInput, counts: Counts): number {
  if (input.present === undefined) throw new TallyInputError('a share of members present needs their number');
  if (input.present < counts.ballots) throw new TallyInputError('more ballots than members present');
  return input.present;
}

function decide(
  settings: VoteSettings,
  counts: Counts,
  line: Pick<Tally, 'base' | 'support' | 'needed'>,
): { adopted: boolean; reason: TallyReason } {
  const rule = settings.rule;
  if (rule.kind === 'consent') {
    if (counts.ballots === 0) return { adopted: false, reason: 'no_votes' };
    return line.support === 0
      ? { adopted: true, reason: 'no_objection' }
      : { adopted: false, reason: 'objected' };
  }
  if (line.base === 0) return { adopted: false, reason: 'no_votes' };
  const adopted =
    rule.kind === 'majority'
      ? line.support >= line.needed
      : reachesShare(line.support, line.base, rule.fraction);
  return adopted ? { adopted, reason: 'threshold_reached' } : { adopted, reason: 'threshold_missed' };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One ballot as one line of text: a JSON array, so no choice of characters can blur two fields. */
function canonicalBallot(ballot: Ballot): string {
  const { choice } = ballot;
  const detail = choice.kind === 'objection' ? choice.reason : choice.kind === 'grade' ? choice.level : null;
  return JSON.stringify([ballot.member, ballot.channel, ballot.at, choice.kind, detail]);
}

/**
 * SHA-256 (hex) of the ballots in a canonical form: each ballot as one line, the lines sorted, so the
 * order the ballots arrived or are stored in does not matter, while any change to any ballot does.
 */
export function ballotsHash(ballots: readonly Ballot[]): string {
  const lines = ballots.map(canonicalBallot).sort(compareText);
  return createHash('sha256')
    .update(`lotta-ballots-v1\n${lines.join('\n')}`, 'utf8')
    .digest('hex');
}

/** A tally frozen at closing, with the hash of the ballots it was computed from. */
export interface FrozenTally {
  tally: Tally;
  hash: string;
}

/** Freezes a vote at closing: the tally and the hash of its ballots, taken together. */
export function freezeTally(input: TallyInput): FrozenTally {
  return { tally: tallyVote(input), hash: ballotsHash(input.ballots) };
}

/** Whether the stored ballots are still the ones the frozen tally was computed from. */
export function matchesFrozen(frozen: FrozenTally, ballots: readonly Ballot[]): boolean {
  return ballotsHash(ballots) === frozen.hash;
}
