/**
 * The experts' pages: the list, the form for a new expert, and an expert with the form. Declared
 * interests are shown to everyone who reads the page; the e-mail address only to those who edit.
 */
import { expertFieldLimits } from '../../../domain/field-limits.ts';
import { can } from '../../../domain/roles.ts';
import type { Expert, PresentedAt } from '../../../queries/evidence.ts';
import type { Ctx } from '../../env.ts';
import type { FormFailure } from '../../form.ts';
import { renderAssemblyPage } from '../../views/assembly-frame.tsx';
import {
  ButtonLink,
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  type FormValues,
  PostButton,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../../views/forms.tsx';
import { DataTable, Section } from '../../views/kit.tsx';
import { PresentedAtSection } from '../../views/presented-at.tsx';
import { formatNumber } from '../../views/time.ts';

const fields = ['name', 'organisation', 'topic', 'interests', 'email'] as const;

/** An expert as the form shows her. */
export function valuesOf(expert: Expert): FormValues {
  return {
    name: expert.name,
    organisation: expert.organisation,
    topic: expert.topic,
    interests: expert.interests,
    none_declared: expert.none_declared ? 'yes' : undefined,
    email: expert.email ?? '',
  };
}

function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/experts`;
}

function interestsOf(c: Ctx, expert: Expert) {
  return expert.none_declared ? c.var.t('experts.none_declared_shown') : expert.interests;
}

function ExpertTable(props: { c: Ctx; experts: Expert[] }) {
  const { c } = props;
  const t = c.var.t;
  const contacts = can(c.var.role, 'evidence:edit');
  return (
    <DataTable
      caption={t('experts.caption')}
      captionHidden
      rows={props.experts}
      empty={t('experts.empty')}
      columns={[
        {
          header: t('experts.name'),
          rowHeader: true,
          cell: (e) => <a href={`${base(c)}/${e.id}`}>{e.name}</a>,
        },
        { header: t('experts.organisation'), cell: (e) => e.organisation || '–' },
        { header: t('experts.topic'), cell: (e) => e.topic || '–' },
        { header: t('experts.interests'), cell: (e) => <span class="prewrap">{interestsOf(c, e)}</span> },
        ...(contacts ? [{ header: t('experts.email'), cell: (e: Expert) => e.email ?? '–' }] : []),
      ]}
    />
  );
}

export function expertListPage(c: Ctx, experts: Expert[], notice: string | null) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'experts',
    t('experts.title'),
    <>
      <p>{t('experts.lead')}</p>
      {can(c.var.role, 'evidence:edit') ? (
        <ButtonLink href={`${base(c)}/new`}>{t('experts.add')}</ButtonLink>
      ) : null}
      <Section id="experts-list" title={t('experts.list_title')}>
        <ExpertTable c={c} experts={experts} />
      </Section>
    </>,
    { notice },
  );
}

/** The fields of an expert, filled with what was typed (or stored) and their errors. */
function ExpertForm(props: { c: Ctx; action: string; submit: string; form: FormFailure }) {
  const { c, form } = props;
  const t = c.var.t;
  const v = (name: string) => str(form.values, name);
  const labels = Object.fromEntries(fields.map((f) => [f, t(`experts.${f}`)]));
  return (
    <form method="post" action={props.action} class="stack" novalidate>
      <Csrf c={c} />
      <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} />
      <TextField name="name" label={labels.name} value={v('name')} error={form.errors.name} required />
      <TextField
        name="organisation"
        label={labels.organisation}
        value={v('organisation')}
        error={form.errors.organisation}
      />
      <TextField name="topic" label={labels.topic} value={v('topic')} error={form.errors.topic} />
      <TextArea
        name="interests"
        label={labels.interests}
        value={v('interests')}
        error={form.errors.interests}
        hint={t('experts.hint_interests', { max: formatNumber(c, expertFieldLimits.interests) })}
        rows={4}
      />
      <ChoiceGroup
        name="none_declared"
        legend={t('experts.none_declared_legend')}
        type="checkbox"
        options={[{ value: 'yes', label: t('experts.none_declared') }]}
        checked={v('none_declared') === 'yes' ? ['yes'] : []}
      />
      <TextField
        name="email"
        type="email"
        label={labels.email}
        value={v('email')}
        error={form.errors.email}
        hint={t('experts.hint_email')}
      />
      <SubmitButton label={props.submit} />
    </form>
  );
}

function status(form: FormFailure) {
  return Object.keys(form.errors).length > 0 ? 422 : 200;
}

export function newExpertPage(c: Ctx, form: FormFailure) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'experts',
    t('experts.new_title'),
    <Section id="experts-new" title={t('experts.new_title')}>
      <ExpertForm c={c} action={base(c)} submit={t('experts.create')} form={form} />
    </Section>,
    { status: status(form) },
  );
}

/** What a reader sees of an expert: no e-mail address. */
function ExpertFacts(props: { c: Ctx; expert: Expert }) {
  const { c, expert } = props;
  const t = c.var.t;
  return (
    <dl class="facts">
      <dt>{t('experts.organisation')}</dt>
      <dd>{expert.organisation || '–'}</dd>
      <dt>{t('experts.topic')}</dt>
      <dd>{expert.topic || '–'}</dd>
      <dt>{t('experts.interests')}</dt>
      <dd class="prewrap">{interestsOf(c, expert)}</dd>
    </dl>
  );
}

export function expertPage(c: Ctx, expert: Expert, form: FormFailure, presentedAt?: PresentedAt[]) {
  const t = c.var.t;
  const href = `${base(c)}/${expert.id}`;
  return renderAssemblyPage(
    c,
    'experts',
    expert.name,
    <>
      <p>
        <a href={base(c)}>{t('experts.back')}</a>
      </p>
      {can(c.var.role, 'evidence:edit') ? (
        <Section id="experts-edit" title={t('experts.edit_title', { name: expert.name })}>
          <ExpertForm c={c} action={href} submit={t('experts.save')} form={form} />
          <PostButton c={c} action={`${href}/delete`} label={t('experts.delete')} />
        </Section>
      ) : (
        <Section id="experts-item" title={expert.name}>
          <ExpertFacts c={c} expert={expert} />
        </Section>
      )}
      {presentedAt ? <PresentedAtSection c={c} sessions={presentedAt} /> : null}
    </>,
    { status: status(form) },
  );
}
