/**
 * The demo's plenary votes, taken at the last session already behind the programme by the members
 * marked present there: an amendment adopted by simple majority, the evening-bus recommendation
 * adopted by 80 % of the votes cast, the solar-panel recommendation graded on a 1–5 scale, and one
 * draft vote for an organiser to open. Ballots come from phones, tablets and paper as in a real
 * room, made through the same commands (at the session's times) and seeded, so every demo shows the
 * same result.
 */
import type { Database } from '../db/connect.ts';
import { listAttendance } from '../repositories/attendance.ts';
import { listAmendments, listRecommendations } from '../repositories/recommendations.ts';
import { findSession } from '../repositories/sessions.ts';
import type { VoteOptions } from '../repositories/votes.ts';
import { createRandom, type Random } from '../sortition/random.ts';
import type { Channel, Choice } from '../voting/model.ts';
import type { Actor } from './command.ts';
import { castBallot, closeVote, createVote, openVote, type VoteDraft } from './votes.ts';

const system: Actor = { kind: 'system' };
const minute = 60_000;

const secret = {
  quorum: { kind: 'share', fraction: { numerator: 1, denominator: 2 } },
  abstentions: 'not_cast',
  secrecy: 'secret',
  changesAllowed: true,
} as const;

function channelOf(random: Random): Channel {
  const roll = random.next();
  return roll < 0.75 ? 'phone' : roll < 0.9 ? 'tablet' : 'paper';
}

/** Takes one vote from opening to closing at `opensAt`, each present member choosing by `choose`. */
async function takeVote(
  database: Database,
  assemblyId: string,
  draft: VoteDraft,
  voters: readonly string[],
  opensAt: number,
  choose: (random: Random) => Choice,
  random: Random,
): Promise<void> {
  const id = await createVote(database, system, assemblyId, draft);
  await openVote(database, system, assemblyId, id, opensAt);
  for (const [i, personId] of voters.entries()) {
    const at = opensAt + 20_000 + i * 3_000;
    await castBallot(database, system, assemblyId, {
      voteId: id,
      personId,
      choice: choose(random),
      channel: channelOf(random),
      at,
    });
  }
  await closeVote(database, system, assemblyId, id, opensAt + draft.durationMinutes * minute);
}

/** The last of `sessionIds` where members were marked present (the plenary's votes are taken there). */
export async function lastAttendedSession(
  database: Database,
  assemblyId: string,
  sessionIds: readonly string[],
) {
  const marks = await listAttendance(database.db, assemblyId);
  const sessionId = [...sessionIds]
    .reverse()
    .find((id) => marks.some((m) => m.sessionId === id && m.status === 'present'));
  const session = sessionId ? await findSession(database.db, assemblyId, sessionId) : null;
  return session ? { session, marks } : null;
}

/** The demo's votes at the last past session of `sessionIds` (nothing when no session is over yet). */
export async function loadDemoVotes(
  database: Database,
  assemblyId: string,
  sessionIds: readonly string[],
): Promise<void> {
  const attended = await lastAttendedSession(database, assemblyId, sessionIds);
  const session = attended?.session ?? null;
  const marks = attended?.marks ?? [];
  const recommendations = await listRecommendations(database.db, assemblyId);
  const byTitle = (start: string) => recommendations.find((r) => r.title.startsWith(start));
  const buses = byTitle('Tätare busstrafik');
  const solar = byTitle('Solceller');
  const lanes = byTitle('Trygga cykelvägar');
  if (!session || !buses || !solar || !lanes) return;
  const voters = marks
    .filter((m) => m.sessionId === session.id && m.status === 'present')
    .map((m) => m.personId);
  const random = createRandom('lotta demo votes');
  const start = Date.parse(session.startsAt) + 60 * minute;
  const base = { sessionId: session.id, online: false, durationMinutes: 10 } as const;
  const amendment = (await listAmendments(database.db, buses.id)).find((a) => a.status === 'open');
  if (amendment)
    await takeVote(
      database,
      assemblyId,
      {
        ...base,
        subject: 'amendment',
        recommendationId: buses.id,
        amendmentId: amendment.id,
        question: '',
        options: { ...secret, rule: { kind: 'majority' } },
      },
      voters,
      start,
      (r) => (r.next() < 0.7 ? { kind: 'yes' } : r.next() < 0.8 ? { kind: 'no' } : { kind: 'abstain' }),
      random,
    );
  const eighty: VoteOptions = {
    ...secret,
    rule: { kind: 'supermajority', fraction: { numerator: 4, denominator: 5 }, base: 'cast' },
  };
  await takeVote(
    database,
    assemblyId,
    {
      ...base,
      subject: 'recommendation',
      recommendationId: buses.id,
      amendmentId: null,
      question: '',
      options: eighty,
    },
    voters,
    start + 15 * minute,
    (r) => (r.next() < 0.9 ? { kind: 'yes' } : { kind: 'no' }),
    random,
  );
  const graded: VoteOptions = {
    ...secret,
    rule: { kind: 'gradient', scale: 5, level: 4, fraction: { numerator: 3, denominator: 4 } },
  };
  await takeVote(
    database,
    assemblyId,
    {
      ...base,
      subject: 'recommendation',
      recommendationId: solar.id,
      amendmentId: null,
      question: '',
      options: graded,
    },
    voters,
    start + 30 * minute,
    (r) => ({ kind: 'grade', level: 3 + Math.floor(r.next() * 3) }),
    random,
  );
  // Left as a draft, for whoever explores the demo to open.
  await createVote(database, system, assemblyId, {
    ...base,
    sessionId: null,
    subject: 'recommendation',
    recommendationId: lanes.id,
    amendmentId: null,
    question: '',
    options: eighty,
  });
}
