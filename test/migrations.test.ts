/**
 * Upgrades: a database made by the earlier migrations moves to the current schema with its rows, on
 * SQLite and PostgreSQL. Here the rename of login sessions to `logins` (0014), with a live login
 * that must still work afterwards: nobody is logged out by the upgrade.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type Kysely, type MigrationProvider, Migrator, sql } from 'kysely';
import { resumeLogin, tokenHash } from '../src/commands/logins.ts';
import { type Database, migrate, openDatabase } from '../src/db/connect.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { freshPostgresDatabase } from './support/postgres.ts';

/** Applies the migrations before `name` only, as an installation of the earlier release would have. */
async function migrateUpTo(database: Database, name: string): Promise<void> {
  const earlier = migrations.slice(
    0,
    migrations.findIndex((m) => m.name === name),
  );
  const provider: MigrationProvider = {
    async getMigrations() {
      return Object.fromEntries(
        earlier.map((m) => [m.name, { up: (db: Kysely<unknown>) => m.up(db, database.dialect) }]),
      );
    },
  };
  const migrator = new Migrator({ db: database.db, provider, migrationTableName: 'lotta_migrations' });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

async function open(kind: 'sqlite' | 'postgres'): Promise<{ database: Database; dispose(): Promise<void> }> {
  if (kind === 'postgres') {
    const pg = await freshPostgresDatabase('lotta');
    const database = await openDatabase({ url: pg.url });
    return {
      database,
      dispose: async () => {
        await database.close();
        await pg.drop();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'lotta-migration-'));
  const database = await openDatabase({ dataDir });
  return {
    database,
    dispose: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`migrations on ${kind}`, () => {
    test('login sessions move to `logins` with their rows; a login from before the upgrade still works', async () => {
      const { database, dispose } = await open(kind);
      try {
        await migrateUpTo(database, '0014-logins');
        // biome-ignore lint/suspicious/noExplicitAny: the table of the earlier schema is not in today's types
        const old = database.db as unknown as Kysely<any>;
        const at = new Date().toISOString();
        await old
          .insertInto('accounts')
          .values({
            id: 'account-before-upgrade',
            email: 'before@upgrade.test',
            display_name: 'Before Upgrade',
            password_hash: 'not used here',
            is_admin: 0,
            created_at: at,
          })
          .execute();
        await old
          .insertInto('sessions')
          .values({
            id: tokenHash('token-from-before'),
            account_id: 'account-before-upgrade',
            person_id: null,
            pending_totp: 0,
            created_at: at,
            expires_at: new Date(Date.now() + 3_600_000).toISOString(),
            last_seen_at: at,
          })
          .execute();

        assert.deepEqual(
          await migrate(database),
          migrations.slice(migrations.findIndex((m) => m.name === '0014-logins')).map((m) => m.name),
        );

        const login = await resumeLogin(database, 'token-from-before');
        assert.equal(login?.account?.email, 'before@upgrade.test');
        const tables = (await database.db.introspection.getTables()).map((t) => t.name);
        assert.ok(tables.includes('logins'));
        assert.ok(!tables.includes('sessions'), 'the old table is gone');
        // No index or constraint keeps the old name.
        const names =
          kind === 'postgres'
            ? (
                await sql<{ name: string }>`
                  select conname as name from pg_constraint where conrelid = 'logins'::regclass
                  union all select indexname from pg_indexes where tablename = 'logins'`.execute(database.db)
              ).rows
            : (
                await sql<{ name: string }>`
                  select name from sqlite_master where type = 'index' and tbl_name = 'logins'`.execute(
                  database.db,
                )
              ).rows;
        assert.ok(names.length > 0);
        assert.deepEqual(
          names.filter((n) => n.name.includes('session')),
          [],
        );
      } finally {
        await dispose();
      }
    });
  });
}
