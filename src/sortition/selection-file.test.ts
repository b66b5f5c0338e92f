import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPanel } from './checkPanel.ts';
import { expandPanels } from './decompose.ts';
import type { Person, SelectionInput } from './model.ts';
import { createRandom } from './random.ts';
import { indentedJsonChunks, jsonTextChunks, parseSelectionFile, toSelectionFile } from './selection-file.ts';
import { selectPanel } from './selectPanel.ts';

/** A seeded pool of `size` people over three features (24 types), with proportional quotas for 30 seats. */
function pool(size: number): SelectionInput {
  const random = createRandom(`compact-${size}`);
  const pick = (values: string[]) => values[Math.floor(random.next() * values.length)];
  const people: Person[] = Array.from({ length: size }, (_, i) => ({
    id: `p${i}`,
    features: { gender: pick(['f', 'm']), age: pick(['a', 'b', 'c']), region: pick(['n', 'e', 's', 'w']) },
  }));
  const quota = (feature: string, value: string, min: number, max: number) => ({ feature, value, min, max });
  return {
    people,
    panelSize: 30,
    targets: {
      kind: 'quotas',
      quotas: [
        quota('gender', 'f', 14, 16),
        quota('gender', 'm', 14, 16),
        ...['a', 'b', 'c'].map((v) => quota('age', v, 9, 11)),
        ...['n', 'e', 's', 'w'].map((v) => quota('region', v, 6, 9)),
      ],
    },
  };
}

test('the stored selection grows with the pool and the types, not with people × panels', async () => {
  const sizes: number[] = [];
  for (const people of [1500, 6000]) {
    const input = pool(people);
    const result = await selectPanel(input, { lotterySize: 100 });
    assert.equal(result.status, 'ok');
    const text = JSON.stringify(toSelectionFile(result, input, 'test', []));
    sizes.push(text.length);
    // The pool itself (ids, answers, probabilities) takes about 120 characters a person; the
    // distribution over named panels took ten times as much (6,000 people: 11.4 MB).
    assert.ok(text.length < 200 * people, `${text.length} characters for ${people} people`);
    // The type panels still give every person exactly the probability stored for them.
    const sums: Record<string, number> = {};
    for (const panel of expandPanels(result.types, result.typePanels)) {
      for (const id of panel.members) sums[id] = (sums[id] ?? 0) + panel.probability;
    }
    for (const person of input.people) {
      assert.ok(Math.abs((sums[person.id] ?? 0) - result.probabilities[person.id]) < 1e-9, person.id);
    }
    const first = expandPanels(result.types, result.typePanels).next().value;
    assert.deepEqual(checkPanel(input, first?.members ?? []), []);
  }
  // Four times the people, at most about four times the text.
  assert.ok(sizes[1] < 4.5 * sizes[0], `${sizes[0]} → ${sizes[1]} characters`);
});

test('the file in pieces is exactly JSON.stringify(file, null, 2), and no piece is large', () => {
  const value = {
    a: [1, 'two', null, undefined, { b: [], c: {}, d: undefined, e: true }],
    nested: { deep: [[1, 2], [], [{ x: 'y' }]] },
    big: Array.from({ length: 50_000 }, (_, i) => ({ id: `p${i}`, p: i / 7 })),
    when: new Date(0),
    empty: '',
  };
  const pieces = [...jsonTextChunks(value)];
  assert.equal(pieces.join(''), JSON.stringify(value, null, 2));
  assert.equal([...jsonTextChunks(value, { compact: true })].join(''), JSON.stringify(value));
  assert.ok(pieces.length > 10);
  assert.ok(Math.max(...pieces.map((p) => p.length)) < 70_000);
  assert.equal([...jsonTextChunks([])].join(''), '[]');
  assert.equal([...jsonTextChunks('x')].join(''), '"x"');
});

test('compact text re-indented without parsing is exactly JSON.stringify(JSON.parse(text), null, 2)', () => {
  const value = {
    a: [1, 'two', null, { b: [], c: {}, e: true, f: -1.5e-7 }],
    tricky: ['a,b', 'c:d', '{[', ']}', 'quote " and \\ backslash', '\\"', 'é\u2028\n\t'],
    'key: with, marks {}': { '': [[1, 2], [], [{ x: 'y' }]] },
    big: Array.from({ length: 50_000 }, (_, i) => ({ id: `p${i}`, p: i / 7 })),
    empty: '',
  };
  const compact = [...jsonTextChunks(value, { compact: true })].join('');
  const pieces = [...indentedJsonChunks(compact)];
  assert.equal(pieces.join(''), JSON.stringify(value, null, 2));
  assert.ok(pieces.length > 10);
  assert.ok(Math.max(...pieces.map((p) => p.length)) < 70_000);
  for (const small of [[], {}, 'x', 3, null, [[]], { a: {} }]) {
    assert.equal([...indentedJsonChunks(JSON.stringify(small))].join(''), JSON.stringify(small, null, 2));
  }
});

test('a stored file from before type panels still reads, with an empty type distribution', () => {
  const old = JSON.stringify({
    status: 'ok',
    algorithm: 'leximin',
    panels: [{ probability: 1, members: ['a'] }],
    probabilities: { a: 1 },
    input: {
      people: [{ id: 'a', features: {} }],
      targets: { kind: 'quotas', quotas: [] },
      panelSize: 1,
      keep: [],
    },
  });
  const file = parseSelectionFile(old);
  assert.deepEqual(file.types, []);
  assert.deepEqual(file.typePanels, []);
  assert.equal(file.panels?.length, 1);
  assert.equal(file.probabilities.a, 1);
});
