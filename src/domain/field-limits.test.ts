import assert from 'node:assert/strict';
import { test } from 'node:test';
import { controlProblem, fieldLimits, fieldProblem, previewOf } from './field-limits.ts';

test('a value longer than its field is refused with the limit and its length', () => {
  assert.equal(fieldProblem('full_name', 'Å'.repeat(fieldLimits.full_name)), null);
  assert.deepEqual(fieldProblem('full_name', 'x'.repeat(9_000_000)), {
    code: 'too_long',
    max: 200,
    length: 9_000_000,
  });
  assert.deepEqual(fieldProblem('email', `${'a'.repeat(316)}@x.se`), {
    code: 'too_long',
    max: 320,
    length: 321,
  });
});

test('control characters are refused with their position; free text keeps its line breaks', () => {
  assert.deepEqual(fieldProblem('full_name', 'Anna\u0000Berg'), { code: 'control_characters', position: 5 });
  assert.deepEqual(fieldProblem('address', 'Storgatan 1\nLgh 1101'), {
    code: 'control_characters',
    position: 12,
  });
  assert.equal(fieldProblem('comment', 'Called twice.\r\n\tNo answer.'), null);
  assert.deepEqual(fieldProblem('comment', 'bell\u0007'), { code: 'control_characters', position: 5 });
  assert.deepEqual(fieldProblem('needs_details', '\u0085'), { code: 'control_characters', position: 1 });
  assert.deepEqual(controlProblem('Kvinna\u007f'), { code: 'control_characters', position: 7 });
  assert.equal(controlProblem('Åsa Öberg – née Ström'), null);
});

test('a preview is short and shows what cannot be seen', () => {
  assert.equal(previewOf('Anna\u0000Berg\u007f'), 'Anna\u2400Berg\u2421');
  assert.equal(previewOf('x'.repeat(100)), `${'x'.repeat(60)}…`);
  assert.equal(previewOf('x'.repeat(60)), 'x'.repeat(60));
});
