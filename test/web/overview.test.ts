/**
 * The overview offers the phase switch and the edit link to exactly the roles whose permissions
 * open the pages they lead to, as `can()` says: never by a list of role names of its own.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { can, staffRoles } from '../../src/domain/roles.ts';
import { createStaff, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
});
after(() => t.close());

test('each staff role sees the phase switch and the edit link exactly when it may edit the assembly', async () => {
  for (const role of staffRoles) {
    const email = `${role}@overview.test`;
    await createStaff(t, email);
    await grantRole(t.database, t.adminActor, assemblyId, email, role);
    const client = new TestClient(t.app);
    await client.logIn(email);
    const page = await client.get(`/a/${assemblyId}`);
    // A host at the door opens the check-in pages only, not the overview.
    assert.equal(page.status, can(role, 'assembly:view') ? 200 : 403, role);
    const mayEdit = can(role, 'assembly:edit');
    assert.equal(page.text.includes(`action="/a/${assemblyId}/phase"`), mayEdit, `${role}: phase switch`);
    assert.equal(page.text.includes(`href="/a/${assemblyId}/edit"`), mayEdit, `${role}: edit link`);
    assert.equal(
      (await client.get(`/a/${assemblyId}/edit`)).status,
      mayEdit ? 200 : 403,
      `${role}: edit page`,
    );
  }
});
