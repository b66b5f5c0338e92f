import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { commitmentOf, type LotterySelection } from './commitment.ts';
import {
  checkLottery,
  type DrawTranscript,
  drawIndex,
  makeTranscript,
  normaliseSeed,
  sampleBelow,
  verifyTranscript,
} from './draw.ts';
import { InputError } from './model.ts';

/**
 * Six people, two features, panels of two: one woman, one man, at least one young person, and p1/p2
 * (one household) never together. The ten lottery panels below were picked by hand to meet that.
 */
function fixture(): LotterySelection {
  const panels = [
    ['p1', 'p4'],
    ['p1', 'p6'],
    ['p3', 'p4'],
    ['p3', 'p4'],
    ['p5', 'p2'],
    ['p5', 'p4'],
    ['p5', 'p6'],
    ['p1', 'p6'],
    ['p3', 'p4'],
    ['p5', 'p2'],
  ];
  const chances = { p1: 0.3, p2: 0.2, p3: 0.3, p4: 0.5, p5: 0.4, p6: 0.3 };
  return {
    status: 'ok',
    algorithm: 'leximin',
    engine: { name: 'lotta', version: '0.1.0' },
    input: {
      people: [
        { id: 'p1', features: { gender: 'female', age: 'young' }, household: '1' },
        { id: 'p2', features: { gender: 'male', age: 'old' }, household: '1' },
        { id: 'p3', features: { gender: 'female', age: 'old' } },
        { id: 'p4', features: { gender: 'male', age: 'young' }, household: '2' },
        { id: 'p5', features: { gender: 'female', age: 'young' } },
        { id: 'p6', features: { gender: 'male', age: 'old' } },
      ],
      targets: {
        kind: 'quotas',
        quotas: [
          { feature: 'gender', value: 'female', min: 1, max: 1 },
          { feature: 'gender', value: 'male', min: 1, max: 1 },
          { feature: 'age', value: 'young', min: 1, max: 2 },
        ],
      },
      panelSize: 2,
      keep: [],
    },
    probabilities: { ...chances },
    lottery: { size: panels.length, panels, probabilities: { ...chances }, maxDeviation: 0 },
  };
}

const SEED = '2024-05-04 Lotto: 3 11 17 24 28 31 35';

describe('drawIndex', () => {
  const commitment = commitmentOf(fixture());

  test('is SHA-256(commitment \\n seed \\n 0) mod size when the first value is accepted', () => {
    const value = BigInt(`0x${createHash('sha256').update(`${commitment}\n${SEED}\n0`).digest('hex')}`);
    assert.deepEqual(drawIndex(commitment, SEED, 10), { index: Number(value % 10n), rounds: 1 });
    assert.deepEqual(drawIndex(commitment, SEED, 1), { index: 0, rounds: 1 });
  });

  test('normalises the seed: surrounding space and Unicode composition do not matter', () => {
    assert.deepEqual(drawIndex(commitment, `  ${SEED}\n`, 1000), drawIndex(commitment, SEED, 1000));
    assert.deepEqual(drawIndex(commitment, 'Malmö', 1000), drawIndex(commitment, 'Malmo\u0308', 1000));
    assert.equal(normaliseSeed(' Malmo\u0308 '), 'Malmö');
  });

  test('refuses an empty seed, a malformed commitment and an empty lottery', () => {
    assert.throws(() => drawIndex(commitment, ' \t', 10), InputError);
    assert.throws(() => drawIndex(commitment.toUpperCase(), SEED, 10), InputError);
    assert.throws(() => drawIndex('abc', SEED, 10), InputError);
    assert.throws(() => drawIndex(commitment, SEED, 0), InputError);
    assert.throws(() => drawIndex(commitment, SEED, 2.5), InputError);
  });

  test('spreads seeds evenly over the indices', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[drawIndex(commitment, `seed ${i}`, 3).index]++;
    // 1000 expected each, standard deviation ≈ 26: ±130 is five of them.
    for (const c of counts) assert.ok(Math.abs(c - 1000) < 130, `counts ${counts}`);
  });
});

