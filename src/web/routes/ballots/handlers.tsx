/**
 * The members' voting pages: each reads the address or the form, calls one query or command, and
 * renders. Her own ballot answers with her receipt (a double tap, or a reload, gets the same receipt
 * again: the ballot box takes the same choice once). The tablet counts wrong name-card codes per
 * member, in the database, so that every web process shares the count.
 */
import { castOwnBallot, castTabletBallot } from '../../../commands/ballots.ts';
import { memberBallot, memberBallots, type TabletView, tabletView } from '../../../queries/ballots.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, readForm, submitForm } from '../../form.ts';
import { appLimiter } from '../../rate-limit.ts';
import { errorPage } from '../../views/errors.tsx';
import { str } from '../../views/forms.tsx';
import { ballotSchema, tabletBallotSchema, tabletQuerySchema } from './schema.ts';
import { listPage, receiptPage, votePage } from './views/member.tsx';
import { tabletPage } from './views/tablet.tsx';

const noFailure: FormFailure = { values: {}, errors: {} };

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

function voteIdOf(c: Ctx): string {
  return c.req.param('voteId') ?? '';
}

// --- Her own phone ---------------------------------------------------------------------------------

export async function showVotes(c: Ctx) {
  const { personId, assemblyId } = c.var.member;
  return listPage(c, await memberBallots(c.var.config.database.db, assemblyId, personId, Date.now()));
}

async function voteView(c: Ctx, form: FormFailure) {
  const { personId, assemblyId } = c.var.member;
  const item = await memberBallot(c.var.config.database.db, assemblyId, personId, voteIdOf(c), Date.now());
  return item ? votePage(c, item, form) : notFound(c);
}

export function showVote(c: Ctx) {
  return voteView(c, noFailure);
}

export async function voteSubmit(c: Ctx) {
  const { personId, assemblyId } = c.var.member;
  const voteId = voteIdOf(c);
  return submitForm(c, {
    schema: ballotSchema,
    run: (choice) =>
      castOwnBallot(c.var.config.database, { kind: 'person', personId }, assemblyId, {
        voteId,
        personId,
        choice,
      }),
    done: (receipt) => receiptPage(c, voteId, receipt),
    failed: (form) => voteView(c, form),
  });
}

// --- The table's tablet ----------------------------------------------------------------------------

/**
 * Wrong name-card codes per member, from whichever tablet: five in ten minutes, then a pause, and the
 * tablet asks her to fetch a host. Only a wrong code counts, not a refused ballot.
 */
function codeTries(c: Ctx, personId: string) {
  const limiter = appLimiter(c, 'vote-card-code', 5, 10 * 60_000);
  return {
    paused: async () =>
      (await limiter.retryAfterSeconds(personId)) > 0 ? c.var.t('ballots.tablet_too_many') : null,
    failed: () => limiter.hit(personId),
  };
}

function loadTablet(c: Ctx): Promise<TabletView | null> {
  const query = tabletQuerySchema.parse(c.req.query());
  return tabletView(
    c.var.config.database.db,
    c.var.assembly.id,
    voteIdOf(c),
    query.table ?? null,
    Date.now(),
  );
}

function memberIn(view: TabletView, personId: string | undefined) {
  return view.members.find((m) => m.id === personId) ?? null;
}

export async function showTablet(c: Ctx) {
  const view = await loadTablet(c);
  if (!view) return notFound(c);
  const query = tabletQuerySchema.parse(c.req.query());
  const member = memberIn(view, query.person);
  return tabletPage(c, view, {
    member,
    thanked: memberIn(view, query.thanks),
    form: noFailure,
    paused: member ? await codeTries(c, member.id).paused() : null,
  });
}

export async function tabletSubmit(c: Ctx) {
  const view = await loadTablet(c);
  if (!view) return notFound(c);
  const values = await readForm(c);
  const personId = str(values, 'person');
  const tries = codeTries(c, personId);
  const member = memberIn(view, personId);
  const again = async (form: FormFailure) =>
    tabletPage(c, view, { member, thanked: null, form, paused: await tries.paused() });
  if (await tries.paused()) return again(noFailure);
  return submitForm(c, {
    values,
    schema: tabletBallotSchema,
    run: (ballot) =>
      castTabletBallot(c.var.config.database, staffActor(c), c.var.assembly.id, {
        voteId: view.vote.id,
        ...ballot,
      }),
    done: () => {
      const table = view.table === null ? '' : `table=${view.table}&`;
      return c.redirect(
        `/a/${c.var.assembly.id}/votes/${encodeURIComponent(view.vote.id)}/tablet?${table}thanks=${encodeURIComponent(personId)}`,
        303,
      );
    },
    failed: async (form) => {
      if (form.refusal?.code === 'ballots_wrong_code') await tries.failed();
      return again({ ...form, values: { ...form.values, code: '' } });
    },
  });
}
