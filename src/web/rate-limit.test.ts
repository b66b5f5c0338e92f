import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { Hono } from 'hono';
import type { WebEnv } from './env.ts';
import { clientAddress, RateLimiter } from './rate-limit.ts';

test('allows the limit within the window, then refuses until the oldest attempt ages out', () => {
  const limiter = new RateLimiter(3, 1000);
  assert.equal(limiter.hit('a', 0), true);
  assert.equal(limiter.hit('a', 100), true);
  assert.equal(limiter.hit('a', 200), true);
  assert.equal(limiter.hit('a', 300), false);
  assert.equal(limiter.retryAfterSeconds('a', 300), 1);
  // Other clients are counted on their own.
  assert.equal(limiter.hit('b', 300), true);
  // The first attempt leaves the window at 1000; refused attempts were not counted.
  assert.equal(limiter.hit('a', 999), false);
  assert.equal(limiter.hit('a', 1001), true);
  assert.equal(limiter.hit('a', 1002), false);
  assert.equal(limiter.retryAfterSeconds('b', 300), 0);
});

test('memory stays bounded: expired and least recently seen clients are forgotten', () => {
  const limiter = new RateLimiter(2, 1000, 10);
  for (let i = 0; i < 100; i++) limiter.hit(`client-${i}`, i);
  assert.ok(limiter.size <= 10);
  // The most recent client is still limited as before.
  assert.equal(limiter.hit('client-99', 100), true);
  assert.equal(limiter.hit('client-99', 101), false);
});

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
