/**
 * The last time step whose two-step login code an account used: a code seen once (to log in or to
 * turn two-step login on) is refused after, so a code read over someone's shoulder or from a proxy
 * log cannot open a second session.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('totp_last_step', 'integer').execute();
}
