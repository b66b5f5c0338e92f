/**
 * The public draw of an ordered reserve list, after the panel has been drawn: everyone else in the pool
 * is put in a random order that nobody could choose. As with the panel (draw.ts), the organisers first
 * publish a commitment to the candidates, then public randomness fixes the order, and anyone can redo it.
 *
 * The order ranks each candidate by SHA-256(commitment \n seed \n id), smallest first. That is a
 * uniformly random permutation for every seed nobody could predict, and it can be recomputed with
 * nothing but a SHA-256 tool (see docs/formats.md).
 */
import { createHash } from 'node:crypto';
import { type CheckProblem, ProblemList } from './check-problems.ts';
import { canonicalJson } from './commitment.ts';
import { normaliseSeed, seedProblems, type Verification } from './draw.ts';
import { shorten } from './echo.ts';
import { InputError } from './model.ts';

/** Prefix of the hashed text; a new canonical form gets a new version so that old hashes stay checkable. */
export const RESERVES_COMMITMENT_PREFIX = 'lotta-reserves-commitment-v1\n';
export const RESERVES_COMMITMENT_FORMAT = 'lotta-reserves-commitment-v1';
export const RESERVES_TRANSCRIPT_FORMAT = 'lotta-reserves-transcript-v1';

/** What the reserve commitment covers. */
export interface ReserveCandidates {
  /** The commitment of the panel draw these reserves follow, tying the two draws together. */
  panelCommitment: string;
  /** The drawn panel, sorted. */
  panel: string[];
  /** Everyone in the pool who is not on the panel, sorted. */
  candidates: string[];
}

