/**
 * The one place that talks to HiGHS (compiled to WebAssembly by the `highs` package).
 *
 * The WebAssembly module is loaded once per thread and reused for every solve of a run: loading
 * costs far more than a small solve, and WebAssembly memory never shrinks, so models must be
 * disposed as soon as a run is over. HiGHS errors are caught and re-thrown as short
 * `SolverError`s, because an uncaught one prints the whole module to stderr.
 */

import type { Highs as HighsRuntime, InitOptions, Model, SymbolDisposable } from 'highs';
import * as highsPackage from 'highs';

export type Highs = HighsRuntime;
export type { HighsCallbackMap } from 'highs';
export type HighsModel = SymbolDisposable<Model>;
type Loader = (options?: InitOptions) => Promise<Highs>;

// The package is CommonJS: Node's ESM loader hands its function over as the default export, while
// its declarations describe an ES module; this bridges the two without an `any`.
const loaded = highsPackage as unknown as { default: Loader | { default: Loader } };
const loadHighs: Loader = typeof loaded.default === 'function' ? loaded.default : loaded.default.default;

let loading: Promise<Highs> | undefined;

/** The HiGHS runtime of this thread, loaded on first use. */
export function loadSolver(): Promise<Highs> {
  const promise =
    loading ??
    loadHighs().catch((error: unknown) => {
      loading = undefined;
      throw new SolverError(`could not load the HiGHS solver: ${shortMessage(error)}`);
    });
  loading = promise;
  return promise;
}

export class SolverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SolverError';
  }
}

function shortMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Runs `operation`, turning anything HiGHS throws into a SolverError with a short message. */
export function guarded<T>(what: string, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (error instanceof SolverError) throw error;
    throw new SolverError(`${what} failed: ${shortMessage(error)}`);
  }
}

/** A fresh, silent model with the tolerances the sortition engine relies on. */
export function createQuietModel(highs: Highs, options: Record<string, number | string | boolean> = {}) {
  return guarded('creating a solver model', () => {
    const model = highs.createModel();
    model.options.set({ output_flag: false, ...options });
    return model;
  });
}
