/**
 * From the people of an assembly to the engine's input. Only what selection may see crosses over:
 * the pseudonymous person id (which survives erasure, so a stored run stays verifiable), the answers
 * to the questions the targets use, and a household key. The household key is a number given to
 * addresses shared by two or more people in this pool (h1, h2, …), never the address or a hash of
 * it: a hash of an address could be found again by hashing the register's addresses.
 */
import { householdKeys } from '../io/household.ts';
import type { Person, SelectionInput } from '../sortition/model.ts';
import { preferNotToSay, type Question } from './questions.ts';
import { type TargetSettings, toEngineTargets } from './targets.ts';

export interface PoolMember {
  id: string;
  /** The P-reference, for pages; it does not go into the engine input. */
  reference: string;
  answers: Record<string, string>;
  address: string | null;
  postcode: string | null;
}

/** Answers that are no longer an option of their question, per question and value. */
export interface UnknownAnswer {
  question: string;
  value: string;
  count: number;
}

export interface BuiltInput {
  input: SelectionInput;
  unknownAnswers: UnknownAnswer[];
}

/** The household cells of a member: an unknown address makes someone a household of their own. */
function householdCells(member: PoolMember): string[] {
  const address = (member.address ?? '').trim();
  return address === '' ? [''] : [address, member.postcode ?? ''];
}

export function buildSelectionInput(args: {
  pool: readonly PoolMember[];
  questions: readonly Question[];
  targets: TargetSettings;
  panelSize: number;
  keep?: readonly string[];
}): BuiltInput {
  const used = args.questions.filter((q) => args.targets.definition.questions[q.key]?.included);
  const households = householdKeys(args.pool.map(householdCells));
  const unknown = new Map<string, UnknownAnswer>();
  const people: Person[] = args.pool.map((member, i) => {
    const features: Record<string, string> = {};
    for (const question of used) {
      // Someone who registered before the question was asked has, in effect, not said.
      const value = member.answers[question.key] ?? preferNotToSay;
      features[question.key] = value;
      if (value !== preferNotToSay && !question.options.some((o) => o.value === value)) {
        const key = `${question.key}\u0000${value}`;
        const seen = unknown.get(key);
        if (seen) seen.count++;
        else unknown.set(key, { question: question.key, value, count: 1 });
      }
    }
    const household = households[i];
    return { id: member.id, features, ...(household === undefined ? {} : { household }) };
  });
  const unknownAnswers = [...unknown.values()];
  const extraValues: Record<string, string[]> = {};
  for (const u of unknownAnswers) extraValues[u.question] = [...(extraValues[u.question] ?? []), u.value];
  return {
    input: {
      people,
      targets: toEngineTargets(args.targets, [...args.questions], args.panelSize, extraValues),
      panelSize: args.panelSize,
      keep: [...(args.keep ?? [])],
    },
    unknownAnswers,
  };
}

/** Answers per question and value among the members, for the charts beside the targets. */
export function countAnswers(pool: readonly PoolMember[], questions: readonly Question[]) {
  const counts: Record<string, Record<string, number>> = {};
  for (const question of questions) {
    const perValue: Record<string, number> = {};
    for (const member of pool) {
      const value = member.answers[question.key] ?? preferNotToSay;
      perValue[value] = (perValue[value] ?? 0) + 1;
    }
    counts[question.key] = perValue;
  }
  return counts;
}
