/**
 * The organiser's draw pages: announce a panel draw from a finished run (checked, then confirmed),
 * enter the public randomness once, and announce the reserve list that follows a drawn panel.
 */
import type { CommandError } from '../../../../commands/command.ts';
import {
  enterDrawRandomness,
  previewPanelDraw,
  previewReservesDraw,
  publishPanelDraw,
  publishReservesDraw,
} from '../../../../commands/public-draws.ts';
import { can } from '../../../../domain/roles.ts';
import { drawsOverview, type StaffDrawView, staffDrawView } from '../../../../queries/draw.ts';
import { staffActor } from '../../../actor.ts';
import type { Ctx } from '../../../env.ts';
import { readForm, runAction } from '../../../form.ts';
import { siteBase } from '../../../mail-delivery.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { errorPage } from '../../../views/errors.tsx';
import type { FieldErrors, FormValues } from '../../../views/forms.tsx';
import { formatNumber, formatTime } from '../../../views/time.ts';
import { notices, planErrorTexts, planFieldNames, readPlan, seedSchema } from '../schema.ts';
import { DrawPage, type DrawPageForm } from '../views/draw-page.tsx';
import { DrawsPage } from '../views/draws-page.tsx';
import { drawBase, kindTitle, publicPath } from '../views/parts.tsx';
import { PreviewPage } from '../views/plan-form.tsx';

/**
 * A refusal of the draw's commands as one sentence: every problem with the field at once (e.g. each
 * bad dice roll and the missing ones), in order, under `draw.error.`, with times and numbers shown in
 * the page language.
 */
function drawRefusalText(c: Ctx, error: CommandError): string {
  if (error.code === 'not_found') return c.var.t('errors.not_found');
  return [error, ...error.also].map((problem) => problemText(c, problem.code, problem.params)).join(' ');
}

function problemText(c: Ctx, code: string, given: Record<string, string | number>): string {
  const params: Record<string, string | number> = { ...given };
  if (typeof params.at === 'string') params.at = formatTime(c, params.at);
  // Round numbers stay unformatted: they are typed into the beacon's address as they are.
  for (const key of ['min', 'max', 'typed', 'rolls']) {
    const value = params[key];
    if (typeof value === 'number') params[key] = formatNumber(c, value);
  }
  // `count` stays a number so that i18next picks the singular or plural form.
  return c.var.t(`draw.error.${code}`, params);
}

/** A refusal as the message next to the field it names (or in the summary). */
function refusalErrors(c: Ctx, error: CommandError): FieldErrors {
  return { [error.field ?? '_form']: drawRefusalText(c, error) };
}

async function showDrawsPage(c: Ctx, form: { values: FormValues; errors: FieldErrors } | null = null) {
  const overview = await drawsOverview(c.var.config.database.db, c.var.assembly.id);
  // A finished run's page links here with ?run= to preselect it.
  const values = form?.values ?? { run: c.req.query('run') ?? '', source: 'drand', rolls: '20', sides: '10' };
  const status = form && Object.keys(form.errors).length > 0 ? 422 : 200;
  return renderAssemblyPage(
    c,
    'draw',
    c.var.t('draw.title'),
    <DrawsPage
      c={c}
      assembly={c.var.assembly}
      {...overview}
      form={form}
      values={values}
      nowMillis={Date.now()}
    />,
    { status },
  );
}

export function drawsPage(c: Ctx) {
  return showDrawsPage(c);
}

function showPreview(c: Ctx, props: Omit<Parameters<typeof PreviewPage>[0], 'c'>) {
  return renderAssemblyPage(c, 'draw', c.var.t('draw.preview_title'), <PreviewPage c={c} {...props} />);
}

/** The panel draw's announcement: checked and shown first, published once confirmed. */
export async function announceSubmit(c: Ctx) {
  const values = await readForm(c);
  const form = readPlan(values, { withRun: true });
  if (form.confirm === 'edit') return showDrawsPage(c, { values, errors: {} });
  const { plan } = form;
  if (!plan || Object.keys(form.errors).length > 0)
    return showDrawsPage(c, { values, errors: planErrorTexts(c.var.t, form.errors) });
  const database = c.var.config.database;
  const assemblyId = c.var.assembly.id;
  const request = { runId: form.runId, plan };
  const refused = (_: string, error: CommandError) =>
    showDrawsPage(c, { values, errors: refusalErrors(c, error) });
  if (form.confirm === 'yes')
    return runAction(c, () => publishPanelDraw(database, staffActor(c), assemblyId, request), {
      done: (id) => c.redirect(`${drawBase(c.var.assembly)}/${id}?done=published`, 303),
      refused,
    });
  return runAction(c, () => previewPanelDraw(database, assemblyId, request), {
    done: (prepared) =>
      showPreview(c, {
        action: drawBase(c.var.assembly),
        values,
        names: ['run', ...planFieldNames],
        plan,
        prepared,
        kind: 'panel',
      }),
    refused,
  });
}

