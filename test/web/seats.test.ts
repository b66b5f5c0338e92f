/**
 * The seat rule at the public draw, through the web: a draw whose panel would overfill the assembly's
 * seats is refused when it is announced, and, if someone took a seat by hand after the announcement,
 * when its randomness is entered (then nothing is drawn and nobody's status changes).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { changePersonStatus } from '../../src/commands/people.ts';
import { updateAssembly } from '../../src/repositories/assemblies.ts';
import { insertPerson } from '../../src/repositories/people.ts';
import type { SelectionInput } from '../../src/sortition/model.ts';
import { toSelectionFile } from '../../src/sortition/selection-file.ts';
import { ENGINE_VERSION, selectPanel } from '../../src/sortition/selectPanel.ts';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let staff: TestClient;
let runId: string;
const people: string[] = [];

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  const at = new Date().toISOString();
  for (let i = 1; i <= 10; i++) {
    const id = crypto.randomUUID();
    people.push(id);
    await insertPerson(t.database.db, {
      person: {
        id,
        assembly_id: assemblyId,
        reference: `P-${String(i).padStart(5, '0')}`,
        source: 'test',
        status: 'registered',
        status_changed_at: at,
        created_at: at,
      },
      contact: { full_name: `Volontär ${i}`, email: `v${i}@example.se` },
      needs: null,
      answers: { gender: i % 2 === 1 ? 'woman' : 'man' },
      consents: [],
      changedBy: 'test',
      comment: null,
    });
  }
  // A finished run of four seats, stored as the selection runs store one.
  const input: SelectionInput = {
    people: people.map((id, i) => ({ id, features: { gender: i % 2 === 0 ? 'woman' : 'man' } })),
    targets: {
      kind: 'quotas',
      quotas: [
        { feature: 'gender', value: 'woman', min: 2, max: 2 },
        { feature: 'gender', value: 'man', min: 2, max: 2 },
      ],
    },
    panelSize: 4,
    keep: [],
  };
  const result = await selectPanel(input, { lotterySize: 10, seed: 'seats' });
  runId = crypto.randomUUID();
  await t.database.db
    .insertInto('selection_runs')
    .values({
      id: runId,
      assembly_id: assemblyId,
      kind: 'selection',
      status: 'done',
      settings: JSON.stringify({ panelSize: 4, lotterySize: 10 }),
      engine_version: ENGINE_VERSION,
      result: JSON.stringify(toSelectionFile(result, input, ENGINE_VERSION, [])),
      progress: null,
      error: null,
      cancel_requested: 0,
      created_at: at,
      started_at: at,
      finished_at: at,
      created_by: 'test',
    })
    .execute();
  staff = new TestClient(t.app);
  await staff.logIn(adminEmail);
});
after(() => t.close());

const draws = () => `/a/${assemblyId}/draw`;
const announce = { source: 'dice', rolls: '10', sides: '10', confirm: 'yes' };

test('a draw that would put more people in seats than the panel has is refused when announced', async () => {
  await updateAssembly(t.database.db, assemblyId, { panel_size: 3 });
  await staff.get(draws());
  const refused = await staff.post(draws(), { run: runId, ...announce });
  assert.equal(refused.status, 422);
  assert.match(
    refused.text,
    /Seats held now \(selected or confirmed\): 0 of 3; after this draw it could be 4/,
  );
  const stored = await t.database.db.selectFrom('public_draws').selectAll().execute();
  assert.equal(stored.length, 0);
});

test('a seat taken by hand after the announcement makes the entry of the randomness refused, changing nothing', async () => {
  await updateAssembly(t.database.db, assemblyId, { panel_size: 4 });
  await staff.get(draws());
  const published = await staff.post(draws(), { run: runId, ...announce });
  assert.equal(published.status, 303);
  const draw = await t.database.db.selectFrom('public_draws').selectAll().executeTakeFirstOrThrow();
  // P-00001 takes a seat by hand; with the randomness below it is not drawn, so the draw would make 5.
  await changePersonStatus(t.database, t.adminActor, 'organiser', assemblyId, people[0], 'selected', null);
  await staff.get(`${draws()}/${draw.id}`);
  const entered = await staff.post(`${draws()}/${draw.id}/seed`, { randomness: '3141592653' });
  assert.equal(entered.status, 422);
  assert.match(
    entered.text,
    /Seats held now \(selected or confirmed\): 1 of 4; after this draw it could be 5/,
  );
  const after = await t.database.db.selectFrom('public_draws').selectAll().executeTakeFirstOrThrow();
  assert.equal(after.seed, null);
  const seated = await t.database.db
    .selectFrom('people')
    .select('id')
    .where('status', 'in', ['selected', 'confirmed'])
    .execute();
  assert.deepEqual(
    seated.map((p) => p.id),
    [people[0]],
  );
  // Undone by hand, the draw goes ahead and fills the panel exactly.
  await changePersonStatus(t.database, t.adminActor, 'organiser', assemblyId, people[0], 'registered', null);
  const drawn = await staff.post(`${draws()}/${draw.id}/seed`, { randomness: '3141592653' });
  assert.equal(drawn.status, 303);
  const now = await t.database.db
    .selectFrom('people')
    .select('id')
    .where('status', 'in', ['selected', 'confirmed'])
    .execute();
  assert.equal(now.length, 4);
});
