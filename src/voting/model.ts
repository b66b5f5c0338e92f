/**
 * What a vote is, without I/O: its rule, quorum, how abstentions count, secrecy, its open and close
 * times, and the ballots members cast through any channel. The ballot box (ballots.ts), the tally
 * (tally.ts) and the double entry of paper ballots (paper.ts) all read these types, so that the pages,
 * storage and channels built later share one meaning of "adopted".
 *
 * Times are instants in milliseconds since the epoch, passed in by the caller: the core never reads a
 * clock, so a vote replays the same way in a test, on the projector and in the final report.
 * Fractions are pairs of integers and every threshold is compared in integers (yes·den ≥ num·base):
 * 47 of 59 is 79.66 %, not "about 80 %", and a float must never turn it into an adoption.
 */

/** A share such as ⅔ (2/3) or 80 % (4/5). Whole numbers, 0 < numerator ≤ denominator. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** Whose share a supermajority is measured against. */
export type SupermajorityBase = 'cast' | 'present';

/**
 * How a vote is decided.
 * - `majority`: more yes than no (with abstentions counted as cast: yes is more than half of the votes cast).
 * - `supermajority`: yes is at least `fraction` of the votes cast, or of the members present.
 * - `consent`: adopted unless someone objects; objections carry reasons.
 * - `gradient`: members grade from 1 to `scale` (5 or 8); adopted when the share of grades at or above
 *   `level` is at least `fraction`.
 */
export type VoteRule =
  | { kind: 'majority' }
  | { kind: 'supermajority'; fraction: Fraction; base: SupermajorityBase }
  | { kind: 'consent' }
  | { kind: 'gradient'; scale: 5 | 8; level: number; fraction: Fraction };

/** The least participation for a result to stand: a number of ballots, or a share of those eligible. */
export type Quorum =
  | { kind: 'none' }
  | { kind: 'ballots'; minimum: number }
  | { kind: 'share'; fraction: Fraction };

/**
 * Whether an abstention is a vote cast (it then weighs like a no against a share of votes cast) or is
 * left out of the count. Abstentions always count towards the quorum: the member took part.
 */
export type AbstentionRule = 'cast' | 'not_cast';

/** Named votes show who chose what once closed; secret ones never do (objections keep only their reasons). */
export type Secrecy = 'secret' | 'named';

export interface VoteSettings {
  rule: VoteRule;
  quorum: Quorum;
  abstentions: AbstentionRule;
  secrecy: Secrecy;
  /** Ballots are taken from this instant (included) … */
  opensAt: number;
  /** … up to this instant (excluded). */
  closesAt: number;
  /** Whether a member may change her vote until the vote closes (through the channel she first used). */
  changesAllowed: boolean;
}

export const channels = ['phone', 'tablet', 'paper', 'online'] as const;
/** Where a ballot came from: her own phone, the table's tablet, a paper ballot typed in, or online. */
export type Channel = (typeof channels)[number];

/** What a member chose. Which kinds a vote takes depends on its rule (see `choiceFits`). */
export type Choice =
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'abstain' }
  | { kind: 'objection'; reason: string }
  | { kind: 'consent' }
  | { kind: 'grade'; level: number };

export interface Ballot {
  member: string;
  choice: Choice;
  channel: Channel;
  /** When it was cast (for paper, when the stack was collected in the room, not when it was typed in). */
  at: number;
}

/** Whether two choices are the same choice (the same kind, reason and level). */
export function sameChoice(a: Choice, b: Choice): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'objection' && b.kind === 'objection') return a.reason === b.reason;
  if (a.kind === 'grade' && b.kind === 'grade') return a.level === b.level;
  return true;
}

/** Whether a fraction is well formed: whole numbers, 0 < numerator ≤ denominator. */
export function isFraction(f: Fraction): boolean {
  return (
    Number.isSafeInteger(f.numerator) &&
    Number.isSafeInteger(f.denominator) &&
    f.numerator > 0 &&
    f.numerator <= f.denominator
  );
}

/** Whether `part` is at least `fraction` of `whole`, in integers: part·den ≥ num·whole. */
export function reachesShare(part: number, whole: number, fraction: Fraction): boolean {
  return BigInt(part) * BigInt(fraction.denominator) >= BigInt(fraction.numerator) * BigInt(whole);
}

/** The least whole number that is at least `fraction` of `whole`: the threshold line. */
export function shareNeeded(whole: number, fraction: Fraction): number {
  const num = BigInt(fraction.numerator) * BigInt(whole);
  const den = BigInt(fraction.denominator);
  return Number((num + den - 1n) / den);
}

/** Whether a choice is one this vote's rule takes (an objection needs a reason; a grade lies on the scale). */
export function choiceFits(rule: VoteRule, choice: Choice): boolean {
  if (choice.kind === 'abstain') return true;
  switch (rule.kind) {
    case 'majority':
    case 'supermajority':
      return choice.kind === 'yes' || choice.kind === 'no';
    case 'consent':
      return choice.kind === 'consent' || (choice.kind === 'objection' && choice.reason.trim() !== '');
    case 'gradient':
      return (
        choice.kind === 'grade' &&
        Number.isInteger(choice.level) &&
        choice.level >= 1 &&
        choice.level <= rule.scale
      );
  }
}

export const settingsProblemCodes = [
  'fraction_invalid',
  'level_off_scale',
  'quorum_invalid',
  'closes_before_opening',
] as const;
export type SettingsProblem = (typeof settingsProblemCodes)[number];

/** The problems with a vote's settings, as message keys under `voting.settings`; empty when sound. */
export function settingsProblems(settings: VoteSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const { rule, quorum } = settings;
  if ((rule.kind === 'supermajority' || rule.kind === 'gradient') && !isFraction(rule.fraction))
    problems.push('fraction_invalid');
  if (
    rule.kind === 'gradient' &&
    !(Number.isInteger(rule.level) && rule.level >= 1 && rule.level <= rule.scale)
  )
    problems.push('level_off_scale');
  if (quorum.kind === 'share' && !isFraction(quorum.fraction)) problems.push('quorum_invalid');
  if (quorum.kind === 'ballots' && !(Number.isSafeInteger(quorum.minimum) && quorum.minimum >= 0))
    problems.push('quorum_invalid');
  if (!(settings.opensAt < settings.closesAt)) problems.push('closes_before_opening');
  return problems;
}

/**
 * A share as organisers type it: a percentage ("80", "80 %", "66,7 %" is refused: a share is exact) or
 * a fraction ("2/3"). Null when it is neither, or not above zero and at most the whole.
 */
export function parseShare(text: string): Fraction | null {
  const typed = text.trim().replace(/\s+/g, '');
  const percent = /^(\d{1,3})%?$/.exec(typed);
  const fraction = /^(\d{1,6})\/(\d{1,6})$/.exec(typed);
  const share: Fraction | null = percent
    ? { numerator: Number(percent[1]), denominator: 100 }
    : fraction
      ? { numerator: Number(fraction[1]), denominator: Number(fraction[2]) }
      : null;
  if (!share || !isFraction(share)) return null;
  const divisor = gcd(share.numerator, share.denominator);
  return { numerator: share.numerator / divisor, denominator: share.denominator / divisor };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
