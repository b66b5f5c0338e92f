import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  answerLevels,
  auditSummary,
  figureShown,
  minimumAnswers,
  type QuestionnaireAnswer,
  questionnaireFigures,
  questionnaireStatements,
} from './evaluation.ts';

const answer = (level: number | null, comment: string | null = null): QuestionnaireAnswer => ({
  levels: { information_needed: level, could_say: 4 },
  comment,
});

test('the ≥ 5 rule: four answers hide every figure, five show them', () => {
  assert.equal(minimumAnswers, 5);
  assert.equal(figureShown(4), false);
  assert.equal(figureShown(5), true);
  // Five answered, but only four put the statement on the scale: that statement stays hidden.
  assert.equal(figureShown(5, 4), false);

  const four = questionnaireFigures('session', [answer(5, 'Bra'), answer(4), answer(2), answer(1)]);
  assert.equal(four.respondents, 4);
  assert.equal(four.shown, false);
  assert.equal(four.comments, null, 'no free text from four answers');
  for (const figure of four.statements) assert.deepEqual(Object.keys(figure).sort(), ['shown', 'statement']);

  const five = questionnaireFigures('session', [
    answer(5, 'Bra'),
    answer(4),
    answer(2),
    answer(1),
    answer(5, ' '),
  ]);
  assert.equal(five.shown, true);
  assert.deepEqual(five.comments, ['Bra']);
  const info = five.statements.find((s) => s.statement === 'information_needed');
  assert.ok(info?.shown);
  assert.deepEqual(info.counts, [1, 1, 0, 1, 2]);
  assert.equal(info.rated, 5);
  assert.equal(info.mean, 17 / 5);
  // A statement nobody answered is hidden even though the questionnaire is shown.
  const unanswered = five.statements.find((s) => s.statement === 'enough_time');
  assert.equal(unanswered?.shown, false);
  assert.equal(five.statements.length, questionnaireStatements.session.length);
});

test('"don\'t know" counts towards the answers but not towards a statement\'s five', () => {
  const answers = [answer(3), answer(3), answer(3), answer(3), answer(null)];
  const figures = questionnaireFigures('session', answers);
  assert.equal(figures.shown, true);
  assert.equal(figures.statements.find((s) => s.statement === 'information_needed')?.shown, false);
  assert.equal(figures.statements.find((s) => s.statement === 'could_say')?.shown, true);
  const six = questionnaireFigures('session', [...answers, answer(4)]);
  const info = six.statements.find((s) => s.statement === 'information_needed');
  assert.ok(info?.shown);
  assert.equal(info.dontKnow, 1);
  assert.equal(info.rated, 5);
});

test("a form's levels: blanks skipped, don't know kept as null, anything else refused", () => {
  const read = answerLevels('final', {
    recommendations_reflect: '5',
    process_fair: 'dont_know',
    learned: '',
    take_part_again: '7',
    not_a_statement: '3',
  });
  assert.deepEqual(read.levels, { recommendations_reflect: 5, process_fair: null });
  assert.deepEqual(read.wrong, ['take_part_again']);
});

test('the audit summary counts actions by kind and month, nothing else', () => {
  const summary = auditSummary([
    { action: 'votes.open', month: '2026-11', count: 2 },
    { action: 'votes.close', month: '2026-11', count: 1 },
    { action: 'requests.ask', month: '2026-10', count: 3 },
    { action: 'votes.open', month: '2026-10', count: 1 },
  ]);
  assert.deepEqual(summary.months, ['2026-10', '2026-11']);
  assert.deepEqual(summary.rows, [
    { kind: 'requests', counts: [3, 0], total: 3 },
    { kind: 'votes', counts: [1, 3], total: 4 },
  ]);
});

test('an open questionnaire shows nothing, however many answered', () => {
  const answers = Array.from({ length: 8 }, () => answer(4, 'Bra'));
  const open = questionnaireFigures('session', answers, { open: true });
  assert.equal(open.shown, false);
  assert.equal(open.open, true);
  assert.equal(open.comments, null);
  for (const figure of open.statements) assert.deepEqual(Object.keys(figure).sort(), ['shown', 'statement']);
  assert.equal(questionnaireFigures('session', answers).shown, true, 'closed, the same answers are shown');
});
