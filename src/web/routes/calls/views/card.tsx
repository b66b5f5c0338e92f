/**
 * One person's card on the confirmation callers' list: how to reach her, her access needs, how earlier
 * calls went, and the form to record a call. Cards have large targets so the list works on a phone
 * held in one hand. No address and no demographic answers appear here.
 */
import { callCommentMax, callOutcomes } from '../../../../domain/calls.ts';
import type { Callee, Place } from '../../../../queries/calls.ts';
import type { Ctx } from '../../../env.ts';
import { CallHistory } from '../../../views/call-history.tsx';
import { Csrf, ErrorSummary, type FieldErrors, type FormValues, str } from '../../../views/forms.tsx';
import { formatTime } from '../../../views/time.ts';

/** A card's form as posted and refused: what was typed and the messages, by the card's field ids. */
export interface PostedCard {
  personId: string;
  reference: string;
  values: FormValues;
  errors: FieldErrors;
}

/** What every card needs besides its person. */
export interface CardContext {
  place: Place;
  posted: PostedCard | null;
  /** Call-back reminders go by e-mail: the time to be reminded at is asked only when e-mail is on. */
  reminders: boolean;
}

export function callsBase(c: Ctx): string {
  return `/a/${c.var.assembly.id}/calls`;
}

/** The list's address for a place; the defaults are left out so the plain address stays plain. */
export function placeHref(c: Ctx, place: Place, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  query.set('filter', place.filter);
  if (place.q) query.set('q', place.q);
  if (place.page > 1) query.set('page', String(place.page));
  for (const [k, v] of Object.entries(extra)) query.set(k, v);
  return `${callsBase(c)}?${query.toString()}`;
}

/** Each card's fields have ids of their own, so that an error summary can link to the right one. */
export const cardFieldIds = {
  outcome: (personId: string) => `outcome-${personId}`,
  comment: (personId: string) => `comment-${personId}`,
  call_back_at: (personId: string) => `call-back-at-${personId}`,
};

export function cardLabels(c: Ctx, personId: string): Record<string, string> {
  const t = c.var.t;
  return {
    [cardFieldIds.outcome(personId)]: t('calls.outcome_legend'),
    [cardFieldIds.comment(personId)]: t('calls.comment'),
    [cardFieldIds.call_back_at(personId)]: t('calls.call_back_at'),
  };
}

function FieldError(props: { id: string; error?: string }) {
  return props.error ? (
    <p class="field-error" id={`${props.id}-error`}>
      {props.error}
    </p>
  ) : null;
}

