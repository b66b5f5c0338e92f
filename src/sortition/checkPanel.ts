/**
 * An independent check of one panel against the selection rules. It shares no code with the engine on
 * purpose: the engine's tests and the public draw's verifier both use it to catch what the engine
 * might get wrong, so it must stay simple enough to be read and trusted on its own.
 */

import { type CheckProblem, ProblemList } from './check-problems.ts';
import { shorten } from './echo.ts';
import type { Person, SelectionInput } from './model.ts';

/** Slack for floating-point sums when comparing a weighted deviation with its allowed bound. */
const DEVIATION_EPSILON = 1e-9;

export interface CheckPanelOptions {
  /**
   * For point targets: the largest weighted deviation a panel may have. Without it the deviation is
   * not checked, because only the engine knows the smallest achievable one.
   */
  allowedDeviation?: number;
}

/** Values are compared the way the readers promise: trimmed and case-insensitive. */
function valueKey(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * A person's answer for a feature. Feature names in targets and pool normally match exactly; a
 * case-insensitive match is accepted too, so that a header spelled "Gender" vs "gender" does not make
 * every quota look violated.
 */
function featureValue(person: Person, feature: string): string | undefined {
  const exact = person.features[feature];
  if (exact !== undefined) return exact;
  const wanted = valueKey(feature);
  for (const [name, value] of Object.entries(person.features)) {
    if (valueKey(name) === wanted) return value;
  }
  return undefined;
}

/** How many of `members` have each value of `feature`, keyed by the normalised value. */
function countValues(people: Map<string, Person>, members: readonly string[], feature: string) {
  const counts = new Map<string, number>();
  for (const id of members) {
    const person = people.get(id);
    if (person === undefined) continue;
    const value = featureValue(person, feature);
    if (value === undefined) continue;
    const key = valueKey(value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The pool by id; when an id repeats, the first person wins (the pool itself is checked elsewhere). */
function poolById(people: readonly Person[]): Map<string, Person> {
  const byId = new Map<string, Person>();
  for (const person of people) if (!byId.has(person.id)) byId.set(person.id, person);
  return byId;
}

/** Prints a deviation without float noise such as 2.0000000000000004. */
function formatNumber(x: number): string {
  return String(Number(x.toFixed(9)));
}

/**
 * The weighted deviation of a panel from point targets: Σ_f weight_f · Σ_v |count_v − target_v|, summed
 * over the values listed in the targets (members with an unlisted value add nothing). 0 for quota
 * targets. Unknown ids count for nothing; a repeated id counts each time it appears.
 */
export function weightedDeviation(input: SelectionInput, members: readonly string[]): number {
  if (input.targets.kind !== 'points') return 0;
  const people = poolById(input.people);
  let total = 0;
  for (const feature of input.targets.features) {
    const counts = countValues(people, members, feature.feature);
    let featureTotal = 0;
    for (const { value, target } of feature.values) {
      featureTotal += Math.abs((counts.get(valueKey(value)) ?? 0) - target);
    }
    total += feature.weight * featureTotal;
  }
  return total;
}

/**
 * Everything wrong with `members` as a panel for `input`, as sentences a person can act on; empty when
 * the panel is valid. All problems are listed, not just the first, so one run shows the whole picture.
 */
export function checkPanel(
  input: SelectionInput,
  members: readonly string[],
  opts: CheckPanelOptions = {},
): string[] {
  return panelProblems(input, members, opts).map((p) => p.message);
}

/** The same problems with their codes, for a reader in another language. */
export function panelProblems(
  input: SelectionInput,
  members: readonly string[],
  opts: CheckPanelOptions = {},
): CheckProblem[] {
  const problems = new ProblemList();
  const people = poolById(input.people);

  if (members.length !== input.panelSize) {
    problems.add(
      'panel_size',
      { count: members.length, size: input.panelSize },
      `The panel has ${members.length} members; it should have ${input.panelSize}.`,
    );
  }

  const seen = new Set<string>();
  const reportedDuplicates = new Set<string>();
  for (const id of members) {
    if (seen.has(id)) {
      if (!reportedDuplicates.has(id))
        problems.add(
          'member_twice',
          { id: shorten(id) },
          `Member "${shorten(id)}" is on the panel more than once.`,
        );
      reportedDuplicates.add(id);
      continue;
    }
    if (!people.has(id))
      problems.add('member_unknown', { id: shorten(id) }, `Member "${shorten(id)}" is not in the pool.`);
    seen.add(id);
  }

  for (const id of input.keep ?? []) {
    if (!seen.has(id))
      problems.add(
        'kept_missing',
        { id: shorten(id) },
        `Person "${shorten(id)}" must be kept on every panel but is missing.`,
      );
  }

  // Households: a member's household is compared with those of the members before them.
  const householdOf = new Map<string, string>();
  for (const id of seen) {
    const household = people.get(id)?.household;
    if (household === undefined || household === '') continue;
    const other = householdOf.get(household);
    if (other !== undefined) {
      problems.add(
        'same_household',
        { first: shorten(other), second: shorten(id) },
        `Members "${shorten(other)}" and "${shorten(id)}" are from the same household.`,
      );
    } else {
      householdOf.set(household, id);
    }
  }

  if (input.targets.kind === 'quotas') {
    for (const quota of input.targets.quotas) {
      const count = countValues(people, members, quota.feature).get(valueKey(quota.value)) ?? 0;
      const where = { feature: quota.feature, value: quota.value, count };
      if (count < quota.min) {
        problems.add(
          'quota_below',
          { ...where, min: quota.min },
          `${quota.feature} = ${quota.value}: ${count} member(s), below the minimum of ${quota.min}.`,
        );
      }
      if (count > quota.max) {
        problems.add(
          'quota_above',
          { ...where, max: quota.max },
          `${quota.feature} = ${quota.value}: ${count} member(s), above the maximum of ${quota.max}.`,
        );
      }
    }
  } else if (opts.allowedDeviation !== undefined) {
    const deviation = weightedDeviation(input, members);
    if (deviation > opts.allowedDeviation + DEVIATION_EPSILON) {
      problems.add(
        'deviation_above',
        { deviation: formatNumber(deviation), allowed: formatNumber(opts.allowedDeviation) },
        `The weighted deviation from the point targets is ${formatNumber(deviation)}, above the allowed ${formatNumber(opts.allowedDeviation)}.`,
      );
    }
  }

  return problems.found;
}
