/**
 * The confirmation callers' list: the panel members to phone, how to reach them, their access needs
 * and how earlier calls went, with a form per person to record a call. Laid out as cards with large
 * targets so it works on a phone held in one hand. No address and no demographic answers appear here.
 */
import { z } from 'zod';
import {
  type CallOutcome,
  callCommentMax,
  callListStatuses,
  callOutcomes,
  isCallOutcome,
  recordCallOutcome,
} from '../../commands/call-outcomes.ts';
import { CommandError } from '../../commands/command.ts';
import { type Callee, listCallees } from '../../repositories/call-outcomes.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { mailLinkBase } from '../mail-delivery.ts';
import { needs, type Route } from '../routing.ts';
import { renderAssemblyPage } from '../views/assembly-frame.tsx';
import { CallHistory } from '../views/call-history.tsx';
import { errorPage } from '../views/errors.tsx';
import { Csrf, ErrorSummary, type FieldErrors, SubmitButton, TextField } from '../views/forms.tsx';
import { formatTime } from '../views/time.ts';

const filters = ['to_call', 'call_again', 'all'] as const;
type Filter = (typeof filters)[number];
/** Cards per page: a caller scrolls through a handful on a phone, not the whole panel. */
export const callsPageSize = 20;
const searchMax = 100;

/** Where the caller is in the list: which tab, which page, what they searched for. */
interface Place {
  filter: Filter;
  page: number;
  q: string;
}

const placeSchema = z.object({
  // Callers open the list to phone people, so "still to call" is where they start.
  filter: z.enum(filters).catch('to_call'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  q: z
    .string()
    .trim()
    .catch('')
    .transform((q) => q.slice(0, searchMax)),
});

const listSchema = placeSchema.extend({
  saved: z
    .string()
    .regex(/^P-\d{1,9}$/)
    .optional()
    .catch(undefined),
  outcome: z.enum(callOutcomes).optional().catch(undefined),
});

const outcomeSchema = placeSchema.extend({
  outcome: z.string().trim().max(40).catch(''),
  comment: z.string().trim().catch(''),
});

interface PostedForm {
  personId: string;
  reference: string;
  outcome: string;
  comment: string;
  errors: FieldErrors;
}

/** Not yet confirmed and no yes or no since they were selected. */
function stillToCall(p: Callee): boolean {
  return p.status === 'selected' && !p.answeredSinceStatus;
}

function matches(p: Callee, filter: Filter): boolean {
  if (filter === 'to_call') return stillToCall(p);
  if (filter === 'call_again') return stillToCall(p) && p.latest?.outcome === 'call_again';
  return true;
}

function byUrgency(a: Callee, b: Callee): number {
  const rank = (p: Callee) => callListStatuses.indexOf(p.status as (typeof callListStatuses)[number]);
  return rank(a) - rank(b) || a.reference.localeCompare(b.reference);
}

function callsBase(c: Ctx): string {
  return `/a/${c.var.assembly.id}/calls`;
}

/** The list's address for a place; the defaults are left out so the plain address stays plain. */
function placeHref(c: Ctx, place: Place, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  query.set('filter', place.filter);
  if (place.q) query.set('q', place.q);
  if (place.page > 1) query.set('page', String(place.page));
  for (const [k, v] of Object.entries(extra)) query.set(k, v);
  return `${callsBase(c)}?${query.toString()}`;
}

/** The people of one tab, most urgent first. */
/** A call-back reminder by e-mail for "call again", when e-mail is on. */
function mailReminder(c: Ctx) {
  const siteUrl = mailLinkBase(c);
  return siteUrl ? { siteUrl } : undefined;
}

async function listed(c: Ctx, q: string): Promise<Callee[]> {
  const everyone = await listCallees(c.var.config.database.db, c.var.assembly.id, callListStatuses, {
    search: q || undefined,
  });
  return everyone.sort(byUrgency);
}

function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / callsPageSize));
}

const outcomeField = (personId: string) => `outcome-${personId}`;
const commentField = (personId: string) => `comment-${personId}`;

