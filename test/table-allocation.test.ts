/**
 * Seating the confirmed members at tables as a job: queued with its audit event, run by the app's job
 * runner in a worker thread, its tables readable afterwards; refused up front when the request is wrong.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CommandError } from '../src/commands/command.ts';
import { loadDemo } from '../src/commands/demo.ts';
import {
  requestTableAllocation,
  type TableAllocationState,
  tableAllocationState,
} from '../src/commands/table-allocations.ts';
import { findAssemblyBySlug } from '../src/repositories/assemblies.ts';
import { listAudit } from '../src/repositories/audit.ts';
import { loadPool } from '../src/repositories/selection-pool.ts';
import { startTestApp, type TestApp } from './support/web.ts';

let t: TestApp;
let assemblyId: string;
let confirmed: string[];

before(async () => {
  t = await startTestApp();
  await loadDemo(t.database);
  assemblyId = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!.id;
  confirmed = (await loadPool(t.database.db, assemblyId, { statuses: ['confirmed'] })).map((m) => m.id);
});
after(() => t.close());

async function finished(jobId: string): Promise<TableAllocationState> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const state = await tableAllocationState(t.database, assemblyId, jobId);
    assert.ok(state, 'the job is found');
    if (state.state !== 'working' || Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('table allocation as a job', () => {
  test('seats every confirmed member once per round, tables differing by at most one, and is audited', async () => {
    assert.ok(confirmed.length >= 20, `the demo has a confirmed panel (${confirmed.length})`);
    const jobId = await requestTableAllocation(t.database, t.adminActor, {
      assemblyId,
      rounds: 3,
      tableSize: 5,
      seed: 'bord 2026',
    });
    const state = await finished(jobId);
    assert.equal(state.state, 'done', JSON.stringify(state));
    if (state.state !== 'done') return;
    assert.equal(state.rounds.length, 3);
    for (const round of state.rounds) {
      const seated = round.tables.flatMap((table) => table.members);
      assert.deepEqual([...seated].sort(), [...confirmed].sort(), 'everyone once');
      const sizes = round.tables.map((table) => table.members.length);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes}`);
      assert.ok(Math.max(...sizes) <= 5);
    }
    // More tables than seats at a table, and three rounds: no pair needs to meet twice.
    assert.equal(state.report.repeatedPairs, 0);
    const audit = await listAudit(t.database.db, { assemblyId, limit: 5, offset: 0 });
    const event = audit.events.find((e) => e.action === 'tables.allocate');
    assert.ok(event, 'audited');
    assert.equal(event.subject_id, jobId);
    assert.equal(event.details.members, confirmed.length);
  });

  test('the same seed gives the same tables, another seed other tables', async () => {
    const request = { assemblyId, rounds: 2, tables: 6, seed: 'samma frö' };
    const first = await finished(await requestTableAllocation(t.database, t.adminActor, request));
    const again = await finished(await requestTableAllocation(t.database, t.adminActor, request));
    const other = await finished(
      await requestTableAllocation(t.database, t.adminActor, { ...request, seed: 'annat frö' }),
    );
    assert.equal(first.state, 'done');
    assert.deepEqual(again, first);
    assert.notDeepEqual(other, first);
  });

  test('numbers the members cannot be seated with fail with the engine’s reason, without a retry', async () => {
    const jobId = await requestTableAllocation(t.database, t.adminActor, {
      assemblyId,
      rounds: 1,
      tables: confirmed.length + 5,
      seed: 'för många bord',
    });
    const state = await finished(jobId);
    assert.equal(state.state, 'failed');
    if (state.state !== 'failed') return;
    assert.equal(state.code, 'tables_input');
    assert.equal(state.details.code, 'too-many-tables');
  });

  test('a wrong request is refused before anything is queued', async () => {
    const before = (await listAudit(t.database.db, { assemblyId, limit: 1, offset: 0 })).total;
    const refused = (field: string) => (error: unknown) =>
      error instanceof CommandError && error.field === field;
    const base = { assemblyId, rounds: 2, tables: 4, seed: 's' };
    await assert.rejects(
      requestTableAllocation(t.database, t.adminActor, { ...base, rounds: 0 }),
      refused('rounds'),
    );
    await assert.rejects(
      requestTableAllocation(t.database, t.adminActor, { ...base, tables: undefined }),
      refused('tables'),
    );
    await assert.rejects(
      requestTableAllocation(t.database, t.adminActor, { ...base, seed: ' ' }),
      refused('seed'),
    );
    await assert.rejects(
      requestTableAllocation(t.database, t.adminActor, { ...base, diversify: ['shoe_size'] }),
      refused('diversify'),
    );
    assert.equal((await listAudit(t.database.db, { assemblyId, limit: 1, offset: 0 })).total, before);
  });
});
