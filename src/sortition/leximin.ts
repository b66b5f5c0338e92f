/**
 * LEXIMIN: maximise the lowest selection probability, then the next lowest, and so on
 * (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 596, 2021).
 *
 * Each level maximises the lowest probability z among the types not yet fixed by column generation:
 * the distribution LP over the panels known so far gives duals, the panel program finds the panel
 * that most improves the LP, until no panel does. At the optimum, every type whose dual is positive
 * is at z in *every* optimal distribution (complementary slackness), so those types are fixed at z
 * and the next level starts, warm, from the same LP. MAXIMIN is the first level alone.
 */

import type { DistributionLp, LpSolution } from './distributionLp.ts';
import type { FractionalBound } from './fractionalBound.ts';
import type { Instance } from './instance.ts';
import { CancelledError, type LevelCertificate } from './model.ts';
import { type PanelSpace, panelWeight } from './panelSpace.ts';
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
  level: number;
  bound: number;
  panels: number;
}

export interface LeximinOptions {
  maximinOnly?: boolean;
  swaps?: SwapSearch;
  relaxation?: FractionalBound;
  isCancelled: () => boolean;
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
 * Column generation to optimality for the current level; returns the final LP solution.
 *
 * Plain column generation crawls on this LP: its optimal duals are extreme and jump between
 * rounds, so each new panel helps only a hair. Pricing therefore uses smoothed duals (Wentges):
 * a point between the current duals and the best duals seen so far (the "centre"). Every exact
 * pricing also yields an upper bound on the level (Lagrangian duality), so the loop stops as soon
 * as the LP's value meets the best bound. Before returning, one exact pricing at the LP's own
 * duals confirms that they are optimal, which the caller needs to fix the tight types.
 */
export function generateColumns(
  lp: DistributionLp,
  space: PanelSpace,
  swaps: SwapSearch | undefined,
  isCancelled: () => boolean,
  onRound?: (round: RoundProgress) => void,
  /** A bound from the LP relaxation of the panel program; reaching it closes the level outright. */
  relaxationBound = Number.POSITIVE_INFINITY,
): LpSolution & { closedByRelaxation: boolean; bound: number } {
  const { types } = lp.instance;
  const T = types.length;
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
    for (let t = 0; t < T; t++) if (!Number.isNaN(lp.fixedLower[t])) fixedPart += lp.fixedLower[t] * y[t];
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
    onRound?.({ level, bound: Math.min(centreBound, relaxationBound), panels: lp.panels.length });
    if (level >= relaxationBound - LEVEL_TOLERANCE)
      return { ...solution, closedByRelaxation: true, bound: relaxationBound };
    const threshold = -solution.convexityDual + PRICING_TOLERANCE;
    const converged = centreBound - level <= LEVEL_TOLERANCE;
    let added = 0;
    if (!converged) {
      const trueWeights = Float64Array.from(toWeights(duals));
      // Cheap rounds first: local search at the LP's own duals, while it still finds panels.
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
      if (added > 0) continue;
      const smoothing = Number.isFinite(centreBound) ? alpha : 0;
      for (let t = 0; t < T; t++) trial[t] = smoothing * centre[t] + (1 - smoothing) * duals[t];
      const trialWeights = Float64Array.from(toWeights(trial));
      const start = pricingStart(lp.panels, swaps, trialWeights);
      const search = space.best(trialWeights, undefined, undefined, start);
      if (search === null) throw new Error('the panel program became infeasible during column generation');
      const bound = boundFor(trial, search.bound);
      if (bound < centreBound) {
        centreBound = bound;
        centre.set(trial);
      }
      for (const candidate of [search.best, ...search.others.map((o) => o.panel)]) {
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
  while (unfixed > 0) {
    const relaxed = options.relaxation?.solve();
    let solution = generateColumns(
      lp,
      space,
      options.swaps,
      options.isCancelled,
      options.onRound,
      relaxed?.bound,
    );
    // Closed by the relaxation's bound: its duals certify the tight types. Otherwise the LP's own
    // duals do, once exact pricing has shown them optimal.
    let tight = solution.closedByRelaxation && relaxed ? relaxed.tight.filter((t) => !fixed[t]) : [];
    if (tight.length === 0 && solution.closedByRelaxation) {
      solution = generateColumns(lp, space, options.swaps, options.isCancelled, options.onRound);
    }
    last = solution;
    const z = Math.min(1, Math.max(0, solution.z));
    const certificate: LevelCertificate = {
      value: z,
      bound: Math.max(z, solution.bound),
      typesFixed: 0,
      peopleFixed: 0,
      provedBy: solution.closedByRelaxation ? 'relaxation' : 'pricing',
    };
    levels.push(certificate);
    if (options.maximinOnly) break;
    if (tight.length === 0) {
      tight = activeTypes.filter((t) => !fixed[t] && solution.duals[t] > TIGHT_DUAL);
      for (const t of centredTight(lp, space, activeTypes, fixed)) if (!tight.includes(t)) tight.push(t);
    }
    if (tight.length === 0) {
      // Numerically all duals vanished; the largest one is still the best certificate there is.
      let bestType = -1;
      for (const t of activeTypes) {
        if (!fixed[t] && (bestType < 0 || solution.duals[t] > solution.duals[bestType])) bestType = t;
      }
      tight = [bestType];
    }
    certificate.typesFixed = tight.length;
    for (const t of tight) {
      fixed[t] = 1;
      unfixed--;
      fixedPeople += types[t].members.length;
      certificate.peopleFixed += types[t].members.length;
      lp.fix(t, z);
      options.relaxation?.fix(t, z);
    }
    options.onLevel?.({ fixedPeople, totalPeople, level: z, certificate });
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
