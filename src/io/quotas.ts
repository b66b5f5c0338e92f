import { extname } from 'node:path';
import { shorten } from '../sortition/echo.ts';
import { InputError, type PointFeature, type Quota, type Targets } from '../sortition/model.ts';
import { targetNumberLimits } from '../sortition/target-numbers.ts';
import { formatLimit } from './limits.ts';
import { describeLocation, inputError, type Location } from './location.ts';
import { parsePercent, seatsForRange, seatsForShare } from './percentages.ts';
import { parsePointTargets } from './point-targets.ts';
import { type Table, type TableRow, tableFromBytes } from './table.ts';
import { decodeText, readInputBytes } from './text-file.ts';

// The keep list is read next to the targets when a replacement round is run; it lives in its own module.
export { parseKeep, readKeep } from './keep.ts';

export interface TargetsOptions {
  /** Number of seats; turns percentages into counts and is checked against point targets. */
  panelSize: number;
}

export interface TargetsReading {
  targets: Targets;
  /** Things that were accepted but that the person may want to look at (skipped lines, sums). */
  warnings: string[];
  /**
   * The percentages of a percentage file as typed, one per quota (a population share is both its
   * minimum and its maximum), so that advice can be given in percent rather than in seats.
   */
  percentages?: TypedPercentage[];
}

export interface TypedPercentage {
  feature: string;
  value: string;
  minPercent: number;
  maxPercent: number;
}

/**
 * Reads targets: JSON point targets (`.json`, or any file whose text starts with `{`), or a quota
 * table (`.xlsx` or delimited text) in one of the header shapes listed in `shapes` below.
 */
export async function readTargets(path: string, options: TargetsOptions): Promise<TargetsReading> {
  checkPanelSize(options.panelSize);
  return targetsFromBytes(await readInputBytes(path), path, options);
}

/** As `readTargets`, for bytes already in memory (an upload); `file` names the file and its format. */
export async function targetsFromBytes(
  bytes: Uint8Array,
  file: string,
  options: TargetsOptions,
): Promise<TargetsReading> {
  checkPanelSize(options.panelSize);
  const extension = extname(file).toLowerCase();
  if (extension === '.json' || (extension !== '.xlsx' && startsWithBrace(bytes))) {
    const features = parsePointTargets(decodeText(bytes, file), file);
    return {
      targets: { kind: 'points', features },
      warnings: pointSumWarnings(features, file, options.panelSize),
    };
  }
  return targetsFromTable(await tableFromBytes(bytes, file), options);
}

type Numbers = 'counts' | 'share' | 'range';

interface Shape {
  /** The header as the person would write it, for messages. */
  header: string;
  origin: string;
  feature: string;
  value: string;
  numbers: Numbers;
}

/** Header shapes of the quota files Lotta reads, with the columns that name the feature and the value. */
const shapes: Shape[] = [
  {
    header: 'feature,value,min,max[,min_flex,max_flex]',
    origin: 'Sortition Foundation',
    feature: 'feature',
    value: 'value',
    numbers: 'counts',
  },
  {
    header: 'category,name,min,max',
    origin: 'OpenDLP',
    feature: 'category',
    value: 'name',
    numbers: 'counts',
  },
  // In the Nature 2021 replication files "feature" is the value and "category" the feature.
  {
    header: 'category,feature,min,max',
    origin: 'Nature 2021 replication',
    feature: 'category',
    value: 'feature',
    numbers: 'counts',
  },
  {
    header: 'feature,value,percent',
    origin: 'share of the population; the column may also be called population_percent or share_percent',
    feature: 'feature',
    value: 'value',
    numbers: 'share',
  },
  {
    header: 'feature,value,min_percent,max_percent',
    origin: 'share of the panel',
    feature: 'feature',
    value: 'value',
    numbers: 'range',
  },
];

const percentHeaders = ['percent', 'population_percent', 'share_percent'];

const numberHeaders: Record<Numbers, string[][]> = {
  counts: [['min'], ['max']],
  share: [percentHeaders],
  range: [['min_percent'], ['max_percent']],
};

