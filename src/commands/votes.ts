/**
 * Votes in the plenary: an organiser sets one up (rule, quorum, abstentions, secrecy, duration), opens
 * it, members cast ballots through any channel, paper stacks are typed in twice, and closing freezes
 * the tally with the hash of its ballots and settles what it decided (a recommendation adopted or
 * not; an amendment written into the text or rejected). The rules are the voting core's
 * (src/voting/); this keeps them in storage, one transaction and audit event per step.
 *
 * The audit never records a choice: who voted and through which channel is turnout, what she chose
 * is only in the ballot box, shown after closing in named votes alone.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Database } from '../db/connect.ts';
import { amendedText, normaliseText } from '../domain/recommendations.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  decideAmendment,
  findAmendment,
  findRecommendation,
  updateRecommendation,
} from '../repositories/recommendations.ts';
import { findSession } from '../repositories/sessions.ts';
import {
  deleteDraftVote,
  findBallot,
  findVote,
  insertBallot,
  insertCardCodes,
  insertPaperStack,
  insertVote,
  isOnRoll,
  listBallots,
  listCardCodes,
  listPaperStacks,
  listPaperTypings,
  markVoteClosed,
  markVoteOpen,
  type NewVote,
  replaceBallot,
  type StoredBallot,
  savePaperTyping,
  type Vote,
  voteRoll,
  votingContext,
} from '../repositories/votes.ts';
import { acceptBallot, emptyBox } from '../voting/ballots.ts';
import { type Ballot, type Channel, type Choice, choiceFits, settingsProblems } from '../voting/model.ts';
import { compareEntries, type PaperEntry, paperBallots } from '../voting/paper.ts';
import { freezeTally } from '../voting/tally.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';
import { saveVersion } from './recommendations.ts';

type Audit = Parameters<Parameters<typeof inTransaction>[1]>[1];

/** The longest a vote may stay open: a whole day of sessions. */
export const maxDurationMinutes = 24 * 60;
/** The most lines one typing of a paper stack may have (a plenary of 200, with room to spare). */
export const maxPaperLines = 400;

/** What an organiser sets a vote up with. */
export type VoteDraft = Omit<NewVote, 'id' | 'assemblyId' | 'createdBy' | 'createdAt'>;

/** Checks what the vote is about; returns the question, a recommendation's title when none was typed. */
async function checkSubject(trx: Executor, assemblyId: string, draft: VoteDraft): Promise<string> {
  const question = draft.question.trim();
  if (draft.subject === 'procedure') {
    if (!question) throw new CommandError('votes_question_missing', 'question');
    return question;
  }
  const recommendation = draft.recommendationId
    ? await findRecommendation(trx, assemblyId, draft.recommendationId)
    : null;
  if (!recommendation) throw new CommandError('votes_subject_missing', 'recommendation');
  if (draft.subject === 'amendment') {
    const amendment = draft.amendmentId
      ? await findAmendment(trx, recommendation.id, draft.amendmentId)
      : null;
    if (!amendment) throw new CommandError('votes_subject_missing', 'amendment');
    if (amendment.status !== 'open' && amendment.status !== 'plenary')
      throw new CommandError('recommendations_amendment_decided', 'amendment');
  }
  if (question) return question;
  if (draft.subject === 'recommendation') return recommendation.title;
  // An amendment's question says what it changes, so the projector and the report can stand alone.
  const amendment = await findAmendment(trx, recommendation.id, draft.amendmentId ?? '');
  const change = `${recommendation.title}: “${amendment?.passage ?? ''}” → “${amendment?.replacement ?? ''}”`;
  return change.length > 300 ? `${change.slice(0, 299)}…` : change;
}

/** Sets up a vote as a draft; nothing can be cast until an organiser opens it. */
export async function createVote(
  database: Database,
  actor: Actor,
  assemblyId: string,
  draft: VoteDraft,
): Promise<string> {
  const problems = settingsProblems({ ...draft.options, opensAt: 0, closesAt: 1 });
  if (problems.length > 0) throw new CommandError(`votes_settings.${problems[0]}`, 'rule');
  if (!(Number.isInteger(draft.durationMinutes) && draft.durationMinutes >= 1))
    throw new CommandError('votes_duration', 'duration');
  if (draft.durationMinutes > maxDurationMinutes) throw new CommandError('votes_duration', 'duration');
  const id = randomUUID();
  await inTransaction(database, async (trx, audit) => {
    if (draft.sessionId && !(await findSession(trx, assemblyId, draft.sessionId)))
      throw new CommandError('not_found', 'session');
    const question = await checkSubject(trx, assemblyId, draft);
    await insertVote(trx, {
      ...draft,
      question,
      recommendationId: draft.subject === 'procedure' ? null : draft.recommendationId,
      amendmentId: draft.subject === 'amendment' ? draft.amendmentId : null,
      id,
      assemblyId,
      createdBy: actorId(actor),
      createdAt: now(),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'votes.create',
      subjectType: 'vote',
      subjectId: id,
      details: { subject: draft.subject, rule: draft.options.rule.kind },
    });
  });
  return id;
}

