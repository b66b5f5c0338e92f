/**
 * A recommendation's minority statements on the staff page: each text with its author, how many
 * sign it and who (names only for those who may see names), whether a signature was recorded by
 * staff; and for the group's facilitator or an organiser, the forms to write one for a member, to
 * add or remove a signature on a member's behalf (a signature on paper), and to withdraw one.
 */
import { recommendationFieldLimits as limits } from '../../../../domain/field-limits.ts';
import { takesStatements } from '../../../../domain/recommendations.ts';
import { can } from '../../../../domain/roles.ts';
import type { MinorityStatement, RecommendationView } from '../../../../queries/recommendations.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import {
  Csrf,
  ErrorSummary,
  PostButton,
  SelectField,
  SubmitButton,
  str,
  TextArea,
} from '../../../views/forms.tsx';
import { EmptyState, Section } from '../../../views/kit.tsx';
import { formatDate, formatNumber } from '../../../views/time.ts';
import { base, Paragraphs } from './parts.tsx';

/** A member as this viewer may see her: by name with `people:names`, else by her reference. */
function who(c: Ctx, person: { name: string | null; reference: string | null }): string {
  const name = can(c.var.role, 'people:names') ? person.name : null;
  return name ?? person.reference ?? c.var.t('recommendations.proposer_unknown');
}

function statementHref(c: Ctx, view: RecommendationView, s: MinorityStatement) {
  return `${base(c)}/${view.recommendation.id}/statements/${s.id}`;
}

function Signatures(props: {
  c: Ctx;
  view: RecommendationView;
  statement: MinorityStatement;
  open: boolean;
}) {
  const { c, view, statement: s } = props;
  const t = c.var.t;
  return (
    <ul class="signatures">
      {s.signatures.map((g) => (
        <li>
          {who(c, g)}
          {g.recordedBy ? ` (${t('recommendations.statement_signed_by_staff')})` : ''}
          {props.open && view.mayChange && g.personId !== s.person_id ? (
            <form method="post" action={`${statementHref(c, view, s)}/signatures/remove`} class="inline">
              <Csrf c={c} />
              <button type="submit" class="link" name="person" value={g.personId}>
                {t('recommendations.statement_unsign_for', { name: who(c, g) })}
              </button>
            </form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function SignFor(props: { c: Ctx; view: RecommendationView; statement: MinorityStatement }) {
  const { c, view, statement: s } = props;
  const t = c.var.t;
  const signed = new Set(s.signatures.map((g) => g.personId));
  const unsigned = view.panel.filter((m) => !signed.has(m.id));
  if (unsigned.length === 0) return null;
  // One of these per statement on the page: each select has an id of its own for its label.
  const id = `sign-for-${s.id}`;
  return (
    <form method="post" action={`${statementHref(c, view, s)}/signatures`} class="stack">
      <Csrf c={c} />
      <div class="field">
        <label for={id}>{t('recommendations.statement_sign_for')}</label>
        <select id={id} name="person">
          <option value="">{t('recommendations.person_choose')}</option>
          {unsigned.map((m) => (
            <option value={m.id}>{m.name}</option>
          ))}
        </select>
      </div>
      <SubmitButton label={t('recommendations.statement_sign_for_button')} secondary />
    </form>
  );
}

function StatementItem(props: {
  c: Ctx;
  view: RecommendationView;
  statement: MinorityStatement;
  index: number;
}) {
  const { c, view, statement: s } = props;
  const t = c.var.t;
  const open = !s.withdrawn_at && takesStatements(view.recommendation.status);
  const author = who(c, { name: s.authorName, reference: s.authorReference });
  return (
    <li id={`statement-${s.id}`}>
      <h3>
        {t('recommendations.statement_heading', { number: formatNumber(c, props.index + 1) })}
        {s.withdrawn_at ? (
          <>
            {' '}
            <span class="status">{t('recommendations.statement_withdrawn')}</span>
          </>
        ) : null}
      </h3>
      <p>
        {t(s.written_by ? 'recommendations.statement_by_for' : 'recommendations.statement_by', {
          name: author,
          date: formatDate(c, s.created_at),
        })}
      </p>
      <div class="statement-text">
        <Paragraphs text={s.text} />
      </div>
      <p>{t('recommendations.statement_signatures', { count: s.signatures.length })}</p>
      <Signatures c={c} view={view} statement={s} open={open} />
      {open && view.mayChange ? (
        <>
          <SignFor c={c} view={view} statement={s} />
          <PostButton
            c={c}
            action={`${statementHref(c, view, s)}/withdraw`}
            label={t('recommendations.statement_withdraw_for', { name: author })}
          />
        </>
      ) : null}
    </li>
  );
}

function WriteFor(props: { c: Ctx; view: RecommendationView; form: FormFailure }) {
  const { c, view, form } = props;
  const t = c.var.t;
  const labels = {
    person: t('recommendations.statement_author_label'),
    text: t('recommendations.statement_text_label'),
  };
  return (
    <form method="post" action={`${base(c)}/${view.recommendation.id}/statements`} class="stack" novalidate>
      <Csrf c={c} />
      {/* The amendment form on the same page has a person field too: these ids carry a prefix. */}
      <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} idPrefix="statement-" />
      <SelectField
        name="person"
        id="statement-person"
        label={labels.person}
        options={view.panel.map((m) => ({ value: m.id, label: m.name }))}
        empty={t('recommendations.person_choose')}
        value={str(form.values, 'person')}
        error={form.errors.person}
      />
      <TextArea
        name="text"
        id="statement-text"
        label={labels.text}
        hint={t('recommendations.body_hint', { max: formatNumber(c, limits.statement) })}
        value={str(form.values, 'text')}
        error={form.errors.text}
        rows={8}
      />
      <SubmitButton label={t('recommendations.statement_write')} />
    </form>
  );
}

export function Statements(props: { c: Ctx; view: RecommendationView; form: FormFailure }) {
  const { c, view } = props;
  const t = c.var.t;
  const open = takesStatements(view.recommendation.status);
  return (
    <Section
      id="statements"
      title={t('recommendations.statements_title')}
      lead={t('recommendations.statements_lead')}
    >
      {view.statements.length === 0 ? (
        <EmptyState>{t('recommendations.statements_empty')}</EmptyState>
      ) : (
        <ol class="amendments">
          {view.statements.map((s, index) => (
            <StatementItem c={c} view={view} statement={s} index={index} />
          ))}
        </ol>
      )}
      {open && view.mayChange ? (
        <Section id="write-statement" level={3} title={t('recommendations.statement_write_title')}>
          <WriteFor c={c} view={view} form={props.form} />
        </Section>
      ) : null}
    </Section>
  );
}
