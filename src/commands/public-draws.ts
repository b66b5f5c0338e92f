/**
 * The public draw as an organiser runs it: announce (publish the commitment and how the randomness will
 * be produced), then enter the public randomness once, which draws the panel (or orders the reserves)
 * and marks the drawn people selected. Everything the public pages show comes from what these store.
 */
import type { Database } from '../db/connect.ts';
import { canMove, isPersonStatus } from '../domain/person-status.ts';
import {
  type DrawKind,
  type DrawProblem,
  lotteryOfSelectionFile,
  planProblem,
  publicSelection,
  type RandomnessPlan,
  seedFromRandomness,
  serialisePlan,
} from '../domain/public-draw.ts';
import { seatProblem, seatsAfterDraw } from '../domain/seats.ts';
import { findAssembly } from '../repositories/assemblies.ts';
import type { NewAuditEvent } from '../repositories/audit.ts';
import type { Executor } from '../repositories/executor.ts';
import { changeStatus, findPerson } from '../repositories/people.ts';
import {
  findDrawOfRun,
  findPublicDraw,
  insertPublicDraw,
  listPendingDraws,
  type PublicDraw,
  recordDrawSeed,
  referencesOf,
} from '../repositories/public-draws.ts';
import { seatedPeople } from '../repositories/seats.ts';
import { findRunKeep, findRunResult, isUniqueViolation } from '../repositories/selection-runs.ts';
import { commitmentOf, type LotterySelection } from '../sortition/commitment.ts';
import { checkLottery, type DrawTranscript, makeTranscript } from '../sortition/draw.ts';
import {
  makeReservesTranscript,
  type ReserveCandidates,
  type ReservesTranscript,
  reserveCandidates,
  reservesCommitmentOf,
} from '../sortition/reserves.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';
import { applyDrawnReplacements } from './replacements.ts';
import { guardSeats } from './seats.ts';

/** Inserts a draw; the database allows one draw of each kind per run, so a racing second one is refused. */
async function insertDraw(db: Executor, row: Parameters<typeof insertPublicDraw>[1]): Promise<void> {
  try {
    await insertPublicDraw(db, row);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new CommandError(row.kind === 'panel' ? 'run_already_drawn' : 'reserves_exist', '_form');
  }
}

function refuse(problem: DrawProblem): never {
  throw new CommandError(problem.code, problem.field, problem.params, problem.also);
}

/** The run's lottery with P-references, as it is published, or a refusal saying why there is none. */
async function publicLotteryOfRun(
  db: Executor,
  assemblyId: string,
  runId: string,
): Promise<LotterySelection> {
  const run = await findRunResult(db, assemblyId, runId);
  if (run?.status !== 'done') throw new CommandError('run_unknown', 'run');
  const lottery = lotteryOfSelectionFile(run.result);
  if (!lottery) throw new CommandError('run_without_lottery', 'run');
  const { selection, missing } = publicSelection(lottery, await referencesOf(db, assemblyId));
  if (missing.length > 0) throw new CommandError('run_unknown_people', 'run', { count: missing.length });
  return selection;
}

/**
 * Two announced draws of one kind waiting at once would let someone pick, after seeing the randomness,
 * the one whose outcome they like; so a new one waits until the earlier one is drawn.
 */
async function refuseWhilePending(db: Executor, assemblyId: string, kind: DrawKind): Promise<void> {
  if ((await listPendingDraws(db, assemblyId, kind)).length > 0) {
    throw new CommandError(kind === 'panel' ? 'panel_draw_pending' : 'reserves_draw_pending', '_form');
  }
}

/**
 * A draw must not put more people in seats than the panel has, whichever panel of the lottery it
 * draws: refused at the announcement already, so that no announced draw is left that cannot be drawn.
 */
