/**
 * The commitment of a public draw (Flanigan, Kehne, Procaccia, "Fair Sortition Made Transparent",
 * NeurIPS 2021): before any public randomness exists, the organisers publish a hash of everything that
 * decides the outcome (the pool as selection saw it, the targets, and the uniform lottery over M panels).
 * Afterwards nobody can swap the pool, the rules or the panels without the hash changing.
 */
import { createHash } from 'node:crypto';
import type { Person, Targets } from './model.ts';

/** Prefix of the hashed text; a new canonical form gets a new version so that old hashes stay checkable. */
export const COMMITMENT_PREFIX = 'lotta-commitment-v1\n';
/** The `format` of a published commitment file (`lotta commit`, the platform's public draw page). */
export const COMMITMENT_FORMAT = 'lotta-commitment-v1';

/** The lottery part of a selection file: M panels, possibly repeating, each drawn with chance 1/M. */
export interface Lottery {
  size: number;
  panels: string[][];
  /** Per person: (number of lottery panels containing them) / M. */
  probabilities: Record<string, number>;
  /** How far the lottery's chances are from the engine's optimal ones (as the engine reports it). */
  maxDeviation?: number;
}

/** What the public draw needs from a selection file written by `lotta select ... --panels M`. */
export interface LotterySelection {
  status?: 'ok';
  algorithm: string;
  engine: { name: string; version: string };
  input: {
    people: Person[];
    targets: Targets;
    panelSize: number;
    keep?: string[];
  };
  /** The engine's selection probabilities, before rounding to the lottery. */
  probabilities?: Record<string, number>;
  /** Point targets only: the smallest achievable weighted deviation and the bound panels must meet. */
  deviation?: { best: number; allowed: number };
  lottery: Lottery;
}

/** A JSON value as the canonical form can print it; undefined object fields are left out. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

/**
 * Canonical JSON: object keys sorted by UTF-16 code units at every level, no whitespace, strings and
 * numbers exactly as JSON.stringify prints them. Keys whose value is undefined are left out, as
 * JSON.stringify would. Non-finite numbers have no JSON form, so they are refused rather than
 * silently turned into null.
 */
export function canonicalJson(value: Json | undefined): string {
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot commit to the number ${value}.`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  throw new TypeError('Only JSON values can be committed to.');
}

/**
 * Targets with only the fields that decide which panels are valid. Quota `source` (a file path and
 * row) is left out: it may name a folder on someone's machine and does not change the rules.
 */
export function publicTargets(targets: Targets): Targets {
  if (targets.kind === 'quotas') {
    return {
      kind: 'quotas',
      quotas: targets.quotas.map((q) => ({
        feature: q.feature,
        value: q.value,
        min: q.min,
        max: q.max,
        ...(q.minFlex === undefined ? {} : { minFlex: q.minFlex }),
        ...(q.maxFlex === undefined ? {} : { maxFlex: q.maxFlex }),
      })),
    };
  }
  return {
    kind: 'points',
    features: targets.features.map((f) => ({
      feature: f.feature,
      weight: f.weight,
      values: f.values.map((v) => ({ value: v.value, target: v.target })),
    })),
    ...(targets.tolerance === undefined ? {} : { tolerance: targets.tolerance }),
  };
}

/** publicTargets as JSON: Targets holds only strings, numbers and arrays of them. */
function committedTargets(targets: Targets): Json {
  return publicTargets(targets) as unknown as Json;
}

/**
 * The exact text behind the commitment. It holds only what `input.people` holds (pseudonymous ids,
 * feature answers, household keys), never names or addresses. People and panels keep their order,
 * because the drawn index points into the panel list; ids inside a panel and the kept ids are sorted,
 * because their order carries no meaning. The deviation bound is included when present because it
 * decides which panels are valid under point targets.
 */
export function canonicalLottery(selection: LotterySelection): string {
  const { input } = selection;
  const content: Json = {
    algorithm: selection.algorithm,
    engine: { name: selection.engine.name, version: selection.engine.version },
    panelSize: input.panelSize,
    keep: [...(input.keep ?? [])].sort(),
    targets: committedTargets(input.targets),
    people: input.people.map((p) => ({ id: p.id, features: { ...p.features }, household: p.household })),
    lottery: { panels: selection.lottery.panels.map((panel) => [...panel].sort()) },
    deviation:
      selection.deviation === undefined
        ? undefined
        : { best: selection.deviation.best, allowed: selection.deviation.allowed },
  };
  return canonicalJson(content);
}

/** Lower-case hex SHA-256 of the versioned canonical form: the value to publish before the draw. */
export function commitmentOf(selection: LotterySelection): string {
  return createHash('sha256')
    .update(COMMITMENT_PREFIX + canonicalLottery(selection), 'utf8')
    .digest('hex');
}
