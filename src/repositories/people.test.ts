import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openTestDatabase } from '../../test/support/web.ts';
import { loadDemo } from '../commands/demo.ts';
import type { Database } from '../db/connect.ts';
import { listCallees } from './call-outcomes.ts';
import { findNeeds } from './people.ts';
import { StoredDataError } from './stored-json.ts';

let database: Database;
let dispose: () => Promise<void>;

before(async () => {
  ({ database, dispose } = await openTestDatabase());
  await loadDemo(database);
});
after(() => dispose());

test('access needs come decoded as a list, and a stored value of another shape fails at the repository', async () => {
  const row = await database.db
    .selectFrom('person_needs')
    .innerJoin('people', 'people.id', 'person_needs.person_id')
    .select(['person_needs.person_id', 'people.assembly_id', 'people.status'])
    .where('person_needs.needs', '!=', '[]')
    .executeTakeFirstOrThrow();
  const needs = await findNeeds(database.db, row.person_id);
  assert.ok(Array.isArray(needs.needs) && needs.needs.length > 0);
  assert.ok(needs.needs.every((n) => typeof n === 'string'));
  // An object where a list belongs would reach pages as a list that is not one.
  await database.db
    .updateTable('person_needs')
    .set({ needs: '{"mobility":true}' })
    .where('person_id', '=', row.person_id)
    .execute();
  await assert.rejects(findNeeds(database.db, row.person_id), StoredDataError);
  await assert.rejects(listCallees(database.db, row.assembly_id, [row.status]), StoredDataError);
});