async function voteOf(trx: Executor, assemblyId: string, voteId: string): Promise<Vote> {
  const vote = await findVote(trx, assemblyId, voteId);
  if (!vote) throw new CommandError('not_found');
  return vote;
}

/** Opens a draft now, for its duration. */
export async function openVote(
  database: Database,
  actor: Actor,
  assemblyId: string,
  voteId: string,
  at: number = Date.now(),
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const vote = await voteOf(trx, assemblyId, voteId);
    if (vote.opensAt) throw new CommandError('votes_already_open');
    const times = {
      opensAt: new Date(at).toISOString(),
      closesAt: new Date(at + vote.durationMinutes * 60_000).toISOString(),
    };
    if (!(await markVoteOpen(trx, voteId, times))) throw new CommandError('votes_already_open');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'votes.open',
      subjectType: 'vote',
      subjectId: voteId,
      details: times,
    });
  });
}

/** Deletes a vote that was never opened (a mistake in its settings is mended by a new one). */
export async function deleteVote(database: Database, actor: Actor, assemblyId: string, voteId: string) {
  await inTransaction(database, async (trx, audit) => {
    await voteOf(trx, assemblyId, voteId);
    if (!(await deleteDraftVote(trx, voteId))) throw new CommandError('votes_already_open');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'votes.delete',
      subjectType: 'vote',
      subjectId: voteId,
    });
  });
}

/** What the member's receipt shows. */
export interface BallotReceipt {
  receipt: string;
  at: number;
  channel: Channel;
  /** She changed an earlier ballot. */
  changed: boolean;
  /** The same ballot came again (a double tap): nothing changed, the first receipt stands. */
  repeated: boolean;
}

export interface BallotInput {
  voteId: string;
  personId: string;
  choice: Choice;
  channel: Channel;
  /** When it was cast; for paper, when the stack was collected. Defaults to now. */
  at?: number;
}

/** A receipt code a member can read out: 8 letters and digits, none that look alike. */
function receiptCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

class LostRace extends Error {}

/**
 * Puts one ballot through the box in storage. The member's earlier ballot (if any) is read, the core
 * decides, and the write is conditional on that earlier ballot still being the one decided against;
 * when another request of hers won the race, the whole decision is taken again once.
 */
async function storeBallot(
  trx: Executor,
  audit: Audit,
  actor: Actor,
  vote: Vote,
  eligible: ReadonlySet<string>,
  ballot: Ballot,
): Promise<BallotReceipt> {
  const earlier = await findBallot(trx, vote.id, ballot.member);
  const box = earlier ? new Map([[ballot.member, earlier as Ballot]]) : emptyBox;
  const outcome = acceptBallot(box, ballot, votingContext(vote, eligible));
  if (!outcome.accepted) throw new CommandError(`vote_refused.${outcome.refusal}`, 'choice');
  if (outcome.repeated && earlier)
    return {
      receipt: earlier.receipt,
      at: earlier.at,
      channel: earlier.channel,
      changed: false,
      repeated: true,
    };
  const stored = {
    ...ballot,
    receipt: receiptCode(),
    recordedBy: actor.kind === 'staff' ? actor.accountId : null,
  };
  const written = earlier
    ? await replaceBallot(trx, vote.id, earlier as StoredBallot, stored)
    : await insertBallot(trx, vote.id, stored);
  if (!written) throw new LostRace();
  await audit({
    actorId: actorId(actor),
    assemblyId: vote.assemblyId,
    action: earlier ? 'votes.ballot_change' : 'votes.ballot',
    subjectType: 'vote',
    subjectId: vote.id,
    details: { channel: ballot.channel },
  });
  return {
    receipt: stored.receipt,
    at: ballot.at,
    channel: ballot.channel,
    changed: !!earlier,
    repeated: false,
  };
}

