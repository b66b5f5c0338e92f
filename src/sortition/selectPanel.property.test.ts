/**
 * Property tests of `selectPanel` against brute force on small random instances.
 *
 * With at most 9 people and panels of at most 4 there are at most 126 candidate panels, so the set of
 * valid panels can be enumerated with `checkPanel` (which shares no code with the engine), and the
 * fairness optima can be recomputed by solving the full distribution LP over *all* valid panels with
 * HiGHS' one-shot LP-text API (not the engine's persistent models). The engine generates columns, merges
 * people into types and rounds; all of that must agree with the brute-force answer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { assertLevelsMatchProbabilities } from '../../test/support/levels.ts';
import { type Highs, loadSolver } from '../solver/highs.ts';
import { checkPanel } from './checkPanel.ts';
import { expandPanels } from './decompose.ts';
import type { Algorithm, Person, Quota, SelectionInput, SelectionResult } from './model.ts';
import { selectPanel } from './selectPanel.ts';

/** Fixed so that a failure reproduces run after run; fast-check prints the counterexample and seed. */
const SEED = 20240611;
const MAX_PEOPLE = 9;
const MAX_FEATURES = 3;
const MAX_VALUES = 3;
const FEATURE_NAMES = ['gender', 'age', 'region'];
const VALUE_NAMES = ['a', 'b', 'c'];

/** Tolerance for probabilities computed by two different LP solves. */
const PROBABILITY_TOLERANCE = 1e-6;
/** How far the leximin certificate lets a person drop below the engine's probability (LP noise). */
const CERTIFICATE_SLACK = 1e-7;

// ---------------------------------------------------------------------------------------------------
// Instances
// ---------------------------------------------------------------------------------------------------

/**
 * Raw random choices with fixed maximum sizes; `buildInput` derives an instance from them. Keeping the
 * raw shape flat (no `chain`) lets fast-check shrink every choice independently.
 */
const rawInstance = fc.record({
  // constantFrom rather than integer: fast-check biases integers towards their minimum on short runs,
  // and the interesting instances are the larger ones. It still shrinks towards the first choice.
  n: fc.constantFrom(4, 5, 6, 7, 8, 9),
  valuesPerFeature: fc.array(fc.integer({ min: 2, max: MAX_VALUES }), {
    minLength: 1,
    maxLength: MAX_FEATURES,
  }),
  /** answers[person][feature], reduced modulo the number of values of the feature. */
  answers: fc.array(fc.array(fc.nat(MAX_VALUES - 1), { minLength: MAX_FEATURES, maxLength: MAX_FEATURES }), {
    minLength: MAX_PEOPLE,
    maxLength: MAX_PEOPLE,
  }),
  /** Respelling of each answer (case, outer spaces): the engine must match values regardless. */
  spellings: fc.array(fc.nat(3), { minLength: MAX_PEOPLE, maxLength: MAX_PEOPLE }),
  /** Household key per person from a small set, so that a few people share one; null = none. */
  households: fc.option(
    fc.array(fc.option(fc.nat(2), { freq: 2 }), { minLength: MAX_PEOPLE, maxLength: MAX_PEOPLE }),
    { freq: 2 },
  ),
  keep: fc.uniqueArray(fc.nat(MAX_PEOPLE - 1), { maxLength: 2 }),
  size: fc.constantFrom(0, 1, 2, 3),
  /** Order in which people are tried for the witness panel. */
  priority: fc.array(fc.nat(1000), { minLength: MAX_PEOPLE, maxLength: MAX_PEOPLE }),
  /** Per value: how far min and max stray from the witness count; `exact` makes min = max. */
  slack: fc.array(fc.record({ down: fc.nat(3), up: fc.nat(3), exact: fc.nat(5).map((x) => x === 5) }), {
    minLength: MAX_FEATURES * MAX_VALUES,
    maxLength: MAX_FEATURES * MAX_VALUES,
  }),
  /** A third of the instances get quotas with no witness at all, so infeasible ones are common enough. */
  randomQuotas: fc.oneof(
    { arbitrary: fc.constant(null), weight: 2 },
    {
      arbitrary: fc.array(
        fc.record({
          min: fc.nat(4),
          width: fc.nat(4),
          minFlex: fc.option(fc.nat(4), { freq: 3 }),
          maxFlex: fc.option(fc.nat(4), { freq: 3 }),
        }),
        { minLength: MAX_FEATURES * MAX_VALUES, maxLength: MAX_FEATURES * MAX_VALUES },
      ),
      weight: 1,
    },
  ),
});

