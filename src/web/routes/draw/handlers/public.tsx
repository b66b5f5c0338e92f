/**
 * The public pages of the draws (P-references only), the files `lotta commit` and `lotta verify`
 * check, and the page that redoes every check from the stored data.
 */
import { commitmentFileFormat, panelDrawChecks, reservesDrawChecks } from '../../../../domain/public-draw.ts';
import { type DrawContext, publicDrawList, publicDrawView } from '../../../../queries/draw.ts';
import { RESERVES_COMMITMENT_FORMAT } from '../../../../sortition/reserves.ts';
import type { Ctx } from '../../../env.ts';
import { assemblyTitle } from '../../../views/assembly-frame.tsx';
import { errorPage } from '../../../views/errors.tsx';
import { render } from '../../../views/layout.tsx';
import { kindTitle, publicPath } from '../views/parts.tsx';
import { PublicDrawPage, PublicListPage } from '../views/public-pages.tsx';
import { VerifyPage } from '../views/verify-page.tsx';

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

function loadDraw(c: Ctx) {
  return publicDrawView(c.var.config.database.db, c.req.param('slug') ?? '', c.req.param('drawId') ?? '');
}

export async function publicList(c: Ctx) {
  const found = await publicDrawList(c.var.config.database.db, c.req.param('slug') ?? '');
  if (!found) return notFound(c);
  const title = c.var.t('draw.public_list_title', { assembly: assemblyTitle(found.assembly, c.var.lang) });
  return render(
    c,
    { title, nav: 'public' },
    <PublicListPage c={c} title={title} assembly={found.assembly} draws={found.draws} />,
  );
}

export async function publicPage(c: Ctx) {
  const found = await loadDraw(c);
  if (!found) return notFound(c);
  const { assembly, context } = found;
  const { draw } = context;
  const titleKey =
    draw.kind !== 'panel'
      ? 'draw.public_title_reserves'
      : draw.run_kind === 'replacement'
        ? 'draw.public_title_replacement'
        : 'draw.public_title_panel';
  const title = c.var.t(titleKey, { assembly: assemblyTitle(assembly, c.var.lang) });
  return render(
    c,
    { title, nav: 'public' },
    <PublicDrawPage c={c} title={title} assembly={assembly} context={context} />,
  );
}

function jsonDownload(c: Ctx, text: string, fileName: string) {
  return c.body(text, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  });
}

/** JSON as `lotta commit` and `lotta draw` write it: two-space indentation and a final newline. */
function cliJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The commitment file of a draw: `lotta commit`'s for a panel, the reserve list's own format otherwise. */
function commitmentFile(context: DrawContext): unknown {
  const { draw } = context;
  if (draw.kind === 'panel') {
    const { lottery } = context;
    if (!lottery) return null;
    return {
      format: commitmentFileFormat,
      commitment: draw.commitment,
      algorithm: lottery.algorithm,
      engine: { name: lottery.engine.name, version: lottery.engine.version },
      lotterySize: lottery.lottery.panels.length,
      people: lottery.input.people.length,
    };
  }
  const content = context.reservesTranscript?.content ?? context.candidates;
  return {
    format: RESERVES_COMMITMENT_FORMAT,
    commitment: draw.commitment,
    panelCommitment: content?.panelCommitment ?? context.panelDraw?.commitment ?? '',
    candidates: content?.candidates.length ?? 0,
  };
}

export async function commitmentDownload(c: Ctx) {
  const found = await loadDraw(c);
  const file = found ? commitmentFile(found.context) : null;
  if (!file) return notFound(c);
  return jsonDownload(c, cliJson(file), 'commitment.json');
}

export async function lotteryDownload(c: Ctx) {
  const found = await loadDraw(c);
  const lottery = found && found.context.draw.kind === 'panel' ? found.context.lottery : null;
  if (!lottery) return notFound(c);
  return jsonDownload(c, cliJson(lottery), 'lottery.json');
}

export async function candidatesDownload(c: Ctx) {
  const found = await loadDraw(c);
  const content =
    found && found.context.draw.kind === 'reserves'
      ? (found.context.reservesTranscript?.content ?? found.context.candidates)
      : null;
  if (!content) return notFound(c);
  return jsonDownload(c, cliJson(content), 'candidates.json');
}

/** The transcript as it was stored when drawn, byte for byte: the file `lotta verify` checks. */
export async function transcriptDownload(c: Ctx) {
  const found = await loadDraw(c);
  const transcript = found?.context.draw.transcript;
  if (!transcript) return notFound(c);
  return jsonDownload(c, transcript, 'transcript.json');
}

export async function verifyPage(c: Ctx) {
  const found = await loadDraw(c);
  if (!found) return notFound(c);
  const { assembly, context } = found;
  const { draw } = context;
  const checks =
    draw.kind === 'panel'
      ? panelDrawChecks(context.stored, context.current, context.panelTranscript)
      : reservesDrawChecks(context.stored, context.candidates, context.reservesTranscript);
  const title = c.var.t('draw.verify_title', { kind: kindTitle(c, draw.kind, draw.run_kind) });
  return render(
    c,
    { title, nav: 'public' },
    <VerifyPage c={c} title={title} path={publicPath(assembly, draw.id)} context={context} checks={checks} />,
  );
}
