/**
 * What a session's tables give out besides the page: name cards and table lists (PDF), a
 * facilitator's own tables on her phone, and the projector view of one round.
 */
import { ensureCardCodes } from '../../../../commands/votes.ts';
import { can } from '../../../../domain/roles.ts';
import { nameCardsPdf, tableListsPdf } from '../../../../letters/seating-pdf.ts';
import { type SeatingView, seatingView } from '../../../../queries/tables.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { errorPage } from '../../../views/errors.tsx';
import { render } from '../../../views/layout.tsx';
import { roundQuerySchema } from '../schema.ts';
import { MinePage } from '../views/mine.tsx';
import { facilitatorOf, firstOf, labelOf, sessionTitle } from '../views/parts.tsx';
import { ProjectorPage } from '../views/projector.tsx';

const sessionBase = (c: Ctx) =>
  `/a/${c.var.assembly.id}/tables/${encodeURIComponent(c.req.param('sessionId') ?? '')}`;

async function viewOf(c: Ctx): Promise<SeatingView | null> {
  const view = await seatingView(
    c.var.config.database,
    c.var.assembly.id,
    c.req.param('sessionId') ?? '',
    can(c.var.role, 'people:names'),
  );
  return view?.plan && view.plan.rounds.length > 0 ? view : null;
}

/** The round asked for (`?round=`, from 1), else the first that has not happened; 0-based. */
function roundOf(c: Ctx, view: SeatingView): number {
  const rounds = view.plan?.rounds.length ?? 0;
  const asked = roundQuerySchema.parse(c.req.query()).round;
  if (asked !== undefined && asked <= rounds) return asked - 1;
  return Math.min(view.plan?.lockedRounds ?? 0, rounds - 1);
}

function pdf(c: Ctx, bytes: Buffer, name: string) {
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
}

export async function downloadCards(c: Ctx) {
  const view = await viewOf(c);
  if (!view?.plan) return errorPage(c, 404, c.var.t('errors.not_found'));
  const t = c.var.t;
  const round = roundOf(c, view);
  // Printing the cards is when members get the code the table's tablet asks for (kept once given).
  const codes = await ensureCardCodes(c.var.config.database, c.var.assembly.id);
  const cards = view.plan.rounds[round].tables.flatMap((table, i) =>
    table.members
      .map((id) => ({
        first: firstOf(view, id),
        tableText: t('seating.table_number', { table: i + 1 }),
        codeText: codes.has(id) ? t('ballots.card_code', { code: codes.get(id) }) : undefined,
      }))
      .sort((a, b) => a.first.localeCompare(b.first, 'sv')),
  );
  const title = `${t('seating.cards_title')}: ${sessionTitle(c, view.session)}`;
  const bytes = await nameCardsPdf(cards, { language: c.var.lang, title });
  return pdf(c, bytes, `name-cards-round-${round + 1}.pdf`);
}

export async function downloadLists(c: Ctx) {
  const view = await viewOf(c);
  if (!view?.plan) return errorPage(c, 404, c.var.t('errors.not_found'));
  const t = c.var.t;
  const rounds = view.plan.rounds.map((round, r) => ({
    heading: `${sessionTitle(c, view.session)}: ${t('seating.round', { round: r + 1 })}`,
    planHeading: `${sessionTitle(c, view.session)}: ${t('seating.room_plan', { round: r + 1 })}`,
    tables: round.tables.map((table, i) => ({
      heading: t('seating.table_number', { table: i + 1 }),
      facilitator: table.facilitator
        ? t('seating.facilitator_line', { name: facilitatorOf(view, table.facilitator) })
        : null,
      members: table.members.map((id) => labelOf(view, id)).sort((a, b) => a.localeCompare(b, 'sv')),
      firsts: table.members.map((id) => firstOf(view, id)).sort((a, b) => a.localeCompare(b, 'sv')),
    })),
  }));
  const title = `${t('seating.lists_title')}: ${sessionTitle(c, view.session)}`;
  const bytes = await tableListsPdf(rounds, { language: c.var.lang, title });
  return pdf(c, bytes, 'table-lists.pdf');
}

export async function showMine(c: Ctx) {
  const view = await viewOf(c);
  if (!view) return errorPage(c, 404, c.var.t('errors.not_found'));
  return renderAssemblyPage(
    c,
    'tables',
    c.var.t('seating.mine_title'),
    <MinePage c={c} view={view} accountId={c.var.auth?.account?.id ?? ''} base={sessionBase(c)} />,
  );
}

export async function showProjector(c: Ctx) {
  const view = await viewOf(c);
  if (!view) return errorPage(c, 404, c.var.t('errors.not_found'));
  const round = roundOf(c, view);
  return render(
    c,
    { title: `${c.var.t('seating.projector_title')}: ${sessionTitle(c, view.session)}` },
    <ProjectorPage c={c} view={view} round={round} base={sessionBase(c)} />,
  );
}
