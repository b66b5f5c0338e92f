/** What the expense pages share: money as kronor, a claim's status, the fields of a claim form. */
import { labelIn } from '../../../../domain/questions.ts';
import { type ClaimStatus, type ExpenseRules, expenseKinds } from '../../../../domain/stipends.ts';
import { pdfOrImageAccept } from '../../../../domain/uploaded-files.ts';
import type { AssemblySession } from '../../../../repositories/sessions.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { SelectField, str, TextArea, TextField } from '../../../views/forms.tsx';
import { formatDay, formatNumber, numberFormat } from '../../../views/time.ts';

/** Öre as the page shows kronor: "1 234,50 kr". */
export function kr(c: Ctx, ore: number): string {
  return c.var.t('expenses.kronor', { amount: numberFormat(c, 2, 2).format(ore / 100) });
}

/** Öre as a form field shows kronor: "1234,50" in Swedish, "1234.50" in English, no grouping. */
export function kronorField(lang: string, ore: number | null): string {
  if (ore === null) return '';
  const text = (ore / 100).toFixed(2);
  return lang === 'sv' ? text.replace('.', ',') : text;
}

export function StatusTag(props: { c: Ctx; status: ClaimStatus }) {
  return (
    <span class={`status status-${props.status}`}>{props.c.var.t(`expenses.status_${props.status}`)}</span>
  );
}

/** A session as a claim names it: its day and title. */
export function sessionLabel(c: Ctx, session: AssemblySession | null): string {
  if (!session) return c.var.t('expenses.session_gone');
  return c.var.t('expenses.session_label', {
    day: formatDay(c, session.startsAt),
    title: labelIn(session.title, c.var.lang),
  });
}

/** The field names of a claim form, labelled as its fields are (for the error summary). */
export function claimLabels(c: Ctx): Record<string, string> {
  const t = c.var.t;
  return {
    person_id: t('expenses.person'),
    session_id: t('expenses.session'),
    kind: t('expenses.kind'),
    amount: t('expenses.amount'),
    description: t('expenses.description'),
    receipt: t('expenses.receipt'),
  };
}

/** The kinds the assembly reimburses, each with its limit, as choices. */
function kindOptions(c: Ctx, rules: ExpenseRules) {
  return expenseKinds.flatMap((kind) => {
    const limit = rules.limits[kind];
    if (limit === null) return [];
    return [
      {
        value: kind,
        label: c.var.t('expenses.kind_with_limit', {
          kind: c.var.t(`expenses.kind_${kind}`),
          limit: kr(c, limit),
        }),
      },
    ];
  });
}

/** The receipt input, tied to its hint and error; on a refused form the file must be chosen again. */
function ReceiptField(props: { c: Ctx; error?: string; maxBytes: number }) {
  const t = props.c.var.t;
  const { error } = props;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for="receipt">{t('expenses.receipt')}</label>
      <p class="hint" id="receipt-hint">
        {t('expenses.hint_receipt', { mb: formatNumber(props.c, props.maxBytes / 1_000_000, 1) })}
      </p>
      {error ? (
        <p class="field-error" id="receipt-error">
          {error}
        </p>
      ) : null}
      <input
        type="file"
        id="receipt"
        name="receipt"
        accept={pdfOrImageAccept}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'receipt-hint receipt-error' : 'receipt-hint'}
      />
    </div>
  );
}

/** Session, kind, amount, description and receipt, filled with what was typed and their errors. */
export function ClaimFields(props: {
  c: Ctx;
  form: FormFailure;
  rules: ExpenseRules;
  sessions: readonly AssemblySession[];
  maxBytes: number;
}) {
  const { c, form } = props;
  const t = c.var.t;
  const labels = claimLabels(c);
  const v = (name: string) => str(form.values, name);
  return (
    <>
      <SelectField
        name="session_id"
        label={labels.session_id}
        hint={t('expenses.hint_session')}
        empty={t('expenses.choose')}
        options={props.sessions.map((s) => ({ value: s.id, label: sessionLabel(c, s) }))}
        value={v('session_id')}
        error={form.errors.session_id}
      />
      <SelectField
        name="kind"
        label={labels.kind}
        empty={t('expenses.choose')}
        options={kindOptions(c, props.rules)}
        value={v('kind')}
        error={form.errors.kind}
      />
      <TextField
        name="amount"
        label={labels.amount}
        hint={t('expenses.hint_amount')}
        inputmode="text"
        autocomplete="off"
        value={v('amount')}
        error={form.errors.amount}
      />
      <TextArea
        name="description"
        label={labels.description}
        hint={t('expenses.hint_description')}
        rows={3}
        value={v('description')}
        error={form.errors.description}
      />
      <ReceiptField c={c} error={form.errors.receipt} maxBytes={props.maxBytes} />
    </>
  );
}

/** 422 for a refused form, so that a test or a script sees the refusal; 200 otherwise. */
export function formStatus(form: FormFailure) {
  return Object.keys(form.errors).length > 0 ? 422 : 200;
}
