/**
 * The platform's rules for a public draw, around the verifiable draw in src/sortition: how the public
 * randomness is announced (a drand beacon round fixed in advance, or dice rolled live), how what the
 * organiser types becomes the seed, the public form of a lottery (P-references instead of internal ids),
 * and the checks the public verification page shows.
 *
 * No clock here: functions that need the time take it as an argument.
 */

import type { CheckProblem } from '../sortition/check-problems.ts';
import {
  COMMITMENT_FORMAT,
  commitmentOf,
  type LotterySelection,
  publicTargets,
} from '../sortition/commitment.ts';
import {
  type DrawTranscript,
  drawIndex,
  lotteryProblems,
  normaliseSeed,
  transcriptProblems,
} from '../sortition/draw.ts';
import type { Person } from '../sortition/model.ts';
import {
  type ReserveCandidates,
  type ReservesTranscript,
  reserveOrder,
  reservesCommitmentOf,
  reservesTranscriptProblems,
} from '../sortition/reserves.ts';
import { asLotterySelection, type SelectionFile } from '../sortition/selection-file.ts';

/** The format of the commitment file `lotta commit` writes; the platform offers the same file. */
export const commitmentFileFormat = COMMITMENT_FORMAT;

export const drawKinds = ['panel', 'reserves'] as const;
export type DrawKind = (typeof drawKinds)[number];

/**
 * The League of Entropy's default drand chain (https://api.drand.sh/info): one round every 30
 * seconds since the genesis time, round 1 at genesis. Knowing these, Lotta can tell when a round will be
 * published without asking the network.
 */
export const drandChain = {
  hash: '8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce',
  genesisSeconds: 1595431050,
  periodSeconds: 30,
} as const;

/** Where anyone reads a round of the default chain; its `randomness` field is the value to enter. */
export function drandRoundUrl(round: number): string {
  return `https://api.drand.sh/public/${round}`;
}

/** When a round is published, in milliseconds since 1970. */
export function drandRoundTime(round: number): number {
  return (drandChain.genesisSeconds + (round - 1) * drandChain.periodSeconds) * 1000;
}

/** The newest round published at a moment (0 before the chain began). */
export function drandLatestRound(atMillis: number): number {
  const since = atMillis / 1000 - drandChain.genesisSeconds;
  return since < 0 ? 0 : Math.floor(since / drandChain.periodSeconds) + 1;
}

export const diceSides = [6, 10] as const;
export type DiceSides = (typeof diceSides)[number];
export const diceRolls = { min: 10, max: 100 } as const;
/** A round further ahead than this is almost certainly a typing mistake that would block the draw. */
export const drandHorizonMillis = 366 * 24 * 3600 * 1000;

export type RandomnessPlan =
  | { source: 'drand'; round: number }
  | { source: 'dice'; rolls: number; sides: DiceSides };

/** A refusal naming the form field and a message key (under `draw.error.`) with its parameters. */
export interface DrawProblem {
  field: string;
  code: string;
  params: Record<string, string | number>;
  /** Further problems with the same field, reported together with the first. */
  also?: { code: string; params: Record<string, string | number> }[];
}

/**
 * What is wrong with a plan announced at `nowMillis`. A drand round must still be in the future: a
 * commitment published after the randomness is known proves nothing.
 */
export function planProblem(plan: RandomnessPlan, nowMillis: number): DrawProblem | null {
  if (plan.source === 'drand') {
    if (!Number.isSafeInteger(plan.round) || plan.round < 1) {
      return { field: 'round', code: 'round_invalid', params: {} };
    }
    const at = drandRoundTime(plan.round);
    if (at <= nowMillis) {
      return {
        field: 'round',
        code: 'drand_round_past',
        params: {
          round: plan.round,
          current: drandLatestRound(nowMillis),
          suggested: drandLatestRound(nowMillis + 3600_000),
        },
      };
    }
    if (at > nowMillis + drandHorizonMillis) {
      return {
        field: 'round',
        code: 'drand_round_far',
        params: { round: plan.round, at: new Date(at).toISOString() },
      };
    }
    return null;
  }
  if (!Number.isSafeInteger(plan.rolls) || plan.rolls < diceRolls.min || plan.rolls > diceRolls.max) {
    return { field: 'rolls', code: 'dice_rolls_range', params: { min: diceRolls.min, max: diceRolls.max } };
  }
  if (!(diceSides as readonly number[]).includes(plan.sides)) {
    return { field: 'sides', code: 'dice_sides', params: {} };
  }
  return null;
}

