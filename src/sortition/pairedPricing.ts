/**
 * The second pricing MILP of each column generation round.
 *
 * A round prices the smoothed duals (see `generateColumns` in leximin.ts); pricing the LP's own
 * duals in the same round as well halves the rounds: the two dual points lie on either side of the
 * stability centre and bring different panels. With point targets a round is one LP re-solve and
 * MILPs of about the same length, so the second MILP runs on the other core where there is one
 * (`engine/pricing-thread.ts`, given as `SelectionOptions.pairedPricing`), while this thread solves
 * the first.
 *
 * Both kinds answer alike: the second MILP always has its own panel model with the same call
 * history, whether that model lives in a worker or here, so a run takes the same path on any
 * machine.
 */
import type { Highs } from '../solver/highs.ts';
import type { Instance } from './instance.ts';
import { type PanelSearch, PanelSpace } from './panelSpace.ts';

export interface PairedPricing {
  /** Starts the MILP for these weights (per seat of each type), from `start` if given. */
  post(weights: Float64Array, start?: Int32Array): void;
  /**
   * The answer to the MILP posted last; null when no panel exists. Throws CancelledError once
   * `isCancelled` says so, rather than wait on (the MILP posted is then abandoned).
   */
  take(isCancelled?: () => boolean): PanelSearch | null;
  /** MILPs solved. */
  readonly solves: number;
  dispose(): void;
}

/** What a paired pricing model is built from: the instance and, with point targets, the allowed deviation. */
export interface PricingModelSetup {
  instance: Instance;
  /** As `PanelSpace.setDeviationBound`. */
  deviationBound?: number;
}

/**
 * Where the paired MILPs run, given what they price and how many types are open: a pricing of the
 * caller's (a worker thread), or undefined for `InThreadPricing`.
 */
export type PairedPricingFactory = (setup: PricingModelSetup, openTypes: number) => PairedPricing | undefined;

/** The paired panel model, as the worker builds it too. */
export function pricingModel(highs: Highs, setup: PricingModelSetup): PanelSpace {
  const space = new PanelSpace(highs, setup.instance);
  if (setup.deviationBound !== undefined) space.setDeviationBound(setup.deviationBound);
  return space;
}

/**
 * A paired pricing made on first use: a run whose leximin is written as panels straight away
 * (`pointDecomposition.ts`) prices nothing, and then starts no worker (~0.2 s) and builds no model.
 */
export class LazyPairedPricing implements PairedPricing {
  private made: PairedPricing | undefined;

  constructor(private readonly make: () => PairedPricing) {}

  get solves(): number {
    return this.made?.solves ?? 0;
  }

  post(weights: Float64Array, start?: Int32Array): void {
    this.made ??= this.make();
    this.made.post(weights, start);
  }

  take(isCancelled?: () => boolean): PanelSearch | null {
    if (!this.made) throw new Error('no pricing MILP was posted');
    return this.made.take(isCancelled);
  }

  dispose(): void {
    this.made?.dispose();
  }
}

/** The second MILP on this thread, after the first: its own model, built on first use. */
export class InThreadPricing implements PairedPricing {
  private space: PanelSpace | undefined;
  private request: { weights: Float64Array; start?: Int32Array } | undefined;

  constructor(
    private readonly highs: Highs,
    private readonly setup: PricingModelSetup,
  ) {}

  get solves(): number {
    return this.space?.solves ?? 0;
  }

  post(weights: Float64Array, start?: Int32Array): void {
    if (this.request) throw new Error('a pricing MILP is already waiting');
    this.request = { weights: Float64Array.from(weights), start: start && Int32Array.from(start) };
  }

  take(): PanelSearch | null {
    const request = this.request;
    if (!request) throw new Error('no pricing MILP was posted');
    this.request = undefined;
    this.space ??= pricingModel(this.highs, this.setup);
    return this.space.best(request.weights, undefined, undefined, request.start);
  }

  dispose(): void {
    this.space?.dispose();
    this.space = undefined;
  }
}
