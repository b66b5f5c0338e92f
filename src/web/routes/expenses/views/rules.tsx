/** The organisers' form for the rules: the stipend and, per kind of expense, whether and up to what. */
import { type ExpenseRules, expenseKinds, stipendBases } from '../../../../domain/stipends.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import {
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  type FormValues,
  SubmitButton,
  str,
  TextField,
} from '../../../views/forms.tsx';
import { Section } from '../../../views/kit.tsx';
import { formStatus, kronorField } from './parts.tsx';

/** The stored rules as the form shows them. */
export function rulesValues(rules: ExpenseRules, lang: string): FormValues {
  const values: FormValues = {
    stipend_basis: rules.stipendBasis,
    stipend_amount: rules.stipendBasis === 'none' ? '' : kronorField(lang, rules.stipendOre),
  };
  for (const kind of expenseKinds) {
    const limit = rules.limits[kind];
    values[`reimburse_${kind}`] = limit === null ? '' : 'yes';
    values[`limit_${kind}`] = kronorField(lang, limit);
  }
  return values;
}

function labelsOf(c: Ctx): Record<string, string> {
  const t = c.var.t;
  return {
    stipend_basis: t('expenses.stipend_basis'),
    stipend_amount: t('expenses.stipend_amount'),
    ...Object.fromEntries(
      expenseKinds.flatMap((k) => [
        [`reimburse_${k}`, t(`expenses.kind_${k}`)],
        [`limit_${k}`, t('expenses.limit_of', { kind: t(`expenses.kind_${k}`) })],
      ]),
    ),
  };
}

function KindFields(props: { c: Ctx; form: FormFailure; labels: Record<string, string> }) {
  const { c, form, labels } = props;
  const t = c.var.t;
  return (
    <>
      {expenseKinds.map((kind) => (
        <div class="field-group">
          <ChoiceGroup
            name={`reimburse_${kind}`}
            legend={labels[`reimburse_${kind}`]}
            type="checkbox"
            options={[{ value: 'yes', label: t('expenses.reimbursed') }]}
            checked={str(form.values, `reimburse_${kind}`) === 'yes' ? ['yes'] : []}
          />
          <TextField
            name={`limit_${kind}`}
            label={labels[`limit_${kind}`]}
            hint={t('expenses.hint_limit')}
            value={str(form.values, `limit_${kind}`)}
            error={form.errors[`limit_${kind}`]}
          />
        </div>
      ))}
    </>
  );
}

export function rulesPage(c: Ctx, form: FormFailure) {
  const t = c.var.t;
  const labels = labelsOf(c);
  return renderAssemblyPage(
    c,
    'expenses',
    t('expenses.rules_title'),
    <Section id="expense-rules" title={t('expenses.rules_title')} lead={t('expenses.rules_lead')}>
      <p>
        <a href={`/a/${c.var.assembly.id}/expenses`}>{t('expenses.back')}</a>
      </p>
      <form method="post" action={`/a/${c.var.assembly.id}/expenses/rules`} class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} />
        <ChoiceGroup
          name="stipend_basis"
          legend={labels.stipend_basis}
          type="radio"
          options={stipendBases.map((b) => ({ value: b, label: t(`expenses.basis_${b}`) }))}
          checked={[str(form.values, 'stipend_basis')]}
          error={form.errors.stipend_basis}
        />
        <TextField
          name="stipend_amount"
          label={labels.stipend_amount}
          hint={t('expenses.hint_stipend_amount')}
          value={str(form.values, 'stipend_amount')}
          error={form.errors.stipend_amount}
        />
        <h3>{t('expenses.kinds_heading')}</h3>
        <KindFields c={c} form={form} labels={labels} />
        <SubmitButton label={t('expenses.rules_save')} />
      </form>
    </Section>,
    { status: formStatus(form) },
  );
}
