/**
 * The demo's attendance: the sessions already behind the demo's programme marked for its confirmed
 * members, as a facilitator would mark them afterwards (through the same command), so that the
 * attendance page has something to show — most came, a few late or left early, a few excused or
 * absent, and three members who missed the last two sessions and are at risk of dropping out.
 * Seeded, so every demo shows the same pattern.
 */
import type { Database } from '../db/connect.ts';
import { toStockholmTime } from '../domain/dates.ts';
import { listConfirmedMembers } from '../repositories/attendance.ts';
import { findSession } from '../repositories/sessions.ts';
import { createRandom } from '../sortition/random.ts';
import { type MarkRow, markSession } from './attendance.ts';
import type { Actor } from './command.ts';

const system: Actor = { kind: 'system' };

/** How many members the demo shows at risk (when the panel and the past sessions allow). */
export const demoAtRisk = 3;

const reasons = ['Sjuk', 'Vård av barn', 'Arbete'];

function clock(at: number): string {
  return toStockholmTime(at).slice(11);
}

/** Marks the demo's sessions that are over (`sessionIds` in order) for its confirmed members. */
export async function loadDemoAttendance(
  database: Database,
  assemblyId: string,
  sessionIds: readonly string[],
  now = Date.now(),
): Promise<void> {
  const random = createRandom('lotta demo attendance');
  const members = await listConfirmedMembers(database.db, assemblyId);
  const past = [];
  for (const id of sessionIds) {
    const session = await findSession(database.db, assemblyId, id);
    if (session?.status === 'published' && Date.parse(session.endsAt) <= now) past.push(session);
  }
  const atRisk = past.length >= 2 ? Math.min(demoAtRisk, members.length) : 0;
  for (const [s, session] of past.entries()) {
    const [start, end] = [Date.parse(session.startsAt), Date.parse(session.endsAt)];
    const last = s >= past.length - 2;
    const rows = members.map((member, m): MarkRow => {
      const row = { personId: member.id, status: 'present', arrived: '', left: '', reason: '' };
      // The first few stopped coming: absent from the last two sessions.
      if (m < atRisk) return last ? { ...row, status: 'absent' } : row;
      const roll = random.int(100);
      // Everyone else came to the last session, so nobody else is at risk by chance.
      if (s === past.length - 1) return row;
      if (roll < 4) return { ...row, status: 'absent' };
      if (roll < 9) return { ...row, status: 'excused', reason: reasons[random.int(reasons.length)] };
      if (roll < 17) return { ...row, arrived: clock(start + (15 + random.int(46)) * 60_000) };
      if (roll < 21) return { ...row, left: clock(end - (30 + random.int(61)) * 60_000) };
      return row;
    });
    await markSession(database, system, assemblyId, session.id, rows);
  }
}
