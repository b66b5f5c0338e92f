/**
 * The human-readable summary of a selection: per target, how many such people the pool has and how
 * many the panel will hold on average; how the chances are spread; who has no chance and why; and,
 * when no panel is possible, what stands in the way and the smallest change that would fix it.
 */

import { type TargetSettings, typedChange } from '../domain/targets.ts';
import { numberFormatIn } from '../i18n/format.ts';
import type { TypedPercentage } from '../io/quotas.ts';
import { clip, shorten } from '../sortition/echo.ts';
import { normalise } from '../sortition/instance.ts';
import type { Finding, Relaxation, Targets } from '../sortition/model.ts';
import type { RecordedPerson, SelectionFile } from '../sortition/selection-file.ts';
import { type ExclusionContext, type Messages, translateExclusion, translateFinding } from './messages.ts';

/** How many ids a group of people with probability 0 shows before it only counts the rest. */
const SHOWN_IDS = 5;

interface TargetRow {
  feature: string;
  value: string;
  /** Only for point targets. */
  weight?: number;
  /** Undefined for a value the pool has but the targets do not mention. */
  target?: { min: number; max: number } | { point: number };
  pool: number;
  expected: number;
}

/**
 * `percentages`: what a percentage file said, so that the change that makes a panel possible is
 * given in percent, the unit typed, rather than in the seats the percentages became.
 */
export function summarize(file: SelectionFile, messages: Messages, percentages?: TypedPercentage[]): string {
  const format = numberFormats(messages.lang);
  const { input, status } = file;
  const lines: string[] = [];
  const seconds = format.fixed(file.run.stats.seconds, 2);
  const headline = status === 'ok' ? messages.summary.ok : messages.summary.infeasible;
  lines.push(headline(file.algorithm, input.panelSize, input.people.length, seconds), '');

  lines.push(
    ...targetTable(targetRows(file), input.targets.kind === 'points', status === 'ok', messages, format),
  );

  if (status === 'ok') {
    lines.push('', ...chances(file, messages, format));
    if (file.deviation) {
      lines.push(
        messages.summary.deviation(
          format.upTo(file.deviation.best, 4),
          format.upTo(file.deviation.allowed, 4),
        ),
      );
    }
    const levels = file.run.levels ?? [];
    if (levels.length > 0) {
      const gap = Math.max(...levels.map((level) => level.bound - level.value));
      lines.push(messages.summary.levels(levels.length, format.upTo(Math.max(0, gap), 9)));
    }
    if (file.lottery) {
      lines.push(messages.summary.lottery(file.lottery.size, format.upTo(file.lottery.maxDeviation, 4)));
    }
    if (file.run.tradeOff) lines.push('', ...tradeOffTable(file.run.tradeOff, messages, format));
  } else {
    lines.push('', messages.summary.diagnosticsHeading);
    for (const diagnostic of file.diagnostics) {
      const typed = percentages && percentFinding(percentages, diagnostic, input.panelSize, messages);
      lines.push(...findingLines(typed ?? translateFinding(echoSafe(diagnostic), messages)));
    }
    if (file.relaxation && file.relaxation.length > 0) {
      lines.push('', messages.summary.relaxationHeading);
      for (const r of file.relaxation) {
        const name = `${shorten(r.feature)}=${shorten(r.value)}`;
        const typed = percentages && percentChange(percentages, r, input.panelSize);
        lines.push(
          `  - ${
            typed
              ? messages.summary.relaxationPercent(name, r.bound, typed.from, typed.to, r.to)
              : messages.summary.relaxation(name, r.bound, r.from, r.to)
          }`,
        );
      }
    }
  }

  if (file.warnings.length > 0) {
    lines.push('', messages.summary.warningsHeading);
    for (const warning of file.warnings)
      lines.push(...findingLines(translateFinding(echoSafe(warning), messages)));
  }
  return `${lines.join('\n')}\n`;
}

