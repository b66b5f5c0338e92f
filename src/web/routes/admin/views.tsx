/** Administration: the staff accounts with their buttons, the form for a new one, and the whole audit log. */
import type { Account } from '../../../db/schema.ts';
import { languages } from '../../../i18n/i18n.ts';
import type { AuditPage } from '../../../repositories/audit.ts';
import type { Ctx } from '../../env.ts';
import { AuditTable } from '../../views/audit-table.tsx';
import {
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostButton,
  SelectField,
  SubmitButton,
  str,
  TextField,
} from '../../views/forms.tsx';
import { type Column, DataTable, Section } from '../../views/kit.tsx';
import { render } from '../../views/layout.tsx';

type StaffAccount = Pick<Account, 'id' | 'display_name' | 'email' | 'is_admin' | 'totp_enabled'>;

/** A password to hand over once, or, with e-mail on, word that a link went out instead. */
export interface Handover {
  email: string;
  password: string | null;
}

export function accountsPage(
  c: Ctx,
  props: { accounts: StaffAccount[]; values?: FormValues; errors?: FieldErrors; handover?: Handover },
) {
  const t = c.var.t;
  const errors = props.errors ?? {};
  return render(
    c,
    { title: t('admin.accounts_title') },
    <>
      <h1>{t('admin.accounts_title')}</h1>
      {props.handover ? <HandoverNotice c={c} handover={props.handover} /> : null}
      <DataTable columns={accountColumns(c)} rows={props.accounts} />
      <Section id="new-account" title={t('admin.create_title')}>
        <NewAccountForm c={c} values={props.values ?? {}} errors={errors} />
      </Section>
    </>,
    Object.keys(errors).length > 0 ? 422 : 200,
  );
}

function HandoverNotice(props: { c: Ctx; handover: Handover }) {
  const t = props.c.var.t;
  const { email, password } = props.handover;
  if (password === null)
    return (
      <div class="notice" role="status">
        <p>{t('outbox.link_mailed', { email })}</p>
      </div>
    );
  return (
    <div class="notice" role="status">
      <p>{t('admin.handover', { email })}</p>
      <p>
        <code class="secret">{password}</code>
      </p>
      <p>{t('admin.handover_once')}</p>
    </div>
  );
}

function accountColumns(c: Ctx): Column<StaffAccount>[] {
  const t = c.var.t;
  return [
    { header: t('team.name'), cell: (a) => a.display_name, rowHeader: true },
    { header: t('auth.email'), cell: (a) => a.email },
    { header: t('admin.administrator'), cell: (a) => (a.is_admin ? t('admin.yes') : t('admin.no')) },
    {
      header: t('account.totp'),
      cell: (a) => (a.totp_enabled ? t('account.totp_on') : t('account.totp_off')),
    },
    { header: t('team.actions'), cell: (a) => <AccountButtons c={c} account={a} />, cellClass: 'actions' },
  ];
}

function AccountButtons(props: { c: Ctx; account: StaffAccount }) {
  const t = props.c.var.t;
  const a = props.account;
  return (
    <>
      <PostButton
        c={props.c}
        action={`/admin/accounts/${a.id}/reset`}
        label={t('admin.reset', { name: a.display_name })}
      />
      {a.totp_enabled ? (
        <PostButton
          c={props.c}
          action={`/admin/accounts/${a.id}/disable-totp`}
          label={t('admin.disable_totp', { name: a.display_name })}
        />
      ) : null}
    </>
  );
}

function NewAccountForm(props: { c: Ctx; values: FormValues; errors: FieldErrors }) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
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
  );
}

export function auditLogPage(c: Ctx, props: { events: AuditPage; pageNumber: number }) {
  const t = c.var.t;
  return render(
    c,
    { title: t('audit.title') },
    <>
      <h1>{t('audit.title')}</h1>
      <AuditTable c={c} page={props.events} pageNumber={props.pageNumber} basePath="/admin/audit" />
    </>,
  );
}
