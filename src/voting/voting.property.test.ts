/**
 * Property tests of the voting core: the tally and the hash do not depend on the order ballots arrive
 * in, the hash changes when any ballot changes, the ballot box never counts two ballots of one member
 * whatever the channels and timing, and one more yes never turns an adopted supermajority into a
 * rejected one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type BallotContext, collectBallots } from './ballots.ts';
import {
  type Ballot,
  type Channel,
  type Choice,
  channels,
  type VoteRule,
  type VoteSettings,
} from './model.ts';
import { ballotsHash, tallyVote } from './tally.ts';

const SEED = 20261206;
const runs = { seed: SEED, numRuns: 200 };

const rules: VoteRule[] = [
  { kind: 'majority' },
  { kind: 'supermajority', fraction: { numerator: 4, denominator: 5 }, base: 'cast' },
  { kind: 'supermajority', fraction: { numerator: 2, denominator: 3 }, base: 'present' },
  { kind: 'consent' },
  { kind: 'gradient', scale: 5, level: 4, fraction: { numerator: 3, denominator: 4 } },
  { kind: 'gradient', scale: 8, level: 6, fraction: { numerator: 1, denominator: 2 } },
];

function choiceFor(rule: VoteRule): fc.Arbitrary<Choice> {
  const abstain = fc.constant<Choice>({ kind: 'abstain' });
  switch (rule.kind) {
    case 'majority':
    case 'supermajority':
      return fc.constantFrom<Choice>({ kind: 'yes' }, { kind: 'no' }, { kind: 'abstain' });
    case 'consent':
      return fc.oneof(
        fc.constant<Choice>({ kind: 'consent' }),
        abstain,
        fc
          .string({ minLength: 1, maxLength: 8 })
          .map((r): Choice => ({ kind: 'objection', reason: `x${r}` })),
      );
    case 'gradient':
      return fc.oneof(
        abstain,
        fc.integer({ min: 1, max: rule.scale }).map((level): Choice => ({ kind: 'grade', level })),
      );
  }
}

const channel = fc.constantFrom<Channel>(...channels);

/** A rule, its settings, and ballots of distinct members valid under it. */
const closedVote = fc
  .constantFrom(...rules)
  .chain((rule) =>
    fc.record({
      rule: fc.constant(rule),
      abstentions: fc.constantFrom('cast' as const, 'not_cast' as const),
      secrecy: fc.constantFrom('secret' as const, 'named' as const),
      ballots: fc.array(
        fc.record({ choice: choiceFor(rule), channel, at: fc.integer({ min: 1000, max: 1999 }) }),
        {
          maxLength: 40,
        },
      ),
      absent: fc.nat(5),
      order: fc.array(fc.double({ noNaN: true }), { minLength: 40, maxLength: 40 }),
    }),
  )
  .map((raw) => {
    const settings: VoteSettings = {
      rule: raw.rule,
      quorum: { kind: 'share', fraction: { numerator: 1, denominator: 2 } },
      abstentions: raw.abstentions,
      secrecy: raw.secrecy,
      opensAt: 1000,
      closesAt: 2000,
      changesAllowed: true,
    };
    const ballots: Ballot[] = raw.ballots.map((b, i) => ({ member: `m${i}`, ...b }));
    const shuffled = ballots
      .map((b, i) => ({ b, key: raw.order[i] }))
      .sort((x, y) => x.key - y.key)
      .map((x) => x.b);
    const present = ballots.length + raw.absent;
    return { settings, ballots, shuffled, present, eligible: present + 3 };
  });

test('the tally does not depend on the order of the ballots', () => {
  fc.assert(
    fc.property(closedVote, ({ settings, ballots, shuffled, present, eligible }) => {
      assert.deepEqual(
        tallyVote({ settings, ballots: shuffled, eligible, present }),
        tallyVote({ settings, ballots, eligible, present }),
      );
    }),
    runs,
  );
});

test('the hash does not depend on the order of the ballots', () => {
  fc.assert(
    fc.property(closedVote, ({ ballots, shuffled }) => {
      assert.equal(ballotsHash(shuffled), ballotsHash(ballots));
    }),
    runs,
  );
});

