/** An assembly's team: who holds which role, taking someone off, and adding someone by e-mail. */
import type { AssemblyTeam, TeamMember } from '../../../../queries/assemblies.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostButton,
  SelectField,
  SubmitButton,
  str,
  TextField,
} from '../../../views/forms.tsx';
import { type Column, DataTable } from '../../../views/kit.tsx';

function RemoveButton(props: { c: Ctx; member: TeamMember }) {
  const { c, member } = props;
  return (
    <PostButton
      c={c}
      action={`/a/${c.var.assembly.id}/team/${member.id}/remove`}
      label={c.var.t('team.remove', { name: member.displayName })}
    />
  );
}

function TeamTable(props: { c: Ctx; members: readonly TeamMember[] }) {
  const { c } = props;
  const t = c.var.t;
  const columns: Column<TeamMember>[] = [
    { header: t('team.name'), cell: (m) => m.displayName, rowHeader: true },
    { header: t('team.email'), cell: (m) => m.email },
    { header: t('team.role'), cell: (m) => t(`role.${m.role}`) },
    // Only members whose rights the viewer holds too can be removed by them.
    { header: t('team.actions'), cell: (m) => (m.removable ? <RemoveButton c={c} member={m} /> : null) },
  ];
  return <DataTable columns={columns} rows={props.members} empty={t('team.empty')} />;
}

function AddForm(props: { c: Ctx; team: AssemblyTeam; values: FormValues; errors: FieldErrors }) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <form method="post" action={`/a/${c.var.assembly.id}/team`} class="stack narrow" novalidate>
      <Csrf c={c} />
      <ErrorSummary
        title={t('errors.summary')}
        errors={errors}
        labels={{ email: t('team.email'), role: t('team.role') }}
      />
      <TextField
        name="email"
        type="email"
        label={t('team.email')}
        hint={t('team.email_hint')}
        value={str(values, 'email')}
        error={errors.email}
        autocomplete="off"
        required
      />
      <SelectField
        name="role"
        label={t('team.role')}
        value={str(values, 'role') || 'organiser'}
        error={errors.role}
        options={props.team.grantableRoles.map((r) => ({
          value: r,
          label: `${t(`role.${r}`)}: ${t(`team.role_${r}`)}`,
        }))}
      />
      <SubmitButton label={t('team.add')} />
    </form>
  );
}

export function teamPage(
  c: Ctx,
  team: AssemblyTeam,
  form: { values?: FormValues; errors?: FieldErrors; notice?: string | null } = {},
) {
  const t = c.var.t;
  const errors = form.errors ?? {};
  return renderAssemblyPage(
    c,
    'team',
    t('team.title'),
    <>
      <p>{t('team.lead')}</p>
      <TeamTable c={c} members={team.members} />
      <h2>{t('team.add_title')}</h2>
      <AddForm c={c} team={team} values={form.values ?? {}} errors={errors} />
    </>,
    { notice: form.notice ?? null, status: Object.keys(errors).length > 0 ? 422 : 200 },
  );
}
