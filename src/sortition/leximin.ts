/**
 * LEXIMIN: maximise the lowest selection probability, then the next lowest, and so on
 * (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 596, 2021).
 *
 * Each level maximises the lowest probability z among the types not yet fixed by column generation:
 * the distribution LP over the panels known so far gives duals, the panel program finds the panel
 * that most improves the LP, until no panel does. At the optimum, every type whose dual is positive
 * is at z in *every* optimal distribution (complementary slackness), so those types are fixed at z
 * and the next level starts, warm, from the same LP. MAXIMIN is the first level alone.
 *
 * All of that comes second: the LP relaxation's leximin is computed first and written as a lottery
 * over real panels (`writeAsPanels`); where that works, it is the answer, and every level is
 * certified by the relaxation. Column generation goes on from where it stopped otherwise.
 */

import { levelsReached, type RelaxedLevel } from './aimReached.ts';
import type { DistributionLp, LpSolution } from './distributionLp.ts';
import type { FractionalBound } from './fractionalBound.ts';
import type { Instance } from './instance.ts';
import { CancelledError, type LevelCertificate } from './model.ts';
import type { PairedPricing } from './pairedPricing.ts';
import { type PanelSpace, panelWeight } from './panelSpace.ts';
import type { PointDecomposition } from './pointDecomposition.ts';
import { pricingStart } from './pricingStart.ts';
import { SwapSearch } from './swapSearch.ts';

/** A panel improves the LP when its reduced value exceeds this. */
const PRICING_TOLERANCE = 1e-9;
/** A dual above this marks a type as tight at the current level. */
const TIGHT_DUAL = 1e-9;
const SWAP_STARTS = 12;
const SMOOTHING = 0.8;
const SWAP_AVERAGING = 0.5;
const DAMPING = 0.2;
/** The level is optimal once the best upper bound is this close to the LP's value. */
const LEVEL_TOLERANCE = 1e-9;
/**
 * A level closes once the LP is this close to the relaxation's bound: the gap its certificate
 * shows, a hundredth of the 1e-5 asked for, and the last stretch of column generation's tail saved
 * (each halving of the gap costs rounds of several seconds on the 965-type pool).
 */
const RELAXATION_TOLERANCE = 1e-7;
/** Swap panels must improve by a little more, so that the MILP settles the last rounding doubts. */
const SWAP_MARGIN = 1e-7;
/** Panels added per pricing round at most (the best and other improving incumbents). */
const PANELS_PER_ROUND = 25;

export interface LevelProgress {
  fixedPeople: number;
  totalPeople: number;
  level: number;
  certificate: LevelCertificate;
}

/** Where column generation stands: the LP's level, the best proven upper bound, panels so far. */
export interface RoundProgress {
  /** While aiming at the relaxation's leximin: the largest shortfall from it (negated), else the level. */
  aiming?: boolean;
  level: number;
  bound: number;
  panels: number;
  /** The LP's distribution this round (aligned with lp.panels). */
  lambdas: Float64Array;
}

export interface LeximinOptions {
  maximinOnly?: boolean;
  swaps?: SwapSearch;
  /** The second MILP of each pricing round, at the LP's own duals (see `pairedPricing.ts`). */
  paired?: PairedPricing;
  relaxation?: FractionalBound;
  /**
   * A second, untouched relaxation: its own leximin is computed first and aimed at (see
   * `reachRelaxedLeximin`); without it, or when the aim cannot be reached, levels go one by one.
   */
  aim?: FractionalBound;
  /**
   * Writes a point of the relaxation as a lottery over real panels (`pointDecomposition.ts`): tried
   * first on the aim's leximin, which settles every level at once where it completes.
   */
  decompose?: (point: Float64Array, onPanel: (rest: number, panels: number) => void) => PointDecomposition;
  isCancelled: () => boolean;
  /** While the relaxation's leximin is being written as panels: the weight left, and panels so far. */
  onDecompose?: (rest: number, panels: number) => void;
  onLevel?: (progress: LevelProgress) => void;
  onRound?: (progress: RoundProgress) => void;
}

