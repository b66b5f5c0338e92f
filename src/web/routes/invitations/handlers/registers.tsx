/**
 * The lottery's overview and its register extracts. An extract can be hundreds of megabytes: it is
 * streamed to `<dataDir>/registers/<id>.csv` (owner-only), checked by the draw's own reader and kept
 * for the draw (`acceptRegister`), or refused with the reader's located explanation.
 */
import {
  acceptRegister,
  deleteRegisterFile,
  discardRegisterUpload,
  registerUploadTarget,
} from '../../../../commands/register-extracts.ts';
import { lotteryOverview } from '../../../../queries/invitations.ts';
import { staffActor } from '../../../actor.ts';
import type { Ctx } from '../../../env.ts';
import { runAction } from '../../../form.ts';
import { safeEqual } from '../../../security.ts';
import { isMultipart, type ReceivedFile, receiveUpload, UploadRefused } from '../../../streamed-upload.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { errorPage } from '../../../views/errors.tsx';
import { formatNumber } from '../../../views/time.ts';
import { invitationsPath } from '../paths.ts';
import { cleanFileName } from '../schema.ts';
import { LotteryPage, type UploadRefusal } from '../views/lottery.tsx';

async function lotteryPage(c: Ctx, refusal: UploadRefusal = {}, status: 200 | 400 | 422 = 200) {
  const t = c.var.t;
  const { registers, draws } = await lotteryOverview(c.var.config.database, c.var.assembly.id);
  const done = c.req.query('done');
  const notice =
    !refusal.error && done && ['register_deleted', 'erased'].includes(done) && c.req.method === 'GET'
      ? t(`lottery.done_${done}`)
      : null;
  return renderAssemblyPage(
    c,
    'invitations',
    t('lottery.title'),
    <LotteryPage
      c={c}
      registers={registers}
      draws={draws}
      maxBytes={c.var.config.maxRegisterBytes}
      refusal={refusal}
    />,
    { notice, status },
  );
}

export function lotteryShow(c: Ctx) {
  return lotteryPage(c);
}

function tooLarge(c: Ctx, bytes: number) {
  return errorPage(c, 413, c.var.t('errors.too_large', { mb: formatNumber(c, bytes / 1e6, 3) }));
}

/** A form without a file: small by nature; anything big here is not a browser's form. */
async function uploadWithoutFile(c: Ctx) {
  const config = c.var.config;
  if (Number(c.req.header('content-length') ?? 0) > config.maxUploadBytes)
    return tooLarge(c, config.maxUploadBytes);
  const body = await c.req.parseBody();
  if (!safeEqual(String(body._csrf ?? '').trim(), c.var.csrf) || !c.var.csrf)
    return errorPage(c, 403, c.var.t('errors.csrf'));
  return lotteryPage(c, { error: c.var.t('lottery.choose_file') }, 422);
}

/** The extract written to `target`, or the page that says why it was not received. */
async function receiveRegister(c: Ctx, target: string): Promise<ReceivedFile | null | Response> {
  const config = c.var.config;
  const csrfMatches = (token: string | undefined) =>
    Boolean(c.var.csrf) && safeEqual((token ?? '').trim(), c.var.csrf);
  let received: Awaited<ReturnType<typeof receiveUpload>>;
  try {
    received = await receiveUpload(c.req.raw, {
      maxBytes: config.maxRegisterBytes,
      target,
      acceptFields: (fields) => csrfMatches(fields._csrf),
    });
  } catch (error) {
    if (!(error instanceof UploadRefused)) throw error;
    if (error.problem === 'refused') return errorPage(c, 403, c.var.t('errors.csrf'));
    if (error.problem === 'too_large') return tooLarge(c, config.maxRegisterBytes);
    return lotteryPage(c, { error: c.var.t('lottery.upload_broken') }, 400);
  }
  if (!safeEqual((received.fields._csrf ?? '').trim(), c.var.csrf)) {
    await discardRegisterUpload(target);
    return errorPage(c, 403, c.var.t('errors.csrf'));
  }
  return received.file;
}

export async function uploadSubmit(c: Ctx) {
  const t = c.var.t;
  if (!isMultipart(c.req.raw)) return uploadWithoutFile(c);
  const registerId = crypto.randomUUID();
  const target = await registerUploadTarget(c.var.config.dataDir, registerId);
  const file = await receiveRegister(c, target);
  if (file instanceof Response) return file;
  if (!file || file.bytes === 0) {
    await discardRegisterUpload(target);
    return lotteryPage(c, { error: t('lottery.choose_file') }, 422);
  }
  const outcome = await acceptRegister(c.var.config.database, staffActor(c), {
    id: registerId,
    assemblyId: c.var.assembly.id,
    fileName: cleanFileName(file.fileName),
    path: target,
    bytes: file.bytes,
    sha256: file.sha256,
    head: file.head,
  });
  if (outcome.kind === 'refused') return lotteryPage(c, { error: t(outcome.key) }, 422);
  if (outcome.kind === 'unreadable')
    return lotteryPage(
      c,
      { error: t('lottery.register_unreadable'), detail: outcome.detail[c.var.lang] },
      422,
    );
  return c.redirect(`${invitationsPath(c)}/registers/${registerId}?uploaded=1`, 303);
}

export function deleteRegisterSubmit(c: Ctx) {
  const config = c.var.config;
  const id = c.req.param('registerId') ?? '';
  return runAction(
    c,
    () => deleteRegisterFile(config.database, staffActor(c), c.var.assembly.id, id, config.dataDir),
    {
      done: () => c.redirect(`${invitationsPath(c)}/lottery?done=register_deleted`, 303),
      refused: (_message, error) => {
        // The only refusal is an extract that is not there (another tab deleted it, or a made-up id).
        if (error.code === 'not_found') return errorPage(c, 404, c.var.t('errors.not_found'));
        throw error;
      },
    },
  );
}
