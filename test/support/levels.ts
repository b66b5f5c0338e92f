/**
 * LEXIMIN's level certificates against the probabilities it returns: the people settled at each
 * level, lowest level first, are the open people in order of probability, and each of them has the
 * level's value. A certificate that claims more than the distribution gives, or a type settled
 * below or above its level, breaks the match.
 */
import assert from 'node:assert/strict';
import type { SelectionInput, SelectionResult } from '../../src/sortition/model.ts';

export function assertLevelsMatchProbabilities(
  input: SelectionInput,
  result: SelectionResult,
  tolerance = 1e-6,
) {
  const levels = result.levels ?? [];
  const kept = new Set(input.keep ?? []);
  const excluded = new Set(result.excluded.map((e) => e.id));
  const open = input.people
    .map((person) => person.id)
    .filter((id) => !kept.has(id) && !excluded.has(id))
    .map((id) => result.probabilities[id])
    .sort((a, b) => a - b);
  assert.equal(
    levels.reduce((sum, level) => sum + level.peopleFixed, 0),
    open.length,
    'the levels settle every open person once',
  );
  let next = 0;
  levels.forEach((level, l) => {
    assert.ok(
      level.bound >= level.value && level.bound - level.value <= 1e-5,
      `level ${l}: ${JSON.stringify(level)}`,
    );
    for (let i = 0; i < level.peopleFixed; i++, next++) {
      assert.ok(
        Math.abs(open[next] - level.value) <= tolerance,
        `level ${l} (${level.value}): the ${next + 1}th lowest open probability is ${open[next]}`,
      );
    }
  });
}
