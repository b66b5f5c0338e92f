/**
 * Stage 2 in the platform: targets with the feasibility check next to each answer, selection runs as
 * background jobs of the real engine (worker thread, HiGHS), one at a time per assembly on both
 * databases, cancelling, results, replacement rounds, and who may do what.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { CommandError } from '../../src/commands/command.ts';
import { loadDemo } from '../../src/commands/demo.ts';
import { changePersonStatus } from '../../src/commands/people.ts';
import {
  cancelSelectionRun,
  failInterruptedRuns,
  startReplacementRun,
  startSelectionRun,
} from '../../src/commands/selection-runs.ts';
import { assemblyQuestions, loadTargetSettings, saveTargetSettings } from '../../src/commands/targets.ts';
import type { Database } from '../../src/db/connect.ts';
import type { Question } from '../../src/domain/questions.ts';
import { emptyTargets, type TargetSettings } from '../../src/domain/targets.ts';
import { stopAllJobs } from '../../src/jobs/selection-jobs.ts';
import { findAssemblyBySlug, updateAssembly } from '../../src/repositories/assemblies.ts';
import { listAudit } from '../../src/repositories/audit.ts';
import {
  findStoredRun as findRun,
  insertRun,
  isUniqueViolation,
  type SelectionRunRow,
} from '../../src/repositories/selection-runs.ts';
import { findTargets } from '../../src/repositories/targets.ts';
import { expandPanels } from '../../src/sortition/decompose.ts';
import { asLotterySelection, type SelectionFile } from '../../src/sortition/selection-file.ts';
import { type QuestionSpec, targetsForm } from '../support/targets-form.ts';
import { adminEmail, createStaff, startTestApp, type TestApp, TestClient } from '../support/web.ts';

const panelSize = 10;

async function demo(t: TestApp): Promise<{ assemblyId: string; questions: Question[] }> {
  // Without the demo's own targets: these tests set their own.
  await loadDemo(t.database, 80, { targets: false });
  const assembly = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!;
  // A small panel keeps each run of the real engine to a second or two.
  await updateAssembly(t.database.db, assembly.id, { panel_size: panelSize });
  return { assemblyId: assembly.id, questions: await assemblyQuestions(t.database.db, assembly.id) };
}

/** Gender and age used; non-binary closed, so that some volunteers cannot be selected. */
function feasibleSpec(): Record<string, QuestionSpec> {
  return {
    gender: {
      included: true,
      values: {
        woman: { min: '3', max: '7', population: '50' },
        man: { min: '3', max: '7', population: '49' },
        non_binary: { max: '0', population: '1' },
      },
    },
    age: { included: true, values: { '16-29': { min: '1' }, '65+': { min: '1' } } },
  };
}

function feasibleSettings(questions: Question[]): TargetSettings {
  const settings = emptyTargets(questions);
  for (const key of ['region', 'education']) settings.definition.questions[key].included = false;
  settings.definition.questions.gender.values = {
    woman: { min: 3, max: 7 },
    man: { min: 3, max: 7 },
    non_binary: { max: 0 },
  };
  return settings;
}

async function waitForEnd(database: Database, assemblyId: string, runId: string): Promise<SelectionRunRow> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const run = (await findRun(database.db, assemblyId, runId))!;
    if (!['queued', 'running'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CommandError) return error.code;
    throw error;
  }
  return 'accepted';
}

/** The row of an answer in a targets table and the row of findings right after it, if any. */
function answerRow(html: string, label: string): { row: string; finding: string } {
  const start = html.indexOf(`<th scope="row">${label}</th>`);
  assert.ok(start >= 0, `a row for ${label}`);
  const end = html.indexOf('</tr>', start);
  const next = html.slice(end + 5, end + 5 + 2000);
  const finding = next.startsWith('<tr class="finding">') ? next.slice(0, next.indexOf('</tr>')) : '';
  return { row: html.slice(start, end), finding };
}

