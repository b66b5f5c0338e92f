/**
 * Facilitators: one per table at most, and each at a table they have not led before where possible.
 * Tables are interchangeable for the members, so this is decided after the seating: round by round,
 * fixed facilitators first, then each of the others at the free table they have led least often,
 * preferring the next table along (facilitator f at table f + r in round r), which visits every
 * table once before any twice.
 */
import type { Problem } from './problem.ts';

/** facilitator index per planned round and table, −1 for none. */
export function assignFacilitators(problem: Problem, planned: number): Int32Array[] {
  const { facilitators, tables } = problem;
  const led = facilitators.map(() => new Int32Array(tables));
  for (const round of problem.history) {
    for (const [t, table] of round.tables.entries()) {
      const f = table.facilitator === null ? -1 : facilitators.indexOf(table.facilitator);
      if (f >= 0 && t < tables) led[f][t]++;
    }
  }
  const result: Int32Array[] = [];
  for (let r = 0; r < planned; r++) {
    const atTable = new Int32Array(tables).fill(-1);
    const fixed = problem.facilitatorFixed[r];
    for (let f = 0; f < facilitators.length; f++) if (fixed[f] >= 0) atTable[fixed[f]] = f;
    for (let f = 0; f < facilitators.length; f++) {
      if (fixed[f] >= 0) continue;
      const preferred = (f + problem.firstRound + r) % tables;
      let best = -1;
      for (let k = 0; k < tables; k++) {
        const t = (preferred + k) % tables;
        if (atTable[t] >= 0) continue;
        if (best < 0 || led[f][t] < led[f][best]) best = t;
      }
      atTable[best] = f;
    }
    for (let t = 0; t < tables; t++) if (atTable[t] >= 0) led[atTable[t]][t]++;
    result.push(atTable);
  }
  return result;
}
