/**
 * The people pages' handlers: each reads the address or the form, calls one query or command, and
 * renders or redirects. A person the viewer may not see (callers see only the people they have to
 * call) is not found, on every route.
 */
import {
  changePersonStatus,
  erasePerson,
  exportPerson,
  sendMemberLink,
  withdrawConsent,
} from '../../../commands/people.ts';
import { emailEnabled } from '../../../mail/sender.ts';
import { findVisiblePerson, readPeopleList, readPersonRecord, type Viewer } from '../../../queries/people.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, runAction, submitForm } from '../../form.ts';
import { errorPage } from '../../views/errors.tsx';
import { eraseSchema, listSchema, personNotices, statusSchema } from './schema.ts';
import { erasePage, memberLinkPage } from './views/actions.tsx';
import { ListResults, listPage } from './views/list.tsx';
import { personHref } from './views/parts.tsx';
import { personPage } from './views/person.tsx';

function viewer(c: Ctx): Viewer {
  return { assemblyId: c.var.assembly.id, role: c.var.role };
}

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

/** The person named in the address, when the viewer may see her. */
function visiblePerson(c: Ctx) {
  return findVisiblePerson(c.var.config.database.db, viewer(c), c.req.param('personId') ?? '');
}

export async function showList(c: Ctx) {
  // htmx asks for the results only; a history restore needs the whole page.
  const resultsOnly =
    c.req.header('hx-request') === 'true' && c.req.header('hx-history-restore-request') !== 'true';
  const list = await readPeopleList(c.var.config.database.db, viewer(c), listSchema.parse(c.req.query()), {
    resultsOnly,
  });
  c.header('Vary', 'HX-Request');
  if (!resultsOnly) return listPage(c, list);
  c.header('Cache-Control', 'no-store');
  return c.html(<ListResults c={c} list={list} />);
}

/** The person's page; after a refused status change, with the form as typed and its errors. */
async function renderPerson(c: Ctx, form: FormFailure = { values: {}, errors: {} }) {
  const record = await readPersonRecord(c.var.config.database.db, viewer(c), c.req.param('personId') ?? '');
  if (!record) return notFound(c);
  const done = c.req.query('done');
  const notice =
    done && (personNotices as readonly string[]).includes(done) ? c.var.t(`people.done_${done}`) : null;
  return personPage(c, record, notice, form);
}

export function showPerson(c: Ctx) {
  return renderPerson(c);
}

export async function changeStatus(c: Ctx) {
  const person = await visiblePerson(c);
  if (!person) return notFound(c);
  return submitForm(c, {
    schema: statusSchema,
    run: (form) =>
      changePersonStatus(
        c.var.config.database,
        staffActor(c),
        c.var.role,
        c.var.assembly.id,
        person.id,
        form.status,
        form.comment || null,
      ),
    done: () => c.redirect(`${personHref(c, person.id)}?done=status`, 303),
    failed: (failure) => (failure.refusal?.code === 'not_found' ? notFound(c) : renderPerson(c, failure)),
  });
}

export async function withdrawConsentSubmit(c: Ctx) {
  const person = await visiblePerson(c);
  if (!person) return notFound(c);
  return runAction(
    c,
    () =>
      withdrawConsent(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        person.id,
        c.req.param('consentId') ?? '',
      ),
    {
      done: () => c.redirect(`${personHref(c, person.id)}?done=consent`, 303),
      refused: () => notFound(c),
    },
  );
}

export async function memberLinkSubmit(c: Ctx) {
  const person = await visiblePerson(c);
  if (!person) return notFound(c);
  const origin = new URL(c.req.url).origin;
  return runAction(
    c,
    () =>
      sendMemberLink(c.var.config.database, staffActor(c), c.var.assembly.id, person.id, {
        siteUrl: process.env.LOTTA_PUBLIC_URL?.trim() || origin,
        emailOn: emailEnabled(),
      }),
    {
      done: (sent) => memberLinkPage(c, person, { link: `${origin}/m/${sent.token}`, channel: sent.channel }),
      refused: () => notFound(c),
    },
  );
}

export async function showErase(c: Ctx) {
  const person = await visiblePerson(c);
  if (!person) return notFound(c);
  if (person.erased_at) return c.redirect(personHref(c, person.id), 303);
  return erasePage(c, person);
}

export async function eraseSubmit(c: Ctx) {
  const person = await visiblePerson(c);
  if (!person) return notFound(c);
  const back = personHref(c, person.id);
  return submitForm(c, {
    schema: eraseSchema,
    run: () =>
      erasePerson(c.var.config.database, staffActor(c), c.var.assembly.id, person.id, c.var.config.dataDir),
    done: () => c.redirect(`${back}?done=erased`, 303),
    // Not confirmed: back to the page that asks.
    failed: (failure) => (failure.refusal ? notFound(c) : c.redirect(`${back}/erase`, 303)),
  });
}

export async function exportDownload(c: Ctx) {
  const person = await visiblePerson(c);
  if (!person) return notFound(c);
  return runAction(
    c,
    () => exportPerson(c.var.config.database, staffActor(c), c.var.assembly.id, person.id),
    {
      done: (record) =>
        c.body(JSON.stringify(record, null, 2), 200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Disposition': `attachment; filename="person-${person.reference.replace(/[^A-Za-z0-9-]/g, '')}.json"`,
          'Cache-Control': 'no-store',
        }),
      refused: () => notFound(c),
    },
  );
}
