/** Small parts the people pages share: where they live, a time, an answer in the reader's words. */
import { labelIn, preferNotToSay, type Question } from '../../../../domain/questions.ts';
import type { Ctx } from '../../../env.ts';
import { formatTime } from '../../../views/time.ts';

export function peopleBase(c: Ctx): string {
  return `/a/${c.var.assembly.id}/people`;
}

export function personHref(c: Ctx, personId: string): string {
  return `${peopleBase(c)}/${personId}`;
}

export function Time(props: { c: Ctx; at: string }) {
  return <time datetime={props.at}>{formatTime(props.c, props.at)}</time>;
}

/** A status as the reader calls it; an unknown one as stored. */
export function statusText(c: Ctx, status: string): string {
  return c.var.t(`status.${status}`, { defaultValue: status });
}

/** An answer as its option's label in the page language; "prefer not to say"; else as stored. */
export function answerLabel(c: Ctx, question: Question | undefined, value: string): string {
  if (value === preferNotToSay) return c.var.t('people.prefer_not_to_say');
  const option = question?.options.find((o) => o.value === value);
  return option ? labelIn(option.label, c.var.lang) : value;
}
