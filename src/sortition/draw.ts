/**
 * The public draw: turn a published commitment and public randomness (a seed announced after the
 * commitment, e.g. lottery numbers or a stock index close) into one index of the uniform lottery, and
 * record everything needed for anyone to redo that step and check the result.
 *
 * The method follows Flanigan, Kehne, Procaccia, "Fair Sortition Made Transparent" (NeurIPS 2021):
 * the lottery is uniform over M panels, so a uniform index in 0..M-1 gives every person exactly the
 * chance the lottery promises. The index is SHA-256(commitment \n seed \n counter) read as a 256-bit
 * number, with rejection sampling so that no index is favoured by the modulo.
 */
import { createHash } from 'node:crypto';
import { type CheckProblem, ProblemList } from './check-problems.ts';
import { panelProblems } from './checkPanel.ts';
import { commitmentOf, type LotterySelection, publicTargets } from './commitment.ts';
import { shorten } from './echo.ts';
import { InputError } from './model.ts';

export const TRANSCRIPT_FORMAT = 'lotta-draw-transcript-v1';

const TWO_TO_256 = 1n << 256n;

/** Tolerance when comparing recorded probabilities, which went through floating-point division. */
const PROBABILITY_EPSILON = 1e-9;

/** The draw's record: what was drawn, from what, and the content the commitment covers. */
export interface DrawTranscript {
  format: typeof TRANSCRIPT_FORMAT;
  /** Lower-case hex SHA-256, as published before the seed was known. */
  commitment: string;
  /** The public randomness, normalised (trimmed, Unicode NFC). */
  seed: string;
  /** Index of the drawn panel in `selection.lottery.panels`, counting from 0. */
  index: number;
  /** How many hashes the rejection sampling needed (almost always 1). */
  rounds: number;
  /** The drawn panel, as listed in the lottery. */
  members: string[];
  selection: LotterySelection;
}

export interface Verification {
  ok: boolean;
  problems: string[];
}

/**
 * Seeds are typed in by people and copied between systems, so "1 2 3 " and a decomposed "å" must
 * give the same draw as "1 2 3" and a composed "å". An empty seed would mean no randomness at all.
 */
export function normaliseSeed(seed: string): string {
  const normal = seed.normalize('NFC').trim();
  if (normal === '')
    throw new InputError('The seed is empty; use the public random value announced for the draw.');
  return normal;
}

/**
 * Rejection sampling of a uniform index in 0..size-1 from uniform 256-bit values: values at or above
 * the largest multiple of `size` below 2^256 are thrown away, because taking them modulo `size`
 * would make the smallest indices slightly more likely. `valueAt(counter)` gives the value of each round.
 */
export function sampleBelow(
  size: bigint,
  valueAt: (counter: number) => bigint,
): { index: bigint; rounds: number } {
  if (size < 1n || size > TWO_TO_256) throw new RangeError(`Cannot draw among ${size} panels.`);
  const limit = (TWO_TO_256 / size) * size;
  for (let counter = 0; ; counter++) {
    const value = valueAt(counter);
    if (value < limit) return { index: value % size, rounds: counter + 1 };
  }
}

/** SHA-256 of `commitment \n seed \n counter` (UTF-8, counter in decimal) as a 256-bit number. */
function hashValue(commitment: string, seed: string, counter: number): bigint {
  const hex = createHash('sha256').update(`${commitment}\n${seed}\n${counter}`, 'utf8').digest('hex');
  return BigInt(`0x${hex}`);
}

/**
 * The lottery index drawn by `seed` under `commitment`, uniform over 0..size-1. The seed is normalised
 * first; the commitment must be the lower-case hex form that was published, so that an upper-case copy
 * cannot give a different index.
 */
export function drawIndex(commitment: string, seed: string, size: number): { index: number; rounds: number } {
  if (!/^[0-9a-f]{64}$/.test(commitment)) {
    throw new InputError(`"${commitment}" is not a commitment (64 lower-case hex digits).`);
  }
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new InputError(`Cannot draw among ${size} panels; the lottery needs at least one.`);
  }
  const normalSeed = normaliseSeed(seed);
  const { index, rounds } = sampleBelow(BigInt(size), (counter) =>
    hashValue(commitment, normalSeed, counter),
  );
  return { index: Number(index), rounds };
}

/**
 * The parts of a selection file that go into a transcript: what the commitment covers plus the
 * probabilities. Everything else (engine panels, statistics, quota source paths) is left out so the
 * transcript can be published as it is.
 */
