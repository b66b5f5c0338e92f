/**
 * Selection runs: the list and the start form, a run's page with its progress (htmx polls it every
 * second; without JavaScript the page reloads itself while the run is going on), cancelling, and the
 * selection file for `lotta commit/draw/verify`.
 */
import {
  cancelTradeOff,
  choosePointTolerance,
  DEFAULT_TRADE_OFF_STEPS,
  requestTradeOff,
} from '../../../commands/deviation-trade-offs.ts';
import {
  cancelSelectionRun,
  defaultLotterySize,
  startSelectionRun,
} from '../../../commands/selection-runs.ts';
import { translateEngineError } from '../../../i18n/input-errors.ts';
import {
  selectionOverview,
  selectionResultText,
  selectionRunDetails,
  selectionRunStatus,
} from '../../../queries/selection.ts';
import { InputError } from '../../../sortition/model.ts';
import { indentedJsonChunks } from '../../../sortition/selection-file.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, runAction, submitForm } from '../../form.ts';
import { noticeIn } from '../../validation.ts';
import { errorPage } from '../../views/errors.tsx';
import type { FieldErrors, FormValues } from '../../views/forms.tsx';
import {
  maxTradeOffSteps,
  probabilityPage,
  selectionNotices,
  startSchema,
  toleranceSchema,
  tradeOffSchema,
} from './schema.ts';
import { selectionBase } from './views/common.ts';
import { selectionListPage } from './views/list.tsx';
import { selectionRunPage } from './views/run.tsx';
import { StatusContent } from './views/status.tsx';

/** The page's forms: the start form, and with point targets the trade-off and tolerance forms. */
type PageForm = 'start' | 'tradeOff' | 'tolerance';

async function listPage(
  c: Ctx,
  form?: { which: PageForm; values: FormValues; errors: FieldErrors; status: 409 | 422 },
) {
  const assembly = c.var.assembly;
  const overview = await selectionOverview(c.var.config.database.db, assembly.id);
  const typed = (which: PageForm, defaults: FormValues) =>
    form?.which === which ? { values: form.values, errors: form.errors } : { values: defaults, errors: {} };
  const start = typed('start', {
    algorithm: 'leximin',
    panel_size: String(assembly.panel_size),
    lottery_size: String(defaultLotterySize),
    seed: '',
  });
  return selectionListPage(c, {
    overview,
    values: start.values,
    errors: start.errors,
    tradeOffForms: {
      tradeOff: typed('tradeOff', { tolerances: String(DEFAULT_TRADE_OFF_STEPS) }),
      tolerance: typed('tolerance', { tolerance: String(overview.points?.tolerance ?? 0) }),
    },
    notice: noticeIn(c, 'selection', selectionNotices),
    status: form?.status ?? 200,
  });
}

/** The start form again; the engine's refusal of the input is worded in the reader's language. */
function startRefused(c: Ctx, { values, errors, refusal }: FormFailure) {
  const t = c.var.t;
  if (refusal?.cause instanceof InputError) {
    const message = translateEngineError(t, refusal.cause).text;
    errors = { [refusal.field ?? '_form']: t('errors.selection_input', { message }) };
  }
  return listPage(c, {
    which: 'start',
    values,
    errors,
    status: refusal?.code === 'selection_running' ? 409 : 422,
  });
}

export function selectionList(c: Ctx) {
  return listPage(c);
}

export function startSubmit(c: Ctx) {
  return submitForm(c, {
    schema: startSchema,
    run: (data) =>
      startSelectionRun(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        {
          algorithm: data.algorithm,
          panelSize: data.panel_size,
          lotterySize: data.algorithm === 'legacy' ? null : data.lottery_size,
          seed: data.seed || null,
        },
        { maxResultBytes: c.var.config.maxResultBytes },
      ),
    done: (runId) => c.redirect(`${selectionBase(c)}/${runId}`, 303),
    failed: (failure) => startRefused(c, failure),
  });
}

/** htmx's poll of a run's status region: only the region, never cached. */
async function statusRegion(c: Ctx, runId: string) {
  const run = await selectionRunStatus(c.var.config.database.db, c.var.assembly.id, runId);
  if (!run) return errorPage(c, 404, c.var.t('errors.not_found'));
  c.header('Cache-Control', 'no-store');
  // Once the run has ended the whole page changes: htmx reloads it.
  if (!run.active) c.header('HX-Refresh', 'true');
  return c.html(<StatusContent c={c} run={run} />);
}