/** Reads a quota table; see `shapes` for the headers it understands. */
export function targetsFromTable(table: Table, options: TargetsOptions): TargetsReading {
  checkPanelSize(options.panelSize);
  const { file } = table;
  const headers = table.headers.map((header) => header.toLowerCase());
  const column = (name: string) => headers.indexOf(name);
  const shape = pickShape(table, headers);
  const featureIndex = column(shape.feature);
  const valueIndex = column(shape.value);
  const numberIndexes = numberColumns(table, headers, shape.numbers);

  const warnings: string[] = [];
  const quotas: Quota[] = [];
  const percentages: TypedPercentage[] = [];
  const lineOfQuota = new Map<string, number>();
  const percentSums = new Map<string, { feature: string; sum: number }>();
  for (const row of table.rows) {
    const feature = row.cells[featureIndex];
    const value = row.cells[valueIndex];
    const at = (index: number): Location => ({ file, line: row.line, column: table.headers[index] });
    if (feature === '' || value === '') {
      if (numberIndexes.every((index) => row.cells[index] === '')) {
        warnings.push(skippedLine(table, row, feature === '' ? featureIndex : valueIndex));
        continue;
      }
      const index = feature === '' ? featureIndex : valueIndex;
      throw inputError(
        at(index),
        `the ${table.headers[index]} is empty but the line has numbers; fill it in or delete the line.`,
        'empty-target-name',
      );
    }
    // For messages only: names can be long, and a message repeats only their start.
    const name = `${shorten(feature)}=${shorten(value)}`;
    let seats: { min: number; max: number };
    if (shape.numbers === 'counts') {
      const [minIndex, maxIndex] = ['min', 'max'].map(column);
      seats = { min: count(row, minIndex, at(minIndex)), max: count(row, maxIndex, at(maxIndex)) };
    } else if (shape.numbers === 'share') {
      const [percentIndex] = numberIndexes;
      const share = percent(row, percentIndex, at(percentIndex));
      const featureKey = feature.toLowerCase();
      const sum = percentSums.get(featureKey) ?? { feature, sum: 0 };
      percentSums.set(featureKey, { feature: sum.feature, sum: sum.sum + share });
      seats = seatsForShare(share, options.panelSize);
      percentages.push({ feature, value, minPercent: share, maxPercent: share });
    } else {
      const [minIndex, maxIndex] = ['min_percent', 'max_percent'].map(column);
      const low = percent(row, minIndex, at(minIndex));
      const high = percent(row, maxIndex, at(maxIndex));
      if (low > high) {
        throw inputError(
          at(minIndex),
          `${table.headers[minIndex]} ${low} is above ${table.headers[maxIndex]} ${high} for ${name}; ` +
            'swap them or fix the numbers.',
          'min-above-max',
        );
      }
      seats = seatsForRange(low, high, options.panelSize);
      percentages.push({ feature, value, minPercent: low, maxPercent: high });
    }
    if (seats.min > seats.max) {
      throw inputError(
        { file, line: row.line },
        `min ${seats.min} is above max ${seats.max} for ${name}; swap them or fix the numbers.`,
        'min-above-max',
      );
    }
    const flex = shape.numbers === 'counts' ? flexBounds(row, seats, name, column, at, warnings) : {};
    const key = JSON.stringify([feature.toLowerCase(), value.toLowerCase()]);
    const earlier = lineOfQuota.get(key);
    if (earlier !== undefined) {
      throw inputError(
        { file, line: row.line },
        `${name} is already on line ${earlier} (case is ignored); keep one of the two lines.`,
        'duplicate-quota',
      );
    }
    lineOfQuota.set(key, row.line);
    quotas.push({ feature, value, ...seats, ...flex, source: { file, row: row.line } });
  }
  if (quotas.length === 0) {
    throw inputError(
      { file },
      'the file has no targets, only notes; add one line per value to select for.',
      'no-targets',
    );
  }
  for (const { feature, sum } of percentSums.values()) {
    if (Math.abs(sum - 100) > 1) {
      warnings.push(
        `${file}: the percentages for "${shorten(feature)}" add up to ${Number(sum.toPrecision(12))} %, not 100 %; ` +
          'check that no value is missing.',
      );
    }
  }
  return {
    targets: { kind: 'quotas', quotas },
    warnings,
    ...(shape.numbers === 'counts' ? {} : { percentages }),
  };
}

/**
 * The optional flex bounds of a count row; a blank cell leaves the bound unset. A min_flex above
 * the minimum (or a max_flex below the maximum) cannot mean "relax to there", so it is read as
 * "this bound may not be relaxed", as the Sortition Foundation's own example files use it, and
 * the organiser is told.
 */
function flexBounds(
  row: TableRow,
  seats: { min: number; max: number },
  name: string,
  column: (name: string) => number,
  at: (index: number) => Location,
  warnings: string[],
): Pick<Quota, 'minFlex' | 'maxFlex'> {
  const flex: Pick<Quota, 'minFlex' | 'maxFlex'> = {};
  const [minFlexIndex, maxFlexIndex] = ['min_flex', 'max_flex'].map(column);
  if (minFlexIndex >= 0 && row.cells[minFlexIndex] !== '') {
    flex.minFlex = count(row, minFlexIndex, at(minFlexIndex));
    if (flex.minFlex > seats.min) {
      warnings.push(
        `${describeLocation(at(minFlexIndex))}: min_flex ${flex.minFlex} is above min ${seats.min} for ${name}; ` +
          'the minimum will not be lowered if the quotas cannot be met.',
      );
      flex.minFlex = seats.min;
    }
  }
  if (maxFlexIndex >= 0 && row.cells[maxFlexIndex] !== '') {
    flex.maxFlex = count(row, maxFlexIndex, at(maxFlexIndex));
    if (flex.maxFlex < seats.max) {
      warnings.push(
        `${describeLocation(at(maxFlexIndex))}: max_flex ${flex.maxFlex} is below max ${seats.max} for ${name}; ` +
          'the maximum will not be raised if the quotas cannot be met.',
      );
      flex.maxFlex = seats.max;
    }
  }
  return flex;
}

