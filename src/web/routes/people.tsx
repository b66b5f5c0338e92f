/**
 * The people of an assembly: the list with search, filters, paging and counts; one person's record
 * with the status history; status changes, consent withdrawal, personal links, erasure and export.
 * What a viewer sees follows their role: names, contacts, answers and needs each need their own
 * permission, and callers see only the people they have to call.
 */
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { CommandError } from '../../commands/command.ts';
import {
  changePersonStatus,
  erasePerson,
  exportPerson,
  sendMemberLink,
  withdrawConsent,
} from '../../commands/people.ts';
import type { PersonRow } from '../../db/schema.ts';
import { fieldProblem, problemParams } from '../../domain/field-limits.ts';
import {
  allowedNextStatuses,
  isPersonStatus,
  type PersonStatus,
  personStatuses,
} from '../../domain/person-status.ts';
import { labelIn, preferNotToSay, type Question } from '../../domain/questions.ts';
import { can } from '../../domain/roles.ts';
import { emailEnabled } from '../../mail/sender.ts';
import { listQuestions } from '../../repositories/assemblies.ts';
import { callHistoryOf } from '../../repositories/call-outcomes.ts';
import {
  countByAnswer,
  countByStatus,
  findAnswers,
  findContact,
  findNeeds,
  findPerson,
  listConsents,
  listPeople,
  type PersonListItem,
  statusHistory,
} from '../../repositories/people.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { needs, type Route } from '../routing.ts';
import { renderAssemblyPage } from '../views/assembly-frame.tsx';
import { CallHistory } from '../views/call-history.tsx';
import { BarChart, type BarDatum } from '../views/charts.tsx';
import { errorPage } from '../views/errors.tsx';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../views/forms.tsx';
import { formatDate, formatTime } from '../views/time.ts';

export const pageSize = 50;

/** Callers phone people from the selection onwards and see no one else. */
export const callerStatuses: readonly PersonStatus[] = ['selected', 'confirmed', 'declined', 'withdrawn'];

/** The statuses the viewer may see people in; undefined means all. */
function visibleStatuses(c: Ctx): readonly PersonStatus[] | undefined {
  return c.var.role === 'caller' ? callerStatuses : undefined;
}

function isVisible(c: Ctx, person: PersonRow): boolean {
  const statuses = visibleStatuses(c);
  return !statuses || (statuses as readonly string[]).includes(person.status);
}

function peopleBase(c: Ctx): string {
  return `/a/${c.var.assembly.id}/people`;
}

function Time(props: { c: Ctx; at: string }) {
  return <time datetime={props.at}>{formatTime(props.c, props.at)}</time>;
}

function questionsOf(c: Ctx): Promise<Question[]> {
  return listQuestions(c.var.config.database.db, c.var.assembly.id);
}

function answerLabel(c: Ctx, question: Question | undefined, value: string): string {
  if (value === preferNotToSay) return c.var.t('people.prefer_not_to_say');
  const option = question?.options.find((o) => o.value === value);
  return option ? labelIn(option.label, c.var.lang) : value;
}

/* ------------------------------------------------------------------------------------------------ */
/* The list                                                                                          */

