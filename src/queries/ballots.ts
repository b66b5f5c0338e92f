/**
 * What the members' voting pages show: on her own phone, the votes she may vote in now (with the
 * text they are about, her current choice and the channel her link votes through) and the results of
 * closed votes; on the table's tablet, the members who may vote there. Results are read only for
 * closed votes: while a vote is open nothing here counts its ballots.
 */
import { ownBallotChannel } from '../domain/ballot-channel.ts';
import { firstNameOf } from '../domain/seating.ts';
import { findAttendance, listConfirmedMembers } from '../repositories/attendance.ts';
import type { Executor } from '../repositories/executor.ts';
import { findAmendment, findRecommendation } from '../repositories/recommendations.ts';
import { findSeatingPlan } from '../repositories/seating.ts';
import {
  findBallot,
  findVote,
  listVotes,
  type StoredBallot,
  type Vote,
  voteRoll,
} from '../repositories/votes.ts';
import type { Channel } from '../voting/model.ts';
import { closedVoteResult, type VoteResult } from './vote-results.ts';

/** How many closed votes her list shows (the newest). */
export const closedShown = 20;

/** What a vote is about, in the words the members read. */
export interface BallotSubject {
  /** The recommendation's title and text, for a vote on a recommendation or one of its amendments. */
  title: string | null;
  body: string | null;
  /** The amendment's passage as it stands and what it would become. */
  before: string | null;
  after: string | null;
}

export type VoteState = 'draft' | 'open' | 'closing' | 'closed';

/** One vote as her page shows it. */
export interface MemberBallot {
  vote: Vote;
  state: VoteState;
  subject: BallotSubject;
  /** Whether she is on the vote's roll (present at its session, or online when the vote allows it). */
  eligible: boolean;
  /** The channel her personal link votes through; null when she may not vote from it. */
  channel: Extract<Channel, 'phone' | 'online'> | null;
  /** Her ballot so far, through whatever channel. */
  ballot: StoredBallot | null;
  /** Only for a closed vote: its result, recomputed from the ballots. */
  result: VoteResult | null;
}

export function voteState(vote: Vote, now: number): VoteState {
  if (!vote.opensAt || !vote.closesAt) return 'draft';
  if (vote.closedAt) return 'closed';
  if (now < Date.parse(vote.opensAt)) return 'draft';
  return now < Date.parse(vote.closesAt) ? 'open' : 'closing';
}

async function subjectOf(db: Executor, vote: Vote): Promise<BallotSubject> {
  const none: BallotSubject = { title: null, body: null, before: null, after: null };
  if (vote.subject === 'procedure' || !vote.recommendationId) return none;
  const recommendation = await findRecommendation(db, vote.assemblyId, vote.recommendationId);
  if (!recommendation) return none;
  const amendment =
    vote.subject === 'amendment' && vote.amendmentId
      ? await findAmendment(db, recommendation.id, vote.amendmentId)
      : null;
  return {
    title: recommendation.title,
    body: amendment ? null : recommendation.body,
    before: amendment?.passage ?? null,
    after: amendment ? amendment.replacement : null,
  };
}

async function memberBallotOf(
  db: Executor,
  vote: Vote,
  personId: string,
  now: number,
): Promise<MemberBallot> {
  const state = voteState(vote, now);
  const roll = await voteRoll(db, vote);
  const mark = vote.sessionId ? await findAttendance(db, vote.sessionId, personId) : null;
  const eligible = roll.eligible.has(personId);
  return {
    vote,
    state,
    subject: await subjectOf(db, vote),
    eligible,
    channel: eligible ? ownBallotChannel(vote, mark?.status === 'present') : null,
    ballot: await findBallot(db, vote.id, personId),
    result: state === 'closed' ? await closedVoteResult(db, vote) : null,
  };
}

/**
 * Her list: the open votes she may vote in, then the newest closed votes with their results (a vote
 * past its closing time that no organiser has closed yet is listed there without one).
 */
export async function memberBallots(
  db: Executor,
  assemblyId: string,
  personId: string,
  now: number,
): Promise<{ open: MemberBallot[]; closed: MemberBallot[] }> {
  const votes = await listVotes(db, assemblyId);
  const open: MemberBallot[] = [];
  const closed: MemberBallot[] = [];
  for (const vote of votes) {
    const state = voteState(vote, now);
    if (state === 'open') {
      const item = await memberBallotOf(db, vote, personId, now);
      if (item.eligible) open.push(item);
    } else if ((state === 'closed' || state === 'closing') && closed.length < closedShown) {
      closed.push(await memberBallotOf(db, vote, personId, now));
    }
  }
  return { open, closed };
}

/** One vote of her assembly as her page shows it; null when there is none (or it is still a draft). */
export async function memberBallot(
  db: Executor,
  assemblyId: string,
  personId: string,
  voteId: string,
  now: number,
): Promise<MemberBallot | null> {
  const vote = await findVote(db, assemblyId, voteId);
  if (!vote || voteState(vote, now) === 'draft') return null;
  return memberBallotOf(db, vote, personId, now);
}

/** Whether a vote she may vote in is open now (her home page then links to her votes). */
export async function hasOpenBallot(
  db: Executor,
  assemblyId: string,
  personId: string,
  now: number,
): Promise<boolean> {
  for (const vote of await listVotes(db, assemblyId)) {
    if (voteState(vote, now) !== 'open') continue;
    if ((await voteRoll(db, vote)).eligible.has(personId)) return true;
  }
  return false;
}

/** A member as the tablet lists her: her name, and her first name for the thanks. */
export interface TabletMember {
  id: string;
  name: string;
  first: string;
}

export interface TabletView {
  vote: Vote;
  state: VoteState;
  subject: BallotSubject;
  /** The members who may vote on the tablet (present at the session), by name; of one table if asked. */
  members: TabletMember[];
  /** How many tables the session's seating plan has in its current round (0 without a plan). */
  tables: number;
  /** The table shown (from 1), when one was asked for and the plan has it. */
  table: number | null;
}

async function tableMembers(
  db: Executor,
  vote: Vote,
  table: number | null,
): Promise<{ tables: number; seated: Set<string> | null }> {
  const plan = vote.sessionId ? await findSeatingPlan(db, vote.assemblyId, vote.sessionId) : null;
  if (!plan || plan.rounds.length === 0) return { tables: 0, seated: null };
  const round = plan.rounds[Math.min(plan.lockedRounds, plan.rounds.length - 1)];
  const chosen = table !== null ? round.tables[table - 1] : undefined;
  return { tables: round.tables.length, seated: chosen ? new Set(chosen.members) : null };
}

/**
 * The tablet's page: the members in the room who may vote (a vote without a session: every member on
 * its roll), names only, of one table when `table` is given and the session's seating plan has it.
 */
export async function tabletView(
  db: Executor,
  assemblyId: string,
  voteId: string,
  table: number | null,
  now: number,
): Promise<TabletView | null> {
  const vote = await findVote(db, assemblyId, voteId);
  if (!vote) return null;
  const roll = await voteRoll(db, vote);
  const seating = await tableMembers(db, vote, table);
  const members = (await listConfirmedMembers(db, assemblyId))
    .filter((m) => roll.eligible.has(m.id) && roll.present.has(m.id))
    .filter((m) => !seating.seated || seating.seated.has(m.id))
    .map((m) => ({
      id: m.id,
      name: m.name ?? m.reference,
      first: m.name ? firstNameOf(m.name) : m.reference,
    }));
  return {
    vote,
    state: voteState(vote, now),
    subject: await subjectOf(db, vote),
    members,
    tables: seating.tables,
    table: seating.seated ? table : null,
  };
}
