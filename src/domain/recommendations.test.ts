import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  amendedText,
  amendmentRefusals,
  conflictingAmendments,
  diffSegments,
  isManualStatus,
  mayChangeGroupWork,
  normaliseText,
  numberedLines,
  paragraphsOf,
  recommendationRefusals,
  statementRefusals,
  takesStatements,
} from './recommendations.ts';

test('paragraphs are split at blank lines, their own line breaks become spaces', () => {
  const text = 'Första stycket\nfortsätter här.\r\n   \r\nAndra  stycket.\n\n\n\nTredje.\n';
  assert.deepEqual(paragraphsOf(text), ['Första stycket fortsätter här.', 'Andra stycket.', 'Tredje.']);
  assert.equal(normaliseText(text), 'Första stycket fortsätter här.\n\nAndra stycket.\n\nTredje.');
  assert.deepEqual(paragraphsOf(' \n\n '), []);
});

test('lines are numbered across paragraphs and break between words', () => {
  const lines = numberedLines('aaa bbb ccc ddd\n\neee fff', 8);
  assert.deepEqual(lines, [
    [
      { number: 1, text: 'aaa bbb' },
      { number: 2, text: 'ccc ddd' },
    ],
    [{ number: 3, text: 'eee fff' }],
  ]);
  // A word longer than a line keeps a line of its own rather than being cut.
  assert.deepEqual(numberedLines('a verylongword b', 5), [
    [
      { number: 1, text: 'a' },
      { number: 2, text: 'verylongword' },
      { number: 3, text: 'b' },
    ],
  ]);
});

test('the difference between two versions is word by word', () => {
  const segments = diffSegments(
    'Kommunen ska bygga fler cykelbanor.',
    'Kommunen ska bygga trygga cykelbanor.',
  );
  assert.deepEqual(
    segments.filter((s) => s.kind !== 'same'),
    [
      { kind: 'removed', text: 'fler' },
      { kind: 'added', text: 'trygga' },
    ],
  );
  assert.equal(
    segments
      .filter((s) => s.kind !== 'removed')
      .map((s) => s.text)
      .join(''),
    'Kommunen ska bygga trygga cykelbanor.',
  );
});

test('a draft needs a title and a text within their limits', () => {
  assert.deepEqual(
    recommendationRefusals({ title: ' ', body: '\n\n', rationale: '' }).map((r) => r.field),
    ['title', 'body'],
  );
  assert.equal(
    recommendationRefusals({ title: 'x'.repeat(201), body: 'a', rationale: '' })[0].code,
    'too_long',
  );
  assert.deepEqual(recommendationRefusals({ title: 'T', body: 'B', rationale: '' }), []);
});

test('an amendment replaces its passage; overlapping open amendments conflict', () => {
  const text = 'Kommunen ska bygga fler cykelbanor.\n\nDe ska vara upplysta.';
  assert.equal(
    amendedText(text, 'fler\ncykelbanor', 'trygga cykelbanor'),
    'Kommunen ska bygga trygga cykelbanor.\n\nDe ska vara upplysta.',
  );
  assert.equal(amendedText(text, 'bussar', 'tåg'), null);
  const conflicts = conflictingAmendments(text, [
    { id: 'a', passage: 'bygga fler', status: 'open' },
    { id: 'b', passage: 'fler cykelbanor', status: 'open' },
    { id: 'c', passage: 'upplysta', status: 'open' },
    { id: 'd', passage: 'Kommunen ska', status: 'rejected' },
  ]);
  assert.deepEqual(
    [...conflicts.entries()],
    [
      ['a', ['b']],
      ['b', ['a']],
    ],
  );
  assert.deepEqual(
    amendmentRefusals(text, { personId: 'p', passage: 'bussar', replacement: 'x', reason: '' }).map(
      (r) => r.code,
    ),
    ['recommendations_passage_not_found', 'required'],
  );
});

test('a facilitator changes only the work of the group she leads; organisers any group’s', () => {
  const group = { facilitator_id: 'anna' };
  assert.equal(mayChangeGroupWork('facilitator', 'anna', group), true);
  assert.equal(mayChangeGroupWork('facilitator', 'bo', group), false);
  assert.equal(mayChangeGroupWork('facilitator', 'anna', { facilitator_id: null }), false);
  assert.equal(mayChangeGroupWork('caller', 'anna', group), true);
  assert.equal(mayChangeGroupWork('caller', 'bo', group), false);
  assert.equal(mayChangeGroupWork('organiser', 'bo', group), true);
  assert.equal(mayChangeGroupWork('administrator', 'bo', { facilitator_id: null }), true);
  // Reading is not changing: an evaluator named as facilitator still changes nothing.
  assert.equal(mayChangeGroupWork('evaluator', 'anna', group), false);
  assert.equal(mayChangeGroupWork(null, 'anna', group), false);
});

test('adopted and not adopted are never set by hand; statements go with recommendations in the plenary', () => {
  assert.deepEqual(['draft', 'plenary', 'adopted', 'not_adopted', 'withdrawn'].filter(isManualStatus), [
    'draft',
    'plenary',
    'withdrawn',
  ]);
  assert.deepEqual(
    (['draft', 'plenary', 'adopted', 'not_adopted', 'withdrawn'] as const).filter(takesStatements),
    ['plenary', 'adopted', 'not_adopted'],
  );
});

test('a minority statement needs an author and a text within its limit', () => {
  assert.deepEqual(
    statementRefusals({ personId: '', text: ' \n\n ' }).map((r) => [r.field, r.code]),
    [
      ['person', 'required'],
      ['text', 'required'],
    ],
  );
  assert.deepEqual(statementRefusals({ personId: 'p', text: 'x'.repeat(6001) })[0].params, { max: 6000 });
  assert.deepEqual(statementRefusals({ personId: 'p', text: 'x'.repeat(6000) }), []);
});