const listSchema = z.object({
  q: z.string().trim().max(200).catch(''),
  status: z.string().max(40).catch(''),
  answer: z.string().max(300).catch(''),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

interface ListFilters {
  q: string;
  status: string;
  /** `question:value`, as the answer filter's select posts it. */
  answer: string;
  page: number;
}

function filterQuery(f: ListFilters, page: number): string {
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  if (f.status) params.set('status', f.status);
  if (f.answer) params.set('answer', f.answer);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

function parseAnswer(answer: string, questions: Question[]): { key: string; value: string } | null {
  const colon = answer.indexOf(':');
  if (colon < 1) return null;
  const key = answer.slice(0, colon);
  const value = answer.slice(colon + 1);
  const question = questions.find((q) => q.key === key);
  if (!question) return null;
  if (value !== preferNotToSay && !question.options.some((o) => o.value === value)) return null;
  return { key, value };
}

/** Pages to link: the first, the last and two either side of the current one. */
function pageNumbers(current: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - current) <= 2) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

function Pager(props: { c: Ctx; filters: ListFilters; total: number }) {
  const { c, filters, total } = props;
  const t = c.var.t;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const current = Math.min(filters.page, pages);
  const link = (page: number, text: Child, options: { rel?: string; label?: string } = {}) => {
    const href = `${peopleBase(c)}${filterQuery(filters, page)}`;
    return (
      <a
        href={href}
        rel={options.rel}
        aria-label={options.label}
        aria-current={page === filters.page ? 'page' : undefined}
        hx-get={href}
        hx-target="#people-results"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        {text}
      </a>
    );
  };
  return (
    <nav class="pager" aria-label={t('people.pages')}>
      {current > 1 ? link(current - 1, t('people.previous'), { rel: 'prev' }) : null}
      <ul class="page-numbers">
        {pageNumbers(current, pages).map((p) =>
          p === null ? (
            <li aria-hidden="true">{t('people.gap')}</li>
          ) : (
            <li>{link(p, String(p), { label: t('people.page_of', { page: p, pages }) })}</li>
          ),
        )}
      </ul>
      {current < pages ? link(current + 1, t('people.next'), { rel: 'next' }) : null}
    </nav>
  );
}

function ResultCount(props: { c: Ctx; total: number; filters: ListFilters; oob?: boolean }) {
  const { c, total, filters } = props;
  const t = c.var.t;
  const from = total === 0 ? 0 : (filters.page - 1) * pageSize + 1;
  const to = Math.min(total, filters.page * pageSize);
  return (
    <p
      id="people-count"
      class="results-count"
      role="status"
      aria-live="polite"
      hx-swap-oob={props.oob ? 'innerHTML' : undefined}
    >
      {total === 0 ? t('people.none_found') : t('people.showing', { from, to, count: total })}
    </p>
  );
}

function Results(props: { c: Ctx; items: PersonListItem[]; total: number; filters: ListFilters }) {
  const { c, items, filters } = props;
  const t = c.var.t;
  const showNames = can(c.var.role, 'people:names');
  const showContacts = can(c.var.role, 'people:contacts');
  return (
    <div id="people-results">
      {items.length === 0 ? null : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('people.table_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.reference')}</th>
                {showNames ? <th scope="col">{t('people.name')}</th> : null}
                {showContacts ? <th scope="col">{t('people.email')}</th> : null}
                {showContacts ? <th scope="col">{t('people.phone')}</th> : null}
                <th scope="col">{t('people.status')}</th>
                <th scope="col">{t('people.status_since')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr>
                  <th scope="row">
                    <a href={`${peopleBase(c)}/${p.id}`}>{p.reference}</a>
                  </th>
                  {showNames ? <td>{p.erased_at ? t('people.erased') : (p.full_name ?? '')}</td> : null}
                  {showContacts ? <td>{p.erased_at ? '' : (p.email ?? '')}</td> : null}
                  {showContacts ? <td>{p.erased_at ? '' : (p.phone ?? '')}</td> : null}
                  <td>{t(`status.${p.status}`, { defaultValue: p.status })}</td>
                  <td>
                    <Time c={c} at={p.status_changed_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager c={c} filters={filters} total={props.total} />
    </div>
  );
}

function AnswerFilter(props: { c: Ctx; questions: Question[]; value: string }) {
  const { c, questions } = props;
  const t = c.var.t;
  return (
    <div class="field">
      <label for="answer">{t('people.filter_answer')}</label>
      <select id="answer" name="answer">
        <option value="">{t('people.all_answers')}</option>
        {questions.map((q) => (
          <optgroup label={labelIn(q.label, c.var.lang)}>
            {[...q.options.map((o) => o.value), preferNotToSay].map((value) => {
              const v = `${q.key}:${value}`;
              return (
                <option value={v} selected={v === props.value}>
                  {answerLabel(c, q, value)}
                </option>
              );
            })}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function statusChart(c: Ctx, counts: Record<string, number>): BarDatum[] {
  const shown = visibleStatuses(c) ?? personStatuses;
  return shown.map((s) => ({ label: c.var.t(`status.${s}`), value: counts[s] ?? 0 }));
}

function answerChart(c: Ctx, question: Question, counts: Record<string, number>): BarDatum[] {
  const values = question.options.map((o) => o.value);
  if (counts[preferNotToSay]) values.push(preferNotToSay);
  for (const value of Object.keys(counts)) if (!values.includes(value)) values.push(value);
  return values.map((value) => ({ label: answerLabel(c, question, value), value: counts[value] ?? 0 }));
}

async function listPage(c: Ctx) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const assembly = c.var.assembly;
  const role = c.var.role;
  const canAnswers = can(role, 'people:answers');
  const canContacts = can(role, 'people:contacts');
  const statuses = visibleStatuses(c);
  const statusChoices = statuses ?? personStatuses;
  const questions = canAnswers ? await questionsOf(c) : [];

  const query = listSchema.parse(c.req.query());
  const filters: ListFilters = {
    q: query.q,
    status: (statusChoices as readonly string[]).includes(query.status) ? query.status : '',
    answer: '',
    page: query.page,
  };
  const answer = canAnswers ? parseAnswer(query.answer, questions) : null;
  if (answer) filters.answer = `${answer.key}:${answer.value}`;

  const { items, total } = await listPeople(db, {
    assemblyId: assembly.id,
    search: filters.q || undefined,
    status: filters.status || undefined,
    statuses,
    answer: answer ?? undefined,
    searchContacts: canContacts,
    limit: pageSize,
    offset: (filters.page - 1) * pageSize,
  });

  c.header('Vary', 'HX-Request');
  // htmx asks for the results only; a history restore needs the whole page.
  if (c.req.header('hx-request') === 'true' && c.req.header('hx-history-restore-request') !== 'true') {
    c.header('Cache-Control', 'no-store');
    return c.html(
      <>
        <Results c={c} items={items} total={total} filters={filters} />
        <ResultCount c={c} total={total} filters={filters} oob />
      </>,
    );
  }

  const statusCounts = await countByStatus(db, assembly.id);
  const answerCounts = canAnswers ? await countByAnswer(db, assembly.id) : {};
  const base = peopleBase(c);
  return renderAssemblyPage(
    c,
    'people',
    t('people.title'),
    <>
      <section aria-labelledby="people-counts">
        <h2 id="people-counts">{t('people.counts')}</h2>
        <div class="charts">
          <BarChart
            title={t('people.by_status')}
            data={statusChart(c, statusCounts)}
            empty={t('people.no_data')}
          />
          {questions.map((q) => (
            <BarChart
              title={t('people.by_answer', { question: labelIn(q.label, c.var.lang) })}
              data={answerChart(c, q, answerCounts[q.key] ?? {})}
              empty={t('people.no_data')}
            />
          ))}
        </div>
      </section>
      <section aria-labelledby="people-list">
        <h2 id="people-list">{t('people.list')}</h2>
        <search aria-label={t('people.filter_label')}>
          <form
            method="get"
            action={base}
            class="filters"
            hx-get={base}
            hx-target="#people-results"
            hx-swap="outerHTML"
            hx-push-url="true"
            hx-trigger="submit, change, input changed delay:500ms from:#q"
          >
            <TextField
              name="q"
              type="search"
              label={canContacts ? t('people.search_contacts') : t('people.search_reference')}
              value={filters.q}
            />
            <SelectField
              name="status"
              label={t('people.filter_status')}
              options={statusChoices.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              value={filters.status}
              empty={t('people.all_statuses')}
            />
            {canAnswers && questions.length > 0 ? (
              <AnswerFilter c={c} questions={questions} value={filters.answer} />
            ) : null}
            <SubmitButton label={t('people.filter')} />
            <a href={base}>{t('people.clear')}</a>
          </form>
        </search>
        <ResultCount c={c} total={total} filters={filters} />
        <Results c={c} items={items} total={total} filters={filters} />
      </section>
    </>,
  );
}

/* ------------------------------------------------------------------------------------------------ */
/* One person                                                                                        */

async function visiblePerson(c: Ctx): Promise<PersonRow | null> {
  const person = await findPerson(c.var.config.database.db, c.var.assembly.id, c.req.param('personId') ?? '');
  return person && isVisible(c, person) ? person : null;
}

const notices = ['status', 'erased', 'consent'] as const;

function StatusForm(props: { c: Ctx; person: PersonRow; values: FormValues; errors: FieldErrors }) {
  const { c, person, values, errors } = props;
  const t = c.var.t;
  const allowed = isPersonStatus(person.status) ? allowedNextStatuses(person.status, c.var.role) : [];
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <section aria-labelledby="status-change">
      <h2 id="status-change">{t('people.change_status')}</h2>
      {allowed.length === 0 && !hasErrors ? (
        <p>{t('people.no_moves')}</p>
      ) : (
        <form method="post" action={`${peopleBase(c)}/${person.id}/status`} class="stack narrow" novalidate>
          <Csrf c={c} />
          <ErrorSummary
            title={t('errors.summary')}
            errors={errors}
            labels={{ status: t('people.new_status'), comment: t('people.comment') }}
          />
          <SelectField
            name="status"
            label={t('people.new_status')}
            options={allowed.map((s) => ({ value: s, label: t(`status.${s}`) }))}
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
    </section>
  );
}

async function personPage(
  c: Ctx,
  person: PersonRow,
  form: { values: FormValues; errors: FieldErrors } = { values: {}, errors: {} },
) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const role = c.var.role;
  const base = `${peopleBase(c)}/${person.id}`;
  const erased = person.erased_at;
  const showNames = can(role, 'people:names');
  const showContacts = can(role, 'people:contacts');
  // Callers phone and write to people; where they live is not theirs to know.
  const showAddress = can(role, 'people:address');
  const showAnswers = can(role, 'people:answers');
  const showNeeds = can(role, 'people:needs');
  const organiser = can(role, 'people:export');

  const history = await statusHistory(db, person.id);
  // What callers noted ("call after 5 pm") is for those who phone, as on the call list.
  const calls = can(role, 'calls:make') ? await callHistoryOf(db, person.id) : null;
  const consents = await listConsents(db, person.id);
  const contact = !erased && (showNames || showContacts) ? await findContact(db, person.id) : undefined;
  const personNeeds = !erased && showNeeds ? await findNeeds(db, person.id) : null;
  const questions = showAnswers ? await questionsOf(c) : [];
  const answers = showAnswers ? await findAnswers(db, person.id) : {};

  const who = (by: string, name: string | null | undefined) =>
    name ??
    (by === 'self' ? t('people.by_self') : by === 'system' ? t('people.by_system') : t('people.by_unknown'));
  const erasedText = erased ? t('people.erased_on', { date: formatDate(c, erased) }) : '';
  const done = c.req.query('done');
  const notice = done && (notices as readonly string[]).includes(done) ? t(`people.done_${done}`) : null;
  const hasErrors = Object.keys(form.errors).length > 0;

  return renderAssemblyPage(
    c,
    'people',
    t('people.person_title', { reference: person.reference }),
    <>
      <p>
        <a href={peopleBase(c)}>{t('people.back_to_list')}</a>
      </p>
      {erased ? (
        <p class="warning" id="erased-note">
          {erasedText}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('people.reference')}</dt>
        <dd>{person.reference}</dd>
        <dt>{t('people.status')}</dt>
        <dd>
          <span class="status">{t(`status.${person.status}`, { defaultValue: person.status })}</span>
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

      {showNames || showContacts ? (
        <section aria-labelledby="person-contact">
          <h2 id="person-contact">{showContacts ? t('people.contact') : t('people.name')}</h2>
          {erased ? (
            <p>{erasedText}</p>
          ) : contact ? (
            <dl class="facts">
              <dt>{t('people.name')}</dt>
              <dd>{contact.full_name}</dd>
              {showContacts ? (
                <>
                  <dt>{t('people.email')}</dt>
                  <dd>
                    {contact.email ? (
                      <a href={`mailto:${contact.email}`}>{contact.email}</a>
                    ) : (
                      t('people.none')
                    )}
                  </dd>
                  <dt>{t('people.phone')}</dt>
                  <dd>
                    {contact.phone ? (
                      <a href={`tel:${contact.phone.replace(/\s/g, '')}`}>{contact.phone}</a>
                    ) : (
                      t('people.none')
                    )}
                  </dd>
                  {showAddress ? (
                    <>
                      <dt>{t('people.address')}</dt>
                      <dd>
                        {[contact.address, [contact.postcode, contact.city].filter(Boolean).join(' ')]
                          .filter(Boolean)
                          .join(', ') || t('people.none')}
                      </dd>
                    </>
                  ) : null}
                  <dt>{t('people.language')}</dt>
                  <dd>
                    {contact.preferred_language
                      ? t(`people.language_${contact.preferred_language}`, {
                          defaultValue: contact.preferred_language,
                        })
                      : t('people.none')}
                  </dd>
                </>
              ) : null}
            </dl>
          ) : (
            <p>{t('people.no_contact')}</p>
          )}
        </section>
      ) : null}

      {showAnswers ? (
        <section aria-labelledby="person-answers">
          <h2 id="person-answers">{t('people.answers')}</h2>
          {Object.keys(answers).length === 0 ? (
            <p>{t('people.no_answers')}</p>
          ) : (
            <table>
              <caption class="visually-hidden">{t('people.answers')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('people.question')}</th>
                  <th scope="col">{t('people.answer')}</th>
                </tr>
              </thead>
              <tbody>
                {[
                  ...questions.map((q) => q.key).filter((k) => k in answers),
                  ...Object.keys(answers).filter((k) => !questions.some((q) => q.key === k)),
                ].map((key) => {
                  const question = questions.find((q) => q.key === key);
                  return (
                    <tr>
                      <th scope="row">{question ? labelIn(question.label, c.var.lang) : key}</th>
                      <td>{answerLabel(c, question, answers[key])}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      ) : null}

      {showNeeds ? (
        <section aria-labelledby="person-needs">
          <h2 id="person-needs">{t('people.needs')}</h2>
          {erased ? (
            <p>{erasedText}</p>
          ) : personNeeds && (personNeeds.needs.length > 0 || personNeeds.details) ? (
            <>
              {personNeeds.needs.length > 0 ? (
                <ul>
                  {personNeeds.needs.map((n) => (
                    <li>{t(`need.${n}`, { defaultValue: n })}</li>
                  ))}
                </ul>
              ) : null}
              {personNeeds.details ? (
                <>
                  <h3>{t('people.needs_details')}</h3>
                  <p>{personNeeds.details}</p>
                </>
              ) : null}
            </>
          ) : (
            <p>{t('people.no_needs')}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="person-history">
        <h2 id="person-history">{t('people.history')}</h2>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('people.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.when')}</th>
                <th scope="col">{t('people.change')}</th>
                <th scope="col">{t('people.who')}</th>
                {showNames ? <th scope="col">{t('people.comment')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr>
                  <th scope="row">
                    <Time c={c} at={h.changed_at} />
                  </th>
                  <td>
                    {h.from_status
                      ? t('people.moved', {
                          from: t(`status.${h.from_status}`, { defaultValue: h.from_status }),
                          to: t(`status.${h.to_status}`, { defaultValue: h.to_status }),
                        })
                      : t('people.started', {
                          to: t(`status.${h.to_status}`, { defaultValue: h.to_status }),
                        })}
                  </td>
                  <td>{who(h.changed_by, h.actor_name)}</td>
                  {showNames ? <td>{h.comment ?? ''}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {calls ? <CallHistory c={c} calls={calls} headingId="person-calls" level={2} /> : null}

      {can(role, 'people:status') ? (
        <StatusForm c={c} person={person} values={form.values} errors={form.errors} />
      ) : null}

      <section aria-labelledby="person-consents">
        <h2 id="person-consents">{t('people.consents')}</h2>
        {consents.length === 0 ? (
          <p>{t('people.no_consents')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('people.consents')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('people.consent')}</th>
                  <th scope="col">{t('people.given_at')}</th>
                  <th scope="col">{t('people.withdrawn_at')}</th>
                  {organiser ? (
                    <th scope="col">
                      <span class="visually-hidden">{t('people.actions')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {consents.map((consent) => {
                  const name = t(`people.consent_${consent.kind}`, { defaultValue: consent.kind });
                  return (
                    <tr>
                      <th scope="row">{name}</th>
                      <td>
                        <Time c={c} at={consent.given_at} />
                      </td>
                      <td>
                        {consent.withdrawn_at ? (
                          <Time c={c} at={consent.withdrawn_at} />
                        ) : (
                          t('people.not_withdrawn')
                        )}
                      </td>
                      {organiser ? (
                        <td>
                          {consent.withdrawn_at ? null : (
                            <form
                              method="post"
                              action={`${base}/consents/${consent.id}/withdraw`}
                              class="inline"
                            >
                              <Csrf c={c} />
                              <button type="submit" class="button secondary">
                                {t('people.withdraw_consent')}
                                <span class="visually-hidden">{` ${name}`}</span>
                              </button>
                            </form>
                          )}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {organiser || can(role, 'people:erase') ? (
        <section aria-labelledby="person-data">
          <h2 id="person-data">{t('people.data_heading')}</h2>
          <div class="actions">
            {organiser ? (
              <a class="button secondary" href={`${base}/export`} download>
                {t('people.export')}
              </a>
            ) : null}
            {organiser && !erased ? (
              <form method="post" action={`${base}/member-link`} class="inline">
                <Csrf c={c} />
                <SubmitButton label={t('people.member_link')} secondary />
              </form>
            ) : null}
            {can(role, 'people:erase') && !erased ? (
              <a class="button danger" href={`${base}/erase`}>
                {t('people.erase')}
              </a>
            ) : null}
          </div>
          {organiser && !erased ? <p class="hint">{t('people.member_link_hint')}</p> : null}
        </section>
      ) : null}
    </>,
    { notice, status: hasErrors ? 422 : 200 },
  );
}

async function showPerson(c: Ctx) {
  const person = await visiblePerson(c);
  if (!person) return errorPage(c, 404, c.var.t('errors.not_found'));
  return personPage(c, person);
}

const statusSchema = z.object({
  status: z.string().trim().max(40).catch(''),
  comment: z.string().trim().catch(''),
});

function bodyValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') out[name] = value;
  return out;
}

async function statusSubmit(c: Ctx) {
  const t = c.var.t;
  const person = await visiblePerson(c);
  if (!person) return errorPage(c, 404, t('errors.not_found'));
  const values = bodyValues(await c.req.parseBody());
  const form = statusSchema.parse(values);
  const errors: FieldErrors = {};
  if (!form.status) errors.status = t('errors.required');
  const problem = fieldProblem('comment', form.comment);
  if (problem) errors.comment = t(`errors.${problem.code}`, problemParams(problem));
  if (Object.keys(errors).length > 0) return personPage(c, person, { values, errors });
  try {
    await changePersonStatus(
      c.var.config.database,
      staffActor(c),
      c.var.role,
      c.var.assembly.id,
      person.id,
      form.status,
      form.comment || null,
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.code === 'not_found') return errorPage(c, 404, t('errors.not_found'));
    const params: Record<string, string | number> = { ...error.params };
    for (const key of ['from', 'to']) {
      const v = params[key];
      if (typeof v === 'string') params[key] = t(`status.${v}`, { defaultValue: v });
    }
    const fresh = (await visiblePerson(c)) ?? person;
    return personPage(c, fresh, {
      values,
      errors: { [error.field ?? '_form']: t(`errors.${error.code}`, params) },
    });
  }
  return c.redirect(`${peopleBase(c)}/${person.id}?done=status`, 303);
}

async function consentSubmit(c: Ctx) {
  const person = await visiblePerson(c);
  if (!person) return errorPage(c, 404, c.var.t('errors.not_found'));
  try {
    await withdrawConsent(
      c.var.config.database,
      staffActor(c),
      c.var.assembly.id,
      person.id,
      c.req.param('consentId') ?? '',
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return errorPage(c, 404, c.var.t('errors.not_found'));
  }
  return c.redirect(`${peopleBase(c)}/${person.id}?done=consent`, 303);
}

async function memberLinkSubmit(c: Ctx) {
  const t = c.var.t;
  const person = await visiblePerson(c);
  if (!person) return errorPage(c, 404, t('errors.not_found'));
  let sent: { token: string; channel: 'email' | 'letter' };
  try {
    sent = await sendMemberLink(c.var.config.database, staffActor(c), c.var.assembly.id, person.id, {
      siteUrl: process.env.LOTTA_PUBLIC_URL?.trim() || new URL(c.req.url).origin,
      emailOn: emailEnabled(),
    });
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return errorPage(c, 404, t('errors.not_found'));
  }
  const link = `${new URL(c.req.url).origin}/m/${sent.token}`;
  return renderAssemblyPage(
    c,
    'people',
    t('people.member_link_title', { reference: person.reference }),
    <>
      <p role="status">{t('people.member_link_created')}</p>
      {sent.channel === 'email' ? (
        <p>{t('outbox.member_link_emailed')}</p>
      ) : (
        <>
          <p>
            <code class="secret" id="member-link">
              {link}
            </code>
          </p>
          <p class="warning">{t('people.member_link_once')}</p>
          <p>
            {t('outbox.member_link_letter')}{' '}
            <a href={`/a/${c.var.assembly.id}/outbox`}>{t('outbox.title')}</a>
          </p>
        </>
      )}
      <p>
        <a href={`${peopleBase(c)}/${person.id}`}>
          {t('people.back_to_person', { reference: person.reference })}
        </a>
      </p>
    </>,
  );
}

async function erasePage(c: Ctx) {
  const t = c.var.t;
  const person = await visiblePerson(c);
  if (!person) return errorPage(c, 404, t('errors.not_found'));
  const back = `${peopleBase(c)}/${person.id}`;
  if (person.erased_at) return c.redirect(back, 303);
  return renderAssemblyPage(
    c,
    'people',
    t('people.erase_title', { reference: person.reference }),
    <>
      <p>{t('people.erase_lead')}</p>
      <h2>{t('people.erase_deleted')}</h2>
      <ul>
        <li>{t('people.erase_item_contact')}</li>
        <li>{t('people.erase_item_needs')}</li>
        <li>{t('people.erase_item_comments')}</li>
        <li>{t('people.erase_item_link')}</li>
      </ul>
      <h2>{t('people.erase_kept')}</h2>
      <ul>
        <li>{t('people.erase_keep_reference')}</li>
        <li>{t('people.erase_keep_answers')}</li>
        <li>{t('people.erase_keep_history')}</li>
      </ul>
      <p class="warning">{t('people.erase_final')}</p>
      <form method="post" action={`${back}/erase`} class="actions">
        <Csrf c={c} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="button danger">
          {t('people.erase_confirm')}
        </button>
        <a href={back}>{t('people.cancel')}</a>
      </form>
    </>,
  );
}

async function eraseSubmit(c: Ctx) {
  const t = c.var.t;
  const person = await visiblePerson(c);
  if (!person) return errorPage(c, 404, t('errors.not_found'));
  const back = `${peopleBase(c)}/${person.id}`;
  const body = await c.req.parseBody();
  if (body.confirm !== 'yes') return c.redirect(`${back}/erase`, 303);
  try {
    await erasePerson(c.var.config.database, staffActor(c), c.var.assembly.id, person.id);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return errorPage(c, 404, t('errors.not_found'));
  }
  return c.redirect(`${back}?done=erased`, 303);
}

async function exportDownload(c: Ctx) {
  const person = await visiblePerson(c);
  if (!person) return errorPage(c, 404, c.var.t('errors.not_found'));
  const record = await exportPerson(c.var.config.database, staffActor(c), c.var.assembly.id, person.id);
  return c.body(JSON.stringify(record, null, 2), 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="person-${person.reference.replace(/[^A-Za-z0-9-]/g, '')}.json"`,
    'Cache-Control': 'no-store',
  });
}

const personPath = '/a/:assemblyId/people/:personId';

export const peopleRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/people',
    tab: { key: 'people', phase: 'recruitment' },
    access: needs('people:list'),
    handler: listPage,
  },
  { method: 'GET', path: personPath, access: needs('people:list'), handler: showPerson },
  { method: 'POST', path: `${personPath}/status`, access: needs('people:status'), handler: statusSubmit },
  {
    method: 'POST',
    path: `${personPath}/consents/:consentId/withdraw`,
    access: needs('people:export'),
    handler: consentSubmit,
  },
  {
    method: 'POST',
    path: `${personPath}/member-link`,
    access: needs('people:export'),
    handler: memberLinkSubmit,
  },
  { method: 'GET', path: `${personPath}/erase`, access: needs('people:erase'), handler: erasePage },
  { method: 'POST', path: `${personPath}/erase`, access: needs('people:erase'), handler: eraseSubmit },
  { method: 'GET', path: `${personPath}/export`, access: needs('people:export'), handler: exportDownload },
];
