import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inviteAlphabet, normaliseInviteCode } from '../domain/invite-code.ts';
import { inviteCodeFor, inviteCodesFor } from './invite-codes.ts';

describe('invite codes of a draw', () => {
  test('look like the platform’s codes and are accepted by the registration form', () => {
    const code = inviteCodeFor('a long private seed', '["storgatan 1","111 22"]');
    assert.match(code, new RegExp(`^[${inviteAlphabet}]{5}-[${inviteAlphabet}]{5}$`));
    assert.equal(normaliseInviteCode(code.toLowerCase().replace('-', ' ')), code);
  });

  test('the same seed and household give the same code; another seed or household another', () => {
    const key = '["storgatan 1","111 22"]';
    assert.equal(inviteCodeFor('seed', key), inviteCodeFor('seed', key));
    assert.notEqual(inviteCodeFor('seed', key), inviteCodeFor('seed2', key));
    assert.notEqual(inviteCodeFor('seed', key), inviteCodeFor('seed', '["storgatan 2","111 22"]'));
    assert.notEqual(inviteCodeFor('seed', key), inviteCodeFor('seed', key, 1));
  });

  test('codes within a draw are distinct, even when two households would collide', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `household ${i}`);
    const codes = inviteCodesFor('seed', keys);
    assert.equal(new Set(codes).size, keys.length);
    // The same key twice stands in for a collision: the second gets the next code derived for it.
    const [first, second] = inviteCodesFor('seed', ['same', 'same']);
    assert.equal(first, inviteCodeFor('seed', 'same'));
    assert.equal(second, inviteCodeFor('seed', 'same', 1));
  });

  test('every letter of the alphabet is used about equally often', () => {
    const counts = new Map<string, number>();
    const codes = inviteCodesFor(
      'spread',
      Array.from({ length: 2400 }, (_, i) => `h${i}`),
    );
    for (const code of codes)
      for (const ch of code.replace('-', '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    assert.equal(counts.size, inviteAlphabet.length);
    // 24,000 letters over 24 symbols: 1,000 each, σ ≈ 31.
    for (const [ch, n] of counts) assert.ok(Math.abs(n - 1000) < 160, `${ch}: ${n}`);
  });
});