function transcriptSelection(selection: LotterySelection): LotterySelection {
  const { input, lottery } = selection;
  return {
    status: 'ok',
    algorithm: selection.algorithm,
    engine: { name: selection.engine.name, version: selection.engine.version },
    input: {
      people: input.people.map((p) => ({
        id: p.id,
        features: { ...p.features },
        ...(p.household === undefined ? {} : { household: p.household }),
      })),
      targets: publicTargets(input.targets),
      panelSize: input.panelSize,
      keep: [...(input.keep ?? [])],
    },
    ...(selection.probabilities === undefined ? {} : { probabilities: { ...selection.probabilities } }),
    ...(selection.deviation === undefined
      ? {}
      : { deviation: { best: selection.deviation.best, allowed: selection.deviation.allowed } }),
    lottery: {
      size: lottery.size,
      panels: lottery.panels.map((panel) => [...panel]),
      probabilities: { ...lottery.probabilities },
      ...(lottery.maxDeviation === undefined ? {} : { maxDeviation: lottery.maxDeviation }),
    },
  };
}

/**
 * Draws one panel and records how. No clock and no other randomness: the same selection and seed give
 * a byte-identical transcript, so anyone can reproduce it. Does not check the lottery; see checkLottery.
 */
export function makeTranscript(selection: LotterySelection, seed: string): DrawTranscript {
  const commitment = commitmentOf(selection);
  const normalSeed = normaliseSeed(seed);
  const { index, rounds } = drawIndex(commitment, normalSeed, selection.lottery.panels.length);
  return {
    format: TRANSCRIPT_FORMAT,
    commitment,
    seed: normalSeed,
    index,
    rounds,
    members: [...selection.lottery.panels[index]],
    selection: transcriptSelection(selection),
  };
}

/** Prints a probability without float noise. */
function formatProbability(p: number): string {
  return String(Number(p.toFixed(9)));
}

/**
 * Everything wrong with a lottery as something to draw from: its size, each panel against the rules
 * (checkPanel), and the recorded chances against the panel counts. Empty when it is sound.
 */
export function checkLottery(selection: LotterySelection): string[] {
  return lotteryProblems(selection).map((p) => p.message);
}

