/**
 * The demo's tables: every deliberation session of its programme seated in three rounds of tables
 * of up to six, mixed by the selection questions. Sessions already behind are recomputed from who
 * was marked present and have every round locked, as an organiser would have left them. Computed
 * here with the engine (a demo loads without the job runner), stored through the same plan and
 * version rows as the tables page, with a fixed seed so that every demo shows the same tables.
 */
import type { Database } from '../db/connect.ts';
import { seatingInput } from '../domain/seating.ts';
import { allocateTables } from '../grouping/allocateTables.ts';
import type { Participant } from '../grouping/model.ts';
import { listQuestions } from '../repositories/assemblies.ts';
import { listSessionAttendance } from '../repositories/attendance.ts';
import type { SeatingSettings } from '../repositories/seating.ts';
import { loadPool } from '../repositories/selection-pool.ts';
import { findSession } from '../repositories/sessions.ts';
import { storeSeatingPlan } from './seating-results.ts';

/**
 * The largest table size up to six at which no pair need meet twice: there must be at least as many
 * tables as seats at one (a small demo panel of 26 sits at tables of five, not six).
 */
function demoTableSize(members: number): number {
  let size = 6;
  while (size > 3 && Math.ceil(members / size) < size) size--;
  return size;
}

export async function loadDemoTables(
  database: Database,
  assemblyId: string,
  sessionIds: readonly string[],
  now = Date.now(),
): Promise<void> {
  const db = database.db;
  const pool = await loadPool(db, assemblyId, { statuses: ['confirmed'] });
  if (pool.length < 12) return;
  const people: Participant[] = pool.map((m) => ({ id: m.id, values: m.answers }));
  const questions = await listQuestions(db, assemblyId);
  for (const id of sessionIds) {
    const session = await findSession(db, assemblyId, id);
    if (session?.type !== 'deliberation' || session.status !== 'published') continue;
    const settings: SeatingSettings = {
      rounds: 3,
      tableSize: demoTableSize(people.length),
      diversify: questions.map((q) => q.key),
      seed: `demo ${session.startsAt.slice(0, 10)}`,
      facilitators: [],
    };
    const input = seatingInput(settings, people);
    const base = { assemblyId, sessionId: id, settings, by: 'system' };
    await storeSeatingPlan(database, {
      ...base,
      result: allocateTables(input),
      reason: 'computed',
      seated: people.length,
      lockedRounds: 0,
    });
    if (Date.parse(session.endsAt) > now) continue;
    const marks = await listSessionAttendance(db, id);
    const present = marks.filter((m) => m.status === 'present').map((m) => m.personId);
    if (present.length === 0) continue;
    await storeSeatingPlan(database, {
      ...base,
      result: allocateTables({ ...input, present }),
      reason: 'recomputed',
      seated: present.length,
      lockedRounds: settings.rounds,
    });
  }
}