export interface TypeDistribution {
  /** Probability of each LP column (aligned with lp.panels). */
  lambdas: Float64Array;
  /** Each level's certificate, in order. */
  levels: LevelCertificate[];
}

/**
 * From this many types with a row in the LP on, every round prices by MILP, also when the swap
 * search found panels. There a round's LP re-solve costs seconds and a MILP a fraction of one, and
 * the MILP's panels serve the LP better: paperLargest's sixth level closed at 180 s instead of 361 s
 * (48 LP solves instead of 127), and its seventh (0.139593), which had crawled on the swap search's
 * panels to 0.1253 in the next 320 s, closed 300 s after the sixth. The first level comes later
 * (40 s instead of 17 s); without the MILPs in that first aim, the sixth level closed at 210 s.
 */
const PRICE_EVERY_ROUND_TYPES = 600;

/**
 * Column generation to optimality for the current level; returns the final LP solution.
 *
 * Plain column generation crawls on this LP: its optimal duals are extreme and jump between
 * rounds, so each new panel helps only a hair. Pricing therefore uses smoothed duals (Wentges):
 * a point between the current duals and the best duals seen so far (the "centre"). Every exact
 * pricing also yields an upper bound on the level (Lagrangian duality), so the loop stops as soon
 * as the LP's value meets the best bound. Before returning, one exact pricing at the LP's own
 * duals confirms that they are optimal, which the caller needs to fix the tight types.
 *
 * A round that prices smoothed duals also prices the LP's own duals (`paired`, on the second core
 * where there is one): the two points bring different panels, and the rounds halve (Swedish point
 * pool: 229 LP solves → 112, and 38 → 30 s with both MILPs on one core).
 */
