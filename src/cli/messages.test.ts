import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagesFor, translateFinding } from './messages.ts';

test('a point target above the pool is said in Swedish on the command line too', () => {
  const finding = {
    category: 'age',
    value: 'young',
    code: 'target-above-pool',
    message: 'The target for age=young is 2.5, but only 2 people in the pool have that value.',
    params: { target: 2.5, pool: 2 },
  };
  assert.deepEqual(translateFinding(finding, messagesFor('sv')), {
    message:
      'Målet för age=young är 2.5, men bara 2 personer i urvalspoolen har det värdet; panelen kan nå högst 2.',
    suggestion: 'Rekrytera fler personer med age=young, eller sänk målet till 2.',
  });
});
