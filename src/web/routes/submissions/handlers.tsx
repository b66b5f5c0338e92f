/**
 * The submissions pages' handlers. The public form keeps bots out as the registration form does: a
 * field people do not see, a signed time of when the form was shown, and a limit on attempts per
 * address, all checked before the submission is read into the database.
 */
import {
  acceptSubmission,
  rejectSubmission,
  sendSubmission,
  setSubmissionsOpen,
} from '../../../commands/submissions.ts';
import { submissionAssembly, submissionList, submissionRecord } from '../../../queries/submissions.ts';
import type { Assembly } from '../../../repositories/assemblies.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, readForm, runAction, submitForm } from '../../form.ts';
import { appLimiter, clientAddress } from '../../rate-limit.ts';
import { formAgeMillis, formTimeToken } from '../../security.ts';
import { noticeIn } from '../../validation.ts';
import { errorPage } from '../../views/errors.tsx';
import { type FieldErrors, type FormValues, str } from '../../views/forms.tsx';
import {
  botFieldsSchema,
  honeypotField,
  rejectSchema,
  submissionNotices,
  submissionSchema,
} from './schema.ts';
import { closedPage, publicFormPage, thanksPage } from './views/public.tsx';
import { listPage, submissionPage } from './views/review.tsx';

/** Submissions (sent or refused) per client address and window. */
const attemptLimit = 10;
const attemptWindowMillis = 15 * 60 * 1000;

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

function findAssembly(c: Ctx): Promise<Assembly | null> {
  return submissionAssembly(c.var.config.database.db, c.req.param('slug') ?? '');
}

export async function showPublicForm(c: Ctx) {
  const assembly = await findAssembly(c);
  if (!assembly) return notFound(c);
  if (!assembly.submissions_open) return closedPage(c, assembly);
  const form = { values: {}, errors: {} };
  return publicFormPage(c, assembly, form, formTimeToken(c.var.config.secret));
}

/** Counts this attempt; the seconds to wait when the client is over the limit, else null. */
async function attemptRefused(c: Ctx): Promise<number | null> {
  const limiter = appLimiter(c, 'submissions', attemptLimit, attemptWindowMillis);
  const client = clientAddress(c);
  if (await limiter.hit(client)) return null;
  const seconds = await limiter.retryAfterSeconds(client);
  c.header('Retry-After', String(seconds));
  return seconds;
}

/** Why the form looks sent by a bot (a message key), or null when it looks typed by a person. */
function botRefusal(c: Ctx, values: FormValues): string | null {
  const bot = botFieldsSchema.parse(values);
  if (bot[honeypotField] !== '') return 'submissions.bot_suspected';
  const age = formAgeMillis(c.var.config.secret, bot.form_time);
  if (age === null || age < c.var.config.minimumFormMillis) return 'submissions.too_fast';
  return null;
}

export async function publicSubmit(c: Ctx) {
  const refusedFor = await attemptRefused(c);
  const assembly = await findAssembly(c);
  if (!assembly) return notFound(c);
  if (!assembly.submissions_open) return closedPage(c, assembly, 409);
  const { config, t } = c.var;
  const values = await readForm(c);
  // The time the form was first shown stays with it, so waiting after a refusal is enough.
  const formTime =
    formAgeMillis(config.secret, str(values, 'form_time')) === null
      ? formTimeToken(config.secret)
      : str(values, 'form_time');
  const again = (errors: FieldErrors, status?: 429) =>
    publicFormPage(c, assembly, { values, errors }, formTime, status);
  if (refusedFor !== null)
    return again(
      { _form: t('submissions.rate_limited', { minutes: Math.max(1, Math.ceil(refusedFor / 60)) }) },
      429,
    );
  const bot = botRefusal(c, values);
  if (bot) return again({ _form: t(bot) });
  return submitForm(c, {
    schema: submissionSchema,
    values,
    run: (input) => sendSubmission(config.database, assembly.id, input),
    done: () => thanksPage(c, assembly),
    failed: (failure) =>
      failure.refusal?.code === 'submissions_closed' ? closedPage(c, assembly, 409) : again(failure.errors),
  });
}

// --- The organisers' review ----------------------------------------------------------------------

export async function showList(c: Ctx) {
  const submissions = await submissionList(c.var.config.database.db, c.var.assembly.id);
  return listPage(c, submissions, noticeIn(c, 'submissions', submissionNotices));
}

function loadSubmission(c: Ctx) {
  return submissionRecord(c.var.config.database.db, c.var.assembly.id, c.req.param('submissionId') ?? '');
}

const noFailure: FormFailure = { values: {}, errors: {} };

export async function showSubmission(c: Ctx) {
  const submission = await loadSubmission(c);
  if (!submission) return notFound(c);
  return submissionPage(c, submission, noFailure);
}

function listHref(c: Ctx, notice: string) {
  return `/a/${c.var.assembly.id}/submissions?notice=${notice}`;
}

export function acceptSubmit(c: Ctx) {
  const id = c.req.param('submissionId') ?? '';
  return runAction(c, () => acceptSubmission(c.var.config.database, staffActor(c), c.var.assembly.id, id), {
    done: () => c.redirect(listHref(c, 'accepted'), 303),
    refused: (message, error) => (error.code === 'not_found' ? notFound(c) : errorPage(c, 409, message)),
  });
}

export async function rejectSubmit(c: Ctx) {
  const submission = await loadSubmission(c);
  if (!submission) return notFound(c);
  return submitForm(c, {
    schema: rejectSchema,
    run: ({ reason }) =>
      rejectSubmission(c.var.config.database, staffActor(c), c.var.assembly.id, submission.id, reason),
    done: () => c.redirect(listHref(c, 'rejected'), 303),
    failed: (failure) => submissionPage(c, submission, failure),
  });
}

/** Opens or closes the public form; the list says which it is now. */
export function setFormOpen(open: boolean) {
  return (c: Ctx) =>
    runAction(c, () => setSubmissionsOpen(c.var.config.database, staffActor(c), c.var.assembly.id, open), {
      done: () => c.redirect(listHref(c, open ? 'opened' : 'closed'), 303),
      refused: (message, error) => (error.code === 'not_found' ? notFound(c) : errorPage(c, 409, message)),
    });
}
