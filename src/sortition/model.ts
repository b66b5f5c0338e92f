/**
 * The vocabulary of the sortition engine. Everything under `src/sortition/` works on these plain
 * values only: no files, no network, no clock. Readers in `src/io/` build them from files and the
 * CLI and the web platform render what comes back.
 */
import type { PairedPricingFactory } from './pairedPricing.ts';

/** One volunteer in the pool, reduced to what selection may see: a pseudonymous id and answers. */
export interface Person {
  /** Unique within the pool; pseudonymous (never a name or an address). */
  id: string;
  /** Feature name → value, already trimmed. Matching against targets is case-insensitive. */
  features: Record<string, string>;
  /**
   * People with the same household key may not sit on the same panel. The key is derived from the
   * address columns by the reader and is itself pseudonymous (a number, not the address).
   */
  household?: string;
  /** Line of the pool file this person came from, so that errors can point at it. */
  row?: number;
}

/** Where a target came from, so that an explanation can point at the line to change. */
export interface SourceRef {
  file: string;
  /** 1-based line number in the file, counting the header as line 1. */
  row?: number;
}

/** A min/max quota on one value of one feature, as inclusive counts of panel members. */
export interface Quota {
  feature: string;
  value: string;
  min: number;
  max: number;
  /** How far the minimum may be lowered when the quotas cannot all be met (the lowest allowed minimum). */
  minFlex?: number;
  /** How far the maximum may be raised when the quotas cannot all be met (the highest allowed maximum). */
  maxFlex?: number;
  source?: SourceRef;
}

/** Swedish point targets: a desired (possibly fractional) count per value, and a weight per feature. */
export interface PointFeature {
  feature: string;
  weight: number;
  values: { value: string; target: number }[];
}

export type Targets =
  | { kind: 'quotas'; quotas: Quota[] }
  | {
      kind: 'points';
      features: PointFeature[];
      /** Extra weighted deviation allowed above the smallest achievable one (default 0). */
      tolerance?: number;
    };

export type Algorithm = 'leximin' | 'maximin' | 'nash' | 'legacy';

export interface SelectionInput {
  people: Person[];
  targets: Targets;
  panelSize: number;
  /** Ids of people who must be on every panel (confirmed members in a replacement round). */
  keep?: string[];
}

export interface SelectionOptions {
  algorithm?: Algorithm;
  /** Seed for anything random (LEGACY's Monte Carlo, tie-breaking in initial panels). */
  seed?: string;
  /** Number of LEGACY draws for the Monte Carlo estimate. */
  legacySamples?: number;
  /** Also round the distribution to a uniform lottery over this many panels (for the public draw). */
  lotterySize?: number;
  /** Called now and then with a fraction in [0, 1] and a short phase label. */
  onProgress?: (progress: Progress) => void;
  /** Checked between solves; when it returns true the run stops with a CancelledError. */
  isCancelled?: () => boolean;
  /**
   * Panels of this same input known to meet its targets (as seats per type, the way `typePanels`
   * holds them), given to the distribution LP from the start: a trade-off step starts from the
   * panels of the step before, which a larger allowed deviation still allows.
   */
  knownPanels?: TypePanelShare['counts'][];
  /**
   * Where the second pricing MILP of each round runs (see `pairedPricing.ts`): the engine layer
   * gives a worker thread here. The result is the same either way; by default it runs on this thread.
   */
  pairedPricing?: PairedPricingFactory;
}

export interface Progress {
  phase: 'prepare' | 'initial-panels' | 'leximin' | 'maximin' | 'nash' | 'legacy' | 'decompose' | 'done';
  /** Fraction of people whose probability is settled, or of the work done; 0..1. */
  fraction: number;
  message?: string;
}

/** A message tied to one target value; `suggestion` says what to change when that helps. */
export interface Finding {
  category: string;
  value: string;
  /** Stable machine-readable code, e.g. `min-above-pool`, so that interfaces can translate. */
  code: string;
  message: string;
  suggestion?: string;
  /** Parameters of the message, for translation. */
  params?: Record<string, string | number>;
}

