/**
 * Double entry of paper ballots: two staff type the same stack, independently. Each paper ballot is
 * numbered and handed out against a member's name, so an entry line reads "ballot number, member,
 * choice". The two entries are compared ballot by ballot; only lines both typed alike become ballots,
 * and every difference is listed for a third look (someone takes the paper ballot out of the stack,
 * corrects the wrong entry, and the entries are compared again).
 */
import { type Ballot, type Choice, sameChoice } from './model.ts';

/** One paper ballot as one member of staff typed it. */
export interface PaperEntry {
  /** The number printed on the paper ballot. */
  sheet: string;
  member: string;
  choice: Choice;
}

/** Why a paper ballot needs a third look (message key `voting.paper.<kind>`). */
export const paperMismatchKinds = [
  'differs',
  'only_first',
  'only_second',
  'sheet_twice',
  'member_twice',
] as const;
export type PaperMismatchKind = (typeof paperMismatchKinds)[number];

export interface PaperMismatch {
  kind: PaperMismatchKind;
  sheet: string;
  first: PaperEntry | null;
  second: PaperEntry | null;
}

export interface PaperComparison {
  /** Lines typed alike in both entries, in sheet order. */
  matching: PaperEntry[];
  /** Lines that need a third look, in sheet order. */
  mismatches: PaperMismatch[];
}

/** Staff may type a space more or less around an objection's reason; that is no mismatch. */
function trimmedChoice(choice: Choice): Choice {
  return choice.kind === 'objection' ? { kind: 'objection', reason: choice.reason.trim() } : choice;
}

function bySheet(entries: readonly PaperEntry[]): { lines: Map<string, PaperEntry>; twice: Set<string> } {
  const lines = new Map<string, PaperEntry>();
  const twice = new Set<string>();
  for (const entry of entries) {
    const sheet = entry.sheet.trim();
    if (lines.has(sheet)) twice.add(sheet);
    else lines.set(sheet, { sheet, member: entry.member.trim(), choice: trimmedChoice(entry.choice) });
  }
  return { lines, twice };
}

const sheetOrder = (a: string, b: string) => a.localeCompare(b, 'sv', { numeric: true });

/**
 * Compares the first and second entry of one stack. A sheet typed twice in one entry, or one member on
 * two sheets, is never accepted: either would let one member's vote count twice.
 */
export function compareEntries(first: readonly PaperEntry[], second: readonly PaperEntry[]): PaperComparison {
  const a = bySheet(first);
  const b = bySheet(second);
  const sheets = [...new Set([...a.lines.keys(), ...b.lines.keys()])].sort(sheetOrder);
  const matching: PaperEntry[] = [];
  const mismatches: PaperMismatch[] = [];
  for (const sheet of sheets) {
    const one = a.lines.get(sheet) ?? null;
    const two = b.lines.get(sheet) ?? null;
    const kind: PaperMismatchKind | null =
      a.twice.has(sheet) || b.twice.has(sheet)
        ? 'sheet_twice'
        : !two
          ? 'only_first'
          : !one
            ? 'only_second'
            : one.member !== two.member || !sameChoice(one.choice, two.choice)
              ? 'differs'
              : null;
    if (kind) mismatches.push({ kind, sheet, first: one, second: two });
    else if (one) matching.push(one);
  }
  return withoutMemberTwice(matching, mismatches);
}

function withoutMemberTwice(matching: PaperEntry[], mismatches: PaperMismatch[]): PaperComparison {
  const sheetsOf = new Map<string, number>();
  for (const entry of matching) sheetsOf.set(entry.member, (sheetsOf.get(entry.member) ?? 0) + 1);
  const kept = matching.filter((entry) => sheetsOf.get(entry.member) === 1);
  const twice = matching
    .filter((entry) => sheetsOf.get(entry.member)! > 1)
    .map(
      (entry): PaperMismatch => ({ kind: 'member_twice', sheet: entry.sheet, first: entry, second: entry }),
    );
  return {
    matching: kept,
    mismatches: [...mismatches, ...twice].sort((x, y) => sheetOrder(x.sheet, y.sheet)),
  };
}

/** The matching lines as ballots through the paper channel, cast when the stack was collected. */
export function paperBallots(matching: readonly PaperEntry[], collectedAt: number): Ballot[] {
  return matching.map((entry) => ({
    member: entry.member,
    choice: entry.choice,
    channel: 'paper',
    at: collectedAt,
  }));
}