export function generateColumns(
  lp: DistributionLp,
  space: PanelSpace,
  { swaps, paired, isCancelled }: Pick<LeximinOptions, 'swaps' | 'paired' | 'isCancelled'>,
  onRound?: (round: RoundProgress) => void,
  /** A bound from the LP relaxation of the panel program; reaching it closes the level outright. */
  relaxationBound = Number.POSITIVE_INFINITY,
  /** Give up once the level is proved below this (used when aiming, where only reaching 0 helps). */
  abandonBelow = Number.NEGATIVE_INFINITY,
): LpSolution & { closedByRelaxation: boolean; bound: number } {
  const { types } = lp.instance;
  const T = types.length;
  const priceEveryRound = lp.typeRows >= PRICE_EVERY_ROUND_TYPES;
  const duals = new Float64Array(T);
  const centre = new Float64Array(T);
  const trial = new Float64Array(T);
  const weights = new Float64Array(T);
  let centreBound = Number.POSITIVE_INFINITY;
  const averaged = new Float64Array(T);
  let hasAverage = false;
  let alpha = SMOOTHING;
  /** Upper bound on the level for duals y, given the best panel value for weights y_t/n_t. */
  const boundFor = (y: Float64Array, bestValue: number) => {
    let fixedPart = 0;
    for (let t = 0; t < T; t++) if (y[t] !== 0) fixedPart += lp.rowLower(t) * y[t];
    return bestValue - fixedPart;
  };
  const toWeights = (y: Float64Array) => {
    for (let t = 0; t < T; t++) weights[t] = y[t] / types[t].members.length;
    return weights;
  };
  for (;;) {
    if (isCancelled()) throw new CancelledError();
    const solution = lp.solve();
    duals.set(solution.duals);
    const level = solution.z;
    onRound?.({
      level,
      bound: Math.min(centreBound, relaxationBound),
      panels: lp.panels.length,
      lambdas: solution.lambdas,
    });
    if (level >= relaxationBound - RELAXATION_TOLERANCE)
      return { ...solution, closedByRelaxation: true, bound: relaxationBound };
    const threshold = -solution.convexityDual + PRICING_TOLERANCE;
    const converged = centreBound - level <= LEVEL_TOLERANCE;
    let added = 0;
    if (!converged) {
      const trueWeights = Float64Array.from(toWeights(duals));
      // Cheap rounds first: local search at the LP's own duals, while it still finds panels (large
      // LPs price by MILP as well, see PRICE_EVERY_ROUND_TYPES).
      if (swaps) {
        // Averaged duals move less than the LP's extreme ones, and their panels help the LP more.
        if (hasAverage) {
          for (let t = 0; t < T; t++)
            averaged[t] = SWAP_AVERAGING * averaged[t] + (1 - SWAP_AVERAGING) * trueWeights[t];
          added = addImprovingBySwaps(lp, swaps, averaged, trueWeights, threshold);
        } else {
          averaged.set(trueWeights);
          hasAverage = true;
        }
        if (added === 0) added = addImprovingBySwaps(lp, swaps, trueWeights, trueWeights, threshold);
      }
      if (added > 0 && !priceEveryRound) continue;
      const smoothing = Number.isFinite(centreBound) ? alpha : 0;
      for (let t = 0; t < T; t++) trial[t] = smoothing * centre[t] + (1 - smoothing) * duals[t];
      const trialWeights = Float64Array.from(toWeights(trial));
      // Without smoothing both points are the same.
      const pairing = paired && smoothing > 0 ? paired : undefined;
      pairing?.post(trueWeights, pricingStart(lp.panels, swaps, trueWeights));
      const start = pricingStart(lp.panels, swaps, trialWeights);
      const search = space.best(trialWeights, undefined, undefined, start);
      const pairedSearch = pairing?.take(isCancelled) ?? null;
      if (search === null) throw new Error('the panel program became infeasible during column generation');
      for (const [y, found] of [
        [trial, search],
        [duals, pairedSearch],
      ] as const) {
        if (found === null) continue;
        const bound = boundFor(y, found.bound);
        if (bound < centreBound) {
          centreBound = bound;
          centre.set(y);
        }
      }
      if (centreBound < abandonBelow) return { ...solution, closedByRelaxation: false, bound: centreBound };
      const candidates = [search.best, ...search.others.map((o) => o.panel)];
      if (pairedSearch) candidates.push(pairedSearch.best, ...pairedSearch.others.map((o) => o.panel));
      for (const candidate of candidates) {
        if (added >= PANELS_PER_ROUND) break;
        if (panelWeight(candidate.counts, trueWeights) > threshold && lp.add(candidate)) added++;
      }
      if (swaps) added += addImprovingBySwaps(lp, swaps, trialWeights, trueWeights, threshold);
      if (added === 0 && smoothing > 0) alpha = Math.max(0, alpha - 0.1);
      if (added > 0 || smoothing > 0) continue;
    }
    // Converged by the bound, or exact pricing at the LP's duals found nothing new: confirm.
    const check = space.best(toWeights(duals), undefined, threshold);
    // No panel above the threshold: at these duals the Lagrangian bound is the LP's value.
    if (check === null || check.value <= threshold) {
      return {
        ...solution,
        closedByRelaxation: false,
        bound: Math.min(relaxationBound, level + PRICING_TOLERANCE),
      };
    }
    // The best panel is known already (rounding): the solver's own bound is the certificate.
    if (!lp.add(check.best)) {
      return {
        ...solution,
        closedByRelaxation: false,
        bound: Math.min(relaxationBound, boundFor(duals, check.bound)),
      };
    }
    centreBound = Math.max(centreBound, level + 2 * LEVEL_TOLERANCE);
  }
}

/**
 * Local search from the heaviest known panels and from a few others chosen in turn; adds the
 * panels it reaches that improve the LP. Different starts reach different local optima, which is
 * what the LP needs: many distinct good panels per round.
 */
