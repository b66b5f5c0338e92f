/** The receipt chosen in a claim form, read from the body the pipeline admitted (see `ReceiptUpload`). */
import type { ReceiptUpload } from '../../../../commands/expenses.ts';
import { receiptMaxBytes } from '../../../../domain/stipends.ts';
import type { Ctx } from '../../../env.ts';

/** The file chosen, or null when none was (an empty file input posts an empty part). */
export async function chosenReceipt(c: Ctx): Promise<ReceiptUpload | null> {
  const body = await c.req.parseBody({ all: true });
  const sent = Array.isArray(body.receipt) ? body.receipt[0] : body.receipt;
  if (!sent || typeof sent === 'string' || sent.size === 0) return null;
  return { name: sent.name, size: sent.size, bytes: async () => new Uint8Array(await sent.arrayBuffer()) };
}

/** The largest receipt the form takes: the claim's limit, or the server's upload allowance when lower. */
export function receiptLimit(c: Ctx): number {
  return Math.min(receiptMaxBytes, c.var.config.maxUploadBytes);
}

export function claimFiles(c: Ctx, receipt: ReceiptUpload | null) {
  return { dataDir: c.var.config.dataDir, receipt, maxBytes: receiptLimit(c) };
}