type RawInstance = typeof rawInstance extends fc.Arbitrary<infer T> ? T : never;

function respell(value: string, style: number): string {
  switch (style) {
    case 1:
      return value.toUpperCase();
    case 2:
      return `  ${value} `;
    case 3:
      return `\t${value.toUpperCase()}  `;
    default:
      return value;
  }
}

function buildInput(raw: RawInstance): SelectionInput {
  const { n } = raw;
  const features = raw.valuesPerFeature.map((count, f) => ({
    name: FEATURE_NAMES[f],
    values: VALUE_NAMES.slice(0, count),
  }));
  const people: Person[] = [];
  for (let p = 0; p < n; p++) {
    const answers: Record<string, string> = {};
    features.forEach((feature, f) => {
      const value = feature.values[raw.answers[p][f] % feature.values.length];
      answers[feature.name] = respell(value, raw.spellings[p]);
    });
    const person: Person = { id: `p${p + 1}`, features: answers };
    const household = raw.households?.[p];
    if (household !== null && household !== undefined) person.household = `h${household}`;
    people.push(person);
  }
  const panelSize = 1 + (raw.size % Math.min(4, n));
  // More kept people than seats is an input error, not a selection problem: keep at most k.
  const keep = raw.keep.filter((p) => p < n).slice(0, panelSize);
  const keepIds = keep.map((p) => people[p].id);

  // The witness: kept people first, then others by priority, at most one per household. It may
  // fall short (too few households) or clash (kept people sharing one): then the quotas built from it
  // may well be infeasible, which the feasibility property wants to see now and then.
  const witness: number[] = [...keep];
  const usedHouseholds = new Set(keep.map((p) => people[p].household).filter((h) => h !== undefined));
  const order = [...Array(n).keys()].sort((a, b) => raw.priority[a] - raw.priority[b] || a - b);
  for (const p of order) {
    if (witness.length >= panelSize) break;
    if (witness.includes(p)) continue;
    const household = people[p].household;
    if (household !== undefined && usedHouseholds.has(household)) continue;
    if (household !== undefined) usedHouseholds.add(household);
    witness.push(p);
  }

  const quotas: Quota[] = [];
  features.forEach((feature, f) => {
    feature.values.forEach((value, v) => {
      const slot = f * MAX_VALUES + v;
      const random = raw.randomQuotas?.[slot];
      if (random) {
        const min = random.min % (panelSize + 1);
        const max = min + (random.width % (panelSize + 2 - min));
        const quota: Quota = { feature: feature.name, value, min, max };
        if (random.minFlex !== null) quota.minFlex = Math.min(min, random.minFlex);
        if (random.maxFlex !== null) quota.maxFlex = max + random.maxFlex;
        quotas.push(quota);
        return;
      }
      const count = witness.filter((p) => raw.answers[p][f] % feature.values.length === v).length;
      const { down, up, exact } = raw.slack[slot];
      const min = Math.max(0, count - down);
      quotas.push({
        feature: feature.name,
        value,
        min: exact ? count : min,
        max: exact ? count : count + up,
      });
    });
  });
  return { people, targets: { kind: 'quotas', quotas }, panelSize, keep: keepIds };
}

