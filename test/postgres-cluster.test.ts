/**
 * The throwaway PostgreSQL cluster the test suite runs against (test/support/postgres-cluster.mjs,
 * started by scripts/run-tests.mjs) and the fresh databases tests get from it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { freshPostgresDatabase } from './support/postgres.ts';

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

test('a fresh database is PostgreSQL 15 and round-trips Swedish text', async () => {
  const db = await freshPostgresDatabase('cluster_test');
  try {
    const client = await connect(db.url);
    try {
      const { rows } = await client.query<{ version: string }>('select version()');
      assert.match(rows[0]!.version, /PostgreSQL 15/);

      await client.query('create table person (id int primary key, name text not null)');
      await client.query('insert into person (id, name) values ($1, $2)', [1, 'Åsa Öberg']);
      const selected = await client.query<{ name: string; length: number }>(
        'select name, length(name) as length from person where id = $1',
        [1],
      );
      assert.equal(selected.rows[0]!.name, 'Åsa Öberg');
      assert.equal(selected.rows[0]!.length, 9);
      // Also when the literal goes through the server's own parser rather than as a parameter.
      const literal = await client.query<{ n: string }>(
        "select count(*)::text as n from person where name = 'Åsa Öberg'",
      );
      assert.equal(literal.rows[0]!.n, '1');
    } finally {
      await client.end();
    }
  } finally {
    await db.drop();
  }
});

test('fresh databases are distinct and drop() removes them', async () => {
  const a = await freshPostgresDatabase('Cluster-Test');
  const b = await freshPostgresDatabase('Cluster-Test');
  const nameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
  const nameA = nameOf(a.url);
  const nameB = nameOf(b.url);
  assert.notEqual(nameA, nameB);
  assert.match(nameA, /^cluster_test_\d+_\d+_[0-9a-f]+$/);

  // A table in one is not visible in the other.
  const clientA = await connect(a.url);
  await clientA.query('create table only_in_a (x int)');
  const clientB = await connect(b.url);
  const { rows } = await clientB.query<{ t: string | null }>("select to_regclass('only_in_a')::text as t");
  assert.equal(rows[0]!.t, null);
  await clientB.end();

  const admin = await connect(process.env.LOTTA_TEST_PG_URL ?? a.url.replace(nameA, 'postgres'));
  try {
    const exists = async (name: string) =>
      (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    assert.equal(await exists(nameA), true);
    assert.equal(await exists(nameB), true);

    // clientA is still connected: drop() must terminate it rather than fail.
    clientA.on('error', () => {});
    await a.drop();
    await a.drop();
    assert.equal(await exists(nameA), false);
    assert.equal(await exists(nameB), true);
    await b.drop();
    assert.equal(await exists(nameB), false);
  } finally {
    await admin.end();
    await clientA.end().catch(() => {});
  }
});
