import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Ballot, Choice, VoteRule, VoteSettings } from './model.ts';
import { ballotsHash, freezeTally, matchesFrozen, TallyInputError, tallyVote } from './tally.ts';

const eightyPercent: VoteRule = {
  kind: 'supermajority',
  fraction: { numerator: 4, denominator: 5 },
  base: 'cast',
};

function settings(rule: VoteRule, more: Partial<VoteSettings> = {}): VoteSettings {
  return {
    rule,
    quorum: { kind: 'none' },
    abstentions: 'not_cast',
    secrecy: 'secret',
    opensAt: 1000,
    closesAt: 2000,
    changesAllowed: true,
    ...more,
  };
}

/** `counts` members choosing each choice, in order: m0, m1, … */
function ballots(...groups: [number, Choice][]): Ballot[] {
  const out: Ballot[] = [];
  for (const [count, choice] of groups)
    for (let i = 0; i < count; i++)
      out.push({ member: `m${out.length}`, choice, channel: 'phone', at: 1500 });
  return out;
}

const yes: Choice = { kind: 'yes' };
const no: Choice = { kind: 'no' };
const abstain: Choice = { kind: 'abstain' };
const grade = (level: number): Choice => ({ kind: 'grade', level });

test('80 % of 59 votes cast: 47 yes (79.66 %) is not adopted, 48 yes is', () => {
  const missed = tallyVote({
    settings: settings(eightyPercent),
    ballots: ballots([47, yes], [12, no]),
    eligible: 60,
  });
  assert.equal(missed.base, 59);
  assert.equal(missed.needed, 48);
  assert.equal(missed.adopted, false);
  assert.equal(missed.reason, 'threshold_missed');
  const reached = tallyVote({
    settings: settings(eightyPercent),
    ballots: ballots([48, yes], [11, no]),
    eligible: 60,
  });
  assert.equal(reached.adopted, true);
  assert.equal(reached.reason, 'threshold_reached');
});

test('abstentions left out of the votes cast do not weigh; counted as cast they weigh like a no', () => {
  const box = ballots([48, yes], [11, no], [3, abstain]);
  const left = tallyVote({ settings: settings(eightyPercent), ballots: box, eligible: 62 });
  assert.deepEqual([left.base, left.abstain, left.adopted], [59, 3, true]);
  const counted = tallyVote({
    settings: settings(eightyPercent, { abstentions: 'cast' }),
    ballots: box,
    eligible: 62,
  });
  assert.deepEqual([counted.base, counted.needed, counted.adopted], [62, 50, false]);
});

test('simple majority: a tie is not adopted, one more yes is; abstentions counted as cast can tip it', () => {
  const rule: VoteRule = { kind: 'majority' };
  assert.equal(
    tallyVote({ settings: settings(rule), ballots: ballots([5, yes], [5, no]), eligible: 10 }).adopted,
    false,
  );
  assert.equal(
    tallyVote({ settings: settings(rule), ballots: ballots([6, yes], [5, no]), eligible: 11 }).adopted,
    true,
  );
  const withAbstentions = ballots([6, yes], [5, no], [1, abstain]);
  assert.equal(tallyVote({ settings: settings(rule), ballots: withAbstentions, eligible: 12 }).adopted, true);
  const cast = tallyVote({
    settings: settings(rule, { abstentions: 'cast' }),
    ballots: withAbstentions,
    eligible: 12,
  });
  assert.deepEqual([cast.base, cast.needed, cast.adopted], [12, 7, false]);
});

test('quorum missed by one ballot, met with it (abstentions count towards the quorum)', () => {
  const quorum = { kind: 'ballots', minimum: 40 } as const;
  const missed = tallyVote({
    settings: settings({ kind: 'majority' }, { quorum }),
    ballots: ballots([39, yes]),
    eligible: 60,
  });
  assert.deepEqual(
    [missed.quorum, missed.adopted, missed.reason],
    [{ met: false, needed: 40 }, false, 'quorum_missed'],
  );
  const met = tallyVote({
    settings: settings({ kind: 'majority' }, { quorum }),
    ballots: ballots([39, yes], [1, abstain]),
    eligible: 60,
  });
  assert.deepEqual([met.quorum.met, met.adopted], [true, true]);
});

test('quorum as a share of those eligible: ⅔ of 60 is 40 ballots, of 61 it is 41', () => {
  const quorum = { kind: 'share', fraction: { numerator: 2, denominator: 3 } } as const;
  const at60 = tallyVote({
    settings: settings({ kind: 'majority' }, { quorum }),
    ballots: ballots([40, yes]),
    eligible: 60,
  });
  assert.deepEqual(at60.quorum, { met: true, needed: 40 });
  const at61 = tallyVote({
    settings: settings({ kind: 'majority' }, { quorum }),
    ballots: ballots([40, yes]),
    eligible: 61,
  });
  assert.deepEqual([at61.quorum, at61.reason], [{ met: false, needed: 41 }, 'quorum_missed']);
});