function OutcomeChoice(props: { c: Ctx; personId: string; posted: PostedCard | null }) {
  const { c, posted } = props;
  const id = cardFieldIds.outcome(props.personId);
  const error = posted?.errors[id];
  const chosen = posted ? str(posted.values, 'outcome') : '';
  return (
    <fieldset
      class={error ? 'field has-error' : 'field'}
      id={id}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{c.var.t('calls.outcome_legend')}</legend>
      <FieldError id={id} error={error} />
      {callOutcomes.map((outcome) => (
        <div class="choice">
          <input
            type="radio"
            id={`${id}-${outcome}`}
            name="outcome"
            value={outcome}
            checked={chosen === outcome}
          />
          <label for={`${id}-${outcome}`}>{c.var.t(`calls.outcome.${outcome}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}

function CommentField(props: { c: Ctx; personId: string; posted: PostedCard | null }) {
  const t = props.c.var.t;
  const id = cardFieldIds.comment(props.personId);
  const error = props.posted?.errors[id];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{t('calls.comment')}</label>
      <p class="hint" id={`${id}-hint`}>
        {t('calls.comment_hint')}
      </p>
      <FieldError id={id} error={error} />
      <textarea
        id={id}
        name="comment"
        rows={2}
        maxlength={callCommentMax}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
      >
        {props.posted ? str(props.posted.values, 'comment') : ''}
      </textarea>
    </div>
  );
}

/** When to call back after "call again later": the reminder comes by e-mail at that time. */
function CallBackField(props: { c: Ctx; personId: string; posted: PostedCard | null }) {
  const t = props.c.var.t;
  const id = cardFieldIds.call_back_at(props.personId);
  const error = props.posted?.errors[id];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{t('calls.call_back_at')}</label>
      <p class="hint" id={`${id}-hint`}>
        {t('calls.call_back_at_hint')}
      </p>
      <FieldError id={id} error={error} />
      <input
        type="datetime-local"
        id={id}
        name="call_back_at"
        value={props.posted ? str(props.posted.values, 'call_back_at') : ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
      />
    </div>
  );
}

function OutcomeForm(props: { c: Ctx; person: Callee; card: CardContext }) {
  const { c, person, card } = props;
  const t = c.var.t;
  const posted = card.posted?.personId === person.id ? card.posted : null;
  const action = `${callsBase(c)}/${person.id}`;
  return (
    <form
      method="post"
      action={action}
      class="stack"
      novalidate
      hx-post={action}
      hx-target={`#person-${person.id}`}
      hx-swap="outerHTML"
    >
      <Csrf c={c} />
      <input type="hidden" name="filter" value={card.place.filter} />
      <input type="hidden" name="page" value={String(card.place.page)} />
      <input type="hidden" name="q" value={card.place.q} />
      <OutcomeChoice c={c} personId={person.id} posted={posted} />
      <CommentField c={c} personId={person.id} posted={posted} />
      {card.reminders ? <CallBackField c={c} personId={person.id} posted={posted} /> : null}
      <button type="submit" class="button">
        {t('calls.save')}
        <span class="visually-hidden">{` ${t('calls.save_for', { reference: person.reference })}`}</span>
      </button>
    </form>
  );
}

/** Phone, e-mail, language and needs: left out for a person whose data is erased. */
function ContactFacts(props: { c: Ctx; person: Callee }) {
  const { c, person } = props;
  const t = c.var.t;
  return (
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
      <dd>{person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : t('calls.not_given')}</dd>
      <dt>{t('calls.language')}</dt>
      <dd>
        {person.preferred_language
          ? t(`calls.language_${person.preferred_language}`, { defaultValue: person.preferred_language })
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
  );
}

function CardFacts(props: { c: Ctx; person: Callee }) {
  const { c, person } = props;
  const t = c.var.t;
  return (
    <dl class="facts">
      <dt>{t('calls.status')}</dt>
      <dd>{t(`status.${person.status}`, { defaultValue: person.status })}</dd>
      {person.erased_at !== null ? null : <ContactFacts c={c} person={person} />}
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
  );
}

/**
 * One person's card. `alone`: only the card is sent (htmx), so it carries the notice and error
 * summary the page would.
 */
export function PersonCard(props: {
  c: Ctx;
  person: Callee;
  card: CardContext;
  alone?: { notice: string | null };
}) {
  const { c, person, card } = props;
  const t = c.var.t;
  const headingId = `person-${person.id}-name`;
  const posted = card.posted?.personId === person.id ? card.posted : null;
  return (
    <article class="card" id={`person-${person.id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {person.erased_at !== null ? t('calls.erased') : (person.full_name ?? t('calls.not_given'))}{' '}
        <span class="status">{person.reference}</span>
      </h2>
      {props.alone?.notice ? (
        <p class="notice" role="status">
          {props.alone.notice}
        </p>
      ) : null}
      {props.alone && posted ? (
        <ErrorSummary
          title={t('calls.problem_with', { reference: person.reference })}
          errors={posted.errors}
          labels={cardLabels(c, person.id)}
        />
      ) : null}
      <CardFacts c={c} person={person} />
      {person.calls.length > 0 ? (
        <CallHistory c={c} calls={person.calls} headingId={`person-${person.id}-calls`} />
      ) : null}
      <OutcomeForm c={c} person={person} card={card} />
    </article>
  );
}