/** The plan as stored in `public_draws.randomness_plan`. */
export function serialisePlan(plan: RandomnessPlan): string {
  return plan.source === 'drand'
    ? JSON.stringify({ source: 'drand', chain: drandChain.hash, round: plan.round })
    : JSON.stringify({ source: 'dice', rolls: plan.rolls, sides: plan.sides });
}

/** When the randomness came into being, if the plan says: the moment a drand round was published. */
export function randomnessTime(plan: RandomnessPlan): number | null {
  return plan.source === 'drand' ? drandRoundTime(plan.round) : null;
}

function diceFaces(sides: DiceSides): { min: number; max: number } {
  // A d10 is numbered 0–9, a d6 1–6.
  return sides === 10 ? { min: 0, max: 9 } : { min: 1, max: 6 };
}

export function drandSeed(round: number, hex: string): string {
  return `drand round ${round}: ${hex.toLowerCase()}`;
}

export function diceSeed(plan: { rolls: number; sides: DiceSides }, digits: string): string {
  return `dice ${plan.rolls}d${plan.sides}: ${digits}`;
}

/**
 * The seed for what the organiser typed, formatted the same way every time, or the problem with it.
 * For drand the randomness hex is accepted on its own or as the whole JSON the beacon serves (whose
 * round must then be the announced one); it cannot be entered before the round exists.
 */
export function seedFromRandomness(
  plan: RandomnessPlan,
  typed: string,
  nowMillis: number,
): { seed: string } | DrawProblem {
  const field = 'randomness';
  if (plan.source === 'drand') {
    let text = typed.trim();
    if (text.startsWith('{')) {
      let beacon: { round?: unknown; randomness?: unknown };
      try {
        beacon = JSON.parse(text) as typeof beacon;
      } catch {
        return { field, code: 'drand_json_invalid', params: {} };
      }
      if (beacon.round !== plan.round) {
        return {
          field,
          code: 'drand_wrong_round',
          params: { round: String(beacon.round), planned: plan.round },
        };
      }
      text = typeof beacon.randomness === 'string' ? beacon.randomness : '';
    }
    const hex = text.replace(/\s+/g, '');
    if (hex === '') return { field, code: 'randomness_required', params: {} };
    if (!/^[0-9a-fA-F]+$/.test(hex)) return { field, code: 'drand_hex_invalid', params: {} };
    if (hex.length !== 64) return { field, code: 'drand_hex_length', params: { length: hex.length } };
    const at = drandRoundTime(plan.round);
    if (nowMillis < at) {
      return {
        field,
        code: 'drand_round_not_yet',
        params: { round: plan.round, at: new Date(at).toISOString() },
      };
    }
    return { seed: normaliseSeed(drandSeed(plan.round, hex)) };
  }
  // Rolls may be typed with spaces or commas between them, as people read them out.
  const rolls = typed.replace(/[\s,;.\-–]+/g, '');
  if (rolls === '') return { field, code: 'randomness_required', params: {} };
  // Every problem at once: the organiser reads the rolls off a sheet in front of an audience, and
  // correcting one mistake only to be told of the next one wastes that audience's time.
  const problems = diceProblems(plan, [...rolls]);
  if (problems.length > 0) return { field, ...problems[0], also: problems.slice(1) };
  const digits = rolls;
  return { seed: normaliseSeed(diceSeed(plan, digits)) };
}

/**
 * Each roll that is not a face of the die, named by its position, then how many rolls are missing or
 * too many. Positions count the rolls typed, separators left out.
 */
export function diceProblems(
  plan: { rolls: number; sides: DiceSides },
  rolls: readonly string[],
): { code: string; params: Record<string, string | number> }[] {
  const { min, max } = diceFaces(plan.sides);
  const problems: { code: string; params: Record<string, string | number> }[] = [];
  rolls.forEach((roll, i) => {
    if (!/^[0-9]$/.test(roll)) {
      problems.push({ code: 'dice_not_a_digit', params: { digit: roll, position: i + 1 } });
    } else if (Number(roll) < min || Number(roll) > max) {
      problems.push({
        code: 'dice_out_of_range',
        params: { digit: roll, position: i + 1, sides: plan.sides, min, max },
      });
    }
  });
  if (rolls.length < plan.rolls) {
    problems.push({
      code: 'dice_missing',
      params: { count: plan.rolls - rolls.length, typed: rolls.length, rolls: plan.rolls },
    });
  } else if (rolls.length > plan.rolls) {
    problems.push({
      code: 'dice_extra',
      params: { count: rolls.length - plan.rolls, typed: rolls.length, rolls: plan.rolls },
    });
  }
  return problems;
}

