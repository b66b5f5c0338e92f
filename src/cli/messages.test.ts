import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../sortition/model.ts';
import { catalogues, messagesFor, translateExclusion, translateFinding } from './messages.ts';

const finding = (code: string, params: Finding['params'], value = 'kvinna'): Finding =>
  ({ code, category: 'kön', value, message: `English ${code}`, params }) as Finding;

test('the command line words findings through the shared catalogues, singular and plural', () => {
  const sv = catalogues.sv;
  assert.equal(
    translateFinding(finding('value-without-target', { count: 1 }), sv).message,
    '1 person har kön="kvinna", som saknar mål; de räknas inte mot något mål för kön.',
  );
  assert.match(
    translateFinding(finding('value-without-target', { count: 3 }), sv).message,
    /^3 personer har/,
  );
  assert.deepEqual(translateFinding(finding('minimums-above-size', { sum: 25, size: 22 }), sv), {
    message: 'kön: minimivärdena blir tillsammans 25, fler än panelstorleken 22.',
    suggestion: 'Sänk minimivärdena för kön med sammanlagt 3.',
  });
  // A finding without the parameters its message needs keeps the engine's English.
  assert.equal(translateFinding(finding('relax-min', {}), sv).message, 'English relax-min');
  // English is the engine's own wording.
  assert.equal(
    translateFinding(finding('relax-min', { from: 3, to: 2 }), catalogues.en).message,
    'English relax-min',
  );
});

test('exclusions name the quota or the housemate when known', () => {
  const sv = catalogues.sv;
  assert.equal(
    translateExclusion('quota-closed', { reason: 'x', closedQuota: 'kön=man' }, sv),
    'Kvoten för kön=man tillåter ingen (högst 0).',
  );
  assert.equal(
    translateExclusion('quota-closed', { reason: 'x' }, sv),
    'En kvot som gäller personen tillåter ingen (högst 0).',
  );
  assert.equal(translateExclusion('something-new', { reason: 'English reason' }, sv), 'English reason');
});

test('a point target above the pool is said in Swedish on the command line too', () => {
  const above = {
    category: 'age',
    value: 'young',
    code: 'target-above-pool',
    message: 'The target for age=young is 2.5, but only 2 people in the pool have that value.',
    params: { target: 2.5, pool: 2 },
  } as Finding;
  assert.deepEqual(translateFinding(above, messagesFor('sv')), {
    message:
      'Målet för age=young är 2.5, men bara 2 personer i urvalspoolen har det värdet; panelen kan nå högst 2.',
    suggestion: 'Rekrytera fler personer med age=young, eller sänk målet till 2.',
  });
});
