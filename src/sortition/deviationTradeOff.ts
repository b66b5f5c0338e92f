/**
 * The point-target trade-off: how much fairness a little more deviation from the targets buys.
 *
 * With point targets the engine uses only panels within the allowed weighted deviation (the smallest
 * achievable one plus a tolerance). At tolerance 0 some volunteers may be on no such panel, and so
 * have no chance at all; allowing more deviation lets more panels in. For tolerances 0, 1, 2, … this
 * reports the allowed deviation, the lowest selection probability of everyone (0 while anyone is left
 * out), the lowest among those who can be selected (the MAXIMIN optimum over the allowed panels) and
 * how many people have no chance, so that the organiser can choose the tolerance knowingly.
 *
 * Each step is a MAXIMIN run of the engine (it covers everyone who can be covered, so the people left
 * out are exactly those on no allowed panel, and its lowest probability is the best possible one).
 * All steps share one HiGHS runtime.
 */
import { type Highs, loadSolver } from '../solver/highs.ts';
import {
  CancelledError,
  type DeviationTradeOff,
  InputError,
  type Progress,
  type SelectionInput,
  type TradeOffStep,
  type TypePanelShare,
} from './model.ts';
import type { PairedPricingFactory } from './pairedPricing.ts';
import { selectPanelWith } from './selectPanel.ts';

export type { DeviationTradeOff, TradeOffStep } from './model.ts';

/** How many tolerances a trade-off may try: each is a full MAXIMIN run. */
export const MAX_TRADE_OFF_STEPS = 6;
export const DEFAULT_TRADE_OFF_STEPS = 4;

/** The part of one step each phase of a MAXIMIN run takes, roughly as the time goes. */
const phaseShare: Record<Progress['phase'], [number, number]> = {
  prepare: [0, 0.05],
  'initial-panels': [0.05, 0.4],
  leximin: [0.4, 0.95],
  maximin: [0.4, 0.95],
  nash: [0.4, 0.95],
  legacy: [0.4, 0.95],
  decompose: [0.95, 1],
  done: [1, 1],
};

/** Two lowest probabilities closer than this are the same (LP noise). */
const RISE = 1e-6;

export interface TradeOffOptions {
  /** How many tolerances to try (0, 1, …, steps − 1); 1 to MAX_TRADE_OFF_STEPS. */
  steps?: number;
  onProgress?: (progress: Progress) => void;
  isCancelled?: () => boolean;
  /** As `SelectionOptions.pairedPricing`, for every step. */
  pairedPricing?: PairedPricingFactory;
}

export async function deviationTradeOff(
  input: SelectionInput,
  options: TradeOffOptions = {},
): Promise<DeviationTradeOff> {
  const highs = await loadSolver();
  return deviationTradeOffWith(highs, input, options);
}

export function deviationTradeOffWith(
  highs: Highs,
  input: SelectionInput,
  options: TradeOffOptions = {},
): DeviationTradeOff {
  const started = performance.now();
  const steps = options.steps ?? DEFAULT_TRADE_OFF_STEPS;
  if (input.targets.kind !== 'points') {
    throw new InputError('The trade-off is only for point targets.', {}, 'trade-off-needs-points');
  }
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_TRADE_OFF_STEPS) {
    throw new InputError(
      `The trade-off tries 1 to ${MAX_TRADE_OFF_STEPS} tolerances, not ${steps}.`,
      {},
      'trade-off-steps',
      { max: MAX_TRADE_OFF_STEPS },
    );
  }
  const isCancelled = options.isCancelled ?? (() => false);
  const targets = input.targets;
  const found: TradeOffStep[] = [];
  let best = 0;
  let reached = 0;
  let knownPanels: TypePanelShare['counts'][] = [];
  for (let tolerance = 0; tolerance < steps; tolerance++) {
    if (isCancelled()) throw new CancelledError();
    const result = selectPanelWith(
      highs,
      { ...input, targets: { ...targets, tolerance } },
      {
        algorithm: 'maximin',
        isCancelled,
        knownPanels,
        pairedPricing: options.pairedPricing,
        // One bar for the whole trade-off: each step an equal share of it, each phase its part of
        // the step (every phase counts from 0 again), and never going back.
        onProgress: (p) => {
          const [from, to] = phaseShare[p.phase];
          const within = from + Math.min(1, Math.max(0, p.fraction)) * (to - from);
          reached = Math.max(reached, Math.min(1, (tolerance + within) / steps));
          options.onProgress?.({
            phase: p.phase === 'done' ? 'maximin' : p.phase,
            fraction: reached,
            message: `tolerance ${tolerance}`,
          });
        },
      },
    );
    // Point targets are infeasible only when the kept people or households rule every panel out;
    // more deviation changes nothing about that.
    if (result.status !== 'ok' || !result.deviation) break;
    best = result.deviation.best;
    // The next step allows more deviation, so these panels stay allowed: its LP starts from them.
    knownPanels = result.typePanels.map((p) => p.counts);
    const left = new Set(result.excluded.map((e) => e.id));
    let lowestSelectable = 1;
    for (const person of input.people) {
      if (!left.has(person.id))
        lowestSelectable = Math.min(lowestSelectable, result.probabilities[person.id]);
    }
    if (left.size === input.people.length) lowestSelectable = 0;
    const step: TradeOffStep = {
      tolerance,
      allowed: result.deviation.allowed,
      lowest: left.size > 0 ? 0 : lowestSelectable,
      lowestSelectable,
      withoutChance: left.size,
    };
    const previous = found.at(-1);
    found.push(step);
    // More deviation can only add panels; once nobody is left out and the floor no longer rises,
    // further steps would show the same numbers.
    if (previous && step.withoutChance === 0 && step.lowest <= previous.lowest + RISE) break;
  }
  options.onProgress?.({ phase: 'done', fraction: 1 });
  return { best, steps: found, seconds: (performance.now() - started) / 1000 };
}
