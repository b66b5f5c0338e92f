/** Small parts the tables pages share: a session's title, a seated person's label, a table's name. */
import type { SeatingView } from '../../../../queries/tables.ts';
import type { SeatingRule } from '../../../../repositories/seating.ts';
import type { AssemblySession } from '../../../../repositories/sessions.ts';
import type { Ctx } from '../../../env.ts';

export function sessionTitle(c: Ctx, s: AssemblySession): string {
  return (c.var.lang === 'en' && s.title.en) || s.title.sv;
}

/** A person's name (or P-reference), or her id when she is no longer stored. */
export function labelOf(view: Pick<SeatingView, 'people'>, id: string): string {
  return view.people.get(id)?.label ?? id;
}

/** A rule in words: "Anna and Bo never sit at the same table." */
export function ruleText(c: Ctx, view: Pick<SeatingView, 'people'>, r: SeatingRule): string {
  return r.kind === 'apart'
    ? c.var.t('seating.rule_apart', { a: labelOf(view, r.person), b: labelOf(view, r.other) })
    : c.var.t('seating.rule_fixed', { name: labelOf(view, r.person), round: r.round, table: r.table });
}

export function firstOf(view: Pick<SeatingView, 'people'>, id: string): string {
  return view.people.get(id)?.first ?? id;
}

export function facilitatorOf(view: Pick<SeatingView, 'facilitators'>, id: string | null): string {
  return id === null ? '' : (view.facilitators.get(id) ?? id);
}