/** One change that the smallest relaxation of infeasible quotas makes. */
export interface Relaxation {
  feature: string;
  value: string;
  bound: 'min' | 'max';
  from: number;
  to: number;
}

export interface Panel {
  probability: number;
  /** Member ids, sorted by their order in the pool. */
  members: string[];
}

/**
 * A panel as seats per type: `counts` holds [type index, seats] pairs for the types with seats. The
 * distribution is kept in this form because expanding it into panels of named people multiplies its
 * size by the pool (a 20,000-person pool gave 764,010 panels of 60 names, more than a string can
 * hold); `expandPanels` (decompose.ts) names the people of as many panels as are shown.
 */
export interface TypePanelShare {
  probability: number;
  counts: [type: number, seats: number][];
}

export interface Excluded {
  id: string;
  code: string;
  reason: string;
}

/**
 * One leximin level's certificate: the lowest open probability the distribution reaches, the upper
 * bound proved for it (by the LP relaxation of the panel program, or by exact pricing at the LP's
 * duals), and the types and people it settled at that probability.
 */
export interface LevelCertificate {
  value: number;
  bound: number;
  typesFixed: number;
  peopleFixed: number;
  provedBy: 'relaxation' | 'pricing';
}

/** One tolerance of the point-target trade-off (deviationTradeOff.ts). */
export interface TradeOffStep {
  /** Extra weighted deviation allowed above the smallest achievable one. */
  tolerance: number;
  /** The weighted deviation panels may have at this step: best + tolerance. */
  allowed: number;
  /** The lowest selection probability of anyone in the pool; 0 while someone has no chance. */
  lowest: number;
  /** The lowest selection probability among those who can be selected at all. */
  lowestSelectable: number;
  /** How many people have probability 0. */
  withoutChance: number;
}

export interface DeviationTradeOff {
  /** The smallest achievable weighted deviation. */
  best: number;
  /** One step per tolerance tried, from 0 up; fewer than asked when the trade-off stopped early. */
  steps: TradeOffStep[];
  seconds: number;
}

export interface SelectionResult {
  status: 'ok' | 'infeasible';
  algorithm: Algorithm;
  probabilities: Record<string, number>;
  /**
   * Interchangeable people (the same answers, no household ties, not kept), as lists of ids in pool
   * order; every person is in exactly one type. Empty when no panel meets the targets.
   */
  types: string[][];
  /** The distribution over panels, as seats per type; probabilities add up to 1. */
  typePanels: TypePanelShare[];
  diagnostics: Finding[];
  warnings: Finding[];
  /** The smallest relaxation that makes infeasible quotas feasible, when one exists. */
  relaxation?: Relaxation[];
  /** People with probability 0 and why. */
  excluded: Excluded[];
  /** The uniform lottery for the public draw, when `lotterySize` was asked for. */
  lottery?: {
    size: number;
    panels: string[][];
    probabilities: Record<string, number>;
    maxDeviation: number;
  };
  /** For point targets: the smallest achievable weighted deviation and the bound that was used. */
  deviation?: { best: number; allowed: number };
  /**
   * LEXIMIN and MAXIMIN: each level's certificate, lowest first: the probability reached, the upper
   * bound proved for it, and how many types and people it settled.
   */
  levels?: LevelCertificate[];
  /** Point targets, when asked for: the trade-off between allowed deviation and chances (deviationTradeOff.ts). */
  tradeOff?: DeviationTradeOff;
  stats: {
    /** Number of people types after merging interchangeable people. */
    types: number;
    /** Number of LP solves, MILP pricing solves and generated panels. */
    lpSolves: number;
    milpSolves: number;
    columns: number;
    seconds: number;
  };
}

/** The input is wrong in a way the person who supplied it must fix. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly where: { file?: string; row?: number; column?: string } = {},
    readonly code = 'bad-input',
    /** Values for a translation of the message keyed by `code` (catalogue area `reader`). */
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('The selection run was cancelled.');
    this.name = 'CancelledError';
  }
}
