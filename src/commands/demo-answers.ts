/**
 * The demo's follow-up after the handover. The plenary adopts one more recommendation (charging
 * points, voted at the same session as the others, through the same commands) so that there are two
 * to answer. The handover is that session's day and the deadline, kept short for the demo, was
 * yesterday: the evening buses were answered in time (with an implementation update since), the
 * charging points were not, so the answers page shows one overdue. A decision maker's account
 * (`beslutsfattare@demo.lotta`, role commissioner) exists with a password nobody knows: an
 * administrator resets it under Accounts to log in as her. Members are told of the published answer
 * and the update through the outbox, as they would be.
 */
import type { Database } from '../db/connect.ts';
import { stockholmDate } from '../domain/answers.ts';
import { setRole } from '../repositories/assemblies.ts';
import { listRecommendations } from '../repositories/recommendations.ts';
import { hashPassword, insertStaffAccount, temporaryPassword } from './accounts.ts';
import { addImplementationUpdate, saveAnswer, setAnswerDeadline } from './answers.ts';
import { type Actor, inTransaction } from './command.ts';
import { lastAttendedSession } from './demo-votes.ts';
import { changeRecommendationStatus, createRecommendation } from './recommendations.ts';
import { castBallot, closeVote, createVote, openVote } from './votes.ts';

const system: Actor = { kind: 'system' };
const minute = 60_000;
const day = 86_400_000;
export const demoCommissionerEmail = 'beslutsfattare@demo.lotta';

/** The charging points put to the plenary and adopted by a simple majority of the members present. */
async function adoptChargingPoints(
  database: Database,
  assemblyId: string,
  groupId: string,
  sessionId: string,
  voters: readonly string[],
  opensAt: number,
): Promise<string> {
  const id = await createRecommendation(database, system, assemblyId, groupId, {
    title: 'Laddplatser vid kommunens parkeringar',
    body: 'Kommunen bygger laddplatser för elbilar vid alla sina parkeringar senast 2028.\n\nHälften av dem ska vara snabbladdare.',
    rationale: 'Den som byter till elbil behöver kunna ladda nära hemmet och arbetet.',
  });
  await changeRecommendationStatus(database, system, assemblyId, id, 'plenary');
  const voteId = await createVote(database, system, assemblyId, {
    subject: 'recommendation',
    recommendationId: id,
    amendmentId: null,
    question: '',
    sessionId,
    online: false,
    durationMinutes: 10,
    options: {
      quorum: { kind: 'share', fraction: { numerator: 1, denominator: 2 } },
      abstentions: 'not_cast',
      secrecy: 'secret',
      changesAllowed: true,
      rule: { kind: 'majority' },
    },
  });
  await openVote(database, system, assemblyId, voteId, opensAt);
  for (const [i, personId] of voters.entries())
    await castBallot(database, system, assemblyId, {
      voteId,
      personId,
      // Every fifth member votes against: adopted, not unanimously.
      choice: i % 5 === 4 ? { kind: 'no' } : { kind: 'yes' },
      channel: 'phone',
      at: opensAt + 20_000 + i * 3_000,
    });
  await closeVote(database, system, assemblyId, voteId, opensAt + 10 * minute);
  return id;
}

async function addCommissioner(database: Database, assemblyId: string): Promise<void> {
  const passwordHash = await hashPassword(temporaryPassword());
  await inTransaction(database, async (trx, audit) => {
    const id = await insertStaffAccount(
      trx,
      database,
      {
        email: demoCommissionerEmail,
        displayName: 'Berit Beslutsfattare',
        isAdmin: false,
        language: 'sv',
        passwordHash,
      },
      {},
      new Date().toISOString(),
    );
    await setRole(trx, assemblyId, id, 'commissioner', new Date().toISOString());
    await audit({
      actorId: 'system',
      assemblyId,
      action: 'answers.invite_commissioner',
      subjectType: 'account',
      subjectId: id,
      details: { created: true, passwordLink: false },
    });
  });
}

/** The demo's answers (nothing when no session with a vote is behind yet). */
export async function loadDemoAnswers(
  database: Database,
  assemblyId: string,
  sessionIds: readonly string[],
): Promise<void> {
  const attended = await lastAttendedSession(database, assemblyId, sessionIds);
  const session = attended?.session ?? null;
  const marks = attended?.marks ?? [];
  const buses = (await listRecommendations(database.db, assemblyId)).find(
    (r) => r.status === 'adopted' && r.title.startsWith('Tätare busstrafik'),
  );
  if (!session || !buses) return;
  const voters = marks
    .filter((m) => m.sessionId === session.id && m.status === 'present')
    .map((m) => m.personId);
  // After the demo's other votes at that session (demo-votes.ts opens them within its first hour).
  const opensAt = Date.parse(session.startsAt) + 110 * minute;
  await adoptChargingPoints(database, assemblyId, buses.working_group_id, session.id, voters, opensAt);
  await addCommissioner(database, assemblyId);
  const now = Date.now();
  const deadline = stockholmDate(now - day);
  const handover = [stockholmDate(opensAt), deadline].sort()[0];
  await setAnswerDeadline(database, system, assemblyId, { handoverDate: handover, deadline });
  // Answered the morning after the vote, or two days ago if that is later (never in the future).
  const answeredAt = new Date(Math.min(Math.max(opensAt + day, now - 2 * day), now)).toISOString();
  await saveAnswer(
    database,
    system,
    assemblyId,
    buses.id,
    {
      status: 'partly_accepted',
      reasons:
        'Kommunen förlänger kvällstrafiken på de fem mest använda linjerna till klockan 23 från och med nästa tidtabellsskifte.\n\nTrafik var 15:e minut på alla linjer ryms inte i budgeten för nästa år; frågan prövas igen i budgeten för året därpå.',
      bodyResponsible: 'Kollektivtrafiknämnden',
      timeline: 'Längre kvällstrafik från nästa tidtabellsskifte; tätare trafik prövas i nästa budget.',
      timelineDate: '',
    },
    { publish: true, at: answeredAt },
  );
  await addImplementationUpdate(
    database,
    system,
    assemblyId,
    buses.id,
    {
      onDate: stockholmDate(answeredAt),
      stage: 'started',
      progress: '',
      text: 'Den nya tidtabellen med längre kvällstrafik är beslutad och skickad till trafikföretaget.',
      evidenceUrl: 'https://example.se/kollektivtrafiknamnden/protokoll',
    },
    { at: answeredAt },
  );
}
