/**
 * Every sentence the `lotta` command line prints itself, in English and Swedish. The texts live in the
 * shared catalogues (`src/i18n/messages/<language>/cli.json`, keys `cli.…`), which the web uses too;
 * this module gives them the typed shape the commands call, so a command cannot ask for a text that
 * does not exist, and counts take i18next's singular and plural forms.
 *
 * The engine's findings and exclusions carry a stable `code` and parameters and are worded here by
 * code (`cli.finding.<code>`, `cli.exclusion.<code>`). In English the engine's own sentence is kept, as
 * it is the source those texts mirror; in another language a finding whose parameters are missing falls
 * back to that English, so nothing is ever printed half-filled.
 */

import { translator } from '../i18n/i18n.ts';
import enCli from '../i18n/messages/en/cli.json' with { type: 'json' };
import type { Finding, Progress } from '../sortition/model.ts';

export type Lang = 'en' | 'sv';
export const LANGS: readonly Lang[] = ['en', 'sv'];

/** Finding codes the engine uses (src/sortition/instance.ts, relaxQuotas.ts, selectPanel.ts). */
export type FindingCode =
  | 'min-above-pool'
  | 'min-above-size'
  | 'minimums-above-size'
  | 'maximums-below-size'
  | 'relax-min'
  | 'relax-max'
  | 'no-relaxation'
  | 'kept-share-household'
  | 'value-without-target'
  | 'target-without-people'
  | 'target-above-pool';

/** Codes of `SelectionResult.excluded` (why someone has probability 0). */
export type ExclusionCode =
  | 'quota-closed'
  | 'household-of-kept'
  | 'deviation'
  | 'no-feasible-panel'
  | 'never-drawn';

export interface FindingText {
  message: string;
  suggestion?: string;
}

/**
 * What the summary knows about one person with probability 0: the engine's English reason, and the
 * facts the CLI can recompute from the input so a translation need not parse that English.
 */
export interface ExclusionContext {
  reason: string;
  /** `feature=value` of the quota with maximum 0 that shuts the person out. */
  closedQuota?: string;
  /** Id of a kept person in the same household. */
  keptHousemate?: string;
}

/** The texts without parameters, in the shape of the English catalogue. */
type Texts = typeof enCli;

function build(lang: Lang) {
  const t = translator(lang);
  const texts = t('cli', { returnObjects: true }) as unknown as Texts;
  return {
    lang,
    t,
    help: texts.help,
    errors: {
      ...pick(texts.errors, [
        'nonNegativeNumber',
        'columnList',
        'samplesWithoutLegacy',
        'panelsWithLegacy',
        'notEmpty',
        'weightsWithoutStratify',
        'debugHint',
        'cancelling',
        'cancelled',
      ]),
      option: (option: string, problem: string, given: string) =>
        t('cli.errors.option', { option, problem, given }),
      wholeNumber: (min: number) => t('cli.errors.wholeNumber', { min }),
      wholeNumberUpTo: (min: number, max: number) => t('cli.errors.wholeNumberUpTo', { min, max }),
      oneOf: (choices: readonly string[]) => t('cli.errors.oneOf', { choices: choices.join(', ') }),
      sizeAbovePool: (poolFile: string, size: number, count: number) =>
        t('cli.errors.sizeAbovePool', { poolFile, size, count }),
      keepNotInPool: (keepFile: string, id: string, poolFile: string) =>
        t('cli.errors.keepNotInPool', { keepFile, id, poolFile }),
      keepAboveSize: (keepFile: string, count: number, size: number) =>
        t('cli.errors.keepAboveSize', { keepFile, count, size }),
      toleranceWithoutPoints: (targetsFile: string) =>
        t('cli.errors.toleranceWithoutPoints', { targetsFile }),
      tradeOffWithoutPoints: (targetsFile: string) => t('cli.errors.tradeOffWithoutPoints', { targetsFile }),
      inviteCodeColumn: (file: string) => t('cli.errors.inviteCodeColumn', { file }),
      cannotWrite: (file: string, reason: string) => t('cli.errors.cannotWrite', { file, reason }),
      internal: (message: string) => t('cli.errors.internal', { message }),
    },
    progress: { phases: texts.progress.phases satisfies Record<Progress['phase'], string> },
    summary: {
      ...pick(texts.summary, [
        'columns',
        'noTarget',
        'everybodyHasAChance',
        'diagnosticsHeading',
        'relaxationHeading',
        'warningsHeading',
        'tradeOffColumns',
      ]),
      tradeOffHeading: (best: string, seconds: string) => t('cli.summary.tradeOffHeading', { best, seconds }),
      tradeOffStopped: (count: number) => t('cli.summary.tradeOffStopped', { count }),
      ok: (algorithm: string, size: number, count: number, seconds: string) =>
        t('cli.summary.ok', { algorithm, size, count, seconds }),
      infeasible: (algorithm: string, size: number, count: number, seconds: string) =>
        t('cli.summary.infeasible', { algorithm, size, count, seconds }),
      probabilities: (count: number, min: string, median: string, max: string) =>
        t('cli.summary.probabilities', { count, min, median, max }),
      kept: (count: number) => t('cli.summary.kept', { count }),
      zeroHeading: (count: number) => t('cli.summary.zeroHeading', { count }),
      zeroGroup: (count: number, reason: string, ids: string) =>
        t('cli.summary.zeroGroup', { count, reason, ids }),
      moreIds: (count: number) => t('cli.summary.moreIds', { count }),
      deviation: (best: string, allowed: string) => t('cli.summary.deviation', { best, allowed }),
      levels: (count: number, gap: string) => t('cli.summary.levels', { count, gap }),
      lottery: (size: number, deviation: string) => t('cli.summary.lottery', { size, deviation }),
      relaxation: (quota: string, bound: 'min' | 'max', from: number, to: number) =>
        t(`cli.summary.relaxation_${bound}`, { quota, from, to }),
      relaxationPercent: (quota: string, bound: 'min' | 'max', from: number, to: number, seats: number) =>
        t(`cli.summary.relaxation_${bound}_percent`, { quota, from, to, seats }),
    },
    invite: {
      ...pick(texts.invite, ['columns', 'blank']),
      progress: (rows: string) => t('cli.invite.progress', { rows }),
      read: (rows: string, households: string) => t('cli.invite.read', { rows, households }),
      drew: (letters: string, file: string) => t('cli.invite.drew', { letters, file }),
      strataHeading: (column: string) => t('cli.invite.strataHeading', { column }),
      moreStrata: (count: number, letters: string) => t('cli.invite.moreStrata', { count, letters }),
    },
  };
}

