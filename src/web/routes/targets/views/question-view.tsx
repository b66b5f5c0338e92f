/** One question of the targets form as its parts see it. */
import type { Question } from '../../../../domain/questions.ts';
import type { TargetKind } from '../../../../domain/targets.ts';
import type { Finding } from '../../../../sortition/model.ts';
import type { Ctx } from '../../../env.ts';
import { findingText } from '../../../views/findings.tsx';
import { str } from '../../../views/forms.tsx';
import { fieldOf, parseNumber } from '../schema.ts';
import type { PageState } from './state.ts';

/** What every part of one question's fieldset needs. */
export interface QuestionView {
  c: Ctx;
  i: number;
  question: Question;
  kind: TargetKind;
  state: PageState;
  /** Volunteers in the pool per answer of this question. */
  poolCounts: Record<string, number>;
  poolSize: number;
  label: string;
  answers: string[];
  /** Whether the targets the seats column describes use this question. */
  used: boolean;
}

export function errorsOf(view: QuestionView): Record<string, string> {
  return view.state.errors ?? {};
}

/** The population share typed for answer j, when it is a number. */
export function shareOf(view: QuestionView, j: number): number | null {
  const parsed = parseNumber('population', str(view.state.values, fieldOf(view.i, j, 'population')));
  return 'value' in parsed && parsed.value !== undefined ? parsed.value : null;
}

/** A finding's message and its suggested change. */
export function FindingItems(props: { c: Ctx; findings: Finding[] }) {
  const t = props.c.var.t;
  return (
    <>
      {props.findings.map((f) => {
        const text = findingText(t, props.c.var.lang, f);
        return (
          <li>
            {text.message}
            {text.suggestion ? <> {text.suggestion}</> : null}
          </li>
        );
      })}
    </>
  );
}
