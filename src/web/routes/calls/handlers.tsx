/**
 * The call list's handlers: the list at the caller's place, and recording a call. With htmx a saved
 * or refused card is swapped alone; without it the caller is sent back to her place in the list.
 */
import type { CallBackReminder } from '../../../commands/call-outcomes.ts';
import { recordCallOutcome } from '../../../commands/call-outcomes.ts';
import {
  type Callee,
  callListPage,
  findCallee,
  inTab,
  landing,
  type Place,
  readCallList,
  readCallListPage,
} from '../../../queries/calls.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, readForm, submitForm } from '../../form.ts';
import { mailLinkBase } from '../../mail-delivery.ts';
import { errorPage } from '../../views/errors.tsx';
import type { FieldErrors } from '../../views/forms.tsx';
import { listSchema, outcomeSchema, placeSchema } from './schema.ts';
import { type CardContext, cardFieldIds, PersonCard, type PostedCard, placeHref } from './views/card.tsx';
import { callsPage } from './views/list.tsx';

/** A call-back reminder by e-mail for "call again", when e-mail is on. */
function mailReminder(c: Ctx): CallBackReminder | undefined {
  const siteUrl = mailLinkBase(c);
  return siteUrl ? { siteUrl } : undefined;
}

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

function isHtmx(c: Ctx): boolean {
  return c.req.header('hx-request') === 'true';
}

export async function showCalls(c: Ctx) {
  const t = c.var.t;
  const query = listSchema.parse(c.req.query());
  const place: Place = { filter: query.filter, page: query.page, q: query.q };
  const list = await readCallListPage(c.var.config.database.db, c.var.assembly.id, place);
  const notice =
    query.saved && query.outcome
      ? t('calls.saved', { reference: query.saved, outcome: t(`calls.outcome.${query.outcome}`) })
      : null;
  return callsPage(
    c,
    list,
    { place: list.place, posted: null, reminders: mailReminder(c) !== undefined },
    notice,
  );
}

/**
 * Only the card, for htmx. Sent with 200 even when the form has a problem: htmx does not swap in
 * error responses, and the card itself carries the error summary and the messages.
 */
function cardOnly(c: Ctx, person: Callee, card: CardContext, notice: string | null) {
  c.header('Vary', 'HX-Request');
  c.header('Cache-Control', 'no-store');
  return c.html(<PersonCard c={c} person={person} card={card} alone={{ notice }} />);
}

/** The form's messages under the card's own field ids; one without a field goes with the outcome. */
function cardErrors(personId: string, errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const id =
      field === 'comment' || field === 'call_back_at'
        ? cardFieldIds[field](personId)
        : cardFieldIds.outcome(personId);
    out[id] ??= message;
  }
  return out;
}

/** The refused form again: the card alone for htmx, else the list with the card and its summary. */
async function showRefused(c: Ctx, person: Callee, place: Place, before: Callee[], failure: FormFailure) {
  if (failure.refusal?.code === 'not_found') return notFound(c);
  const posted: PostedCard = {
    personId: person.id,
    reference: person.reference,
    values: failure.values,
    errors: cardErrors(person.id, failure.errors),
  };
  const card: CardContext = { place, posted, reminders: mailReminder(c) !== undefined };
  if (isHtmx(c)) return cardOnly(c, person, card, null);
  const list = callListPage(before, place);
  return callsPage(c, list, { ...card, place: list.place }, null);
}

/** After saving: the card with a notice for htmx, else back to the caller's place in the list. */
async function showSaved(c: Ctx, person: Callee, place: Place, before: Callee[], outcome: string) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const after = await readCallList(db, c.var.assembly.id, place.q);
  if (isHtmx(c)) {
    const saved = await findCallee(db, c.var.assembly.id, person.id, after);
    if (saved) {
      const notice = t('calls.saved', {
        reference: person.reference,
        outcome: t(`calls.outcome.${outcome}`),
      });
      return cardOnly(c, saved, { place, posted: null, reminders: mailReminder(c) !== undefined }, notice);
    }
  }
  const { page, anchor } = landing(inTab(before, place.filter), inTab(after, place.filter), person.id);
  const href = placeHref(c, { ...place, page }, { saved: person.reference, outcome });
  return c.redirect(`${href}${anchor}`, 303);
}

export async function recordOutcome(c: Ctx) {
  const db = c.var.config.database.db;
  const values = await readForm(c);
  const { filter, page, q } = placeSchema.parse(values);
  const place: Place = { filter, page, q };
  const before = await readCallList(db, c.var.assembly.id, place.q);
  // Searched for someone else meanwhile, or never on the list: look without the search.
  const person = await findCallee(db, c.var.assembly.id, c.req.param('personId') ?? '', before);
  if (!person) return notFound(c);
  const reminder = mailReminder(c);
  return submitForm(c, {
    schema: outcomeSchema,
    values,
    run: async (form) => {
      await recordCallOutcome(
        c.var.config.database,
        staffActor(c),
        c.var.role,
        c.var.assembly.id,
        person.id,
        form.outcome,
        form.comment || null,
        { reminder: reminder && { ...reminder, due: form.call_back_at } },
      );
      return form.outcome;
    },
    done: (outcome) => showSaved(c, person, place, before, outcome),
    failed: (failure) => showRefused(c, person, place, before, failure),
  });
}