describe('targets and selection runs on SQLite', () => {
  let t: TestApp;
  let assemblyId: string;
  let questions: Question[];
  let admin: TestClient;
  let caller: TestClient;
  let targetsUrl: string;
  let selectionUrl: string;
  let doneRunId = '';

  before(async () => {
    t = await startTestApp();
    ({ assemblyId, questions } = await demo(t));
    targetsUrl = `/a/${assemblyId}/targets`;
    selectionUrl = `/a/${assemblyId}/selection`;
    admin = new TestClient(t.app);
    assert.equal((await admin.logIn(adminEmail)).status, 303);
    await createStaff(t, 'caller@lotta.test');
    await grantRole(t.database, t.adminActor, assemblyId, 'caller@lotta.test', 'caller');
    caller = new TestClient(t.app);
    assert.equal((await caller.logIn('caller@lotta.test')).status, 303);
  });
  after(async () => {
    await stopAllJobs();
    await t.close();
  });

  test('the editor shows population, pool and target per question, before any targets are saved', async () => {
    const reply = await admin.get(targetsUrl);
    assert.equal(reply.status, 200);
    assert.match(reply.text, /<legend>Gender<\/legend>/);
    assert.match(reply.text, /<figcaption>Gender: population, pool and target \(% of people\)<\/figcaption>/);
    // The pool is the registered volunteers, counted per answer, and the check waits for targets.
    const registered = await t.database.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('assembly_id', '=', assemblyId)
      .where('status', '=', 'registered')
      .executeTakeFirstOrThrow();
    assert.match(reply.text, new RegExp(`The pool is the ${Number(registered.n)} registered volunteers`));
    assert.match(reply.text, /Save the targets or press “Check without saving”/);
    assert.doesNotMatch(reply.text, /A panel that meets|No panel of/);
    assert.doesNotMatch(reply.text, /\sstyle=/);
    // Every cell has a label.
    assert.match(
      reply.text,
      /<label for="q0\.v0\.min" class="visually-hidden">Min seats, Gender: Woman<\/label>/,
    );
  });

  test('typing errors come back next to the field, with everything typed kept and nothing saved', async () => {
    const spec = feasibleSpec();
    spec.gender.values!.woman = { min: '8', max: '7', population: 'fifty' };
    const reply = await admin.post(targetsUrl, { ...targetsForm(questions, 'quotas', spec), save: '1' });
    assert.equal(reply.status, 422);
    assert.match(
      reply.text,
      /<a href="#q0\.v0\.min"><span class="summary-field">Min seats, Gender: Woman<\/span>: The minimum is above the maximum\.<\/a>/,
    );
    assert.match(reply.text, /id="q0\.v0\.population-error">Enter a number such as 12 or 12,5/);
    assert.match(
      reply.text,
      /id="q0\.v0\.population" name="q0\.v0\.population" type="text" inputmode="decimal" size="6" value="fifty"/,
    );
    assert.equal(await findTargets(t.database.db, assemblyId), undefined);
    // An empty form (no way of giving targets chosen) is refused too.
    const empty = await admin.post(targetsUrl, {});
    assert.equal(empty.status, 422);
    assert.match(empty.text, /Choose how the targets are given\./);
  });

  test('targets that cannot be met are explained next to the answer, with the suggested change, in both languages', async () => {
    const spec = feasibleSpec();
    // Only a minimum, above the panel size: explained, not refused.
    spec.gender.values!.woman = { min: '30' };
    const reply = await admin.post(targetsUrl, { ...targetsForm(questions, 'quotas', spec), check: '1' });
    assert.equal(reply.status, 200);
    assert.match(reply.text, /Checked\. These targets are not saved yet\./);
    assert.match(reply.text, /No panel of 10 seats from the \d+ registered volunteers meets these targets/);
    const woman = answerRow(reply.text, 'Woman');
    assert.match(woman.finding, /The minimum of 30 seats is larger than the panel \(10 seats\)\./);
    assert.match(woman.finding, /Suggested change: lower the minimum from 30 to \d+ seats\./);
    // The inputs of the row point at the explanation.
    assert.match(woman.row, /aria-describedby="q0\.v0-check"/);
    // Nothing is said next to the answers that are fine.
    assert.equal(answerRow(reply.text, 'Man').finding, '');
    // The smallest change is also summed up at the top.
    assert.match(reply.text, /Gender – Woman: lower the minimum from 30 to \d+ seats\./);
    assert.equal(await findTargets(t.database.db, assemblyId), undefined, 'a check saves nothing');

    admin.lang = 'sv';
    const swedish = await admin.post(`${targetsUrl}?lang=sv`, {
      ...targetsForm(questions, 'quotas', spec),
      check: '1',
    });
    admin.lang = 'en';
    await admin.get('/account?lang=en');
    const kvinna = answerRow(swedish.text, 'Kvinna');
    assert.match(kvinna.finding, /Minimum på 30 platser är större än panelen \(10 platser\)\./);
    assert.match(kvinna.finding, /Förslag: sänk minimum från 30 till \d+ platser\./);
  });

  test('percentages and point targets are checked as well', async () => {
    const percent = await admin.post(targetsUrl, {
      ...targetsForm(questions, 'percentages', {
        gender: {
          included: true,
          tolerance: '10',
          values: { woman: { population: '50' }, man: { population: '50' } },
        },
      }),
      check: '1',
    });
    assert.equal(percent.status, 200);
    assert.match(percent.text, /A panel that meets these targets exists/);
    // 50 % ± 10 of 10 seats: 4 to 6.
    assert.match(answerRow(percent.text, 'Woman').row, /<\/span>4–6<\/td>/);

    const points = await admin.post(targetsUrl, {
      ...targetsForm(questions, 'points', {
        gender: {
          included: true,
          weight: '2',
          values: { woman: { points: '5,5' }, man: { population: '45' } },
        },
      }),
      check: '1',
    });
    assert.equal(points.status, 200);
    assert.match(points.text, /A panel that meets these targets exists/);
    assert.match(answerRow(points.text, 'Woman').row, /<\/span>5\.5<\/td>/);
    assert.match(answerRow(points.text, 'Man').row, /<\/span>4\.5<\/td>/);
    // Non-binary has no point target: the engine's warning sits next to it, translated.
    assert.match(answerRow(points.text, 'Non-binary').finding, /gave this answer, which has no target/);
  });

  test('saving feasible targets stores them, writes the audit log and shows the check', async () => {
    const reply = await admin.post(targetsUrl, {
      ...targetsForm(questions, 'quotas', feasibleSpec()),
      save: '1',
    });
    assert.equal(reply.status, 303);
    const page = await admin.get(reply.location!);
    assert.match(page.text, /The targets are saved\./);
    assert.match(
      page.text,
      /A panel that meets these targets exists \(checked against \d+ registered volunteers, 10 seats\)/,
    );
    const saved = (await loadTargetSettings(t.database.db, assemblyId, questions)).settings;
    assert.equal(saved.kind, 'quotas');
    assert.deepEqual(saved.definition.questions.gender.values.woman, { min: 3, max: 7 });
    assert.equal(saved.population.gender.woman, 50);
    assert.equal(saved.definition.questions.region.included, false);
    const audit = await listAudit(t.database.db, { assemblyId, limit: 5, offset: 0 });
    assert.equal(audit.events[0].action, 'targets.save');
  });

  test('an empty start form is refused by validation and starts nothing', async () => {
    const reply = await admin.post(selectionUrl, {});
    assert.equal(reply.status, 422);
    assert.match(
      reply.text,
      /<a href="#panel_size"><span class="summary-field">[^<]+<\/span>: Fill in this field\.<\/a>/,
    );
    const runs = await t.database.db.selectFrom('selection_runs').selectAll().execute();
    assert.equal(runs.length, 0);
  });

  test('a run starts in the background, a second start is refused, and the results are complete', async () => {
    const started = await admin.post(selectionUrl, {
      algorithm: 'leximin',
      panel_size: String(panelSize),
      lottery_size: '100',
      seed: '',
    });
    assert.equal(started.status, 303);
    const runId = started.location!.split('/').pop()!;
    doneRunId = runId;

    // While it runs: the server answers, the page shows progress, polls with htmx, reloads without.
    const again = await admin.post(selectionUrl, {
      algorithm: 'leximin',
      panel_size: String(panelSize),
      lottery_size: '100',
      seed: '',
    });
    assert.equal(again.status, 409);
    assert.match(again.text, /A selection run is already going on in this assembly/);
    const running = await admin.get(started.location!);
    assert.equal(running.status, 200);
    assert.match(running.text, /<progress id="run-progress" max="100" value="\d+">/);
    assert.match(running.text, /hx-trigger="every 1s"/);
    assert.match(running.text, /<noscript><meta http-equiv="refresh" content="2"\/?><\/noscript>/);
    assert.match(running.text, /Cancel the run/);
    // Every stage is listed with its state, from starting the engine to storing the result.
    assert.match(running.text, /<ol class="stages">/);
    assert.match(running.text, /storing the result: waiting/);

    const run = await waitForEnd(t.database, assemblyId, runId);
    assert.equal(run.status, 'done', run.error ?? '');
    assert.ok(run.started_at && run.finished_at);
    const file = JSON.parse(run.result!) as SelectionFile;
    const total = Object.values(file.probabilities).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total - panelSize) < 1e-6, `probabilities sum to ${total}`);
    assert.equal(file.lottery?.size, 100);
    assert.equal(run.engine_version, file.engine.version);
    // Pseudonymous: the engine saw the people's ids and the two used answers, nothing else.
    const registered = await t.database.db
      .selectFrom('people')
      .select('id')
      .where('assembly_id', '=', assemblyId)
      .where('status', '=', 'registered')
      .execute();
    assert.deepEqual(new Set(file.input.people.map((p) => p.id)), new Set(registered.map((r) => r.id)));
    for (const person of file.input.people)
      assert.deepEqual(Object.keys(person.features).sort(), ['age', 'gender']);
    const names = await t.database.db
      .selectFrom('person_contacts')
      .select(['full_name', 'address'])
      .execute();
    for (const contact of names.slice(0, 20)) {
      assert.ok(!run.result!.includes(contact.full_name));
      assert.ok(!run.result!.includes(contact.address!));
    }

    // An htmx poll after the end gets the status and a reload of the whole page.
    const poll = await t.app.request(started.location!, {
      headers: {
        cookie: (admin as unknown as { cookieHeader(): string }).cookieHeader(),
        'hx-request': 'true',
      },
    });
    assert.equal(poll.headers.get('hx-refresh'), 'true');
    assert.doesNotMatch(await poll.text(), /<html/);

    const page = await admin.get(started.location!);
    assert.equal(page.status, 200);
    assert.match(page.text, /Status: <strong>Done<\/strong>/);
    assert.doesNotMatch(page.text, /http-equiv="refresh"/);
    assert.match(page.text, /<figcaption>Gender: population, pool and expected panel \(%\)<\/figcaption>/);
    assert.match(page.text, /<th scope="col">Expected panel<\/th>/);
    // Non-binary volunteers cannot be selected, and the page says why.
    const nonBinary = file.input.people.filter((p) => p.features.gender === 'non_binary').length;
    assert.ok(nonBinary > 0);
    assert.equal(file.excluded.length, nonBinary);
    assert.match(page.text, /The target for Gender “Non-binary” allows nobody \(at most 0 seats\)\./);
    // Probabilities under P-references, never the ids.
    assert.match(page.text, /<th scope="row">P-\d{5}<\/th><td class="number">\d+\.\d{2}\u00a0%<\/td>/);
    assert.doesNotMatch(page.text, new RegExp(file.input.people[0].id));
    assert.doesNotMatch(page.text, /\sstyle=/);

    const download = await admin.get(`${started.location!}/result.json`);
    assert.equal(download.status, 200);
    assert.match(download.headers.get('content-disposition') ?? '', /attachment; filename="selection-/);
    const downloaded = JSON.parse(download.text) as SelectionFile;
    assert.ok(
      asLotterySelection(downloaded),
      'the file holds a lottery `lotta commit` and `lotta draw` accept',
    );

    const audit = await listAudit(t.database.db, { assemblyId, subjectId: runId, limit: 10, offset: 0 });
    assert.deepEqual(audit.events.map((e) => e.action).sort(), ['selection.finish', 'selection.start']);
  });

  test('cancelling stops the run and it ends as cancelled', async () => {
    const runId = await startSelectionRun(t.database, t.adminActor, assemblyId, {
      algorithm: 'leximin',
      panelSize,
      lotterySize: 100,
      seed: null,
    });
    const reply = await admin.post(`${selectionUrl}/${runId}/cancel`, {});
    assert.equal(reply.status, 303);
    const page = await admin.get(reply.location!);
    assert.match(page.text, /Cancelling/);
    const run = await waitForEnd(t.database, assemblyId, runId);
    assert.equal(run.status, 'cancelled');
    assert.equal(run.result, null);
    const again = await admin.post(`${selectionUrl}/${runId}/cancel`, {});
    assert.equal((await admin.get(again.location!)).text.includes('The run had already ended.'), true);
    const audit = await listAudit(t.database.db, { assemblyId, subjectId: runId, limit: 10, offset: 0 });
    assert.deepEqual(audit.events.map((e) => e.action).sort(), [
      'selection.cancel',
      'selection.finish',
      'selection.start',
    ]);
  });

  test('targets that cannot be met give an infeasible run with the findings in the interface language', async () => {
    const settings = feasibleSettings(questions);
    settings.definition.questions.gender.values.woman = { min: 9, max: 10 };
    settings.definition.questions.gender.values.man = { min: 3, max: 10 };
    await saveTargetSettings(t.database, t.adminActor, assemblyId, settings);
    const runId = await startSelectionRun(t.database, t.adminActor, assemblyId, {
      algorithm: 'maximin',
      panelSize,
      lotterySize: null,
      seed: null,
    });
    const run = await waitForEnd(t.database, assemblyId, runId);
    assert.equal(run.status, 'infeasible');
    admin.lang = 'sv';
    const page = await admin.get(`${selectionUrl}/${runId}?lang=sv`);
    admin.lang = 'en';
    await admin.get('/account?lang=en');
    assert.match(page.text, /Målen går inte att uppfylla/);
    assert.match(page.text, /Därför uppfyller ingen panel målen/);
    assert.match(page.text, /Kön – (Kvinna|Man): (sänk minimum|höj maximum)/);
    await saveTargetSettings(t.database, t.adminActor, assemblyId, feasibleSettings(questions));
  });

  test('an infeasible run advises in percent when the targets were typed in percent', async () => {
    const settings = feasibleSettings(questions);
    settings.kind = 'percentages';
    settings.definition.questions.gender.values = {
      woman: { minPercent: 85, maxPercent: 100 },
      man: { minPercent: 30, maxPercent: 100 },
      non_binary: { maxPercent: 0 },
    };
    await saveTargetSettings(t.database, t.adminActor, assemblyId, settings);
    const runId = await startSelectionRun(t.database, t.adminActor, assemblyId, {
      algorithm: 'maximin',
      panelSize,
      lotterySize: null,
      seed: null,
    });
    const run = await waitForEnd(t.database, assemblyId, runId);
    assert.equal(run.status, 'infeasible');
    const page = await admin.get(`${selectionUrl}/${runId}`);
    assert.match(
      page.text,
      /Gender – (Woman|Man): (lower the minimum|raise the maximum) from \d+ % to [\d.]+ %/,
    );
    assert.doesNotMatch(
      page.text,
      /Gender – (Woman|Man): (lower the minimum|raise the maximum) from \d+ to /,
    );
    await saveTargetSettings(t.database, t.adminActor, assemblyId, feasibleSettings(questions));
  });

  test('a run the engine refused tells why in the reader language', async () => {
    const model = await t.database.db
      .selectFrom('selection_runs')
      .selectAll()
      .where('assembly_id', '=', assemblyId)
      .where('status', 'in', ['done', 'infeasible'])
      .executeTakeFirstOrThrow();
    const id = crypto.randomUUID();
    await insertRun(t.database.db, {
      ...model,
      id,
      status: 'failed',
      result: null,
      progress: null,
      error: JSON.stringify({
        code: 'input',
        message: '3 people are kept, more than the panel size 2.',
        input: { code: 'kept-above-size', params: { count: 3, size: 2 } },
      }),
    });
    admin.lang = 'sv';
    const page = await admin.get(`${selectionUrl}/${id}?lang=sv`);
    admin.lang = 'en';
    await admin.get('/account?lang=en');
    assert.match(page.text, /<p>3 personer behålls, fler än panelstorleken 2\.<\/p>/);
    assert.doesNotMatch(page.text, /people are kept/);
    await t.database.db.deleteFrom('selection_runs').where('id', '=', id).execute();
  });

  test('a replacement round keeps the confirmed members on every panel', async () => {
    // Three members who confirmed, by the organiser's hand (this suite's demo has no panel drawn).
    const three = await t.database.db
      .selectFrom('people')
      .innerJoin('person_answers', 'person_answers.person_id', 'people.id')
      .select('people.id')
      .where('people.assembly_id', '=', assemblyId)
      .where('people.status', '=', 'registered')
      .where('person_answers.question_key', '=', 'gender')
      .where('person_answers.value', '=', 'woman')
      .orderBy('people.reference')
      .limit(3)
      .execute();
    for (const { id } of three)
      for (const to of ['selected', 'confirmed'])
        await changePersonStatus(t.database, t.adminActor, 'organiser', assemblyId, id, to, null);
    const confirmed = await t.database.db
      .selectFrom('people')
      .select(['id', 'reference'])
      .where('assembly_id', '=', assemblyId)
      .where('status', '=', 'confirmed')
      .orderBy('reference')
      .limit(3)
      .execute();
    assert.equal(confirmed.length, 3);
    const keep = confirmed.map((p) => p.id);
    assert.equal(
      await refusal(
        startReplacementRun(t.database, t.adminActor, assemblyId, { keep: ['nobody'], size: 10 }),
      ),
      'selection_keep_unknown',
    );
    assert.equal(
      await refusal(startReplacementRun(t.database, t.adminActor, assemblyId, { keep, size: 2 })),
      'selection_keep_above_size',
    );
    const runId = await startReplacementRun(t.database, t.adminActor, assemblyId, { keep, size: panelSize });
    const run = await waitForEnd(t.database, assemblyId, runId);
    assert.equal(run.kind, 'replacement');
    assert.equal(run.status, 'done', run.error ?? '');
    const file = JSON.parse(run.result!) as SelectionFile;
    assert.deepEqual(file.input.keep, keep);
    for (const id of keep) assert.ok(Math.abs(file.probabilities[id] - 1) < 1e-9);
    for (const panel of file.lottery!.panels) for (const id of keep) assert.ok(panel.includes(id));
    const page = await admin.get(`${selectionUrl}/${runId}`);
    assert.match(page.text, /<h1>Replacement round<\/h1>/);
    assert.match(
      page.text,
      new RegExp(
        `<th scope="row">${confirmed[0].reference}</th><td class="number">Kept \\(100\u00a0%\\)</td>`,
      ),
    );
    // The later tests start whole-panel runs, which seated members would overfill: free their seats.
    await t.database.db.updateTable('people').set({ status: 'registered' }).where('id', 'in', keep).execute();
  });

  test('runs left behind by a stopped server are marked as interrupted on start', async () => {
    const runId = crypto.randomUUID();
    await insertRun(t.database.db, {
      id: runId,
      assembly_id: assemblyId,
      kind: 'selection',
      status: 'running',
      settings: (await findRun(t.database.db, assemblyId, doneRunId))!.settings,
      engine_version: 'test',
      cancel_requested: 0,
      created_at: new Date().toISOString(),
      created_by: 'system',
    });
    assert.equal(await failInterruptedRuns(t.database), 1);
    const run = (await findRun(t.database.db, assemblyId, runId))!;
    assert.equal(run.status, 'failed');
    const page = await admin.get(`${selectionUrl}/${runId}`);
    assert.match(page.text, /The run was interrupted: Lotta stopped or restarted before it finished/);
    const list = await admin.get(selectionUrl);
    assert.match(list.text, /<td>Failed<\/td>/);
    assert.match(list.text, /<td>Done<\/td>/);
  });

  let secondRunId = '';

  test('a result larger than the configured limit ends the run as failed with the reason, and a new run can start', async () => {
    const settings = { algorithm: 'leximin' as const, panelSize, lotterySize: 100, seed: null };
    const runId = await startSelectionRun(t.database, t.adminActor, assemblyId, settings, {
      maxResultBytes: 20_000,
    });
    const run = await waitForEnd(t.database, assemblyId, runId);
    assert.equal(run.status, 'failed');
    assert.equal(run.result, null);
    const error = JSON.parse(run.error!) as { code: string; params: { bytes: number; limit: number } };
    assert.equal(error.code, 'too_large');
    assert.equal(error.params.limit, 20_000);
    assert.ok(error.params.bytes > 20_000);
    const page = await admin.get(`${selectionUrl}/${runId}`);
    assert.match(
      page.text,
      /The result was too large to store \(0\.\d+ MB; a run may store at most 0\.02 MB\)\. Nothing was stored and a new run can start/,
    );
    const audit = await listAudit(t.database.db, { assemblyId, subjectId: runId, limit: 10, offset: 0 });
    const finish = audit.events.find((e) => e.action === 'selection.finish');
    assert.match(JSON.stringify(finish), /too_large/);

    // The assembly is free: the next run starts and is stored.
    secondRunId = await startSelectionRun(t.database, t.adminActor, assemblyId, settings);
    assert.equal((await waitForEnd(t.database, assemblyId, secondRunId)).status, 'done');
  });

  test('cancelling a run that no job is working on ends it at once and frees the assembly', async () => {
    // As a run looked after its result could not be stored: running, with nobody working on it.
    const runId = crypto.randomUUID();
    await insertRun(t.database.db, {
      id: runId,
      assembly_id: assemblyId,
      kind: 'selection',
      status: 'running',
      settings: (await findRun(t.database.db, assemblyId, doneRunId))!.settings,
      engine_version: 'test',
      cancel_requested: 0,
      created_at: new Date().toISOString(),
      created_by: 'system',
    });
    assert.equal(
      await refusal(
        startSelectionRun(t.database, t.adminActor, assemblyId, {
          algorithm: 'leximin',
          panelSize,
          lotterySize: 100,
          seed: null,
        }),
      ),
      'selection_running',
    );
    const reply = await admin.post(`${selectionUrl}/${runId}/cancel`, {});
    assert.equal(reply.status, 303);
    assert.equal((await findRun(t.database.db, assemblyId, runId))!.status, 'cancelled');
    const audit = await listAudit(t.database.db, { assemblyId, subjectId: runId, limit: 10, offset: 0 });
    assert.deepEqual(audit.events.map((e) => e.action).sort(), ['selection.cancel', 'selection.finish']);
    const next = await startSelectionRun(t.database, t.adminActor, assemblyId, {
      algorithm: 'maximin',
      panelSize,
      lotterySize: 100,
      seed: null,
    });
    await cancelSelectionRun(t.database, t.adminActor, assemblyId, next);
    assert.equal((await waitForEnd(t.database, assemblyId, next)).status, 'cancelled');
  });

  test('a finished run went through every stage, opens with a summary and links on to its public draw', async () => {
    const run = (await findRun(t.database.db, assemblyId, doneRunId))!;
    assert.equal((JSON.parse(run.progress!) as { phase: string }).phase, 'save');

    const page = await admin.get(`${selectionUrl}/${doneRunId}`);
    assert.equal(page.status, 200);
    const summary = page.text.indexOf('<h2 id="summary-heading">Summary</h2>');
    assert.ok(summary > 0, 'a summary');
    assert.ok(
      summary < page.text.indexOf('<details class="fold"'),
      'the summary comes before the folded details',
    );
    assert.ok(
      /seats drawn from a pool of \d+ volunteers \(Leximin\)/.test(page.text),
      'the summary names pool and method',
    );
    for (const id of ['facts', 'representativeness', 'excluded', 'probabilities']) {
      assert.match(page.text, new RegExp(`<details class="fold" id="${id}">`), id);
    }
    // Paging through the probabilities opens their part.
    const second = await admin.get(`${selectionUrl}/${doneRunId}?page=1`);
    assert.match(second.text, /<details class="fold" id="probabilities" open="">/);

    const next = `/a/${assemblyId}/draw?run=${doneRunId}#announce`;
    assert.ok(page.text.includes(`href="${next.replace(/&/g, '&amp;')}"`), 'a link on to the draw');
    const draw = await admin.get(next.replace('#announce', ''));
    assert.equal(draw.status, 200);
    assert.match(
      draw.text,
      new RegExp(`<option value="${doneRunId}" selected="">Selection run ${doneRunId.slice(0, 8)}, `),
    );
    // Two runs with the same settings are told apart; the replacement round is marked as one.
    const labels = [...draw.text.matchAll(/<option value="[0-9a-f-]{36}"[^>]*>([^<]*)<\/option>/g)].map(
      (m) => m[1],
    );
    assert.ok(labels.some((l) => l.startsWith(`Selection run ${secondRunId.slice(0, 8)}, `)));
    assert.ok(labels.some((l) => l.startsWith('Replacement round ')));
    assert.equal(new Set(labels).size, labels.length);
  });

  test('the selection file downloads as the stored file, pretty-printed, and a stored file the run page cannot read is an error, not a page', async () => {
    const stored = (await findRun(t.database.db, assemblyId, doneRunId))!.result!;
    const download = await admin.get(`${selectionUrl}/${doneRunId}/result.json`);
    assert.equal(download.status, 200);
    assert.equal(download.text, `${JSON.stringify(JSON.parse(stored), null, 2)}\n`);
    // A stored row that is not a selection file: the repository refuses it rather than a page showing
    // parts of it; the download hands on the stored text as it is.
    const done = (await findRun(t.database.db, assemblyId, doneRunId))!;
    const runId = crypto.randomUUID();
    await insertRun(t.database.db, {
      ...done,
      id: runId,
      result: JSON.stringify({ status: 'ok', input: 'not a pool' }),
      created_at: new Date().toISOString(),
    });
    assert.equal((await admin.get(`${selectionUrl}/${runId}`)).status, 500);
    const raw = await admin.get(`${selectionUrl}/${runId}/result.json`);
    assert.deepEqual(JSON.parse(raw.text), { status: 'ok', input: 'not a pool' });
    await t.database.db.deleteFrom('selection_runs').where('id', '=', runId).execute();
  });

  test('a run stored before type panels (named panels) still shows its result and offers its draw', async () => {
    const done = (await findRun(t.database.db, assemblyId, doneRunId))!;
    const { types, typePanels, ...rest } = JSON.parse(done.result!) as SelectionFile;
    const old = { ...rest, panels: [...expandPanels(types, typePanels)] };
    const runId = crypto.randomUUID();
    await insertRun(t.database.db, {
      ...done,
      id: runId,
      result: JSON.stringify(old),
      created_at: new Date().toISOString(),
    });
    const page = await admin.get(`${selectionUrl}/${runId}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<h2 id="summary-heading">Summary<\/h2>/);
    assert.match(page.text, /Next step: announce the public draw of this run/);
    const download = await admin.get(`${selectionUrl}/${runId}/result.json`);
    assert.ok(asLotterySelection(JSON.parse(download.text) as SelectionFile));
    const draw = await admin.get(`/a/${assemblyId}/draw`);
    assert.match(draw.text, new RegExp(`<option value="${runId}"`));
  });

  test('a caller may neither edit targets nor run or see selections', async () => {
    for (const path of [
      targetsUrl,
      selectionUrl,
      `${selectionUrl}/${doneRunId}`,
      `${selectionUrl}/${doneRunId}/result.json`,
    ]) {
      assert.equal((await caller.get(path)).status, 403, path);
    }
    await caller.get('/account');
    const start = await caller.post(selectionUrl, {
      algorithm: 'leximin',
      panel_size: '10',
      lottery_size: '100',
    });
    assert.equal(start.status, 403);
    assert.equal((await caller.post(targetsUrl, { kind: 'quotas', save: '1' })).status, 403);
  });
});

describe('one run at a time on PostgreSQL', () => {
  let t: TestApp;
  let assemblyId: string;
  let questions: Question[];

  before(async () => {
    t = await startTestApp({ kind: 'postgres' });
    ({ assemblyId, questions } = await demo(t));
    await saveTargetSettings(t.database, t.adminActor, assemblyId, feasibleSettings(questions));
  });
  after(async () => {
    await stopAllJobs();
    await t.close();
  });

  test('two starts at the same moment: one runs, the other is told a run is going on', async () => {
    const settings = { algorithm: 'leximin' as const, panelSize, lotterySize: 100, seed: null };
    const outcomes = await Promise.allSettled([
      startSelectionRun(t.database, t.adminActor, assemblyId, settings),
      startSelectionRun(t.database, t.adminActor, assemblyId, settings),
      startSelectionRun(t.database, t.adminActor, assemblyId, settings),
    ]);
    const started = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    assert.equal(started.length, 1);
    for (const r of refused) {
      assert.ok(r.reason instanceof CommandError && r.reason.code === 'selection_running', String(r.reason));
    }
    const runId = (started[0] as PromiseFulfilledResult<string>).value;
    await cancelSelectionRun(t.database, t.adminActor, assemblyId, runId);
    assert.equal((await waitForEnd(t.database, assemblyId, runId)).status, 'cancelled');
    // Once it has ended, the next run may start and runs to the end on PostgreSQL too.
    const next = await startSelectionRun(t.database, t.adminActor, assemblyId, settings);
    const run = await waitForEnd(t.database, assemblyId, next);
    assert.equal(run.status, 'done', run.error ?? '');
  });

  test('the database itself refuses a second active run', async () => {
    const row = {
      assembly_id: assemblyId,
      kind: 'selection',
      status: 'queued',
      settings: '{}',
      engine_version: 'test',
      cancel_requested: 0,
      created_at: new Date().toISOString(),
      created_by: 'system',
    };
    await insertRun(t.database.db, { ...row, id: crypto.randomUUID() });
    let error: unknown;
    try {
      await insertRun(t.database.db, { ...row, id: crypto.randomUUID(), status: 'running' });
    } catch (e) {
      error = e;
    }
    assert.ok(isUniqueViolation(error), String(error));
    assert.equal(
      await refusal(
        startSelectionRun(t.database, t.adminActor, assemblyId, {
          algorithm: 'leximin',
          panelSize,
          lotterySize: 100,
          seed: null,
        }),
      ),
      'selection_running',
    );
    await failInterruptedRuns(t.database);
  });
});

describe('the database refuses a second active run on SQLite too', () => {
  test('unique index on queued and running runs', async () => {
    const t = await startTestApp();
    try {
      const { assemblyId } = await demo(t);
      const row = {
        assembly_id: assemblyId,
        kind: 'selection',
        status: 'running',
        settings: '{}',
        engine_version: 'test',
        cancel_requested: 0,
        created_at: new Date().toISOString(),
        created_by: 'system',
      };
      await insertRun(t.database.db, { ...row, id: crypto.randomUUID() });
      let error: unknown;
      try {
        await insertRun(t.database.db, { ...row, id: crypto.randomUUID(), status: 'queued' });
      } catch (e) {
        error = e;
      }
      assert.ok(isUniqueViolation(error), String(error));
      // Finished runs do not count.
      await insertRun(t.database.db, { ...row, id: crypto.randomUUID(), status: 'done' });
    } finally {
      await t.close();
    }
  });
});
