/** Administration: staff accounts (create, reset password, turn off two-step login) and the whole audit log. */
import { createAccount, disableTotp, resetPassword } from '../../../commands/accounts.ts';
import { listAccounts } from '../../../repositories/accounts.ts';
import { listAudit } from '../../../repositories/audit.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { runAction, submitForm } from '../../form.ts';
import { mailLinkBase } from '../../mail-delivery.ts';
import { pageNumber } from '../../validation.ts';
import { errorPage } from '../../views/errors.tsx';
import type { FieldErrors, FormValues } from '../../views/forms.tsx';
import { newAccountSchema } from './schema.ts';
import { accountsPage, auditLogPage, type Handover } from './views.tsx';

const auditPageSize = 100;

async function showAccountsPage(
  c: Ctx,
  form: { values?: FormValues; errors?: FieldErrors; handover?: Handover } = {},
) {
  const accounts = await listAccounts(c.var.config.database.db);
  return accountsPage(c, { accounts, ...form });
}

export function showAccounts(c: Ctx) {
  return showAccountsPage(c);
}

export function submitNewAccount(c: Ctx) {
  return submitForm(c, {
    schema: newAccountSchema,
    run: (form) =>
      createAccount(
        c.var.config.database,
        staffActor(c),
        {
          email: form.email,
          displayName: form.display_name,
          isAdmin: form.is_admin === '1',
          language: form.language,
        },
        { linkBase: mailLinkBase(c) },
      ),
    // The new account's one-time password is shown on this answer only, never kept for a redirect.
    done: (created) =>
      showAccountsPage(c, { handover: { email: created.email, password: created.temporaryPassword } }),
    failed: ({ values, errors }) => showAccountsPage(c, { values, errors }),
  });
}

export function submitReset(c: Ctx) {
  const run = () =>
    resetPassword(
      c.var.config.database,
      staffActor(c),
      c.req.param('accountId') ?? '',
      c.var.auth!.login.id,
      {
        linkBase: mailLinkBase(c),
      },
    );
  return runAction(c, run, {
    done: (reset) =>
      showAccountsPage(c, { handover: { email: reset.email, password: reset.temporaryPassword } }),
    refused: (message, error) =>
      error.code === 'not_found' ? c.redirect('/admin/accounts', 303) : errorPage(c, 403, message),
  });
}

export function submitDisableTotp(c: Ctx) {
  const run = () =>
    disableTotp(c.var.config.database, staffActor(c), c.req.param('accountId') ?? '', c.var.auth!.login.id);
  return runAction(c, run, {
    done: () => c.redirect('/admin/accounts', 303),
    refused: (message, error) => errorPage(c, error.code === 'not_found' ? 404 : 403, message),
  });
}

export async function showAuditLog(c: Ctx) {
  const page = pageNumber(c.req.query('page'));
  const events = await listAudit(c.var.config.database.db, {
    limit: auditPageSize,
    offset: (page - 1) * auditPageSize,
  });
  return auditLogPage(c, { events, pageNumber: page });
}
