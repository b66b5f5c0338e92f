/**
 * Fixtures for the tables tests (in-process and browser): thirty confirmed members whose first names
 * carry å, ä and ö, a deliberation session running now, and marks for who is away or checked in.
 */
import type { Actor } from '../../src/commands/command.ts';
import { createSession, stepSession } from '../../src/commands/sessions.ts';
import type { Database } from '../../src/db/connect.ts';
import { saveAttendance } from '../../src/repositories/attendance.ts';
import { findSeatingPlan, type SeatingPlan } from '../../src/repositories/seating.ts';
import { type Person, seedPanel } from './attendance.ts';

const firstNames = [
  'Åsa',
  'Björn',
  'Cecilia',
  'Dörte',
  'Eva',
  'Fredrik',
  'Göran',
  'Hassan',
  'Ingrid',
  'Jörgen',
  'Kärstin',
  'Lars',
  'Märta',
  'Nils',
  'Olga',
  'Pär',
  'Rut',
  'Sven',
  'Tove',
  'Ulf',
  'Vera',
  'Wilhelm',
  'Yasmin',
  'Örjan',
  'Ängla',
  'Åke',
  'Bävis',
  'Cöla',
  'Dåvid',
  'Elsä',
];

/** Thirty different names, "Åsa Ek 01" … "Elsä Ek 30". */
export const seatingNames = firstNames.map((first, i) => `${first} Ek ${String(i + 1).padStart(2, '0')}`);

/** A published deliberation session that started five minutes ago and runs for three hours. */
export async function deliberationNow(database: Database, actor: Actor, assemblyId: string): Promise<string> {
  const now = Date.now();
  const id = await createSession(database, actor, assemblyId, {
    title: { sv: 'Överläggning 1', en: 'Deliberation 1' },
    type: 'deliberation',
    startsAt: new Date(now - 5 * 60_000).toISOString(),
    endsAt: new Date(now + 180 * 60_000).toISOString(),
    place: { address: 'Stadshuset', room: 'Sal A', accessibility: '', directions: '' },
    onlineLink: '',
    agenda: [],
  });
  await stepSession(database, actor, assemblyId, id, 'publish');
  return id;
}

export async function seedSeating(
  database: Database,
  actor: Actor,
  assemblyId: string,
): Promise<{ members: Person[]; sessionId: string }> {
  const { members } = await seedPanel(database, assemblyId, seatingNames);
  return { members, sessionId: await deliberationNow(database, actor, assemblyId) };
}

/** Marks members for the session as a host or an organiser would have. */
export async function mark(
  database: Database,
  assemblyId: string,
  sessionId: string,
  people: readonly Person[],
  status: 'present' | 'absent' | 'excused',
): Promise<void> {
  for (const p of people)
    await saveAttendance(database.db, assemblyId, {
      sessionId,
      personId: p.id,
      status,
      arrivedAt: null,
      leftAt: null,
      reason: '',
      method: status === 'present' ? 'door' : 'office',
      markedAt: new Date().toISOString(),
      markedBy: 'test',
    });
}

/** The session's plan once it has reached `version` (the job runs in the app's runner). */
export async function planAt(
  database: Database,
  assemblyId: string,
  sessionId: string,
  version: number,
): Promise<SeatingPlan> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const plan = await findSeatingPlan(database.db, assemblyId, sessionId);
    if (plan && plan.version >= version && plan.pendingJobId === null) return plan;
    if (Date.now() > deadline)
      throw new Error(`the plan did not reach version ${version}: ${JSON.stringify(plan)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Everyone seated in a round, sorted. */
export function seatedIn(plan: SeatingPlan, round: number): string[] {
  return plan.rounds[round].tables.flatMap((t) => t.members).sort();
}

/** A question whose answer puts members at one table: the language they need interpreting into. */
export const languageQuestion = {
  key: 'language',
  label: { sv: 'Tolkspråk', en: 'Interpretation language' },
  options: [
    { value: 'ar', label: { sv: 'Arabiska', en: 'Arabic' } },
    { value: 'ti', label: { sv: 'Tigrinja', en: 'Tigrinya' } },
  ],
};

/** Records `value` as these members' interpretation language (the others gave none). */
export async function answerLanguage(database: Database, people: readonly Person[], value: string) {
  for (const p of people)
    await database.db
      .insertInto('person_answers')
      .values({ person_id: p.id, question_key: 'language', value })
      .execute();
}
