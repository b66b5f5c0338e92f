/**
 * A limit on how often one client may do something (send the public registration form, try invite
 * codes, guess a password). The hits are counted in the database, so every web process on one
 * database shares the count (a per-process count would let a client multiply the limit by the
 * number of processes) and a restart forgets nothing. Keys (addresses, e-mails) are personal data:
 * only an HMAC with the installation's secret is stored.
 */
import { createHmac } from 'node:crypto';
import type { Database } from '../db/connect.ts';
import { recentHits, recordHit, trackedKeys } from '../repositories/rate-limits.ts';
import type { Ctx } from './env.ts';

export class RateLimiter {
  /**
   * @param database where the hits are counted
   * @param secret keys the HMAC of the clients' keys
   * @param name the limit's bucket: limiters with the same name share their counts
   * @param limit attempts allowed per key within the window
   * @param windowMillis length of the sliding window
   * @param maxKeys clients tracked at most; beyond it, the least recently seen are forgotten so storage stays bounded
   */
  constructor(
    private readonly database: Database,
    private readonly secret: string,
    readonly name: string,
    readonly limit: number,
    readonly windowMillis: number,
    private readonly maxKeys = 50_000,
  ) {}

  private hash(key: string): string {
    return createHmac('sha256', this.secret).update(`${this.name}\0${key}`).digest('base64url');
  }

  /** Records an attempt by `key`; false when it goes over the limit (and is not counted). */
  hit(key: string, at = Date.now()): Promise<boolean> {
    const rule = {
      bucket: this.name,
      keyHash: this.hash(key),
      limit: this.limit,
      windowMillis: this.windowMillis,
      maxKeys: this.maxKeys,
    };
    return recordHit(this.database.db, this.database.dialect, rule, at);
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  async retryAfterSeconds(key: string, at = Date.now()): Promise<number> {
    const recent = await recentHits(this.database.db, this.name, this.hash(key), at - this.windowMillis);
    if (recent.count < this.limit || recent.oldest === null) return 0;
    return Math.max(1, Math.ceil((recent.oldest + this.windowMillis - at) / 1000));
  }

  /** Number of keys currently tracked (for tests). */
  size(): Promise<number> {
    return trackedKeys(this.database.db, this.name);
  }
}

/**
 * The client's address: the first X-Forwarded-For entry when Lotta runs behind a proxy that sets it
 * (LOTTA_TRUST_PROXY=1; otherwise anyone could pick their own), else the connection's address.
 */
export function clientAddress(c: Ctx): string {
  if (process.env.LOTTA_TRUST_PROXY === '1') {
    const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress || 'unknown';
}

/**
 * The limiter called `name` of this running app. The name is the bucket in the database, so the
 * routes sharing a limit (a password tried at login or on the password-change form) and the web
 * processes sharing a database count together.
 */
export function appLimiter(c: Ctx, name: string, limit: number, windowMillis: number): RateLimiter {
  const config = c.var.config;
  return new RateLimiter(config.database, config.secret, name, limit, windowMillis);
}

/**
 * Wrong staff passwords per address and e-mail, at login or when changing the password: ten in a
 * quarter of an hour, then a pause.
 */
export function passwordLimiter(c: Ctx): { limiter: RateLimiter; key: (email: string) => string } {
  return {
    limiter: appLimiter(c, 'password', 10, 15 * 60_000),
    key: (email) => `${clientAddress(c)}|${email.trim().toLowerCase()}`,
  };
}

/**
 * Wrong two-step codes per account, from whatever address, at login or when turning two-step login
 * off: ten in a quarter of an hour, then a pause. Only someone who knows the password (or holds a
 * login) gets to type a code, so counting per account stops guessing spread over many addresses
 * without letting strangers lock anyone out.
 */
export function totpLimiter(c: Ctx): RateLimiter {
  return appLimiter(c, 'totp', 10, 15 * 60_000);
}
