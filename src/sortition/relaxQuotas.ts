/**
 * Explains why quotas cannot be met, and by how little they would have to change.
 *
 * First the plain counting arguments an organiser can check by hand (a minimum above the number of
 * such people in the pool, minimums that add up to more than the panel). Then, because quotas can
 * also conflict through the people who carry several values at once, the smallest relaxation:
 * a MILP that may lower minimums and raise maximums (never beyond min_flex/max_flex) and minimises
 * the total change. Each change it makes is named.
 */
import { guarded, type Highs } from '../solver/highs.ts';
import type { Instance } from './instance.ts';
import type { Finding, Relaxation } from './model.ts';
import { PanelSpace } from './panelSpace.ts';

export function countingFindings(instance: Instance): Finding[] {
  const findings: Finding[] = [];
  const { values, features, panelSize } = instance;
  if (instance.mode !== 'quotas') return findings;
  for (const value of values) {
    const feature = features[value.feature].name;
    if (value.min > value.poolCount) {
      findings.push({
        category: feature,
        value: value.name,
        code: 'min-above-pool',
        message: `${feature}=${value.name}: minimum ${value.min} but only ${value.poolCount} ${value.poolCount === 1 ? 'person' : 'people'} in the pool.`,
        suggestion: `Lower the minimum to ${value.poolCount}, or recruit more people with ${feature}=${value.name}.`,
        params: { min: value.min, pool: value.poolCount },
      });
    }
    if (value.min > panelSize) {
      findings.push({
        category: feature,
        value: value.name,
        code: 'min-above-size',
        message: `${feature}=${value.name}: minimum ${value.min} is larger than the panel (${panelSize}).`,
        suggestion: `Lower the minimum to at most ${panelSize}.`,
        params: { min: value.min, size: panelSize },
      });
    }
  }
  for (const feature of features) {
    let sumMin = 0;
    let sumMax = 0;
    let available = 0;
    for (const v of feature.values) {
      sumMin += values[v].min;
      sumMax += Math.min(values[v].max, values[v].poolCount);
      available += values[v].poolCount;
    }
    if (sumMin > panelSize) {
      findings.push({
        category: feature.name,
        value: '*',
        code: 'minimums-above-size',
        message: `${feature.name}: the minimums add up to ${sumMin}, more than the panel size ${panelSize}.`,
        suggestion: `Lower the minimums of ${feature.name} by ${sumMin - panelSize} in total.`,
        params: { sum: sumMin, size: panelSize },
      });
    }
    if (sumMax < panelSize && available >= panelSize) {
      findings.push({
        category: feature.name,
        value: '*',
        code: 'maximums-below-size',
        message: `${feature.name}: the maximums (capped by the people in the pool) add up to ${sumMax}, fewer than the panel size ${panelSize}.`,
        suggestion: `Raise the maximums of ${feature.name} by ${panelSize - sumMax} in total.`,
        params: { sum: sumMax, size: panelSize },
      });
    }
  }
  return findings;
}

export interface RelaxationResult {
  relaxation: Relaxation[] | null;
  findings: Finding[];
}

/** The smallest total change of minimums and maximums that makes a panel possible. */
export function relaxQuotas(highs: Highs, instance: Instance, forceType?: number): RelaxationResult {
  const space = new PanelSpace(highs, instance, { relax: true, mipGap: 1e-6 });
  try {
    if (forceType !== undefined) {
      const type = instance.types[forceType];
      space.boundColumn(forceType, 1, type.members.length);
    }
    const zero = new Float64Array(instance.types.length);
    const search = space.best(
      zero,
      space.slackCols.map((s) => ({ col: s.col, weight: -1 })),
    );
    if (search === null) return { relaxation: null, findings: [] };
    const columns = space.lastColumns();
    const relaxation: Relaxation[] = [];
    const findings: Finding[] = [];
    for (const slack of space.slackCols) {
      const amount = Math.round(columns[slack.col]);
      if (amount <= 0) continue;
      const value = instance.values[slack.value];
      const feature = instance.features[value.feature].name;
      const from = slack.bound === 'min' ? value.min : value.max;
      const to = slack.bound === 'min' ? value.min - amount : value.max + amount;
      relaxation.push({ feature, value: value.name, bound: slack.bound, from, to });
      findings.push({
        category: feature,
        value: value.name,
        code: slack.bound === 'min' ? 'relax-min' : 'relax-max',
        message: `${feature}=${value.name}: the ${slack.bound === 'min' ? 'minimum' : 'maximum'} ${from} cannot be met together with the other quotas.`,
        suggestion: `${slack.bound === 'min' ? 'Lower the minimum' : 'Raise the maximum'} of ${feature}=${value.name} from ${from} to ${to}.`,
        params: { from, to, bound: slack.bound },
      });
    }
    return { relaxation, findings };
  } finally {
    guarded('releasing the relaxation model', () => space.dispose());
  }
}
