/** An organiser's claim on a member's behalf (she has no phone, or brought a paper receipt). */
import type { ExpenseRules } from '../../../../domain/stipends.ts';
import type { Claimant } from '../../../../queries/expenses.ts';
import type { AssemblySession } from '../../../../repositories/sessions.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { Csrf, ErrorSummary, SelectField, SubmitButton, str } from '../../../views/forms.tsx';
import { Section } from '../../../views/kit.tsx';
import { ClaimFields, claimLabels, formStatus } from './parts.tsx';

export function staffClaimPage(
  c: Ctx,
  data: { rules: ExpenseRules; members: Claimant[]; sessions: AssemblySession[] },
  form: FormFailure,
  maxBytes: number,
) {
  const t = c.var.t;
  const labels = claimLabels(c);
  const base = `/a/${c.var.assembly.id}/expenses`;
  return renderAssemblyPage(
    c,
    'expenses',
    t('expenses.staff_claim_title'),
    <Section id="expense-new" title={t('expenses.staff_claim_title')} lead={t('expenses.staff_claim_lead')}>
      <p>
        <a href={base}>{t('expenses.back')}</a>
      </p>
      <form method="post" action={`${base}/claims`} class="stack" enctype="multipart/form-data" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} />
        <SelectField
          name="person_id"
          label={labels.person_id}
          empty={t('expenses.choose')}
          options={data.members.map((m) => ({
            value: m.id,
            label: m.name ? `${m.reference} ${m.name}` : m.reference,
          }))}
          value={str(form.values, 'person_id')}
          error={form.errors.person_id}
        />
        <ClaimFields c={c} form={form} rules={data.rules} sessions={data.sessions} maxBytes={maxBytes} />
        <SubmitButton label={t('expenses.staff_claim_send')} />
      </form>
    </Section>,
    { status: formStatus(form) },
  );
}