function findingLines(text: { message: string; suggestion?: string }): string[] {
  return [`  - ${clip(text.message)}`, ...(text.suggestion ? [`    → ${clip(text.suggestion)}`] : [])];
}

/**
 * A finding whose names (features, values, ids: the person's text, of any length) are cut to their
 * start. A 20 MB key once made a 147 MB summary, repeated in the table, the warning and its advice.
 */
function echoSafe(finding: Finding): Finding {
  const params = finding.params
    ? Object.fromEntries(
        Object.entries(finding.params).map(([k, v]) => [k, typeof v === 'string' ? shorten(v) : v]),
      )
    : undefined;
  return {
    ...finding,
    category: shorten(finding.category),
    value: shorten(finding.value),
    message: clip(finding.message),
    suggestion: finding.suggestion === undefined ? undefined : clip(finding.suggestion),
    params,
  };
}

// ---- The table of targets ------------------------------------------------------------------------------

/** Each person's answers keyed the way the engine matches them: trimmed, case and spacing ignored. */
function answersOf(person: RecordedPerson): Map<string, string> {
  const answers = new Map<string, string>();
  for (const [feature, value] of Object.entries(person.features)) answers.set(normalise(feature), value);
  return answers;
}

interface FeatureGroup {
  name: string;
  weight?: number;
  rows: TargetRow[];
  byValue: Map<string, TargetRow>;
}

/** One row per target, in the targets' order, plus one per value the pool has but no target names. */
function targetRows(file: SelectionFile): TargetRow[] {
  const groups = featureGroups(file.input.targets);
  for (const person of file.input.people) {
    const answers = answersOf(person);
    const probability = file.probabilities[person.id] ?? 0;
    for (const [key, group] of groups) {
      const answer = answers.get(key);
      if (answer === undefined) continue;
      let row = group.byValue.get(normalise(answer));
      if (row === undefined) {
        // Only point targets get here: with quotas the engine refuses a value that has no quota.
        row = { feature: group.name, value: answer.trim(), weight: group.weight, pool: 0, expected: 0 };
        group.byValue.set(normalise(answer), row);
        group.rows.push(row);
      }
      row.pool++;
      row.expected += probability;
    }
  }
  return [...groups.values()].flatMap((group) => group.rows);
}

function featureGroups(targets: Targets): Map<string, FeatureGroup> {
  const groups = new Map<string, FeatureGroup>();
  const groupOf = (feature: string, weight?: number) => {
    const key = normalise(feature);
    let group = groups.get(key);
    if (group === undefined) {
      group = { name: feature.trim(), weight, rows: [], byValue: new Map() };
      groups.set(key, group);
    }
    return group;
  };
  const add = (group: FeatureGroup, value: string, target: TargetRow['target']) => {
    const row: TargetRow = {
      feature: group.name,
      value: value.trim(),
      weight: group.weight,
      target,
      pool: 0,
      expected: 0,
    };
    group.rows.push(row);
    group.byValue.set(normalise(value), row);
  };
  if (targets.kind === 'quotas') {
    for (const quota of targets.quotas)
      add(groupOf(quota.feature), quota.value, { min: quota.min, max: quota.max });
  } else {
    for (const feature of targets.features) {
      const group = groupOf(feature.feature, feature.weight);
      for (const { value, target } of feature.values) add(group, value, { point: target });
    }
  }
  return groups;
}

function targetTable(
  rows: TargetRow[],
  points: boolean,
  withExpected: boolean,
  messages: Messages,
  format: NumberFormats,
): string[] {
  const { columns } = messages.summary;
  const header = [
    columns.feature,
    columns.value,
    ...(points ? [columns.weight] : []),
    columns.target,
    columns.pool,
    ...(withExpected ? [columns.expected] : []),
  ];
  const body = rows.map((row, i) => {
    // The feature and its weight are named on its first row only; the blanks below group its values.
    const first = i === 0 || rows[i - 1].feature !== row.feature;
    return [
      first ? shorten(row.feature) : '',
      shorten(row.value),
      ...(points ? [first && row.weight !== undefined ? format.upTo(row.weight, 4) : ''] : []),
      targetText(row.target, messages, format),
      String(row.pool),
      ...(withExpected ? [format.fixed(row.expected, 2)] : []),
    ];
  });
  // Text columns are left-aligned, numbers right-aligned so that their digits line up.
  return textTable(
    header,
    body,
    header.map((_, i) => i >= 2),
  );
}