export async function runPage(c: Ctx) {
  const runId = c.req.param('runId') ?? '';
  c.header('Vary', 'HX-Request');
  if (c.req.header('hx-request') === 'true' && c.req.header('hx-history-restore-request') !== 'true')
    return statusRegion(c, runId);
  const details = await selectionRunDetails(c.var.config.database.db, c.var.assembly.id, runId);
  if (!details) return errorPage(c, 404, c.var.t('errors.not_found'));
  return selectionRunPage(c, {
    details,
    page: probabilityPage(c.req.query('page')),
    pageAsked: c.req.query('page') !== undefined,
    notice: noticeIn(c, 'selection', selectionNotices),
  });
}

/**
 * The stored file, pretty-printed in pieces as it is sent: over a large pool it is too long for one
 * string, and re-indenting the stored text needs no copy of the file as objects.
 */
export async function resultDownload(c: Ctx) {
  const runId = c.req.param('runId') ?? '';
  const text = await selectionResultText(c.var.config.database.db, c.var.assembly.id, runId);
  if (text === null) return errorPage(c, 404, c.var.t('errors.not_found'));
  c.header('Cache-Control', 'no-store');
  c.header('Content-Disposition', `attachment; filename="selection-${runId.slice(0, 8)}.json"`);
  const pieces = indentedJsonChunks(text);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) {
        controller.enqueue(encoder.encode('\n'));
        controller.close();
      } else controller.enqueue(encoder.encode(next.value));
    },
  });
  return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
}

export function cancelSubmit(c: Ctx) {
  const runId = c.req.param('runId') ?? '';
  const run = `${selectionBase(c)}/${runId}`;
  return runAction(
    c,
    () => cancelSelectionRun(c.var.config.database, staffActor(c), c.var.assembly.id, runId),
    {
      done: () => c.redirect(`${run}?notice=cancel_requested`, 303),
      refused: (_, error) =>
        error.code === 'not_found'
          ? errorPage(c, 404, c.var.t('errors.not_found'))
          : c.redirect(`${run}?notice=not_active`, 303),
    },
  );
}

/** The trade-off form again; the engine's refusal of the input is worded in the reader's language. */
function tradeOffRefused(c: Ctx, { values, errors, refusal }: FormFailure) {
  if (refusal?.cause instanceof InputError) {
    const message = translateEngineError(c.var.t, refusal.cause).text;
    errors = { [refusal.field ?? '_form']: c.var.t('errors.selection_input', { message }) };
  }
  return listPage(c, { which: 'tradeOff', values, errors, status: 422 });
}

export function tradeOffSubmit(c: Ctx) {
  return submitForm(c, {
    schema: tradeOffSchema,
    messageParams: { min: 1, max: maxTradeOffSteps },
    run: (data) => requestTradeOff(c.var.config.database, staffActor(c), c.var.assembly.id, data.tolerances),
    done: () => c.redirect(`${selectionBase(c)}?notice=trade_off_started#trade-off`, 303),
    failed: (failure) => tradeOffRefused(c, failure),
  });
}

export function tradeOffCancelSubmit(c: Ctx) {
  const jobId = c.req.param('jobId') ?? '';
  const back = `${selectionBase(c)}?notice=`;
  return runAction(c, () => cancelTradeOff(c.var.config.database, staffActor(c), c.var.assembly.id, jobId), {
    done: () => c.redirect(`${back}trade_off_cancel_requested#trade-off`, 303),
    refused: (_, error) =>
      error.code === 'not_found'
        ? errorPage(c, 404, c.var.t('errors.not_found'))
        : c.redirect(`${back}trade_off_not_active#trade-off`, 303),
  });
}

export function toleranceSubmit(c: Ctx) {
  return submitForm(c, {
    schema: toleranceSchema,
    messageParams: { min: 0 },
    run: (data) =>
      choosePointTolerance(c.var.config.database, staffActor(c), c.var.assembly.id, data.tolerance),
    done: () => c.redirect(`${selectionBase(c)}?notice=tolerance_saved#trade-off`, 303),
    failed: ({ values, errors }) => listPage(c, { which: 'tolerance', values, errors, status: 422 }),
  });
}
