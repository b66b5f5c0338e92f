import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  makeReservesTranscript,
  reserveCandidates,
  reserveOrder,
  reservesCommitmentOf,
  verifyReservesTranscript,
} from './reserves.ts';

const panelCommitment = 'a'.repeat(64);
const pool = ['P-00007', 'P-00002', 'P-00005', 'P-00001', 'P-00004', 'P-00003', 'P-00006'];
const panel = ['P-00005', 'P-00002'];

describe('reserve candidates', () => {
  test('are the pool without the panel, both sorted, whatever order they came in', () => {
    const content = reserveCandidates(pool, panel, panelCommitment);
    assert.deepEqual(content.panel, ['P-00002', 'P-00005']);
    assert.deepEqual(content.candidates, ['P-00001', 'P-00003', 'P-00004', 'P-00006', 'P-00007']);
    const shuffled = reserveCandidates([...pool].reverse(), [...panel].reverse(), panelCommitment);
    assert.equal(reservesCommitmentOf(shuffled), reservesCommitmentOf(content));
  });

  test('refuse a panel member who is not in the pool', () => {
    assert.throws(() => reserveCandidates(pool, ['P-09999'], panelCommitment), /not in the pool/);
  });

  test('the commitment changes with the candidates, the panel and the panel draw', () => {
    const base = reservesCommitmentOf(reserveCandidates(pool, panel, panelCommitment));
    assert.match(base, /^[0-9a-f]{64}$/);
    assert.notEqual(reservesCommitmentOf(reserveCandidates(pool.slice(1), panel, panelCommitment)), base);
    assert.notEqual(reservesCommitmentOf(reserveCandidates(pool, ['P-00005'], panelCommitment)), base);
    assert.notEqual(reservesCommitmentOf(reserveCandidates(pool, panel, 'b'.repeat(64))), base);
  });
});

describe('reserve order', () => {
  const content = reserveCandidates(pool, panel, panelCommitment);
  const commitment = reservesCommitmentOf(content);

  test('ranks by SHA-256 of commitment, seed and id, as the documentation tells people to redo it', () => {
    const seed = 'dice 10d6: 1234561234';
    const byHand = [...content.candidates].sort((a, b) => {
      const ra = createHash('sha256').update(`${commitment}\n${seed}\n${a}`).digest('hex');
      const rb = createHash('sha256').update(`${commitment}\n${seed}\n${b}`).digest('hex');
      return ra < rb ? -1 : 1;
    });
    assert.deepEqual(reserveOrder(commitment, seed, content.candidates), byHand);
  });

  test('is a permutation, the same for the same seed (after normalising) and different for another', () => {
    const a = reserveOrder(commitment, 'seed one', content.candidates);
    assert.deepEqual([...a].sort(), content.candidates);
    assert.deepEqual(reserveOrder(commitment, '  seed one ', content.candidates), a);
    const orders = new Set(
      Array.from({ length: 20 }, (_, i) => reserveOrder(commitment, `seed ${i}`, content.candidates).join()),
    );
    assert.ok(orders.size > 10, `only ${orders.size} different orders from 20 seeds`);
  });

  test('refuses a commitment that is not lower-case hex and an empty seed', () => {
    assert.throws(() => reserveOrder(commitment.toUpperCase(), 'x', content.candidates), /commitment/);
    assert.throws(() => reserveOrder(commitment, '   ', content.candidates), /seed is empty/);
  });
});

describe('reserve transcript', () => {
  const content = reserveCandidates(pool, panel, panelCommitment);
  const transcript = makeReservesTranscript(content, `drand round 5: ${'c'.repeat(64)}`);

  test('verifies, also against the published commitment and seed', () => {
    assert.deepEqual(verifyReservesTranscript(transcript), { ok: true, problems: [] });
    const again = verifyReservesTranscript(
      transcript,
      transcript.commitment.toUpperCase(),
      ` ${transcript.seed}`,
    );
    assert.deepEqual(again, { ok: true, problems: [] });
  });

  test('fails when the order, the seed, the content or the commitment is changed', () => {
    const swapped = {
      ...transcript,
      order: [transcript.order[1], transcript.order[0], ...transcript.order.slice(2)],
    };
    assert.match(verifyReservesTranscript(swapped).problems.join('\n'), /not the order the seed gives/);
    const otherSeed = { ...transcript, seed: 'another seed' };
    assert.equal(verifyReservesTranscript(otherSeed).ok, false);
    assert.match(
      verifyReservesTranscript(transcript, undefined, 'another seed').problems.join(),
      /announced seed/,
    );
    const added = { ...transcript, content: { ...content, candidates: [...content.candidates, 'P-00008'] } };
    assert.match(verifyReservesTranscript(added).problems.join('\n'), /does not match the content/);
    assert.match(verifyReservesTranscript(transcript, 'd'.repeat(64)).problems.join(), /not the published/);
  });

  test('fails when a panel member is also a candidate or the list is not canonical', () => {
    const both = { ...content, candidates: ['P-00001', 'P-00002', 'P-00003'] };
    const t = makeReservesTranscript(both, 'x');
    assert.match(verifyReservesTranscript(t).problems.join(), /also candidates: P-00002/);
    const unsorted = makeReservesTranscript({ ...content, candidates: ['P-00003', 'P-00001'] }, 'x');
    assert.match(verifyReservesTranscript(unsorted).problems.join(), /sorted order/);
  });
});
