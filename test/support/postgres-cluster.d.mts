// Types for postgres-cluster.mjs (plain JavaScript so that scripts/run-tests.mjs can load it without tsx).

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres (or LOTTA_TEST_PG_URL when that was set). */
  url: string;
  /** pg_ctl stop -m immediate, then removes the temp dir. Idempotent. */
  stop(): Promise<void>;
  /** The same, synchronously, for process 'exit' handlers. */
  stopSync(): void;
}

/** Starts a throwaway cluster, or returns LOTTA_TEST_PG_URL (with a no-op stop) when that is set. */
export function startPostgresCluster(): Promise<PostgresCluster>;