function addImprovingBySwaps(
  lp: DistributionLp,
  swaps: SwapSearch,
  searchWeights: Float64Array,
  weights: Float64Array,
  threshold: number,
): number {
  const scored = lp.panels.map((panel) => ({ panel, value: panelWeight(panel.counts, searchWeights) }));
  scored.sort((a, b) => b.value - a.value);
  const starts = scored.slice(0, SWAP_STARTS).map((s) => s.panel);
  // Spread the other starts over the whole list, from a place that moves with the list's length.
  const stride = Math.max(1, Math.floor(scored.length / SWAP_STARTS));
  for (let i = lp.panels.length % stride; i < scored.length && starts.length < 2 * SWAP_STARTS; i += stride) {
    starts.push(scored[i].panel);
  }
  let added = 0;
  // After each panel found, the weights of its members are damped, so that the next search seats
  // other people: the LP needs panels that differ, not the same local optimum again.
  const damped = Float64Array.from(searchWeights);
  const types = lp.instance.types;
  for (const start of starts) {
    const improved = swaps.improve(start.counts, damped, SwapSearch.order(damped));
    if (panelWeight(improved.counts, weights) > threshold + SWAP_MARGIN && lp.add(improved)) {
      added++;
      for (let t = 0; t < types.length; t++) {
        if (improved.counts[t] > 0) damped[t] *= 1 - (DAMPING * improved.counts[t]) / types[t].members.length;
      }
    }
    if (added >= PANELS_PER_ROUND) break;
  }
  return added;
}

/**
 * A type counts as at the level when its probability is within this of it: well above the LP's
 * feasibility tolerance (1e-9), so that a type the solver left a rounding above still counts.
 */
const AT_LEVEL = 1e-7;
/** A centred dual (probability units) must exceed this, and this many times the type's slack. */
const CENTRED_DUAL = 1e-7;
const CENTRED_RATIO = 100;

/**
 * The open types tight in every optimal distribution, from centred duals: the simplex's duals are a
 * vertex of the optimal dual face and name only some of them, so each level would settle a few
 * types and the next levels would end at the same value. Near the centre of the face each type has
 * either a positive dual or a positive slack. The centred duals are optimal over the panels known
 * so far; exact pricing at them shows that no other panel improves on them, which makes them
 * optimal over all panels. Without that proof, nothing is added.
 */
function centredTight(
  lp: DistributionLp,
  space: PanelSpace,
  activeTypes: number[],
  fixed: Uint8Array,
): number[] {
  const centred = lp.centredDuals();
  if (centred === null) return [];
  const { types } = lp.instance;
  const weights = new Float64Array(types.length);
  for (let t = 0; t < types.length; t++) weights[t] = Math.max(0, centred.duals[t]) / types[t].members.length;
  const threshold = -centred.convexityDual + PRICING_TOLERANCE;
  const check = space.best(weights, undefined, threshold);
  if (check !== null && check.value > threshold) return [];
  return activeTypes.filter(
    (t) =>
      !fixed[t] && centred.duals[t] > CENTRED_DUAL && centred.duals[t] > CENTRED_RATIO * centred.slacks[t],
  );
}

