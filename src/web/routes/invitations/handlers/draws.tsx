/**
 * Drawing the letters from a register extract with a recorded seed (at most one per household,
 * optionally stratified by area with oversampling weights), following a large draw that runs in the
 * background, and the stored draw's page: its check by drawing again, and erasing the addresses of
 * everyone who did not answer.
 */
import { randomBytes } from 'node:crypto';
import {
  assemblyLetterLanguage,
  checkInvitationDraw,
  type DrawFailureDetails,
  type DrawOutcome,
  drawInvitationLetters,
  eraseUnansweredRecipients,
  type InvitationDrawJobState,
} from '../../../../commands/invitation-draws.ts';
import {
  type DrawResult,
  drawResult,
  drawView,
  type RegisterForDraw,
  registerForDraw,
} from '../../../../queries/invitations.ts';
import { staffActor } from '../../../actor.ts';
import type { Ctx } from '../../../env.ts';
import { readForm, runAction } from '../../../form.ts';
import { siteBase } from '../../../mail-delivery.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { errorPage } from '../../../views/errors.tsx';
import type { FormValues } from '../../../views/forms.tsx';
import { formatNumber, formatTime } from '../../../views/time.ts';
import { drawPath } from '../paths.ts';
import { eraseSchema, idPattern, maxLetters, parseDrawForm } from '../schema.ts';
import { DrawFormPage, type DrawFormState } from '../views/draw-form.tsx';
import { type DrawPageForm, DrawResultPage } from '../views/draw-result.tsx';
import { DrawingPage, ProgressBox } from '../views/progress.tsx';