async function refuseOverfullPanels(db: Executor, assemblyId: string, selection: LotterySelection) {
  const assembly = await findAssembly(db, assemblyId);
  if (!assembly) throw new CommandError('not_found');
  const references = await referencesOf(db, assemblyId);
  const seated = (await seatedPeople(db, assemblyId)).map((id) => references.get(id) ?? id);
  const most = Math.max(0, ...selection.lottery.panels.map((panel) => seatsAfterDraw(seated, panel)));
  const problem = seatProblem(assembly.panel_size, seated.length, most);
  if (problem) throw new CommandError(problem.code, 'run', problem.params);
}

export interface PanelDrawRequest {
  runId: string;
  plan: RandomnessPlan;
}

export interface PreparedDraw {
  commitment: string;
  /** Panels in the lottery, or candidates for the reserve list. */
  size: number;
  people: number;
}

async function preparePanel(
  db: Executor,
  assemblyId: string,
  request: PanelDrawRequest,
  at: string,
): Promise<PreparedDraw> {
  const selection = await publicLotteryOfRun(db, assemblyId, request.runId);
  if (await findDrawOfRun(db, request.runId, 'panel')) throw new CommandError('run_already_drawn', 'run');
  await refuseWhilePending(db, assemblyId, 'panel');
  const problem = planProblem(request.plan, Date.parse(at));
  if (problem) refuse(problem);
  const problems = checkLottery(selection);
  if (problems.length > 0) throw new CommandError('lottery_unsound', 'run', { count: problems.length });
  await refuseOverfullPanels(db, assemblyId, selection);
  return {
    commitment: commitmentOf(selection),
    size: selection.lottery.panels.length,
    people: selection.input.people.length,
  };
}

/** Checks an announcement without storing it, for the organiser to confirm. */
export function previewPanelDraw(
  database: Database,
  assemblyId: string,
  request: PanelDrawRequest,
  at: string = now(),
): Promise<PreparedDraw> {
  return preparePanel(database.db, assemblyId, request, at);
}

/**
 * Publishes the commitment to a finished run's lottery and the plan for the randomness. From now on
 * the public page shows both, and neither can change.
 */
export async function publishPanelDraw(
  database: Database,
  actor: Actor,
  assemblyId: string,
  request: PanelDrawRequest,
  at: string = now(),
): Promise<string> {
  return inTransaction(database, async (trx, audit) => {
    const prepared = await preparePanel(trx, assemblyId, request, at);
    const id = crypto.randomUUID();
    await insertDraw(trx, {
      id,
      assembly_id: assemblyId,
      run_id: request.runId,
      kind: 'panel',
      commitment: prepared.commitment,
      published_at: at,
      randomness_plan: serialisePlan(request.plan),
      seed: null,
      drawn_at: null,
      transcript: null,
      created_by: actorId(actor),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'draw.published',
      subjectType: 'public_draw',
      subjectId: id,
      details: {
        kind: 'panel',
        runId: request.runId,
        commitment: prepared.commitment,
        panels: prepared.size,
      },
      at,
    });
    return id;
  });
}

/** The reserve candidates after a drawn panel, rebuilt from the stored run, or a refusal. */
async function reserveContent(
  db: Executor,
  assemblyId: string,
  panelDraw: PublicDraw,
): Promise<ReserveCandidates> {
  const selection = await publicLotteryOfRun(db, assemblyId, panelDraw.run_id);
  if (commitmentOf(selection) !== panelDraw.commitment) throw new CommandError('content_changed', '_form');
  const panel = panelDraw.panelTranscript;
  if (!panel) throw new CommandError('panel_not_drawn', '_form');
  return reserveCandidates(
    selection.input.people.map((p) => p.id),
    panel.members,
    panelDraw.commitment,
  );
}

