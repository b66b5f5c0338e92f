/**
 * LEGACY: the greedy selection most organisers still run (Flanigan et al., Nature 2021, Methods;
 * the Sortition Foundation's stratification app). Lotta offers it so an organiser can compare it
 * with LEXIMIN: it meets the quotas but gives some people far smaller chances than others, and
 * its selection probabilities are not known in closed form, so they are estimated by drawing many
 * panels (Monte Carlo).
 *
 * One draw, after seating the kept people:
 *  1. among the quota values whose minimum is not met, take the one with the highest ratio
 *     (min − selected) / (people still available with that value) — the most "urgent" value;
 *  2. seat a uniformly random available person with that value, or, once every minimum is met,
 *     a uniformly random available person;
 *  3. make unavailable everyone who would overfill a value that has just reached its maximum, and
 *     everyone in the new member's household;
 *  4. give up when a minimum can no longer be reached or the pool runs dry; the caller retries.
 */

import { shorten } from './echo.ts';
import { CancelledError, InputError, type Progress, type SelectionInput } from './model.ts';
import { createRandom, type Random } from './random.ts';

export interface LegacyOptions {
  /** Successful draws to average over (default 10,000, as in the paper). */
  samples?: number;
  /** Seed of the draws; a fixed default keeps unseeded runs reproducible too. */
  seed?: string;
  onProgress?: (progress: Progress) => void;
  isCancelled?: () => boolean;
}

export interface LegacyEstimate {
  /** Person id → share of the successful draws that seated them (every person of the pool appears). */
  probabilities: Record<string, number>;
  /** Every distinct panel drawn, members in pool order, most frequent first. */
  panels: { members: string[]; count: number }[];
  samples: number;
  /** Attempts that ended without a panel meeting the quotas. */
  failures: number;
}

export const DEFAULT_LEGACY_SAMPLES = 10_000;
const DEFAULT_LEGACY_SEED = 'lotta-legacy';
/** More failed attempts than this multiple of the samples means the greedy method is hopeless here. */
const FAILURES_PER_SAMPLE_ALLOWED = 10;

/** One quota value, as the draw sees it. */
interface QuotaSlot {
  feature: string;
  value: string;
  min: number;
  max: number;
}

/** Everything a draw needs, computed once per input; indices are positions in the pool. */
interface LegacyPlan {
  ids: string[];
  panelSize: number;
  slots: QuotaSlot[];
  /** Per person: the quota slots their values fall in (at most one per feature). */
  slotsOfPerson: number[][];
  /** Per feature with quotas: its slots, for the "enough seats left for all minimums" check. */
  slotsOfFeature: number[][];
  /** Per slot: the index of its feature in `slotsOfFeature`. */
  featureOfSlot: number[];
  /** Per slot: where its segment starts in its feature's list of available people. */
  slotOffset: number[];
  /** Per person: the other members of their household. */
  housematesOf: number[][];
  /** The state after seating the kept people, copied at the start of every draw. */
  start: {
    panel: number[];
    selected: Int32Array;
    available: number[];
    availableInSlot: number[][];
  };
}

/** Why a draw gave up; kept so the final error can name the quota that most often blocked it. */
type DrawOutcome = { panel: number[] } | { failure: string };

