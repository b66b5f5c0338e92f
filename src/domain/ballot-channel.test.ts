import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ownBallotChannel } from './ballot-channel.ts';

test('a member in the room votes by phone, whether or not the vote is also online', () => {
  assert.equal(ownBallotChannel({ sessionId: 's1', online: false }, true), 'phone');
  assert.equal(ownBallotChannel({ sessionId: 's1', online: true }, true), 'phone');
});

test('a member not in the room votes online only when the vote allows it', () => {
  assert.equal(ownBallotChannel({ sessionId: 's1', online: true }, false), 'online');
  assert.equal(ownBallotChannel({ sessionId: 's1', online: false }, false), null);
});

test('a vote held outside any session is voted online', () => {
  assert.equal(ownBallotChannel({ sessionId: null, online: false }, false), 'online');
  assert.equal(ownBallotChannel({ sessionId: null, online: true }, true), 'online');
});
