/**
 * The results of an assembly's closed votes, as the final report and the public pages read them:
 * the tally recomputed from the stored ballots (never trusted from storage alone), with a check that
 * it still matches what was frozen at closing.
 */
import type { Executor } from '../repositories/executor.ts';
import { listBallots, listVotes, type Vote, voteSettings } from '../repositories/votes.ts';
import type { Ballot, VoteSettings } from '../voting/model.ts';
import { matchesFrozen, type Tally, tallyVote } from '../voting/tally.ts';

export interface VoteResult {
  id: string;
  recommendationId: string | null;
  amendmentId: string | null;
  question: string;
  settings: VoteSettings;
  tally: Tally;
  closedAt: string;
  ballotsHash: string;
  /** False when the stored ballots no longer hash to what was frozen at closing: shown as a warning. */
  intact: boolean;
  /** How many could vote in it (those present, or the whole panel online), frozen at closing. */
  eligible: number;
}

/** Recomputes a closed vote's tally from its ballots and checks it against the frozen one. */
export async function closedVoteResult(db: Executor, vote: Vote): Promise<VoteResult | null> {
  if (!vote.closedAt || !vote.frozen) return null;
  const ballots: Ballot[] = await listBallots(db, vote.id);
  const settings = voteSettings(vote);
  const tally = tallyVote({
    settings,
    ballots,
    eligible: vote.eligibleCount ?? 0,
    present: vote.presentCount ?? undefined,
  });
  return {
    id: vote.id,
    recommendationId: vote.recommendationId,
    amendmentId: vote.amendmentId,
    question: vote.question,
    settings,
    tally,
    closedAt: vote.closedAt,
    ballotsHash: vote.frozen.hash,
    intact: matchesFrozen(vote.frozen, ballots),
    eligible: vote.eligibleCount ?? 0,
  };
}

/** Every closed vote of the assembly, oldest first. */
export async function closedVoteResults(db: Executor, assemblyId: string): Promise<VoteResult[]> {
  const votes = (await listVotes(db, assemblyId)).filter((v) => v.closedAt).reverse();
  const results: VoteResult[] = [];
  for (const vote of votes) {
    const result = await closedVoteResult(db, vote);
    if (result) results.push(result);
  }
  return results;
}