function pickShape(table: Table, headers: string[]): Shape {
  const matching = shapes.filter((shape) =>
    [[shape.feature], [shape.value], ...numberHeaders[shape.numbers]].every((names) =>
      names.some((name) => headers.includes(name)),
    ),
  );
  const accepted = shapes.map((shape) => `${shape.header} (${shape.origin})`).join('; ');
  if (matching.length === 0) {
    throw inputError(
      { file: table.file, line: 1 },
      `the header "${shorten(table.headers.join(','))}" is not a known targets format. The accepted headers are: ` +
        `${accepted}; or a .json file of point targets. Rename the columns to one of these.`,
      'unknown-targets-format',
    );
  }
  if (matching.length > 1) {
    throw inputError(
      { file: table.file, line: 1 },
      `the header "${shorten(table.headers.join(','))}" fits more than one targets format ` +
        `(${matching.map((shape) => shape.header).join(' and ')}); remove or rename the columns that do not belong.`,
      'ambiguous-targets-format',
    );
  }
  return matching[0];
}

/** Indexes of the columns that hold numbers; for a share, the one percentage column. */
function numberColumns(table: Table, headers: string[], numbers: Numbers): number[] {
  if (numbers !== 'share') {
    const names =
      numbers === 'counts' ? ['min', 'max', 'min_flex', 'max_flex'] : ['min_percent', 'max_percent'];
    return names.map((name) => headers.indexOf(name)).filter((index) => index >= 0);
  }
  const present = percentHeaders.filter((name) => headers.includes(name));
  if (present.length > 1) {
    throw inputError(
      { file: table.file, line: 1 },
      `the columns ${present.join(' and ')} both give a percentage; keep one of them.`,
      'ambiguous-targets-format',
    );
  }
  return [headers.indexOf(present[0])];
}

function count(row: TableRow, index: number, where: Location): number {
  const text = row.cells[index];
  if (text === '') {
    throw inputError(
      where,
      `${where.column} is empty; fill in a whole number of people (0 or more) or delete the line.`,
      'empty-count',
    );
  }
  // "3.0" is what some exports write for 3, so a zero fraction is accepted.
  if (!/^\d+(\.0+)?$/.test(text)) {
    throw inputError(
      where,
      `"${shorten(text)}" is not a whole number; ${where.column} counts people, so write a whole number (0 or more).`,
      'not-a-count',
    );
  }
  const seats = Number(text);
  // Beyond this the number means nothing for a panel and only upsets the solver (see target-numbers.ts).
  if (seats > targetNumberLimits.seats) {
    throw inputError(
      where,
      `${shorten(text)} is more seats than any panel has; write a whole number from 0 to ` +
        `${formatLimit(targetNumberLimits.seats)}.`,
      'count-out-of-range',
    );
  }
  return seats;
}

function percent(row: TableRow, index: number, where: Location): number {
  const text = row.cells[index];
  const value = parsePercent(text);
  if (value === undefined) {
    throw inputError(
      where,
      `"${shorten(text)}" is not a percentage between 0 and 100; write it like 12.5 or 12.5 %.`,
      'not-a-percent',
    );
  }
  return value;
}

function skippedLine(table: Table, row: TableRow, emptyIndex: number): string {
  const text = row.cells.filter((cell) => cell !== '').join(' ');
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return (
    `${describeLocation({ file: table.file, line: row.line })}: skipped "${shown}" because it has no ` +
    `${table.headers[emptyIndex]} and no numbers; fill them in if it is meant as a target.`
  );
}

function pointSumWarnings(features: PointFeature[], file: string, panelSize: number): string[] {
  return features.flatMap(({ feature, values }) => {
    const sum = values.reduce((total, { target }) => total + target, 0);
    return Math.abs(sum - panelSize) > 1e-6
      ? [
          `${file}: the targets for "${shorten(feature)}" add up to ${Number(sum.toPrecision(12))} but the panel has ` +
            `${panelSize} seats, so the panel cannot meet them exactly.`,
        ]
      : [];
  });
}

function checkPanelSize(panelSize: number): void {
  if (!Number.isInteger(panelSize) || panelSize < 1) {
    throw new InputError(
      `The panel size must be a whole number of seats, 1 or more (got ${panelSize}).`,
      {},
      'bad-panel-size',
    );
  }
}

// Point targets are JSON whatever the file is called (the Swedish example is criteria.json.example).
function startsWithBrace(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i])) i++;
  return bytes[i] === 0x7b;
}