export function leximin(
  instance: Instance,
  lp: DistributionLp,
  space: PanelSpace,
  activeTypes: number[],
  options: LeximinOptions,
): TypeDistribution {
  const { types } = instance;
  const fixed = new Uint8Array(types.length);
  let unfixed = activeTypes.length;
  let fixedPeople = 0;
  const totalPeople = activeTypes.reduce((sum, t) => sum + types[t].members.length, 0);
  const levels: LevelCertificate[] = [];
  let last: LpSolution | undefined;
  /** Counts a level's types and people into its certificate, and reports the level. */
  const announce = (tight: number[], certificate: LevelCertificate) => {
    certificate.typesFixed = tight.length;
    certificate.peopleFixed = tight.reduce((sum, t) => sum + types[t].members.length, 0);
    fixedPeople += certificate.peopleFixed;
    options.onLevel?.({ fixedPeople, totalPeople, level: certificate.value, certificate });
  };
  /** Settles the given open types at a level: they leave the objective and keep that probability. */
  const settle = (tight: number[], certificate: LevelCertificate, fixAt: (t: number) => number) => {
    for (const t of tight) {
      fixed[t] = 1;
      unfixed--;
      lp.fix(t, fixAt(t));
      options.relaxation?.fix(t, certificate.value);
    }
    announce(tight, certificate);
  };
  if (options.aim && !options.maximinOnly && activeTypes.length > 0) {
    const relaxed = relaxedLeximin(options.aim, activeTypes, options.isCancelled);
    const written = relaxed && writeAsPanels(lp, relaxed, options);
    if (written) {
      for (const { tight, certificate } of written.levels) {
        levels.push(certificate);
        announce(tight, certificate);
      }
      return { lambdas: written.lambdas, levels };
    }
    const reached = reachRelaxedLeximin(lp, space, relaxed, options, (tight, certificate, fixAt) => {
      levels.push(certificate);
      settle(tight, certificate, fixAt);
    });
    if (reached && unfixed === 0) {
      const polished = lp.polish(reached.exact) ?? reached.solution;
      return { lambdas: polished.lambdas, levels };
    }
    lp.aimAt(null);
  }
  while (unfixed > 0) {
    const relaxed = options.relaxation?.solve();
    /** Infinite without a relaxation, or when it did not solve. */
    const relaxedBound = relaxed?.bound ?? Number.POSITIVE_INFINITY;
    // With point targets the relaxation's bound is often out of reach (levels closed by pricing):
    // aiming at it was wasted there (Swedish pool: 139 s with, 121 s without).
    if (Number.isFinite(relaxedBound) && lp.canAim && instance.mode === 'quotas') {
      const open = activeTypes.filter((t) => !fixed[t]);
      const aimed = aimAtLevel(lp, space, open, relaxedBound, options);
      const tightAtAim = relaxed?.tight.filter((t) => !fixed[t]) ?? [];
      if (aimed && tightAtAim.length > 0 && !options.maximinOnly) {
        // Every open type reached the bound: the relaxation's tight types are settled there, and the
        // LP goes on aiming at the next level. Going back to max–min first only to find the level
        // reached cost two basis repairs a level on paperLargest (3,000–7,300 iterations each).
        const probability = typeProbabilities(lp, aimed.lambdas);
        let value = Math.min(1, relaxedBound);
        for (const t of open) value = Math.min(value, probability[t]);
        const certificate: LevelCertificate = {
          value: Math.max(0, value),
          bound: relaxedBound,
          typesFixed: 0,
          peopleFixed: 0,
          provedBy: 'relaxation',
        };
        levels.push(certificate);
        last = aimed;
        settle(tightAtAim, certificate, (t) => Math.min(probability[t], relaxedBound));
        continue;
      }
      lp.aimAt(null);
    }
    let solution = generateColumns(lp, space, options, options.onRound, relaxedBound);
    // Closed by the relaxation's bound: its duals certify the tight types. Otherwise the LP's own
    // duals do, once exact pricing has shown them optimal.
    let tight = solution.closedByRelaxation && relaxed ? relaxed.tight.filter((t) => !fixed[t]) : [];
    if (tight.length === 0 && solution.closedByRelaxation) {
      solution = generateColumns(lp, space, options, options.onRound);
    }
    last = solution;
    // The LP may end a little above the relaxation's bound: each settled type may sit FIX_SLACK
    // below its level, and a later level can gather that slack from many of them (Swedish pool:
    // up to 5e-5 above, after hundreds of types were settled). The bound is the honest value, so
    // the level is settled there and its certificate shows no more than was proved.
    const z = Math.min(1, Math.max(0, Math.min(solution.z, relaxedBound)));
    const certificate: LevelCertificate = {
      value: z,
      bound: Math.max(z, Math.min(solution.bound, relaxedBound)),
      typesFixed: 0,
      peopleFixed: 0,
      provedBy: solution.closedByRelaxation ? 'relaxation' : 'pricing',
    };
    levels.push(certificate);
    if (options.maximinOnly) break;
    if (tight.length === 0) {
      tight = activeTypes.filter((t) => !fixed[t] && solution.duals[t] > TIGHT_DUAL);
      // A type above the level in this optimum is not at it in every optimum: when the vertex duals
      // already name every open type at the level, the centred solve could add none.
      const probability = typeProbabilities(lp, solution.lambdas);
      const atLevel = activeTypes.filter((t) => !fixed[t] && probability[t] <= solution.z + AT_LEVEL);
      if (atLevel.some((t) => !tight.includes(t))) {
        for (const t of centredTight(lp, space, activeTypes, fixed)) if (!tight.includes(t)) tight.push(t);
      }
    }
    if (tight.length === 0) {
      // Numerically all duals vanished; the largest one is still the best certificate there is.
      let bestType = -1;
      for (const t of activeTypes) {
        if (!fixed[t] && (bestType < 0 || solution.duals[t] > solution.duals[bestType])) bestType = t;
      }
      tight = [bestType];
    }
    settle(tight, certificate, () => z);
  }
  if (!last) {
    // Nobody's probability was open (everyone kept or excluded): any single panel will do.
    lp.pinLevel();
    last = lp.solve();
  } else if (!options.maximinOnly) {
    last = lp.polish() ?? last;
  }
  return { lambdas: last.lambdas, levels };
}