/** Casts (or changes, where allowed) one member's ballot through one channel. */
export async function castBallot(
  database: Database,
  actor: Actor,
  assemblyId: string,
  input: BallotInput,
): Promise<BallotReceipt> {
  const ballot: Ballot = {
    member: input.personId,
    choice: input.choice,
    channel: input.channel,
    at: input.at ?? Date.now(),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      return await inTransaction(database, async (trx, audit) => {
        const vote = await voteOf(trx, assemblyId, input.voteId);
        const eligible = new Set((await isOnRoll(trx, vote, input.personId)) ? [input.personId] : []);
        return storeBallot(trx, audit, actor, vote, eligible, ballot);
      });
    } catch (error) {
      // Each retry reads what the winner stored, so a handful settles any burst of one member's taps.
      if (!(error instanceof LostRace) || attempt >= 9) throw error;
    }
  }
}

/**
 * Closes a vote: no ballot is taken after this instant (or after its planned close, if that came
 * first); the tally is computed from the stored ballots and frozen with their hash; and what the vote
 * decided is written where it belongs.
 */
export async function closeVote(
  database: Database,
  actor: Actor,
  assemblyId: string,
  voteId: string,
  at: number = Date.now(),
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const vote = await voteOf(trx, assemblyId, voteId);
    if (!vote.opensAt || !vote.closesAt) throw new CommandError('votes_not_open');
    if (vote.closedAt) throw new CommandError('votes_already_closed');
    const closedAt = new Date(Math.min(at, Date.parse(vote.closesAt))).toISOString();
    const roll = await voteRoll(trx, vote);
    // A stored ballot is a core ballot (its receipt and recorder aside, which the hash leaves out).
    const ballots: Ballot[] = await listBallots(trx, voteId);
    const frozen = freezeTally({
      settings: votingContext(vote, roll.eligible).settings,
      ballots,
      eligible: roll.eligible.size,
      present: roll.present.size,
    });
    const closing = { closedAt, eligible: roll.eligible.size, present: roll.present.size, frozen };
    if (!(await markVoteClosed(trx, voteId, closing))) throw new CommandError('votes_already_closed');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'votes.close',
      subjectType: 'vote',
      subjectId: voteId,
      details: { ballots: frozen.tally.ballots, adopted: frozen.tally.adopted, hash: frozen.hash },
    });
    await settleSubject(trx, audit, actor, vote, frozen.tally.adopted);
  });
}

/** Writes what a closed vote decided: the recommendation's status, or the amendment into the text. */
async function settleSubject(trx: Executor, audit: Audit, actor: Actor, vote: Vote, adopted: boolean) {
  if (vote.subject === 'procedure' || !vote.recommendationId) return;
  const current = await findRecommendation(trx, vote.assemblyId, vote.recommendationId);
  if (!current || current.status === 'withdrawn') return;
  if (vote.subject === 'recommendation') {
    const status = adopted ? 'adopted' : 'not_adopted';
    await updateRecommendation(trx, vote.assemblyId, current.id, { status, updated_at: now() });
    await audit({
      actorId: actorId(actor),
      assemblyId: vote.assemblyId,
      action: 'recommendations.status',
      subjectType: 'recommendation',
      subjectId: current.id,
      details: { from: current.status, to: status, vote: vote.id },
    });
    return;
  }
  const amendment = vote.amendmentId ? await findAmendment(trx, current.id, vote.amendmentId) : null;
  if (!amendment || (amendment.status !== 'open' && amendment.status !== 'plenary')) return;
  const body = adopted ? amendedText(current.body, amendment.passage, amendment.replacement) : null;
  // An adopted amendment whose passage is gone (another was written in first) stays for the group.
  if (adopted && body === null) return;
  if (body !== null)
    await saveVersion(trx, audit, actor, current, {
      title: current.title,
      body: normaliseText(body),
      rationale: current.rationale,
    });
  const status = adopted ? 'accepted' : 'rejected';
  await decideAmendment(trx, amendment.id, { status, decided_at: now(), decided_by: actorId(actor) });
  await audit({
    actorId: actorId(actor),
    assemblyId: vote.assemblyId,
    action: 'recommendations.amendment_decide',
    subjectType: 'amendment',
    subjectId: amendment.id,
    details: { recommendation: current.id, decision: status, vote: vote.id },
  });
}

/** Starts a stack of paper ballots collected in the room at `collectedAt`. */
export async function addPaperStack(
  database: Database,
  actor: Actor,
  assemblyId: string,
  voteId: string,
  stack: { label: string; collectedAt: number },
): Promise<string> {
  const id = randomUUID();
  await inTransaction(database, async (trx, audit) => {
    const vote = await voteOf(trx, assemblyId, voteId);
    if (!vote.opensAt || !vote.closesAt) throw new CommandError('votes_not_open');
    const opens = Date.parse(vote.opensAt);
    const closes = Math.min(Date.parse(vote.closesAt), vote.closedAt ? Date.parse(vote.closedAt) : Infinity);
    // Staff type the minute the stack was collected: any moment of that minute while the vote was
    // open will do, and the ballots are cast at the first such moment.
    if (stack.collectedAt + 60_000 <= opens || stack.collectedAt >= closes)
      throw new CommandError('votes_paper_collected_outside', 'collected');
    await insertPaperStack(trx, {
      id,
      voteId,
      label: stack.label,
      collectedAt: Math.max(opens, stack.collectedAt),
      createdBy: actorId(actor),
      createdAt: now(),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'votes.paper_stack',
      subjectType: 'vote',
      subjectId: voteId,
    });
  });
  return id;
}

