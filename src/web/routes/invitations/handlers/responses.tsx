/** The responses to the letters per stratum and per draw, to plan a second mail-out. */
import { responseOverview } from '../../../../queries/invitations.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { ResponsesPage } from '../views/responses.tsx';

export async function responsesShow(c: Ctx) {
  const { counts, draws } = await responseOverview(c.var.config.database, c.var.assembly.id);
  return renderAssemblyPage(
    c,
    'invitations',
    c.var.t('lottery.responses_title'),
    <ResponsesPage c={c} counts={counts} draws={draws} />,
  );
}
