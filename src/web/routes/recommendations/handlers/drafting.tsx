/**
 * The recommendations pages' handlers for drafting: each reads the address or the form, calls one
 * query or command, and renders or redirects. A group or recommendation of another assembly is not
 * found; another working group's forms are refused to a facilitator who does not lead it.
 */
import {
  changeRecommendationStatus,
  createRecommendation,
  decideOnAmendment,
  editRecommendation,
  proposeAmendment,
  saveWorkingGroup,
} from '../../../../commands/recommendations.ts';
import { groupForm, groupOf, recommendationsOverview } from '../../../../queries/recommendations.ts';
import { staffActor } from '../../../actor.ts';
import type { Ctx } from '../../../env.ts';
import { runAction, submitForm } from '../../../form.ts';
import { noticeIn } from '../../../validation.ts';
import { render } from '../../../views/layout.tsx';
import {
  amendmentSchema,
  compareQuery,
  decisionSchema,
  groupSchema,
  recommendationNotices,
  recommendationSchema,
  statusSchema,
} from '../schema.ts';
import { comparePage, PrintPage } from '../views/history.tsx';
import { groupPage, listPage } from '../views/list.tsx';
import { createPage, editPage, recommendationPage } from '../views/recommendation.tsx';
import {
  itemHref,
  listHref,
  loadView,
  noFailure,
  notFound,
  notYourGroup,
  refusedStatus,
  viewer,
} from './shared.ts';

export async function showList(c: Ctx) {
  const groups = await recommendationsOverview(c.var.config.database.db, c.var.assembly.id, viewer(c));
  return listPage(c, groups, noticeIn(c, 'recommendations', recommendationNotices));
}

function loadGroupForm(c: Ctx) {
  return groupForm(c.var.config.database.db, c.var.assembly.id, c.req.param('groupId') ?? null, viewer(c));
}

export async function showGroup(c: Ctx) {
  const form = await loadGroupForm(c);
  if (!form) return notFound(c);
  if (!form.mayChange) return notYourGroup(c);
  const values = form.group
    ? {
        name_sv: form.group.name_sv,
        name_en: form.group.name_en,
        facilitator: form.group.facilitator_id ?? '',
        members: form.memberIds,
      }
    : {};
  return groupPage(c, form, { values, errors: {} });
}

export async function groupSubmit(c: Ctx) {
  const form = await loadGroupForm(c);
  if (!form) return notFound(c);
  return submitForm(c, {
    schema: groupSchema,
    lists: ['members'],
    run: (input) =>
      saveWorkingGroup(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        form.group?.id ?? null,
        input,
      ),
    done: () => c.redirect(listHref(c, 'group_saved'), 303),
    failed: (failure) => groupPage(c, form, failure),
  });
}

async function loadGroup(c: Ctx) {
  return groupOf(c.var.config.database.db, c.var.assembly.id, c.req.param('groupId') ?? '', viewer(c));
}

export async function showCreate(c: Ctx) {
  const found = await loadGroup(c);
  if (!found) return notFound(c);
  if (!found.mayChange) return notYourGroup(c);
  return createPage(c, found.group, noFailure);
}

export async function createSubmit(c: Ctx) {
  const found = await loadGroup(c);
  if (!found) return notFound(c);
  const { group } = found;
  return submitForm(c, {
    schema: recommendationSchema,
    run: (input) =>
      createRecommendation(c.var.config.database, staffActor(c), c.var.assembly.id, group.id, input),
    done: (id) => c.redirect(itemHref(c, id, 'created'), 303),
    failed: (failure) => createPage(c, group, failure),
  });
}

export async function showRecommendation(c: Ctx) {
  const view = await loadView(c);
  if (!view) return notFound(c);
  return recommendationPage(c, view, { notice: noticeIn(c, 'recommendations', recommendationNotices) });
}

export async function showEdit(c: Ctx) {
  const view = await loadView(c);
  if (!view) return notFound(c);
  if (!view.mayChange) return notYourGroup(c);
  const { title, body, rationale } = view.recommendation;
  return editPage(c, view, { values: { title, body, rationale }, errors: {} });
}

export async function editSubmit(c: Ctx) {
  const view = await loadView(c);
  if (!view) return notFound(c);
  return submitForm(c, {
    schema: recommendationSchema,
    run: (input) =>
      editRecommendation(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        view.recommendation.id,
        input,
      ),
    done: () => c.redirect(itemHref(c, view.recommendation.id, 'saved'), 303),
    failed: (failure) => editPage(c, view, failure),
  });
}

export async function statusSubmit(c: Ctx) {
  const view = await loadView(c);
  if (!view) return notFound(c);
  const parsed = statusSchema.safeParse(await c.req.parseBody());
  const status = parsed.success ? parsed.data.status : '';
  return runAction(
    c,
    () =>
      changeRecommendationStatus(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        view.recommendation.id,
        status,
      ),
    {
      done: () => c.redirect(itemHref(c, view.recommendation.id, 'status'), 303),
      refused: (message, error) =>
        recommendationPage(c, view, { notice: message, status: refusedStatus(error) }),
    },
  );
}

export async function amendSubmit(c: Ctx) {
  const view = await loadView(c);
  if (!view) return notFound(c);
  return submitForm(c, {
    schema: amendmentSchema,
    run: (input) =>
      proposeAmendment(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        view.recommendation.id,
        input,
      ),
    done: () => c.redirect(`${itemHref(c, view.recommendation.id, 'amendment_proposed')}#amendments`, 303),
    failed: (failure) => recommendationPage(c, view, { amendmentForm: failure }),
  });
}

export async function decideSubmit(c: Ctx) {
  const view = await loadView(c);
  if (!view) return notFound(c);
  const parsed = decisionSchema.safeParse(await c.req.parseBody());
  const decision = parsed.success ? parsed.data.decision : '';
  const amendmentId = c.req.param('amendmentId') ?? '';
  const { database } = c.var.config;
  return runAction(
    c,
    () =>
      decideOnAmendment(
        database,
        staffActor(c),
        c.var.assembly.id,
        view.recommendation.id,
        amendmentId,
        decision,
      ),
    {
      done: () => c.redirect(`${itemHref(c, view.recommendation.id, 'amendment_decided')}#amendments`, 303),
      refused: (message, error) =>
        recommendationPage(c, view, { notice: message, status: refusedStatus(error) }),
    },
  );
}

export async function showCompare(c: Ctx) {
  const view = await loadView(c);
  if (!view) return notFound(c);
  const query = compareQuery.parse({ from: c.req.query('from'), to: c.req.query('to') });
  return comparePage(c, view, query);
}

/** The recommendation alone with numbered lines, in large type, for print and the projector. */
export async function showPrint(c: Ctx) {
  const view = await loadView(c);
  if (!view) return notFound(c);
  return render(c, { title: view.recommendation.title }, <PrintPage c={c} view={view} />);
}
