/**
 * `selectPanel`: from a pool, targets and a panel size to a fair distribution over panels.
 *
 * The steps: compile the input (merging interchangeable people), prove that some panel exists or
 * explain why not, (with point targets) find the smallest achievable deviation, cover every person
 * who can be covered with a first set of panels, then run the chosen algorithm. The distribution is
 * returned over type panels (seats per type), which stays small however large the pool; expanding
 * it into panels of named people (decompose.ts) is left to whoever shows or checks some of them.
 */
import { guarded, type Highs, loadSolver } from '../solver/highs.ts';
import { DistributionLp } from './distributionLp.ts';
import { FractionalBound } from './fractionalBound.ts';
import { coverTypes } from './initialPanels.ts';
import { compileInstance, type Instance } from './instance.ts';
import { estimateLegacy } from './legacy.ts';
import { leximin } from './leximin.ts';
import { roundToLottery } from './lottery.ts';
import {
  CancelledError,
  type Excluded,
  type Finding,
  type LevelCertificate,
  type Progress,
  type SelectionInput,
  type SelectionOptions,
  type SelectionResult,
  type TypePanelShare,
} from './model.ts';
import { nash } from './nash.ts';
import { InThreadPricing, LazyPairedPricing, type PairedPricing } from './pairedPricing.ts';
import { PanelSpace, type TypePanel, typePanel } from './panelSpace.ts';
import { decomposePoint } from './pointDecomposition.ts';
import { countingFindings, relaxQuotas } from './relaxQuotas.ts';
import { SwapSearch } from './swapSearch.ts';

export const ENGINE_VERSION = '0.1.0';

/**
 * Any panel of the rounding box will do for peeling (pointDecomposition.ts), so its MILPs need not
 * prove their panel the best: on paperLargest ~35 ms each instead of ~300 ms.
 */
const PEELING_GAP = 0.5;

/** How many excluded types get an individual explanation (each costs one MILP). */
const EXPLAINED_EXCLUSIONS = 25;

export async function selectPanel(
  input: SelectionInput,
  options: SelectionOptions = {},
): Promise<SelectionResult> {
  const highs = await loadSolver();
  return selectPanelWith(highs, input, options);
}

