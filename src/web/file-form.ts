/**
 * The one way a form with one file comes in (an evidence item's file, a claim's receipt), streamed:
 * the fields come first (the CSRF token among them, checked before a byte of the file is kept), then
 * the file goes straight into its kept folder, counted as it arrives and stopped just past its limit,
 * so a 20 MB report never sits in memory. A form refused for its size keeps the fields typed before
 * the file; a file no command takes (an empty input, a refused form) leaves the folder again.
 * Its routes declare `body: 'stream'`, so the pipeline leaves the body to it.
 */
import type { z } from 'zod';
import { discardKeptUpload, type KeptFolder, keptUploadTarget } from '../commands/kept-uploads.ts';
import type { KeptUpload } from '../domain/uploaded-files.ts';
import type { Ctx } from './env.ts';
import { type FormFailure, readForm, submitForm } from './form.ts';
import { safeEqual } from './security.ts';
import { isMultipart, receiveUpload, UploadRefused } from './streamed-upload.ts';
import { errorPage } from './views/errors.tsx';
import type { FormValues } from './views/forms.tsx';

/** What a form's file is: the folder it is kept in, its limit, and the room for the text fields. */
export interface FileFormSpec {
  folder: KeptFolder;
  /** The largest file taken; the upload stops just past it. */
  maxBytes: number;
  /** Room for the text fields sent with the file, and the multipart framing. */
  fieldBytes: number;
}

/** The form's fields and its file (null when none was chosen). */
interface ReceivedFileForm {
  values: FormValues;
  file: KeptUpload | null;
}

function csrfMatches(c: Ctx, token: string | undefined): boolean {
  return Boolean(c.var.csrf) && safeEqual((token ?? '').trim(), c.var.csrf);
}

/** Over the limit: nothing kept, and a size that reads as over it. */
const tooLarge: KeptUpload = {
  key: null,
  name: '',
  size: Number.POSITIVE_INFINITY,
  head: new Uint8Array(),
};

function withoutToken(fields: Record<string, string>): FormValues {
  const { _csrf, ...values } = fields;
  return values;
}

/**
 * The form's fields and its file, or the page that refuses the request (a missing CSRF token, a body
 * cut short). A post without a file was read by the pipeline as an ordinary form.
 */
async function receiveFileForm(c: Ctx, spec: FileFormSpec): Promise<Response | ReceivedFileForm> {
  if (!isMultipart(c.req.raw)) return { values: await readForm(c), file: null };
  const { dataDir } = c.var.config;
  const target = await keptUploadTarget(dataDir, spec.folder);
  let received: Awaited<ReturnType<typeof receiveUpload>>;
  try {
    received = await receiveUpload(c.req.raw, {
      maxBytes: spec.maxBytes + spec.fieldBytes,
      target: target.path,
      acceptFields: (fields) => csrfMatches(c, fields._csrf),
    });
  } catch (error) {
    if (!(error instanceof UploadRefused)) throw error;
    if (error.problem === 'refused') return errorPage(c, 403, c.var.t('errors.csrf'));
    if (error.problem === 'malformed') return errorPage(c, 400, c.var.t('request.malformed'));
    if (!csrfMatches(c, error.fields._csrf)) return errorPage(c, 403, c.var.t('errors.csrf'));
    return { values: withoutToken(error.fields), file: tooLarge };
  }
  const { fields, file } = received;
  if (!csrfMatches(c, fields._csrf)) {
    await discardKeptUpload(dataDir, spec.folder, target.key);
    return errorPage(c, 403, c.var.t('errors.csrf'));
  }
  if (!file || file.bytes === 0) {
    await discardKeptUpload(dataDir, spec.folder, target.key);
    return { values: withoutToken(fields), file: null };
  }
  const upload = { key: target.key, name: file.fileName, size: file.bytes, head: new Uint8Array(file.head) };
  return { values: withoutToken(fields), file: upload };
}

/** A form with a file through `submitForm`: the command gets the parsed fields and the file. */
export interface FileFormSubmission<S extends z.ZodType, R> {
  schema: S;
  /**
   * The one command, which takes the file in or, when it refuses or fails, removes it (as
   * `createEvidence` and `submitClaim` do).
   */
  run: (data: z.output<S>, file: KeptUpload | null, values: FormValues) => Promise<R>;
  done: (result: R) => Response | Promise<Response>;
  failed: (failure: FormFailure) => Response | Promise<Response>;
}

/**
 * Receives the form and its file, then parses and runs it as `submitForm` does. A file the command
 * never saw (the fields refused by the schema, or a failure before it ran) is removed here.
 */
export async function submitFileForm<S extends z.ZodType, R>(
  c: Ctx,
  spec: FileFormSpec,
  form: FileFormSubmission<S, R>,
): Promise<Response> {
  const received = await receiveFileForm(c, spec);
  if (received instanceof Response) return received;
  const { values, file } = received;
  let ran = false;
  try {
    return await submitForm(c, {
      schema: form.schema,
      values,
      run: (data, typed) => {
        ran = true;
        return form.run(data, file, typed);
      },
      done: form.done,
      failed: form.failed,
    });
  } finally {
    if (!ran && file?.key) await discardKeptUpload(c.var.config.dataDir, spec.folder, file.key);
  }
}
