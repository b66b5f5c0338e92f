/** The assembly's votes, and the form that sets one up. */
import { can } from '../../../../domain/roles.ts';
import type { VoteFormChoices, VoteListItem } from '../../../../queries/votes.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import {
  ButtonLink,
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  SelectField,
  SubmitButton,
  str,
  TextField,
} from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatNumber, formatTime } from '../../../views/time.ts';
import { voteFieldLimits } from '../schema.ts';
import { base, outcomeText, stateText } from './parts.tsx';

export function listPage(c: Ctx, items: VoteListItem[], notice: string | null) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'votes',
    t('votes.title'),
    <>
      <p>{t('votes.lead')}</p>
      {can(c.var.role, 'votes:run') ? (
        <p class="actions">
          <ButtonLink href={`${base(c)}/new`}>{t('votes.new')}</ButtonLink>
        </p>
      ) : null}
      <DataTable
        caption={t('votes.list_caption')}
        rows={items}
        empty={t('votes.list_empty')}
        columns={[
          {
            header: t('votes.question'),
            rowHeader: true,
            cell: (item: VoteListItem) => <a href={`${base(c)}/${item.vote.id}`}>{item.vote.question}</a>,
          },
          {
            header: t('votes.state'),
            cell: (item) => <span class="status">{stateText(c, item.state)}</span>,
          },
          { header: t('votes.ballots'), numeric: true, cell: (item) => formatNumber(c, item.ballots) },
          {
            header: t('votes.outcome'),
            cell: (item) => (item.result ? outcomeText(c, item.result) : '–'),
          },
          {
            header: t('votes.closes_at'),
            cell: (item) =>
              (item.vote.closedAt ?? item.vote.closesAt)
                ? formatTime(c, item.vote.closedAt ?? item.vote.closesAt ?? '')
                : '–',
          },
        ]}
      />
    </>,
    { notice },
  );
}

function SubjectFields(props: { c: Ctx; choices: VoteFormChoices; form: FormFailure }) {
  const { c, choices, form } = props;
  const t = c.var.t;
  return (
    <fieldset class="stack">
      <legend>{t('votes.subject_legend')}</legend>
      <ChoiceGroup
        name="subject"
        legend={t('votes.subject')}
        type="radio"
        options={['recommendation', 'amendment', 'procedure'].map((v) => ({
          value: v,
          label: t(`votes.subject_${v}`),
        }))}
        checked={[str(form.values, 'subject') || 'recommendation']}
        error={form.errors.subject}
      />
      <SelectField
        name="recommendation"
        label={t('votes.recommendation')}
        empty={t('votes.none_chosen')}
        options={choices.recommendations.map((r) => ({ value: r.id, label: r.title }))}
        value={str(form.values, 'recommendation')}
        error={form.errors.recommendation}
      />
      <SelectField
        name="amendment"
        label={t('votes.amendment')}
        empty={t('votes.none_chosen')}
        hint={t('votes.amendment_hint')}
        options={choices.amendments.map((a) => ({
          value: a.id,
          label: t('votes.amendment_option', {
            title: a.recommendationTitle,
            passage: a.passage.slice(0, 60),
          }),
        }))}
        value={str(form.values, 'amendment')}
        error={form.errors.amendment}
      />
      <TextField
        name="question"
        label={t('votes.question')}
        hint={t('votes.question_hint', { max: voteFieldLimits.question })}
        value={str(form.values, 'question')}
        error={form.errors.question}
      />
    </fieldset>
  );
}

