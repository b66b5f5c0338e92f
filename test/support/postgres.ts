/**
 * Fresh, uniquely named PostgreSQL databases for tests, on the cluster at LOTTA_TEST_PG_URL (started
 * by scripts/run-tests.mjs). When a test file is run on its own and that is unset, this process
 * starts its own throwaway cluster on first use and stops it when the process exits.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.mjs';

export interface FreshDatabase {
  /** Connection URL of the new database. */
  url: string;
  /** Terminates its connections and drops it. Safe to call more than once. */
  drop(): Promise<void>;
}

let ownCluster: Promise<PostgresCluster> | null = null;
let counter = 0;

async function clusterUrl(): Promise<string> {
  const url = process.env.LOTTA_TEST_PG_URL;
  if (url) return url;
  if (process.env.LOTTA_SKIP_POSTGRES === '1') {
    throw new Error(
      'PostgreSQL was skipped by LOTTA_SKIP_POSTGRES=1 (and LOTTA_TEST_PG_URL is not set), ' +
        'so this test cannot run. Unset LOTTA_SKIP_POSTGRES to start a throwaway cluster.',
    );
  }
  ownCluster ??= startOwnCluster();
  return (await ownCluster).url;
}

async function startOwnCluster(): Promise<PostgresCluster> {
  const cluster = await startPostgresCluster();
  // Synchronous: 'exit' handlers cannot wait. On a signal, stop and then die of that signal as usual.
  process.once('exit', () => cluster.stopSync());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cluster.stopSync();
      process.kill(process.pid, signal);
    });
  }
  return cluster;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Creates a new empty database named `${prefix}_${pid}_${counter}_${random}` (a safe identifier). */
export async function freshPostgresDatabase(prefix: string): Promise<FreshDatabase> {
  const adminUrl = await clusterUrl();
  let safePrefix = prefix.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
  if (!/^[a-z_]/.test(safePrefix)) safePrefix = `t_${safePrefix}`;
  const suffix = `_${process.pid}_${++counter}_${randomBytes(4).toString('hex')}`;
  // PostgreSQL truncates identifiers to 63 bytes; keep the unique suffix intact.
  const name = safePrefix.slice(0, 63 - suffix.length) + suffix;

  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));

  let dropped: Promise<void> | null = null;
  return {
    url: withDatabase(adminUrl, name),
    drop() {
      dropped ??= withClient(adminUrl, async (client) => {
        await client.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        );
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      });
      return dropped;
    },
  };
}