/**
 * The aim sits this far below the relaxation's levels: they are computed to the solver's tolerance,
 * and an aim a hair too high could never be reached.
 */
const AIM_MARGIN = 1e-8;
/**
 * The aim counts as reached once the people short of it add up to no more than this (expected
 * persons, so no type falls short by more in probability). With the margin it is each level's
 * largest possible gap between the probability reached and the proved bound:
 * within the 1e-5 asked for (the reference implementations stop a level at 5e-4). Column
 * generation's tail is long, and each halving of this costs several rounds.
 */
const AIM_SHORTFALL = 1e-7;
/** Aiming stops once the shortfall is proved larger than this: the relaxation's leximin is out of reach. */
const AIM_UNREACHABLE = 2 * AIM_SHORTFALL;

/** The leximin of the LP relaxation: per open type the level it settles at, and the levels in order. */
function relaxedLeximin(
  relaxation: FractionalBound,
  activeTypes: number[],
  isCancelled: () => boolean,
): RelaxedLeximin | null {
  const aim = new Float64Array(relaxation.numTypes);
  const open = new Set(activeTypes);
  const levels: RelaxedLevel[] = [];
  while (open.size > 0) {
    if (isCancelled()) throw new CancelledError();
    const { bound, tight } = relaxation.solve();
    const settled = tight.filter((t) => open.has(t));
    if (!Number.isFinite(bound) || settled.length === 0) return null;
    const value = Math.min(1, Math.max(0, bound));
    for (const t of settled) {
      aim[t] = value;
      open.delete(t);
      relaxation.fix(t, value);
    }
    levels.push({ value, types: settled });
  }
  return { aim, levels, point: relaxation.point() };
}

interface RelaxedLeximin {
  /** Per open type the level it settles at. */
  aim: Float64Array;
  levels: RelaxedLevel[];
  /** The relaxation's last optimum (`FractionalBound.point`): its types at (or above) their levels. */
  point: Float64Array | null;
}

/**
 * Tries to write the relaxation's leximin point as a lottery over real panels. Where that
 * completes, each type's probability is the point's (to the LP's noise), so each relaxation level
 * is reached and is its own certificate: the whole leximin without a distribution LP solve. Where
 * it does not, the panels found are kept as columns and null is returned.
 */
function writeAsPanels(
  lp: DistributionLp,
  relaxed: RelaxedLeximin,
  options: LeximinOptions,
): { lambdas: Float64Array; levels: { tight: number[]; certificate: LevelCertificate }[] } | null {
  if (!relaxed.point || !options.decompose) return null;
  const written = options.decompose(relaxed.point, (rest, panels) => options.onDecompose?.(rest, panels));
  for (const panel of written.panels) lp.add(panel);
  if (!written.complete) return null;
  const column = new Map(lp.panels.map((panel, j) => [panel.key, j]));
  const lambdas = new Float64Array(lp.panels.length);
  written.panels.forEach((panel, i) => {
    lambdas[column.get(panel.key) ?? -1] += written.weights[i];
  });
  const probability = typeProbabilities(lp, lambdas);
  const levels: { tight: number[]; certificate: LevelCertificate }[] = [];
  for (const level of relaxed.levels) {
    const certificate = reachedLevel(level, probability);
    // The relaxation's own noise only; anything more and the level was not reached.
    if (certificate.value < level.value - AIM_MARGIN - AIM_SHORTFALL) return null;
    levels.push({ tight: level.types, certificate });
  }
  return { lambdas, levels };
}

