/**
 * The targets page: showing the saved targets with their check, and the form's three buttons —
 * switch the way targets are given (a round trip without JavaScript), check what was typed without
 * saving it, or save it.
 */
import type { CommandError } from '../../../commands/command.ts';
import { saveTargetSettings } from '../../../commands/targets.ts';
import type { TargetSettings } from '../../../domain/targets.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import {
  checkTargetFeasibility,
  type TargetsForm,
  targetsForm,
  targetsOverview,
} from '../../../queries/targets.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { readForm, runAction } from '../../form.ts';
import { textFields } from '../../validation.ts';
import type { FieldErrors } from '../../views/forms.tsx';
import { parseTargetsForm, valuesOf } from './schema.ts';
import { targetsPage } from './views/page.tsx';

export async function targetsGet(c: Ctx) {
  const against = c.req.query('against') === 'pool' ? 'pool' : 'run';
  const page = await targetsOverview(c.var.config.database.db, c.var.assembly, against);
  return targetsPage(c, page.questions, {
    values: valuesOf(page.settings, page.questions),
    settings: page.settings,
    check: page.check,
    folded: page.saved,
    notice: c.req.query('notice') === 'saved' ? c.var.t('targets.saved') : null,
  });
}

/** The form again over the saved targets and today's pool (for the charts), with what was typed. */
async function formAgain(
  c: Ctx,
  form: TargetsForm,
  values: Record<string, string>,
  errors?: FieldErrors,
): Promise<Response> {
  const pool = await checkTargetFeasibility(
    c.var.config.database.db,
    c.var.assembly,
    form.questions,
    form.settings,
    {
      feasibility: false,
    },
  );
  return targetsPage(c, form.questions, {
    values,
    settings: form.settings,
    check: pool,
    ...(errors ? { errors, status: 422 as const } : {}),
  });
}

/** Why saving was refused: a problem with the targets in the targets' own words. */
function saveRefusal(t: Translate, error: CommandError): string {
  return error.code.startsWith('targets_')
    ? t(`targets.error_${error.code.slice('targets_'.length)}`)
    : t(`errors.${error.code}`, error.params);
}

async function checkTyped(
  c: Ctx,
  form: TargetsForm,
  values: Record<string, string>,
  settings: TargetSettings,
) {
  const check = await checkTargetFeasibility(
    c.var.config.database.db,
    c.var.assembly,
    form.questions,
    settings,
  );
  return targetsPage(c, form.questions, {
    values,
    settings,
    check,
    notice: c.var.t('targets.checked_not_saved'),
    folded: true,
  });
}

export async function targetsPost(c: Ctx) {
  const t = c.var.t;
  const assembly = c.var.assembly;
  const values = textFields(await readForm(c));
  const form = await targetsForm(c.var.config.database.db, assembly.id);
  // Without JavaScript, choosing another way of giving targets shows its columns after a round trip.
  if (values.switch) return formAgain(c, form, values);
  const { settings, errors } = parseTargetsForm(values, form.questions);
  if (!settings) {
    const translated = Object.fromEntries(
      Object.entries(errors).map(([field, code]) => [field, t(`targets.error_${code}`)]),
    );
    return formAgain(c, form, values, translated);
  }
  if (values.check) return checkTyped(c, form, values, settings);
  return runAction(c, () => saveTargetSettings(c.var.config.database, staffActor(c), assembly.id, settings), {
    done: () => c.redirect(`/a/${assembly.id}/targets?notice=saved#check`, 303),
    refused: (_, error) =>
      targetsPage(c, form.questions, {
        values,
        errors: { _form: saveRefusal(t, error) },
        settings: form.settings,
        status: 422,
      }),
  });
}
