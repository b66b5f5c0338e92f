/**
 * The targets page as issue 8 left it: advice in the unit the organiser typed, warnings for point
 * targets the pool cannot reach, a summary on top with the questions folded below, and saved targets
 * checked against the pool of the run that used them once a draw has shrunk today's pool.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDemo } from '../../src/commands/demo.ts';
import { startSelectionRun } from '../../src/commands/selection-runs.ts';
import { assemblyQuestions, saveTargetSettings } from '../../src/commands/targets.ts';
import type { Question } from '../../src/domain/questions.ts';
import { emptyTargets, type TargetSettings } from '../../src/domain/targets.ts';
import { stopAllJobs } from '../../src/jobs/selection-jobs.ts';
import { findAssemblyBySlug, updateAssembly } from '../../src/repositories/assemblies.ts';
import { findStoredRun as findRun } from '../../src/repositories/selection-runs.ts';
import { targetsForm } from '../support/targets-form.ts';
import { adminEmail, startTestApp, type TestApp, TestClient } from '../support/web.ts';

const panelSize = 10;

/** The row of findings right after an answer's row in a targets table, or ''. */
function findingRow(html: string, label: string): string {
  const start = html.indexOf(`<th scope="row">${label}</th>`);
  assert.ok(start >= 0, `a row for ${label}`);
  const end = html.indexOf('</tr>', start);
  const next = html.slice(end + 5, end + 5 + 3000);
  return next.startsWith('<tr class="finding">') ? next.slice(0, next.indexOf('</tr>')) : '';
}