function normalise(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * The mutable state of one draw, allocated once and reset from the plan's start state before each
 * draw so that 10,000 draws allocate nothing. Available people are kept in swap-remove lists with
 * position indices, so both "pick a random available person with value v" and "make this person
 * unavailable" are O(1) per quota the person falls in. The values of one feature are disjoint, so
 * each feature needs only one list (cut into one segment per value) and one position array.
 */
class DrawState {
  readonly selected: Int32Array;
  readonly panel: number[] = [];
  private readonly availableItems: Int32Array;
  private readonly availablePosition: Int32Array;
  private availableSize = 0;
  private readonly featureItems: Int32Array[];
  private readonly featurePosition: Int32Array[];
  private readonly slotSize: Int32Array;
  private readonly template: {
    availableItems: Int32Array;
    availablePosition: Int32Array;
    featureItems: Int32Array[];
    featurePosition: Int32Array[];
    slotSize: Int32Array;
  };

  constructor(private readonly plan: LegacyPlan) {
    const poolSize = plan.ids.length;
    const { available, availableInSlot } = plan.start;
    const availableItems = new Int32Array(poolSize);
    const availablePosition = new Int32Array(poolSize).fill(-1);
    available.forEach((person, at) => {
      availableItems[at] = person;
      availablePosition[person] = at;
    });
    const featureItems = plan.slotsOfFeature.map(() => new Int32Array(poolSize));
    const featurePosition = plan.slotsOfFeature.map(() => new Int32Array(poolSize).fill(-1));
    const slotSize = new Int32Array(plan.slots.length);
    plan.slots.forEach((_, slot) => {
      const feature = plan.featureOfSlot[slot];
      const offset = plan.slotOffset[slot];
      availableInSlot[slot].forEach((person, at) => {
        featureItems[feature][offset + at] = person;
        featurePosition[feature][person] = offset + at;
      });
      slotSize[slot] = availableInSlot[slot].length;
    });
    this.template = { availableItems, availablePosition, featureItems, featurePosition, slotSize };
    this.availableItems = availableItems.slice();
    this.availablePosition = availablePosition.slice();
    this.featureItems = featureItems.map((items) => items.slice());
    this.featurePosition = featurePosition.map((positions) => positions.slice());
    this.slotSize = slotSize.slice();
    this.selected = plan.start.selected.slice();
    this.reset();
  }

  reset(): void {
    const { template, plan } = this;
    this.availableItems.set(template.availableItems);
    this.availablePosition.set(template.availablePosition);
    this.availableSize = plan.start.available.length;
    this.featureItems.forEach((items, feature) => {
      items.set(template.featureItems[feature]);
    });
    this.featurePosition.forEach((positions, feature) => {
      positions.set(template.featurePosition[feature]);
    });
    this.slotSize.set(template.slotSize);
    this.selected.set(plan.start.selected);
    this.panel.length = 0;
    this.panel.push(...plan.start.panel);
  }

  availableCount(): number {
    return this.availableSize;
  }

  availableWith(slot: number): number {
    return this.slotSize[slot];
  }

  randomAvailable(random: Random): number {
    return this.availableItems[random.int(this.availableSize)];
  }

  randomAvailableWith(slot: number, random: Random): number {
    const feature = this.plan.featureOfSlot[slot];
    return this.featureItems[feature][this.plan.slotOffset[slot] + random.int(this.slotSize[slot])];
  }

  makeUnavailable(person: number): void {
    const at = this.availablePosition[person];
    if (at < 0) return;
    const last = this.availableItems[--this.availableSize];
    this.availableItems[at] = last;
    this.availablePosition[last] = at;
    this.availablePosition[person] = -1;
    for (const slot of this.plan.slotsOfPerson[person]) {
      const feature = this.plan.featureOfSlot[slot];
      const items = this.featureItems[feature];
      const positions = this.featurePosition[feature];
      const slotAt = positions[person];
      const slotLast = items[this.plan.slotOffset[slot] + --this.slotSize[slot]];
      items[slotAt] = slotLast;
      positions[slotLast] = slotAt;
      positions[person] = -1;
    }
  }

  /** Makes unavailable everyone still available with the value of `slot` (it is full). */
  closeSlot(slot: number): void {
    const feature = this.plan.featureOfSlot[slot];
    const offset = this.plan.slotOffset[slot];
    while (this.slotSize[slot] > 0) this.makeUnavailable(this.featureItems[feature][offset]);
  }
}

function describeSlot(slot: QuotaSlot): string {
  return `${slot.feature} = ${slot.value}`;
}

function planLegacy(input: SelectionInput): LegacyPlan {
  if (input.targets.kind !== 'quotas') {
    throw new InputError(
      'LEGACY needs min/max quotas; it cannot work with point targets. Choose LEXIMIN for point targets.',
      {},
      'legacy-needs-quotas',
    );
  }
  const { people, panelSize } = input;
  if (!Number.isInteger(panelSize) || panelSize < 1) {
    throw new InputError(
      `The panel size must be a positive whole number, not ${panelSize}.`,
      {},
      'bad-panel-size',
    );
  }
  if (people.length < panelSize) {
    throw new InputError(
      `The pool has ${people.length} people, fewer than the ${panelSize} seats of the panel.`,
      {},
      'pool-too-small',
    );
  }

  const ids = people.map((person) => person.id);
  const indexOfId = new Map<string, number>();
  ids.forEach((id, index) => {
    if (indexOfId.has(id))
      throw new InputError(`The id ${shorten(id)} appears twice in the pool.`, {}, 'duplicate-id');
    indexOfId.set(id, index);
  });

  const slots: QuotaSlot[] = [];
  const slotByFeatureValue = new Map<string, Map<string, number>>();
  for (const quota of input.targets.quotas) {
    const feature = normalise(quota.feature);
    const value = normalise(quota.value);
    const where = { file: quota.source?.file, row: quota.source?.row };
    if (
      !Number.isInteger(quota.min) ||
      !Number.isInteger(quota.max) ||
      quota.min < 0 ||
      quota.min > quota.max
    ) {
      throw new InputError(
        `The quota for ${quota.feature} = ${quota.value} needs whole numbers 0 ≤ min ≤ max, not ${quota.min}..${quota.max}.`,
        where,
        'bad-quota',
      );
    }
    let values = slotByFeatureValue.get(feature);
    if (!values) {
      values = new Map();
      slotByFeatureValue.set(feature, values);
    }
    if (values.has(value)) {
      throw new InputError(
        `There are two quotas for ${quota.feature} = ${quota.value}.`,
        where,
        'duplicate-quota',
      );
    }
    values.set(value, slots.length);
    slots.push({ feature: quota.feature, value: quota.value, min: quota.min, max: quota.max });
  }
  const slotsOfFeature = [...slotByFeatureValue.values()].map((values) => [...values.values()]);

  // A value that no quota names (or a missing answer) is simply not constrained by that feature:
  // quotas bound the values they list. Readers that want every value covered check that earlier.
  const slotsOfPerson = people.map((person) => {
    const found: number[] = [];
    // Keys differing only in case ("Gender", "gender") would count one person twice in a feature;
    // the first answer wins, since the draw relies on each person filling one value per feature.
    const seen = new Set<string>();
    for (const [feature, value] of Object.entries(person.features)) {
      const key = normalise(feature);
      if (seen.has(key)) continue;
      seen.add(key);
      const slot = slotByFeatureValue.get(key)?.get(normalise(value));
      if (slot !== undefined) found.push(slot);
    }
    return found;
  });

  const household = new Map<string, number[]>();
  people.forEach((person, index) => {
    const key = person.household?.trim();
    if (!key) return;
    const members = household.get(key);
    if (members) members.push(index);
    else household.set(key, [index]);
  });
  const housematesOf = people.map((person, index) => {
    const key = person.household?.trim();
    return key ? (household.get(key) ?? []).filter((other) => other !== index) : [];
  });

  // Seat the kept people once here; every draw starts from the state they leave.
  const kept = [...new Set(input.keep ?? [])].map((id) => {
    const index = indexOfId.get(id);
    if (index === undefined)
      throw new InputError(`The kept person ${shorten(id)} is not in the pool.`, {}, 'keep-unknown');
    return index;
  });
  if (kept.length > panelSize) {
    throw new InputError(
      `${kept.length} people are kept, more than the ${panelSize} seats of the panel.`,
      {},
      'keep-too-many',
    );
  }
  const selected = new Int32Array(slots.length);
  for (const person of kept) for (const slot of slotsOfPerson[person]) selected[slot]++;
  slots.forEach((slot, index) => {
    if (selected[index] > slot.max) {
      throw new InputError(
        `The kept people already include ${selected[index]} with ${describeSlot(slot)}, above its maximum of ${slot.max}.`,
        {},
        'keep-breaks-max',
      );
    }
  });
  const unavailable = new Set<number>(kept);
  for (const person of kept) for (const housemate of housematesOf[person]) unavailable.add(housemate);
  people.forEach((_, index) => {
    if (slotsOfPerson[index].some((slot) => selected[slot] >= slots[slot].max)) unavailable.add(index);
  });
  const available = ids.map((_, index) => index).filter((index) => !unavailable.has(index));
  const availableInSlot = slots.map(() => [] as number[]);
  for (const person of available)
    for (const slot of slotsOfPerson[person]) availableInSlot[slot].push(person);

  const featureOfSlot = new Array<number>(slots.length);
  const slotOffset = new Array<number>(slots.length);
  slotsOfFeature.forEach((featureSlots, feature) => {
    let offset = 0;
    for (const slot of featureSlots) {
      featureOfSlot[slot] = feature;
      slotOffset[slot] = offset;
      offset += availableInSlot[slot].length;
    }
  });

  return {
    ids,
    panelSize,
    slots,
    slotsOfPerson,
    slotsOfFeature,
    featureOfSlot,
    slotOffset,
    housematesOf,
    start: { panel: kept, selected, available, availableInSlot },
  };
}

/**
 * Whether the current state can still lead to a panel: every unmet minimum needs enough available
 * people with that value, and the unmet minimums of one feature must fit in the seats left (each
 * seat fills at most one value per feature). Returns the reason when it cannot.
 */
function blockingReason(
  plan: LegacyPlan,
  selected: Int32Array,
  availableCount: (slot: number) => number,
  seatsLeft: number,
): string | undefined {
  for (let slot = 0; slot < plan.slots.length; slot++) {
    const need = plan.slots[slot].min - selected[slot];
    if (need > availableCount(slot)) {
      return `too few people with ${describeSlot(plan.slots[slot])} were left to reach its minimum of ${plan.slots[slot].min}`;
    }
  }
  for (const featureSlots of plan.slotsOfFeature) {
    let need = 0;
    for (const slot of featureSlots) need += Math.max(0, plan.slots[slot].min - selected[slot]);
    if (need > seatsLeft) {
      return `the minimums of ${plan.slots[featureSlots[0]].feature} needed more seats than were left`;
    }
  }
  return undefined;
}

function drawOnce(plan: LegacyPlan, state: DrawState, random: Random): DrawOutcome {
  const { slots, slotsOfPerson, housematesOf, panelSize } = plan;
  state.reset();
  const { panel, selected } = state;
  const availableWith = (slot: number) => state.availableWith(slot);

  while (panel.length < panelSize) {
    const reason = blockingReason(plan, selected, availableWith, panelSize - panel.length);
    if (reason) return { failure: reason };

    // The most urgent unmet minimum; ties go to the quota listed first, as in the original app.
    let urgent = -1;
    let urgency = 0;
    for (let slot = 0; slot < slots.length; slot++) {
      const need = slots[slot].min - selected[slot];
      if (need <= 0) continue;
      const ratio = need / state.availableWith(slot);
      if (ratio > urgency) {
        urgency = ratio;
        urgent = slot;
      }
    }
    let person: number;
    if (urgent >= 0) person = state.randomAvailableWith(urgent, random);
    else if (state.availableCount() > 0) person = state.randomAvailable(random);
    else return { failure: 'the pool ran out of people who fit the quotas before the panel was full' };

    panel.push(person);
    state.makeUnavailable(person);
    for (const slot of slotsOfPerson[person]) {
      selected[slot]++;
      if (selected[slot] >= slots[slot].max) state.closeSlot(slot);
    }
    for (const housemate of housematesOf[person]) state.makeUnavailable(housemate);
  }

  const reason = blockingReason(plan, selected, () => 0, 0);
  if (reason) return { failure: reason };
  return { panel: [...panel].sort((a, b) => a - b) };
}

/** One LEGACY attempt: the panel's ids in pool order, or null when the greedy draw got stuck. */
export function legacyDraw(input: SelectionInput, random: Random): string[] | null {
  const plan = planLegacy(input);
  const outcome = drawOnce(plan, new DrawState(plan), random);
  return 'panel' in outcome ? outcome.panel.map((index) => plan.ids[index]) : null;
}

/**
 * Estimates LEGACY's selection probabilities from `samples` successful draws; failed attempts are
 * retried (and counted) as organisers retry them in practice, which is what makes the estimate
 * the probability conditional on success.
 */
export function estimateLegacy(input: SelectionInput, options: LegacyOptions = {}): LegacyEstimate {
  const samples = options.samples ?? DEFAULT_LEGACY_SAMPLES;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new InputError(`The number of LEGACY draws must be a positive whole number, not ${samples}.`);
  }
  const plan = planLegacy(input);
  const random = createRandom(options.seed ?? DEFAULT_LEGACY_SEED);

  // When the kept people alone already make a minimum unreachable, every attempt would fail the same way.
  const startReason = blockingReason(
    plan,
    plan.start.selected,
    (slot) => plan.start.availableInSlot[slot].length,
    plan.panelSize - plan.start.panel.length,
  );
  if (startReason) {
    throw new InputError(
      `No panel can meet the quotas: ${startReason}, before any draw.`,
      {},
      'legacy-infeasible',
    );
  }

  const state = new DrawState(plan);
  const timesSelected = new Int32Array(plan.ids.length);
  const panels = new Map<string, { members: number[]; count: number }>();
  const reasons = new Map<string, number>();
  const maxFailures = FAILURES_PER_SAMPLE_ALLOWED * samples;
  const progressEvery = Math.max(1, Math.floor(samples / 100));
  let successes = 0;
  let failures = 0;
  let attempts = 0;

  while (successes < samples) {
    // Checking every attempt would be wasteful; 64 attempts take well under a millisecond.
    if (attempts % 64 === 0 && options.isCancelled?.()) throw new CancelledError();
    attempts++;
    const outcome = drawOnce(plan, state, random);
    if ('failure' in outcome) {
      failures++;
      reasons.set(outcome.failure, (reasons.get(outcome.failure) ?? 0) + 1);
      if (failures > maxFailures) {
        const [commonest] = [...reasons.entries()].sort((a, b) => b[1] - a[1]);
        throw new InputError(
          `The greedy LEGACY method could not find panels meeting the quotas: ${failures} of ${attempts} ` +
            `attempts failed (${successes} succeeded), most often because ${commonest[0]}. ` +
            'The quotas may be impossible to meet together, or too tight for a greedy draw; ' +
            'LEXIMIN finds a panel whenever one exists, or the quotas can be loosened.',
          {},
          'legacy-failed',
        );
      }
      continue;
    }
    successes++;
    for (const person of outcome.panel) timesSelected[person]++;
    const key = outcome.panel.join(',');
    const seen = panels.get(key);
    if (seen) seen.count++;
    else panels.set(key, { members: outcome.panel, count: 1 });
    if (options.onProgress && (successes % progressEvery === 0 || successes === samples)) {
      options.onProgress({
        phase: 'legacy',
        fraction: successes / samples,
        message: `${successes} of ${samples} LEGACY draws`,
      });
    }
  }

  const probabilities: Record<string, number> = {};
  plan.ids.forEach((id, index) => {
    probabilities[id] = timesSelected[index] / samples;
  });
  return {
    probabilities,
    // Array.prototype.sort is stable, so equally frequent panels stay in the order first drawn.
    panels: [...panels.values()]
      .sort((a, b) => b.count - a.count)
      .map((panel) => ({ members: panel.members.map((index) => plan.ids[index]), count: panel.count })),
    samples,
    failures,
  };
}
