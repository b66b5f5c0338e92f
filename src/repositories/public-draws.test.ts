import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drandChain, type RandomnessPlan, serialisePlan } from '../domain/public-draw.ts';
import { decodePlan } from './public-draws.ts';

test('a randomness plan is stored and read back unchanged, and an unknown one is refused', () => {
  const plans: RandomnessPlan[] = [
    { source: 'drand', round: 4_512_300 },
    { source: 'dice', rolls: 20, sides: 6 },
  ];
  for (const plan of plans) assert.deepEqual(decodePlan(serialisePlan(plan)), plan);
  assert.match(serialisePlan(plans[0]), new RegExp(drandChain.hash));
  assert.throws(() => decodePlan('{"source":"coin"}'));
  assert.throws(() => decodePlan('{"source":"dice","rolls":20,"sides":8}'));
});
