/**
 * The quick check behind a targets editor: can any panel meet the targets at all, and if not, why not
 * and what is the smallest change that helps. These are the first steps of `selectPanel` (compile,
 * counting arguments, one panel search, the relaxation MILP) without the fair distribution, so they
 * take a fraction of a second where a full LEXIMIN run takes much longer.
 */
import { guarded, type Highs } from '../solver/highs.ts';
import { compileInstance } from './instance.ts';
import type { Finding, Relaxation, SelectionInput } from './model.ts';
import { PanelSpace } from './panelSpace.ts';
import { countingFindings, relaxQuotas } from './relaxQuotas.ts';

export interface FeasibilityReport {
  feasible: boolean;
  /** Why no panel meets the targets (empty when one does). */
  findings: Finding[];
  /** Things worth knowing even when a panel exists (values without a target, …). */
  warnings: Finding[];
  /** The smallest relaxation, when the targets cannot be met and one exists. */
  relaxation?: Relaxation[];
  /** Number of people in the pool per feature and value as the engine matched them. */
  poolCounts: { feature: string; value: string; count: number }[];
}

/** Throws the engine's InputError when the input itself is wrong (empty pool, panel too large, …). */
export function checkFeasibility(highs: Highs, input: SelectionInput): FeasibilityReport {
  const instance = compileInstance(input);
  const poolCounts = instance.values.map((v) => ({
    feature: instance.features[v.feature].name,
    value: v.name,
    count: v.poolCount,
  }));
  const space = new PanelSpace(highs, instance);
  try {
    if (space.best(new Float64Array(instance.types.length)) !== null) {
      return { feasible: true, findings: [], warnings: instance.warnings, poolCounts };
    }
  } finally {
    guarded('releasing the panel model', () => space.dispose());
  }
  const { relaxation, findings } = relaxQuotas(highs, instance);
  const all = [...countingFindings(instance), ...findings];
  if (relaxation === null) {
    all.push({
      category: '*',
      value: '*',
      code: 'no-relaxation',
      message: 'No panel meets the quotas, and they cannot be relaxed within the allowed flexibility.',
    });
  }
  return {
    feasible: false,
    findings: all,
    warnings: instance.warnings,
    ...(relaxation === null ? {} : { relaxation }),
    poolCounts,
  };
}
