/**
 * The organisers' expense pages: the claims, a claim with its decision forms, the rules, a claim on a
 * member's behalf, and a receipt. Each handler reads the address or the form, calls one query or
 * command, and renders or redirects. A claim of another assembly is not found.
 */
import {
  approveClaim,
  payClaim,
  rejectClaim,
  saveRules,
  submitClaim,
} from '../../../../commands/expenses.ts';
import {
  claimDetail,
  claimsOverview,
  expenseRules,
  staffClaimForm,
  staffReceipt,
} from '../../../../queries/expenses.ts';
import { staffActor } from '../../../actor.ts';
import { keptFileAttachment } from '../../../attachment.ts';
import type { Ctx } from '../../../env.ts';
import { submitFileForm } from '../../../file-form.ts';
import { type FormFailure, runAction, submitForm } from '../../../form.ts';
import { noticeIn } from '../../../validation.ts';
import { errorPage } from '../../../views/errors.tsx';
import { approveSchema, expenseNotices, rejectSchema, rulesSchema, staffClaimSchema } from '../schema.ts';
import { claimPage, claimsPage } from '../views/claims.tsx';
import { rulesPage, rulesValues } from '../views/rules.tsx';
import { staffClaimPage } from '../views/staff-claim.tsx';
import { claimFiles, receiptForm, receiptLimit } from './receipt.ts';

const noFailure: FormFailure = { values: {}, errors: {} };

export function expensesHref(c: Ctx, notice?: string) {
  return `/a/${c.var.assembly.id}/expenses${notice ? `?notice=${notice}` : ''}`;
}

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

function claimId(c: Ctx): string {
  return c.req.param('claimId') ?? '';
}

export async function showClaims(c: Ctx) {
  const overview = await claimsOverview(c.var.config.database.db, c.var.assembly.id);
  return claimsPage(c, overview, noticeIn(c, 'expenses', expenseNotices));
}

export async function showRules(c: Ctx) {
  const rules = await expenseRules(c.var.config.database.db, c.var.assembly.id);
  return rulesPage(c, { values: rulesValues(rules, c.var.lang), errors: {} });
}

export function rulesSubmit(c: Ctx) {
  return submitForm(c, {
    schema: rulesSchema,
    run: (input) => saveRules(c.var.config.database, staffActor(c), c.var.assembly.id, input),
    done: () => c.redirect(expensesHref(c, 'rules_saved'), 303),
    failed: (failure) => rulesPage(c, failure),
  });
}

async function showClaimWith(c: Ctx, failure: FormFailure) {
  const detail = await claimDetail(c.var.config.database.db, c.var.assembly.id, claimId(c));
  if (!detail) return notFound(c);
  return claimPage(c, detail, failure);
}

export function showClaim(c: Ctx) {
  return showClaimWith(c, noFailure);
}

export function approveSubmit(c: Ctx) {
  return submitForm(c, {
    schema: approveSchema,
    run: (amount) =>
      approveClaim(c.var.config.database, staffActor(c), c.var.assembly.id, claimId(c), amount),
    done: () => c.redirect(expensesHref(c, 'approved'), 303),
    failed: (failure) => (failure.refusal?.code === 'not_found' ? notFound(c) : showClaimWith(c, failure)),
  });
}

export function rejectSubmit(c: Ctx) {
  return submitForm(c, {
    schema: rejectSchema,
    run: (reason) => rejectClaim(c.var.config.database, staffActor(c), c.var.assembly.id, claimId(c), reason),
    done: () => c.redirect(expensesHref(c, 'rejected'), 303),
    failed: (failure) => (failure.refusal?.code === 'not_found' ? notFound(c) : showClaimWith(c, failure)),
  });
}

export function paidSubmit(c: Ctx) {
  return runAction(c, () => payClaim(c.var.config.database, staffActor(c), c.var.assembly.id, claimId(c)), {
    done: () => c.redirect(expensesHref(c, 'paid'), 303),
    refused: (message, error) =>
      error.code === 'not_found' ? notFound(c) : showClaimWith(c, { values: {}, errors: { _form: message } }),
  });
}

async function showStaffClaimWith(c: Ctx, failure: FormFailure) {
  const form = await staffClaimForm(c.var.config.database.db, c.var.assembly.id, Date.now());
  return staffClaimPage(c, form, failure, receiptLimit(c));
}

export function showStaffNew(c: Ctx) {
  return showStaffClaimWith(c, noFailure);
}

export async function staffClaimSubmit(c: Ctx) {
  return submitFileForm(c, receiptForm(c), {
    schema: staffClaimSchema,
    run: ({ personId, claim }, receipt) =>
      submitClaim(
        c.var.config.database,
        claimFiles(c, receipt),
        staffActor(c),
        c.var.assembly.id,
        personId,
        claim,
      ),
    done: () => c.redirect(expensesHref(c, 'claimed'), 303),
    failed: (failure) => showStaffClaimWith(c, failure),
  });
}

export async function receiptDownload(c: Ctx) {
  const { database, dataDir } = c.var.config;
  const file = await staffReceipt(database.db, dataDir, c.var.assembly.id, claimId(c));
  return file ? keptFileAttachment(c, file) : notFound(c);
}
