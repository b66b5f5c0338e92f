/** The publication tab's handlers: each reads its form or button, runs one command, and redirects. */
import { publishPage, savePublication, unpublishPage } from '../../../commands/public-page.ts';
import { publicationView } from '../../../queries/public-page.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, runAction, submitForm } from '../../form.ts';
import { noticeIn } from '../../validation.ts';
import { publicationSchema } from './schema.ts';
import { publicationPage } from './views.tsx';

const notices = ['saved', 'published', 'unpublished'] as const;

function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/publication`;
}

async function show(c: Ctx, form: FormFailure | null, notice: string | null, status?: 400 | 409) {
  const view = await publicationView(c.var.config.database.db, c.var.assembly.id);
  return publicationPage(c, view, form, notice, status);
}

export function showPublication(c: Ctx) {
  return show(c, null, noticeIn(c, 'publication', notices));
}

export function saveSubmit(c: Ctx) {
  return submitForm(c, {
    schema: publicationSchema,
    lists: ['sections'],
    run: (input) => savePublication(c.var.config.database, staffActor(c), c.var.assembly.id, input),
    done: () => c.redirect(`${base(c)}?notice=saved`),
    failed: (failure) => show(c, failure, null, 400),
  });
}

export function publishSubmit(c: Ctx) {
  return runAction(c, () => publishPage(c.var.config.database, staffActor(c), c.var.assembly.id), {
    done: () => c.redirect(`${base(c)}?notice=published`),
    refused: (message) => show(c, null, message, 409),
  });
}

export function unpublishSubmit(c: Ctx) {
  return runAction(c, () => unpublishPage(c.var.config.database, staffActor(c), c.var.assembly.id), {
    done: () => c.redirect(`${base(c)}?notice=unpublished`),
    refused: (message) => show(c, null, message, 409),
  });
}
