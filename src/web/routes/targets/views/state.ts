/** What the targets page is given, and what it reads from the check about one question or answer. */
import { findingAsTyped, type TargetSettings } from '../../../../domain/targets.ts';
import type { TargetCheck } from '../../../../queries/targets.ts';
import type { Finding } from '../../../../sortition/model.ts';
import type { FieldErrors, FormValues } from '../../../views/forms.tsx';

export interface PageState {
  values: FormValues;
  errors?: FieldErrors;
  /** The targets the check and the seats column describe: the saved ones, or the ones just checked. */
  settings: TargetSettings;
  check?: TargetCheck | null;
  notice?: string | null;
  status?: 200 | 409 | 422;
  /**
   * Questions without a problem start folded: once targets are saved or checked the page opens with
   * the summary. While nothing is saved yet every question is open for typing.
   */
  folded?: boolean;
}

/**
 * The findings and warnings of the check about one answer ('*': the whole question), with the seat
 * advice said in the unit the targets were typed in.
 */
export function findingsAt(
  check: TargetCheck | null | undefined,
  settings: TargetSettings,
  question: string,
  value: string,
): Finding[] {
  const report = check?.report;
  if (!check || !report) return [];
  return [...report.findings, ...report.warnings]
    .filter((f) => f.category === question && f.value === value)
    .map((f) => findingAsTyped(settings, f, check.panelSize));
}

/**
 * What needs the organiser's eye in a question: findings of the check, warnings other than "this
 * answer has no target" (which point targets with a free "prefer not to say" always give), answers
 * that are no longer options, and typing errors. Such a question opens unfolded.
 */
export function questionProblems(state: PageState, i: number, question: string): number {
  const report = state.check?.report;
  const fromCheck = report
    ? [...report.findings, ...report.warnings].filter(
        (f) => f.category === question && f.code !== 'value-without-target',
      ).length
    : 0;
  const unknown = (state.check?.unknownAnswers ?? []).filter((u) => u.question === question).length;
  const typing = Object.keys(state.errors ?? {}).filter((k) => k.startsWith(`q${i}.`)).length;
  return fromCheck + unknown + typing;
}
