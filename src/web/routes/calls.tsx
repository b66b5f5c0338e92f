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
import { needs, type Route } from '../routing.ts';
import { renderAssemblyPage } from '../views/assembly-frame.tsx';
import { errorPage } from '../views/errors.tsx';
import { Csrf, ErrorSummary, type FieldErrors } from '../views/forms.tsx';
import { formatTime } from '../views/time.ts';

const filters = ['to_call', 'call_again', 'all'] as const;
type Filter = (typeof filters)[number];

const listSchema = z.object({
  filter: z.enum(filters).catch('all'),
  saved: z
    .string()
    .regex(/^P-\d{1,9}$/)
    .optional()
    .catch(undefined),
  outcome: z.enum(callOutcomes).optional().catch(undefined),
});

const outcomeSchema = z.object({
  outcome: z.string().trim().max(40).catch(''),
  comment: z.string().trim().catch(''),
  filter: z.enum(filters).catch('all'),
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

const outcomeField = (personId: string) => `outcome-${personId}`;
const commentField = (personId: string) => `comment-${personId}`;

function OutcomeForm(props: { c: Ctx; person: Callee; filter: Filter; posted: PostedForm | null }) {
  const { c, person, filter } = props;
  const t = c.var.t;
  const posted = props.posted?.personId === person.id ? props.posted : null;
  const outcomeId = outcomeField(person.id);
  const commentId = commentField(person.id);
  const outcomeError = posted?.errors[outcomeId];
  const commentError = posted?.errors[commentId];
  return (
    <form method="post" action={`${callsBase(c)}/${person.id}`} class="stack" novalidate>
      <Csrf c={c} />
      <input type="hidden" name="filter" value={filter} />
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

function PersonCard(props: { c: Ctx; person: Callee; filter: Filter; posted: PostedForm | null }) {
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
      <OutcomeForm c={c} person={person} filter={props.filter} posted={props.posted} />
    </article>
  );
}

async function callsPage(c: Ctx, filter: Filter, posted: PostedForm | null = null) {
  const t = c.var.t;
  const everyone = (await listCallees(c.var.config.database.db, c.var.assembly.id, callListStatuses)).sort(
    byUrgency,
  );
  // The person whose form has a problem stays on the page whatever the filter, so the message shows.
  const shown = everyone.filter((p) => matches(p, filter) || p.id === posted?.personId);
  const counts = Object.fromEntries(
    filters.map((f) => [f, everyone.filter((p) => matches(p, f)).length]),
  ) as Record<Filter, number>;
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
        />
      ) : null}
      <nav aria-label={t('calls.filter_label')} class="actions">
        {filters.map((f) => (
          <a
            class={f === filter ? 'button' : 'button secondary'}
            href={`${base}?filter=${f}`}
            aria-current={f === filter ? 'page' : undefined}
          >
            {t(`calls.filter_${f}`, { count: counts[f] })}
          </a>
        ))}
      </nav>
      <p class="results-count" role="status">
        {shown.length === 0 ? t('calls.none') : t('calls.shown', { count: shown.length })}
      </p>
      {shown.length > 0 ? (
        <div class="cards">
          {shown.map((person) => (
            <PersonCard c={c} person={person} filter={filter} posted={posted} />
          ))}
        </div>
      ) : null}
    </>,
    { notice, status: hasErrors ? 422 : 200 },
  );
}

async function listHandler(c: Ctx) {
  return callsPage(c, listSchema.parse(c.req.query()).filter);
}

async function outcomeSubmit(c: Ctx) {
  const t = c.var.t;
  const personId = c.req.param('personId') ?? '';
  const callees = await listCallees(c.var.config.database.db, c.var.assembly.id, callListStatuses);
  const person = callees.find((p) => p.id === personId);
  if (!person) return errorPage(c, 404, t('errors.not_found'));
  const form = outcomeSchema.parse(await c.req.parseBody());
  const posted: PostedForm = {
    personId,
    reference: person.reference,
    outcome: form.outcome,
    comment: form.comment,
    errors: {},
  };
  if (!form.outcome) posted.errors[outcomeField(personId)] = t('errors.call_outcome_invalid');
  else if (!isCallOutcome(form.outcome))
    posted.errors[outcomeField(personId)] = t('errors.call_outcome_invalid');
  if (form.comment.length > callCommentMax) {
    posted.errors[commentField(personId)] = t('errors.too_long', { max: callCommentMax });
  }
  if (Object.keys(posted.errors).length > 0) return callsPage(c, form.filter, posted);
  try {
    await recordCallOutcome(
      c.var.config.database,
      staffActor(c),
      c.var.role,
      c.var.assembly.id,
      personId,
      form.outcome,
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
    const field = error.field === 'comment' ? commentField(personId) : outcomeField(personId);
    posted.errors[field] = t(`errors.${error.code}`, params);
    return callsPage(c, form.filter, posted);
  }
  const outcome = form.outcome as CallOutcome;
  const query = new URLSearchParams({ filter: form.filter, saved: person.reference, outcome });
  return c.redirect(`${callsBase(c)}?${query.toString()}`, 303);
}

export const callRoutes: Route[] = [
  { method: 'GET', path: '/a/:assemblyId/calls', access: needs('calls:make'), handler: listHandler },
  {
    method: 'POST',
    path: '/a/:assemblyId/calls/:personId',
    access: needs('calls:make'),
    handler: outcomeSubmit,
  },
];
