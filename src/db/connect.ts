/**
 * Opens Lotta's database: the embedded SQLite file by default, PostgreSQL when a `postgres://` URL is
 * given. The rest of the code sees one kysely instance and never asks which one it is, except the
 * repositories' few dialect-aware spots (case-insensitive search).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, type MigrationProvider, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { log } from '../log.ts';
import type { Dialect } from './dialect.ts';
import { migrations } from './migrations/index.ts';
import type { Schema } from './schema.ts';

export interface Database {
  db: Kysely<Schema>;
  dialect: Dialect;
  /** Where the data is, without credentials: for the start-up message. */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** `postgres://…` for PostgreSQL; otherwise SQLite. */
  url?: string;
  /** Folder for the SQLite file (`lotta.sqlite`), created if missing. */
  dataDir?: string;
  /** A SQLite file path; overrides dataDir. */
  sqliteFile?: string;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.url && /^postgres(ql)?:\/\//.test(config.url)) return openPostgres(config.url);
  const file = config.sqliteFile ?? join(config.dataDir ?? 'data', 'lotta.sqlite');
  if (!config.sqliteFile) mkdirSync(config.dataDir ?? 'data', { recursive: true });
  const sqlite = new Sqlite(file);
  // WAL lets readers continue while a write transaction runs; foreign keys are off by default in SQLite.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A connection the server ends while it sits idle in the pool (a restart, or a connection being
  // closed at shutdown) is dropped and replaced; without a listener its error would stop the process.
  pool.on('error', (error) => log.warn({ error: error.message }, 'idle database connection lost'));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  return {
    db,
    dialect: 'postgres',
    location: `postgres://${parsed.host}${parsed.pathname}`,
    close: () => db.destroy(),
  };
}

/** The PostgreSQL advisory lock under which schema changes (Lotta's and the queue's) take turns. */
export const schemaLock = 0x4c6f7474;

/** Applies every migration not yet applied; throws with the failing migration's name. */
export async function migrate(database: Database): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      return Object.fromEntries(
        migrations.map((m) => [m.name, { up: (db: Kysely<unknown>) => m.up(db, database.dialect) }]),
      );
    },
  };
  const migrator = new Migrator({ db: database.db, provider, migrationTableName: 'lotta_migrations' });
  const { error, results } =
    database.dialect === 'postgres'
      ? await database.db.connection().execute(async (conn) => {
          // Kysely reads the catalogue while it migrates; another process installing the queue's
          // schema at that moment made it fail ("job_queues.job_count does not exist"). Schema changes
          // by Lotta and by graphile-worker take turns under one lock.
          await sql`SELECT pg_advisory_lock(${schemaLock})`.execute(conn);
          try {
            return await migrator.migrateToLatest();
          } finally {
            await sql`SELECT pg_advisory_unlock(${schemaLock})`.execute(conn);
          }
        })
      : await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
