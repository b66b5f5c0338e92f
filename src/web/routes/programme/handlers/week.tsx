/** The staff programme as a week calendar, opening on the next session's week. */
import { swedishDay } from '../../../../domain/programme.ts';
import { can } from '../../../../domain/roles.ts';
import { programmeWeek } from '../../../../queries/programme.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { weekQuerySchema } from '../schema.ts';
import { WeekPage } from '../views/week.tsx';

export async function showWeek(c: Ctx) {
  const query = weekQuerySchema.parse(c.req.query());
  const { sessions, defaultWeek } = await programmeWeek(
    c.var.config.database.db,
    c.var.assembly.id,
    swedishDay(Date.now()),
  );
  return renderAssemblyPage(
    c,
    'programme',
    c.var.t('programme_week.title'),
    <WeekPage
      c={c}
      base={`/a/${c.var.assembly.id}/programme`}
      week={query.week ?? defaultWeek}
      sessions={sessions}
      canEdit={can(c.var.role, 'programme:edit')}
    />,
  );
}
