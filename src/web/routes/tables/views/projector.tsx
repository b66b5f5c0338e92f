/**
 * The projector view: one round's tables filling the screen, each with its number and the first
 * names of those who sit there, in large type; links to the other rounds.
 */
import type { SeatingView } from '../../../../queries/tables.ts';
import type { Ctx } from '../../../env.ts';
import { firstOf, sessionTitle } from './parts.tsx';

export function ProjectorPage(props: { c: Ctx; view: SeatingView; round: number; base: string }) {
  const { c, view, round, base } = props;
  const t = c.var.t;
  const rounds = view.plan?.rounds ?? [];
  const tables = rounds[round]?.tables ?? [];
  return (
    <div class="projector">
      <h1>
        {sessionTitle(c, view.session)}: {t('seating.round', { round: round + 1 })}
      </h1>
      <ol class="projector-tables">
        {tables.map((table, i) => (
          <li>
            <h2>{t('seating.table_number', { table: i + 1 })}</h2>
            <ul>
              {[...table.members]
                .map((id) => firstOf(view, id))
                .sort((a, b) => a.localeCompare(b, 'sv'))
                .map((name) => (
                  <li>{name}</li>
                ))}
            </ul>
          </li>
        ))}
      </ol>
      <nav aria-label={t('seating.rounds_title')}>
        <ul class="projector-rounds">
          {rounds.map((_, r) => (
            <li>
              <a href={`${base}/projector?round=${r + 1}`} aria-current={r === round ? 'page' : undefined}>
                {t('seating.round', { round: r + 1 })}
              </a>
            </li>
          ))}
          <li>
            <a href={base}>{t('seating.back')}</a>
          </li>
        </ul>
      </nav>
    </div>
  );
}
