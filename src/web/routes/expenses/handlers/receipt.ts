/**
 * A claim form with its receipt, streamed: the fields come first (the CSRF token among them, checked
 * before a byte of the file is kept), then the receipt goes straight into the receipts folder,
 * counted as it arrives and stopped just past its limit, so a large photo never sits in memory. A
 * form refused for its size keeps the fields typed before the file.
 */
import {
  discardReceiptUpload,
  type ReceiptUpload,
  receiptUploadTarget,
} from '../../../../commands/expenses.ts';
import { receiptMaxBytes } from '../../../../domain/stipends.ts';
import type { Ctx } from '../../../env.ts';
import { readForm } from '../../../form.ts';
import { safeEqual } from '../../../security.ts';
import { isMultipart, receiveUpload, UploadRefused } from '../../../streamed-upload.ts';
import { errorPage } from '../../../views/errors.tsx';
import type { FormValues } from '../../../views/forms.tsx';

/** Room for the text fields sent with the receipt (a description of a few hundred characters). */
const fieldBytes = 64 * 1024;

/** The largest receipt the form takes: the claim's limit, or the server's upload allowance when lower. */
export function receiptLimit(c: Ctx): number {
  return Math.min(receiptMaxBytes, c.var.config.maxUploadBytes);
}

export function claimFiles(c: Ctx, receipt: ReceiptUpload | null) {
  return { dataDir: c.var.config.dataDir, receipt, maxBytes: receiptLimit(c) };
}

function csrfMatches(c: Ctx, token: string | undefined): boolean {
  return Boolean(c.var.csrf) && safeEqual((token ?? '').trim(), c.var.csrf);
}

/** Over the limit: nothing kept, and a size that reads as over it. */
const tooLarge: ReceiptUpload = {
  key: null,
  name: '',
  size: Number.POSITIVE_INFINITY,
  head: new Uint8Array(),
};

/**
 * The form's fields and its receipt (null when none was chosen), or the page that refuses the
 * request (a missing CSRF token, a body cut short). A post without a file was read by the pipeline
 * as an ordinary form.
 */
export async function receiveClaimForm(
  c: Ctx,
): Promise<Response | { values: FormValues; receipt: ReceiptUpload | null }> {
  if (!isMultipart(c.req.raw)) return { values: await readForm(c), receipt: null };
  const { dataDir } = c.var.config;
  const target = await receiptUploadTarget(dataDir);
  let received: Awaited<ReturnType<typeof receiveUpload>>;
  try {
    received = await receiveUpload(c.req.raw, {
      maxBytes: receiptLimit(c) + fieldBytes,
      target: target.path,
      acceptFields: (fields) => csrfMatches(c, fields._csrf),
    });
  } catch (error) {
    if (!(error instanceof UploadRefused)) throw error;
    if (error.problem === 'refused') return errorPage(c, 403, c.var.t('errors.csrf'));
    if (error.problem === 'malformed') return errorPage(c, 400, c.var.t('request.malformed'));
    if (!csrfMatches(c, error.fields._csrf)) return errorPage(c, 403, c.var.t('errors.csrf'));
    return { values: withoutToken(error.fields), receipt: tooLarge };
  }
  const { fields, file } = received;
  if (!csrfMatches(c, fields._csrf)) {
    await discardReceiptUpload(dataDir, target.key);
    return errorPage(c, 403, c.var.t('errors.csrf'));
  }
  if (!file || file.bytes === 0) {
    await discardReceiptUpload(dataDir, target.key);
    return { values: withoutToken(fields), receipt: null };
  }
  return {
    values: withoutToken(fields),
    receipt: { key: target.key, name: file.fileName, size: file.bytes, head: new Uint8Array(file.head) },
  };
}

function withoutToken(fields: Record<string, string>): FormValues {
  const { _csrf, ...values } = fields;
  return values;
}