/** A relaxation level's certificate: the lowest probability of its types, and its value as the bound. */
function reachedLevel(level: RelaxedLevel, probability: Float64Array): LevelCertificate {
  let value = level.value;
  for (const t of level.types) value = Math.min(value, probability[t]);
  return {
    value: Math.max(0, value),
    bound: level.value,
    typesFixed: 0,
    peopleFixed: 0,
    provedBy: 'relaxation',
  };
}

/**
 * How the aim is paced: a shortfall at level ℓ costs `priority`^ℓ per person, and aiming gives up
 * when the people short are still above `stallRatio` of what they were `stallRounds` rounds before.
 *
 * Equal costs let every round's panels serve all levels at once; where the whole aim is reached,
 * that is the quickest (measured 2026-12-07, against halving costs with "halved in 25 rounds"):
 * Swedish point pool 59.7 → 40 s, its untilted twin 36.5 → 27.9 s, sfBenchmark 14.3 → 4.4 s,
 * largeAssembly 2.3 → 1.1 s. The shortfall then falls steadily but slowly (on the Swedish pool by a
 * quarter in its slowest 25 rounds, and it took 48 rounds to halve once), so the stall rule only
 * asks for a tenth, and over 60 rounds: where the swap search finds panels, rounds are cheap and
 * each gains little (a 250-person, 70-seat point pool stalled after 25 rounds and then spent 8.5 s
 * on one level: 20.3 s in all, 15.7 s with 60 rounds; the other cases of the bench are unchanged).
 *
 * On the largest pools a round costs seconds and the aim is not reached in minutes: paperLargest
 * (965 types) with equal costs settled nothing in 300 s, where halving costs reach the lowest levels
 * first and settle them while the higher ones are still short (its first level at ~20 s). There the
 * aim gives up, as before, when the people short have not halved in 25 rounds, and the level-by-level
 * loop goes on from the panels found.
 */
interface AimPace {
  priority: number;
  stallRounds: number;
  stallRatio: number;
}
const EQUAL_PACE: AimPace = { priority: 1, stallRounds: 60, stallRatio: 0.9 };
const LOWEST_FIRST_PACE: AimPace = { priority: 0.5, stallRounds: 25, stallRatio: 0.5 };
/** From this many open types on, the aim goes lowest levels first (`LOWEST_FIRST_PACE`). */
const LOWEST_FIRST_TYPES = 600;

class AimStalled extends Error {}

/**
 * Every distribution over panels has expected counts inside the LP relaxation, so the relaxation's
 * leximin is at least as good, level by level, as the real one. Where a distribution over real
 * panels reaches it (within the tolerance), that distribution *is* leximin-optimal and each
 * relaxation level is its certificate: the whole leximin costs one column generation instead of
 * one per level, each ending in exact pricing (sfBenchmark: 12 s where level by level did not
 * finish in 200 s).
 *
 * Levels are settled as soon as they are reached, lowest first: level ℓ is reached once its types
 * are at their aim and every type not yet settled is at least at its value. Any distribution at
 * the relaxation's first ℓ levels is optimal for them among fractional panels too, so the types
 * tight there are at those values in every optimum, as in the level-by-level loop. Returns the
 * last solution and the relaxation's levels per type when every level was reached; otherwise null, with the levels reached settled and
 * the panels found kept, for the level-by-level loop to go on from.
 */
