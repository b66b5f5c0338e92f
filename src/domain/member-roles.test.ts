import assert from 'node:assert/strict';
import { test } from 'node:test';
import { personStatuses } from './person-status.ts';
import { can, memberPermissions, memberRoleOf, memberRoles, permissions, staffRoles } from './roles.ts';

test('only the confirmed panel are members; everyone else with a link is a volunteer', () => {
  for (const status of personStatuses)
    assert.equal(memberRoleOf(status), status === 'confirmed' ? 'member' : 'volunteer', status);
});

test('members vote, propose, claim and answer; volunteers only see and correct their own data', () => {
  for (const p of memberPermissions) assert.ok(can('member', p), p);
  assert.deepEqual(
    memberPermissions.filter((p) => can('volunteer', p)),
    ['own:view', 'own:consents'],
  );
});

test('no staff role holds a member permission, and no member role a staff permission', () => {
  for (const role of staffRoles) for (const p of memberPermissions) assert.ok(!can(role, p), `${role} ${p}`);
  for (const role of memberRoles) for (const p of permissions) assert.ok(!can(role, p), `${role} ${p}`);
});

test('members sign minority statements; volunteers and staff do not', () => {
  assert.equal(can('member', 'statements:sign'), true);
  assert.equal(can('volunteer', 'statements:sign'), false);
  for (const role of staffRoles) assert.equal(can(role, 'statements:sign'), false, role);
});
