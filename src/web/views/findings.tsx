/**
 * The engine's findings (why no panel meets the targets, what to change) in the page's language. The
 * engine writes English sentences but gives every finding a stable code and its numbers as
 * parameters; pages translate by code and fall back to the English text for a code they do not know.
 */
import type { Question } from '../../domain/questions.ts';
import { labelIn, preferNotToSay } from '../../domain/questions.ts';
import type { TypedChange } from '../../domain/targets.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { Finding, Relaxation } from '../../sortition/model.ts';
import { numberFormat } from './time.ts';

export interface FindingText {
  message: string;
  suggestion?: string;
}

/** The codes translated here, and whether the catalogue has a suggestion for each. */
const known: Record<string, boolean> = {
  'min-above-pool': true,
  'min-above-size': true,
  'minimums-above-size': true,
  'maximums-below-size': true,
  'relax-min': true,
  'relax-max': true,
  'no-relaxation': true,
  'kept-share-household': true,
  'value-without-target': false,
  'target-without-people': true,
  'target-above-pool': true,
  // The seat findings said in the unit the organiser typed (findingAsTyped in src/domain/targets.ts).
  'relax-min-percent': true,
  'relax-max-percent': true,
  'relax-min-tolerance': true,
  'relax-max-tolerance': true,
  'min-above-pool-percent': true,
  'min-above-pool-tolerance': true,
  'minimums-above-size-percent': true,
  'maximums-below-size-percent': true,
};

/** The parameters every translation may use, with what the engine's params lack worked out. */
function parameters(
  finding: Finding,
  names: (id: string) => string,
  lang: string,
): Record<string, string | number> {
  const p: Record<string, string | number> = { ...(finding.params ?? {}) };
  // What the pool can reach is a count of people, so its sentence takes the plural of it.
  if (finding.code === 'target-above-pool' && typeof p.pool === 'number') p.count = p.pool;
  if (typeof p.sum === 'number' && typeof p.size === 'number') {
    p.excess = p.sum - p.size;
    p.missing = p.size - p.sum;
    if (finding.code.endsWith('-percent')) p.count = Math.abs(p.sum - p.size);
  }
  // Point targets are fractional seats; they are written the page's way (a decimal comma in Swedish).
  const decimals = numberFormat(lang, 2);
  for (const [key, value] of Object.entries(p)) {
    if (key !== 'count' && typeof value === 'number' && !Number.isInteger(value))
      p[key] = decimals.format(value);
  }
  if (typeof p.first === 'string') p.first = names(p.first);
  if (typeof p.second === 'string') p.second = names(p.second);
  return p;
}

/**
 * The finding in the page's language. `names` turns a person id into what the page may show (a
 * P-reference); findings about a value say nothing of the value itself, because pages show them
 * next to it or after its name.
 */
export function findingText(
  t: Translate,
  lang: string,
  finding: Finding,
  names: (id: string) => string = (id) => id,
): FindingText {
  if (!Object.hasOwn(known, finding.code)) {
    return { message: finding.message, ...(finding.suggestion ? { suggestion: finding.suggestion } : {}) };
  }
  const key = finding.code.replace(/-/g, '_');
  const params = parameters(finding, names, lang);
  const message = t(`findings.${key}`, params);
  return known[finding.code] ? { message, suggestion: t(`findings.${key}_suggestion`, params) } : { message };
}

/** The label of an answer value in the page's language. */
export function valueLabel(
  t: Translate,
  lang: string,
  question: Question | undefined,
  value: string,
): string {
  if (value === preferNotToSay) return t('people.prefer_not_to_say');
  const option = question?.options.find((o) => o.value === value);
  return option ? labelIn(option.label, lang) : value;
}

/** The label of a question in the page's language. */
export function questionLabel(lang: string, questions: readonly Question[], key: string): string {
  const question = questions.find((q) => q.key === key);
  return question ? labelIn(question.label, lang) : key;
}

/** "Gender – Woman", or the question alone for findings about a whole question. */
export function findingSubject(
  t: Translate,
  lang: string,
  questions: readonly Question[],
  finding: Finding,
): string {
  if (finding.category === '*') return '';
  const question = questions.find((q) => q.key === finding.category);
  const name = questionLabel(lang, questions, finding.category);
  return finding.value === '*' ? name : `${name} – ${valueLabel(t, lang, question, finding.value)}`;
}

/**
 * One change of the smallest relaxation, as a sentence; with `typed` (the same change in the unit
 * the organiser typed, from `typedChange`) in percent or as a tolerance, with the seats after it.
 */
export function relaxationText(
  t: Translate,
  lang: string,
  questions: readonly Question[],
  change: Relaxation,
  typed?: TypedChange,
): string {
  const question = questions.find((q) => q.key === change.feature);
  const names = {
    question: questionLabel(lang, questions, change.feature),
    value: valueLabel(t, lang, question, change.value),
  };
  if (typed) {
    const decimals = numberFormat(lang, 2);
    return t(`findings.relaxation_${change.bound}_${typed.unit}`, {
      ...names,
      from: decimals.format(typed.from),
      to: decimals.format(typed.to),
      toSeats: change.to,
    });
  }
  return t(change.bound === 'min' ? 'findings.relaxation_min' : 'findings.relaxation_max', {
    ...names,
    from: change.from,
    to: change.to,
  });
}

/** A list of findings, each with the question and value it concerns. */
export function FindingList(props: {
  t: Translate;
  lang: string;
  questions: readonly Question[];
  findings: readonly Finding[];
  names?: (id: string) => string;
}) {
  return (
    <ul class="findings">
      {props.findings.map((finding) => {
        const text = findingText(props.t, props.lang, finding, props.names);
        const subject = findingSubject(props.t, props.lang, props.questions, finding);
        return (
          <li>
            {subject ? <strong>{`${subject}: `}</strong> : null}
            {text.message}
            {text.suggestion ? <> {text.suggestion}</> : null}
          </li>
        );
      })}
    </ul>
  );
}