/** What typing a stack led to: ballots counted now, and the lines still waiting for a third look. */
export interface PaperTypingOutcome {
  compared: boolean;
  counted: number;
  mismatches: number;
  refused: { sheet: string; code: string }[];
}

function checkLines(vote: Vote, eligible: ReadonlySet<string>, lines: readonly PaperEntry[]): void {
  if (lines.length === 0) throw new CommandError('votes_paper_empty', 'lines');
  if (lines.length > maxPaperLines)
    throw new CommandError('votes_paper_too_many', 'lines', { max: maxPaperLines });
  lines.forEach((line, index) => {
    const field = `line_${index + 1}`;
    if (line.sheet.trim() === '')
      throw new CommandError('votes_paper_sheet_missing', field, { row: index + 1 });
    if (!eligible.has(line.member)) throw new CommandError('votes_paper_member', field, { row: index + 1 });
    if (!choiceFits(vote.options.rule, line.choice))
      throw new CommandError('votes_paper_choice', field, { row: index + 1 });
  });
}

/**
 * Saves one typing of a stack (round 1 or 2, or a correction after a third look). Once both rounds
 * are there they are compared, and every line both typed alike is counted as a paper ballot cast when
 * the stack was collected; the second typing must be by someone other than the first.
 */
export async function typePaperStack(
  database: Database,
  actor: Actor,
  assemblyId: string,
  voteId: string,
  stackId: string,
  round: 1 | 2,
  lines: readonly PaperEntry[],
): Promise<PaperTypingOutcome> {
  return inTransaction(database, async (trx, audit) => {
    const vote = await voteOf(trx, assemblyId, voteId);
    const stack = (await listPaperStacks(trx, voteId)).find((s) => s.id === stackId);
    if (!stack) throw new CommandError('not_found');
    if (vote.closedAt) throw new CommandError('votes_already_closed');
    const roll = await voteRoll(trx, vote);
    checkLines(vote, roll.eligible, lines);
    const typings = await listPaperTypings(trx, [stackId]);
    const other = typings.find((t) => t.round !== round);
    if (other && other.typedBy === actorId(actor)) throw new CommandError('votes_paper_same_typist', 'lines');
    await savePaperTyping(trx, {
      stackId,
      round,
      lines: [...lines],
      typedBy: actorId(actor),
      typedAt: now(),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'votes.paper_typing',
      subjectType: 'vote',
      subjectId: voteId,
      details: { stack: stackId, round, lines: lines.length },
    });
    if (!other) return { compared: false, counted: 0, mismatches: 0, refused: [] };
    const [first, second] = round === 1 ? [lines, other.lines] : [other.lines, lines];
    const comparison = compareEntries(first, second);
    const outcome: PaperTypingOutcome = {
      compared: true,
      counted: 0,
      mismatches: comparison.mismatches.length,
      refused: [],
    };
    const sheets = new Map(comparison.matching.map((m) => [m.member, m.sheet]));
    for (const ballot of paperBallots(comparison.matching, stack.collectedAt)) {
      try {
        const receipt = await storeBallot(trx, audit, actor, vote, roll.eligible, ballot);
        if (!receipt.repeated) outcome.counted++;
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        outcome.refused.push({ sheet: sheets.get(ballot.member) ?? '', code: error.code });
      }
    }
    return outcome;
  });
}

/**
 * Gives every confirmed member of the assembly a name-card code if she has none: six digits the
 * table's tablet asks for before taking her ballot (with attempts limited, see the tablet route).
 */
export async function ensureCardCodes(database: Database, assemblyId: string): Promise<Map<string, string>> {
  return inTransaction(database, async (trx) => {
    const existing = await listCardCodes(trx, assemblyId);
    const roll = await voteRoll(trx, { assemblyId, sessionId: null, online: true });
    const missing = [...roll.eligible].filter((id) => !existing.has(id));
    await insertCardCodes(
      trx,
      assemblyId,
      missing.map((personId) => ({ personId, code: String(randomInt(0, 1_000_000)).padStart(6, '0') })),
      now(),
    );
    return listCardCodes(trx, assemblyId);
  });
}
