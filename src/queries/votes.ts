/**
 * What the staff's vote pages and the projector read: the assembly's votes with their state and
 * turnout, the choices for setting one up, and one vote in full — its subject, its turnout while open
 * (never its result), its result once closed (recomputed from the ballots and checked against the
 * tally frozen at closing), who chose what in a named vote, and its paper stacks with the comparison
 * of their two typings.
 */
import { listConfirmedMembers } from '../repositories/attendance.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  type Amendment,
  findAmendment,
  findRecommendation,
  listAmendments,
  listRecommendations,
  type Recommendation,
} from '../repositories/recommendations.ts';
import { findSession, listSessions } from '../repositories/sessions.ts';
import {
  countBallots,
  findVote,
  listBallots,
  listPaperStacks,
  listPaperTypings,
  listVotes,
  type PaperStack,
  type PaperTyping,
  type StoredBallot,
  type Vote,
  voteRoll,
  votingContext,
} from '../repositories/votes.ts';
import { acceptBallot, type RefusalCode } from '../voting/ballots.ts';
import type { Choice } from '../voting/model.ts';
import { compareEntries, type PaperComparison } from '../voting/paper.ts';
import type { Tally } from '../voting/tally.ts';
import { closedVoteResult, type VoteResult } from './vote-results.ts';

export type { Vote };

/** draft: not opened; open: taking ballots; ended: its time is up, not yet closed; closed: frozen. */
export type VoteState = 'draft' | 'open' | 'ended' | 'closed';

export function voteState(vote: Vote, now: number): VoteState {
  if (vote.closedAt) return 'closed';
  if (!vote.opensAt || !vote.closesAt) return 'draft';
  return now < Date.parse(vote.closesAt) ? 'open' : 'ended';
}

export interface VoteListItem {
  vote: Vote;
  state: VoteState;
  ballots: number;
  /** The frozen result of a closed vote; null before. */
  result: Tally | null;
}

/** Every vote of the assembly, newest first, with its state, turnout and (once closed) result. */
export async function votesOverview(db: Executor, assemblyId: string, now: number): Promise<VoteListItem[]> {
  const votes = await listVotes(db, assemblyId);
  const counts = await countBallots(
    db,
    votes.map((v) => v.id),
  );
  return votes.map((vote) => ({
    vote,
    state: voteState(vote, now),
    ballots: counts.get(vote.id) ?? 0,
    result: vote.frozen?.tally ?? null,
  }));
}

export interface VoteFormChoices {
  recommendations: Recommendation[];
  amendments: (Amendment & { recommendationTitle: string })[];
  sessions: { id: string; title: { sv: string; en: string }; startsAt: string }[];
}

/** What a new vote can be about, and the sessions it can be taken at. */
export async function voteFormChoices(db: Executor, assemblyId: string): Promise<VoteFormChoices> {
  const recommendations = (await listRecommendations(db, assemblyId)).filter((r) => r.status !== 'withdrawn');
  const amendments: VoteFormChoices['amendments'] = [];
  for (const recommendation of recommendations) {
    for (const amendment of await listAmendments(db, recommendation.id))
      if (amendment.status === 'open' || amendment.status === 'plenary')
        amendments.push({ ...amendment, recommendationTitle: recommendation.title });
  }
  const sessions = (await listSessions(db, assemblyId)).map((s) => ({
    id: s.id,
    title: s.title,
    startsAt: s.startsAt,
  }));
  return { recommendations, amendments, sessions };
}

/** One paper ballot line both typings agree on, and what became of it. */
export interface PaperLine {
  sheet: string;
  member: string;
  choice: Choice;
  /** Counted as her ballot; not yet counted (typed in after the vote closed); or why it was refused. */
  outcome: 'counted' | 'pending' | RefusalCode;
}

export interface PaperStackView {
  stack: PaperStack;
  first: PaperTyping | null;
  second: PaperTyping | null;
  comparison: PaperComparison | null;
  lines: PaperLine[];
}

