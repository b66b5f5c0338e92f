/**
 * The evidence pages' handlers: each reads the address or the form, calls one query or command, and
 * renders or redirects. An item of another assembly is not found.
 */
import { createEvidence, editEvidence, removeEvidence } from '../../../commands/evidence.ts';
import { evidenceFileMaxBytes, evidenceUploadBytes } from '../../../domain/evidence.ts';
import {
  type EvidenceItem,
  evidenceDownload,
  evidenceItem,
  evidenceItemShown,
  evidenceLibrary,
} from '../../../queries/evidence.ts';
import { staffActor } from '../../actor.ts';
import { keptFileAttachment } from '../../attachment.ts';
import type { Ctx } from '../../env.ts';
import { type FileFormSpec, submitFileForm } from '../../file-form.ts';
import { type FormFailure, runAction } from '../../form.ts';
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

/**
 * The forms take files up to `evidenceFileMaxBytes`, streamed into the evidence folder (see
 * `submitFileForm`); their routes declare the allowance for it.
 */
const evidenceForm: FileFormSpec = {
  folder: 'evidence',
  maxBytes: evidenceFileMaxBytes,
  fieldBytes: evidenceUploadBytes - evidenceFileMaxBytes,
};

export async function showList(c: Ctx) {
  const items = await evidenceLibrary(c.var.config.database.db, c.var.assembly.id);
  return evidenceListPage(c, items, noticeIn(c, 'evidence', evidenceNotices));
}

export function showNew(c: Ctx) {
  return newEvidencePage(c, noFailure, evidenceFileMaxBytes);
}

export function createSubmit(c: Ctx) {
  return submitFileForm(c, evidenceForm, {
    schema: evidenceSchema,
    run: ({ item }, file) => {
      const files = { dataDir: c.var.config.dataDir, file, maxBytes: evidenceFileMaxBytes };
      return createEvidence(c.var.config.database, files, staffActor(c), c.var.assembly.id, item);
    },
    done: () => c.redirect(listHref(c, 'created'), 303),
    failed: (failure) => newEvidencePage(c, failure, evidenceFileMaxBytes),
  });
}

export async function showItem(c: Ctx) {
  const { db } = c.var.config.database;
  const shown = await evidenceItemShown(db, c.var.assembly.id, c.req.param('itemId') ?? '');
  if (!shown) return notFound(c);
  const { item, presentedAt } = shown;
  return evidenceItemPage(c, item, { values: valuesOf(item), errors: {} }, evidenceFileMaxBytes, presentedAt);
}

export async function editSubmit(c: Ctx) {
  const item = await findItem(c);
  if (!item) return notFound(c);
  return submitFileForm(c, evidenceForm, {
    schema: evidenceSchema,
    run: (form, file) => {
      const files = {
        dataDir: c.var.config.dataDir,
        file,
        maxBytes: evidenceFileMaxBytes,
        removeFile: form.removeFile,
      };
      return editEvidence(c.var.config.database, files, staffActor(c), c.var.assembly.id, item.id, form.item);
    },
    done: () => c.redirect(listHref(c, 'saved'), 303),
    failed: (failure) =>
      failure.refusal?.code === 'not_found'
        ? notFound(c)
        : evidenceItemPage(c, item, failure, evidenceFileMaxBytes),
  });
}

export function deleteSubmit(c: Ctx) {
  return runAction(
    c,
    () =>
      removeEvidence(
        c.var.config.database,
        c.var.config.dataDir,
        staffActor(c),
        c.var.assembly.id,
        c.req.param('itemId') ?? '',
      ),
    { done: () => c.redirect(listHref(c, 'deleted'), 303), refused: () => notFound(c) },
  );
}

/** The item's file, always as an attachment, streamed from disk (see `keptFileAttachment`). */
export async function downloadFile(c: Ctx) {
  const { database, dataDir } = c.var.config;
  const file = await evidenceDownload(database.db, dataDir, c.var.assembly.id, c.req.param('itemId') ?? '');
  if (!file) return notFound(c);
  return keptFileAttachment(c, file);
}
