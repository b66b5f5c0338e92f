/**
 * The experts pages' handlers: each reads the address or the form, calls one query or command, and
 * renders or redirects. An expert of another assembly is not found.
 */
import { createExpert, editExpert, removeExpert } from '../../../commands/evidence.ts';
import { type Expert, expertList, expertRecord, expertShown } from '../../../queries/evidence.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, runAction, submitForm } from '../../form.ts';
import { noticeIn } from '../../validation.ts';
import { errorPage } from '../../views/errors.tsx';
import { expertNotices, expertSchema } from './schema.ts';
import { expertListPage, expertPage, newExpertPage, valuesOf } from './views.tsx';

const noFailure: FormFailure = { values: {}, errors: {} };

function listHref(c: Ctx, notice?: string) {
  return `/a/${c.var.assembly.id}/experts${notice ? `?notice=${notice}` : ''}`;
}

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

function findExpert(c: Ctx): Promise<Expert | null> {
  return expertRecord(c.var.config.database.db, c.var.assembly.id, c.req.param('expertId') ?? '');
}

export async function showList(c: Ctx) {
  const experts = await expertList(c.var.config.database.db, c.var.assembly.id);
  return expertListPage(c, experts, noticeIn(c, 'experts', expertNotices));
}

export function showNew(c: Ctx) {
  return newExpertPage(c, noFailure);
}

export function createSubmit(c: Ctx) {
  return submitForm(c, {
    schema: expertSchema,
    run: (input) => createExpert(c.var.config.database, staffActor(c), c.var.assembly.id, input),
    done: () => c.redirect(listHref(c, 'created'), 303),
    failed: (failure) => newExpertPage(c, failure),
  });
}

export async function showExpert(c: Ctx) {
  const { db } = c.var.config.database;
  const shown = await expertShown(db, c.var.assembly.id, c.req.param('expertId') ?? '');
  if (!shown) return notFound(c);
  return expertPage(c, shown.expert, { values: valuesOf(shown.expert), errors: {} }, shown.presentedAt);
}

export async function editSubmit(c: Ctx) {
  const expert = await findExpert(c);
  if (!expert) return notFound(c);
  return submitForm(c, {
    schema: expertSchema,
    run: (input) => editExpert(c.var.config.database, staffActor(c), c.var.assembly.id, expert.id, input),
    done: () => c.redirect(listHref(c, 'saved'), 303),
    failed: (failure) =>
      failure.refusal?.code === 'not_found' ? notFound(c) : expertPage(c, expert, failure),
  });
}

export function deleteSubmit(c: Ctx) {
  return runAction(
    c,
    () =>
      removeExpert(c.var.config.database, staffActor(c), c.var.assembly.id, c.req.param('expertId') ?? ''),
    { done: () => c.redirect(listHref(c, 'deleted'), 303), refused: () => notFound(c) },
  );
}