function RuleFields(props: { c: Ctx; form: FormFailure }) {
  const { c, form } = props;
  const t = c.var.t;
  const radio = (name: string, values: string[], fallback: string, legend: string) => (
    <ChoiceGroup
      name={name}
      legend={legend}
      type="radio"
      options={values.map((v) => ({ value: v, label: t(`votes.${name}_${v}_option`) }))}
      checked={[str(form.values, name) || fallback]}
      error={form.errors[name]}
    />
  );
  return (
    <fieldset class="stack">
      <legend>{t('votes.rule_legend')}</legend>
      {radio('rule', ['majority', 'supermajority', 'consent', 'gradient'], 'majority', t('votes.rule'))}
      <TextField
        name="share"
        label={t('votes.share')}
        hint={t('votes.share_hint')}
        value={str(form.values, 'share')}
        error={form.errors.share}
      />
      {radio('base', ['cast', 'present'], 'cast', t('votes.base'))}
      {radio('scale', ['5', '8'], '5', t('votes.scale'))}
      <TextField
        name="level"
        label={t('votes.level')}
        hint={t('votes.level_hint')}
        inputmode="numeric"
        value={str(form.values, 'level')}
        error={form.errors.level}
      />
      {radio('quorum', ['none', 'ballots', 'share'], 'none', t('votes.quorum'))}
      <TextField
        name="quorum_ballots"
        label={t('votes.quorum_ballots_label')}
        inputmode="numeric"
        value={str(form.values, 'quorum_ballots')}
        error={form.errors.quorum_ballots}
      />
      <TextField
        name="quorum_share"
        label={t('votes.quorum_share_label')}
        value={str(form.values, 'quorum_share')}
        error={form.errors.quorum_share}
      />
      {radio('abstentions', ['not_cast', 'cast'], 'not_cast', t('votes.abstentions'))}
      {radio('secrecy', ['secret', 'named'], 'secret', t('votes.secrecy'))}
    </fieldset>
  );
}

function WhenFields(props: { c: Ctx; choices: VoteFormChoices; form: FormFailure }) {
  const { c, choices, form } = props;
  const t = c.var.t;
  return (
    <fieldset class="stack">
      <legend>{t('votes.when_legend')}</legend>
      <SelectField
        name="session"
        label={t('votes.session')}
        hint={t('votes.session_hint')}
        empty={t('votes.no_session')}
        options={choices.sessions.map((s) => ({
          value: s.id,
          label: `${formatTime(c, s.startsAt)} ${c.var.lang === 'en' ? s.title.en || s.title.sv : s.title.sv}`,
        }))}
        value={str(form.values, 'session')}
        error={form.errors.session}
      />
      <ChoiceGroup
        name="online"
        legend={t('votes.online_legend')}
        type="checkbox"
        options={[{ value: 'on', label: t('votes.online') }]}
        checked={str(form.values, 'online') === 'on' ? ['on'] : []}
      />
      <ChoiceGroup
        name="changes"
        legend={t('votes.changes_legend')}
        type="checkbox"
        options={[{ value: 'on', label: t('votes.changes') }]}
        checked={str(form.values, 'changes') === 'on' ? ['on'] : []}
      />
      <TextField
        name="duration"
        label={t('votes.duration')}
        hint={t('votes.duration_hint')}
        inputmode="numeric"
        value={str(form.values, 'duration') || '10'}
        error={form.errors.duration}
      />
    </fieldset>
  );
}

export function newPage(c: Ctx, choices: VoteFormChoices, form: FormFailure) {
  const t = c.var.t;
  const labels = Object.fromEntries(
    [
      'subject',
      'recommendation',
      'amendment',
      'question',
      'rule',
      'share',
      'level',
      'quorum_ballots',
      'quorum_share',
      'session',
      'duration',
    ].map((f) => [f, t(`votes.${f === 'quorum_ballots' || f === 'quorum_share' ? `${f}_label` : f}`)]),
  );
  return renderAssemblyPage(
    c,
    'votes',
    t('votes.new'),
    <Section id="vote-form" title={t('votes.new')} lead={t('votes.new_lead')}>
      <form method="post" action={`${base(c)}/new`} class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} />
        <SubjectFields c={c} choices={choices} form={form} />
        <RuleFields c={c} form={form} />
        <WhenFields c={c} choices={choices} form={form} />
        <SubmitButton label={t('votes.create')} />
      </form>
    </Section>,
    { status: Object.keys(form.errors).length > 0 ? 400 : 200 },
  );
}
