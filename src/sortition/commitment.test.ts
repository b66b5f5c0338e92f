import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  COMMITMENT_PREFIX,
  canonicalJson,
  canonicalLottery,
  commitmentOf,
  type LotterySelection,
  publicTargets,
} from './commitment.ts';

function tinySelection(): LotterySelection {
  return {
    status: 'ok',
    algorithm: 'leximin',
    engine: { name: 'lotta', version: '0.1.0' },
    input: {
      people: [
        { id: 'b', features: { z: 'Z1', a: 'A1' }, household: '7' },
        { id: 'a', features: { a: 'A2', z: 'Z2' } },
      ],
      targets: {
        kind: 'quotas',
        quotas: [{ feature: 'a', value: 'A1', min: 0, max: 1, source: { file: '/home/anna/q.csv', row: 2 } }],
      },
      panelSize: 1,
      keep: [],
    },
    probabilities: { a: 0.5, b: 0.5 },
    lottery: { size: 2, panels: [['b'], ['a']], probabilities: { a: 0.5, b: 0.5 }, maxDeviation: 0 },
  };
}

describe('canonicalJson', () => {
  test('sorts keys at every level and prints no whitespace', () => {
    assert.equal(
      canonicalJson({ b: [3, { y: 1, x: null }], a: 'é"\n' }),
      '{"a":"é\\"\\n","b":[3,{"x":null,"y":1}]}',
    );
  });

  test('prints numbers as JavaScript does and leaves out undefined fields', () => {
    assert.equal(
      canonicalJson({ n: 0.1 + 0.2, big: 1e21, neg: -0, gone: undefined }),
      '{"big":1e+21,"n":0.30000000000000004,"neg":0}',
    );
  });

  test('sorts keys by code unit, not by locale', () => {
    assert.equal(canonicalJson({ b: 1, B: 2, ä: 3, a: 4 }), '{"B":2,"a":4,"b":1,"ä":3}');
  });

  test('refuses numbers JSON cannot hold', () => {
    assert.throws(() => canonicalJson({ x: Number.NaN }), RangeError);
    assert.throws(() => canonicalJson([Number.POSITIVE_INFINITY]), RangeError);
  });
});

describe('canonicalLottery', () => {
  test('has a fixed form (changing it breaks every published commitment: bump the version instead)', () => {
    assert.equal(
      canonicalLottery(tinySelection()),
      '{"algorithm":"leximin","engine":{"name":"lotta","version":"0.1.0"},"keep":[],' +
        '"lottery":{"panels":[["b"],["a"]]},"panelSize":1,' +
        '"people":[{"features":{"a":"A1","z":"Z1"},"household":"7","id":"b"},{"features":{"a":"A2","z":"Z2"},"id":"a"}],' +
        '"targets":{"kind":"quotas","quotas":[{"feature":"a","max":1,"min":0,"value":"A1"}]}}',
    );
  });

  test('commitmentOf is the SHA-256 of the versioned canonical form', () => {
    const s = tinySelection();
    const expected = createHash('sha256')
      .update(COMMITMENT_PREFIX + canonicalLottery(s))
      .digest('hex');
    assert.equal(COMMITMENT_PREFIX, 'lotta-commitment-v1\n');
    assert.equal(commitmentOf(s), expected);
    assert.match(commitmentOf(s), /^[0-9a-f]{64}$/);
  });

  test('ignores what carries no meaning: key order, order within a panel or keep, sources, extra fields', () => {
    const base = commitmentOf({ ...tinySelection(), input: { ...tinySelection().input, keep: ['a', 'b'] } });
    const s = tinySelection();
    s.input.keep = ['b', 'a'];
    s.input.people[0] = { household: '7', features: { a: 'A1', z: 'Z1' }, id: 'b', row: 12 };
    s.input.targets = { kind: 'quotas', quotas: [{ feature: 'a', value: 'A1', min: 0, max: 1 }] };
    s.probabilities = { a: 0.9, b: 0.1 };
    s.lottery.maxDeviation = 0.4;
    // Anything a file might carry beyond the model (e.g. a name column) must not reach the commitment.
    Object.assign(s.input.people[1], { name: 'Anna Andersson' });
    Object.assign(s, { panels: [{ probability: 1, members: ['a'] }], stats: { seconds: 3 } });
    assert.equal(commitmentOf(s), base);
    assert.ok(!canonicalLottery(s).includes('Anna'));

    const pairs = (panel: string[]) => ({
      ...tinySelection(),
      lottery: { ...tinySelection().lottery, panels: [panel] },
    });
    assert.equal(commitmentOf(pairs(['a', 'b'])), commitmentOf(pairs(['b', 'a'])));
  });

  test('changes with anything that decides the draw', () => {
    const base = commitmentOf(tinySelection());
    const changes: [string, (s: LotterySelection) => void][] = [
      [
        'algorithm',
        (s) => {
          s.algorithm = 'nash';
        },
      ],
      [
        'engine version',
        (s) => {
          s.engine.version = '0.1.1';
        },
      ],
      [
        'panel size',
        (s) => {
          s.input.panelSize = 2;
        },
      ],
      [
        'keep',
        (s) => {
          s.input.keep = ['a'];
        },
      ],
      [
        'feature value',
        (s) => {
          s.input.people[1].features.a = 'A3';
        },
      ],
      [
        'id',
        (s) => {
          s.input.people[1].id = 'c';
        },
      ],
      [
        'household',
        (s) => {
          s.input.people[1].household = '7';
        },
      ],
      [
        'people order',
        (s) => {
          s.input.people.reverse();
        },
      ],
      [
        'quota bound',
        (s) => {
          if (s.input.targets.kind === 'quotas') s.input.targets.quotas[0].max = 2;
        },
      ],
      [
        'panel order',
        (s) => {
          s.lottery.panels.reverse();
        },
      ],
      [
        'panel member',
        (s) => {
          s.lottery.panels[1][0] = 'b';
        },
      ],
      [
        'deviation bound',
        (s) => {
          s.deviation = { best: 0, allowed: 1 };
        },
      ],
    ];
    for (const [what, change] of changes) {
      const s = tinySelection();
      change(s);
      assert.notEqual(commitmentOf(s), base, what);
    }
  });

  test('publicTargets keeps the rules and drops the source', () => {
    const targets = tinySelection().input.targets;
    assert.deepEqual(publicTargets(targets), {
      kind: 'quotas',
      quotas: [{ feature: 'a', value: 'A1', min: 0, max: 1 }],
    });
    assert.deepEqual(
      publicTargets({
        kind: 'points',
        tolerance: 1,
        features: [{ feature: 'a', weight: 2, values: [{ value: 'x', target: 1.5 }] }],
      }),
      {
        kind: 'points',
        features: [{ feature: 'a', weight: 2, values: [{ value: 'x', target: 1.5 }] }],
        tolerance: 1,
      },
    );
  });
});