function OutcomeForm(props: { c: Ctx; person: Callee; place: Place; posted: PostedForm | null }) {
  const { c, person, place } = props;
  const t = c.var.t;
  const posted = props.posted?.personId === person.id ? props.posted : null;
  const outcomeId = outcomeField(person.id);
  const commentId = commentField(person.id);
  const outcomeError = posted?.errors[outcomeId];
  const commentError = posted?.errors[commentId];
  return (
    <form
      method="post"
      action={`${callsBase(c)}/${person.id}`}
      class="stack"
      novalidate
      hx-post={`${callsBase(c)}/${person.id}`}
      hx-target={`#person-${person.id}`}
      hx-swap="outerHTML"
    >
      <Csrf c={c} />
      <input type="hidden" name="filter" value={place.filter} />
      <input type="hidden" name="page" value={String(place.page)} />
      <input type="hidden" name="q" value={place.q} />
      <fieldset
        class={outcomeError ? 'field has-error' : 'field'}
        id={outcomeId}
        aria-describedby={outcomeError ? `${outcomeId}-error` : undefined}
      >
        <legend>{t('calls.outcome_legend')}</legend>
        {outcomeError ? (
          <p class="field-error" id={`${outcomeId}-error`}>
            {outcomeError}
          </p>
        ) : null}
        {callOutcomes.map((outcome) => (
          <div class="choice">
            <input
              type="radio"
              id={`${outcomeId}-${outcome}`}
              name="outcome"
              value={outcome}
              checked={posted?.outcome === outcome}
            />
            <label for={`${outcomeId}-${outcome}`}>{t(`calls.outcome.${outcome}`)}</label>
          </div>
        ))}
      </fieldset>
      <div class={commentError ? 'field has-error' : 'field'}>
        <label for={commentId}>{t('calls.comment')}</label>
        <p class="hint" id={`${commentId}-hint`}>
          {t('calls.comment_hint')}
        </p>
        {commentError ? (
          <p class="field-error" id={`${commentId}-error`}>
            {commentError}
          </p>
        ) : null}
        <textarea
          id={commentId}
          name="comment"
          rows={2}
          maxlength={callCommentMax}
          aria-invalid={commentError ? 'true' : undefined}
          aria-describedby={[`${commentId}-hint`, commentError ? `${commentId}-error` : '']
            .filter(Boolean)
            .join(' ')}
        >
          {posted?.comment ?? ''}
        </textarea>
      </div>
      <button type="submit" class="button">
        {t('calls.save')}
        <span class="visually-hidden">{` ${t('calls.save_for', { reference: person.reference })}`}</span>
      </button>
    </form>
  );
}