/** A seed to suggest: 20 characters of the invite-code alphabet from the system's random source. */
function suggestSeed(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 5)}-${out.slice(5, 10)}-${out.slice(10, 15)}-${out.slice(15)}`;
}

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

function drawFormPage(c: Ctx, found: RegisterForDraw, form: DrawFormState, status: 200 | 409 | 422 = 200) {
  const t = c.var.t;
  const { register } = found;
  const uploaded = c.req.query('uploaded') === '1' && c.req.method === 'GET';
  return renderAssemblyPage(
    c,
    'invitations',
    t('lottery.draw_title'),
    <DrawFormPage
      c={c}
      register={register}
      earlierDraws={found.earlierDraws}
      form={form}
      letterLanguage={assemblyLetterLanguage(c.var.assembly)}
    />,
    {
      status,
      notice: uploaded ? t('lottery.uploaded_notice', { rows: formatNumber(c, register.rows) }) : null,
    },
  );
}

/**
 * The form of a draw that could not be made, with the reason next to its field: translated now, in
 * the language of whoever looks, from the keys the draw (or its job) gave.
 */
function failedForm(c: Ctx, values: FormValues, failure: DrawFailureDetails): DrawFormState {
  return {
    values,
    errors: { [failure.field]: c.var.t(failure.key, failure.params ?? {}) },
    detail: failure.detail?.[c.var.lang],
  };
}

async function registerOf(c: Ctx): Promise<RegisterForDraw | null> {
  const id = c.req.param('registerId') ?? '';
  if (!idPattern.test(id)) return null;
  return registerForDraw(c.var.config.database, c.var.assembly.id, id);
}

export async function drawFormShow(c: Ctx) {
  const found = await registerOf(c);
  if (!found) return notFound(c);
  return drawFormPage(c, found, { values: { seed: suggestSeed() }, errors: {} });
}

export async function drawSubmit(c: Ctx) {
  const t = c.var.t;
  const config = c.var.config;
  const found = await registerOf(c);
  if (!found) return notFound(c);
  const { register } = found;
  const values = await readForm(c, ['household']);
  if (!register.stored_as)
    return drawFormPage(c, found, { values, errors: { _form: t('errors.register_deleted') } }, 409);
  const body = await c.req.parseBody({ all: true });
  const parsed = await parseDrawForm(
    t,
    register.columns,
    values,
    body.weights_file,
    formatNumber(c, maxLetters),
  );
  if (!('settings' in parsed)) return drawFormPage(c, found, { values, ...parsed }, 422);
  const request = {
    assembly: c.var.assembly,
    register,
    dataDir: config.dataDir,
    settings: parsed.settings,
    values,
  };
  return runAction(c, () => drawInvitationLetters(config.database, staffActor(c), request), {
    done: (outcome: DrawOutcome) => {
      if (outcome.kind === 'queued') return c.redirect(drawPath(c, outcome.drawId), 303);
      if (outcome.kind === 'drawn') return c.redirect(`${drawPath(c, outcome.drawId)}?done=drawn`, 303);
      return drawFormPage(c, found, failedForm(c, values, outcome.failure), 422);
    },
    refused: (message, error) =>
      error.code === 'draw_running'
        ? drawFormPage(c, found, { values, errors: { _form: t('lottery.draw_running') } }, 409)
        : drawFormPage(c, found, { values, errors: { [error.field ?? '_form']: message } }, 422),
  });
}

/** A background draw's page: its progress, or (once it failed) its form again with the reason. */
function jobPage(c: Ctx, drawId: string, job: InvitationDrawJobState, form: RegisterForDraw | null) {
  const t = c.var.t;
  if (job.state === 'failed') {
    if (!form) return notFound(c);
    if (c.req.header('hx-request') === 'true') {
      c.header('HX-Refresh', 'true');
      return c.body(null, 200);
    }
    const failure = job.failure ?? { field: '_form', key: 'errors.unexpected' };
    return drawFormPage(c, form, failedForm(c, job.values, failure), 422);
  }
  if (c.req.header('hx-request') === 'true') {
    c.header('Cache-Control', 'no-store');
    return c.html(<ProgressBox c={c} drawId={drawId} job={job} />);
  }
  // Without JavaScript the page reloads itself until the draw is done.
  c.header('Refresh', '3');
  return renderAssemblyPage(
    c,
    'invitations',
    t('lottery.drawing_title'),
    <DrawingPage c={c} drawId={drawId} job={job} />,
  );
}

/** The page of a stored draw, with the forms on it as they were sent and what was refused. */
export function drawResultPage(
  c: Ctx,
  result: DrawResult,
  form: DrawPageForm = { errors: {} },
  status: 200 | 422 = 200,
) {
  const t = c.var.t;
  const done = c.req.query('done');
  const notice =
    c.req.method === 'GET' && done && ['drawn', 'same', 'differs', 'erased'].includes(done)
      ? t(`lottery.done_${done}`)
      : null;
  return renderAssemblyPage(
    c,
    'invitations',
    t('lottery.draw_result_title', { date: formatTime(c, result.draw.created_at) }),
    <DrawResultPage c={c} result={result} form={form} defaultBase={registrationBaseDefault(c)} />,
    { notice, status },
  );
}

/** The address letters lead to unless the organiser gives another: the site's public address. */
export function registrationBaseDefault(c: Ctx): string {
  return siteBase(c);
}

/** The stored draw the address names, with its extract and recipients. */
export async function drawOf(c: Ctx): Promise<DrawResult | null> {
  const id = c.req.param('drawId') ?? '';
  if (!idPattern.test(id)) return null;
  return drawResult(c.var.config.database, c.var.assembly.id, id);
}

export async function drawShow(c: Ctx) {
  const id = c.req.param('drawId') ?? '';
  const view = idPattern.test(id) ? await drawView(c.var.config.database, c.var.assembly.id, id) : null;
  if (!view) return notFound(c);
  if (view.kind === 'job') return jobPage(c, id, view.job, view.form);
  if (c.req.header('hx-request') === 'true') {
    // The progress box asked, and the draw is done: show the whole result page.
    c.header('HX-Refresh', 'true');
    return c.body(null, 200);
  }
  return drawResultPage(c, view);
}

export async function checkSubmit(c: Ctx) {
  const result = await drawOf(c);
  if (!result) return notFound(c);
  const config = c.var.config;
  const id = result.draw.id;
  return runAction(c, () => checkInvitationDraw(config.database, c.var.assembly.id, id, config.dataDir), {
    done: (check) =>
      check === 'unreadable'
        ? drawResultPage(c, result, { errors: { _form: c.var.t('lottery.draw_failed') } }, 422)
        : c.redirect(`${drawPath(c, id)}?done=${check}`, 303),
    refused: (message) => drawResultPage(c, result, { errors: { _form: message } }, 422),
  });
}

export async function eraseSubmit(c: Ctx) {
  const result = await drawOf(c);
  if (!result) return notFound(c);
  const { confirm } = eraseSchema.parse(await readForm(c));
  if (confirm !== 'yes')
    return drawResultPage(c, result, { errors: { confirm: c.var.t('lottery.erase_confirm_needed') } }, 422);
  const config = c.var.config;
  await eraseUnansweredRecipients(
    config.database,
    staffActor(c),
    c.var.assembly.id,
    result.draw.id,
    config.dataDir,
  );
  return c.redirect(`${drawPath(c, result.draw.id)}?done=erased`, 303);
}
