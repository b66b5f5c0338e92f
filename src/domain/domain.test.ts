import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { inviteAlphabet, newInviteCode, normaliseInviteCode } from './invite-code.ts';
import { allowedNextStatuses, canMove, personStatuses } from './person-status.ts';
import { can, permissions, staffRoles } from './roles.ts';

test('invite codes: ten unambiguous characters, typed back in any case and spacing', () => {
  const codes = new Set(Array.from({ length: 2000 }, () => newInviteCode()));
  assert.equal(codes.size, 2000);
  for (const code of codes) {
    assert.match(code, /^[3469ACDEFGHJKMNPQRTUVWXY]{5}-[3469ACDEFGHJKMNPQRTUVWXY]{5}$/);
    assert.equal(normaliseInviteCode(code.toLowerCase().replace('-', ' ')), code);
  }
  for (const ambiguous of ['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z', '8', 'B'])
    assert.ok(!inviteAlphabet.includes(ambiguous));
  assert.equal(normaliseInviteCode('AAAA-BBBB'), null);
  assert.equal(normaliseInviteCode('OOOOO-00000'), null);
});

test('callers can only record call outcomes; nobody can leave "replaced"', () => {
  fc.assert(
    fc.property(fc.constantFrom(...personStatuses), fc.constantFrom(...personStatuses), (from, to) => {
      if (canMove(from, to, 'caller')) {
        assert.ok(canMove(from, to, 'organiser'), `${from}→${to}`);
        assert.ok(['confirmed', 'declined', 'withdrawn'].includes(to));
      }
    }),
  );
  assert.deepEqual(allowedNextStatuses('replaced', 'organiser'), []);
  assert.deepEqual(allowedNextStatuses('selected', 'caller'), ['confirmed', 'declined', 'withdrawn']);
});

test('only administrators see the audit log; evaluators see no personal contact data', () => {
  for (const role of staffRoles) assert.equal(can(role, 'audit:view'), role === 'administrator');
  for (const p of ['people:names', 'people:contacts', 'people:needs'] as const)
    assert.equal(can('evaluator', p), false);
  assert.equal(can('caller', 'people:answers'), false);
  for (const p of permissions) assert.equal(can('member', p), false);
  assert.equal(can(null, 'assembly:view'), false);
});
