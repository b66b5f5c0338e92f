/**
 * The demo's evaluation: a questionnaire after the first session, answered by most of the panel and
 * closed (so its figures are shown), and one after the second session with three answers so far (so the tab
 * shows a hidden figure too). Answered through the same command members use, with levels drawn by a
 * seeded generator so every demo shows the same. A demo without a panel has nobody to ask.
 */
import type { Database } from '../db/connect.ts';
import { questionnaireStatements } from '../domain/evaluation.ts';
import { listConfirmedMembers } from '../repositories/attendance.ts';
import { createRandom } from '../sortition/random.ts';
import type { Actor } from './command.ts';
import { answerQuestionnaire, closeQuestionnaire, openQuestionnaire } from './evaluation.ts';

const system: Actor = { kind: 'system' };

const comments = [
  'Bra att alla fick komma till tals.',
  'Jag hade velat ha mer tid i smågrupperna.',
  'Experterna var tydliga, men en del underlag kom sent.',
  'Samtalsledaren höll ordning utan att styra.',
];

export async function loadDemoEvaluation(database: Database, assemblyId: string, sessionIds: string[]) {
  const members = await listConfirmedMembers(database.db, assemblyId);
  if (members.length < 5 || sessionIds.length < 2) return;
  const random = createRandom('lotta demo evaluation');
  const answer = async (questionnaireId: string, personId: string, i: number) => {
    const levels: Record<string, string> = {};
    for (const statement of questionnaireStatements.session) {
      const roll = random.int(20);
      // Mostly agreeing, a few doubtful, now and then "don't know" or a statement skipped.
      levels[statement] = roll === 0 ? 'dont_know' : roll === 1 ? '' : String(Math.min(5, 2 + random.int(4)));
    }
    await answerQuestionnaire(database, { personId, assemblyId }, questionnaireId, {
      levels,
      comment: i % 4 === 0 ? comments[(i / 4) % comments.length] : '',
    });
  };
  const first = await openQuestionnaire(database, system, assemblyId, {
    kind: 'session',
    sessionId: sessionIds[0],
  });
  const answering = members.slice(0, Math.max(5, Math.floor(members.length * 0.7)));
  for (const [i, member] of answering.entries()) await answer(first, member.id, i);
  // Closed, so its figures show (an open questionnaire shows none).
  await closeQuestionnaire(database, system, assemblyId, first);
  const second = await openQuestionnaire(database, system, assemblyId, {
    kind: 'session',
    sessionId: sessionIds[1],
  });
  for (const [i, member] of members.slice(0, 3).entries()) await answer(second, member.id, i);
}
