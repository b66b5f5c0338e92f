/**
 * The shared tablet at a table: the members who may vote there, by name; the one who tapped her name
 * types the code on her name card and taps her choice; then a thanks that names her but never her
 * choice, so the next member sees nothing of it.
 */
import type { TabletMember, TabletView } from '../../../../queries/ballots.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { Csrf, ErrorSummary, str, TextField } from '../../../views/forms.tsx';
import { EmptyState, Section } from '../../../views/kit.tsx';
import { render } from '../../../views/layout.tsx';
import { ChoiceButtons, NoImplicitChoice, SubjectText } from './parts.tsx';

export interface TabletState {
  /** The member who tapped her name, when she did. */
  member: TabletMember | null;
  /** The member who just voted, for the thanks. */
  thanked: TabletMember | null;
  form: FormFailure;
  /** Set when her name has had too many wrong codes: the form is not shown. */
  paused: string | null;
}

function tabletPath(c: Ctx, view: TabletView, query: Record<string, string | number | null> = {}): string {
  const base = `/a/${c.var.assembly.id}/votes/${encodeURIComponent(view.vote.id)}/tablet`;
  const params = new URLSearchParams();
  if (view.table !== null) params.set('table', String(view.table));
  for (const [k, v] of Object.entries(query)) if (v !== null) params.set(k, String(v));
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}

function TableLinks(props: { c: Ctx; view: TabletView }) {
  const { c, view } = props;
  const t = c.var.t;
  if (view.tables === 0) return null;
  const base = `/a/${c.var.assembly.id}/votes/${encodeURIComponent(view.vote.id)}/tablet`;
  return (
    <nav aria-label={t('ballots.tablet_tables')} class="actions">
      <a href={base} aria-current={view.table === null ? 'page' : undefined}>
        {t('ballots.tablet_all_tables')}
      </a>
      {Array.from({ length: view.tables }, (_, i) => (
        <a href={`${base}?table=${i + 1}`} aria-current={view.table === i + 1 ? 'page' : undefined}>
          {t('ballots.tablet_table', { table: i + 1 })}
        </a>
      ))}
    </nav>
  );
}

function Names(props: { c: Ctx; view: TabletView }) {
  const { c, view } = props;
  const t = c.var.t;
  return (
    <Section id="names" title={t('ballots.tablet_names')}>
      <TableLinks c={c} view={view} />
      {view.members.length === 0 ? <EmptyState>{t('ballots.tablet_none')}</EmptyState> : null}
      <ul class="ballot-names">
        {view.members.map((m) => (
          <li>
            <a class="button secondary" href={tabletPath(c, view, { person: m.id })}>
              {m.name}
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function tabletLabels(c: Ctx): Record<string, string> {
  const t = c.var.t;
  return {
    person: t('ballots.tablet_names'),
    code: t('ballots.code_label'),
    choice: t('ballots.choose_heading'),
    reason: t('ballots.reason_label'),
  };
}

function CodeForm(props: { c: Ctx; view: TabletView; member: TabletMember; form: FormFailure }) {
  const { c, view, member, form } = props;
  const labels = tabletLabels(c);
  return (
    <form method="post" action={tabletPath(c, view)} class="stack ballot-form" novalidate>
      <Csrf c={c} />
      <NoImplicitChoice />
      <input type="hidden" name="person" value={member.id} />
      <TextField
        name="code"
        label={labels.code}
        error={form.errors.code}
        inputmode="numeric"
        autocomplete="off"
      />
      <h2>{labels.choice}</h2>
      <ChoiceButtons
        c={c}
        rule={view.vote.options.rule}
        errors={form.errors}
        reason={str(form.values, 'reason')}
      />
    </form>
  );
}

export function tabletPage(c: Ctx, view: TabletView, state: TabletState) {
  const t = c.var.t;
  const status = state.paused ? 429 : Object.keys(state.form.errors).length > 0 ? 422 : 200;
  return render(
    c,
    { title: t('ballots.tablet_title') },
    <>
      <p class="assembly-name">{t('ballots.tablet_title')}</p>
      <h1>{view.vote.question}</h1>
      <ErrorSummary title={t('errors.summary')} errors={state.form.errors} labels={tabletLabels(c)} />
      {state.thanked ? (
        <p class="notice ballot-thanks" role="status">
          {t('ballots.tablet_thanks', { first: state.thanked.first })}
        </p>
      ) : null}
      <SubjectText c={c} subject={view.subject} />
      {view.state !== 'open' ? (
        <p class="notice">{t('ballots.tablet_not_open')}</p>
      ) : state.member ? (
        <>
          <p>
            <strong>{t('ballots.tablet_you', { name: state.member.name })}</strong>
          </p>
          {state.paused ? (
            <p class="notice">{state.paused}</p>
          ) : (
            <CodeForm c={c} view={view} member={state.member} form={state.form} />
          )}
          <p>
            <a href={tabletPath(c, view)}>{t('ballots.tablet_not_you')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('ballots.tablet_lead')}</p>
          <Names c={c} view={view} />
        </>
      )}
    </>,
    status,
  );
}
