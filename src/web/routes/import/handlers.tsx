/**
 * Importing respondents from a spreadsheet, in steps that each show the organiser what will happen:
 * upload (the file is read at once, and a file that cannot be read is refused with the line and column
 * of the problem), choose which column holds what, check every row, then import all or nothing.
 * Between the steps the file waits staged in the data folder (see repositories/import-uploads.ts);
 * its id travels in the forms.
 */
import { importStagedRespondents, stageRespondentFile } from '../../../commands/import-respondents.ts';
import type { Question } from '../../../domain/questions.ts';
import { translateInputError } from '../../../i18n/input-errors.ts';
import { earlierImports, importPreview, importStep } from '../../../queries/import.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { readForm } from '../../form.ts';
import { cleanFileName, doneSchema, mappingFrom, stepSchema } from './schema.ts';
import { problemsPage, readyPage } from './views/check.tsx';
import { mappingPage } from './views/mapping.tsx';
import { type UploadPageOptions, uploadPage } from './views/upload.tsx';

async function importPage(c: Ctx, options: UploadPageOptions) {
  const imports = await earlierImports(c.var.config.database, c.var.assembly.id);
  return uploadPage(c, imports, options);
}

function uploadMissing(c: Ctx) {
  return importPage(c, { error: c.var.t('import.upload_missing'), status: 404 });
}

export async function showImport(c: Ctx) {
  const done = doneSchema.parse({ added: c.req.query('added'), unchanged: c.req.query('unchanged') });
  const notice =
    done.added !== undefined && done.unchanged !== undefined
      ? c.var.t('import.done', { added: done.added, unchanged: done.unchanged })
      : null;
  return importPage(c, { notice });
}

export async function receiveUpload(c: Ctx) {
  const t = c.var.t;
  const body = await c.req.parseBody({ all: true });
  const sent = Array.isArray(body.file) ? body.file[0] : body.file;
  if (!sent || typeof sent === 'string' || sent.size === 0) {
    return importPage(c, { error: t('import.no_file'), status: 422 });
  }
  const file = { name: cleanFileName(sent.name), bytes: new Uint8Array(await sent.arrayBuffer()) };
  const { config, assembly } = c.var;
  const staged = await stageRespondentFile(config.database, config.dataDir, assembly.id, file);
  if ('unreadable' in staged) {
    const detail = translateInputError(t, staged.unreadable);
    return importPage(c, { error: t('import.file_unreadable'), detail, status: 422 });
  }
  return mappingPage(c, staged.step);
}

/** The upload id and the mapping as posted; the mapping's answer fields depend on the questions. */
async function postedStep(c: Ctx) {
  const values = await readForm(c);
  const { upload } = stepSchema.parse(values);
  return {
    upload,
    mappingOf: (questions: Question[]) => mappingFrom(values, questions),
  };
}

export async function previewImport(c: Ctx) {
  const { upload, mappingOf } = await postedStep(c);
  const { config, assembly } = c.var;
  const preview = await importPreview(config.database, config.dataDir, assembly.id, upload, mappingOf);
  if (!preview) return uploadMissing(c);
  if ('problems' in preview) return problemsPage(c, preview, preview.problems);
  return readyPage(c, preview, preview.rows);
}

export async function commitImport(c: Ctx) {
  const { upload, mappingOf } = await postedStep(c);
  const { config, assembly } = c.var;
  const step = await importStep(config.database, config.dataDir, assembly.id, upload, mappingOf);
  if (!step) return uploadMissing(c);
  const outcome = await importStagedRespondents(
    config.database,
    config.dataDir,
    staffActor(c),
    assembly.id,
    step.upload,
    step.mapping,
  );
  if ('problems' in outcome) return problemsPage(c, step, outcome.problems);
  const { added, unchanged } = outcome.imported;
  return c.redirect(`/a/${assembly.id}/import?added=${added}&unchanged=${unchanged}`, 303);
}
