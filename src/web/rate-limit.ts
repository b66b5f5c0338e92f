/**
 * A small in-memory limit on how often one client may do something (send the public registration
 * form, try invite codes). In memory, so it resets when Lotta restarts and is per process; enough to
 * make guessing invite codes hopeless without a third-party service or extra storage.
 */
import type { Ctx, WebConfig } from './env.ts';

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  /**
   * @param limit attempts allowed per key within the window
   * @param windowMillis length of the sliding window
   * @param maxKeys clients tracked at most; beyond it, the oldest are forgotten so memory stays bounded
   */
  constructor(
    readonly limit: number,
    readonly windowMillis: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Records an attempt by `key`; false when it goes over the limit (and is not counted). */
  hit(key: string, at = Date.now()): boolean {
    const since = at - this.windowMillis;
    const recent = (this.hits.get(key) ?? []).filter((time) => time > since);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(at);
    // Re-inserting moves the key to the end, so the map's order is least recently seen first.
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.sweep(at);
    return true;
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  retryAfterSeconds(key: string, at = Date.now()): number {
    const recent = (this.hits.get(key) ?? []).filter((time) => time > at - this.windowMillis);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[0] + this.windowMillis - at) / 1000));
  }

  /** Number of keys currently tracked (for tests). */
  get size(): number {
    return this.hits.size;
  }

  private sweep(at: number): void {
    const since = at - this.windowMillis;
    for (const [key, times] of this.hits) {
      if (times.every((time) => time <= since)) this.hits.delete(key);
    }
    // Still too many clients within one window: forget the least recently seen.
    for (const key of this.hits.keys()) {
      if (this.hits.size <= this.maxKeys) break;
      this.hits.delete(key);
    }
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

const appLimiters = new WeakMap<WebConfig, Map<string, RateLimiter>>();

/**
 * The limiter called `name` of this running app, made on first use. Per app, so that the routes
 * sharing a limit (a password tried at login or on the password-change form) count together, and
 * separate apps (tests) do not.
 */
export function appLimiter(c: Ctx, name: string, limit: number, windowMillis: number): RateLimiter {
  let named = appLimiters.get(c.var.config);
  if (!named) {
    named = new Map();
    appLimiters.set(c.var.config, named);
  }
  let limiter = named.get(name);
  if (!limiter) {
    limiter = new RateLimiter(limit, windowMillis);
    named.set(name, limiter);
  }
  return limiter;
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
 * session) gets to type a code, so counting per account stops guessing spread over many addresses
 * without letting strangers lock anyone out.
 */
export function totpLimiter(c: Ctx): RateLimiter {
  return appLimiter(c, 'totp', 10, 15 * 60_000);
}