/** Columns padded to their widest cell, with a rule under the header. */
function textTable(header: string[], body: string[][], rightAligned: boolean[]): string[] {
  const widths = header.map((title, c) => Math.max(title.length, ...body.map((cells) => cells[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

/** How the chances change as more deviation from the point targets is allowed, one row per tolerance. */
function tradeOffTable(
  tradeOff: NonNullable<SelectionFile['run']['tradeOff']>,
  messages: Messages,
  format: NumberFormats,
): string[] {
  const { tradeOffColumns: columns } = messages.summary;
  const header = [
    columns.tolerance,
    columns.allowed,
    columns.lowest,
    columns.lowestSelectable,
    columns.withoutChance,
  ];
  const body = tradeOff.steps.map((step) => [
    format.upTo(step.tolerance, 4),
    format.upTo(step.allowed, 4),
    format.fixed(step.lowest, 4),
    format.fixed(step.lowestSelectable, 4),
    String(step.withoutChance),
  ]);
  const lines = [
    messages.summary.tradeOffHeading(format.upTo(tradeOff.best, 4), format.fixed(tradeOff.seconds, 2)),
    ...textTable(
      header,
      body,
      header.map(() => true),
    ).map((line) => `  ${line}`),
  ];
  const [before, last] = tradeOff.steps.slice(-2);
  if (last && last.withoutChance === 0 && last.lowest <= before.lowest + 1e-6) {
    lines.push(messages.summary.tradeOffStopped(tradeOff.steps.length));
  }
  return lines;
}

function targetText(target: TargetRow['target'], messages: Messages, format: NumberFormats): string {
  if (target === undefined) return messages.summary.noTarget;
  if ('point' in target) return format.upTo(target.point, 2);
  return target.min === target.max ? String(target.min) : `${target.min}–${target.max}`;
}

// ---- Chances --------------------------------------------------------------------------------------------

function chances(file: SelectionFile, messages: Messages, format: NumberFormats): string[] {
  const lines: string[] = [];
  const kept = new Set(file.input.keep);
  const positive = file.input.people
    .filter((person) => !kept.has(person.id))
    .map((person) => file.probabilities[person.id] ?? 0)
    .filter((p) => p > 0)
    .sort((a, b) => a - b);
  if (positive.length > 0) {
    const p = (x: number) => format.fixed(x, 4);
    lines.push(
      messages.summary.probabilities(
        positive.length,
        p(positive[0]),
        p(median(positive)),
        p(positive[positive.length - 1]),
      ),
    );
  }
  if (kept.size > 0) lines.push(messages.summary.kept(kept.size));

  const zero = file.input.people.filter(
    (person) => !kept.has(person.id) && !(file.probabilities[person.id] > 0),
  );
  if (zero.length === 0) {
    lines.push(messages.summary.everybodyHasAChance);
    return lines;
  }
  lines.push(messages.summary.zeroHeading(zero.length));
  const reasons = new Map(file.excluded.map((e) => [e.id, e]));
  const groups = new Map<string, string[]>();
  for (const person of zero) {
    const excluded = reasons.get(person.id);
    const reason = excluded
      ? translateExclusion(excluded.code, exclusionContext(file, person, excluded.reason), messages)
      : '?';
    const ids = groups.get(reason);
    if (ids) ids.push(person.id);
    else groups.set(reason, [person.id]);
  }
  for (const [reason, ids] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    const shown = ids.slice(0, SHOWN_IDS).map(shorten).join(', ');
    const more = ids.length > SHOWN_IDS ? messages.summary.moreIds(ids.length - SHOWN_IDS) : '';
    lines.push(`  ${messages.summary.zeroGroup(ids.length, reason, shown + more)}`);
  }
  return lines;
}

/** The facts behind an exclusion that a translation can name without parsing the engine's English. */
function exclusionContext(file: SelectionFile, person: RecordedPerson, reason: string): ExclusionContext {
  const { targets, keep, people } = file.input;
  const context: ExclusionContext = { reason: clip(reason) };
  if (targets.kind === 'quotas') {
    const answers = answersOf(person);
    const closed = targets.quotas.find(
      (q) => q.max === 0 && normalise(answers.get(normalise(q.feature)) ?? '\u0000') === normalise(q.value),
    );
    if (closed) context.closedQuota = `${shorten(closed.feature)}=${shorten(closed.value)}`;
  }
  if (person.household !== undefined) {
    const kept = new Set(keep);
    const mate = people.find((other) => other.household === person.household && kept.has(other.id));
    if (mate) context.keptHousemate = shorten(mate.id);
  }
  return context;
}

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// ---- Numbers ---------------------------------------------------------------------------------------------

interface NumberFormats {
  /** Exactly `digits` decimals. */
  fixed(value: number, digits: number): string;
  /** At most `digits` decimals, without trailing zeros. */
  upTo(value: number, digits: number): string;
}

/** Decimal point or comma as the language writes it; never digit grouping, which would break alignment. */
function numberFormats(language: string): NumberFormats {
  const cache = new Map<string, Intl.NumberFormat>();
  const formatter = (min: number, max: number) => {
    const key = `${min}:${max}`;
    let f = cache.get(key);
    if (f === undefined) {
      f = numberFormatIn(language, { digits: max, minimumDigits: min, grouping: false });
      cache.set(key, f);
    }
    return f;
  };
  return {
    fixed: (value, digits) => formatter(digits, digits).format(value),
    upTo: (value, digits) => formatter(0, digits).format(value),
  };
}

/** A relax-min/-max finding in percent, the unit typed, with the seats in brackets; else undefined. */
function percentFinding(
  percentages: TypedPercentage[],
  finding: Finding,
  panelSize: number,
  messages: Messages,
): { message: string; suggestion: string } | undefined {
  if (finding.code !== 'relax-min' && finding.code !== 'relax-max') return undefined;
  const from = finding.params?.from;
  const to = finding.params?.to;
  if (typeof from !== 'number' || typeof to !== 'number' || finding.value === undefined) return undefined;
  const bound = finding.code === 'relax-min' ? 'min' : 'max';
  const relaxation = { feature: finding.category, value: finding.value, bound, from, to } as const;
  const change = percentChange(percentages, relaxation, panelSize);
  if (!change) return undefined;
  const key = `cli.finding.${finding.code}-percent`;
  const params = {
    category: shorten(finding.category),
    value: shorten(finding.value),
    from: change.from,
    to: change.to,
    fromSeats: from,
    toSeats: to,
  };
  return { message: messages.t(key, params), suggestion: messages.t(`${key}_suggestion`, params) };
}

/** The change `r` (in seats) as a change of the percentage typed for its quota, if one gives it. */
function percentChange(
  percentages: TypedPercentage[],
  r: Relaxation,
  panelSize: number,
): { from: number; to: number } | undefined {
  const typed = percentages.find(
    (p) => normalise(p.feature) === normalise(r.feature) && normalise(p.value) === normalise(r.value),
  );
  if (!typed) return undefined;
  const settings: TargetSettings = {
    kind: 'percentages',
    definition: {
      questions: {
        [r.feature]: {
          included: true,
          preferNotToSay: 'own',
          values: { [r.value]: { minPercent: typed.minPercent, maxPercent: typed.maxPercent } },
        },
      },
    },
    population: {},
  };
  const change = typedChange(settings, r.feature, r.value, r.bound, r.to, panelSize);
  return change?.unit === 'percent' ? change : undefined;
}
