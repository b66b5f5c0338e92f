/** The staff pages of members' requests: the log, asking on a member's behalf, handling one. */
import type { Child } from 'hono/jsx';
import { requestFieldLimits } from '../../../../domain/field-limits.ts';
import { labelIn } from '../../../../domain/questions.ts';
import type { RequestLogEntry } from '../../../../domain/requests.ts';
import { can } from '../../../../domain/roles.ts';
import type { AskForForm, RequestCase, SessionChoice } from '../../../../queries/requests.ts';
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
  TextArea,
} from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatDate, formatDay, formatNumber } from '../../../views/time.ts';
import { kindText, Material, statusText } from './parts.tsx';

function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/requests`;
}

function status(form: FormFailure) {
  return Object.keys(form.errors).length > 0 ? 422 : 200;
}

function materialHref(c: Ctx, entry: RequestLogEntry) {
  return entry.material ? `/a/${c.var.assembly.id}/evidence/${entry.material.id}` : undefined;
}

function LogTable(props: { c: Ctx; entries: RequestLogEntry[] }) {
  const { c } = props;
  const t = c.var.t;
  const manager = can(c.var.role, 'requests:manage');
  return (
    <DataTable
      caption={t('requests.log_caption')}
      captionHidden
      rows={props.entries}
      empty={t('requests.log_empty')}
      columns={[
        { header: t('requests.asked_at'), rowHeader: true, cell: (e) => formatDate(c, e.askedAt) },
        { header: t('requests.kind'), cell: (e) => kindText(c, e) },
        {
          header: t('requests.question'),
          cell: (e) => <span class="prewrap">{e.question || t('requests.question_erased')}</span>,
        },
        { header: t('requests.status'), cell: (e) => <span class="status">{statusText(c, e)}</span> },
        {
          header: t('requests.answer_or_reason'),
          cell: (e) => <span class="prewrap">{e.answer || '–'}</span>,
        },
        {
          header: t('requests.material'),
          cell: (e) =>
            e.material ? <Material c={c} material={e.material} href={materialHref(c, e)} /> : '–',
        },
        ...(manager
          ? [
              {
                header: t('requests.handle'),
                hiddenHeader: true,
                cell: (e: RequestLogEntry) => (
                  <a href={`${base(c)}/${e.id}`}>
                    {t(e.status === 'open' ? 'requests.handle_link' : 'requests.view_link')}
                  </a>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

export function logPage(c: Ctx, entries: RequestLogEntry[], notice: string | null) {
  const t = c.var.t;
  const open = entries.filter((e) => e.status === 'open').length;
  return renderAssemblyPage(
    c,
    'requests',
    t('requests.title'),
    <>
      <p>{t('requests.lead')}</p>
      <p class="actions">
        {can(c.var.role, 'requests:ask_for') ? (
          <ButtonLink href={`${base(c)}/new`}>{t('requests.ask_for')}</ButtonLink>
        ) : null}
        {can(c.var.role, 'submissions:review') ? (
          <ButtonLink href={`/a/${c.var.assembly.id}/submissions`} secondary>
            {t('submissions.review_link')}
          </ButtonLink>
        ) : null}
      </p>
      <Section
        id="requests-log"
        title={t('requests.log_title')}
        lead={t('requests.log_lead', { count: open, open: formatNumber(c, open) })}
      >
        <LogTable c={c} entries={entries} />
        <p>
          <a href={`/a/${c.var.assembly.id}/requests.csv`} download>
            {t('requests.log_csv')}
          </a>
        </p>
      </Section>
    </>,
    { notice },
  );
}

export function sessionOptions(c: Ctx, sessions: readonly SessionChoice[]) {
  return sessions.map((s) => ({
    value: s.id,
    label: c.var.t('requests.session_option', {
      title: labelIn(s.title, c.var.lang),
      day: formatDay(c, s.startsAt),
    }),
  }));
}

/** The fields a question has, whoever asks it: its kind, the question, and the session it concerns. */
export function QuestionFields(props: { c: Ctx; form: FormFailure; sessions: readonly SessionChoice[] }) {
  const { c, form } = props;
  const t = c.var.t;
  const v = (name: string) => str(form.values, name);
  return (
    <>
      <ChoiceGroup
        name="kind"
        legend={t('requests.kind_legend')}
        type="radio"
        options={[
          { value: 'information', label: t('requests.kind_information_choice') },
          { value: 'speaker', label: t('requests.kind_speaker_choice') },
        ]}
        checked={[v('kind')]}
        error={form.errors.kind}
      />
      <TextArea
        name="question"
        label={t('requests.question_label')}
        hint={t('requests.question_hint', { max: formatNumber(c, requestFieldLimits.question) })}
        value={v('question')}
        error={form.errors.question}
        rows={6}
      />
      <SelectField
        name="session"
        label={t('requests.session_label')}
        options={sessionOptions(c, props.sessions)}
        empty={t('requests.session_none')}
        value={v('session')}
        error={form.errors.session}
      />
    </>
  );
}

export function questionLabels(c: Ctx): Record<string, string> {
  const t = c.var.t;
  return {
    person: t('requests.person_label'),
    kind: t('requests.kind_legend'),
    question: t('requests.question_label'),
    session: t('requests.session_label'),
    answer: t('requests.answer_label'),
    evidence_item: t('requests.material_label'),
    reason: t('requests.reason_label'),
  };
}

export function askForPage(c: Ctx, data: AskForForm, form: FormFailure) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'requests',
    t('requests.ask_for_title'),
    <Section id="requests-ask-for" title={t('requests.ask_for_title')} lead={t('requests.ask_for_lead')}>
      <form method="post" action={`${base(c)}/new`} class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={questionLabels(c)} />
        <SelectField
          name="person"
          label={t('requests.person_label')}
          options={data.members.map((m) => ({ value: m.id, label: m.name }))}
          empty={t('requests.person_choose')}
          value={str(form.values, 'person')}
          error={form.errors.person}
        />
        <QuestionFields c={c} form={form} sessions={data.sessions} />
        <SubmitButton label={t('requests.send')} />
      </form>
      <p>
        <a href={base(c)}>{t('requests.back')}</a>
      </p>
    </Section>,
    { status: status(form) },
  );
}

function CaseFacts(props: { c: Ctx; found: RequestCase }) {
  const { c, found } = props;
  const t = c.var.t;
  const { entry, asker, session } = found;
  const who =
    can(c.var.role, 'people:names') && asker.name ? `${asker.name} (${asker.reference})` : asker.reference;
  const fact = (term: string, value: Child) => (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <dl class="facts">
      {fact(t('requests.asked_at'), formatDate(c, entry.askedAt))}
      {fact(t('requests.asked_by'), who)}
      {fact(t('requests.kind'), kindText(c, entry))}
      {fact(t('requests.session'), session ? labelIn(session.title, c.var.lang) : '–')}
      {fact(t('requests.question'), <span class="prewrap">{entry.question}</span>)}
      {fact(t('requests.status'), statusText(c, entry))}
      {entry.status === 'open'
        ? null
        : fact(t('requests.answer_or_reason'), <span class="prewrap">{entry.answer || '–'}</span>)}
      {entry.material
        ? fact(
            t('requests.material'),
            <Material c={c} material={entry.material} href={materialHref(c, entry)} />,
          )
        : null}
    </dl>
  );
}

function AnswerForms(props: { c: Ctx; found: RequestCase; form: FormFailure }) {
  const { c, found, form } = props;
  const t = c.var.t;
  const href = `${base(c)}/${found.request.id}`;
  const declining = str(form.values, 'declining') === 'yes';
  const answerErrors = declining ? {} : form.errors;
  const declineErrors = declining ? form.errors : {};
  return (
    <>
      <Section id="request-answer" title={t('requests.answer_title')} level={2}>
        <form method="post" action={`${href}/answer`} class="stack" novalidate>
          <Csrf c={c} />
          <ErrorSummary title={t('errors.summary')} errors={answerErrors} labels={questionLabels(c)} />
          <TextArea
            name="answer"
            label={t('requests.answer_label')}
            hint={t('requests.answer_hint', { max: formatNumber(c, requestFieldLimits.answer) })}
            value={declining ? '' : str(form.values, 'answer')}
            error={answerErrors.answer}
            rows={6}
          />
          <SelectField
            name="evidence_item"
            label={t('requests.material_label')}
            options={found.library.map((i) => ({ value: i.id, label: i.title }))}
            empty={t('requests.material_none')}
            value={declining ? '' : str(form.values, 'evidence_item')}
            error={answerErrors.evidence_item}
          />
          {can(c.var.role, 'evidence:edit') ? (
            <p class="hint">
              <a href={`/a/${c.var.assembly.id}/evidence/new`}>{t('requests.material_create')}</a>
            </p>
          ) : null}
          <SubmitButton label={t('requests.answer_send')} />
        </form>
      </Section>
      <Section id="request-decline" title={t('requests.decline_title')} level={2}>
        <form method="post" action={`${href}/decline`} class="stack" novalidate>
          <Csrf c={c} />
          <ErrorSummary title={t('errors.summary')} errors={declineErrors} labels={questionLabels(c)} />
          <TextArea
            name="reason"
            label={t('requests.reason_label')}
            hint={t('requests.reason_hint')}
            value={declining ? str(form.values, 'reason') : ''}
            error={declineErrors.reason}
            rows={4}
          />
          <SubmitButton label={t('requests.decline_send')} secondary />
        </form>
      </Section>
    </>
  );
}

export function casePage(c: Ctx, found: RequestCase, form: FormFailure) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'requests',
    t('requests.case_title'),
    <>
      <p>
        <a href={base(c)}>{t('requests.back')}</a>
      </p>
      <Section id="request-case" title={t('requests.case_facts')}>
        <CaseFacts c={c} found={found} />
      </Section>
      {found.entry.status === 'open' ? (
        <AnswerForms c={c} found={found} form={form} />
      ) : (
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={questionLabels(c)} />
      )}
    </>,
    { status: status(form) },
  );
}