describe('sampleBelow', () => {
  test('rejects values at or above the largest multiple of size, then takes the remainder', () => {
    const limit = ((1n << 256n) / 3n) * 3n;
    const values = [limit, (1n << 256n) - 1n, 5n];
    const seen: number[] = [];
    const result = sampleBelow(3n, (counter) => {
      seen.push(counter);
      return values[counter];
    });
    assert.deepEqual(result, { index: 2n, rounds: 3 });
    assert.deepEqual(seen, [0, 1, 2]);
    assert.deepEqual(
      sampleBelow(3n, () => limit - 1n),
      { index: (limit - 1n) % 3n, rounds: 1 },
    );
  });

  test('every index is reached by the same number of accepted values', () => {
    // With size 2^255 + 1 almost half of all values are rejected; the modulo alone would make
    // indices below 2^255 - 1 twice as likely as the rest.
    // Only values below size itself are accepted, each giving a different index.
    const size = (1n << 255n) + 1n;
    assert.deepEqual(
      sampleBelow(size, () => size - 1n),
      { index: size - 1n, rounds: 1 },
    );
    assert.deepEqual(
      sampleBelow(size, (c) => (c === 0 ? size : 7n)),
      { index: 7n, rounds: 2 },
    );
  });
});

describe('makeTranscript', () => {
  test('draws the panel at the index and is byte-identical for the same inputs', () => {
    const t = makeTranscript(fixture(), SEED);
    assert.equal(t.format, 'lotta-draw-transcript-v1');
    assert.equal(t.commitment, commitmentOf(fixture()));
    assert.deepEqual(t.members, fixture().lottery.panels[t.index]);
    assert.equal(JSON.stringify(makeTranscript(fixture(), SEED)), JSON.stringify(t));
    assert.equal(JSON.stringify(makeTranscript(fixture(), ` ${SEED} `)), JSON.stringify(t));
  });

  test('carries only the committed content and the probabilities', () => {
    const s = fixture();
    Object.assign(s, { panels: [{ probability: 1, members: ['p1', 'p4'] }], stats: { seconds: 1 } });
    Object.assign(s.input.people[0], { row: 2, name: 'Anna' });
    if (s.input.targets.kind === 'quotas')
      s.input.targets.quotas[0].source = { file: '/home/anna/q.csv', row: 2 };
    const text = JSON.stringify(makeTranscript(s, SEED));
    for (const absent of ['Anna', 'anna', 'stats', '"row"', 'source'])
      assert.ok(!text.includes(absent), absent);
    assert.deepEqual(
      JSON.stringify(makeTranscript(s, SEED)),
      JSON.stringify(makeTranscript(fixture(), SEED)),
    );
  });
});