export function selectPanelWith(
  highs: Highs,
  input: SelectionInput,
  options: SelectionOptions = {},
): SelectionResult {
  const started = performance.now();
  const algorithm = options.algorithm ?? 'leximin';
  const isCancelled = options.isCancelled ?? (() => false);
  const report = (progress: Progress) => options.onProgress?.(progress);
  report({ phase: 'prepare', fraction: 0 });
  const instance = compileInstance(input);
  const warnings = [...instance.warnings];
  const stats = { types: instance.types.length, lpSolves: 0, milpSolves: 0, columns: 0, seconds: 0 };
  const finish = (result: Omit<SelectionResult, 'stats' | 'algorithm'>): SelectionResult => {
    stats.seconds = (performance.now() - started) / 1000;
    report({ phase: 'done', fraction: 1 });
    return { ...result, algorithm, stats };
  };

  if (algorithm === 'legacy') {
    const estimate = estimateLegacy(input, {
      samples: options.legacySamples ?? 10000,
      seed: options.seed ?? 'lotta',
      isCancelled,
      onProgress: report,
    });
    const probabilities: Record<string, number> = {};
    for (const person of input.people) probabilities[person.id] = estimate.probabilities[person.id] ?? 0;
    const legacyTypes = compileInstance(input);
    return finish({
      status: 'ok',
      probabilities,
      types: typeLists(legacyTypes),
      typePanels: legacyTypePanels(legacyTypes, estimate),
      diagnostics: [],
      warnings,
      excluded: input.people
        .filter((p) => probabilities[p.id] === 0)
        .map((p) => ({ id: p.id, code: 'never-drawn', reason: 'never drawn in the Monte Carlo estimate' })),
    });
  }

  const space = new PanelSpace(highs, instance);
  let lp: DistributionLp | undefined;
  let relaxation: FractionalBound | undefined;
  let aim: FractionalBound | undefined;
  /** Its own panel program for `decomposePoint`, which narrows its bounds. */
  let peeling: PanelSpace | undefined;
  let paired: PairedPricing | undefined;
  try {
    const infeasible = (diagnostics: Finding[], relaxation?: SelectionResult['relaxation']) =>
      finish({
        status: 'infeasible',
        probabilities: Object.fromEntries(input.people.map((p) => [p.id, 0])),
        types: [],
        typePanels: [],
        diagnostics,
        warnings,
        relaxation,
        excluded: [],
      });

    const counting = countingFindings(instance);
    const anyPanel = space.best(new Float64Array(instance.types.length));
    if (anyPanel === null) {
      const { relaxation, findings } = relaxQuotas(highs, instance);
      const diagnostics = [...counting, ...findings];
      if (relaxation === null) {
        diagnostics.push(
          keptHouseholdConflict(instance) ?? {
            category: '*',
            value: '*',
            code: 'no-relaxation',
            message:
              'No panel meets the quotas, and they cannot be relaxed within the allowed flexibility (min_flex/max_flex).',
            suggestion: 'Widen min_flex/max_flex, change the quotas, or change the panel size.',
          },
        );
      }
      return infeasible(diagnostics, relaxation ?? undefined);
    }

    // The first known panel; with point targets it must be one of the least deviating ones.
    let first = anyPanel.best;
    let deviation: SelectionResult['deviation'];
    let deviationLimit: number | undefined;
    if (instance.mode === 'points' && input.targets.kind === 'points') {
      const least = space.best(new Float64Array(instance.types.length), space.deviationCosts());
      if (least === null) throw new Error('the panel program became infeasible');
      first = least.best;
      const bestDeviation = Math.max(0, -lastDeviationValue(space));
      const allowed = bestDeviation + (input.targets.tolerance ?? 0);
      // A hair of slack so that the panel that achieved the optimum stays feasible after rounding.
      deviationLimit = allowed + 1e-7 * Math.max(1, allowed);
      space.setDeviationBound(deviationLimit);
      deviation = { best: bestDeviation, allowed };
    }

    const swaps = new SwapSearch(instance);
    if (deviation) swaps.setDeviationBound(deviation.allowed);
    report({ phase: 'initial-panels', fraction: 0 });
    const coverage = coverTypes(instance, space, swaps, first, isCancelled, (covered, total) =>
      report({ phase: 'initial-panels', fraction: covered / total }),
    );
    if (isCancelled()) throw new CancelledError();
    const excludedTypes = new Set(coverage.excluded);
    const activeTypes = instance.types
      .map((_, t) => t)
      .filter((t) => !excludedTypes.has(t) && !instance.types[t].kept);

    let fixedPeople = 0;
    const totalPeople = activeTypes.reduce((s, t) => s + instance.types[t].members.length, 0);
    let distribution: { panels: TypePanel[]; lambdas: Float64Array };
    let levels: LevelCertificate[] | undefined;
    if (algorithm === 'nash') {
      distribution = nash(highs, instance, space, activeTypes, coverage.panels, {
        isCancelled,
        onRound: () => report({ phase: 'nash', fraction: 0.5 }),
      });
    } else {
      lp = new DistributionLp(highs, instance, activeTypes, { aim: true, isCancelled });
      relaxation = new FractionalBound(highs, instance, activeTypes);
      if (algorithm === 'leximin') {
        aim = new FractionalBound(highs, instance, activeTypes);
        peeling = new PanelSpace(highs, instance, { mipGap: PEELING_GAP, lean: true });
      }
      const peelingSpace = peeling;
      if (deviationLimit !== undefined) {
        relaxation.limitDeviation(deviationLimit);
        aim?.limitDeviation(deviationLimit);
        peeling?.setDeviationBound(deviationLimit);
      }
      const setup = { instance, deviationBound: deviationLimit };
      paired = new LazyPairedPricing(
        () => options.pairedPricing?.(setup, activeTypes.length) ?? new InThreadPricing(highs, setup),
      );
      for (const panel of coverage.panels) lp.add(panel);
      for (const seats of options.knownPanels ?? []) {
        const counts = new Int32Array(instance.types.length);
        for (const [t, c] of seats) counts[t] = c;
        lp.add(typePanel(counts));
      }
      const solved = leximin(instance, lp, space, activeTypes, {
        maximinOnly: algorithm === 'maximin',
        swaps,
        paired,
        relaxation,
        aim,
        decompose:
          peelingSpace && ((point, onPanel) => decomposePoint(peelingSpace, point, { isCancelled, onPanel })),
        isCancelled,
        onDecompose: (rest, panels) =>
          report({
            phase: 'leximin',
            fraction: 1 - rest,
            message: `writing the relaxation's leximin as panels: ${(100 * rest).toFixed(2)} % left, ${panels} panels`,
          }),
        onLevel: ({ fixedPeople: settled, certificate }) => {
          fixedPeople = settled;
          report({
            phase: 'leximin',
            fraction: totalPeople === 0 ? 1 : settled / totalPeople,
            message: `level ${certificate.value.toFixed(6)}, proven at most ${certificate.bound.toFixed(6)} (${certificate.provedBy}), ${certificate.typesFixed} types settled`,
          });
        },
        onRound: ({ aiming, level, bound, panels }) =>
          report({
            phase: 'leximin',
            fraction: totalPeople === 0 ? 1 : fixedPeople / totalPeople,
            message: aiming
              ? `people short of the relaxation's leximin ${Math.max(0, -level).toExponential(2)}, proven at least ${Number.isFinite(bound) ? Math.max(0, -bound).toExponential(2) : '–'}, ${panels} panels`
              : `lowest open probability ${level.toFixed(6)}, proven at most ${Number.isFinite(bound) ? bound.toFixed(6) : '–'}, ${panels} panels`,
          }),
      });
      distribution = { panels: lp.panels, lambdas: solved.lambdas };
      levels = solved.levels;
      stats.lpSolves = lp.solves;
    }
    if (isCancelled()) throw new CancelledError();
    report({ phase: 'decompose', fraction: 0 });
    const typePanels = shares(distribution.panels, distribution.lambdas);
    const probabilities = peopleProbabilities(instance, typePanels);
    // Each explanation is a MILP: a cancel is also noticed between them (Cancel works at every stage).
    const excluded = explainExclusions(highs, instance, coverage.excluded, isCancelled);
    if (isCancelled()) throw new CancelledError();
    const lottery =
      options.lotterySize !== undefined
        ? roundToLottery(
            instance,
            distribution.panels,
            distribution.lambdas,
            options.lotterySize,
            probabilities,
          )
        : undefined;
    stats.milpSolves = space.solves + (paired?.solves ?? 0) + (peeling?.solves ?? 0);
    stats.columns = distribution.panels.length;
    return finish({
      status: 'ok',
      probabilities,
      types: typeLists(instance),
      typePanels,
      diagnostics: [],
      warnings,
      excluded,
      deviation,
      levels,
      lottery,
    });
  } finally {
    guarded('releasing solver models', () => {
      space.dispose();
      lp?.dispose();
      relaxation?.dispose();
      aim?.dispose();
      peeling?.dispose();
      paired?.dispose();
    });
  }
}