function reachRelaxedLeximin(
  lp: DistributionLp,
  space: PanelSpace,
  relaxed: RelaxedLeximin | null,
  options: LeximinOptions,
  settle: (tight: number[], certificate: LevelCertificate, fixAt: (t: number) => number) => void,
): { solution: LpSolution; exact: Float64Array } | null {
  if (relaxed === null) return null;
  const activeTypes = relaxed.levels.flatMap((level) => level.types);
  const aim = relaxed.aim.map((value) => Math.max(0, value - AIM_MARGIN));
  const pace = activeTypes.length >= LOWEST_FIRST_TYPES ? LOWEST_FIRST_PACE : EQUAL_PACE;
  const priority = new Float64Array(aim.length);
  relaxed.levels.forEach((level, l) => {
    for (const t of level.types) priority[t] = pace.priority ** l;
  });
  lp.aimAt(aim, priority);
  let reached = 0;
  const settleReached = (lambdas: Float64Array) => {
    const probability = typeProbabilities(lp, lambdas);
    const tolerance = { margin: AIM_MARGIN, shortfall: AIM_SHORTFALL };
    const upTo = levelsReached(relaxed.levels, aim, probability, reached, tolerance);
    for (; reached < upTo; reached++) {
      const level = relaxed.levels[reached];
      const certificate = reachedLevel(level, probability);
      // Where it was reached: fixing there keeps the LP's distribution feasible.
      settle(level.types, certificate, (t) => Math.min(probability[t], aim[t]));
    }
  };
  const solution = generateTowardsAim(
    lp,
    space,
    options,
    pace,
    // Closes once the LP is within its tolerance of the aim, so no type is short by more.
    RELAXATION_TOLERANCE - AIM_SHORTFALL,
    (round) => settleReached(round.lambdas),
  );
  if (solution === null) return null;
  settleReached(solution.lambdas);
  return reached === relaxed.levels.length ? { solution, exact: relaxed.aim } : null;
}

/** Aiming at one level gives up when the people short of it have not halved in 10 rounds. */
const LEVEL_AIM_STALL = { stallRounds: 10, stallRatio: 0.5 };

/**
 * Before a level's max–min column generation: the same panels sought by aiming every open type at
 * the relaxation's bound for the level, with shortfalls that cost people (see `reachRelaxedLeximin`
 * for why capped duals converge where max–min's extreme ones crawl). Returns the LP's solution where
 * the bound is reached, still aiming; null where it stalls (an integrality gap, or a slow tail), and
 * the max–min loop goes on from the panels found. On paperLargest this closed the fourth level
 * (0.065384) at 201 s, which level by level had not reached in 600 s.
 */
function aimAtLevel(
  lp: DistributionLp,
  space: PanelSpace,
  open: number[],
  bound: number,
  options: LeximinOptions,
): LpSolution | null {
  const aim = new Float64Array(lp.instance.types.length);
  for (const t of open) aim[t] = Math.max(0, Math.min(1, bound) - AIM_MARGIN);
  lp.aimAt(aim);
  // Closes once the people short add up to half the level's tolerance.
  const solution = generateTowardsAim(lp, space, options, LEVEL_AIM_STALL, RELAXATION_TOLERANCE / 2);
  // z is minus the people short: reached where generateColumns closed on it.
  return solution !== null && solution.z >= -RELAXATION_TOLERANCE / 2 ? solution : null;
}

/**
 * Column generation towards the LP's current aim, closing once z (minus the people short) reaches
 * `closeAt`; null when the people short are still above `stallRatio` of what they were
 * `stallRounds` rounds before, or are proved above the tolerance. `eachRound` sees every round's distribution first.
 */
function generateTowardsAim(
  lp: DistributionLp,
  space: PanelSpace,
  options: LeximinOptions,
  { stallRounds, stallRatio }: Pick<AimPace, 'stallRounds' | 'stallRatio'>,
  closeAt: number,
  eachRound?: (round: RoundProgress) => void,
): LpSolution | null {
  const history: number[] = [];
  const onRound = (round: RoundProgress) => {
    eachRound?.(round);
    options.onRound?.({ ...round, aiming: true });
    history.push(round.level);
    const before = history[history.length - 1 - stallRounds];
    // The level is minus the people short.
    if (before !== undefined && round.level < before * stallRatio) throw new AimStalled();
  };
  try {
    return generateColumns(lp, space, options, onRound, closeAt, -AIM_UNREACHABLE);
  } catch (error) {
    if (error instanceof AimStalled) return null;
    throw error;
  }
}

/** Each type's selection probability under the LP's distribution. */
function typeProbabilities(lp: DistributionLp, lambdas: Float64Array): Float64Array {
  const { types } = lp.instance;
  const probability = new Float64Array(types.length);
  lp.panels.forEach((panel, j) => {
    if (!(lambdas[j] > 0)) return;
    for (let t = 0; t < panel.counts.length; t++) {
      if (panel.counts[t] > 0) probability[t] += (lambdas[j] * panel.counts[t]) / types[t].members.length;
    }
  });
  return probability;
}
