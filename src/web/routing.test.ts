import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allRoutes } from './app.ts';
import { assemblyTabs, needs, type Route, staffAccess, tabKeys } from './routing.ts';

const page = () => new Response('');

test("every tab is declared once, on its own route, and takes that route's permission", () => {
  const tabs = assemblyTabs(allRoutes);
  assert.deepEqual(
    tabs.map((t) => t.key),
    tabKeys.filter((k) => tabs.some((t) => t.key === k)),
    'tabs in the declared order',
  );
  assert.deepEqual(
    [...tabKeys].sort(),
    tabs.map((t) => t.key).sort(),
    'every tab key is declared by a route',
  );
  for (const tab of tabs) {
    const route = allRoutes.find((r) => r.method === 'GET' && r.path === `/a/:assemblyId${tab.path}`);
    assert.ok(route?.access.kind === 'assembly', tab.key);
    assert.equal(tab.permission, route.access.permission, tab.key);
  }
});

test('a tab on a route that is not an assembly page, or declared twice, is refused', () => {
  const onStaffPage: Route = {
    method: 'GET',
    path: '/a/:assemblyId/x',
    access: staffAccess,
    handler: page,
    tab: { key: 'people', phase: 'recruitment' },
  };
  assert.throws(() => assemblyTabs([onStaffPage]), /must be on a GET route of an assembly/);
  const twice: Route = { ...onStaffPage, access: needs('people:list') };
  assert.throws(() => assemblyTabs([twice, { ...twice, path: '/a/:assemblyId/y' }]), /declared twice/);
  assert.throws(() => assemblyTabs([{ ...twice, method: 'POST' }]), /must be on a GET route of an assembly/);
});
