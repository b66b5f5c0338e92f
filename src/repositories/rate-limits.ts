/**
 * Rate-limit hits in the database, so that every web process on one database counts the same
 * attempts. Keys arrive already hashed (see `src/web/rate-limit.ts`).
 */
import { sql } from 'kysely';
import type { Dialect } from '../db/dialect.ts';
import type { Executor } from './executor.ts';

export interface HitRule {
  bucket: string;
  keyHash: string;
  limit: number;
  windowMillis: number;
  /** Clients tracked at most per bucket; beyond it the least recently seen are forgotten. */
  maxKeys: number;
}

/**
 * Records a hit at `at` unless the key already has `limit` hits within the window; true when
 * recorded. Atomic across processes: on PostgreSQL a transaction-scoped advisory lock on the key
 * serialises concurrent attempts (plain READ COMMITTED would let two both see the last free slot);
 * on SQLite the conditional INSERT is one write statement, which holds the database's write lock.
 */
export async function recordHit(db: Executor, dialect: Dialect, rule: HitRule, at: number): Promise<boolean> {
  const since = at - rule.windowMillis;
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`${rule.bucket}|${rule.keyHash}`}, 0))`.execute(
        trx,
      );
    }
    const inserted = await sql`
      insert into rate_limit_hits (bucket, key_hash, at)
      select ${rule.bucket}, ${rule.keyHash}, ${at}
      where (
        select count(*) from rate_limit_hits
        where bucket = ${rule.bucket} and key_hash = ${rule.keyHash} and at > ${since}
      ) < ${rule.limit}`.execute(trx);
    // Growth stays bounded: hits that left the window are of no use to anyone.
    await trx
      .deleteFrom('rate_limit_hits')
      .where('bucket', '=', rule.bucket)
      .where('at', '<=', since)
      .execute();
    await forgetLeastRecent(trx, rule);
    return Number(inserted.numAffectedRows ?? 0n) > 0;
  });
}

/**
 * A flood from very many addresses within one window: keep the most recently seen `maxKeys` keys.
 * The count of rows bounds the count of keys, so the costlier grouping runs only when needed.
 */
async function forgetLeastRecent(trx: Executor, rule: HitRule): Promise<void> {
  const rows = await trx
    .selectFrom('rate_limit_hits')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('bucket', '=', rule.bucket)
    .executeTakeFirstOrThrow();
  if (Number(rows.n) <= rule.maxKeys) return;
  const keep = trx
    .selectFrom('rate_limit_hits')
    .select('key_hash')
    .where('bucket', '=', rule.bucket)
    .groupBy('key_hash')
    .orderBy((eb) => eb.fn.max('at'), 'desc')
    .limit(rule.maxKeys);
  await trx
    .deleteFrom('rate_limit_hits')
    .where('bucket', '=', rule.bucket)
    .where('key_hash', 'not in', keep)
    .execute();
}

/** The key's hits within the window: how many, and when the oldest was. */
export async function recentHits(
  db: Executor,
  bucket: string,
  keyHash: string,
  since: number,
): Promise<{ count: number; oldest: number | null }> {
  const row = await db
    .selectFrom('rate_limit_hits')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('at').as('oldest')])
    .where('bucket', '=', bucket)
    .where('key_hash', '=', keyHash)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: row.oldest === null ? null : Number(row.oldest) };
}

/** Distinct keys tracked in a bucket (for tests). */
export async function trackedKeys(db: Executor, bucket: string): Promise<number> {
  const row = await db
    .selectFrom('rate_limit_hits')
    .select(sql<string | number>`count(distinct key_hash)`.as('n'))
    .where('bucket', '=', bucket)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Deletes every bucket's hits from before `before` (milliseconds since the epoch); returns how many.
 * Each hit also prunes its own bucket, but a bucket nobody hits any more is only emptied here.
 */
export async function deleteHitsBefore(db: Executor, before: number): Promise<number> {
  const r = await db.deleteFrom('rate_limit_hits').where('at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
