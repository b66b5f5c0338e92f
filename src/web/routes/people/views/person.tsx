/**
 * One person's page, built from its parts: the facts, contact, answers, needs, status history, calls,
 * the status change form, consents, and the organiser's data actions. Each part shows only what the
 * record's permissions allow; the read model has left out the rest.
 */
import { labelIn } from '../../../../domain/questions.ts';
import { can } from '../../../../domain/roles.ts';
import type { ConsentRow, PersonRecord, StatusChange } from '../../../../queries/people.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { CallHistory } from '../../../views/call-history.tsx';
import {
  Csrf,
  ErrorSummary,
  PostButton,
  SelectField,
  SubmitButton,
  str,
  TextArea,
} from '../../../views/forms.tsx';
import { type Column, DataTable, Section } from '../../../views/kit.tsx';
import { formatDate } from '../../../views/time.ts';
import { answerLabel, peopleBase, personHref, statusText, Time } from './parts.tsx';

type Part = { c: Ctx; record: PersonRecord };

/** "Personal data erased on …", or '' for a person whose data is kept. */
function erasedText(c: Ctx, record: PersonRecord): string {
  const erased = record.person.erased_at;
  return erased ? c.var.t('people.erased_on', { date: formatDate(c, erased) }) : '';
}

function Facts({ c, record }: Part) {
  const t = c.var.t;
  const { person } = record;
  return (
    <dl class="facts">
      <dt>{t('people.reference')}</dt>
      <dd>{person.reference}</dd>
      <dt>{t('people.status')}</dt>
      <dd>
        <span class="status">{statusText(c, person.status)}</span>
      </dd>
      <dt>{t('people.status_since')}</dt>
      <dd>
        <Time c={c} at={person.status_changed_at} />
      </dd>
      <dt>{t('people.source')}</dt>
      <dd>{t(`people.source_${person.source}`, { defaultValue: person.source })}</dd>
      <dt>{t('people.created')}</dt>
      <dd>
        <Time c={c} at={person.created_at} />
      </dd>
    </dl>
  );
}