describe('verifyTranscript', () => {
  const fresh = (): DrawTranscript => makeTranscript(fixture(), SEED);

  test('accepts an untouched transcript, also against the published commitment', () => {
    const t = fresh();
    assert.deepEqual(verifyTranscript(t), { ok: true, problems: [] });
    assert.deepEqual(verifyTranscript(t, t.commitment), { ok: true, problems: [] });
    assert.deepEqual(verifyTranscript(t, ` ${t.commitment.toUpperCase()} `), { ok: true, problems: [] });
    assert.deepEqual(verifyTranscript(t, undefined, ` ${SEED}`), { ok: true, problems: [] });
  });

  test('survives a round trip through JSON', () => {
    const t = JSON.parse(JSON.stringify(fresh())) as DrawTranscript;
    assert.deepEqual(verifyTranscript(t).problems, []);
  });

  test('rejects another published commitment or another announced seed', () => {
    const t = fresh();
    const other = commitmentOf({ ...fixture(), algorithm: 'nash' });
    assert.match(verifyTranscript(t, other).problems.join('\n'), /is not the published/);
    assert.match(
      verifyTranscript(t, undefined, 'another seed').problems.join('\n'),
      /not the announced seed/,
    );
  });

  /** A seed that draws a different index from SEED, found deterministically. */
  function otherSeed(t: DrawTranscript): string {
    for (let i = 0; ; i++) {
      const seed = `${SEED} (${i})`;
      if (drawIndex(t.commitment, seed, 10).index !== t.index) return seed;
    }
  }

  /** Replaces the man on a panel (always its second member) by another man. */
  function swapMan(panel: string[]): void {
    panel[1] = panel[1] === 'p6' ? 'p4' : 'p6';
  }

  const mutations: [string, (t: DrawTranscript) => void, RegExp][] = [
    [
      'a feature value',
      (t) => {
        t.selection.input.people[2].features.age = 'young';
      },
      /does not match the content/,
    ],
    [
      'a feature name',
      (t) => {
        t.selection.input.people[2].features = { gender: 'female', Age: 'old' };
      },
      /does not match/,
    ],
    [
      'an id',
      (t) => {
        t.selection.input.people[5].id = 'p7';
      },
      /does not match the content/,
    ],
    [
      'a household',
      (t) => {
        t.selection.input.people[2].household = '2';
      },
      /does not match the content/,
    ],
    [
      'a person added',
      (t) => {
        t.selection.input.people.push({ id: 'p7', features: {} });
      },
      /does not match/,
    ],
    [
      'a quota bound',
      (t) => {
        if (t.selection.input.targets.kind === 'quotas') t.selection.input.targets.quotas[2].max = 1;
      },
      /does not match the content/,
    ],
    [
      'a quota value',
      (t) => {
        if (t.selection.input.targets.kind === 'quotas') t.selection.input.targets.quotas[2].value = 'old';
      },
      /does not match the content/,
    ],
    [
      'the panel size',
      (t) => {
        t.selection.input.panelSize = 3;
      },
      /does not match the content/,
    ],
    [
      'the kept people',
      (t) => {
        t.selection.input.keep = ['p4'];
      },
      /does not match the content/,
    ],
    [
      'one panel member',
      (t) => {
        swapMan(t.selection.lottery.panels[(t.index + 1) % 10]);
      },
      /does not match the content/,
    ],
    [
      'the drawn panel',
      (t) => {
        swapMan(t.selection.lottery.panels[t.index]);
      },
      /does not match the content/,
    ],
    [
      'the panel order',
      (t) => {
        t.selection.lottery.panels.reverse();
      },
      /does not match the content/,
    ],
    [
      'the algorithm',
      (t) => {
        t.selection.algorithm = 'maximin';
      },
      /does not match the content/,
    ],
    [
      'the engine version',
      (t) => {
        t.selection.engine.version = '9';
      },
      /does not match the content/,
    ],
    [
      'the recorded commitment',
      (t) => {
        t.commitment = commitmentOf({ ...fixture(), algorithm: 'nash' });
      },
      /does not match/,
    ],
    [
      'the seed',
      (t) => {
        t.seed = otherSeed(t);
      },
      /The seed draws index/,
    ],
    [
      'the seed’s spacing',
      (t) => {
        t.seed = `${t.seed} `;
      },
      /not normalised/,
    ],
    [
      'an empty seed',
      (t) => {
        t.seed = '';
      },
      /seed is empty/,
    ],
    [
      'the index',
      (t) => {
        t.index = (t.index + 1) % 10;
      },
      /but the transcript records/,
    ],
    [
      'the rounds',
      (t) => {
        t.rounds = 2;
      },
      /round\(s\)/,
    ],
    [
      'the members',
      (t) => {
        t.members = fixture().lottery.panels.find((p) => p.join() !== t.members.join())!;
      },
      /not lottery panel/,
    ],
    [
      'the member order',
      (t) => {
        t.members.reverse();
      },
      /not lottery panel/,
    ],
    [
      'a lottery probability',
      (t) => {
        t.selection.lottery.probabilities.p1 = 0.4;
      },
      /probability 0.4, but 3 of 10/,
    ],
    [
      'the lottery size',
      (t) => {
        t.selection.lottery.size = 11;
      },
      /says it has 11 panels but lists 10/,
    ],
    [
      'an engine probability',
      (t) => {
        t.selection.probabilities = { p1: 1.5 };
      },
      /outside 0..1/,
    ],
    [
      'the format',
      (t) => {
        Object.assign(t, { format: 'lotta-draw-transcript-v0' });
      },
      /transcript format/,
    ],
  ];

  for (const [what, mutate, reason] of mutations) {
    test(`fails when ${what} changes`, () => {
      const t = fresh();
      mutate(t);
      const result = verifyTranscript(t);
      assert.equal(result.ok, false);
      assert.match(result.problems.join('\n'), reason);
    });
  }

  test('a changed seed fails unless it draws the very same index and rounds, and always with the announced seed', () => {
    const t = fresh();
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (seed) => {
        fc.pre(seed.normalize('NFC').trim() !== '' && seed.normalize('NFC').trim() !== SEED);
        const changed = { ...t, seed: normaliseSeed(seed) };
        const same = drawIndex(t.commitment, seed, 10).index === t.index;
        assert.equal(verifyTranscript(changed).ok, same);
        assert.equal(verifyTranscript(changed, t.commitment, SEED).ok, false);
      }),
    );
  });

  test('reports panels that break the rules even when the commitment matches', () => {
    const s = fixture();
    s.lottery.panels[3] = ['p1', 'p2']; // one household
    s.lottery.panels[4] = ['p3', 'p6']; // nobody young
    s.lottery.probabilities = { p1: 0.4, p2: 0.2, p3: 0.3, p4: 0.4, p5: 0.3, p6: 0.4 };
    s.probabilities = { ...s.lottery.probabilities };
    const result = verifyTranscript(makeTranscript(s, SEED));
    assert.deepEqual(result.problems, [
      'Lottery panel #3: Members "p1" and "p2" are from the same household.',
      'Lottery panel #4: age = young: 0 member(s), below the minimum of 1.',
    ]);
  });
});

