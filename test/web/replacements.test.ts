/**
 * Replacements end to end, in-process with the real engine: a panel is drawn publicly, two members
 * decline, a replacement run keeps the others and its lottery is drawn publicly too; the decliners
 * become replaced, two newcomers selected, and the page shows who replaced whom with the effect on
 * each target. A second run while one is going is refused.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadDemo } from '../../src/commands/demo.ts';
import { changePersonStatus } from '../../src/commands/people.ts';
import { enterDrawRandomness, publishPanelDraw } from '../../src/commands/public-draws.ts';
import { startSelectionRun } from '../../src/commands/selection-runs.ts';
import { assemblyQuestions, saveTargetSettings } from '../../src/commands/targets.ts';
import { emptyTargets } from '../../src/domain/targets.ts';
import { pdfText } from '../../src/report/pdf-text.ts';
import { findAssemblyBySlug, updateAssembly } from '../../src/repositories/assemblies.ts';
import { listReplacements } from '../../src/repositories/replacements.ts';
import { findStoredRun as findRun } from '../../src/repositories/selection-runs.ts';
import { StoredDataError } from '../../src/repositories/stored-json.ts';
import { adminEmail, startTestApp, type TestApp, TestClient } from '../support/web.ts';

const panelSize = 10;
let t: TestApp;
let assemblyId: string;
let admin: TestClient;

async function waitForEnd(runId: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const run = (await findRun(t.database.db, assemblyId, runId))!;
    if (!['queued', 'running'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function statusOf(): Promise<Map<string, string>> {
  const rows = await t.database.db
    .selectFrom('people')
    .select(['id', 'status'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.status]));
}

async function drawRun(runId: string, digits: string): Promise<void> {
  const drawId = await publishPanelDraw(t.database, t.adminActor, assemblyId, {
    runId,
    plan: { source: 'dice', rolls: 10, sides: 10 },
  });
  await enterDrawRandomness(t.database, t.adminActor, assemblyId, drawId, digits);
}

before(async () => {
  t = await startTestApp();
  // A pool where everyone has registered and nobody has been selected yet.
  await loadDemo(t.database, 60, { panel: false });
  const assembly = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!;
  assemblyId = assembly.id;
  await updateAssembly(t.database.db, assemblyId, { panel_size: panelSize });
  const questions = await assemblyQuestions(t.database.db, assemblyId);
  const settings = emptyTargets(questions);
  for (const key of ['age', 'region', 'education']) settings.definition.questions[key].included = false;
  settings.definition.questions.gender.values = {
    woman: { min: 4, max: 6 },
    man: { min: 4, max: 6 },
    non_binary: { max: 1 },
  };
  await saveTargetSettings(t.database, t.adminActor, assemblyId, settings);
  const runId = await startSelectionRun(t.database, t.adminActor, assemblyId, {
    algorithm: 'leximin',
    panelSize,
    lotterySize: 50,
    seed: null,
  });
  assert.equal((await waitForEnd(runId)).status, 'done');
  await drawRun(runId, '2718281828');
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
});
after(() => t.close());

test('with nobody gone there is no seat to fill, and starting a round is refused', async () => {
  const page = await admin.get(`/a/${assemblyId}/replacements`);
  assert.match(page.text, /10 of the panel&#39;s 10 seats are filled|10 of the panel's 10 seats are filled/);
  assert.match(page.text, /No seats are open/);
  const refused = await admin.post(`/a/${assemblyId}/replacements`, {});
  assert.equal(refused.status, 422);
  assert.match(refused.text, /No seats are open, so there is nothing to replace/);
});

test('two declines, a replacement round drawn in public: whole panel kept, seats filled, effect recorded', async () => {
  const before = await statusOf();
  const selected = [...before].filter(([, s]) => s === 'selected').map(([id]) => id);
  assert.equal(selected.length, panelSize);
  const leaving = selected.slice(0, 2);
  for (const id of leaving)
    await changePersonStatus(
      t.database,
      t.adminActor,
      'organiser',
      assemblyId,
      id,
      'declined',
      'Cannot come',
    );
  for (const id of selected.slice(2, 6))
    await changePersonStatus(t.database, t.adminActor, 'caller', assemblyId, id, 'confirmed', null);

  const page = await admin.get(`/a/${assemblyId}/replacements`);
  assert.match(page.text, /Start a replacement run for 2 seats/);
  // Targets any 8 kept members can still meet with 2 newcomers, whoever left.
  const questions = await assemblyQuestions(t.database.db, assemblyId);
  const settings = emptyTargets(questions);
  for (const key of ['age', 'region', 'education']) settings.definition.questions[key].included = false;
  settings.definition.questions.gender.values = { woman: { min: 2, max: 8 }, man: { min: 2, max: 8 } };
  await saveTargetSettings(t.database, t.adminActor, assemblyId, settings);
  const started = await admin.post(`/a/${assemblyId}/replacements`, {});
  assert.equal(started.status, 303);
  const runId = started.location!.split('/').pop()!;
  // A second round while the first one runs is refused with a clear message. (The engine's worker
  // thread takes far longer to start than this in-process request, so the first is still going.)
  const second = await admin.post(`/a/${assemblyId}/replacements`, {});
  assert.equal(second.status, 422);
  assert.match(second.text, /already going on/);
  const finished = await waitForEnd(runId);
  assert.equal(finished.status, 'done');
  const keep = (JSON.parse(finished.settings) as { keep: string[] }).keep;
  assert.equal(keep.length, panelSize - 2);

  await drawRun(runId, '1414213562');
  const after = await statusOf();
  for (const id of leaving) assert.equal(after.get(id), 'replaced');
  // Everyone kept is still on the panel with the status they had.
  for (const id of keep)
    assert.ok(['selected', 'confirmed'].includes(after.get(id)!), `kept ${id} is ${after.get(id)}`);
  for (const id of selected.slice(2, 6)) assert.equal(after.get(id), 'confirmed');
  const onPanel = [...after].filter(([, s]) => s === 'selected' || s === 'confirmed').map(([id]) => id);
  assert.equal(onPanel.length, panelSize);
  const newcomers = onPanel.filter((id) => !selected.includes(id));
  assert.equal(newcomers.length, 2);

  const rows = await t.database.db
    .selectFrom('replacements')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .execute();
  assert.deepEqual(rows.map((r) => r.replaced_person_id).sort(), [...leaving].sort());
  assert.deepEqual(rows.map((r) => r.replacement_person_id).sort(), [...newcomers].sort());
  const effect = JSON.parse(rows[0].effect) as Record<
    string,
    Record<string, { before: number; after: number }>
  >;
  const total = (side: 'before' | 'after') =>
    Object.values(effect.gender).reduce((sum, v) => sum + v[side], 0);
  assert.equal(total('before'), panelSize);
  assert.equal(total('after'), panelSize);
  // The new panel still meets the gender targets.
  assert.ok(effect.gender.woman.after >= 4 && effect.gender.woman.after <= 6);
  // The repository hands the effect out decoded, the same for every pair of the round, and a stored
  // effect that is not one fails loudly there instead of as a wrong table on the page.
  const listed = await listReplacements(t.database.db, assemblyId);
  assert.deepEqual(
    listed.map((r) => r.effect),
    rows.map(() => effect),
  );
  const broken = t.database.db.updateTable('replacements').where('id', '=', rows[0].id);
  await broken.set({ effect: '{"gender":{"woman":{"before":"four"}}}' }).execute();
  try {
    await assert.rejects(listReplacements(t.database.db, assemblyId), StoredDataError);
  } finally {
    await broken.set({ effect: rows[0].effect }).execute();
  }

  // The draw is named for what it is, for staff and on the public page.
  const draws = await admin.get(`/a/${assemblyId}/draw`);
  assert.match(draws.text, /Replacement round draw/);
  const slug = (
    await t.database.db
      .selectFrom('assemblies')
      .select('slug')
      .where('id', '=', assemblyId)
      .executeTakeFirstOrThrow()
  ).slug;
  const publicList = await new TestClient(t.app).get(`/public/${slug}/draw?lang=en`);
  const replacementDraw = /href="(\/public\/[^"]+\/draw\/[\w-]+)">Replacement round draw/.exec(
    publicList.text,
  );
  assert.ok(replacementDraw, 'the public list names the replacement draw');
  assert.match(
    (await new TestClient(t.app).get(`${replacementDraw[1]}?lang=en`)).text,
    /Public draw of replacement members/,
  );

  const shown = await admin.get(`/a/${assemblyId}/replacements`);
  assert.match(shown.text, /replaced P-\d{5}/);
  assert.match(shown.text, /Members per answer before and after/);
  assert.match(shown.text, /No seats are open/);
  const audit = await t.database.db
    .selectFrom('audit_events')
    .select('action')
    .where('action', '=', 'replacement.apply')
    .execute();
  assert.equal(audit.length, 2);

  // The report's PDF names both public draws and who took whose seat.
  const cookie = (admin as unknown as { cookieHeader(): string }).cookieHeader();
  const pdf = pdfText(
    new Uint8Array(
      await (
        await t.app.request(`/a/${assemblyId}/report.pdf?language=en`, { headers: { cookie } })
      ).arrayBuffer(),
    ),
  );
  assert.ok(pdf.includes('Draw of the panel') && pdf.includes('Draw of a replacement round'));
  const reportPage = (await admin.get(`/a/${assemblyId}/report`)).text;
  assert.match(reportPage, /<h3>Draw of a replacement round<\/h3>/);
  assert.match(reportPage, /href="http:\/\/localhost\/public\/[^"]+\/draw\/[\w-]+\/verify"/);
  for (const row of rows) {
    const [replaced, replacement] = await Promise.all(
      [row.replaced_person_id, row.replacement_person_id].map(
        async (id) =>
          (
            await t.database.db
              .selectFrom('people')
              .select('reference')
              .where('id', '=', id)
              .executeTakeFirstOrThrow()
          ).reference,
      ),
    );
    assert.ok(pdf.includes(`${replacement} took the seat of ${replaced}`), `${replacement} for ${replaced}`);
    assert.ok(reportPage.includes(`${replacement} took the seat of ${replaced}`));
  }
});

test('on a full panel nobody takes a seat by hand, nor by a new selection run', async () => {
  const registered = [...(await statusOf())].find(([, s]) => s === 'registered')![0];
  await admin.get(`/a/${assemblyId}/people/${registered}`);
  const refused = await admin.post(`/a/${assemblyId}/people/${registered}/status`, {
    status: 'selected',
    comment: '',
  });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /The panel has 10 seats and 10 people hold one/);
  assert.equal((await statusOf()).get(registered), 'registered');
  await assert.rejects(
    startSelectionRun(t.database, t.adminActor, assemblyId, {
      algorithm: 'leximin',
      panelSize,
      lotterySize: 50,
      seed: null,
    }),
    (error: { code?: string }) => error.code === 'seats_exceeded',
  );
  // Nor by shrinking the panel below the members it has.
  await admin.get(`/a/${assemblyId}/edit`);
  const shrunk = await admin.post(`/a/${assemblyId}/edit`, {
    title_sv: 'Klimatrådet (demo)',
    remit_sv: 'Hur?',
    panel_size: '9',
    languages: ['sv', 'en'],
  });
  assert.equal(shrunk.status, 422);
  assert.match(shrunk.text, /10 people already hold a seat \(selected or confirmed\), more than 9/);
  assert.equal((await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!.panel_size, panelSize);
});

test('a seat filled by hand after a decline is not offered again; a run fills exactly the open seats', async () => {
  const statuses = await statusOf();
  const onPanel = [...statuses].filter(([, s]) => s === 'selected').map(([id]) => id);
  const registered = [...statuses].filter(([, s]) => s === 'registered').map(([id]) => id);
  // One member declines and the organiser gives the seat to a volunteer by hand.
  await changePersonStatus(t.database, t.adminActor, 'organiser', assemblyId, onPanel[0], 'declined', null);
  await changePersonStatus(
    t.database,
    t.adminActor,
    'organiser',
    assemblyId,
    registered[0],
    'selected',
    null,
  );
  const full = await admin.get(`/a/${assemblyId}/replacements`);
  assert.match(full.text, /No seats are open/);
  assert.doesNotMatch(full.text, /Start a replacement run/);
  assert.equal((await admin.post(`/a/${assemblyId}/replacements`, {})).status, 422);

  // Two more leave: exactly two seats are open, and the run is for the panel's 10 seats, keeping 8.
  for (const id of onPanel.slice(1, 3))
    await changePersonStatus(t.database, t.adminActor, 'organiser', assemblyId, id, 'withdrawn', null);
  const page = await admin.get(`/a/${assemblyId}/replacements`);
  assert.match(page.text, /8 of the panel(&#39;|')s 10 seats are filled/);
  assert.match(page.text, /Start a replacement run for 2 seats/);
  // Targets any 8 kept members can still meet with 2 newcomers, whoever left.
  const questions = await assemblyQuestions(t.database.db, assemblyId);
  const settings = emptyTargets(questions);
  for (const key of ['age', 'region', 'education']) settings.definition.questions[key].included = false;
  settings.definition.questions.gender.values = { woman: { min: 2, max: 8 }, man: { min: 2, max: 8 } };
  await saveTargetSettings(t.database, t.adminActor, assemblyId, settings);
  const started = await admin.post(`/a/${assemblyId}/replacements`, {});
  assert.equal(started.status, 303);
  const run = await waitForEnd(started.location!.split('/').pop()!);
  assert.equal(run.status, 'done');
  const stored = JSON.parse(run.settings) as { keep: string[]; panelSize: number };
  assert.equal(stored.panelSize, panelSize);
  assert.equal(stored.keep.length, 8);
  await drawRun(run.id, '5772156649');
  const after = [...(await statusOf())].filter(([, s]) => s === 'selected' || s === 'confirmed');
  assert.equal(after.length, panelSize);
});