/** The same problems with their codes, for a reader in another language. */
export function lotteryProblems(selection: LotterySelection): CheckProblem[] {
  const problems = new ProblemList();
  const { input, lottery } = selection;
  const M = lottery.panels.length;

  const poolIds = new Set<string>();
  for (const person of input.people) {
    if (poolIds.has(person.id))
      problems.add('pool_duplicate', { id: person.id }, `The pool lists "${person.id}" more than once.`);
    poolIds.add(person.id);
  }

  if (M === 0) problems.add('lottery_empty', {}, 'The lottery has no panels.');
  if (lottery.size !== M)
    problems.add(
      'lottery_size',
      { said: lottery.size, listed: M },
      `The lottery says it has ${lottery.size} panels but lists ${M}.`,
    );

  let allowedDeviation: number | undefined;
  if (input.targets.kind === 'points') {
    allowedDeviation = selection.deviation?.allowed;
    if (allowedDeviation === undefined) {
      problems.add(
        'points_without_deviation',
        {},
        'The targets are point targets but the file records no allowed deviation to check panels against.',
      );
    }
  }
  lottery.panels.forEach((panel, i) => {
    for (const problem of panelProblems(input, panel, { allowedDeviation })) {
      problems.found.push({ ...problem, panel: i, message: `Lottery panel #${i}: ${problem.message}` });
    }
  });

  // Each person's lottery chance must be exactly (panels containing them) / M, as the draw gives it.
  if (M > 0) {
    const counts = new Map<string, number>();
    for (const panel of lottery.panels) {
      for (const id of new Set(panel)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of poolIds) {
      const expected = (counts.get(id) ?? 0) / M;
      const recorded = lottery.probabilities[id] ?? 0;
      if (Math.abs(recorded - expected) > PROBABILITY_EPSILON) {
        const params = {
          id: shorten(id),
          recorded: formatProbability(recorded),
          onPanels: counts.get(id) ?? 0,
          panels: M,
          expected: formatProbability(expected),
        };
        problems.add(
          'lottery_probability',
          params,
          `The lottery gives "${params.id}" probability ${params.recorded}, but ${params.onPanels} of ${M} panels is ${params.expected}.`,
        );
      }
    }
    for (const id of Object.keys(lottery.probabilities)) {
      if (!poolIds.has(id))
        problems.add(
          'lottery_outsider',
          { id: shorten(id) },
          `The lottery gives a probability to "${shorten(id)}", who is not in the pool.`,
        );
    }
  }

  // The engine's own probabilities cannot be recomputed here, but they must at least be probabilities.
  for (const [id, p] of Object.entries(selection.probabilities ?? {})) {
    if (!poolIds.has(id))
      problems.add(
        'selection_outsider',
        { id: shorten(id) },
        `The selection gives a probability to "${shorten(id)}", who is not in the pool.`,
      );
    else if (!(p >= -PROBABILITY_EPSILON && p <= 1 + PROBABILITY_EPSILON)) {
      problems.add(
        'selection_probability_range',
        { id: shorten(id), probability: p },
        `The selection gives "${shorten(id)}" the probability ${p}, outside 0..1.`,
      );
    }
  }
  return problems.found;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Redoes the draw from the transcript alone: the commitment from the content, the index from the seed,
 * the members from the lottery, and the lottery's soundness. With `expectedCommitment` (the value
 * published before the draw) it also proves the content is what was committed to. A changed seed that
 * happens to draw the same index still verifies (the draw would have been the same), unless
 * `expectedSeed`, the publicly announced value, is given.
 */
export function verifyTranscript(
  transcript: DrawTranscript,
  expectedCommitment?: string,
  expectedSeed?: string,
): Verification {
  const problems = transcriptProblems(transcript, expectedCommitment, expectedSeed).map((p) => p.message);
  return { ok: problems.length === 0, problems };
}

/** The same problems with their codes, for a reader in another language. */
export function transcriptProblems(
  transcript: DrawTranscript,
  expectedCommitment?: string,
  expectedSeed?: string,
): CheckProblem[] {
  const problems = new ProblemList();
  const { selection } = transcript;

  if (transcript.format !== TRANSCRIPT_FORMAT) {
    problems.add(
      'format',
      { format: transcript.format, expected: TRANSCRIPT_FORMAT },
      `The transcript format is "${transcript.format}", not "${TRANSCRIPT_FORMAT}".`,
    );
  }

  let recomputed: string | undefined;
  try {
    recomputed = commitmentOf(selection);
  } catch (error) {
    problems.addError('commitment_unrecomputable', error, 'The commitment cannot be recomputed: ');
  }
  if (recomputed !== undefined && recomputed !== transcript.commitment) {
    problems.add(
      'commitment_mismatch',
      { recorded: transcript.commitment, recomputed },
      `The recorded commitment ${transcript.commitment} does not match the content, whose commitment is ${recomputed}.`,
    );
  }
  if (expectedCommitment !== undefined) {
    const published = expectedCommitment.trim().toLowerCase();
    if (published !== transcript.commitment) {
      problems.add(
        'commitment_not_published',
        { recorded: transcript.commitment, published },
        `The transcript's commitment ${transcript.commitment} is not the published ${published}.`,
      );
    }
  }

  const normalSeed = seedProblems(problems, transcript.seed, expectedSeed);

  const panels = selection.lottery.panels;
  if (normalSeed !== undefined) {
    try {
      const drawn = drawIndex(transcript.commitment, normalSeed, panels.length);
      if (drawn.index !== transcript.index) {
        problems.add(
          'index_mismatch',
          { drawn: drawn.index, recorded: transcript.index },
          `The seed draws index ${drawn.index}, but the transcript records ${transcript.index}.`,
        );
      }
      if (drawn.rounds !== transcript.rounds) {
        problems.add(
          'rounds_mismatch',
          { drawn: drawn.rounds, recorded: transcript.rounds },
          `The draw takes ${drawn.rounds} round(s), but the transcript records ${transcript.rounds}.`,
        );
      }
      if (!sameList(transcript.members, panels[drawn.index])) {
        problems.add(
          'members_mismatch',
          { index: drawn.index },
          `The recorded members are not lottery panel #${drawn.index}.`,
        );
      }
    } catch (error) {
      problems.addError('draw_error', error);
    }
  }

  problems.found.push(...lotteryProblems(selection));
  return problems.found;
}

/**
 * Checks a transcript's seed: normalised as recorded, and the announced one when given. Returns the
 * normalised seed, or undefined when it is not a seed at all. Shared by panel and reserve draws.
 */
export function seedProblems(problems: ProblemList, seed: string, expectedSeed?: string): string | undefined {
  let normalSeed: string | undefined;
  try {
    normalSeed = normaliseSeed(seed);
    if (normalSeed !== seed)
      problems.add('seed_not_normalised', {}, 'The recorded seed is not normalised (trimmed, Unicode NFC).');
  } catch (error) {
    problems.addError('seed_error', error);
    return undefined;
  }
  if (expectedSeed !== undefined) {
    try {
      const announced = normaliseSeed(expectedSeed);
      if (announced !== normalSeed) {
        problems.add(
          'seed_not_announced',
          { seed: normalSeed, announced },
          `The seed "${normalSeed}" is not the announced seed "${announced}".`,
        );
      }
    } catch (error) {
      problems.addError('seed_error', error);
    }
  }
  return normalSeed;
}