function loadDraw(c: Ctx): Promise<StaffDrawView | null> {
  return staffDrawView(c.var.config.database.db, c.var.assembly.id, c.req.param('drawId') ?? '');
}

function showDrawPage(c: Ctx, view: StaffDrawView, form: DrawPageForm = {}, status: 200 | 409 | 422 = 200) {
  const { draw } = view.context;
  const done = c.req.query('done');
  const notice =
    c.req.method === 'GET' && (notices as readonly string[]).includes(done ?? '')
      ? c.var.t(`draw.notice_${done}`)
      : null;
  return renderAssemblyPage(
    c,
    'draw',
    kindTitle(c, draw.kind, draw.run_kind),
    <DrawPage
      c={c}
      assembly={c.var.assembly}
      view={view}
      form={form}
      showNames={can(c.var.role, 'people:names')}
      publicUrl={`${siteBase(c)}${publicPath(c.var.assembly, draw.id)}`}
      nowMillis={Date.now()}
    />,
    { notice, status },
  );
}

export async function showDraw(c: Ctx) {
  const view = await loadDraw(c);
  if (!view) return errorPage(c, 404, c.var.t('errors.not_found'));
  return showDrawPage(c, view);
}

/** The randomness, entered once: draws the panel (or orders the reserves). */
export async function seedSubmit(c: Ctx) {
  const view = await loadDraw(c);
  if (!view) return errorPage(c, 404, c.var.t('errors.not_found'));
  const { randomness } = seedSchema.parse(await readForm(c));
  const drawId = view.context.draw.id;
  const { database } = c.var.config;
  return runAction(
    c,
    () => enterDrawRandomness(database, staffActor(c), c.var.assembly.id, drawId, randomness),
    {
      done: () => c.redirect(`${drawBase(c.var.assembly)}/${drawId}?done=drawn`, 303),
      refused: async (_, error) => {
        if (error.code === 'not_found') return errorPage(c, 404, c.var.t('errors.not_found'));
        // Reload: when a seed was stored meanwhile, the page must show it.
        const fresh = (await loadDraw(c)) ?? view;
        const status = error.code === 'already_drawn' ? 409 : 422;
        return showDrawPage(c, fresh, { randomness, errors: refusalErrors(c, error) }, status);
      },
    },
  );
}

/** The reserve list's announcement after a drawn panel: checked and shown first, published once confirmed. */
export async function reservesSubmit(c: Ctx) {
  const view = await loadDraw(c);
  if (!view) return errorPage(c, 404, c.var.t('errors.not_found'));
  const values = await readForm(c);
  const form = readPlan(values, { withRun: false });
  const again = (errors: FieldErrors, status: 200 | 422 = 422) =>
    showDrawPage(c, view, { reserves: { values, errors } }, status);
  if (form.confirm === 'edit') return again({}, 200);
  const { plan } = form;
  if (!plan || Object.keys(form.errors).length > 0) return again(planErrorTexts(c.var.t, form.errors));
  const database = c.var.config.database;
  const assemblyId = c.var.assembly.id;
  const panelDrawId = view.context.draw.id;
  const refused = (_: string, error: CommandError) =>
    error.code === 'not_found'
      ? errorPage(c, 404, c.var.t('errors.not_found'))
      : again(refusalErrors(c, error));
  if (form.confirm === 'yes')
    return runAction(c, () => publishReservesDraw(database, staffActor(c), assemblyId, panelDrawId, plan), {
      done: (id) => c.redirect(`${drawBase(c.var.assembly)}/${id}?done=published`, 303),
      refused,
    });
  return runAction(c, () => previewReservesDraw(database, assemblyId, panelDrawId, plan), {
    done: (prepared) =>
      showPreview(c, {
        action: `${drawBase(c.var.assembly)}/${panelDrawId}/reserves`,
        values,
        names: planFieldNames,
        plan,
        prepared,
        kind: 'reserves',
      }),
    refused,
  });
}