function lastDeviationValue(space: PanelSpace): number {
  const columns = space.lastColumns();
  let sum = 0;
  for (const { col, weight } of space.deviationCosts()) sum += weight * columns[col];
  return sum;
}

/** Probabilities below this are dropped (the LP's zero). */
const NEGLIGIBLE = 1e-12;

/** The LP's distribution as stored: panels with a positive weight, weights adding up to 1, likeliest first. */
function shares(panels: TypePanel[], lambdas: ArrayLike<number>): TypePanelShare[] {
  let total = 0;
  for (let j = 0; j < panels.length; j++) if (lambdas[j] > NEGLIGIBLE) total += lambdas[j];
  const kept: TypePanelShare[] = [];
  panels.forEach((panel, j) => {
    if (!(lambdas[j] > NEGLIGIBLE)) return;
    const counts: [number, number][] = [];
    panel.counts.forEach((c, t) => {
      if (c > 0) counts.push([t, c]);
    });
    kept.push({ probability: lambdas[j] / total, counts });
  });
  return kept.sort((a, b) => b.probability - a.probability);
}

/** Ids per type, in pool order. */
function typeLists(instance: Instance): string[][] {
  return instance.types.map((type) => type.members.map((p) => instance.people[p].id));
}

/** LEGACY's drawn panels as seats per type, panels with the same seats merged. */
function legacyTypePanels(
  instance: Instance,
  estimate: { panels: { members: string[]; count: number }[]; samples: number },
): TypePanelShare[] {
  const index = new Map(instance.people.map((person, p) => [person.id, p]));
  const merged = new Map<string, TypePanelShare>();
  for (const panel of estimate.panels) {
    const seats = new Map<number, number>();
    for (const id of panel.members) {
      const t = instance.typeOfPerson[index.get(id) ?? -1];
      seats.set(t, (seats.get(t) ?? 0) + 1);
    }
    const counts = [...seats].sort((a, b) => a[0] - b[0]);
    const key = counts.map(([t, c]) => `${t}:${c}`).join(',');
    const share = merged.get(key);
    if (share) share.probability += panel.count / estimate.samples;
    else merged.set(key, { probability: panel.count / estimate.samples, counts });
  }
  return [...merged.values()].sort((a, b) => b.probability - a.probability);
}