/** Whether a seed is one the plan could have produced (the announced round, the announced dice). */
export function seedMatchesPlan(plan: RandomnessPlan, seed: string): boolean {
  if (plan.source === 'drand') {
    const m = /^drand round (\d+): ([0-9a-f]{64})$/.exec(seed);
    return m !== null && Number(m[1]) === plan.round;
  }
  const m = /^dice (\d+)d(\d+): ([0-9]+)$/.exec(seed);
  if (m === null || Number(m[1]) !== plan.rolls || Number(m[2]) !== plan.sides) return false;
  const { min, max } = diceFaces(plan.sides);
  return m[3].length === plan.rolls && [...m[3]].every((d) => Number(d) >= min && Number(d) <= max);
}

/** The lottery of a finished selection run's selection file, or null when the run made none. */
export function lotteryOfSelectionFile(file: SelectionFile | null): LotterySelection | null {
  if (file === null) return null;
  const selection = asLotterySelection(file);
  return selection && Array.isArray(selection.lottery.panels) && selection.lottery.panels.length > 0
    ? selection
    : null;
}

/**
 * The lottery as the public sees it: every internal person id replaced by the person's P-reference, and
 * household keys renumbered h1, h2, … in pool order, so that nothing in the published files can be
 * linked to anything but the references on the public pages. Only what the commitment and the
 * transcript need is kept. `missing` lists ids without a reference (the draw must then be refused).
 */
export function publicSelection(
  selection: LotterySelection,
  referenceOf: ReadonlyMap<string, string>,
): { selection: LotterySelection; missing: string[] } {
  const missing = new Set<string>();
  const ref = (id: string): string => {
    const reference = referenceOf.get(id);
    if (reference === undefined) {
      missing.add(id);
      return id;
    }
    return reference;
  };
  const mapKeys = (record: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(record).map(([id, p]) => [ref(id), p]));
  const households = new Map<string, string>();
  const people: Person[] = selection.input.people.map((p) => {
    let household: string | undefined;
    if (p.household !== undefined) {
      household = households.get(p.household);
      if (household === undefined) {
        household = `h${households.size + 1}`;
        households.set(p.household, household);
      }
    }
    return { id: ref(p.id), features: { ...p.features }, ...(household === undefined ? {} : { household }) };
  });
  const { lottery } = selection;
  const result: LotterySelection = {
    status: 'ok',
    algorithm: selection.algorithm,
    engine: { name: selection.engine.name, version: selection.engine.version },
    input: {
      people,
      targets: publicTargets(selection.input.targets),
      panelSize: selection.input.panelSize,
      keep: (selection.input.keep ?? []).map(ref),
    },
    ...(selection.probabilities === undefined ? {} : { probabilities: mapKeys(selection.probabilities) }),
    ...(selection.deviation === undefined
      ? {}
      : { deviation: { best: selection.deviation.best, allowed: selection.deviation.allowed } }),
    lottery: {
      size: lottery.size,
      panels: lottery.panels.map((panel) => panel.map(ref)),
      probabilities: mapKeys(lottery.probabilities),
      ...(lottery.maxDeviation === undefined ? {} : { maxDeviation: lottery.maxDeviation }),
    },
  };
  return { selection: result, missing: [...missing] };
}

/* ---------------------------------------------------------------------------------------------- */
/* The checks of the public verification page                                                      */

/**
 * One check as the verification page shows it: `key` names the message (`draw.check.<key>`), `params`
 * fill it (values in `timeParams` are ISO times for the page to format), `details` are the
 * engine's own problem descriptions when a check fails.
 */
export interface DrawCheck {
  key: string;
  ok: boolean;
  params: Record<string, string | number>;
  /** What the transcript's own verification found, with codes for the reader's language. */
  details: CheckProblem[];
}

export const timeParams = ['published', 'randomness_at'] as const;

/** What the page knows about a draw from its stored row. */
export interface StoredDraw {
  commitment: string;
  publishedAt: string;
  plan: RandomnessPlan;
  seed: string | null;
  drawnAt: string | null;
}

