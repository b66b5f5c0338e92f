/**
 * Stored targets are the engine's input for every selection run, so saving them refuses a number
 * out of range (a weight of 1e308 made the solver fail with "passModel failed") whatever sent it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CommandError } from '../../src/commands/command.ts';
import { assemblyQuestions, loadTargetSettings, saveTargetSettings } from '../../src/commands/targets.ts';
import { emptyTargets } from '../../src/domain/targets.ts';
import { createTestAssembly, startTestApp, type TestApp } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
});
after(() => t.close());

test('targets with a weight, point target or count of 1e308 are not saved', async () => {
  const questions = await assemblyQuestions(t.database.db, assemblyId);
  const [question] = questions;
  const value = question.options[0].value;
  const cases: [ReturnType<typeof emptyTargets>, string][] = [];
  const weight = emptyTargets(questions);
  weight.kind = 'points';
  weight.definition.questions[question.key].weight = 1e308;
  cases.push([weight, 'targets_too_large']);
  const points = emptyTargets(questions);
  points.kind = 'points';
  points.definition.questions[question.key].values[value] = { points: 1e308 };
  cases.push([points, 'targets_too_large']);
  const counts = emptyTargets(questions);
  counts.definition.questions[question.key].values[value] = { min: 0, max: 1e308 };
  cases.push([counts, 'targets_whole_number']);
  for (const [settings, code] of cases) {
    await assert.rejects(
      saveTargetSettings(t.database, t.adminActor, assemblyId, settings),
      (error: unknown) => {
        assert.ok(error instanceof CommandError, String(error));
        assert.equal(error.code, code);
        return true;
      },
    );
  }
  const stored = await loadTargetSettings(t.database.db, assemblyId, questions);
  assert.equal(stored.saved, false, 'nothing was saved');
});
