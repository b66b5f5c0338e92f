import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { openTestDatabase } from '../../test/support/web.ts';
import type { WebEnv } from './env.ts';
import { clientAddress, RateLimiter } from './rate-limit.ts';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`rate limits counted in the database (${kind})`, () => {
    let store: Awaited<ReturnType<typeof openTestDatabase>>;
    before(async () => {
      store = await openTestDatabase(kind);
    });
    after(() => store.dispose());
    let buckets = 0;
    const limiter = (limit: number, windowMillis: number, maxKeys?: number) =>
      new RateLimiter(store.database, 'test secret', `test-${++buckets}`, limit, windowMillis, maxKeys);

    test('allows the limit within the window, then refuses until the oldest attempt ages out', async () => {
      const limiter3 = limiter(3, 1000);
      assert.equal(await limiter3.hit('a', 0), true);
      assert.equal(await limiter3.hit('a', 100), true);
      assert.equal(await limiter3.hit('a', 200), true);
      assert.equal(await limiter3.hit('a', 300), false);
      assert.equal(await limiter3.retryAfterSeconds('a', 300), 1);
      // Other clients are counted on their own.
      assert.equal(await limiter3.hit('b', 300), true);
      // The first attempt leaves the window at 1000; refused attempts were not counted.
      assert.equal(await limiter3.hit('a', 999), false);
      assert.equal(await limiter3.hit('a', 1001), true);
      assert.equal(await limiter3.hit('a', 1002), false);
      assert.equal(await limiter3.retryAfterSeconds('b', 300), 0);
    });

    test('memory stays bounded: expired and least recently seen clients are forgotten', async () => {
      const limiter2 = limiter(2, 1000, 10);
      for (let i = 0; i < 100; i++) await limiter2.hit(`client-${i}`, i);
      assert.ok((await limiter2.size()) <= 10);
      // The most recent client is still limited as before.
      assert.equal(await limiter2.hit('client-99', 100), true);
      assert.equal(await limiter2.hit('client-99', 101), false);
    });

    test('expired hits are pruned, and keys are stored only as HMACs', async () => {
      const limiter1 = limiter(1, 1000);
      await limiter1.hit('198.51.100.7|someone@example.org', 0);
      await limiter1.hit('203.0.113.1', 5000);
      const rows = await store.database.db
        .selectFrom('rate_limit_hits')
        .selectAll()
        .where('bucket', '=', limiter1.name)
        .execute();
      assert.equal(rows.length, 1, 'the hit that left the window is gone');
      for (const row of await store.database.db.selectFrom('rate_limit_hits').selectAll().execute()) {
        assert.doesNotMatch(row.key_hash, /example|198\.51|203\.0|client-/);
      }
    });

    test('concurrent attempts cannot both take the last slot', async () => {
      // Two limiters on one bucket, as two web processes would have.
      const name = `test-${++buckets}`;
      const first = new RateLimiter(store.database, 'test secret', name, 5, 60_000);
      const second = new RateLimiter(store.database, 'test secret', name, 5, 60_000);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).hit('same client', 1000 + i)),
      );
      assert.equal(results.filter(Boolean).length, 5);
    });
  });
}

const saved = process.env.LOTTA_TRUST_PROXY;
afterEach(() => {
  if (saved === undefined) delete process.env.LOTTA_TRUST_PROXY;
  else process.env.LOTTA_TRUST_PROXY = saved;
});

function addressOf(headers: Record<string, string>, env?: unknown): Promise<string> {
  const app = new Hono<WebEnv>();
  app.get('/', (c) => c.text(clientAddress(c)));
  return Promise.resolve(app.request('/', { headers }, env as never)).then((r) => r.text());
}

test('X-Forwarded-For is believed only behind a trusted proxy', async () => {
  delete process.env.LOTTA_TRUST_PROXY;
  assert.equal(await addressOf({ 'x-forwarded-for': '203.0.113.9' }), 'unknown');
  assert.equal(
    await addressOf(
      { 'x-forwarded-for': '203.0.113.9' },
      { incoming: { socket: { remoteAddress: '10.0.0.2' } } },
    ),
    '10.0.0.2',
  );
  process.env.LOTTA_TRUST_PROXY = '1';
  assert.equal(await addressOf({ 'x-forwarded-for': ' 203.0.113.9 , 10.0.0.1' }), '203.0.113.9');
  assert.equal(await addressOf({}, { incoming: { socket: { remoteAddress: '10.0.0.2' } } }), '10.0.0.2');
});
