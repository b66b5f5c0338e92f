/**
 * Minority statements on the staff page of a recommendation: writing one for a member, adding or
 * removing a signature on a member's behalf (a signature on paper), withdrawing one for its author.
 * Each reads the form, runs one command, and redirects or shows the page with the refusal.
 */
import {
  signMinorityStatement,
  withdrawMinorityStatement,
  withdrawSignature,
  writeMinorityStatement,
} from '../../../../commands/minority-statements.ts';
import type { RecommendationView } from '../../../../queries/recommendations.ts';
import { staffActor } from '../../../actor.ts';
import type { Ctx } from '../../../env.ts';
import { runAction, submitForm } from '../../../form.ts';
import { personSchema, statementSchema } from '../schema.ts';
import { recommendationPage } from '../views/recommendation.tsx';
import { itemHref, loadView, notFound, refusedStatus } from './shared.ts';

function statementsHref(c: Ctx, view: RecommendationView, notice: string) {
  return `${itemHref(c, view.recommendation.id, notice)}#statements`;
}

export async function statementSubmit(c: Ctx) {
  const view = await loadView(c);
  if (!view) return notFound(c);
  return submitForm(c, {
    schema: statementSchema,
    run: (input) =>
      writeMinorityStatement(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        view.recommendation.id,
        input,
      ),
    done: () => c.redirect(statementsHref(c, view, 'statement_written'), 303),
    failed: (failure) => recommendationPage(c, view, { statementForm: failure }),
  });
}

/** A button on a statement: the command it runs, with the member the form names (if any). */
async function statementAction(
  c: Ctx,
  notice: string,
  run: (view: RecommendationView, statementId: string, personId: string) => Promise<void>,
) {
  const view = await loadView(c);
  if (!view) return notFound(c);
  const parsed = personSchema.safeParse(await c.req.parseBody());
  const personId = parsed.success ? parsed.data.person : '';
  return runAction(c, () => run(view, c.req.param('statementId') ?? '', personId), {
    done: () => c.redirect(statementsHref(c, view, notice), 303),
    refused: (message, error) =>
      recommendationPage(c, view, { notice: message, status: refusedStatus(error) }),
  });
}

export function signForSubmit(c: Ctx) {
  return statementAction(c, 'statement_signed', (view, statementId, personId) =>
    signMinorityStatement(
      c.var.config.database,
      staffActor(c),
      c.var.assembly.id,
      view.recommendation.id,
      statementId,
      personId,
    ),
  );
}

export function unsignForSubmit(c: Ctx) {
  return statementAction(c, 'signature_withdrawn', (view, statementId, personId) =>
    withdrawSignature(
      c.var.config.database,
      staffActor(c),
      c.var.assembly.id,
      view.recommendation.id,
      statementId,
      personId,
    ),
  );
}

export function withdrawForSubmit(c: Ctx) {
  return statementAction(c, 'statement_withdrawn', (view, statementId) =>
    withdrawMinorityStatement(
      c.var.config.database,
      staffActor(c),
      c.var.assembly.id,
      view.recommendation.id,
      statementId,
    ),
  );
}
