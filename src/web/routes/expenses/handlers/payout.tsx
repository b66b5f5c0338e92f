/**
 * The payout: per member, stipends earned from attendance, approved claims, what has been paid and
 * what is still due, her calendar years against the kontrolluppgift threshold, and the file for
 * payroll or the bank.
 */
import { payStipend } from '../../../../commands/expenses.ts';
import type { Translate } from '../../../../i18n/i18n.ts';
import { type CsvDialect, csvDialectFor, csvFile, fixed } from '../../../../io/csv-writer.ts';
import { type PayoutRow, payout } from '../../../../queries/expenses.ts';
import { staffActor } from '../../../actor.ts';
import type { Ctx } from '../../../env.ts';
import { runAction } from '../../../form.ts';
import { noticeIn } from '../../../validation.ts';
import { errorPage } from '../../../views/errors.tsx';
import { expenseNotices } from '../schema.ts';
import { payoutPage } from '../views/payout.tsx';

function payoutHref(c: Ctx, notice?: string) {
  return `/a/${c.var.assembly.id}/expenses/payout${notice ? `?notice=${notice}` : ''}`;
}

export async function showPayout(c: Ctx) {
  const { rows } = await payout(c.var.config.database.db, c.var.assembly.id);
  return payoutPage(c, rows, noticeIn(c, 'expenses', expenseNotices));
}

/** Kronor with two decimals, in the dialect's decimal sign: payroll and banks read plain numbers. */
const kronor = (ore: number) => fixed(ore / 100, 2);

/**
 * The payout file: one line per member with something due. Stipends are taxable pay and
 * reimbursements are not, so they are separate columns; the total is what to transfer.
 */
export function payoutCsv(t: Translate, rows: readonly PayoutRow[], dialect: CsvDialect): string {
  const header = [
    'reference',
    'name',
    'stipend_due',
    'reimbursement_due',
    'total_due',
    'stipend_earned',
    'stipend_paid',
    'reimbursement_paid',
  ].map((column) => t(`expenses.csv_${column}`));
  const lines = rows
    .filter((r) => r.money.dueOre > 0)
    .map((r) => [
      r.person.reference,
      r.person.name ?? '',
      kronor(r.money.stipendDueOre),
      kronor(r.money.claimsDueOre),
      kronor(r.money.dueOre),
      kronor(r.money.stipendOre),
      kronor(r.money.stipendPaidOre),
      kronor(r.money.claimsPaidOre),
    ]);
  return csvFile(header, lines, dialect);
}

export async function payoutFile(c: Ctx) {
  const { rows } = await payout(c.var.config.database.db, c.var.assembly.id);
  const slug = c.var.assembly.slug.replace(/[^A-Za-z0-9-]/g, '-');
  return c.body(payoutCsv(c.var.t, rows, csvDialectFor(c.var.lang)), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="payout-${slug}.csv"`,
    'Cache-Control': 'no-store',
  });
}

export function stipendPaidSubmit(c: Ctx) {
  const run = () =>
    payStipend(c.var.config.database, staffActor(c), c.var.assembly.id, c.req.param('personId') ?? '');
  return runAction(c, run, {
    done: () => c.redirect(payoutHref(c, 'stipend_paid'), 303),
    refused: (message, error) => errorPage(c, error.code === 'not_found' ? 404 : 409, message),
  });
}
