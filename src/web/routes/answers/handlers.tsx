/**
 * The answers pages' handlers: each reads the address or the form, calls one query or command, and
 * renders or redirects. A recommendation that is not one of the assembly's adopted ones is not found.
 */
import {
  addImplementationUpdate,
  inviteCommissioner,
  saveAnswer,
  setAnswerDeadline,
} from '../../../commands/answers.ts';
import { answerCase, answersPage } from '../../../queries/answers.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { submitForm } from '../../form.ts';
import { mailLinkBase, siteBase } from '../../mail-delivery.ts';
import { noticeIn } from '../../validation.ts';
import { errorPage } from '../../views/errors.tsx';
import { answerNotices, answerSchema, deadlineSchema, inviteSchema, updateSchema } from './schema.ts';
import { type AnswerForms, answerPage } from './views/answer.tsx';
import { type ListForms, listPage } from './views/list.tsx';

function listHref(c: Ctx, notice: string) {
  return `/a/${c.var.assembly.id}/answers?notice=${notice}`;
}

function loadList(c: Ctx) {
  return answersPage(c.var.config.database.db, c.var.assembly.id, new Date());
}

async function showList(c: Ctx, forms: ListForms) {
  return listPage(c, await loadList(c), forms, noticeIn(c, 'answers', answerNotices));
}

export function showAnswers(c: Ctx) {
  return showList(c, {});
}

export async function deadlineSubmit(c: Ctx) {
  return submitForm(c, {
    schema: deadlineSchema,
    run: (input) => setAnswerDeadline(c.var.config.database, staffActor(c), c.var.assembly.id, input),
    done: () => c.redirect(listHref(c, 'deadline'), 303),
    failed: (failure) => showList(c, { deadline: failure }),
  });
}

export async function inviteSubmit(c: Ctx) {
  return submitForm(c, {
    schema: inviteSchema,
    run: (input) =>
      // The link goes in the outbox even while e-mail is off: it waits there until SMTP is set up.
      inviteCommissioner(c.var.config.database, staffActor(c), c.var.assembly.id, input, {
        linkBase: mailLinkBase(c) ?? siteBase(c),
      }),
    done: (result) => c.redirect(listHref(c, result.created ? 'invited' : 'granted'), 303),
    failed: (failure) => showList(c, { invite: failure }),
  });
}

function loadCase(c: Ctx) {
  const id = c.req.param('recommendationId') ?? '';
  return answerCase(c.var.config.database.db, c.var.assembly.id, id, new Date());
}

async function showCase(c: Ctx, forms: AnswerForms) {
  const found = await loadCase(c);
  if (!found) return errorPage(c, 404, c.var.t('errors.not_found'));
  return answerPage(c, found, forms, noticeIn(c, 'answers', answerNotices));
}

export function showAnswer(c: Ctx) {
  return showCase(c, {});
}

function caseHref(c: Ctx, recommendationId: string, notice: string) {
  return `/a/${c.var.assembly.id}/answers/${recommendationId}?notice=${notice}`;
}

export async function answerSubmit(c: Ctx) {
  const id = c.req.param('recommendationId') ?? '';
  return submitForm(c, {
    schema: answerSchema,
    run: (form) =>
      saveAnswer(c.var.config.database, staffActor(c), c.var.assembly.id, id, form.input, {
        publish: form.publish,
      }),
    done: (result) => c.redirect(caseHref(c, id, result.published ? 'published' : 'drafted'), 303),
    failed: (failure) => showCase(c, { answer: failure }),
  });
}

export async function updateSubmit(c: Ctx) {
  const id = c.req.param('recommendationId') ?? '';
  return submitForm(c, {
    schema: updateSchema,
    run: (input) =>
      addImplementationUpdate(c.var.config.database, staffActor(c), c.var.assembly.id, id, input),
    done: () => c.redirect(caseHref(c, id, 'updated'), 303),
    failed: (failure) => showCase(c, { update: failure }),
  });
}
