import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptBallot, type BallotBox, type BallotContext, collectBallots, emptyBox } from './ballots.ts';
import type { Ballot, VoteSettings } from './model.ts';

const settings: VoteSettings = {
  rule: { kind: 'supermajority', fraction: { numerator: 4, denominator: 5 }, base: 'cast' },
  quorum: { kind: 'none' },
  abstentions: 'not_cast',
  secrecy: 'secret',
  opensAt: 1000,
  closesAt: 2000,
  changesAllowed: true,
};
const context: BallotContext = { settings, eligible: new Set(['anna', 'bo', 'cecilia']) };
const ballot = (more: Partial<Ballot> = {}): Ballot => ({
  member: 'anna',
  choice: { kind: 'yes' },
  channel: 'phone',
  at: 1500,
  ...more,
});

function accepted(box: BallotBox, b: Ballot, ctx = context): BallotBox {
  const outcome = acceptBallot(box, b, ctx);
  assert.ok(outcome.accepted, `refused: ${outcome.accepted ? '' : outcome.refusal}`);
  return outcome.box;
}

const refusal = (box: BallotBox, b: Ballot, ctx = context) => {
  const outcome = acceptBallot(box, b, ctx);
  return outcome.accepted ? null : outcome.refusal;
};

test('a ballot from a member who may vote, while the vote is open, is taken', () => {
  const box = accepted(emptyBox, ballot());
  assert.deepEqual([...box.values()], [ballot()]);
});

test('a ballot from someone not eligible is refused', () => {
  assert.equal(refusal(emptyBox, ballot({ member: 'david' })), 'not_eligible');
});

test('a ballot before opening and one at or after closing are refused', () => {
  assert.equal(refusal(emptyBox, ballot({ at: 999 })), 'not_open');
  assert.ok(acceptBallot(emptyBox, ballot({ at: 1000 }), context).accepted);
  assert.ok(acceptBallot(emptyBox, ballot({ at: 1999 }), context).accepted);
  assert.equal(refusal(emptyBox, ballot({ at: 2000 })), 'closed');
  // Closed early by an organiser.
  assert.equal(refusal(emptyBox, ballot({ at: 1600 }), { ...context, closedAt: 1600 }), 'closed');
  assert.ok(acceptBallot(emptyBox, ballot({ at: 1599 }), { ...context, closedAt: 1600 }).accepted);
});

test('a changed vote replaces the earlier one when changes are allowed', () => {
  const first = accepted(emptyBox, ballot());
  const outcome = acceptBallot(first, ballot({ choice: { kind: 'no' }, at: 1700 }), context);
  assert.ok(outcome.accepted);
  assert.deepEqual(outcome.replaced, ballot());
  assert.equal(outcome.box.size, 1);
  assert.deepEqual(outcome.box.get('anna')?.choice, { kind: 'no' });
  // The earlier box is left as it was: the box is a value.
  assert.deepEqual(first.get('anna')?.choice, { kind: 'yes' });
});

test('a change is refused when the vote does not allow changes', () => {
  const fixed = { ...context, settings: { ...settings, changesAllowed: false } };
  const box = accepted(emptyBox, ballot(), fixed);
  assert.equal(refusal(box, ballot({ choice: { kind: 'no' } }), fixed), 'change_not_allowed');
});

test('a member who voted on paper cannot vote online, and the other way round', () => {
  const onPaper = accepted(emptyBox, ballot({ channel: 'paper' }));
  assert.equal(refusal(onPaper, ballot({ channel: 'online', choice: { kind: 'no' } })), 'other_channel');
  const online = accepted(emptyBox, ballot({ channel: 'online' }));
  assert.equal(refusal(online, ballot({ channel: 'paper' })), 'other_channel');
  const onTablet = accepted(emptyBox, ballot({ channel: 'tablet' }));
  assert.equal(refusal(onTablet, ballot({ channel: 'phone' })), 'other_channel');
});

test('a choice the rule does not take is refused', () => {
  assert.equal(refusal(emptyBox, ballot({ choice: { kind: 'grade', level: 3 } })), 'invalid_choice');
  const consent = { ...context, settings: { ...settings, rule: { kind: 'consent' } as const } };
  assert.equal(
    refusal(emptyBox, ballot({ choice: { kind: 'objection', reason: '  ' } }), consent),
    'invalid_choice',
  );
  assert.equal(
    refusal(emptyBox, ballot({ choice: { kind: 'objection', reason: 'Too costly' } }), consent),
    null,
  );
  const gradient = {
    ...context,
    settings: {
      ...settings,
      rule: { kind: 'gradient', scale: 5, level: 4, fraction: { numerator: 1, denominator: 2 } } as const,
    },
  };
  assert.equal(
    refusal(emptyBox, ballot({ choice: { kind: 'grade', level: 6 } }), gradient),
    'invalid_choice',
  );
  assert.equal(refusal(emptyBox, ballot({ choice: { kind: 'grade', level: 5 } }), gradient), null);
  assert.equal(refusal(emptyBox, ballot({ choice: { kind: 'abstain' } }), gradient), null);
});

test('collecting ballots keeps one per member and lists the refusals', () => {
  const { box, refused } = collectBallots(
    [
      ballot(),
      ballot({ member: 'bo', channel: 'paper' }),
      ballot({ member: 'bo', channel: 'online' }),
      ballot({ choice: { kind: 'no' }, at: 1600 }),
      ballot({ member: 'cecilia', at: 2100 }),
    ],
    context,
  );
  assert.deepEqual([...box.keys()].sort(), ['anna', 'bo']);
  assert.deepEqual(box.get('anna')?.choice, { kind: 'no' });
  assert.deepEqual(
    refused.map((r) => [r.ballot.member, r.refusal]),
    [
      ['bo', 'other_channel'],
      ['cecilia', 'closed'],
    ],
  );
});

test('the same choice sent again through the same channel is a repeat: the first ballot and its time stand', () => {
  const fixed = { ...context, settings: { ...settings, changesAllowed: false } };
  const box = accepted(emptyBox, ballot(), fixed);
  const again = acceptBallot(box, ballot({ at: 1600 }), fixed);
  assert.ok(again.accepted);
  assert.deepEqual([again.repeated, again.replaced, again.box.get('anna')?.at], [true, null, 1500]);
  // After closing even a repeat is refused, and through another channel it is no repeat.
  assert.equal(refusal(box, ballot({ at: 2000 }), fixed), 'closed');
  assert.equal(refusal(box, ballot({ channel: 'online' }), fixed), 'other_channel');
});

test('a change sent earlier but arriving later does not undo the later change', () => {
  const box = accepted(
    accepted(emptyBox, ballot({ at: 1100 })),
    ballot({ choice: { kind: 'no' }, at: 1300 }),
  );
  assert.equal(refusal(box, ballot({ choice: { kind: 'abstain' }, at: 1200 })), 'superseded');
  assert.deepEqual(box.get('anna')?.choice, { kind: 'no' });
});
