import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMMITMENT_FORMAT, commitmentOf, type LotterySelection } from '../sortition/commitment.ts';
import { checkLottery, makeTranscript } from '../sortition/draw.ts';
import { makeReservesTranscript, reserveCandidates, reservesCommitmentOf } from '../sortition/reserves.ts';
import {
  commitmentFileFormat,
  drandChain,
  drandLatestRound,
  drandRoundTime,
  panelDrawChecks,
  planProblem,
  publicSelection,
  type RandomnessPlan,
  reservesDrawChecks,
  type StoredDraw,
  seedFromRandomness,
  seedMatchesPlan,
} from './public-draw.ts';

const hex = '9f3c1a2b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8';

describe('the drand beacon clock', () => {
  test('round 1 is at genesis and a new round comes every 30 seconds', () => {
    const genesis = drandChain.genesisSeconds * 1000;
    assert.equal(drandRoundTime(1), genesis);
    assert.equal(drandRoundTime(100_001), genesis + 100_000 * 30_000);
    assert.equal(drandLatestRound(genesis - 1), 0);
    assert.equal(drandLatestRound(genesis), 1);
    assert.equal(drandLatestRound(genesis + 29_999), 1);
    assert.equal(drandLatestRound(genesis + 30_000), 2);
    for (const round of [1, 77, 4_512_300]) assert.equal(drandLatestRound(drandRoundTime(round)), round);
  });
});

describe('the randomness plan', () => {
  const now = drandRoundTime(4_512_300) + 10_000;

  test('a drand round must still be ahead, and not absurdly far', () => {
    assert.equal(planProblem({ source: 'drand', round: 4_512_301 }, now), null);
    const past = planProblem({ source: 'drand', round: 4_512_300 }, now);
    assert.equal(past?.code, 'drand_round_past');
    assert.equal(past?.field, 'round');
    assert.deepEqual(past?.params, { round: 4_512_300, current: 4_512_300, suggested: 4_512_420 });
    assert.equal(planProblem({ source: 'drand', round: 45_123_000 }, now)?.code, 'drand_round_far');
    assert.equal(planProblem({ source: 'drand', round: 0 }, now)?.code, 'round_invalid');
  });

  test('dice: 10 to 100 rolls of a d6 or a d10', () => {
    assert.equal(planProblem({ source: 'dice', rolls: 20, sides: 10 }, now), null);
    assert.equal(planProblem({ source: 'dice', rolls: 9, sides: 6 }, now)?.code, 'dice_rolls_range');
    assert.equal(planProblem({ source: 'dice', rolls: 101, sides: 6 }, now)?.code, 'dice_rolls_range');
    assert.equal(planProblem({ source: 'dice', rolls: 20, sides: 8 as 6 }, now)?.code, 'dice_sides');
  });
});

/** The refusal's code, or null when a seed came out. */
function codeOf(result: ReturnType<typeof seedFromRandomness>): string | null {
  return 'code' in result ? result.code : null;
}