export interface ReservesTranscript {
  format: typeof RESERVES_TRANSCRIPT_FORMAT;
  /** Lower-case hex SHA-256 of the candidates, as published before the seed was known. */
  commitment: string;
  /** The public randomness, normalised (trimmed, Unicode NFC). */
  seed: string;
  /** The candidates in reserve order: the first is asked first. */
  order: string[];
  content: ReserveCandidates;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The candidates for the reserve list: the pool without the drawn panel, both in a canonical order
 * (sorted by UTF-16 code units, as canonicalJson sorts keys), so that the commitment does not depend on
 * the order anyone happened to list them in.
 */
export function reserveCandidates(
  pool: readonly string[],
  panel: readonly string[],
  panelCommitment: string,
): ReserveCandidates {
  const onPanel = new Set(panel);
  for (const id of onPanel) {
    if (!pool.includes(id)) throw new InputError(`The panel member "${shorten(id)}" is not in the pool.`);
  }
  return {
    panelCommitment,
    panel: [...onPanel].sort(byCodeUnits),
    candidates: [...new Set(pool)].filter((id) => !onPanel.has(id)).sort(byCodeUnits),
  };
}

/** Lower-case hex SHA-256 of the versioned canonical form: the value to publish before the draw. */
export function reservesCommitmentOf(content: ReserveCandidates): string {
  const canonical = canonicalJson({
    panelCommitment: content.panelCommitment,
    panel: content.panel,
    candidates: content.candidates,
  });
  return createHash('sha256')
    .update(RESERVES_COMMITMENT_PREFIX + canonical, 'utf8')
    .digest('hex');
}

/** The hex rank of one candidate: SHA-256 of `commitment \n seed \n id` (UTF-8). */
export function reserveRank(commitment: string, seed: string, id: string): string {
  return createHash('sha256').update(`${commitment}\n${seed}\n${id}`, 'utf8').digest('hex');
}

/** The candidates ordered by their rank under `commitment` and the (normalised) seed. */
export function reserveOrder(commitment: string, seed: string, candidates: readonly string[]): string[] {
  if (!/^[0-9a-f]{64}$/.test(commitment)) {
    throw new InputError(`"${commitment}" is not a commitment (64 lower-case hex digits).`);
  }
  const normalSeed = normaliseSeed(seed);
  return candidates
    .map((id) => ({ id, rank: reserveRank(commitment, normalSeed, id) }))
    .sort((a, b) => byCodeUnits(a.rank, b.rank) || byCodeUnits(a.id, b.id))
    .map((entry) => entry.id);
}

/** Orders the reserves and records how; the same content and seed give an identical transcript. */
export function makeReservesTranscript(content: ReserveCandidates, seed: string): ReservesTranscript {
  const commitment = reservesCommitmentOf(content);
  const normalSeed = normaliseSeed(seed);
  return {
    format: RESERVES_TRANSCRIPT_FORMAT,
    commitment,
    seed: normalSeed,
    order: reserveOrder(commitment, normalSeed, content.candidates),
    content: {
      panelCommitment: content.panelCommitment,
      panel: [...content.panel],
      candidates: [...content.candidates],
    },
  };
}

function isSorted(ids: readonly string[]): boolean {
  return ids.every((id, i) => i === 0 || byCodeUnits(ids[i - 1], id) < 0);
}

/**
 * Redoes the reserve draw from the transcript alone: the commitment from the content, the order from
 * the seed, and the content's own soundness (canonical order, no one twice, no panel member among the
 * candidates). With `expectedCommitment` and `expectedSeed`, the published values, it also proves the
 * transcript is the announced one.
 */
export function verifyReservesTranscript(
  transcript: ReservesTranscript,
  expectedCommitment?: string,
  expectedSeed?: string,
): Verification {
  const problems = reservesTranscriptProblems(transcript, expectedCommitment, expectedSeed).map(
    (p) => p.message,
  );
  return { ok: problems.length === 0, problems };
}

/** The same problems with their codes, for a reader in another language. */
export function reservesTranscriptProblems(
  transcript: ReservesTranscript,
  expectedCommitment?: string,
  expectedSeed?: string,
): CheckProblem[] {
  const problems = new ProblemList();
  const { content } = transcript;
  if (transcript.format !== RESERVES_TRANSCRIPT_FORMAT) {
    problems.add(
      'format',
      { format: transcript.format, expected: RESERVES_TRANSCRIPT_FORMAT },
      `The transcript format is "${transcript.format}", not "${RESERVES_TRANSCRIPT_FORMAT}".`,
    );
  }
  const recomputed = reservesCommitmentOf(content);
  if (recomputed !== transcript.commitment) {
    problems.add(
      'commitment_mismatch',
      { recorded: transcript.commitment, recomputed },
      `The recorded commitment ${transcript.commitment} does not match the content, whose commitment is ${recomputed}.`,
    );
  }
  const published = expectedCommitment?.trim().toLowerCase();
  if (published !== undefined && published !== transcript.commitment) {
    problems.add(
      'commitment_not_published',
      { recorded: transcript.commitment, published },
      `The transcript's commitment ${transcript.commitment} is not the published ${published}.`,
    );
  }
  if (!isSorted(content.panel))
    problems.add('panel_unsorted', {}, 'The panel is not listed once each, in sorted order.');
  if (!isSorted(content.candidates))
    problems.add('candidates_unsorted', {}, 'The candidates are not listed once each, in sorted order.');
  const onPanel = new Set(content.panel);
  const both = content.candidates.filter((id) => onPanel.has(id));
  if (both.length > 0)
    problems.add(
      'candidates_on_panel',
      { ids: both.join(', ') },
      `Panel members are also candidates: ${both.join(', ')}.`,
    );

  const normalSeed = seedProblems(problems, transcript.seed, expectedSeed);
  if (normalSeed !== undefined && /^[0-9a-f]{64}$/.test(transcript.commitment)) {
    const order = reserveOrder(transcript.commitment, normalSeed, content.candidates);
    const same =
      order.length === transcript.order.length && order.every((id, i) => id === transcript.order[i]);
    if (!same) problems.add('order_mismatch', {}, 'The recorded order is not the order the seed gives.');
  }
  return problems.found;
}