export interface VoteDetail {
  vote: Vote;
  state: VoteState;
  recommendation: Recommendation | null;
  amendment: Amendment | null;
  session: { id: string; title: { sv: string; en: string }; startsAt: string } | null;
  /** Ballots in the box and members who may vote (frozen at closing). */
  turnout: { ballots: number; eligible: number; present: number };
  /** Only once closed. */
  result: VoteResult | null;
  /** Only once closed, and only in a named vote: who chose what, by name. */
  named: { name: string; choice: Choice }[] | null;
  /** Members who may vote now, by name: for the paper typing form. */
  members: { id: string; name: string }[];
  stacks: PaperStackView[];
}

function paperLines(
  vote: Vote,
  comparison: PaperComparison,
  ballots: Map<string, StoredBallot>,
  eligible: ReadonlySet<string>,
  collectedAt: number,
): PaperLine[] {
  const context = votingContext(vote, eligible);
  return comparison.matching.map((entry) => {
    const stored = ballots.get(entry.member);
    const box = stored ? new Map([[entry.member, stored]]) : new Map();
    const outcome = acceptBallot(
      box,
      { member: entry.member, choice: entry.choice, channel: 'paper', at: collectedAt },
      context,
    );
    const counted = outcome.accepted && outcome.repeated;
    return {
      ...entry,
      outcome: counted ? 'counted' : outcome.accepted ? 'pending' : outcome.refusal,
    };
  });
}

async function stackViews(
  db: Executor,
  vote: Vote,
  ballots: Map<string, StoredBallot>,
  eligible: ReadonlySet<string>,
): Promise<PaperStackView[]> {
  const stacks = await listPaperStacks(db, vote.id);
  const typings = await listPaperTypings(
    db,
    stacks.map((s) => s.id),
  );
  return stacks.map((stack) => {
    const first = typings.find((t) => t.stackId === stack.id && t.round === 1) ?? null;
    const second = typings.find((t) => t.stackId === stack.id && t.round === 2) ?? null;
    const comparison = first && second ? compareEntries(first.lines, second.lines) : null;
    const lines = comparison ? paperLines(vote, comparison, ballots, eligible, stack.collectedAt) : [];
    return { stack, first, second, comparison, lines };
  });
}

/** One vote in full, as of `now`; null when the assembly has no such vote. */
export async function voteDetail(
  db: Executor,
  assemblyId: string,
  voteId: string,
  now: number,
): Promise<VoteDetail | null> {
  const vote = await findVote(db, assemblyId, voteId);
  if (!vote) return null;
  const state = voteState(vote, now);
  const recommendation = vote.recommendationId
    ? await findRecommendation(db, assemblyId, vote.recommendationId)
    : null;
  const amendment =
    recommendation && vote.amendmentId ? await findAmendment(db, recommendation.id, vote.amendmentId) : null;
  const session = vote.sessionId ? await findSession(db, assemblyId, vote.sessionId) : null;
  const [roll, stored, people] = await Promise.all([
    voteRoll(db, vote),
    listBallots(db, vote.id),
    listConfirmedMembers(db, assemblyId),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name ?? p.reference]));
  const result = state === 'closed' ? await closedVoteResult(db, vote) : null;
  const ballots = new Map(stored.map((b) => [b.member, b]));
  return {
    vote,
    state,
    recommendation,
    amendment,
    session: session ? { id: session.id, title: session.title, startsAt: session.startsAt } : null,
    turnout: {
      ballots: stored.length,
      eligible: vote.eligibleCount ?? roll.eligible.size,
      present: vote.presentCount ?? roll.present.size,
    },
    result,
    named:
      result && vote.options.secrecy === 'named'
        ? stored
            .map((b) => ({ name: names.get(b.member) ?? '', choice: b.choice }))
            .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
        : null,
    members: [...roll.eligible]
      .map((id) => ({ id, name: names.get(id) ?? id }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    stacks: await stackViews(db, vote, ballots, roll.eligible),
  };
}