const instances = rawInstance.map(buildInput);
/** Witness-based quotas only: feasible most of the time, so the distribution properties get exercised. */
const mostlyFeasible = rawInstance.map((raw) => buildInput({ ...raw, randomQuotas: null }));

// ---------------------------------------------------------------------------------------------------
// Brute-force oracle
// ---------------------------------------------------------------------------------------------------

function* subsets<T>(items: readonly T[], size: number, start = 0, prefix: T[] = []): Generator<T[]> {
  if (prefix.length === size) {
    yield [...prefix];
    return;
  }
  for (let i = start; i <= items.length - (size - prefix.length); i++) {
    prefix.push(items[i]);
    yield* subsets(items, size, i + 1, prefix);
    prefix.pop();
  }
}

/** Every valid panel, as member ids in pool order. */
function validPanels(input: SelectionInput): string[][] {
  const ids = input.people.map((p) => p.id);
  return [...subsets(ids, input.panelSize)].filter((members) => checkPanel(input, members).length === 0);
}

/** People who sit on at least one valid panel, in pool order. */
function eligiblePeople(input: SelectionInput, panels: string[][]): string[] {
  const onSome = new Set(panels.flat());
  return input.people.map((p) => p.id).filter((id) => onSome.has(id));
}

/** The input with the relaxation applied: each named bound moved from `from` to `to`. */
function withRelaxation(input: SelectionInput, relaxation: NonNullable<SelectionResult['relaxation']>) {
  if (input.targets.kind !== 'quotas') throw new Error('quota targets expected');
  const { quotas: original } = input.targets;
  for (const r of relaxation) {
    // A change that names no quota would silently do nothing below.
    const named = original.some((q) => q.feature === r.feature && q.value === r.value);
    assert.ok(named, `relaxation names an unknown quota: ${JSON.stringify(r)}`);
  }
  const quotas = original.map((quota) => {
    const changed = { ...quota };
    for (const r of relaxation) {
      if (r.feature !== quota.feature || r.value !== quota.value) continue;
      assert.equal(r.from, r.bound === 'min' ? quota.min : quota.max, `relaxation ${JSON.stringify(r)}`);
      if (r.bound === 'min') changed.min = r.to;
      else changed.max = r.to;
    }
    return changed;
  });
  return { ...input, targets: { kind: 'quotas' as const, quotas } };
}

// ---------------------------------------------------------------------------------------------------
// LPs over all valid panels, written as CPLEX LP text for HiGHS' one-shot solver
// ---------------------------------------------------------------------------------------------------

/** LP numbers without exponent notation, which keeps the text format unambiguous. */
function num(x: number): string {
  return x.toFixed(12);
}

/** ["s0", "s4", "s7"]: the variables (one per valid panel) whose sum is the probability of `id`. */
function coverageTerms(panels: string[][], id: string): string[] {
  const terms = panels.flatMap((members, j) => (members.includes(id) ? [`s${j}`] : []));
  assert.ok(terms.length > 0, `${id} is on no valid panel`);
  return terms;
}

/** "s0 + s4 + s7": the probability that `id` sits on the panel. */
function coverage(panels: string[][], id: string): string {
  return coverageTerms(panels, id).join(' + ');
}

function distributionRow(panels: string[][]): string {
  return ` total: ${panels.map((_, j) => `s${j}`).join(' + ')} = 1`;
}

function solveLp(highs: Highs, text: string): number {
  const solution = highs.solve(text, { output_flag: false });
  assert.equal(solution.Status, 'Optimal', `HiGHS status for\n${text}`);
  return solution.ObjectiveValue;
}

/** The maximin value: the largest z such that some distribution gives every eligible person ≥ z. */
function maximinValue(highs: Highs, panels: string[][], eligible: string[]): number {
  const rows = eligible.map((id, i) => ` m${i}: z - ${coverageTerms(panels, id).join(' - ')} <= 0`);
  return solveLp(
    highs,
    [
      'Maximize',
      ' obj: z',
      'Subject To',
      distributionRow(panels),
      ...rows,
      'Bounds',
      ' 0 <= z <= 1',
      'End',
    ].join('\n'),
  );
}