function check(
  key: string,
  ok: boolean,
  params: Record<string, string | number> = {},
  details: CheckProblem[] = [],
) {
  return { key, ok, params, details };
}

function sameList(a: readonly string[], b: readonly string[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** The commitment was public before the randomness existed. */
function timingCheck(draw: StoredDraw): DrawCheck {
  const published = Date.parse(draw.publishedAt);
  const planned = randomnessTime(draw.plan);
  const randomnessAt = planned ?? (draw.drawnAt ? Date.parse(draw.drawnAt) : Number.NaN);
  return check(draw.plan.source === 'drand' ? 'before_beacon' : 'before_dice', published < randomnessAt, {
    published: draw.publishedAt,
    randomness_at: Number.isNaN(randomnessAt) ? '' : new Date(randomnessAt).toISOString(),
    ...(draw.plan.source === 'drand' ? { round: draw.plan.round } : {}),
  });
}

function seedCheck(draw: StoredDraw, transcriptSeed: string): DrawCheck {
  return check(
    'seed_plan',
    draw.seed !== null && transcriptSeed === draw.seed && seedMatchesPlan(draw.plan, draw.seed),
    { seed: transcriptSeed },
  );
}

/**
 * Every check of a panel draw, recomputed from what is stored: `current` is the lottery rebuilt now
 * from the stored selection run (null when the run or its lottery is gone), `transcript` the stored
 * transcript once drawn.
 */
export function panelDrawChecks(
  draw: StoredDraw,
  current: LotterySelection | null,
  transcript: DrawTranscript | null,
): DrawCheck[] {
  const checks: DrawCheck[] = [];
  const size = current?.lottery.panels.length ?? 0;
  checks.push(check('content', current !== null && safely(() => commitmentOf(current)) === draw.commitment));
  const unsound = current === null ? [] : lotteryProblems(current);
  checks.push(check('lottery', current !== null && unsound.length === 0, { size }, unsound));
  if (transcript === null) return checks;

  checks.push(
    check(
      'transcript_content',
      transcript.commitment === draw.commitment &&
        safely(() => commitmentOf(transcript.selection)) === draw.commitment,
    ),
  );
  checks.push(timingCheck(draw));
  checks.push(seedCheck(draw, transcript.seed));
  const drawn = safely(() =>
    drawIndex(draw.commitment, transcript.seed, transcript.selection.lottery.panels.length),
  );
  checks.push(
    check(
      'index',
      drawn !== undefined && drawn.index === transcript.index && drawn.rounds === transcript.rounds,
      {
        index: transcript.index,
        size: transcript.selection.lottery.panels.length,
        rounds: transcript.rounds,
      },
    ),
  );
  checks.push(
    check(
      'members',
      sameList(transcript.members, transcript.selection.lottery.panels[transcript.index]) &&
        sameList(transcript.members, current?.lottery.panels[transcript.index]),
      { index: transcript.index, count: transcript.members.length },
    ),
  );
  const problems = transcriptProblems(transcript, draw.commitment, draw.seed ?? undefined);
  checks.push(check('verify', problems.length === 0, {}, problems));
  return checks;
}

/**
 * Every check of a reserve draw: `expected` is the candidate list rebuilt now from the stored run and
 * the stored panel draw (null when they are gone), `transcript` the stored transcript once drawn.
 */
export function reservesDrawChecks(
  draw: StoredDraw,
  expected: ReserveCandidates | null,
  transcript: ReservesTranscript | null,
): DrawCheck[] {
  const checks: DrawCheck[] = [];
  checks.push(
    check('reserves_content', expected !== null && reservesCommitmentOf(expected) === draw.commitment, {
      count: expected?.candidates.length ?? 0,
    }),
  );
  if (transcript === null) return checks;
  checks.push(
    check(
      'transcript_content',
      transcript.commitment === draw.commitment &&
        safely(() => reservesCommitmentOf(transcript.content)) === draw.commitment,
    ),
  );
  checks.push(timingCheck(draw));
  checks.push(seedCheck(draw, transcript.seed));
  const order = safely(() => reserveOrder(draw.commitment, transcript.seed, transcript.content.candidates));
  checks.push(
    check('reserves_order', order !== undefined && sameList(order, transcript.order), {
      count: transcript.order.length,
    }),
  );
  const problems = reservesTranscriptProblems(transcript, draw.commitment, draw.seed ?? undefined);
  checks.push(check('reserves_verify', problems.length === 0, {}, problems));
  return checks;
}