describe('the seed from what the organiser types', () => {
  const drand: RandomnessPlan = { source: 'drand', round: 4_512_300 };
  const after = drandRoundTime(4_512_300) + 1000;

  test('drand: the hex alone or the beacon response, in one fixed form', () => {
    const expected = { seed: `drand round 4512300: ${hex}` };
    assert.deepEqual(seedFromRandomness(drand, hex, after), expected);
    assert.deepEqual(
      seedFromRandomness(drand, `  ${hex.toUpperCase().slice(0, 32)}\n${hex.slice(32)} `, after),
      expected,
    );
    const response = JSON.stringify({
      round: 4_512_300,
      randomness: hex,
      signature: 'ab',
      previous_signature: 'cd',
    });
    assert.deepEqual(seedFromRandomness(drand, response, after), expected);
  });

  test('drand: wrong length, stray characters, another round, too early', () => {
    assert.deepEqual(seedFromRandomness(drand, hex.slice(1), after), {
      field: 'randomness',
      code: 'drand_hex_length',
      params: { length: 63 },
    });
    assert.equal(codeOf(seedFromRandomness(drand, `${hex.slice(1)}g`, after)), 'drand_hex_invalid');
    assert.equal(codeOf(seedFromRandomness(drand, '', after)), 'randomness_required');
    const other = seedFromRandomness(drand, JSON.stringify({ round: 4_512_299, randomness: hex }), after);
    assert.deepEqual(other, {
      field: 'randomness',
      code: 'drand_wrong_round',
      params: { round: '4512299', planned: 4_512_300 },
    });
    assert.equal(codeOf(seedFromRandomness(drand, '{"round": 4512300, "rand', after)), 'drand_json_invalid');
    const early = seedFromRandomness(drand, hex, drandRoundTime(4_512_300) - 1);
    assert.equal(codeOf(early), 'drand_round_not_yet');
  });

  test('dice: digits with or without separators, each a face of the die, as many as announced', () => {
    const d10: RandomnessPlan = { source: 'dice', rolls: 10, sides: 10 };
    assert.deepEqual(seedFromRandomness(d10, '3 1 4, 1 5 9 2 6 5 0', 0), { seed: 'dice 10d10: 3141592650' });
    assert.deepEqual(seedFromRandomness(d10, '3141592650', 0), { seed: 'dice 10d10: 3141592650' });
    assert.deepEqual(seedFromRandomness(d10, '314159265', 0), {
      field: 'randomness',
      code: 'dice_missing',
      params: { count: 1, typed: 9, rolls: 10 },
      also: [],
    });
    assert.equal(codeOf(seedFromRandomness(d10, '31415x2650', 0)), 'dice_not_a_digit');
    const d6: RandomnessPlan = { source: 'dice', rolls: 10, sides: 6 };
    assert.deepEqual(seedFromRandomness(d6, '1234560123', 0), {
      field: 'randomness',
      code: 'dice_out_of_range',
      params: { digit: '0', position: 7, sides: 6, min: 1, max: 6 },
      also: [],
    });
    assert.equal(codeOf(seedFromRandomness(d6, '1234567123', 0)), 'dice_out_of_range');
  });

  test('dice: every bad roll and the missing count are reported at once', () => {
    const d6: RandomnessPlan = { source: 'dice', rolls: 10, sides: 6 };
    // A 9 at position 2, an x at position 5, a 0 at position 7, and one roll of ten missing.
    assert.deepEqual(seedFromRandomness(d6, '1 9 3 4 x 6 0 1 2', 0), {
      field: 'randomness',
      code: 'dice_out_of_range',
      params: { digit: '9', position: 2, sides: 6, min: 1, max: 6 },
      also: [
        { code: 'dice_not_a_digit', params: { digit: 'x', position: 5 } },
        { code: 'dice_out_of_range', params: { digit: '0', position: 7, sides: 6, min: 1, max: 6 } },
        { code: 'dice_missing', params: { count: 1, typed: 9, rolls: 10 } },
      ],
    });
    const d10: RandomnessPlan = { source: 'dice', rolls: 10, sides: 10 };
    assert.deepEqual(seedFromRandomness(d10, '123456789012', 0), {
      field: 'randomness',
      code: 'dice_extra',
      params: { count: 2, typed: 12, rolls: 10 },
      also: [],
    });
  });

  test('a seed matches the plan it came from and no other', () => {
    const d6: RandomnessPlan = { source: 'dice', rolls: 10, sides: 6 };
    assert.ok(seedMatchesPlan(drand, `drand round 4512300: ${hex}`));
    assert.ok(!seedMatchesPlan(drand, `drand round 4512301: ${hex}`));
    assert.ok(!seedMatchesPlan(drand, 'dice 10d6: 1234561234'));
    assert.ok(seedMatchesPlan(d6, 'dice 10d6: 1234561234'));
    assert.ok(!seedMatchesPlan(d6, 'dice 10d6: 1234561230'));
    assert.ok(!seedMatchesPlan(d6, 'dice 10d10: 1234561234'));
  });
});

/** Six people in panels of two (one woman, one man); u1 and u2 share a household. */
const selection: LotterySelection = {
  status: 'ok',
  algorithm: 'leximin',
  engine: { name: 'lotta', version: '0.1.0' },
  input: {
    people: [
      { id: 'u1', features: { gender: 'woman' }, household: 'addr-hash-x' },
      { id: 'u2', features: { gender: 'man' }, household: 'addr-hash-x' },
      { id: 'u3', features: { gender: 'woman' } },
      { id: 'u4', features: { gender: 'man' }, household: 'addr-hash-y' },
    ],
    targets: {
      kind: 'quotas',
      quotas: [
        {
          feature: 'gender',
          value: 'woman',
          min: 1,
          max: 1,
          source: { file: '/home/me/quotas.csv', row: 2 },
        },
        { feature: 'gender', value: 'man', min: 1, max: 1 },
      ],
    },
    panelSize: 2,
    keep: [],
  },
  probabilities: { u1: 0.25, u2: 0.25, u3: 0.75, u4: 0.75 },
  lottery: {
    size: 4,
    panels: [
      ['u1', 'u4'],
      ['u3', 'u2'],
      ['u3', 'u4'],
      ['u3', 'u4'],
    ],
    probabilities: { u1: 0.25, u2: 0.25, u3: 0.75, u4: 0.75 },
    maxDeviation: 0,
  },
};
const references = new Map([
  ['u1', 'P-00011'],
  ['u2', 'P-00012'],
  ['u3', 'P-00013'],
  ['u4', 'P-00014'],
]);