/**
 * The leximin certificate for one person i: the highest probability i can get while everyone at or
 * below i's level keeps (nearly) their engine probability and everyone above stays at or above i's
 * level. `p` is leximin-optimal exactly when this never exceeds p_i: if it did for some i, mixing a
 * little of that distribution into p would lift i without lowering any level below i's, which is
 * lexicographically better; conversely, if p is not leximin, the lowest-level people whose
 * probability differs in the leximin optimum q all gain in q, and moving from p towards q lifts one
 * of them in exactly this way. (Comparing only the lowest entry per level would miss the second case.)
 */
function highestProbability(
  highs: Highs,
  panels: string[][],
  eligible: string[],
  engine: Record<string, number>,
  person: string,
): number {
  const level = engine[person];
  const rows = eligible
    .filter((id) => id !== person)
    .map((id, i) => {
      const floor = engine[id] <= level + CERTIFICATE_SLACK ? engine[id] : level;
      return ` k${i}: ${coverage(panels, id)} >= ${num(floor - CERTIFICATE_SLACK)}`;
    });
  return solveLp(
    highs,
    [
      'Maximize',
      ` obj: ${coverage(panels, person)}`,
      'Subject To',
      distributionRow(panels),
      ...rows,
      'End',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------------
// Checks shared by the properties
// ---------------------------------------------------------------------------------------------------

function assertClose(actual: number, expected: number, what: string, tolerance = PROBABILITY_TOLERANCE) {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
}

/** What every 'ok' result must satisfy, whatever the algorithm. */
function assertConsistentDistribution(input: SelectionInput, result: SelectionResult, valid: string[][]) {
  assert.equal(result.status, 'ok');
  assert.ok(result.typePanels.length > 0, 'an ok result has panels');
  let total = 0;
  const sums: Record<string, number> = Object.fromEntries(input.people.map((p) => [p.id, 0]));
  for (const panel of expandPanels(result.types, result.typePanels)) {
    assert.deepEqual(checkPanel(input, panel.members), [], `panel ${panel.members.join(',')}`);
    assert.ok(panel.probability > 0, `panel ${panel.members.join(',')} has probability ${panel.probability}`);
    total += panel.probability;
    for (const id of panel.members) sums[id] += panel.probability;
  }
  assertClose(total, 1, 'panel probabilities sum to 1');
  assert.deepEqual(Object.keys(result.probabilities).sort(), Object.keys(sums).sort());
  for (const [id, sum] of Object.entries(sums))
    assertClose(result.probabilities[id], sum, `probability of ${id}`);
  for (const id of input.keep ?? []) assertClose(result.probabilities[id], 1, `kept ${id}`);
  const seats = Object.values(result.probabilities).reduce((a, b) => a + b, 0);
  assertClose(seats, input.panelSize, 'probabilities sum to the panel size');

  // Exclusions: exactly the people on no valid panel, each with a reason and probability 0.
  const eligible = new Set(eligiblePeople(input, valid));
  const notEligible = input.people.map((p) => p.id).filter((id) => !eligible.has(id));
  assert.deepEqual(result.excluded.map((e) => e.id).sort(), [...notEligible].sort(), 'excluded people');
  for (const e of result.excluded) {
    assert.ok(e.reason.trim().length > 0, `reason for excluding ${e.id}`);
    assert.equal(result.probabilities[e.id], 0, `probability of excluded ${e.id}`);
  }
}

/** Leximin and maximin both maximise the lowest probability: compare it with the full LP's optimum. */
function assertMaximin(highs: Highs, input: SelectionInput, result: SelectionResult, valid: string[][]) {
  const eligible = eligiblePeople(input, valid);
  for (const id of eligible) {
    assert.ok(result.probabilities[id] > PROBABILITY_TOLERANCE, `${id} is on a valid panel but never chosen`);
  }
  const lowest = Math.min(...eligible.map((id) => result.probabilities[id]));
  assertClose(lowest, maximinValue(highs, valid, eligible), 'lowest probability vs maximin LP');
}

/**
 * Each level's certificate: the bound is a true upper bound (at least the brute-force maximin on the
 * first level), the value is what the distribution gives, the gap is within the goal of 1e-5, and
 * the levels settle every open person exactly once.
 */
function assertCertificates(
  highs: Highs,
  input: SelectionInput,
  result: SelectionResult,
  valid: string[][],
  algorithm: Algorithm,
) {
  const levels = result.levels ?? [];
  const eligible = eligiblePeople(input, valid);
  const open = eligible.filter((id) => !(input.keep ?? []).includes(id));
  if (open.length === 0) return;
  assert.ok(levels.length > 0, 'a LEXIMIN or MAXIMIN result lists its levels');
  const optimum = maximinValue(highs, valid, open);
  assertClose(levels[0].value, optimum, 'first level vs maximin LP');
  assert.ok(
    levels[0].bound >= optimum - CERTIFICATE_SLACK,
    `bound ${levels[0].bound} below the optimum ${optimum}`,
  );
  for (const level of levels) {
    assert.ok(level.bound >= level.value && level.bound - level.value <= 1e-5, JSON.stringify(level));
  }
  if (algorithm === 'leximin') {
    assert.equal(
      levels.reduce((sum, level) => sum + level.peopleFixed, 0),
      open.length,
      'every open person settled once',
    );
    for (let i = 1; i < levels.length; i++)
      assert.ok(levels[i].value >= levels[i - 1].value - CERTIFICATE_SLACK);
    assertLevelsMatchProbabilities(input, result, PROBABILITY_TOLERANCE);
  } else {
    assert.equal(levels.length, 1);
  }
}

function assertLeximin(highs: Highs, input: SelectionInput, result: SelectionResult, valid: string[][]) {
  const eligible = eligiblePeople(input, valid);
  for (const id of eligible) {
    const best = highestProbability(highs, valid, eligible, result.probabilities, id);
    assert.ok(
      best <= result.probabilities[id] + PROBABILITY_TOLERANCE,
      `${id} could get ${best} instead of ${result.probabilities[id]} without lowering anyone at or below that level (${JSON.stringify(result.probabilities)})`,
    );
  }
}

/** The result without its timing statistics, for comparing two runs. */
function withoutStats(result: SelectionResult): string {
  const { stats: _stats, ...rest } = result;
  return JSON.stringify(rest);
}

// ---------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------

describe('selectPanel against brute force (property)', async () => {
  const highs = await loadSolver();

  test('says infeasible exactly when no panel is valid, and its relaxation works', async () => {
    // Count both outcomes, so that a generator change that loses one of them does not go unnoticed.
    const seen = { ok: 0, infeasible: 0, relaxed: 0 };
    await fc.assert(
      fc.asyncProperty(instances, async (input) => {
        const valid = validPanels(input);
        const result = await selectPanel(input, { algorithm: 'leximin' });
        assert.equal(result.status, valid.length === 0 ? 'infeasible' : 'ok', `${valid.length} valid panels`);
        if (result.status === 'ok') {
          seen.ok++;
          return;
        }
        seen.infeasible++;
        assert.ok(result.diagnostics.length > 0, 'an infeasible result explains itself');
        assert.equal(result.typePanels.length, 0);
        if (result.relaxation !== undefined) {
          seen.relaxed++;
          assert.ok(result.relaxation.length > 0, 'a relaxation changes something');
          const relaxed = withRelaxation(input, result.relaxation);
          assert.ok(
            validPanels(relaxed).length > 0,
            `no valid panel after ${JSON.stringify(result.relaxation)}`,
          );
        }
      }),
      { numRuns: 40, seed: SEED },
    );
    assert.ok(seen.ok > 0 && seen.infeasible > 0 && seen.relaxed > 0, JSON.stringify(seen));
  });

  for (const algorithm of ['leximin', 'maximin', 'nash'] as const satisfies readonly Algorithm[]) {
    test(`${algorithm}: valid panels, consistent probabilities and exclusions${algorithm === 'nash' ? '' : ', optimal values'}`, async () => {
      await fc.assert(
        fc.asyncProperty(mostlyFeasible, async (input) => {
          const valid = validPanels(input);
          fc.pre(valid.length > 0);
          const result = await selectPanel(input, { algorithm });
          assertConsistentDistribution(input, result, valid);
          if (algorithm !== 'nash') assertMaximin(highs, input, result, valid);
          if (algorithm !== 'nash') assertCertificates(highs, input, result, valid, algorithm);
          if (algorithm === 'leximin') assertLeximin(highs, input, result, valid);
        }),
        { numRuns: algorithm === 'leximin' ? 40 : 25, seed: SEED + 1 },
      );
    });
  }

  test('lottery of 20: twenty valid panels whose shares are the lottery probabilities', async () => {
    const size = 20;
    await fc.assert(
      fc.asyncProperty(mostlyFeasible, async (input) => {
        fc.pre(validPanels(input).length > 0);
        const result = await selectPanel(input, { algorithm: 'leximin', lotterySize: size });
        const lottery = result.lottery;
        assert.ok(lottery, 'a lottery was asked for');
        assert.equal(lottery.size, size);
        assert.equal(lottery.panels.length, size);
        for (const members of lottery.panels)
          assert.deepEqual(checkPanel(input, members), [], members.join(','));
        let deviation = 0;
        for (const person of input.people) {
          const share: number = lottery.panels.filter((members) => members.includes(person.id)).length / size;
          assert.equal(lottery.probabilities[person.id], share, `lottery probability of ${person.id}`);
          deviation = Math.max(deviation, Math.abs(share - result.probabilities[person.id]));
        }
        assertClose(lottery.maxDeviation, deviation, 'maxDeviation', 1e-12);
      }),
      { numRuns: 25, seed: SEED + 2 },
    );
  });

  // The smallest counterexample the properties above shrink to, kept as a plain example so that the
  // failure has a readable name: only kept people can sit on a valid panel (everyone else is excluded),
  // so no probability is left to optimise. Valid panel: {p1}; expected probabilities p1 = 1, p2 = 0.
  for (const algorithm of ['leximin', 'maximin', 'nash'] as const satisfies readonly Algorithm[]) {
    test(`${algorithm}: a pool where only the kept people can sit`, async () => {
      const input: SelectionInput = {
        people: [
          { id: 'p1', features: { gender: 'a' } },
          { id: 'p2', features: { gender: 'a' } },
        ],
        targets: { kind: 'quotas', quotas: [{ feature: 'gender', value: 'a', min: 1, max: 1 }] },
        panelSize: 1,
        keep: ['p1'],
      };
      const result = await selectPanel(input, { algorithm, lotterySize: 4 });
      assertConsistentDistribution(input, result, validPanels(input));
      assert.deepEqual(result.probabilities, { p1: 1, p2: 0 });
    });
  }

  test('the same input gives the same result (apart from timings)', async () => {
    await fc.assert(
      fc.asyncProperty(
        instances,
        fc.constantFrom<Algorithm>('leximin', 'maximin', 'nash'),
        async (input, algorithm) => {
          const first = await selectPanel(input, { algorithm, lotterySize: 10 });
          const second = await selectPanel(structuredClone(input), { algorithm, lotterySize: 10 });
          assert.equal(withoutStats(second), withoutStats(first));
        },
      ),
      { numRuns: 25, seed: SEED + 3 },
    );
  });
});
