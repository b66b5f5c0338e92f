import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BallotContext } from './ballots.ts';
import { disclose } from './disclosure.ts';
import type { Ballot } from './model.ts';

const context: BallotContext = {
  settings: {
    rule: { kind: 'supermajority', fraction: { numerator: 4, denominator: 5 }, base: 'cast' },
    quorum: { kind: 'none' },
    abstentions: 'not_cast',
    secrecy: 'secret',
    opensAt: 1000,
    closesAt: 2000,
    changesAllowed: true,
  },
  eligible: new Set(['anna', 'bo', 'cecilia']),
};
const ballots: Ballot[] = [
  { member: 'bo', choice: { kind: 'no' }, channel: 'paper', at: 1200 },
  { member: 'anna', choice: { kind: 'yes' }, channel: 'phone', at: 1100 },
];

test('while the vote is open only the turnout shows, never the result', () => {
  assert.deepEqual(disclose(ballots.slice(0, 0), context, 900), {
    phase: 'not_open',
    turnout: { ballots: 0, eligible: 3 },
  });
  const open = disclose(ballots, context, 1999);
  assert.deepEqual(open, { phase: 'open', turnout: { ballots: 2, eligible: 3 } });
  assert.equal('tally' in open, false);
});

test('once closed, at its planned time or earlier by an organiser, the tally shows', () => {
  const closed = disclose(ballots, context, 2000);
  assert.equal(closed.phase, 'closed');
  assert.equal(closed.phase === 'closed' && closed.tally.adopted, false);
  assert.equal(closed.phase === 'closed' && closed.named, null);
  assert.equal(disclose(ballots, { ...context, closedAt: 1500 }, 1500).phase, 'closed');
});

test('who chose what shows only for a named vote, once closed', () => {
  const named = { ...context, settings: { ...context.settings, secrecy: 'named' as const } };
  assert.deepEqual(disclose(ballots, named, 1500), { phase: 'open', turnout: { ballots: 2, eligible: 3 } });
  const closed = disclose(ballots, named, 2500);
  assert.deepEqual(closed.phase === 'closed' && closed.named, [
    { member: 'anna', choice: { kind: 'yes' } },
    { member: 'bo', choice: { kind: 'no' } },
  ]);
});
