import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { can, covers, grantableRoles, permissionsOf, staffRoles, teamChangeRefusal } from './roles.ts';

const team = [
  { accountId: 'org', role: 'organiser' },
  { accountId: 'call', role: 'caller' },
];

test('nobody can give a role with more rights than their own', () => {
  assert.deepEqual(grantableRoles('administrator'), [...staffRoles]);
  assert.deepEqual(grantableRoles('organiser'), [
    'organiser',
    'caller',
    'facilitator',
    'evaluator',
    'host',
    'commissioner',
  ]);
  // A host only checks members in at the door, which callers and facilitators may do too.
  assert.deepEqual(grantableRoles('caller'), ['caller', 'facilitator', 'host']);
  assert.deepEqual(grantableRoles('facilitator'), ['facilitator', 'host']);
  assert.deepEqual(grantableRoles('host'), ['host']);
  assert.deepEqual(grantableRoles(null), []);
  // Whatever the roles, a role given is never more than the giver holds.
  fc.assert(
    fc.property(fc.constantFrom(...staffRoles), fc.constantFrom(...staffRoles), (actor, role) => {
      const refusal = teamChangeRefusal({
        actorRole: actor,
        targetId: 'new',
        targetRole: null,
        newRole: role,
        team: [{ accountId: 'self', role: actor }],
      });
      if (refusal === null) {
        for (const p of permissionsOf(role)) assert.ok(can(actor, p), `${actor} gave ${role} (${p})`);
      }
    }),
  );
});

test('an organiser cannot make themself administrator, nor touch an administrator', () => {
  const base = { actorRole: 'organiser' as const, team };
  assert.equal(
    teamChangeRefusal({ ...base, targetId: 'org', targetRole: 'organiser', newRole: 'administrator' }),
    'role_above_own',
  );
  assert.equal(
    teamChangeRefusal({ ...base, targetId: 'adm', targetRole: 'administrator', newRole: 'caller' }),
    'member_above_own',
  );
  assert.equal(
    teamChangeRefusal({ ...base, targetId: 'adm', targetRole: 'administrator', newRole: null }),
    'member_above_own',
  );
  assert.equal(
    teamChangeRefusal({ ...base, targetId: 'call', targetRole: 'caller', newRole: 'evaluator' }),
    null,
  );
  assert.equal(teamChangeRefusal({ ...base, targetId: 'x', targetRole: null, newRole: 'organiser' }), null);
  assert.ok(covers('administrator', 'organiser'));
  assert.ok(!covers('organiser', 'administrator'));
});

test('the last one who manages the team cannot leave it without a manager', () => {
  const base = { actorRole: 'organiser' as const, team, targetId: 'org', targetRole: 'organiser' as const };
  assert.equal(teamChangeRefusal({ ...base, newRole: null }), 'last_team_manager');
  assert.equal(teamChangeRefusal({ ...base, newRole: 'caller' }), 'last_team_manager');
  // With a second organiser, either may step down.
  const two = [...team, { accountId: 'org2', role: 'organiser' }];
  assert.equal(teamChangeRefusal({ ...base, team: two, newRole: null }), null);
  // A team nobody manages yet (an administrator's new assembly) can be filled one by one.
  assert.equal(
    teamChangeRefusal({
      actorRole: 'administrator',
      team: [],
      targetId: 'a',
      targetRole: null,
      newRole: 'caller',
    }),
    null,
  );
});

test('a role without team rights changes nothing', () => {
  assert.equal(
    teamChangeRefusal({ actorRole: 'caller', team, targetId: 'x', targetRole: null, newRole: 'caller' }),
    'forbidden',
  );
});

test('callers see phone and e-mail but not the home address', () => {
  assert.equal(can('caller', 'people:contacts'), true);
  assert.equal(can('caller', 'people:address'), false);
  for (const role of ['administrator', 'organiser'] as const) assert.equal(can(role, 'people:address'), true);
  for (const role of ['facilitator', 'evaluator', 'member'] as const)
    assert.equal(can(role, 'people:address'), false);
});

test('organisers change every working group’s work; facilitators and callers only the groups they lead', () => {
  for (const role of ['administrator', 'organiser'] as const)
    assert.equal(can(role, 'recommendations:all_groups'), true, role);
  for (const role of ['caller', 'facilitator', 'evaluator', 'host', 'member'] as const)
    assert.equal(can(role, 'recommendations:all_groups'), false, role);
});
