/**
 * What the page, the CSV and the PDF of the report share: the facts about the process, and how a
 * value, a share, a target and a yes/no read in the chosen language.
 */
import { labelIn, preferNotToSay, type Question } from '../domain/questions.ts';
import { formatDateIn, formatNumberIn, formatPercentIn, formatTimeIn } from '../i18n/format.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { TargetRange } from './representativeness.ts';

export interface ReportFacts {
  title: string;
  remit: string;
  commissioner: string;
  startsOn: string | null;
  endsOn: string | null;
  panelSize: number;
  /** Of the latest finished selection run, if any. */
  engineVersion: string | null;
  runFinishedAt: string | null;
  generatedAt: string;
  /** The public draws that put the panel together (the first panel's and each replacement round's). */
  draws: DrawFact[];
  /** Replacement rounds, oldest first. */
  replacements: ReplacementRoundFact[];
}

/** A drawn public draw, as anyone can check it. */
export interface DrawFact {
  replacement: boolean;
  drawnAt: string;
  /** Where the randomness came from, in words. */
  randomness: string;
  seed: string;
  commitment: string;
  /** The public page that checks the draw. */
  verifyUrl: string;
}

/** Who took whose seat (P-references, which the public draw pages show too) and what it changed. */
export interface ReplacementRoundFact {
  at: string;
  pairs: { replaced: string; replacement: string }[];
  /** Answers whose count on the panel changed, in words: "Gender – Woman: 30 before, 29 after". */
  changes: string[];
}

export { localeOf } from '../i18n/format.ts';

export function questionLabel(question: Question, language: string): string {
  return labelIn(question.label, language);
}

export function valueLabel(question: Question, value: string, language: string, t: Translate): string {
  if (value === preferNotToSay) return t('report.prefer_not_to_say');
  const option = question.options.find((o) => o.value === value);
  return option ? labelIn(option.label, language) : value;
}

/** "23.3 %" or "23,3 %"; a dash when there is nothing to divide by. */
export function percentText(share: number | null, language: string): string {
  if (share === null) return '–';
  return formatPercentIn(language, share, 1, 1);
}

export function numberText(n: number, language: string, fractionDigits = 0): string {
  return formatNumberIn(language, n, fractionDigits);
}

export function targetText(target: TargetRange | null, language: string, t: Translate): string {
  if (!target) return t('report.no_target');
  if (target.point !== undefined) {
    return t('report.point_target', { point: numberText(target.point, language, 1) });
  }
  return target.min === target.max
    ? numberText(target.min, language)
    : `${numberText(target.min, language)}–${numberText(target.max, language)}`;
}

export function metText(met: boolean | null, t: Translate): string {
  return met === null ? '–' : t(met ? 'report.yes' : 'report.no');
}

export function dateText(iso: string, language: string): string {
  return formatDateIn(language, iso);
}

export function datesText(facts: ReportFacts, language: string, t: Translate): string {
  if (!facts.startsOn && !facts.endsOn) return t('report.not_set');
  return t('report.dates_value', {
    from: facts.startsOn ? dateText(facts.startsOn, language) : '…',
    to: facts.endsOn ? dateText(facts.endsOn, language) : '…',
  });
}

export function engineText(facts: ReportFacts, language: string, t: Translate): string {
  if (!facts.engineVersion) return t('report.engine_none');
  return t('report.engine_value', {
    version: facts.engineVersion,
    when: facts.runFinishedAt ? dateText(facts.runFinishedAt, language) : '…',
  });
}

/**
 * The panel's count as the report states it: the number alone when every seat is filled, and said
 * plainly when the panel is not full (or, from data older than the seat rule, over its size).
 */
export function panelText(filled: number, panelSize: number, language: string, t: Translate): string {
  if (filled === panelSize) return numberText(filled, language);
  return t(filled < panelSize ? 'report.panel_not_full' : 'report.panel_over', {
    count: panelSize,
    filled: numberText(filled, language),
  });
}

/** A point in time, in Swedish time: "1 March 2027 14:05". */
export function dateTimeText(iso: string, language: string): string {
  return formatTimeIn(language, iso, { longDate: true });
}