describe('checkLottery', () => {
  test('is empty for the hand-made lottery', () => {
    assert.deepEqual(checkLottery(fixture()), []);
  });

  test('checks point targets against the recorded allowed deviation', () => {
    const s = fixture();
    s.input.targets = {
      kind: 'points',
      features: [
        {
          feature: 'gender',
          weight: 1,
          values: [
            { value: 'female', target: 1 },
            { value: 'male', target: 1 },
          ],
        },
        {
          feature: 'age',
          weight: 1,
          values: [
            { value: 'young', target: 2 },
            { value: 'old', target: 0 },
          ],
        },
      ],
    };
    assert.match(checkLottery(s).join('\n'), /records no allowed deviation/);
    s.deviation = { best: 0, allowed: 2 };
    assert.deepEqual(checkLottery(s), []);
    s.deviation = { best: 0, allowed: 1.5 };
    // The eight panels with one young and one old person deviate by 2.
    assert.equal(checkLottery(s).length, 8);
    assert.match(
      checkLottery(s)[0],
      /^Lottery panel #1: The weighted deviation from the point targets is 2, above the allowed 1.5\.$/,
    );
    assert.equal(verifyTranscript(makeTranscript(s, SEED)).ok, false);
  });

  test('reports a repeated pool id, an empty lottery and chances given to strangers', () => {
    const s = fixture();
    s.input.people.push({ ...s.input.people[0] });
    s.lottery.probabilities.nobody = 0;
    const problems = checkLottery(s);
    assert.ok(problems.includes('The pool lists "p1" more than once.'));
    assert.ok(problems.includes('The lottery gives a probability to "nobody", who is not in the pool.'));
    assert.ok(
      checkLottery({ ...s, lottery: { size: 0, panels: [], probabilities: {} } }).includes(
        'The lottery has no panels.',
      ),
    );
  });
});
