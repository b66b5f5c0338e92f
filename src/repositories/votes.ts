/**
 * Votes, their ballots, paper stacks and name-card codes (migration 0026): rows decoded into the
 * voting core's own types (src/voting/model.ts), so commands and queries hand the core what it
 * expects and never parse JSON themselves.
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { VotesTable } from '../db/schema.ts';
import type { BallotContext } from '../voting/ballots.ts';
import type { Ballot, Channel, Choice, VoteSettings } from '../voting/model.ts';
import type { PaperEntry } from '../voting/paper.ts';
import type { FrozenTally } from '../voting/tally.ts';
import type { Executor } from './executor.ts';
import { readStoredJson, readStoredJsonOrNull } from './stored-json.ts';

const fraction = z.object({ numerator: z.number().int(), denominator: z.number().int() });
const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('majority') }),
  z.object({ kind: z.literal('supermajority'), fraction, base: z.enum(['cast', 'present']) }),
  z.object({ kind: z.literal('consent') }),
  z.object({
    kind: z.literal('gradient'),
    scale: z.union([z.literal(5), z.literal(8)]),
    level: z.number().int(),
    fraction,
  }),
]);
const quorumSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('ballots'), minimum: z.number().int() }),
  z.object({ kind: z.literal('share'), fraction }),
]);
const optionsSchema = z.object({
  rule: ruleSchema,
  quorum: quorumSchema,
  abstentions: z.enum(['cast', 'not_cast']),
  secrecy: z.enum(['secret', 'named']),
  changesAllowed: z.boolean(),
});
/** A vote's settings apart from its times, which live in their own columns. */
export type VoteOptions = Omit<VoteSettings, 'opensAt' | 'closesAt'>;

const tallySchema = z.object({
  ballots: z.number(),
  yes: z.number(),
  no: z.number(),
  abstain: z.number(),
  consent: z.number(),
  objections: z.array(z.object({ reason: z.string(), member: z.string().nullable() })),
  distribution: z.array(z.number()).nullable(),
  quorum: z.object({ met: z.boolean(), needed: z.number() }),
  base: z.number(),
  support: z.number(),
  needed: z.number(),
  adopted: z.boolean(),
  reason: z.enum([
    'quorum_missed',
    'no_votes',
    'threshold_reached',
    'threshold_missed',
    'no_objection',
    'objected',
  ]),
});

export const voteSubjects = ['recommendation', 'amendment', 'procedure'] as const;
export type VoteSubject = (typeof voteSubjects)[number];

export interface Vote {
  id: string;
  assemblyId: string;
  subject: VoteSubject;
  recommendationId: string | null;
  amendmentId: string | null;
  question: string;
  sessionId: string | null;
  /** Whether members not in the room may vote online. */
  online: boolean;
  options: VoteOptions;
  durationMinutes: number;
  /** ISO instants; null while a draft. */
  opensAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  eligibleCount: number | null;
  presentCount: number | null;
  frozen: FrozenTally | null;
  createdBy: string;
  createdAt: string;
}

/** A vote's settings with its times as instants, as the core decides with them (a draft never opens). */
export function voteSettings(vote: Pick<Vote, 'options' | 'opensAt' | 'closesAt'>): VoteSettings {
  return {
    ...vote.options,
    opensAt: vote.opensAt ? Date.parse(vote.opensAt) : Number.POSITIVE_INFINITY,
    closesAt: vote.closesAt ? Date.parse(vote.closesAt) : Number.POSITIVE_INFINITY,
  };
}

/** What the voting core's ballot box needs of a vote: its settings, who may vote, when it was closed. */
export function votingContext(vote: Vote, eligible: ReadonlySet<string>): BallotContext {
  return {
    settings: voteSettings(vote),
    eligible,
    closedAt: vote.closedAt ? Date.parse(vote.closedAt) : undefined,
  };
}

/** A vote as it is set up: a draft, not yet opened or closed. */
export type NewVote = Omit<
  Vote,
  'opensAt' | 'closesAt' | 'closedAt' | 'eligibleCount' | 'presentCount' | 'frozen'
>;

type VoteRow = Selectable<VotesTable>;

