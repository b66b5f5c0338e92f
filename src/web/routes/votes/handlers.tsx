/**
 * The vote pages' handlers: each reads the address or the form, calls one query or command, and
 * renders or redirects. A vote of another assembly is not found.
 */
import {
  addPaperStack,
  closeVote,
  createVote,
  deleteVote,
  openVote,
  typePaperStack,
} from '../../../commands/votes.ts';
import { voteDetail, voteFormChoices, votesOverview } from '../../../queries/votes.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, readForm, runAction, submitForm } from '../../form.ts';
import { noticeIn } from '../../validation.ts';
import { errorPage } from '../../views/errors.tsx';
import { render } from '../../views/layout.tsx';
import { choiceValue, maxPaperRows, paperRows, stackSchema, voteNotices, voteSchema } from './schema.ts';
import { listPage, newPage } from './views/list.tsx';
import { typingPage } from './views/paper.tsx';
import { ProjectorPage } from './views/projector.tsx';
import { votePage } from './views/vote.tsx';

function voteHref(c: Ctx, id: string, notice: string, anchor = '') {
  return `/a/${c.var.assembly.id}/votes/${id}?notice=${notice}${anchor}`;
}

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

export async function showList(c: Ctx) {
  const items = await votesOverview(c.var.config.database.db, c.var.assembly.id, Date.now());
  return listPage(c, items, noticeIn(c, 'votes', voteNotices));
}

function formChoices(c: Ctx) {
  return voteFormChoices(c.var.config.database.db, c.var.assembly.id);
}

/** The new vote form, filled from the recommendation or amendment it was opened from. */
export async function showNew(c: Ctx) {
  const choices = await formChoices(c);
  const recommendation = choices.recommendations.find((r) => r.id === c.req.query('recommendation'));
  const amendment = choices.amendments.find((a) => a.id === c.req.query('amendment'));
  const values: Record<string, string> = {};
  if (amendment)
    Object.assign(values, {
      subject: 'amendment',
      recommendation: amendment.recommendation_id,
      amendment: amendment.id,
    });
  else if (recommendation)
    Object.assign(values, {
      subject: 'recommendation',
      recommendation: recommendation.id,
      question: recommendation.title,
    });
  return newPage(c, choices, { values, errors: {} });
}

export async function createSubmit(c: Ctx) {
  return submitForm(c, {
    schema: voteSchema,
    run: (draft) => createVote(c.var.config.database, staffActor(c), c.var.assembly.id, draft),
    done: (id) => c.redirect(voteHref(c, id, 'created'), 303),
    failed: async (failure) => newPage(c, await formChoices(c), failure),
  });
}

function loadDetail(c: Ctx) {
  return voteDetail(c.var.config.database.db, c.var.assembly.id, c.req.param('voteId') ?? '', Date.now());
}

export async function showVote(c: Ctx) {
  const detail = await loadDetail(c);
  if (!detail) return notFound(c);
  return votePage(c, detail, { notice: noticeIn(c, 'votes', voteNotices) });
}

export async function showProjector(c: Ctx) {
  const detail = await loadDetail(c);
  if (!detail) return notFound(c);
  // Turnout is a real-time event (WCAG 2.2.1's exception): the screen follows it, reloading itself
  // as the job pages do, until the vote is closed and its result stands.
  if (detail.state !== 'closed') c.header('Refresh', '3');
  c.header('Cache-Control', 'no-store');
  return render(
    c,
    { title: `${c.var.t('votes.projector')}: ${detail.vote.question}` },
    <ProjectorPage c={c} detail={detail} />,
  );
}

/** Open, close or delete: a button, the vote page again with the outcome or the refusal. */
function voteAction(
  command: typeof openVote | typeof closeVote | typeof deleteVote,
  notice: string,
): (c: Ctx) => Promise<Response> {
  return async (c) => {
    const id = c.req.param('voteId') ?? '';
    return runAction(c, () => command(c.var.config.database, staffActor(c), c.var.assembly.id, id), {
      done: () =>
        c.redirect(
          notice === 'deleted' ? `/a/${c.var.assembly.id}/votes?notice=deleted` : voteHref(c, id, notice),
          303,
        ),
      refused: async (message) => {
        const detail = await loadDetail(c);
        if (!detail) return notFound(c);
        return votePage(c, detail, { notice: message });
      },
    });
  };
}

export const openSubmit = voteAction(openVote, 'opened');
export const closeSubmit = voteAction(closeVote, 'closed');
export const deleteSubmit = voteAction(deleteVote, 'deleted');

export async function stackSubmit(c: Ctx) {
  const detail = await loadDetail(c);
  if (!detail) return notFound(c);
  return submitForm(c, {
    schema: stackSchema,
    run: (stack) =>
      addPaperStack(c.var.config.database, staffActor(c), c.var.assembly.id, detail.vote.id, {
        label: stack.label,
        collectedAt: stack.collected,
      }),
    done: (stackId) => c.redirect(`/a/${c.var.assembly.id}/votes/${detail.vote.id}/paper/${stackId}/1`, 303),
    failed: (form) => votePage(c, detail, { notice: null, form }),
  });
}

async function loadStack(c: Ctx) {
  const detail = await loadDetail(c);
  const view = detail?.stacks.find((s) => s.stack.id === c.req.param('stackId'));
  const round = c.req.param('round') === '2' ? 2 : c.req.param('round') === '1' ? 1 : null;
  return detail && view && round ? { detail, view, round: round as 1 | 2 } : null;
}

function rowsWanted(text: string | undefined, typed: number): number {
  const asked = /^\d{1,3}$/.test(text ?? '') ? Number(text) : 0;
  return Math.min(maxPaperRows, Math.max(10, typed + 5, asked));
}

export async function showTyping(c: Ctx) {
  const found = await loadStack(c);
  if (!found) return notFound(c);
  const typing = found.round === 1 ? found.view.first : found.view.second;
  const values: Record<string, string> = {};
  typing?.lines.forEach((line, i) => {
    values[`sheet_${i + 1}`] = line.sheet;
    values[`member_${i + 1}`] = line.member;
    values[`choice_${i + 1}`] = choiceValue(line.choice);
    values[`reason_${i + 1}`] = line.choice.kind === 'objection' ? line.choice.reason : '';
  });
  const rows = rowsWanted(c.req.query('rows'), typing?.lines.length ?? 0);
  return typingPage(c, found.detail, found.view, found.round, { values, errors: {} }, rows);
}

export async function typingSubmit(c: Ctx) {
  const found = await loadStack(c);
  if (!found) return notFound(c);
  const values = await readForm(c);
  const fields = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
  const rows = rowsWanted(fields.rows, 0);
  const { lines, errors } = paperRows(fields);
  const again = (form: FormFailure) => typingPage(c, found.detail, found.view, found.round, form, rows);
  if (Object.keys(errors).length > 0)
    return again({
      values,
      errors: Object.fromEntries(
        Object.entries(errors).map(([k, key]) => [k, c.var.t(`errors.${key}`, { row: k.slice(5) })]),
      ),
    });
  return submitForm(c, {
    schema: stackSchema.pick({}),
    values,
    run: () =>
      typePaperStack(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        found.detail.vote.id,
        found.view.stack.id,
        found.round,
        lines,
      ),
    done: (outcome) =>
      c.redirect(
        voteHref(c, found.detail.vote.id, outcome.compared ? 'paper_compared' : 'paper_typed', '#paper'),
        303,
      ),
    failed: again,
  });
}
