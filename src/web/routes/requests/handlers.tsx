/**
 * The requests pages' handlers: each reads the address or the form, calls one query or command, and
 * renders or redirects. A request of another assembly is not found.
 */
import { answerRequest, askRequest, declineRequest } from '../../../commands/requests.ts';
import { requestLogCsv } from '../../../domain/requests.ts';
import { translator } from '../../../i18n/i18n.ts';
import { askForForm, memberAskForm, requestCase, requestLog } from '../../../queries/requests.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, submitForm } from '../../form.ts';
import { noticeIn } from '../../validation.ts';
import { errorPage } from '../../views/errors.tsx';
import { answerSchema, askForSchema, askSchema, declineSchema, requestNotices } from './schema.ts';
import { memberAskPage } from './views/member.tsx';
import { askForPage, casePage, logPage } from './views/staff.tsx';

const noFailure: FormFailure = { values: {}, errors: {} };

function logHref(c: Ctx, notice: string) {
  return `/a/${c.var.assembly.id}/requests?notice=${notice}`;
}

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

export async function showLog(c: Ctx) {
  const entries = await requestLog(c.var.config.database.db, c.var.assembly.id);
  return logPage(c, entries, noticeIn(c, 'requests', requestNotices));
}

/** The log as CSV, in the page's language and its spreadsheet dialect. */
export async function logCsv(c: Ctx) {
  const entries = await requestLog(c.var.config.database.db, c.var.assembly.id);
  const text = requestLogCsv(entries, c.var.lang, translator(c.var.lang));
  return c.body(text, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${c.var.assembly.slug}-requests.csv"`,
    'Cache-Control': 'no-store',
  });
}

export async function showAskFor(c: Ctx) {
  const form = await askForForm(c.var.config.database.db, c.var.assembly.id);
  return askForPage(c, form, noFailure);
}

export async function askForSubmit(c: Ctx) {
  const { database } = c.var.config;
  const assemblyId = c.var.assembly.id;
  return submitForm(c, {
    schema: askForSchema,
    run: ({ personId, input }) => askRequest(database, staffActor(c), assemblyId, personId, input),
    done: () => c.redirect(logHref(c, 'asked'), 303),
    failed: async (failure) => askForPage(c, await askForForm(database.db, assemblyId), failure),
  });
}

async function loadCase(c: Ctx) {
  return requestCase(c.var.config.database.db, c.var.assembly.id, c.req.param('requestId') ?? '');
}

export async function showCase(c: Ctx) {
  const found = await loadCase(c);
  if (!found) return notFound(c);
  return casePage(c, found, noFailure);
}

export async function answerSubmit(c: Ctx) {
  const found = await loadCase(c);
  if (!found) return notFound(c);
  return submitForm(c, {
    schema: answerSchema,
    run: (form) =>
      answerRequest(c.var.config.database, staffActor(c), c.var.assembly.id, found.request.id, {
        text: form.answer,
        evidenceItemId: form.evidence_item,
      }),
    done: () => c.redirect(logHref(c, 'answered'), 303),
    failed: (failure) => casePage(c, found, failure),
  });
}

export async function declineSubmit(c: Ctx) {
  const found = await loadCase(c);
  if (!found) return notFound(c);
  return submitForm(c, {
    schema: declineSchema,
    run: (form) =>
      declineRequest(c.var.config.database, staffActor(c), c.var.assembly.id, found.request.id, form.reason),
    done: () => c.redirect(logHref(c, 'declined'), 303),
    failed: (failure) => casePage(c, found, { ...failure, values: { ...failure.values, declining: 'yes' } }),
  });
}

// --- The member's own form -----------------------------------------------------------------------

function memberForm(c: Ctx) {
  return memberAskForm(c.var.config.database.db, c.var.member.personId);
}

export async function showMemberForm(c: Ctx) {
  const form = await memberForm(c);
  if (!form) return errorPage(c, 403, c.var.t('errors.forbidden'));
  return memberAskPage(c, form.sessions, noFailure);
}

export async function memberAskSubmit(c: Ctx) {
  const { personId, assemblyId } = c.var.member;
  return submitForm(c, {
    schema: askSchema,
    run: (input) =>
      askRequest(c.var.config.database, { kind: 'person', personId }, assemblyId, personId, input),
    done: () => c.redirect('/member?notice=asked#requests-heading', 303),
    failed: async (failure) => memberAskPage(c, (await memberForm(c))?.sessions ?? [], failure),
  });
}
