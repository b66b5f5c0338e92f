/**
 * The recommendations pages' handlers: each reads the address or the form, calls one query or
 * command, and renders or redirects. A group or recommendation of another assembly is not found.
 */
import {
  changeRecommendationStatus,
  createRecommendation,
  decideOnAmendment,
  editRecommendation,
  proposeAmendment,
  saveWorkingGroup,
} from '../../../commands/recommendations.ts';
import {
  groupForm,
  groupOf,
  memberRecommendations,
  recommendationsOverview,
  recommendationView,
} from '../../../queries/recommendations.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, runAction, submitForm } from '../../form.ts';
import { noticeIn } from '../../validation.ts';
import { errorPage } from '../../views/errors.tsx';
import { render } from '../../views/layout.tsx';
import {
  amendmentSchema,
  compareQuery,
  decisionSchema,
  groupSchema,
  memberAmendmentSchema,
  recommendationNotices,
  recommendationSchema,
  statusSchema,
} from './schema.ts';
import { comparePage, PrintPage } from './views/history.tsx';
import { groupPage, listPage } from './views/list.tsx';
import { memberPage } from './views/member.tsx';
import { createPage, editPage, recommendationPage } from './views/recommendation.tsx';

const noFailure: FormFailure = { values: {}, errors: {} };

function listHref(c: Ctx, notice: string) {
  return `/a/${c.var.assembly.id}/recommendations?notice=${notice}`;
}

function itemHref(c: Ctx, id: string, notice: string) {
  return `/a/${c.var.assembly.id}/recommendations/${id}?notice=${notice}`;
}

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

export async function showList(c: Ctx) {
  const groups = await recommendationsOverview(c.var.config.database.db, c.var.assembly.id);
  return listPage(c, groups, noticeIn(c, 'recommendations', recommendationNotices));
}

function loadGroupForm(c: Ctx) {
  return groupForm(c.var.config.database.db, c.var.assembly.id, c.req.param('groupId') ?? null);
}

export async function showGroup(c: Ctx) {
  const form = await loadGroupForm(c);
  if (!form) return notFound(c);
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
  return groupOf(c.var.config.database.db, c.var.assembly.id, c.req.param('groupId') ?? '');
}

export async function showCreate(c: Ctx) {
  const group = await loadGroup(c);
  if (!group) return notFound(c);
  return createPage(c, group, noFailure);
}

export async function createSubmit(c: Ctx) {
  const group = await loadGroup(c);
  if (!group) return notFound(c);
  return submitForm(c, {
    schema: recommendationSchema,
    run: (input) =>
      createRecommendation(c.var.config.database, staffActor(c), c.var.assembly.id, group.id, input),
    done: (id) => c.redirect(itemHref(c, id, 'created'), 303),
    failed: (failure) => createPage(c, group, failure),
  });
}

function loadView(c: Ctx) {
  return recommendationView(
    c.var.config.database.db,
    c.var.assembly.id,
    c.req.param('recommendationId') ?? '',
  );
}

export async function showRecommendation(c: Ctx) {
  const view = await loadView(c);
  if (!view) return notFound(c);
  return recommendationPage(c, view, noticeIn(c, 'recommendations', recommendationNotices));
}

export async function showEdit(c: Ctx) {
  const view = await loadView(c);
  if (!view) return notFound(c);
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
      refused: (message) => recommendationPage(c, view, message),
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
    failed: (failure) => recommendationPage(c, view, null, failure),
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
      refused: (message) => recommendationPage(c, view, message),
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

// --- The member's own page -------------------------------------------------------------------------

function ownRecommendations(c: Ctx) {
  return memberRecommendations(c.var.config.database.db, c.var.member.personId);
}

export async function showMemberRecommendations(c: Ctx) {
  return memberPage(
    c,
    await ownRecommendations(c),
    null,
    noticeIn(c, 'recommendations', recommendationNotices),
  );
}

/** Only a recommendation of her own working group, open for changes, takes her amendment. */
export async function memberAmendSubmit(c: Ctx) {
  const { personId, assemblyId } = c.var.member;
  const own = await ownRecommendations(c);
  const recommendation = own.find((r) => r.id === c.req.param('recommendationId'));
  if (!recommendation) return notFound(c);
  return submitForm(c, {
    schema: memberAmendmentSchema,
    run: (input) =>
      proposeAmendment(c.var.config.database, { kind: 'person', personId }, assemblyId, recommendation.id, {
        ...input,
        personId,
      }),
    done: () => c.redirect('/member/recommendations?notice=member_proposed', 303),
    failed: (form) => memberPage(c, own, { id: recommendation.id, form }, null),
  });
}