async function prepareReserves(
  db: Executor,
  assemblyId: string,
  panelDrawId: string,
  plan: RandomnessPlan,
  at: string,
): Promise<{ panelDraw: PublicDraw; prepared: PreparedDraw }> {
  const panelDraw = await findPublicDraw(db, assemblyId, panelDrawId);
  if (panelDraw?.kind !== 'panel') throw new CommandError('not_found');
  if (panelDraw.seed === null || panelDraw.panelTranscript === null)
    throw new CommandError('panel_not_drawn', '_form');
  if (await findDrawOfRun(db, panelDraw.run_id, 'reserves'))
    throw new CommandError('reserves_exist', '_form');
  await refuseWhilePending(db, assemblyId, 'reserves');
  const problem = planProblem(plan, Date.parse(at));
  if (problem) refuse(problem);
  const content = await reserveContent(db, assemblyId, panelDraw);
  if (content.candidates.length === 0) throw new CommandError('no_candidates', '_form');
  return {
    panelDraw,
    prepared: {
      commitment: reservesCommitmentOf(content),
      size: content.candidates.length,
      people: content.candidates.length + content.panel.length,
    },
  };
}

export async function previewReservesDraw(
  database: Database,
  assemblyId: string,
  panelDrawId: string,
  plan: RandomnessPlan,
  at: string = now(),
): Promise<PreparedDraw> {
  return (await prepareReserves(database.db, assemblyId, panelDrawId, plan, at)).prepared;
}

/**
 * Publishes the commitment to the reserve candidates (everyone in the pool but the drawn panel) and the
 * plan for the randomness that will order them.
 */
export async function publishReservesDraw(
  database: Database,
  actor: Actor,
  assemblyId: string,
  panelDrawId: string,
  plan: RandomnessPlan,
  at: string = now(),
): Promise<string> {
  return inTransaction(database, async (trx, audit) => {
    const { panelDraw, prepared } = await prepareReserves(trx, assemblyId, panelDrawId, plan, at);
    const id = crypto.randomUUID();
    await insertDraw(trx, {
      id,
      assembly_id: assemblyId,
      run_id: panelDraw.run_id,
      kind: 'reserves',
      commitment: prepared.commitment,
      published_at: at,
      randomness_plan: serialisePlan(plan),
      seed: null,
      drawn_at: null,
      transcript: null,
      created_by: actorId(actor),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'draw.published',
      subjectType: 'public_draw',
      subjectId: id,
      details: {
        kind: 'reserves',
        runId: panelDraw.run_id,
        panelDrawId,
        commitment: prepared.commitment,
        candidates: prepared.size,
      },
      at,
    });
    return id;
  });
}

export interface DrawOutcome {
  seed: string;
  /** The drawn panel, or the reserves in order, as P-references. */
  references: string[];
  /** Drawn members whose status could not become "selected" (e.g. withdrawn since the run). */
  notSelected: string[];
}

/** Marks the drawn people selected, with history and audit, and lists those whose status forbids it. */
async function selectDrawn(
  trx: Executor,
  audit: (event: Omit<NewAuditEvent, 'at'> & { at?: string }) => Promise<void>,
  actor: Actor,
  assemblyId: string,
  drawId: string,
  references: readonly string[],
  at: string,
): Promise<string[]> {
  const idOf = new Map([...(await referencesOf(trx, assemblyId))].map(([id, reference]) => [reference, id]));
  const notSelected: string[] = [];
  for (const reference of references) {
    const person = await findPerson(trx, assemblyId, idOf.get(reference) ?? '');
    if (!person) {
      notSelected.push(reference);
      continue;
    }
    // Kept members of a replacement round are on every panel and keep their status.
    if (person.status === 'selected' || person.status === 'confirmed') continue;
    // The organiser's moves: the draw acts for the organiser who entered the randomness.
    if (!isPersonStatus(person.status) || !canMove(person.status, 'selected', 'organiser')) {
      notSelected.push(reference);
      continue;
    }
    const changed = await changeStatus(trx, person.id, {
      from: person.status,
      to: 'selected',
      at,
      by: actorId(actor),
      comment: null,
    });
    if (!changed) throw new CommandError('changed_meanwhile', '_form');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'person.status',
      subjectType: 'person',
      subjectId: person.id,
      details: { from: person.status, to: 'selected', reference, drawId },
      at,
    });
  }
  return notSelected;
}