describe('the public form of a lottery', () => {
  test('uses references, renumbered households and no quota source, and is still a sound lottery', () => {
    const { selection: pub, missing } = publicSelection(selection, references);
    assert.deepEqual(missing, []);
    assert.deepEqual(
      pub.input.people.map((p) => [p.id, p.household]),
      [
        ['P-00011', 'h1'],
        ['P-00012', 'h1'],
        ['P-00013', undefined],
        ['P-00014', 'h2'],
      ],
    );
    assert.deepEqual(pub.lottery.panels[1], ['P-00013', 'P-00012']);
    assert.deepEqual(Object.keys(pub.lottery.probabilities), ['P-00011', 'P-00012', 'P-00013', 'P-00014']);
    assert.deepEqual(checkLottery(pub), []);
    const text = JSON.stringify(pub);
    for (const hidden of ['u1', 'addr-hash', '/home/me']) assert.ok(!text.includes(hidden), hidden);
  });

  test('lists ids without a reference', () => {
    const { missing } = publicSelection(selection, new Map([['u1', 'P-00011']]));
    assert.deepEqual(missing.sort(), ['u2', 'u3', 'u4']);
  });

  test('the commitment file has the format lotta commit writes', () => {
    assert.equal(commitmentFileFormat, COMMITMENT_FORMAT);
  });
});

describe('the checks of the verification page', () => {
  const pub = publicSelection(selection, references).selection;
  const commitment = commitmentOf(pub);
  const round = 4_512_300;
  const seed = `drand round ${round}: ${hex}`;
  const published = new Date(drandRoundTime(round) - 3600_000).toISOString();
  const drawn = new Date(drandRoundTime(round) + 60_000).toISOString();
  const stored: StoredDraw = {
    commitment,
    publishedAt: published,
    plan: { source: 'drand', round },
    seed,
    drawnAt: drawn,
  };
  const transcript = makeTranscript(pub, seed);
  const failing = (checks: { key: string; ok: boolean }[]) => checks.filter((c) => !c.ok).map((c) => c.key);

  test('a genuine panel draw passes every check', () => {
    const checks = panelDrawChecks(stored, pub, transcript);
    assert.deepEqual(
      checks.map((c) => c.key),
      [
        'content',
        'lottery',
        'transcript_content',
        'before_beacon',
        'seed_plan',
        'index',
        'members',
        'verify',
      ],
    );
    assert.deepEqual(failing(checks), []);
    assert.deepEqual(
      panelDrawChecks({ ...stored, seed: null, drawnAt: null }, pub, null).map((c) => c.key),
      ['content', 'lottery'],
    );
  });

  test('each kind of tampering fails the check about it', () => {
    const otherMembers = { ...transcript, members: pub.lottery.panels[(transcript.index + 1) % 4] };
    const differs = otherMembers.members.join() !== transcript.members.join();
    if (differs) assert.ok(failing(panelDrawChecks(stored, pub, otherMembers)).includes('members'));
    const changedPool = structuredClone(pub);
    changedPool.input.people[0].features.gender = 'man';
    assert.ok(failing(panelDrawChecks(stored, changedPool, transcript)).includes('content'));
    assert.ok(failing(panelDrawChecks(stored, null, transcript)).includes('content'));
    const late = { ...stored, publishedAt: new Date(drandRoundTime(round) + 1000).toISOString() };
    assert.deepEqual(failing(panelDrawChecks(late, pub, transcript)), ['before_beacon']);
    const otherRound = { ...stored, plan: { source: 'drand', round: round + 1 } as RandomnessPlan };
    assert.ok(failing(panelDrawChecks(otherRound, pub, transcript)).includes('seed_plan'));
    const wrongIndex = { ...transcript, index: (transcript.index + 1) % 4 };
    assert.ok(failing(panelDrawChecks(stored, pub, wrongIndex)).includes('index'));
  });

  test('a reserve draw passes, and fails when the candidates or the order change', () => {
    const content = reserveCandidates(
      pub.input.people.map((p) => p.id),
      transcript.members,
      commitment,
    );
    const reservesSeed = 'dice 10d6: 1234561234';
    const reserves = makeReservesTranscript(content, reservesSeed);
    const draw: StoredDraw = {
      commitment: reservesCommitmentOf(content),
      publishedAt: published,
      plan: { source: 'dice', rolls: 10, sides: 6 },
      seed: reservesSeed,
      drawnAt: drawn,
    };
    const checks = reservesDrawChecks(draw, content, reserves);
    assert.deepEqual(
      checks.map((c) => c.key),
      [
        'reserves_content',
        'transcript_content',
        'before_dice',
        'seed_plan',
        'reserves_order',
        'reserves_verify',
      ],
    );
    assert.deepEqual(failing(checks), []);
    const reversed = { ...reserves, order: [...reserves.order].reverse() };
    assert.deepEqual(failing(reservesDrawChecks(draw, content, reversed)), [
      'reserves_order',
      'reserves_verify',
    ]);
    const fewer = { ...content, candidates: content.candidates.slice(1) };
    assert.deepEqual(failing(reservesDrawChecks(draw, fewer, reserves)), ['reserves_content']);
  });
});
