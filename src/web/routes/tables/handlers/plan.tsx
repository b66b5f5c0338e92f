/**
 * The tables pages: the deliberation sessions, a session's tables with its forms, asking for
 * tables, recomputing from the day's check-ins, locking a round, seating a late arrival, and a
 * manual move (its effect first, then saving it).
 */
import {
  lockSeatingRound,
  moveSeat,
  recomputeSeating,
  requestSeating,
  seatLateArrival,
} from '../../../../commands/seating.ts';
import { can } from '../../../../domain/roles.ts';
import { needField, seatingNeeds } from '../../../../domain/seating.ts';
import {
  type SeatingView,
  seatingView,
  seatMovePreview,
  tablesOverview,
} from '../../../../queries/tables.ts';
import { staffActor } from '../../../actor.ts';
import type { Ctx } from '../../../env.ts';
import { runAction, submitForm } from '../../../form.ts';
import { noticeIn } from '../../../validation.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { errorPage } from '../../../views/errors.tsx';
import type { FieldErrors, FormValues } from '../../../views/forms.tsx';
import {
  fieldRulesOf,
  lateSchema,
  lockSchema,
  moveOf,
  moveSchema,
  requestSchema,
  tablesLimits,
  tablesNotices,
} from '../schema.ts';
import { OverviewPage } from '../views/overview.tsx';
import { labelOf, ruleText, sessionTitle } from '../views/parts.tsx';
import { PreviewPage } from '../views/preview.tsx';
import { SessionPage } from '../views/session.tsx';

const tablesBase = (c: Ctx) => `/a/${c.var.assembly.id}/tables`;
const sessionBase = (c: Ctx) => `${tablesBase(c)}/${encodeURIComponent(c.req.param('sessionId') ?? '')}`;

export async function showTables(c: Ctx) {
  const rows = await tablesOverview(c.var.config.database.db, c.var.assembly.id);
  return renderAssemblyPage(
    c,
    'tables',
    c.var.t('seating.title'),
    <OverviewPage c={c} rows={rows} base={tablesBase(c)} />,
  );
}

/** Each question's mode and weight on the form: as last asked, or every question mixed equally. */
function modeDefaults(view: SeatingView): FormValues {
  const s = view.plan?.settings;
  const values: FormValues = {};
  for (const q of view.questions) {
    const rule = s?.fields?.find((f) => f.name === q.key);
    const mixed = rule ? rule.mode === 'diversify' : !s || s.diversify.includes(q.key);
    values[`mode_${q.key}`] = rule?.mode === 'cluster' ? 'together' : mixed ? 'mix' : 'ignore';
    values[`weight_${q.key}`] = String(rule?.weight ?? 1);
  }
  for (const need of seatingNeeds) {
    const rule = s?.fields?.find((f) => f.name === needField(need));
    values[`mode_${needField(need)}`] = rule?.mode === 'cluster' ? 'together' : 'ignore';
  }
  return values;
}

/** The request form's values before anything is typed: the last settings, or a sensible start. */
function defaults(view: SeatingView): FormValues {
  const s = view.plan?.settings;
  return {
    ...modeDefaults(view),
    rounds: String(s?.rounds ?? 3),
    tables: s?.tables !== undefined ? String(s.tables) : '',
    table_size: String(s?.tableSize ?? (s?.tables === undefined ? 6 : '')),
    diversify: s?.diversify ?? view.questions.map((q) => q.key),
    seed: s?.seed ?? view.session.startsAt.slice(0, 10),
    facilitators: s && s.facilitators.length === 0 ? [] : ['on'],
  };
}

export async function renderSeating(
  c: Ctx,
  values?: FormValues,
  errors: FieldErrors = {},
  notice?: string | null,
) {
  const view = await seatingView(
    c.var.config.database,
    c.var.assembly.id,
    c.req.param('sessionId') ?? '',
    can(c.var.role, 'people:names'),
  );
  if (!view) return errorPage(c, 404, c.var.t('errors.not_found'));
  // While tables are computed the page follows the job by reloading itself.
  if (view.pending?.state === 'working') c.header('Refresh', '2');
  return renderAssemblyPage(
    c,
    'tables',
    `${c.var.t('seating.title')}: ${sessionTitle(c, view.session)}`,
    <SessionPage
      c={c}
      view={view}
      base={sessionBase(c)}
      canEdit={can(c.var.role, 'tables:edit')}
      values={{ ...defaults(view), ...values }}
      errors={errors}
    />,
    { notice, status: Object.keys(errors).length > 0 ? 422 : 200 },
  );
}