function pick<T extends object, K extends keyof T>(object: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, object[key]])) as Pick<T, K>;
}

export type Messages = ReturnType<typeof build>;

export const catalogues: Record<Lang, Messages> = { en: build('en'), sv: build('sv') };

export function messagesFor(lang: Lang): Messages {
  return catalogues[lang];
}

/** The values a finding's message needs beyond its own parameters. */
function findingParams(finding: Finding): Record<string, string | number> {
  const params: Record<string, string | number> = {
    category: finding.category,
    value: finding.value ?? '',
  };
  for (const [key, value] of Object.entries(finding.params ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
  }
  const { sum, size } = params;
  if (typeof sum === 'number' && typeof size === 'number') params.difference = Math.abs(sum - size);
  // The count of people the message speaks of, for its singular or plural form.
  if (
    (finding.code === 'min-above-pool' || finding.code === 'target-above-pool') &&
    typeof params.pool === 'number'
  )
    params.count = params.pool;
  return params;
}

function complete(text: string, key: string): string | undefined {
  return text === key || text.includes('{{') ? undefined : text;
}

/** A finding in the chosen language; the engine's English when there is no translation for it. */
export function translateFinding(finding: Finding, messages: Messages): FindingText {
  const english = { message: finding.message, suggestion: finding.suggestion };
  if (messages.lang === 'en') return english;
  const params = findingParams(finding);
  const key = `cli.finding.${finding.code}`;
  const message = complete(messages.t(key, params), key);
  if (message === undefined) return english;
  const suggestionKey = `${key}_suggestion`;
  const suggestion = complete(messages.t(suggestionKey, params), suggestionKey);
  return suggestion === undefined ? { message } : { message, suggestion };
}

/** Why someone has probability 0, in the chosen language; the engine's English for an unknown code. */
export function translateExclusion(code: string, context: ExclusionContext, messages: Messages): string {
  if (messages.lang === 'en') return context.reason;
  const named =
    code === 'quota-closed' && context.closedQuota !== undefined
      ? { quota: context.closedQuota }
      : code === 'household-of-kept' && context.keptHousemate !== undefined
        ? { housemate: context.keptHousemate }
        : undefined;
  const key = named ? `cli.exclusion.${code}_named` : `cli.exclusion.${code}`;
  return complete(messages.t(key, named ?? {}), key) ?? context.reason;
}
