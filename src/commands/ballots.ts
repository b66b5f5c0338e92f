/**
 * The members' own channels into a vote: her phone (or online, from outside the room) through her
 * personal link, and the shared tablet at her table, where she confirms who she is with the code on
 * her name card. Each decides the channel or checks the code, then hands the ballot to the one ballot
 * box (`castBallot`), which keeps one ballot per member whatever the channel.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/connect.ts';
import { ownBallotChannel } from '../domain/ballot-channel.ts';
import { findAttendance } from '../repositories/attendance.ts';
import { findVote, listCardCodes } from '../repositories/votes.ts';
import type { Choice, VoteRule } from '../voting/model.ts';
import { type Actor, CommandError } from './command.ts';
import { type BallotReceipt, castBallot } from './votes.ts';

/** Her receipt, and the question it answers with its rule (the receipt page names her choice). */
export interface OwnBallotReceipt extends BallotReceipt {
  question: string;
  rule: VoteRule;
  choice: Choice;
}

/**
 * Her own ballot from her personal link: `phone` when she is marked present at the vote's session,
 * `online` when she is not in the room and the vote allows it (see `ownBallotChannel`).
 */
export async function castOwnBallot(
  database: Database,
  actor: Actor,
  assemblyId: string,
  input: { voteId: string; personId: string; choice: Choice },
): Promise<OwnBallotReceipt> {
  const vote = await findVote(database.db, assemblyId, input.voteId);
  if (!vote) throw new CommandError('not_found');
  const mark = vote.sessionId ? await findAttendance(database.db, vote.sessionId, input.personId) : null;
  const channel = ownBallotChannel(vote, mark?.status === 'present');
  if (!channel) throw new CommandError('vote_refused.not_eligible', 'choice');
  const receipt = await castBallot(database, actor, assemblyId, { ...input, channel });
  return { ...receipt, question: vote.question, rule: vote.options.rule, choice: input.choice };
}

function sameCode(typed: string, stored: string | undefined): boolean {
  if (stored === undefined) return false;
  const a = Buffer.from(typed);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A ballot on the table's tablet, taken by the staff member logged in on it for the member who typed
 * the code on her name card. A wrong code is refused (`ballots_wrong_code`) before anything is read of
 * the vote; the route counts such refusals against a limit per member.
 */
export async function castTabletBallot(
  database: Database,
  actor: Actor,
  assemblyId: string,
  input: { voteId: string; personId: string; code: string; choice: Choice },
): Promise<BallotReceipt> {
  const codes = await listCardCodes(database.db, assemblyId);
  if (!sameCode(input.code, codes.get(input.personId))) throw new CommandError('ballots_wrong_code', 'code');
  return castBallot(database, actor, assemblyId, {
    voteId: input.voteId,
    personId: input.personId,
    choice: input.choice,
    channel: 'tablet',
  });
}
