/**
 * The targets editor's form as a browser posts it, built from answers by key rather than by position,
 * for the web tests of targets and selection runs.
 */
import type { Question } from '../../src/domain/questions.ts';
import { targetValues } from '../../src/domain/targets.ts';

export type ValueSpec = Partial<
  Record<'population' | 'min' | 'max' | 'min_percent' | 'max_percent' | 'points', string>
>;
export interface QuestionSpec {
  included?: boolean;
  pnts?: 'free' | 'own';
  tolerance?: string;
  weight?: string;
  values?: Record<string, ValueSpec>;
}

/** The targets form as a browser posts it, from answers by key rather than by position. */
export function targetsForm(questions: Question[], kind: string, spec: Record<string, QuestionSpec>) {
  const fields: Record<string, string> = { kind };
  questions.forEach((question, i) => {
    const q = spec[question.key] ?? {};
    fields[`q${i}.key`] = question.key;
    if (q.included) fields[`q${i}.included`] = 'on';
    fields[`q${i}.pnts`] = q.pnts ?? 'free';
    fields[`q${i}.tolerance`] = q.tolerance ?? '';
    fields[`q${i}.weight`] = q.weight ?? '';
    targetValues(question).forEach((value, j) => {
      for (const field of ['population', 'min', 'max', 'min_percent', 'max_percent', 'points'] as const) {
        fields[`q${i}.v${j}.${field}`] = q.values?.[value]?.[field] ?? '';
      }
    });
  });
  return fields;
}
