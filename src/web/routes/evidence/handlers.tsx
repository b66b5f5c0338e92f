/**
 * The evidence pages' handlers: each reads the address or the form, calls one query or command, and
 * renders or redirects. An item of another assembly is not found.
 */
import { createEvidence, editEvidence, removeEvidence } from '../../../commands/evidence.ts';
import { type EvidenceItem, evidenceItem, evidenceLibrary } from '../../../queries/evidence.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, runAction, submitForm } from '../../form.ts';
import { noticeIn } from '../../validation.ts';
import { errorPage } from '../../views/errors.tsx';
import { evidenceNotices, evidenceSchema } from './schema.ts';
import { evidenceItemPage, evidenceListPage, newEvidencePage, valuesOf } from './views.tsx';

const noFailure: FormFailure = { values: {}, errors: {} };

function listHref(c: Ctx, notice?: string) {
  return `/a/${c.var.assembly.id}/evidence${notice ? `?notice=${notice}` : ''}`;
}

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

function findItem(c: Ctx): Promise<EvidenceItem | null> {
  return evidenceItem(c.var.config.database.db, c.var.assembly.id, c.req.param('itemId') ?? '');
}

export async function showList(c: Ctx) {
  const items = await evidenceLibrary(c.var.config.database.db, c.var.assembly.id);
  return evidenceListPage(c, items, noticeIn(c, 'evidence', evidenceNotices));
}

export function showNew(c: Ctx) {
  return newEvidencePage(c, noFailure);
}

export function createSubmit(c: Ctx) {
  return submitForm(c, {
    schema: evidenceSchema,
    run: (item) => createEvidence(c.var.config.database, staffActor(c), c.var.assembly.id, item),
    done: () => c.redirect(listHref(c, 'created'), 303),
    failed: (failure) => newEvidencePage(c, failure),
  });
}

export async function showItem(c: Ctx) {
  const item = await findItem(c);
  if (!item) return notFound(c);
  return evidenceItemPage(c, item, { values: valuesOf(item), errors: {} });
}

export async function editSubmit(c: Ctx) {
  const item = await findItem(c);
  if (!item) return notFound(c);
  return submitForm(c, {
    schema: evidenceSchema,
    run: (input) => editEvidence(c.var.config.database, staffActor(c), c.var.assembly.id, item.id, input),
    done: () => c.redirect(listHref(c, 'saved'), 303),
    failed: (failure) =>
      failure.refusal?.code === 'not_found' ? notFound(c) : evidenceItemPage(c, item, failure),
  });
}

export function deleteSubmit(c: Ctx) {
  return runAction(
    c,
    () =>
      removeEvidence(c.var.config.database, staffActor(c), c.var.assembly.id, c.req.param('itemId') ?? ''),
    { done: () => c.redirect(listHref(c, 'deleted'), 303), refused: () => notFound(c) },
  );
}
