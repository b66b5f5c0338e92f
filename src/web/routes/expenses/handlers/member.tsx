/**
 * A member's claims through her personal link: the form on her phone, and her own receipts. She is
 * the person the login names; a claim that is not hers is not found.
 */
import { submitClaim } from '../../../../commands/expenses.ts';
import { memberClaimForm, memberReceipt } from '../../../../queries/expenses.ts';
import { keptFileAttachment } from '../../../attachment.ts';
import type { Ctx } from '../../../env.ts';
import { submitFileForm } from '../../../file-form.ts';
import type { FormFailure } from '../../../form.ts';
import { noticeIn } from '../../../validation.ts';
import { errorPage } from '../../../views/errors.tsx';
import { memberClaimNotices, memberClaimSchema } from '../schema.ts';
import { memberClaimPage } from '../views/member-claim.tsx';
import { claimFiles, receiptForm, receiptLimit } from './receipt.ts';

async function showFormWith(c: Ctx, failure: FormFailure) {
  const form = await memberClaimForm(c.var.config.database.db, c.var.member.personId);
  if (!form) return errorPage(c, 403, c.var.t('errors.forbidden'));
  return memberClaimPage(c, form, failure, receiptLimit(c), noticeIn(c, 'expenses', memberClaimNotices));
}

export function showMemberNew(c: Ctx) {
  return showFormWith(c, { values: {}, errors: {} });
}

export async function memberClaimSubmit(c: Ctx) {
  const { personId, assemblyId } = c.var.member;
  return submitFileForm(c, receiptForm(c), {
    schema: memberClaimSchema,
    run: (claim, receipt) =>
      submitClaim(
        c.var.config.database,
        claimFiles(c, receipt),
        { kind: 'person', personId },
        assemblyId,
        personId,
        claim,
      ),
    done: () => c.redirect('/member/claims/new?notice=claimed', 303),
    failed: (failure) => showFormWith(c, failure),
  });
}

export async function memberReceiptDownload(c: Ctx) {
  const { database, dataDir } = c.var.config;
  const file = await memberReceipt(database.db, dataDir, c.var.member.personId, c.req.param('claimId') ?? '');
  return file ? keptFileAttachment(c, file) : errorPage(c, 404, c.var.t('errors.not_found'));
}