test('the hash changes when any one ballot changes, is added or is removed', () => {
  const change = fc.record({
    which: fc.nat(),
    field: fc.constantFrom('member', 'choice', 'channel', 'at', 'removed', 'added'),
  });
  fc.assert(
    fc.property(closedVote, change, ({ ballots }, { which, field }) => {
      fc.pre(ballots.length > 0);
      const i = which % ballots.length;
      const b = ballots[i];
      const changed = [...ballots];
      if (field === 'removed') changed.splice(i, 1);
      else if (field === 'added') changed.push({ ...b, member: 'newcomer' });
      else if (field === 'member') changed[i] = { ...b, member: `${b.member}x` };
      else if (field === 'channel')
        changed[i] = { ...b, channel: b.channel === 'paper' ? 'online' : 'paper' };
      else if (field === 'at') changed[i] = { ...b, at: b.at + 1 };
      else changed[i] = { ...b, choice: otherChoice(b.choice) };
      assert.notEqual(ballotsHash(changed), ballotsHash(ballots));
    }),
    runs,
  );
});

function otherChoice(choice: Choice): Choice {
  switch (choice.kind) {
    case 'objection':
      return { kind: 'objection', reason: `${choice.reason}!` };
    case 'grade':
      return { kind: 'grade', level: choice.level === 1 ? 2 : choice.level - 1 };
    case 'abstain':
      return { kind: 'yes' };
    default:
      return { kind: 'abstain' };
  }
}

test('the ballot box never counts more than one ballot per member, and keeps her first channel', () => {
  const attempt = fc.record({
    member: fc.constantFrom('anna', 'bo', 'cecilia', 'david', 'outsider'),
    choice: fc.constantFrom<Choice>({ kind: 'yes' }, { kind: 'no' }, { kind: 'abstain' }),
    channel,
    at: fc.integer({ min: 900, max: 2100 }),
  });
  fc.assert(
    fc.property(fc.array(attempt, { maxLength: 30 }), fc.boolean(), (attempts, changesAllowed) => {
      const context: BallotContext = {
        settings: {
          rule: { kind: 'majority' },
          quorum: { kind: 'none' },
          abstentions: 'not_cast',
          secrecy: 'secret',
          opensAt: 1000,
          closesAt: 2000,
          changesAllowed,
        },
        eligible: new Set(['anna', 'bo', 'cecilia', 'david']),
      };
      const { box, refused } = collectBallots(attempts, context);
      const counted = [...box.values()];
      assert.equal(new Set(counted.map((b) => b.member)).size, counted.length);
      for (const [member, b] of box) {
        assert.equal(b.member, member);
        const first = attempts.find((a) => a.member === member && a.at >= 1000 && a.at < 2000);
        assert.equal(b.channel, first?.channel);
      }
      assert.equal(counted.length + refused.length <= attempts.length, true);
      assert.equal(
        tallyVote({ settings: context.settings, ballots: counted, eligible: 4 }).ballots,
        counted.length,
      );
    }),
    runs,
  );
});

test('a supermajority follows exact arithmetic, and one more yes never undoes an adoption', () => {
  const counts = fc.record({
    yes: fc.nat(200),
    no: fc.nat(200),
    numerator: fc.integer({ min: 1, max: 12 }),
    extra: fc.nat(12),
  });
  fc.assert(
    fc.property(counts, ({ yes, no, numerator, extra }) => {
      fc.pre(yes + no > 0);
      const fraction = { numerator, denominator: numerator + extra };
      const tallyOf = (y: number) => {
        const ballots: Ballot[] = [];
        for (let i = 0; i < y + no; i++)
          ballots.push({
            member: `m${i}`,
            choice: { kind: i < y ? 'yes' : 'no' },
            channel: 'phone',
            at: 1500,
          });
        const settings: VoteSettings = {
          rule: { kind: 'supermajority', fraction, base: 'cast' },
          quorum: { kind: 'none' },
          abstentions: 'not_cast',
          secrecy: 'secret',
          opensAt: 1000,
          closesAt: 2000,
          changesAllowed: false,
        };
        return tallyVote({ settings, ballots, eligible: y + no });
      };
      const now = tallyOf(yes);
      assert.equal(
        now.adopted,
        BigInt(yes) * BigInt(fraction.denominator) >= BigInt(numerator) * BigInt(yes + no),
      );
      assert.equal(now.adopted, now.support >= now.needed);
      if (now.adopted) assert.equal(tallyOf(yes + 1).adopted, true);
    }),
    { seed: SEED, numRuns: 100 },
  );
});