function PersonCard(props: {
  c: Ctx;
  person: Callee;
  place: Place;
  posted: PostedForm | null;
  /** Only the card is sent (htmx): it carries the notice and error summary the page would. */
  alone?: { notice: string | null };
}) {
  const { c, person } = props;
  const t = c.var.t;
  const erased = person.erased_at !== null;
  const headingId = `person-${person.id}-name`;
  return (
    <article class="card" id={`person-${person.id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {erased ? t('calls.erased') : (person.full_name ?? t('calls.not_given'))}{' '}
        <span class="status">{person.reference}</span>
      </h2>
      {props.alone?.notice ? (
        <p class="notice" role="status">
          {props.alone.notice}
        </p>
      ) : null}
      {props.alone && props.posted?.personId === person.id && Object.keys(props.posted.errors).length > 0 ? (
        <ErrorSummary
          title={t('calls.problem_with', { reference: person.reference })}
          errors={props.posted.errors}
          labels={{
            [outcomeField(person.id)]: t('calls.outcome_legend'),
            [commentField(person.id)]: t('calls.comment'),
          }}
        />
      ) : null}
      <dl class="facts">
        <dt>{t('calls.status')}</dt>
        <dd>{t(`status.${person.status}`, { defaultValue: person.status })}</dd>
        {erased ? null : (
          <>
            <dt>{t('calls.phone')}</dt>
            <dd>
              {person.phone ? (
                <a class="button secondary" href={`tel:${person.phone.replace(/[^\d+]/g, '')}`}>
                  {person.phone}
                </a>
              ) : (
                t('calls.not_given')
              )}
            </dd>
            <dt>{t('calls.email')}</dt>
            <dd>
              {person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : t('calls.not_given')}
            </dd>
            <dt>{t('calls.language')}</dt>
            <dd>
              {person.preferred_language
                ? t(`calls.language_${person.preferred_language}`, {
                    defaultValue: person.preferred_language,
                  })
                : t('calls.not_given')}
            </dd>
            <dt>{t('calls.needs')}</dt>
            <dd>
              {person.needs.length === 0 && !person.needs_details ? t('calls.no_needs') : null}
              {person.needs.length > 0 ? (
                <ul>
                  {person.needs.map((n) => (
                    <li>{t(`need.${n}`, { defaultValue: n })}</li>
                  ))}
                </ul>
              ) : null}
              {person.needs_details ? (
                <p>
                  {t('calls.needs_details')}: {person.needs_details}
                </p>
              ) : null}
            </dd>
          </>
        )}
        <dt>{t('calls.last_call')}</dt>
        <dd>
          {person.latest
            ? t('calls.last_call_value', {
                outcome: t(`calls.outcome.${person.latest.outcome}`, { defaultValue: person.latest.outcome }),
                when: formatTime(c, person.latest.at),
              })
            : t('calls.never_called')}
        </dd>
        <dt>{t('calls.attempts')}</dt>
        <dd>{String(person.attempts)}</dd>
      </dl>
      {person.calls.length > 0 ? (
        <CallHistory c={c} calls={person.calls} headingId={`person-${person.id}-calls`} />
      ) : null}
      <OutcomeForm c={c} person={person} place={props.place} posted={props.posted} />
    </article>
  );
}

function Pager(props: { c: Ctx; place: Place; pages: number }) {
  const { c, place, pages } = props;
  const t = c.var.t;
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('calls.pages')}>
      {place.page > 1 ? (
        <a href={placeHref(c, { ...place, page: place.page - 1 })} rel="prev">
          {t('calls.previous')}
        </a>
      ) : null}
      <span aria-current="page">{t('calls.page_of', { page: place.page, pages })}</span>
      {place.page < pages ? (
        <a href={placeHref(c, { ...place, page: place.page + 1 })} rel="next">
          {t('calls.next')}
        </a>
      ) : null}
    </nav>
  );
}

async function callsPage(c: Ctx, requested: Place, posted: PostedForm | null = null) {
  const t = c.var.t;
  const everyone = await listed(c, requested.q);
  const inTab = everyone.filter((p) => matches(p, requested.filter));
  const counts = Object.fromEntries(
    filters.map((f) => [f, everyone.filter((p) => matches(p, f)).length]),
  ) as Record<Filter, number>;
  const pages = pageCount(inTab.length);
  const place: Place = { ...requested, page: Math.min(requested.page, pages) };
  const first = (place.page - 1) * callsPageSize;
  const shown = inTab.slice(first, first + callsPageSize);
  // The person whose form has a problem stays on the page whatever the filter, so the message shows.
  if (posted && !shown.some((p) => p.id === posted.personId)) {
    const person = everyone.find((p) => p.id === posted.personId);
    if (person) shown.unshift(person);
  }
  const query = listSchema.parse(c.req.query());
  const notice =
    !posted && query.saved && query.outcome
      ? t('calls.saved', { reference: query.saved, outcome: t(`calls.outcome.${query.outcome}`) })
      : null;
  const base = callsBase(c);
  const hasErrors = posted !== null && Object.keys(posted.errors).length > 0;
  return renderAssemblyPage(
    c,
    'calls',
    t('calls.title'),
    <>
      <p>{t('calls.lead')}</p>
      {posted && hasErrors ? (
        <ErrorSummary
          title={t('calls.problem_with', { reference: posted.reference })}
          errors={posted.errors}
          labels={{
            [outcomeField(posted.personId)]: t('calls.outcome_legend'),
            [commentField(posted.personId)]: t('calls.comment'),
          }}
        />
      ) : null}
      <search aria-label={t('calls.search_label')}>
        <form method="get" action={base} class="filters">
          <input type="hidden" name="filter" value={place.filter} />
          <TextField name="q" type="search" label={t('calls.search')} value={place.q} />
          <SubmitButton label={t('calls.search_button')} />
          {place.q ? (
            <a href={placeHref(c, { ...place, q: '', page: 1 })}>{t('calls.search_clear')}</a>
          ) : null}
        </form>
      </search>
      <nav aria-label={t('calls.filter_label')} class="actions">
        {filters.map((f) => (
          <a
            class={f === place.filter ? 'button' : 'button secondary'}
            href={placeHref(c, { filter: f, q: place.q, page: 1 })}
            aria-current={f === place.filter ? 'page' : undefined}
          >
            {t(`calls.filter_${f}`, { count: counts[f] })}
          </a>
        ))}
      </nav>
      <p class="results-count" role="status">
        {inTab.length === 0
          ? t(place.q ? 'calls.none_found' : 'calls.none')
          : pages > 1
            ? t('calls.shown_range', {
                count: inTab.length,
                from: first + 1,
                to: first + Math.min(callsPageSize, inTab.length - first),
              })
            : t('calls.shown', { count: inTab.length })}
      </p>
      {shown.length > 0 ? (
        <div class="cards">
          {shown.map((person) => (
            <PersonCard c={c} person={person} place={place} posted={posted} />
          ))}
        </div>
      ) : null}
      <Pager c={c} place={place} pages={pages} />
    </>,
    { notice, status: hasErrors ? 422 : 200 },
  );
}

async function listHandler(c: Ctx) {
  const { filter, page, q } = listSchema.parse(c.req.query());
  return callsPage(c, { filter, page, q });
}

function isHtmx(c: Ctx): boolean {
  return c.req.header('hx-request') === 'true';
}

/**
 * Only the card, for htmx. Sent with 200 even when the form has a problem: htmx does not swap in
 * error responses, and the card itself carries the error summary and the messages.
 */
function cardOnly(c: Ctx, person: Callee, place: Place, posted: PostedForm | null, notice: string | null) {
  c.header('Vary', 'HX-Request');
  c.header('Cache-Control', 'no-store');
  return c.html(<PersonCard c={c} person={person} place={place} posted={posted} alone={{ notice }} />);
}

/**
 * Where the caller lands after saving: the same tab, search and page, at the card they saved; if
 * that card has left the tab (a yes or a no in "still to call"), at the card that took its place.
 */
function landing(before: Callee[], after: Callee[], personId: string): { page: number; anchor: string } {
  let index = after.findIndex((p) => p.id === personId);
  if (index < 0) {
    const was = before.findIndex((p) => p.id === personId);
    const later = new Set(before.slice(was + 1).map((p) => p.id));
    index = after.findIndex((p) => later.has(p.id));
    if (index < 0) index = after.length - 1;
  }
  if (index < 0) return { page: 1, anchor: '' };
  return { page: Math.floor(index / callsPageSize) + 1, anchor: `#person-${after[index].id}` };
}

async function outcomeSubmit(c: Ctx) {
  const t = c.var.t;
  const personId = c.req.param('personId') ?? '';
  const form = outcomeSchema.parse(await c.req.parseBody());
  const place: Place = { filter: form.filter, page: form.page, q: form.q };
  const before = await listed(c, place.q);
  let person = before.find((p) => p.id === personId);
  if (!person) {
    // Searched for someone else meanwhile, or never on the list: look without the search.
    person = (await listed(c, '')).find((p) => p.id === personId);
    if (!person) return errorPage(c, 404, t('errors.not_found'));
  }
  const posted: PostedForm = {
    personId,
    reference: person.reference,
    outcome: form.outcome,
    comment: form.comment,
    errors: {},
  };
  const again = () =>
    isHtmx(c) && person ? cardOnly(c, person, place, posted, null) : callsPage(c, place, posted);
  if (!form.outcome) posted.errors[outcomeField(personId)] = t('errors.call_outcome_invalid');
  else if (!isCallOutcome(form.outcome))
    posted.errors[outcomeField(personId)] = t('errors.call_outcome_invalid');
  if (form.comment.length > callCommentMax) {
    posted.errors[commentField(personId)] = t('errors.too_long', { max: callCommentMax });
  }
  if (Object.keys(posted.errors).length > 0) return again();
  try {
    await recordCallOutcome(
      c.var.config.database,
      staffActor(c),
      c.var.role,
      c.var.assembly.id,
      personId,
      form.outcome,
      form.comment || null,
      { reminder: mailReminder(c) },
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.code === 'not_found') return errorPage(c, 404, t('errors.not_found'));
    const params: Record<string, string | number> = { ...error.params };
    for (const key of ['from', 'to']) {
      const v = params[key];
      if (typeof v === 'string') params[key] = t(`status.${v}`, { defaultValue: v });
    }
    const field = error.field === 'comment' ? commentField(personId) : outcomeField(personId);
    posted.errors[field] = t(`errors.${error.code}`, params);
    return again();
  }
  const outcome = form.outcome as CallOutcome;
  const after = await listed(c, place.q);
  if (isHtmx(c)) {
    const saved =
      after.find((p) => p.id === personId) ?? (await listed(c, '')).find((p) => p.id === personId);
    if (saved) {
      const notice = t('calls.saved', {
        reference: person.reference,
        outcome: t(`calls.outcome.${outcome}`),
      });
      return cardOnly(c, saved, place, null, notice);
    }
  }
  const inTab = (list: Callee[]) => list.filter((p) => matches(p, place.filter));
  const { page, anchor } = landing(inTab(before), inTab(after), personId);
  const href = placeHref(c, { ...place, page }, { saved: person.reference, outcome });
  return c.redirect(`${href}${anchor}`, 303);
}

export const callRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/calls',
    tab: { key: 'calls', phase: 'recruitment' },
    access: needs('calls:make'),
    handler: listHandler,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/calls/:personId',
    access: needs('calls:make'),
    handler: outcomeSubmit,
  },
];