/**
 * Probabilities per person from the type panels: a type of n people with c seats on a panel gives
 * each of them c/n of that panel's probability, which is exactly what the expansion into named
 * panels (decompose.ts) gives them.
 */
function peopleProbabilities(instance: Instance, panels: TypePanelShare[]) {
  const perType = new Float64Array(instance.types.length);
  for (const panel of panels) {
    for (const [t, c] of panel.counts)
      perType[t] += (panel.probability * c) / instance.types[t].members.length;
  }
  const probabilities: Record<string, number> = {};
  instance.people.forEach((person, p) => {
    probabilities[person.id] = Math.min(1, Math.max(0, perType[instance.typeOfPerson[p]]));
  });
  return probabilities;
}

function keptHouseholdConflict(instance: Instance): Finding | undefined {
  for (const household of instance.households) {
    const kept = household.filter((t) => instance.types[t].kept);
    if (kept.length > 1) {
      const [first, second] = kept.map((t) => instance.people[instance.types[t].members[0]].id);
      return {
        category: '*',
        value: '*',
        code: 'kept-share-household',
        message: `The kept people ${first} and ${second} share a household, but a panel takes at most one person per household.`,
        suggestion: `Keep only one of ${first} and ${second}, or check their addresses.`,
        params: { first, second },
      };
    }
  }
  return undefined;
}

function explainExclusions(
  highs: Highs,
  instance: Instance,
  excludedTypes: number[],
  isCancelled: () => boolean,
): Excluded[] {
  const excluded: Excluded[] = [];
  const { types, values, features, people } = instance;
  excludedTypes.forEach((t, i) => {
    if (isCancelled()) throw new CancelledError();
    const type = types[t];
    let code = 'no-feasible-panel';
    let reason = 'No panel that meets all the targets can include this person.';
    const closed = type.values.find((v) => v >= 0 && values[v].max === 0);
    const keptMate =
      type.household >= 0
        ? instance.households[type.household].find((other) => other !== t && types[other].kept)
        : undefined;
    if (closed !== undefined) {
      const value = values[closed];
      code = 'quota-closed';
      reason = `The quota for ${features[value.feature].name}=${value.name} allows nobody (maximum 0).`;
    } else if (keptMate !== undefined) {
      code = 'household-of-kept';
      reason = `Lives in the same household as ${people[types[keptMate].members[0]].id}, who is already on the panel.`;
    } else if (instance.mode === 'points') {
      code = 'deviation';
      reason = 'No panel within the allowed deviation from the targets includes this person.';
    } else if (i < EXPLAINED_EXCLUSIONS) {
      const { relaxation } = relaxQuotas(highs, instance, t);
      if (relaxation && relaxation.length > 0) {
        reason = `Including this person would need ${relaxation
          .map(
            (r) =>
              `${r.feature}=${r.value} ${r.bound === 'min' ? 'minimum lowered' : 'maximum raised'} from ${r.from} to ${r.to}`,
          )
          .join(', ')}.`;
      }
    }
    for (const p of type.members) excluded.push({ id: people[p].id, code, reason });
  });
  return excluded;
}
