/**
 * Replacements: the seats left open by people who declined or dropped out, starting the replacement
 * run that keeps everyone still on the panel, and the record of who replaced whom with the effect on
 * every target.
 */
import { startReplacements } from '../../../commands/replacements.ts';
import { replacementsView } from '../../../queries/replacements.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { runAction } from '../../form.ts';
import { renderAssemblyPage } from '../../views/assembly-frame.tsx';
import type { FieldErrors } from '../../views/forms.tsx';
import { ReplacementsPage } from './views.tsx';

async function showPage(c: Ctx, errors: FieldErrors = {}) {
  const view = await replacementsView(c.var.config.database.db, c.var.assembly);
  return renderAssemblyPage(
    c,
    'replacements',
    c.var.t('replacements.title'),
    <ReplacementsPage c={c} assembly={c.var.assembly} view={view} errors={errors} />,
    { status: Object.keys(errors).length > 0 ? 422 : 200 },
  );
}

export function replacementsPage(c: Ctx) {
  return showPage(c);
}

/** Starts the replacement run and opens its page, where its progress shows. */
export function startSubmit(c: Ctx) {
  return runAction(c, () => startReplacements(c.var.config.database, staffActor(c), c.var.assembly.id), {
    done: (runId) => c.redirect(`/a/${c.var.assembly.id}/selection/${runId}`, 303),
    refused: (message, error) => showPage(c, { [error.field ?? '_form']: message }),
  });
}
