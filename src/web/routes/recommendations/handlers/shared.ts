/**
 * What the recommendations handlers share: where they send people after a change, the page for
 * something not found, who is looking, and the recommendation as the staff pages show it.
 */
import type { CommandError } from '../../../../commands/command.ts';
import { recommendationView, type Viewer } from '../../../../queries/recommendations.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { errorPage } from '../../../views/errors.tsx';

export const noFailure: FormFailure = { values: {}, errors: {} };

export function listHref(c: Ctx, notice: string) {
  return `/a/${c.var.assembly.id}/recommendations?notice=${notice}`;
}

export function itemHref(c: Ctx, id: string, notice: string) {
  return `/a/${c.var.assembly.id}/recommendations/${id}?notice=${notice}`;
}

export function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

/** The page for a facilitator who opens another working group's form: she may not change its work. */
export function notYourGroup(c: Ctx) {
  return errorPage(c, 403, c.var.t('errors.recommendations_not_your_group'));
}

/** A refused button: 403 when the refusal is about who may act, otherwise 422. */
export function refusedStatus(error: CommandError): 403 | 422 {
  return error.code === 'recommendations_not_your_group' || error.code === 'forbidden' ? 403 : 422;
}

/** Only called behind a staff access rule, which guarantees a logged-in account. */
export function viewer(c: Ctx): Viewer {
  return { role: c.var.role, accountId: c.var.auth!.account!.id };
}

export function loadView(c: Ctx) {
  return recommendationView(
    c.var.config.database.db,
    c.var.assembly.id,
    c.req.param('recommendationId') ?? '',
    viewer(c),
  );
}
