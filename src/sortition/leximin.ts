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
import { CancelledError } from './model.ts';
import type { Instance } from './instance.ts';
import type { DistributionLp, LpSolution } from './distributionLp.ts';
import type { PanelSpace } from './panelSpace.ts';

/** A panel improves the LP when its reduced value exceeds this. */
const PRICING_TOLERANCE = 1e-9;
/** A dual above this marks a type as tight at the current level. */
const TIGHT_DUAL = 1e-9;
/** Panels added per pricing round at most (the best and other improving incumbents). */
const PANELS_PER_ROUND = 25;

export interface LevelProgress {
  fixedPeople: number;
  totalPeople: number;
  level: number;
}

export interface LeximinOptions {
  maximinOnly?: boolean;
  isCancelled: () => boolean;
  onLevel?: (progress: LevelProgress) => void;
}

export interface TypeDistribution {
  /** Probability of each LP column (aligned with lp.panels). */
  lambdas: Float64Array;
  /** Number of levels solved. */
  levels: number;
}

/** Column generation to optimality for the current objective; returns the final LP solution. */
export function generateColumns(lp: DistributionLp, space: PanelSpace, isCancelled: () => boolean): LpSolution {
  const { types } = lp.instance;
  const weights = new Float64Array(types.length);
  for (;;) {
    if (isCancelled()) throw new CancelledError();
    const solution = lp.solve();
    for (let t = 0; t < types.length; t++) weights[t] = solution.duals[t] / types[t].members.length;
    const search = space.best(weights);
    if (search === null) throw new Error('the panel program became infeasible during column generation');
    const threshold = -solution.convexityDual + PRICING_TOLERANCE;
    if (search.value <= threshold) return solution;
    let added = lp.add(search.best) ? 1 : 0;
    for (const other of search.others) {
      if (added >= PANELS_PER_ROUND) break;
      if (other.value > threshold && lp.add(other.panel)) added++;
    }
    if (added === 0) {
      // The best panel is already a column: its reduced value is within the LP's tolerance.
      return solution;
    }
  }
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
  let levels = 0;
  let last: LpSolution | undefined;
  while (unfixed > 0) {
    const solution = generateColumns(lp, space, options.isCancelled);
    last = solution;
    levels++;
    const z = Math.min(1, Math.max(0, solution.z));
    if (options.maximinOnly) break;
    let tight = activeTypes.filter((t) => !fixed[t] && solution.duals[t] > TIGHT_DUAL);
    if (tight.length === 0) {
      // Numerically all duals vanished; the largest one is still the best certificate there is.
      let bestType = -1;
      for (const t of activeTypes) {
        if (!fixed[t] && (bestType < 0 || solution.duals[t] > solution.duals[bestType])) bestType = t;
      }
      tight = [bestType];
    }
    for (const t of tight) {
      fixed[t] = 1;
      unfixed--;
      fixedPeople += types[t].members.length;
      lp.fix(t, z);
    }
    options.onLevel?.({ fixedPeople, totalPeople, level: z });
  }
  if (!last) {
    // Nobody's probability was open (everyone kept or excluded): any single panel will do.
    last = lp.solve();
  }
  return { lambdas: last.lambdas, levels };
}