/** The opening tag of a question's fold. */
function foldOf(html: string, i: number): string {
  const match = html.match(new RegExp(`<details class="targets-question" id="q${i}"[^>]*>`));
  assert.ok(match, `a fold for question ${i}`);
  return match[0];
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

describe('the targets page', () => {
  let t: TestApp;
  let assemblyId: string;
  let questions: Question[];
  let admin: TestClient;
  let url: string;

  before(async () => {
    t = await startTestApp();
    await loadDemo(t.database, 80, { targets: false });
    const assembly = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!;
    await updateAssembly(t.database.db, assembly.id, { panel_size: panelSize });
    assemblyId = assembly.id;
    questions = await assemblyQuestions(t.database.db, assemblyId);
    url = `/a/${assemblyId}/targets`;
    admin = new TestClient(t.app);
    assert.equal((await admin.logIn(adminEmail)).status, 303);
    // A page first, as a browser would, for the form's token.
    assert.equal((await admin.get(url)).status, 200);
  });
  after(async () => {
    await stopAllJobs();
    await t.close();
  });

  test('advice for targets typed in percent is given in percent, and gives the seats it promises', async () => {
    // 70 % and 40 % of 10 seats are 7 and 4 seats: 11, one too many.
    const range = targetsForm(questions, 'percentages', {
      gender: { included: true, values: { woman: { min_percent: '70' }, man: { min_percent: '40' } } },
    });
    const reply = await admin.post(url, { ...range, check: '1' });
    assert.equal(reply.status, 200);
    const advice = `${findingRow(reply.text, 'Woman')} ${findingRow(reply.text, 'Man')}`;
    assert.match(
      advice,
      /Suggested change: lower the minimum from (70 % to 60 % \(6 seats\)|40 % to 30 % \(3 seats\))\./,
    );
    assert.match(
      reply.text,
      /Gender – (Woman|Man): lower the minimum from (70|40) % to (60|30) % \((6|3) seats\)\./,
    );
    assert.doesNotMatch(reply.text, /lower the minimum from (7|4) to/);
    assert.match(
      reply.text,
      /Lower the minimums of this question by 1 seat in total, about 10 percentage points of the panel\./,
    );

    admin.lang = 'sv';
    const swedish = await admin.post(`${url}?lang=sv`, { ...range, check: '1' });
    admin.lang = 'en';
    await admin.get('/account?lang=en');
    assert.match(
      `${findingRow(swedish.text, 'Kvinna')} ${findingRow(swedish.text, 'Man')}`,
      /Förslag: sänk minimum från (70 % till 60 % \(6 platser\)|40 % till 30 % \(3 platser\))\./,
    );

    // The population share with a tolerance: the advice is the tolerance to type.
    const shares = await admin.post(url, {
      ...targetsForm(questions, 'percentages', {
        gender: {
          included: true,
          tolerance: '0',
          values: { woman: { population: '80' }, man: { population: '40' } },
        },
      }),
      check: '1',
    });
    assert.match(
      shares.text,
      /Suggested change: widen the tolerance of this question from 0 to \d+ percentage points \(the minimum becomes \d+ seats\)\./,
    );

    // Counts stay in seats.
    const counts = await admin.post(url, {
      ...targetsForm(questions, 'quotas', {
        gender: { included: true, values: { woman: { min: '7' }, man: { min: '4' } } },
      }),
      check: '1',
    });
    assert.match(counts.text, /Suggested change: lower the minimum from (7 to 6|4 to 3) seats\./);
  });

  test('a point target above what the pool has is warned about, with what the pool can reach', async () => {
    const registered = await t.database.db
      .selectFrom('people')
      .innerJoin('person_answers', 'person_answers.person_id', 'people.id')
      .select(['person_answers.value', (eb) => eb.fn.countAll().as('n')])
      .where('people.assembly_id', '=', assemblyId)
      .where('people.status', '=', 'registered')
      .where('person_answers.question_key', '=', 'gender')
      .groupBy('person_answers.value')
      .execute();
    const counts = Object.fromEntries(registered.map((r) => [r.value, Number(r.n)]));
    const nonBinary = counts.non_binary ?? 0;
    assert.ok(nonBinary > 0, 'the demo has non-binary volunteers');
    const form = targetsForm(questions, 'points', {
      gender: {
        included: true,
        values: { woman: { points: '4' }, non_binary: { points: `${nonBinary},5` } },
      },
    });
    const reply = await admin.post(url, { ...form, check: '1' });
    assert.equal(reply.status, 200);
    const seats = nonBinary === 1 ? 'seat' : 'seats';
    assert.match(
      findingRow(reply.text, 'Non-binary'),
      new RegExp(
        `The target is ${nonBinary}\\.5 seats, but only ${nonBinary} (person|people) in the pool gave this answer, so the panel can reach at most ${nonBinary} ${seats}\\. Recruit more people with this answer, or lower its target to ${nonBinary}\\.`,
      ),
    );
    assert.equal(findingRow(reply.text, 'Woman'), '', 'a target the pool can reach says nothing');
    // The question with the warning opens, the summary counts it.
    assert.match(foldOf(reply.text, 0), /\sopen/);
    assert.match(
      reply.text,
      /<dt>Problems<\/dt><dd>1, shown next to the answer or question it concerns<\/dd>/,
    );

    admin.lang = 'sv';
    const swedish = await admin.post(`${url}?lang=sv`, { ...form, check: '1' });
    admin.lang = 'en';
    await admin.get('/account?lang=en');
    assert.match(
      findingRow(swedish.text, 'Icke-binär'),
      new RegExp(`Målet är ${nonBinary},5 platser, men bara ${nonBinary} (person|personer) i urvalspoolen`),
    );
  });

  test('Enter in a field saves: the first submit button of the form is a hidden save, not "switch"', async () => {
    const page = await admin.get(url);
    const start = page.text.lastIndexOf('<form', page.text.indexOf('name="kind"'));
    const first = /<button[^>]*>/.exec(page.text.slice(start));
    assert.equal(first?.[0], '<button type="submit" name="save" value="1" hidden="">');
  });

  test('the page opens with a summary; questions without a problem are folded', async () => {
    await saveTargetSettings(t.database, t.adminActor, assemblyId, feasibleSettings(questions));
    const page = await admin.get(url);
    assert.equal(page.status, 200);
    const summary = page.text.indexOf('id="check"');
    assert.ok(summary >= 0 && summary < page.text.indexOf('class="targets-question"'), 'summary first');
    assert.match(page.text, /A panel that meets these targets exists/);
    assert.match(page.text, /<dt>How the targets are given<\/dt><dd>Seats \(min and max\)<\/dd>/);
    assert.match(page.text, /<dt>Problems<\/dt><dd>None<\/dd>/);
    assert.match(page.text, /<dt>Checked against<\/dt><dd><p>Today&#39;s pool/);
    assert.match(page.text, /the \d+ registered volunteers not yet selected, for a panel of 10 seats\./);
    for (let i = 0; i < questions.length; i++) assert.doesNotMatch(foldOf(page.text, i), /\sopen/);
    assert.match(
      page.text,
      /<summary>Gender<span class="targets-question-status"> – no problems<\/span><\/summary>/,
    );
    assert.match(
      page.text,
      /<summary>Region<span class="targets-question-status"> – Not used<\/span><\/summary>/,
    );
    // No inline style or script: the folds work under the strict Content-Security-Policy.
    assert.doesNotMatch(page.text, /\sstyle=|<script>|\son[a-z]+=/);
  });

  test('after a draw, saved targets a finished run used are checked against its pool, saying what changed', async () => {
    const runId = await startSelectionRun(t.database, t.adminActor, assemblyId, {
      algorithm: 'leximin',
      panelSize,
      lotterySize: 100,
      seed: null,
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const run = (await findRun(t.database.db, assemblyId, runId))!;
      if (!['queued', 'running'].includes(run.status)) {
        assert.equal(run.status, 'done', run.error ?? '');
        break;
      }
      assert.ok(Date.now() < deadline, 'the run ends');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const runPool = (
      JSON.parse((await findRun(t.database.db, assemblyId, runId))!.result!) as {
        input: { people: unknown[] };
      }
    ).input.people.length;
    // The draw selects people: all women but two leave the pool, below the minimum of 3 women.
    const women = await t.database.db
      .selectFrom('people')
      .innerJoin('person_answers', 'person_answers.person_id', 'people.id')
      .select('people.id')
      .where('people.assembly_id', '=', assemblyId)
      .where('people.status', '=', 'registered')
      .where('person_answers.question_key', '=', 'gender')
      .where('person_answers.value', '=', 'woman')
      .execute();
    const selected = women.slice(2).map((w) => w.id);
    await t.database.db
      .updateTable('people')
      .set({ status: 'selected' })
      .where('id', 'in', selected)
      .execute();
    const today = runPool - selected.length;

    const page = await admin.get(url);
    assert.doesNotMatch(page.text, /No panel of/);
    assert.match(
      page.text,
      new RegExp(
        `A panel that meets these targets exists \\(checked against the ${runPool} volunteers of the run that used them, 10 seats\\)`,
      ),
    );
    assert.match(
      page.text,
      new RegExp(
        `The pool of the selection run finished [^,]+, \\d\\d:\\d\\d, which used these targets: ${runPool} volunteers for a panel of 10 seats\\.`,
      ),
    );
    assert.match(
      page.text,
      new RegExp(
        `Since then ${selected.length} people have left the pool \\(selected in the draw, withdrawn or erased\\)\\.`,
      ),
    );
    assert.match(
      page.text,
      new RegExp(
        `href="/a/${assemblyId}/targets\\?against=pool#check">Check against today&#39;s pool of ${today} volunteers instead\\.`,
      ),
    );

    // Today's pool can still be asked for; there the minimum of 3 women cannot be met.
    const current = await admin.get(`${url}?against=pool`);
    assert.match(
      current.text,
      new RegExp(`No panel of 10 seats from the ${today} registered volunteers meets these targets`),
    );
    assert.match(current.text, /The minimum is 3 seats, but only 2 people in the pool gave this answer\./);
    assert.match(
      current.text,
      new RegExp(`The last selection run, finished [^.]+, chose from ${runPool} volunteers\\.`),
    );

    // Targets changed after the run are new: they are checked against today's pool.
    const changed = feasibleSettings(questions);
    changed.definition.questions.gender.values.woman = { min: 2, max: 7 };
    await saveTargetSettings(t.database, t.adminActor, assemblyId, changed);
    const after = await admin.get(url);
    assert.match(after.text, new RegExp(`checked against ${today} registered volunteers, 10 seats`));
    assert.match(
      after.text,
      new RegExp(`Today&#39;s pool: the ${today} registered volunteers not yet selected`),
    );
  });
});
