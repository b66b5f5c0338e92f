/**
 * A claim form's receipt: received as every form with one file is (see `src/web/file-form.ts`),
 * streamed into the receipts folder within the claim's limit.
 */
import type { ReceiptUpload } from '../../../../commands/expenses.ts';
import { receiptMaxBytes } from '../../../../domain/stipends.ts';
import type { Ctx } from '../../../env.ts';
import type { FileFormSpec } from '../../../file-form.ts';

/** Room for the text fields sent with the receipt (a description of a few hundred characters). */
const fieldBytes = 64 * 1024;

/** The largest receipt the form takes: the claim's limit, or the server's upload allowance when lower. */
export function receiptLimit(c: Ctx): number {
  return Math.min(receiptMaxBytes, c.var.config.maxUploadBytes);
}

/** How a claim form's receipt is received. */
export function receiptForm(c: Ctx): FileFormSpec {
  return { folder: 'receipts', maxBytes: receiptLimit(c), fieldBytes };
}

export function claimFiles(c: Ctx, receipt: ReceiptUpload | null) {
  return { dataDir: c.var.config.dataDir, receipt, maxBytes: receiptLimit(c) };
}
