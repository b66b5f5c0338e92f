import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findFeasiblePanel, type SyntheticPool, syntheticPool } from '../bench/generate.ts';
import { createRandom } from '../src/sortition/random.ts';

function countsOf(pool: SyntheticPool, members: readonly string[]): Map<string, number> {
  const chosen = new Set(members);
  const counts = new Map<string, number>();
  for (const person of pool.people) {
    if (!chosen.has(person.id)) continue;
    for (const [feature, value] of Object.entries(person.features)) {
      const key = `${feature}=${value}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function assertMeetsQuotas(pool: SyntheticPool, members: readonly string[]): void {
  assert.equal(members.length, pool.panelSize);
  const counts = countsOf(pool, members);
  for (const quota of pool.quotas) {
    const count = counts.get(`${quota.feature}=${quota.value}`) ?? 0;
    assert.ok(count >= quota.min && count <= quota.max, `${quota.feature}=${quota.value}: ${count}`);
  }
}

function shareOf(pool: SyntheticPool, feature: string, value: string): number {
  return pool.people.filter((person) => person.features[feature] === value).length / pool.people.length;
}

test('paperLargest is shaped like the paper’s sf_e: 1727 people, 110 seats, 7 features', () => {
  const pool = syntheticPool({ shape: 'paperLargest', seed: 'shape' });
  assert.equal(pool.people.length, 1727);
  assert.equal(pool.panelSize, 110);
  const features = new Set(pool.quotas.map((quota) => quota.feature));
  assert.equal(features.size, 7);
  assert.equal(new Set(pool.people.map((person) => person.id)).size, 1727);
  for (const person of pool.people) assert.deepEqual(new Set(Object.keys(person.features)), features);
  // Per feature, the quotas leave room for exactly k seats.
  for (const feature of features) {
    const quotas = pool.quotas.filter((quota) => quota.feature === feature);
    assert.ok(quotas.reduce((sum, quota) => sum + quota.min, 0) <= 110, feature);
    assert.ok(quotas.reduce((sum, quota) => sum + quota.max, 0) >= 110, feature);
  }
  // A self-selected pool: older and more educated than the quotas ask for.
  assert.ok(shareOf(pool, 'age', '65+') > 0.22);
  assert.ok(shareOf(pool, 'education', 'degree') > 0.26);
});

test('sfBenchmark has 750 people, 112 seats and 4 to 6 features', () => {
  const pool = syntheticPool({ shape: 'sfBenchmark', seed: 'shape' });
  assert.equal(pool.people.length, 750);
  assert.equal(pool.panelSize, 112);
  const features = new Set(pool.quotas.map((quota) => quota.feature)).size;
  assert.ok(features >= 4 && features <= 6);
});

test('the same seed gives the identical pool, another seed a different one', () => {
  const a = syntheticPool({ shape: 'sfBenchmark', seed: 'same', householdShare: 0.1 });
  const b = syntheticPool({ shape: 'sfBenchmark', seed: 'same', householdShare: 0.1 });
  const c = syntheticPool({ shape: 'sfBenchmark', seed: 'different', householdShare: 0.1 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.people, c.people);
  assert.deepEqual(syntheticPool({ shape: 'paperLargest' }), syntheticPool({ shape: 'paperLargest' }));
});

test('households pair people up when asked', () => {
  const pool = syntheticPool({ shape: 'sfBenchmark', seed: 'homes', householdShare: 0.2 });
  const sizes = new Map<string, number>();
  for (const person of pool.people) {
    if (person.household) sizes.set(person.household, (sizes.get(person.household) ?? 0) + 1);
  }
  assert.equal(sizes.size, 75);
  assert.ok([...sizes.values()].every((size) => size === 2));
});

test('a greedy draw finds a panel meeting every quota in both shapes', () => {
  for (const shape of ['paperLargest', 'sfBenchmark'] as const) {
    const pool = syntheticPool({ shape, seed: 'feasible' });
    const panel = findFeasiblePanel(pool, createRandom('check'));
    assert.ok(panel, shape);
    assertMeetsQuotas(pool, panel);
  }
});