export function showSeating(c: Ctx) {
  return renderSeating(c, undefined, {}, noticeIn(c, 'seating', tablesNotices));
}

export const done = (c: Ctx, notice: (typeof tablesNotices)[number]) => () =>
  c.redirect(`${sessionBase(c)}?notice=${notice}`, 303);

export function submitRequest(c: Ctx) {
  return submitForm(c, {
    schema: requestSchema,
    lists: ['diversify', 'facilitators'],
    messageParams: { min: 1, max: tablesLimits.rounds },
    run: (data) =>
      requestSeating(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        c.req.param('sessionId') ?? '',
        {
          rounds: data.rounds,
          ...(data.tables !== undefined ? { tables: data.tables } : {}),
          ...(data.table_size !== undefined ? { tableSize: data.table_size } : {}),
          diversify: data.diversify,
          fields: fieldRulesOf(data),
          seed: data.seed,
          withFacilitators: data.facilitators.length > 0,
        },
      ),
    done: done(c, 'requested'),
    failed: ({ values, errors }) => renderSeating(c, { ...values, form: 'request' }, errors),
  });
}

export function submitRecompute(c: Ctx) {
  return runAction(
    c,
    () =>
      recomputeSeating(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        c.req.param('sessionId') ?? '',
      ),
    {
      done: done(c, 'recomputing'),
      refused: (message) => renderSeating(c, { form: 'day' }, { _form: message }),
    },
  );
}

export function submitLock(c: Ctx) {
  return submitForm(c, {
    schema: lockSchema,
    run: (data) =>
      lockSeatingRound(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        c.req.param('sessionId') ?? '',
        data.round,
      ),
    done: done(c, 'locked'),
    failed: ({ errors }) => renderSeating(c, { form: 'day' }, errors),
  });
}

export function submitPreview(c: Ctx) {
  return submitForm(c, {
    schema: moveSchema,
    run: async (data) => ({
      data,
      ...(await seatMovePreview(
        c.var.config.database,
        c.var.assembly.id,
        c.req.param('sessionId') ?? '',
        moveOf(data),
        can(c.var.role, 'people:names'),
      )),
    }),
    done: ({ data, preview, view, broken }) => {
      if (!view) return errorPage(c, 404, c.var.t('errors.not_found'));
      const summary = c.var.t(data.swap ? 'seating.preview_swap' : 'seating.preview_summary', {
        name: labelOf(view, data.person),
        other: data.swap ? labelOf(view, data.swap) : '',
        table: data.table,
        round: data.round,
      });
      const fields = {
        round: String(data.round),
        person: data.person,
        table: String(data.table),
        swap: data.swap,
      };
      return renderAssemblyPage(
        c,
        'tables',
        c.var.t('seating.preview_title'),
        <PreviewPage
          c={c}
          preview={preview}
          summary={summary}
          broken={broken.map((rule) => ruleText(c, view, rule))}
          fields={fields}
          base={sessionBase(c)}
        />,
      );
    },
    failed: ({ values, errors }) => renderSeating(c, { ...values, form: 'move' }, errors),
  });
}

export function submitMove(c: Ctx) {
  return submitForm(c, {
    schema: moveSchema,
    run: (data) =>
      moveSeat(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        c.req.param('sessionId') ?? '',
        moveOf(data),
      ),
    done: done(c, 'moved'),
    failed: ({ values, errors }) => renderSeating(c, { ...values, form: 'move' }, errors),
  });
}

export function submitLate(c: Ctx) {
  return submitForm(c, {
    schema: lateSchema,
    run: (data) =>
      seatLateArrival(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        c.req.param('sessionId') ?? '',
        data.person,
      ),
    done: done(c, 'seated'),
    failed: ({ errors }) => renderSeating(c, { form: 'day' }, { _form: Object.values(errors).join(' ') }),
  });
}