function decodeVote(row: VoteRow): Vote {
  const tally = readStoredJsonOrNull(tallySchema, row.frozen_tally, 'votes.frozen_tally');
  return {
    id: row.id,
    assemblyId: row.assembly_id,
    subject: voteSubjects.find((s) => s === row.subject) ?? 'procedure',
    recommendationId: row.recommendation_id,
    amendmentId: row.amendment_id,
    question: row.question,
    sessionId: row.session_id,
    online: row.online === 1,
    options: readStoredJson(optionsSchema, row.settings, 'votes.settings'),
    durationMinutes: row.duration_minutes,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    closedAt: row.closed_at,
    eligibleCount: row.eligible_count,
    presentCount: row.present_count,
    frozen: tally && row.ballots_hash ? { tally, hash: row.ballots_hash } : null,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export async function insertVote(db: Executor, vote: NewVote): Promise<void> {
  await db
    .insertInto('votes')
    .values({
      id: vote.id,
      assembly_id: vote.assemblyId,
      subject: vote.subject,
      recommendation_id: vote.recommendationId,
      amendment_id: vote.amendmentId,
      question: vote.question,
      session_id: vote.sessionId,
      online: vote.online ? 1 : 0,
      settings: JSON.stringify(vote.options),
      duration_minutes: vote.durationMinutes,
      opens_at: null,
      closes_at: null,
      closed_at: null,
      eligible_count: null,
      present_count: null,
      frozen_tally: null,
      ballots_hash: null,
      created_by: vote.createdBy,
      created_at: vote.createdAt,
    })
    .execute();
}

export async function findVote(db: Executor, assemblyId: string, voteId: string): Promise<Vote | null> {
  const row = await db
    .selectFrom('votes')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', voteId)
    .executeTakeFirst();
  return row ? decodeVote(row) : null;
}

/** The assembly's votes, newest first. */
export async function listVotes(db: Executor, assemblyId: string): Promise<Vote[]> {
  const rows = await db
    .selectFrom('votes')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(decodeVote);
}

/**
 * Opens a draft: only one of two organisers pressing "open" at once wins (the other changes nothing
 * and learns it from the false).
 */
export async function markVoteOpen(
  db: Executor,
  voteId: string,
  times: { opensAt: string; closesAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('votes')
    .set({ opens_at: times.opensAt, closes_at: times.closesAt })
    .where('id', '=', voteId)
    .where('opens_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the close and the frozen tally; false when someone else closed it first. */
export async function markVoteClosed(
  db: Executor,
  voteId: string,
  closing: { closedAt: string; eligible: number; present: number; frozen: FrozenTally },
): Promise<boolean> {
  const result = await db
    .updateTable('votes')
    .set({
      closed_at: closing.closedAt,
      eligible_count: closing.eligible,
      present_count: closing.present,
      frozen_tally: JSON.stringify(closing.frozen.tally),
      ballots_hash: closing.frozen.hash,
    })
    .where('id', '=', voteId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A draft may be deleted; an opened vote never is (its ballots are the record). */
export async function deleteDraftVote(db: Executor, voteId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('votes')
    .where('id', '=', voteId)
    .where('opens_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** A stored ballot: the core's ballot and what the receipt and the staff pages add. */
export interface StoredBallot extends Ballot {
  receipt: string;
  recordedBy: string | null;
  changes: number;
}

type BallotRow = {
  person_id: string;
  choice: string;
  reason: string | null;
  level: number | null;
  channel: string;
  cast_at: string | number;
  receipt: string;
  recorded_by: string | null;
  changes: number;
};

const choiceKinds = ['yes', 'no', 'abstain', 'consent', 'objection', 'grade'] as const;
const channelNames = ['phone', 'tablet', 'paper', 'online'] as const;

function decodeChoice(row: { choice: string; reason: string | null; level: number | null }): Choice {
  const kind = choiceKinds.find((k) => k === row.choice);
  if (kind === 'objection') return { kind, reason: row.reason ?? '' };
  if (kind === 'grade') return { kind, level: row.level ?? 0 };
  if (!kind) throw new Error(`ballots.choice: unknown choice ${row.choice}`);
  return { kind };
}

function decodeBallot(row: BallotRow): StoredBallot {
  const channel = channelNames.find((c) => c === row.channel);
  if (!channel) throw new Error(`ballots.channel: unknown channel ${row.channel}`);
  return {
    member: row.person_id,
    choice: decodeChoice(row),
    channel,
    at: Number(row.cast_at),
    receipt: row.receipt,
    recordedBy: row.recorded_by,
    changes: row.changes,
  };
}

function choiceColumns(choice: Choice) {
  return {
    choice: choice.kind,
    reason: choice.kind === 'objection' ? choice.reason : null,
    level: choice.kind === 'grade' ? choice.level : null,
  };
}

const ballotColumns = [
  'person_id',
  'choice',
  'reason',
  'level',
  'channel',
  'cast_at',
  'receipt',
  'recorded_by',
  'changes',
] as const;

export async function findBallot(
  db: Executor,
  voteId: string,
  personId: string,
): Promise<StoredBallot | null> {
  const row = await db
    .selectFrom('ballots')
    .select(ballotColumns)
    .where('vote_id', '=', voteId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row ? decodeBallot(row) : null;
}

/** Every counted ballot of a vote, in the order they were cast. */
export async function listBallots(db: Executor, voteId: string): Promise<StoredBallot[]> {
  const rows = await db
    .selectFrom('ballots')
    .select(ballotColumns)
    .where('vote_id', '=', voteId)
    .orderBy('cast_at')
    .orderBy('person_id')
    .execute();
  return rows.map(decodeBallot);
}

/** How many ballots each of the votes has (turnout), by vote id. */
export async function countBallots(db: Executor, voteIds: readonly string[]): Promise<Map<string, number>> {
  if (voteIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('ballots')
    .select(['vote_id', db.fn.countAll<string | number>().as('n')])
    .where('vote_id', 'in', voteIds)
    .groupBy('vote_id')
    .execute();
  return new Map(rows.map((r) => [r.vote_id, Number(r.n)]));
}

/**
 * Stores her first ballot. False when she already has one (another request of hers won the race): the
 * primary key, not a read before the write, is what keeps one ballot per member under two processes.
 */
export async function insertBallot(
  db: Executor,
  voteId: string,
  ballot: Ballot & { receipt: string; recordedBy: string | null },
): Promise<boolean> {
  const result = await db
    .insertInto('ballots')
    .values({
      vote_id: voteId,
      person_id: ballot.member,
      ...choiceColumns(ballot.choice),
      channel: ballot.channel,
      cast_at: ballot.at,
      receipt: ballot.receipt,
      recorded_by: ballot.recordedBy,
      changes: 0,
    })
    .onConflict((oc) => oc.columns(['vote_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Replaces her ballot with a changed one, only if it is still the one the change was decided
 * against (same cast time): a concurrent change makes this return false instead of overwriting.
 */
export async function replaceBallot(
  db: Executor,
  voteId: string,
  earlier: StoredBallot,
  ballot: Ballot & { receipt: string; recordedBy: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('ballots')
    .set({
      ...choiceColumns(ballot.choice),
      cast_at: ballot.at,
      receipt: ballot.receipt,
      recorded_by: ballot.recordedBy,
      changes: earlier.changes + 1,
    })
    .where('vote_id', '=', voteId)
    .where('person_id', '=', ballot.member)
    .where('cast_at', '=', earlier.at)
    .where('changes', '=', earlier.changes)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface PaperStack {
  id: string;
  voteId: string;
  label: string;
  collectedAt: number;
  createdBy: string;
  createdAt: string;
}

export async function insertPaperStack(db: Executor, stack: PaperStack): Promise<void> {
  await db
    .insertInto('paper_stacks')
    .values({
      id: stack.id,
      vote_id: stack.voteId,
      label: stack.label,
      collected_at: stack.collectedAt,
      created_by: stack.createdBy,
      created_at: stack.createdAt,
      counted_at: null,
    })
    .execute();
}

export async function listPaperStacks(db: Executor, voteId: string): Promise<PaperStack[]> {
  const rows = await db
    .selectFrom('paper_stacks')
    .selectAll()
    .where('vote_id', '=', voteId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    voteId: r.vote_id,
    label: r.label,
    collectedAt: Number(r.collected_at),
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

const entryLinesSchema = z.array(
  z.object({
    sheet: z.string(),
    member: z.string(),
    choice: z.string(),
    reason: z.string().nullable(),
    level: z.number().nullable(),
  }),
);

/** One typing of a stack, as stored: who typed it and its lines. */
export interface PaperTyping {
  stackId: string;
  round: 1 | 2;
  lines: PaperEntry[];
  typedBy: string;
  typedAt: string;
}

/** Saves (or corrects, after a third look) round 1 or 2 of a stack. */
export async function savePaperTyping(db: Executor, typing: PaperTyping): Promise<void> {
  const lines = JSON.stringify(
    typing.lines.map((l) => ({ sheet: l.sheet, member: l.member, ...choiceColumns(l.choice) })),
  );
  await db
    .insertInto('paper_entries')
    .values({
      stack_id: typing.stackId,
      round: typing.round,
      lines,
      typed_by: typing.typedBy,
      typed_at: typing.typedAt,
    })
    .onConflict((oc) =>
      oc
        .columns(['stack_id', 'round'])
        .doUpdateSet({ lines, typed_by: typing.typedBy, typed_at: typing.typedAt }),
    )
    .execute();
}

export async function listPaperTypings(db: Executor, stackIds: readonly string[]): Promise<PaperTyping[]> {
  if (stackIds.length === 0) return [];
  const rows = await db
    .selectFrom('paper_entries')
    .selectAll()
    .where('stack_id', 'in', stackIds)
    .orderBy('stack_id')
    .orderBy('round')
    .execute();
  return rows.map((r) => ({
    stackId: r.stack_id,
    round: r.round === 2 ? 2 : 1,
    lines: readStoredJson(entryLinesSchema, r.lines, 'paper_entries.lines').map((l) => ({
      sheet: l.sheet,
      member: l.member,
      choice: decodeChoice(l),
    })),
    typedBy: r.typed_by,
    typedAt: r.typed_at,
  }));
}

/** The name-card codes of the assembly's members, by person id. */
export async function listCardCodes(db: Executor, assemblyId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('card_codes')
    .select(['person_id', 'code'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  return new Map(rows.map((r) => [r.person_id, r.code]));
}

/** Gives a code to each listed member who has none yet (an existing code is never changed). */
export async function insertCardCodes(
  db: Executor,
  assemblyId: string,
  codes: readonly { personId: string; code: string }[],
  at: string,
): Promise<void> {
  if (codes.length === 0) return;
  await db
    .insertInto('card_codes')
    .values(
      codes.map((c) => ({ person_id: c.personId, assembly_id: assemblyId, code: c.code, created_at: at })),
    )
    .onConflict((oc) => oc.column('person_id').doNothing())
    .execute();
}

export type { Channel };

/** Who may vote in a vote, and who is in the room. */
export interface VoteRoll {
  eligible: Set<string>;
  present: Set<string>;
}

/**
 * The roll of a vote: confirmed members present at its session (marked present at the door or
 * afterwards) vote; when the vote has no session, or lets members not in the room vote online, every
 * confirmed member does. `present` is the base of a supermajority of those present.
 */
export async function voteRoll(
  db: Executor,
  vote: Pick<Vote, 'assemblyId' | 'sessionId' | 'online'>,
): Promise<VoteRoll> {
  const confirmed = await db
    .selectFrom('people')
    .select('id')
    .where('assembly_id', '=', vote.assemblyId)
    .where('status', '=', 'confirmed')
    .where('erased_at', 'is', null)
    .execute();
  const members = new Set(confirmed.map((r) => r.id));
  if (!vote.sessionId) return { eligible: members, present: new Set(members) };
  const marks = await db
    .selectFrom('session_attendance')
    .select('person_id')
    .where('session_id', '=', vote.sessionId)
    .where('status', '=', 'present')
    .execute();
  const present = new Set(marks.map((m) => m.person_id).filter((id) => members.has(id)));
  return { eligible: vote.online ? members : new Set(present), present };
}

/**
 * Whether one member is on a vote's roll (the same rule as `voteRoll`), read for her alone: a ballot
 * costs the same in a room of 30 as of 200.
 */
export async function isOnRoll(
  db: Executor,
  vote: Pick<Vote, 'assemblyId' | 'sessionId' | 'online'>,
  personId: string,
): Promise<boolean> {
  const member = await db
    .selectFrom('people')
    .select('id')
    .where('id', '=', personId)
    .where('assembly_id', '=', vote.assemblyId)
    .where('status', '=', 'confirmed')
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  if (!member) return false;
  if (!vote.sessionId || vote.online) return true;
  const mark = await db
    .selectFrom('session_attendance')
    .select('person_id')
    .where('session_id', '=', vote.sessionId)
    .where('person_id', '=', personId)
    .where('status', '=', 'present')
    .executeTakeFirst();
  return mark !== undefined;
}