test('⅔ of members present differs from ⅔ of votes cast', () => {
  const twoThirds = { numerator: 2, denominator: 3 };
  const box = ballots([40, yes], [15, no]);
  const ofCast = tallyVote({
    settings: settings({ kind: 'supermajority', fraction: twoThirds, base: 'cast' }),
    ballots: box,
    eligible: 65,
    present: 62,
  });
  assert.deepEqual([ofCast.base, ofCast.needed, ofCast.adopted], [55, 37, true]);
  const ofPresent = tallyVote({
    settings: settings({ kind: 'supermajority', fraction: twoThirds, base: 'present' }),
    ballots: box,
    eligible: 65,
    present: 62,
  });
  assert.deepEqual([ofPresent.base, ofPresent.needed, ofPresent.adopted], [62, 42, false]);
  // Exactly ⅔ of those present is enough.
  const exactly = tallyVote({
    settings: settings({ kind: 'supermajority', fraction: twoThirds, base: 'present' }),
    ballots: ballots([40, yes], [5, no]),
    eligible: 65,
    present: 60,
  });
  assert.equal(exactly.adopted, true);
  assert.throws(
    () =>
      tallyVote({
        settings: settings({ kind: 'supermajority', fraction: twoThirds, base: 'present' }),
        ballots: box,
        eligible: 65,
      }),
    TallyInputError,
  );
});

test('consent: adopted without objections; one objection blocks it and keeps its reason', () => {
  const consent: Choice = { kind: 'consent' };
  const rule: VoteRule = { kind: 'consent' };
  const quiet = tallyVote({
    settings: settings(rule),
    ballots: ballots([20, consent], [2, abstain]),
    eligible: 22,
  });
  assert.deepEqual([quiet.adopted, quiet.reason, quiet.objections], [true, 'no_objection', []]);
  const objection: Choice = { kind: 'objection', reason: 'Hits rural households hardest' };
  const box = ballots([21, consent], [1, objection]);
  const secret = tallyVote({ settings: settings(rule), ballots: box, eligible: 22 });
  assert.deepEqual([secret.adopted, secret.reason], [false, 'objected']);
  assert.deepEqual(secret.objections, [{ reason: 'Hits rural households hardest', member: null }]);
  const named = tallyVote({ settings: settings(rule, { secrecy: 'named' }), ballots: box, eligible: 22 });
  assert.deepEqual(named.objections, [{ reason: 'Hits rural households hardest', member: 'm21' }]);
});

test('gradient: the distribution is reported and the share at or above the level decides', () => {
  const rule: VoteRule = { kind: 'gradient', scale: 5, level: 4, fraction: { numerator: 3, denominator: 4 } };
  // 15 of 20 at level 4 or above: exactly 75 %.
  const box = ballots([3, grade(1)], [2, grade(3)], [9, grade(4)], [6, grade(5)]);
  const reached = tallyVote({ settings: settings(rule), ballots: box, eligible: 20 });
  assert.deepEqual(reached.distribution, [3, 0, 2, 9, 6]);
  assert.deepEqual([reached.base, reached.support, reached.needed, reached.adopted], [20, 15, 15, true]);
  // One grade 4 becomes a 3: 14 of 20 is 70 %.
  const lower = ballots([3, grade(1)], [3, grade(3)], [8, grade(4)], [6, grade(5)]);
  assert.equal(tallyVote({ settings: settings(rule), ballots: lower, eligible: 20 }).adopted, false);
  // On an eight-level scale, with an abstention counted as cast.
  const eight: VoteRule = {
    kind: 'gradient',
    scale: 8,
    level: 6,
    fraction: { numerator: 1, denominator: 2 },
  };
  const wide = tallyVote({
    settings: settings(eight, { abstentions: 'cast' }),
    ballots: ballots([2, grade(8)], [1, grade(6)], [2, grade(2)], [1, abstain]),
    eligible: 6,
  });
  assert.deepEqual(wide.distribution, [0, 2, 0, 0, 0, 1, 0, 2]);
  assert.deepEqual([wide.base, wide.support, wide.needed, wide.adopted], [6, 3, 3, true]);
});

test('no vote is adopted by an empty room', () => {
  for (const rule of [{ kind: 'majority' }, eightyPercent, { kind: 'consent' }] as VoteRule[]) {
    const tally = tallyVote({
      settings: settings(rule),
      ballots: ballots([2, abstain]).slice(0, 0),
      eligible: 10,
    });
    assert.deepEqual([tally.adopted, tally.reason], [false, 'no_votes']);
  }
});

test('two ballots of one member are refused by the tally', () => {
  const box = ballots([2, yes]);
  box[1] = { ...box[1], member: 'm0' };
  assert.throws(
    () => tallyVote({ settings: settings(eightyPercent), ballots: box, eligible: 2 }),
    TallyInputError,
  );
});

test('a frozen tally is checked against the stored ballots', () => {
  const box = ballots([48, yes], [11, no]);
  const frozen = freezeTally({ settings: settings(eightyPercent), ballots: box, eligible: 60 });
  assert.match(frozen.hash, /^[0-9a-f]{64}$/);
  assert.equal(matchesFrozen(frozen, [...box].reverse()), true);
  const altered = box.map((b, i) => (i === 7 ? { ...b, choice: no } : b));
  assert.equal(matchesFrozen(frozen, altered), false);
  assert.equal(matchesFrozen(frozen, box.slice(1)), false);
  assert.notEqual(ballotsHash([]), ballotsHash(box));
});
