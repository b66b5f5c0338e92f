import { z } from 'zod';
import { shorten } from '../sortition/echo.ts';
import type { PointFeature } from '../sortition/model.ts';
import { targetNumberLimits } from '../sortition/target-numbers.ts';
import { formatLimit, inputLimits } from './limits.ts';
import { inputError } from './location.ts';
import { countLineBreaks } from './text-file.ts';

const targetError = `target must be a number from 0 to ${formatLimit(targetNumberLimits.pointTarget)} (seats)`;
const weightError = `weight must be a number from 0 to ${formatLimit(targetNumberLimits.weight)}`;

// Strict objects, because a misspelt "wieght" would otherwise be dropped without a word and the
// feature would silently get weight 1.
const featureSchema = z.strictObject(
  {
    values: z
      .record(
        z.string(),
        z
          .number({ error: targetError })
          .min(0, { error: targetError })
          .max(targetNumberLimits.pointTarget, { error: targetError }),
        {
          error: 'values must be an object of value: target',
        },
      )
      .refine((values) => Object.keys(values).length > 0, { error: 'values must list at least one value' }),
    weight: z
      .number({ error: weightError })
      .min(0, { error: weightError })
      .max(targetNumberLimits.weight, { error: weightError })
      .default(1),
  },
  { error: 'each feature must be an object with "values" and an optional "weight"' },
);

const fileSchema = z
  .record(z.string(), featureSchema, { error: 'the file must be one JSON object with a key per feature' })
  .refine((features) => Object.keys(features).length > 0, { error: 'the file lists no features' });

/**
 * Parses Swedish point targets: `{feature: {"values": {value: target}, "weight": w}}`, where a
 * target is a desired (possibly fractional) number of seats and the weight says how much a
 * deviation on that feature counts.
 */
export function parsePointTargets(text: string, file: string): PointFeature[] {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw jsonSyntaxError(content, file, error instanceof Error ? error.message : String(error));
  }
  rejectLongKeys(json, file);
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => {
      // Keys are the person's text and can be of any length; messages repeat only their start.
      const path = issue.path.map((key) => shorten(String(key))).join('.');
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown key ${issue.keys
              .slice(0, 5)
              .map((key) => `"${shorten(key)}"`)
              .join(', ')}; a feature has only "values" and "weight"`
          : issue.message;
      return path === '' ? message : `${path}: ${message}`;
    });
    throw inputError(
      { file },
      `${problems.join('; ')}. Fix the JSON and read it again.`,
      'bad-point-targets',
    );
  }
  const features = Object.entries(parsed.data).map(([feature, { values, weight }]) => ({
    feature: feature.trim(),
    weight,
    values: Object.entries(values).map(([value, target]) => ({ value: value.trim(), target })),
  }));
  rejectCaseTwins(
    file,
    features.map(({ feature }) => feature),
    'features',
  );
  for (const { feature, values } of features) {
    rejectCaseTwins(
      file,
      values.map(({ value }) => value),
      `${feature}.values`,
    );
  }
  return features;
}

/**
 * Feature and value names are cells of a table in every other format, so they get the same limit
 * (`inputLimits.cellCharacters`); a longer key is a mistake, and would be copied into every output.
 * Checked before the schema, whose messages would otherwise list the keys.
 */
function rejectLongKeys(json: unknown, file: string): void {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return;
  let count = 0;
  for (const [feature, body] of Object.entries(json)) {
    const values =
      body !== null && typeof body === 'object' && 'values' in body && typeof body.values === 'object'
        ? Object.keys(body.values ?? {})
        : [];
    // A target is a row of a quota table in every other format, so the row limit applies.
    count += values.length;
    if (count > inputLimits.rows) {
      throw inputError(
        { file },
        `the file has more than ${formatLimit(inputLimits.rows)} targets, the most Lotta reads; ` +
          'check that this is a file of point targets.',
        'too-many-rows',
      );
    }
    const long = [feature, ...values].find((key) => key.length > inputLimits.cellCharacters);
    if (long !== undefined) {
      throw inputError(
        { file },
        `the name "${shorten(long)}" is longer than ${formatLimit(inputLimits.cellCharacters)} characters, ` +
          'the most Lotta reads in a name; shorten it.',
        'name-too-long',
      );
    }
  }
}

// The engine compares names case-insensitively, so "Man" and "man" would be one value with two targets.
function rejectCaseTwins(file: string, names: string[], path: string): void {
  const seen = new Map<string, string>();
  for (const name of names) {
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      throw inputError(
        { file },
        `${shorten(path)}: "${shorten(earlier)}" and "${shorten(name)}" are the same when case is ignored; keep one of them.`,
        'duplicate-target',
      );
    }
    seen.set(name.toLowerCase(), name);
  }
}

// JSON.parse only gives a character position in its message; people need a line.
function jsonSyntaxError(text: string, file: string, message: string) {
  const position = /position (\d+)/.exec(message);
  // V8 quotes a short piece of the text in its message; 200 characters keep any of it bounded.
  const reason = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^JSON\.parse: /, '')
    .slice(0, 200);
  if (!position) {
    return inputError(
      { file },
      `the file is not valid JSON (${reason}). Fix the JSON and read it again.`,
      'bad-json',
    );
  }
  const before = text.slice(0, Number(position[1]));
  const line = countLineBreaks(before) + 1;
  const column = before.length - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return inputError(
    { file, line },
    `the file is not valid JSON at character ${column} (${reason}). Look for a missing comma, quote or brace there.`,
    'bad-json',
  );
}