/** Phone, e-mail, address and language: the part of the contact only those who may contact see. */
function ContactDetails({ c, record }: Part) {
  const t = c.var.t;
  const contact = record.contact;
  if (!contact) return null;
  const address = [contact.address, [contact.postcode, contact.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return (
    <>
      <dt>{t('people.email')}</dt>
      <dd>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : t('people.none')}</dd>
      <dt>{t('people.phone')}</dt>
      <dd>
        {contact.phone ? (
          <a href={`tel:${contact.phone.replace(/\s/g, '')}`}>{contact.phone}</a>
        ) : (
          t('people.none')
        )}
      </dd>
      {record.may.address ? (
        <>
          <dt>{t('people.address')}</dt>
          <dd>{address || t('people.none')}</dd>
        </>
      ) : null}
      <dt>{t('people.language')}</dt>
      <dd>
        {contact.preferred_language
          ? t(`people.language_${contact.preferred_language}`, { defaultValue: contact.preferred_language })
          : t('people.none')}
      </dd>
    </>
  );
}

function ContactSection({ c, record }: Part) {
  const t = c.var.t;
  const { may, contact } = record;
  if (!may.names && !may.contacts) return null;
  return (
    <Section id="person-contact" title={may.contacts ? t('people.contact') : t('people.name')}>
      {record.person.erased_at ? (
        <p>{erasedText(c, record)}</p>
      ) : contact ? (
        <dl class="facts">
          <dt>{t('people.name')}</dt>
          <dd>{contact.full_name}</dd>
          {may.contacts ? <ContactDetails c={c} record={record} /> : null}
        </dl>
      ) : (
        <p>{t('people.no_contact')}</p>
      )}
    </Section>
  );
}

function AnswersSection({ c, record }: Part) {
  const t = c.var.t;
  const { questions, answers } = record;
  if (!record.may.answers) return null;
  // The assembly's questions in their order, then any answer to a question no longer asked.
  const keys = [
    ...questions.map((q) => q.key).filter((k) => k in answers),
    ...Object.keys(answers).filter((k) => !questions.some((q) => q.key === k)),
  ];
  const columns: Column<string>[] = [
    {
      header: t('people.question'),
      rowHeader: true,
      cell: (key) => {
        const question = questions.find((q) => q.key === key);
        return question ? labelIn(question.label, c.var.lang) : key;
      },
    },
    {
      header: t('people.answer'),
      cell: (key) =>
        answerLabel(
          c,
          questions.find((q) => q.key === key),
          answers[key],
        ),
    },
  ];
  return (
    <Section id="person-answers" title={t('people.answers')}>
      <DataTable
        columns={columns}
        rows={keys}
        caption={t('people.answers')}
        captionHidden
        empty={t('people.no_answers')}
      />
    </Section>
  );
}

function NeedsSection({ c, record }: Part) {
  const t = c.var.t;
  const needs = record.needs;
  if (!record.may.needs) return null;
  const body = record.person.erased_at ? (
    <p>{erasedText(c, record)}</p>
  ) : needs && (needs.needs.length > 0 || needs.details) ? (
    <>
      {needs.needs.length > 0 ? (
        <ul>
          {needs.needs.map((n) => (
            <li>{t(`need.${n}`, { defaultValue: n })}</li>
          ))}
        </ul>
      ) : null}
      {needs.details ? (
        <>
          <h3>{t('people.needs_details')}</h3>
          <p>{needs.details}</p>
        </>
      ) : null}
    </>
  ) : (
    <p>{t('people.no_needs')}</p>
  );
  return (
    <Section id="person-needs" title={t('people.needs')}>
      {body}
    </Section>
  );
}

function HistorySection({ c, record }: Part) {
  const t = c.var.t;
  const who = (h: StatusChange) =>
    h.actor_name ??
    (h.changed_by === 'self'
      ? t('people.by_self')
      : h.changed_by === 'system'
        ? t('people.by_system')
        : t('people.by_unknown'));
  const columns: Column<StatusChange>[] = [
    { header: t('people.when'), rowHeader: true, cell: (h) => <Time c={c} at={h.changed_at} /> },
    {
      header: t('people.change'),
      cell: (h) =>
        h.from_status
          ? t('people.moved', { from: statusText(c, h.from_status), to: statusText(c, h.to_status) })
          : t('people.started', { to: statusText(c, h.to_status) }),
    },
    { header: t('people.who'), cell: who },
  ];
  // Comments are free text about the person: only for those who may see who she is.
  if (record.may.names) columns.push({ header: t('people.comment'), cell: (h) => h.comment ?? '' });
  return (
    <Section id="person-history" title={t('people.history')}>
      <DataTable columns={columns} rows={record.history} caption={t('people.history')} captionHidden />
    </Section>
  );
}

function StatusForm(props: Part & { form: FormFailure }) {
  const { c, record } = props;
  const { values, errors } = props.form;
  const t = c.var.t;
  const hasErrors = Object.keys(errors).length > 0;
  if (!record.may.status) return null;
  return (
    <Section id="status-change" title={t('people.change_status')}>
      {record.allowedMoves.length === 0 && !hasErrors ? (
        <p>{t('people.no_moves')}</p>
      ) : (
        <form
          method="post"
          action={`${personHref(c, record.person.id)}/status`}
          class="stack narrow"
          novalidate
        >
          <Csrf c={c} />
          <ErrorSummary
            title={t('errors.summary')}
            errors={errors}
            labels={{ status: t('people.new_status'), comment: t('people.comment') }}
          />
          <SelectField
            name="status"
            label={t('people.new_status')}
            options={record.allowedMoves.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={str(values, 'status')}
            error={errors.status}
            empty={t('people.choose_status')}
          />
          <TextArea
            name="comment"
            label={t('people.comment')}
            hint={t('people.comment_hint')}
            value={str(values, 'comment')}
            error={errors.comment}
            rows={3}
          />
          <SubmitButton label={t('people.save_status')} />
        </form>
      )}
    </Section>
  );
}

function WithdrawButton(props: { c: Ctx; record: PersonRecord; consent: ConsentRow; name: string }) {
  const { c, consent } = props;
  if (consent.withdrawn_at) return null;
  return (
    <form
      method="post"
      action={`${personHref(c, props.record.person.id)}/consents/${consent.id}/withdraw`}
      class="inline"
    >
      <Csrf c={c} />
      <button type="submit" class="button secondary">
        {c.var.t('people.withdraw_consent')}
        <span class="visually-hidden">{` ${props.name}`}</span>
      </button>
    </form>
  );
}

function ConsentsSection({ c, record }: Part) {
  const t = c.var.t;
  const name = (consent: ConsentRow) => t(`people.consent_${consent.kind}`, { defaultValue: consent.kind });
  const columns: Column<ConsentRow>[] = [
    { header: t('people.consent'), rowHeader: true, cell: name },
    { header: t('people.given_at'), cell: (consent) => <Time c={c} at={consent.given_at} /> },
    {
      header: t('people.withdrawn_at'),
      cell: (consent) =>
        consent.withdrawn_at ? <Time c={c} at={consent.withdrawn_at} /> : t('people.not_withdrawn'),
    },
  ];
  if (record.may.organise)
    columns.push({
      header: t('people.actions'),
      hiddenHeader: true,
      cell: (consent) => <WithdrawButton c={c} record={record} consent={consent} name={name(consent)} />,
    });
  return (
    <Section id="person-consents" title={t('people.consents')}>
      <DataTable
        columns={columns}
        rows={record.consents}
        caption={t('people.consents')}
        captionHidden
        empty={t('people.no_consents')}
      />
    </Section>
  );
}

/** Export, personal link and erasure. */
function DataSection({ c, record }: Part) {
  const t = c.var.t;
  const { may } = record;
  const base = personHref(c, record.person.id);
  const kept = record.person.erased_at === null;
  if (!may.organise && !may.erase) return null;
  return (
    <Section id="person-data" title={t('people.data_heading')}>
      <div class="actions">
        {may.organise ? (
          <a class="button secondary" href={`${base}/export`} download>
            {t('people.export')}
          </a>
        ) : null}
        {may.organise && kept ? (
          <PostButton c={c} action={`${base}/member-link`} label={t('people.member_link')} />
        ) : null}
        {may.erase && kept ? (
          <a class="button danger" href={`${base}/erase`}>
            {t('people.erase')}
          </a>
        ) : null}
      </div>
      {may.organise && kept ? <p class="hint">{t('people.member_link_hint')}</p> : null}
    </Section>
  );
}

/** The page, with the status form as typed and its errors when a change was refused. */
export function personPage(c: Ctx, record: PersonRecord, notice: string | null, form: FormFailure) {
  const t = c.var.t;
  const hasErrors = Object.keys(form.errors).length > 0;
  return renderAssemblyPage(
    c,
    'people',
    t('people.person_title', { reference: record.person.reference }),
    <>
      <p>
        <a href={peopleBase(c)}>{t('people.back_to_list')}</a>
      </p>
      {record.person.erased_at ? (
        <p class="warning" id="erased-note">
          {erasedText(c, record)}
        </p>
      ) : null}
      <Facts c={c} record={record} />
      <ContactSection c={c} record={record} />
      <AnswersSection c={c} record={record} />
      <NeedsSection c={c} record={record} />
      <HistorySection c={c} record={record} />
      {record.calls ? <CallHistory c={c} calls={record.calls} headingId="person-calls" level={2} /> : null}
      <StatusForm c={c} record={record} form={form} />
      <ConsentsSection c={c} record={record} />
      <DataSection c={c} record={record} />
      {record.person.status === 'confirmed' && !record.person.erased_at && can(c.var.role, 'people:names') ? (
        <p>
          <a href={`${personHref(c, record.person.id)}/programme.pdf`}>{t('printed_programme.print_one')}</a>
        </p>
      ) : null}
    </>,
    { notice, status: hasErrors ? 422 : 200 },
  );
}
