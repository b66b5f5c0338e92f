/**
 * Two web processes on one PostgreSQL database and one shared data folder (LOTTA_DATA_DIR): the
 * import's steps work when each step reaches another process, as behind a load balancer without
 * sticky sessions. The staged file lives in `<dataDir>/uploads`, which every process reads.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { bootstrapAdministrator } from '../../src/commands/accounts.ts';
import { type Database, migrate, openDatabase } from '../../src/db/connect.ts';
import { findAccountByEmail } from '../../src/repositories/accounts.ts';
import { ensureServerSecret } from '../../src/repositories/settings.ts';
import { createApp } from '../../src/web/app.ts';
import { type FreshDatabase, freshPostgresDatabase } from '../support/postgres.ts';
import { adminEmail, adminPassword, createTestAssembly, type TestApp, TestClient } from '../support/web.ts';

let pg: FreshDatabase;
let dataDir: string;
const databases: Database[] = [];
const apps: TestApp['app'][] = [];
let assemblyId: string;

before(async () => {
  pg = await freshPostgresDatabase('lotta_staging');
  dataDir = mkdtempSync(join(tmpdir(), 'lotta-staging-'));
  // Each "process" has its own connection pool and its own app; they share the database and folder.
  for (let i = 0; i < 2; i++) {
    const database = await openDatabase({ url: pg.url });
    if (i === 0) {
      await migrate(database);
      await bootstrapAdministrator(database, { email: adminEmail, password: adminPassword });
    }
    databases.push(database);
    apps.push(
      createApp({
        database,
        secret: await ensureServerSecret(database.db),
        dataDir,
        maxUploadBytes: 10_000_000,
        maxRegisterBytes: 1_000_000_000,
        secureCookies: false,
        minimumFormMillis: 0,
      }),
    );
  }
  const admin = (await findAccountByEmail(databases[0].db, adminEmail))!;
  assemblyId = await createTestAssembly({
    database: databases[0],
    adminActor: { kind: 'staff', accountId: admin.id, isAdmin: true },
  });
});

after(async () => {
  for (const database of databases) await database.close();
  await pg?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** One browser whose every post (and the page before it) goes to the other process than the last. */
function alternating(): { client: TestClient; served: number[] } {
  let next = 0;
  const served: number[] = [];
  const app = {
    request: (path: string, init: RequestInit = {}) => {
      const which = next % apps.length;
      if (init.method === 'POST') {
        next++;
        served.push(which);
      }
      return apps[which].request(path, init);
    },
  };
  return { client: new TestClient(app as unknown as TestApp['app']), served };
}

test("the import's upload, preview and commit each reach another process and still work", async () => {
  const { client, served } = alternating();
  assert.equal((await client.logIn(adminEmail)).status, 303);
  const base = `/a/${assemblyId}/import`;
  await client.get(base);
  const csv = 'Namn;E-post;Kön\nÅsa Öberg;asa@example.se;Kvinna\nÖrjan Ström;;Man\n';
  const uploaded = await client.upload(
    base,
    {},
    { file: { name: 'svar.csv', bytes: new TextEncoder().encode(csv) } },
  );
  assert.equal(uploaded.status, 200);
  const upload = /name="upload" value="([^"]+)"/.exec(uploaded.text)![1];
  const mapping = { contact_full_name: 'Namn', contact_email: 'E-post', answer_gender: 'Kön' };
  const preview = await client.post(`${base}/preview`, { upload, ...mapping });
  assert.equal(preview.status, 200, preview.text.slice(0, 2000));
  assert.match(preview.text, /2 rows in the file: 2 new/);
  const done = await client.post(`${base}/commit`, { upload, ...mapping });
  assert.equal(done.status, 303);
  assert.equal(done.location, `${base}?added=2&unchanged=0`);
  // Login on one, upload on the other, preview on the first, commit on the other.
  assert.deepEqual(served, [0, 1, 0, 1]);
});