/**
 * Draws the panel (or orders the reserves) with the seed from exactly what was committed to: content
 * that no longer matches the commitment is refused. Returns the transcript and the drawn references.
 */
async function drawWithSeed(
  trx: Executor,
  assemblyId: string,
  draw: PublicDraw,
  seed: string,
): Promise<{ transcript: DrawTranscript | ReservesTranscript; references: string[] }> {
  if (draw.kind === 'panel') {
    const selection = await publicLotteryOfRun(trx, assemblyId, draw.run_id);
    if (commitmentOf(selection) !== draw.commitment) throw new CommandError('content_changed', '_form');
    const panel = makeTranscript(selection, seed);
    return { transcript: panel, references: panel.members };
  }
  const panelDraw = await findDrawOfRun(trx, draw.run_id, 'panel');
  if (!panelDraw?.panelTranscript) throw new CommandError('content_changed', '_form');
  const content = await reserveContent(trx, assemblyId, panelDraw);
  if (reservesCommitmentOf(content) !== draw.commitment) throw new CommandError('content_changed', '_form');
  const reserves = makeReservesTranscript(content, seed);
  return { transcript: reserves, references: reserves.order };
}

/**
 * Enters the public randomness of an announced draw, once. The seed is formatted from what was typed
 * (refused when it does not fit the plan), the panel drawn (or the reserves ordered) and everything
 * stored with its transcript; a panel's members become selected in the same transaction. A second
 * entry is refused, and the database refuses it too, should two arrive at once.
 */
export async function enterDrawRandomness(
  database: Database,
  actor: Actor,
  assemblyId: string,
  drawId: string,
  typed: string,
  at: string = now(),
): Promise<DrawOutcome> {
  return inTransaction(database, async (trx, audit) => {
    const draw = await findPublicDraw(trx, assemblyId, drawId);
    if (!draw) throw new CommandError('not_found');
    if (draw.seed !== null) throw new CommandError('already_drawn', '_form');
    const seats = await guardSeats(trx, assemblyId);
    const result = seedFromRandomness(draw.plan, typed, Date.parse(at));
    if (!('seed' in result)) refuse(result);
    const { seed } = result;

    const { transcript, references } = await drawWithSeed(trx, assemblyId, draw, seed);
    const stored = await recordDrawSeed(trx, draw.id, {
      seed,
      drawnAt: at,
      transcript: `${JSON.stringify(transcript, null, 2)}\n`,
    });
    if (!stored) throw new CommandError('already_drawn', '_form');

    const notSelected =
      draw.kind === 'panel' ? await selectDrawn(trx, audit, actor, assemblyId, draw.id, references, at) : [];
    let replaced = 0;
    const run = await findRunKeep(trx, assemblyId, draw.run_id);
    if (draw.kind === 'panel' && run?.kind === 'replacement') {
      const idOf = new Map(
        [...(await referencesOf(trx, assemblyId))].map(([id, reference]) => [reference, id]),
      );
      const keep = run.keep;
      replaced = await applyDrawnReplacements(
        trx,
        audit,
        actor,
        assemblyId,
        { id: run.id, keep },
        references.map((r) => idOf.get(r) ?? r),
        at,
      );
    }
    // Someone may have taken a seat by hand since the announcement: then the whole entry is refused.
    await seats.check('randomness');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'draw.drawn',
      subjectType: 'public_draw',
      subjectId: draw.id,
      details: {
        kind: draw.kind,
        seed,
        ...('index' in transcript ? { index: transcript.index } : {}),
        drawn: references.length,
        notSelected,
        ...(replaced > 0 ? { replaced } : {}),
      },
      at,
    });
    return { seed, references, notSelected };
  });
}
