/** The retention schedule's handlers: read the schedule, hold or release a category. */
import { holdCategory, releaseHold } from '../../../commands/retention-holds.ts';
import { retentionSchedule } from '../../../queries/retention.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, runAction, submitForm } from '../../form.ts';
import { noticeIn } from '../../validation.ts';
import { holdSchema, retentionNotices } from './schema.ts';
import { schedulePage } from './views.tsx';

function load(c: Ctx) {
  return retentionSchedule(c.var.config.database.db, c.var.assembly.id, c.var.assembly.ends_on);
}

function done(c: Ctx, notice: string) {
  return c.redirect(`/a/${c.var.assembly.id}/retention?notice=${notice}`, 303);
}

export async function showSchedule(c: Ctx) {
  return schedulePage(c, await load(c), { notice: noticeIn(c, 'retention', retentionNotices) });
}

export async function holdSubmit(c: Ctx) {
  const category = c.req.param('category') ?? '';
  return submitForm(c, {
    schema: holdSchema,
    run: ({ reason }) =>
      holdCategory(c.var.config.database, staffActor(c), c.var.assembly.id, category, reason),
    done: () => done(c, 'held'),
    failed: async (form: FormFailure) =>
      schedulePage(c, await load(c), { notice: null, failed: { category, form } }),
  });
}

export async function releaseSubmit(c: Ctx) {
  const category = c.req.param('category') ?? '';
  return runAction(c, () => releaseHold(c.var.config.database, staffActor(c), c.var.assembly.id, category), {
    done: () => done(c, 'released'),
    refused: async (message) => schedulePage(c, await load(c), { notice: message }),
  });
}
