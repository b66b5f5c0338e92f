/** Administration: staff accounts (create, reset password, turn off two-step login) and the whole audit log. */
import { z } from 'zod';
import { createAccount, disableTotp, maxEmailLength, resetPassword } from '../../commands/accounts.ts';
import { CommandError } from '../../commands/command.ts';
import { hasControlCharacters } from '../../domain/field-limits.ts';
import { languages } from '../../i18n/i18n.ts';
import { findAccount, listAccounts } from '../../repositories/accounts.ts';
import { listAudit } from '../../repositories/audit.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { mailLinkBase } from '../mail-delivery.ts';
import { adminAccess, type Route } from '../routing.ts';
import { fieldErrors, pageNumber, textFields } from '../validation.ts';
import { AuditTable } from '../views/audit-table.tsx';
import { errorPage } from '../views/errors.tsx';
import {
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  SubmitButton,
  str,
  TextField,
} from '../views/forms.tsx';
import { render } from '../views/layout.tsx';

async function accountsPage(
  c: Ctx,
  values: FormValues = {},
  errors: FieldErrors = {},
  handover: { email: string; password: string | null } | null = null,
) {
  const t = c.var.t;
  const accounts = await listAccounts(c.var.config.database.db);
  return render(
    c,
    { title: t('admin.accounts_title') },
    <>
      <h1>{t('admin.accounts_title')}</h1>
      {handover && handover.password === null ? (
        <div class="notice" role="status">
          <p>{t('outbox.link_mailed', { email: handover.email })}</p>
        </div>
      ) : handover ? (
        <div class="notice" role="status">
          <p>{t('admin.handover', { email: handover.email })}</p>
          <p>
            <code class="secret">{handover.password}</code>
          </p>
          <p>{t('admin.handover_once')}</p>
        </div>
      ) : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('team.name')}</th>
              <th scope="col">{t('auth.email')}</th>
              <th scope="col">{t('admin.administrator')}</th>
              <th scope="col">{t('account.totp')}</th>
              <th scope="col">{t('team.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr>
                <th scope="row">{a.display_name}</th>
                <td>{a.email}</td>
                <td>{a.is_admin ? t('admin.yes') : t('admin.no')}</td>
                <td>{a.totp_enabled ? t('account.totp_on') : t('account.totp_off')}</td>
                <td class="actions">
                  <form method="post" action={`/admin/accounts/${a.id}/reset`} class="inline">
                    <Csrf c={c} />
                    <button type="submit" class="button secondary">
                      {t('admin.reset', { name: a.display_name })}
                    </button>
                  </form>
                  {a.totp_enabled ? (
                    <form method="post" action={`/admin/accounts/${a.id}/disable-totp`} class="inline">
                      <Csrf c={c} />
                      <button type="submit" class="button secondary">
                        {t('admin.disable_totp', { name: a.display_name })}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('admin.create_title')}</h2>
      <form method="post" action="/admin/accounts" class="stack narrow" novalidate>
        <Csrf c={c} />
        <ErrorSummary
          title={t('errors.summary')}
          errors={errors}
          labels={{ display_name: t('team.name'), email: t('auth.email'), language: t('admin.language') }}
        />
        <TextField
          name="display_name"
          label={t('team.name')}
          value={str(values, 'display_name')}
          error={errors.display_name}
          autocomplete="off"
          required
        />
        <TextField
          name="email"
          type="email"
          label={t('auth.email')}
          value={str(values, 'email')}
          error={errors.email}
          autocomplete="off"
          required
        />
        <SelectField
          name="language"
          label={t('admin.language')}
          value={str(values, 'language') || c.var.lang}
          options={languages.map((l) => ({ value: l, label: t(`assembly.language_${l}`) }))}
        />
        <ChoiceGroup
          name="is_admin"
          legend={t('admin.administrator')}
          type="checkbox"
          options={[{ value: '1', label: t('admin.make_admin') }]}
          checked={str(values, 'is_admin') === '1' ? ['1'] : []}
        />
        <SubmitButton label={t('admin.create')} />
      </form>
    </>,
    Object.keys(errors).length > 0 ? 422 : 200,
  );
}

const accountSchema = z.object({
  display_name: z
    .string()
    .trim()
    .min(1, 'required')
    .max(200, 'too_long')
    .refine((v) => !hasControlCharacters(v), 'control_characters'),
  email: z.string().trim().email('email_invalid').max(maxEmailLength, 'too_long'),
  language: z.enum(languages).default('sv'),
  is_admin: z.literal('1').optional(),
});

async function accountsSubmit(c: Ctx) {
  const t = c.var.t;
  const values = textFields(await c.req.parseBody());
  const parsed = accountSchema.safeParse(values);
  if (!parsed.success) return accountsPage(c, values, fieldErrors(parsed.error, t));
  try {
    const created = await createAccount(
      c.var.config.database,
      staffActor(c),
      {
        email: parsed.data.email,
        displayName: parsed.data.display_name,
        isAdmin: parsed.data.is_admin === '1',
        language: parsed.data.language,
      },
      { linkBase: mailLinkBase(c) },
    );
    return accountsPage(
      c,
      {},
      {},
      { email: parsed.data.email.toLowerCase(), password: created.temporaryPassword },
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return accountsPage(c, values, { [error.field ?? '_form']: t(`errors.${error.code}`, error.params) });
  }
}

async function resetSubmit(c: Ctx) {
  const id = c.req.param('accountId') ?? '';
  const account = await findAccount(c.var.config.database.db, id);
  if (!account) return c.redirect('/admin/accounts', 303);
  const password = await resetPassword(c.var.config.database, staffActor(c), id, c.var.auth!.login.id, {
    linkBase: mailLinkBase(c),
  });
  return accountsPage(c, {}, {}, { email: account.email, password });
}

async function disableTotpSubmit(c: Ctx) {
  try {
    await disableTotp(
      c.var.config.database,
      staffActor(c),
      c.req.param('accountId') ?? '',
      c.var.auth!.login.id,
    );
  } catch (error) {
    if (!(error instanceof CommandError) || error.code !== 'not_found') throw error;
    return errorPage(c, 404, c.var.t('errors.not_found'));
  }
  return c.redirect('/admin/accounts', 303);
}

async function auditPage(c: Ctx) {
  const t = c.var.t;
  const page = pageNumber(c.req.query('page'));
  const events = await listAudit(c.var.config.database.db, { limit: 100, offset: (page - 1) * 100 });
  return render(
    c,
    { title: t('audit.title') },
    <>
      <h1>{t('audit.title')}</h1>
      <AuditTable c={c} page={events} pageNumber={page} basePath="/admin/audit" />
    </>,
  );
}

export const adminRoutes: Route[] = [
  { method: 'GET', path: '/admin/accounts', access: adminAccess, handler: (c) => accountsPage(c) },
  { method: 'POST', path: '/admin/accounts', access: adminAccess, handler: accountsSubmit },
  { method: 'POST', path: '/admin/accounts/:accountId/reset', access: adminAccess, handler: resetSubmit },
  {
    method: 'POST',
    path: '/admin/accounts/:accountId/disable-totp',
    access: adminAccess,
    handler: disableTotpSubmit,
  },
  { method: 'GET', path: '/admin/audit', access: adminAccess, handler: auditPage },
];
