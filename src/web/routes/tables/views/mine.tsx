/**
 * A facilitator's own tables on her phone: for each round the table she leads and who sits there,
 * in large type; nothing else to scroll past.
 */
import type { SeatingView } from '../../../../queries/tables.ts';
import type { Ctx } from '../../../env.ts';
import { EmptyState, Section } from '../../../views/kit.tsx';
import { labelOf } from './parts.tsx';

export function MinePage(props: { c: Ctx; view: SeatingView; accountId: string; base: string }) {
  const { c, view, accountId, base } = props;
  const t = c.var.t;
  const rounds = view.plan?.rounds ?? [];
  const mine = rounds
    .map((round, r) => ({ r, i: round.tables.findIndex((tb) => tb.facilitator === accountId), round }))
    .filter((m) => m.i >= 0);
  return (
    <div class="seating-mine">
      {mine.length === 0 ? (
        <EmptyState>{t('seating.mine_none')}</EmptyState>
      ) : (
        mine.map((m) => (
          <Section
            id={`mine-round-${m.r + 1}`}
            title={t('seating.mine_round', { round: m.r + 1, table: m.i + 1 })}
          >
            <ul class="seating-names">
              {m.round.tables[m.i].members.map((id) => (
                <li>{labelOf(view, id)}</li>
              ))}
            </ul>
          </Section>
        ))
      )}
      <p>
        <a href={base}>{t('seating.back')}</a>
      </p>
    </div>
  );
}
