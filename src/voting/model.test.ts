import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  choiceFits,
  parseShare,
  reachesShare,
  settingsProblems,
  shareNeeded,
  type VoteSettings,
} from './model.ts';

const sound: VoteSettings = {
  rule: { kind: 'gradient', scale: 8, level: 6, fraction: { numerator: 2, denominator: 3 } },
  quorum: { kind: 'share', fraction: { numerator: 1, denominator: 2 } },
  abstentions: 'not_cast',
  secrecy: 'named',
  opensAt: 1000,
  closesAt: 2000,
  changesAllowed: false,
};

test('shares are compared in whole numbers: 47 of 59 is below 80 %, 48 is not; the line is rounded up', () => {
  const eighty = { numerator: 4, denominator: 5 };
  assert.equal(reachesShare(47, 59, eighty), false);
  assert.equal(reachesShare(48, 59, eighty), true);
  assert.equal(shareNeeded(59, eighty), 48);
  assert.equal(shareNeeded(60, eighty), 48);
  assert.equal(shareNeeded(62, { numerator: 2, denominator: 3 }), 42);
  // 0.1 + 0.2 would not survive floats; 3 of 10 is exactly 30 %.
  assert.equal(reachesShare(3, 10, { numerator: 3, denominator: 10 }), true);
});

test('sound settings have no problems; each broken part is named', () => {
  assert.deepEqual(settingsProblems(sound), []);
  assert.deepEqual(
    settingsProblems({
      ...sound,
      rule: { kind: 'gradient', scale: 5, level: 6, fraction: { numerator: 3, denominator: 2 } },
      quorum: { kind: 'ballots', minimum: -1 },
      closesAt: 1000,
    }),
    ['fraction_invalid', 'level_off_scale', 'quorum_invalid', 'closes_before_opening'],
  );
  assert.deepEqual(
    settingsProblems({ ...sound, quorum: { kind: 'share', fraction: { numerator: 0, denominator: 3 } } }),
    ['quorum_invalid'],
  );
});

test('a choice fits its rule: yes/no for majorities, consent or a reasoned objection, a grade on the scale', () => {
  assert.equal(choiceFits({ kind: 'majority' }, { kind: 'yes' }), true);
  assert.equal(choiceFits({ kind: 'majority' }, { kind: 'consent' }), false);
  assert.equal(choiceFits({ kind: 'consent' }, { kind: 'objection', reason: '' }), false);
  assert.equal(choiceFits(sound.rule, { kind: 'grade', level: 8 }), true);
  assert.equal(choiceFits(sound.rule, { kind: 'grade', level: 0 }), false);
  assert.equal(choiceFits(sound.rule, { kind: 'grade', level: 2.5 }), false);
  assert.equal(choiceFits(sound.rule, { kind: 'abstain' }), true);
});

test('a share is typed as a whole percentage or a fraction, and kept exact', () => {
  assert.deepEqual(parseShare('80'), { numerator: 4, denominator: 5 });
  assert.deepEqual(parseShare(' 80 % '), { numerator: 4, denominator: 5 });
  assert.deepEqual(parseShare('2/3'), { numerator: 2, denominator: 3 });
  assert.deepEqual(parseShare('100%'), { numerator: 1, denominator: 1 });
  for (const bad of ['0', '101', '3/2', '0/5', '66,7', '66.7%', '', 'two thirds', '1/0'])
    assert.equal(parseShare(bad), null, bad);
});
