/**
 * What the draw pages read: a draw with everything it refers to (the run's lottery as it would be
 * published now, the panel draw a reserve list follows, the reserve candidates rebuilt from both), the
 * organiser's list of draws with the runs that can still be drawn from, and the people behind a drawn
 * panel or reserve list. The public pages read the same draws through the assembly's address name.
 */
import {
  lotteryOfSelectionFile,
  publicSelection,
  type RandomnessPlan,
  type StoredDraw,
} from '../domain/public-draw.ts';
import { type Assembly, findAssemblyBySlug } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  type DrawnPerson,
  findDrawOfRun,
  findPublicDraw,
  listPublicDraws,
  type PublicDraw,
  type PublicDrawSummary,
  peopleByReference,
  referencesOf,
  runHasDraw,
} from '../repositories/public-draws.ts';
import { findRunResult, listFinishedRunResults } from '../repositories/selection-runs.ts';
import type { LotterySelection } from '../sortition/commitment.ts';
import type { DrawTranscript } from '../sortition/draw.ts';
import { type ReserveCandidates, type ReservesTranscript, reserveCandidates } from '../sortition/reserves.ts';

export interface DrawContext {
  draw: PublicDraw;
  plan: RandomnessPlan;
  stored: StoredDraw;
  /** The run's lottery as published, rebuilt now from the stored run; null when gone. */
  current: LotterySelection | null;
  /** Panel draws: the stored transcript once drawn. */
  panelTranscript: DrawTranscript | null;
  /** Reserve draws: the panel draw they follow. */
  panelDraw: PublicDraw | null;
  /** Reserve draws: the candidates rebuilt now from the stored run and the drawn panel. */
  candidates: ReserveCandidates | null;
  reservesTranscript: ReservesTranscript | null;
  /** The lottery the public sees: the transcript's once drawn (it is what was drawn from), else the run's. */
  lottery: LotterySelection | null;
  /** Reserve draws: the candidates the public sees, the transcript's once drawn, else the rebuilt ones. */
  shownCandidates: string[];
}

/** The run's lottery with P-references, as it would be published now; null when it cannot be. */
async function currentLottery(db: Executor, assemblyId: string, runId: string) {
  const run = await findRunResult(db, assemblyId, runId);
  const lottery = run?.status === 'done' && run.result ? lotteryOfSelectionFile(run.result) : null;
  if (!lottery) return null;
  const { selection, missing } = publicSelection(lottery, await referencesOf(db, assemblyId));
  return missing.length === 0 ? selection : null;
}

/** The candidates of a reserve list, rebuilt from the lottery and the drawn panel; null when they cannot be. */
function rebuiltCandidates(
  current: LotterySelection | null,
  panelDraw: PublicDraw | null,
): ReserveCandidates | null {
  const panel = panelDraw?.panelTranscript;
  if (!panel || !current || !panelDraw) return null;
  try {
    return reserveCandidates(
      current.input.people.map((p) => p.id),
      panel.members,
      panelDraw.commitment,
    );
  } catch {
    // Whatever keeps them from being rebuilt, the verification page reports as a failed check.
    return null;
  }
}

async function contextOf(db: Executor, assemblyId: string, draw: PublicDraw): Promise<DrawContext> {
  const current = await currentLottery(db, assemblyId, draw.run_id);
  const panelDraw =
    draw.kind === 'reserves' ? ((await findDrawOfRun(db, draw.run_id, 'panel')) ?? null) : null;
  const candidates = draw.kind === 'reserves' ? rebuiltCandidates(current, panelDraw) : null;
  return {
    draw,
    plan: draw.plan,
    stored: {
      commitment: draw.commitment,
      publishedAt: draw.published_at,
      plan: draw.plan,
      seed: draw.seed,
      drawnAt: draw.drawn_at,
    },
    current,
    panelTranscript: draw.panelTranscript,
    panelDraw,
    candidates,
    reservesTranscript: draw.reservesTranscript,
    lottery: draw.panelTranscript?.selection ?? current,
    shownCandidates: draw.reservesTranscript?.content.candidates ?? candidates?.candidates ?? [],
  };
}

/** A finished run with a lottery and no panel draw yet: one the organiser can announce a draw from. */
export interface DrawableRun {
  id: string;
  kind: string;
  finishedAt: string;
  panels: number;
  people: number;
  algorithm: string;
}

export interface DrawsOverview {
  draws: PublicDrawSummary[];
  drawable: DrawableRun[];
  /** How many runs finished at all, to tell "no runs yet" from "no run with a lottery". */
  finished: number;
}

export async function drawsOverview(db: Executor, assemblyId: string): Promise<DrawsOverview> {
  const runs = await listFinishedRunResults(db, assemblyId);
  const drawable: DrawableRun[] = [];
  for (const run of runs) {
    const lottery = lotteryOfSelectionFile(run.result);
    if (!lottery || (await runHasDraw(db, run.id, 'panel'))) continue;
    drawable.push({
      id: run.id,
      kind: run.kind,
      finishedAt: run.finished_at ?? run.created_at,
      panels: lottery.lottery.panels.length,
      people: lottery.input.people.length,
      algorithm: lottery.algorithm,
    });
  }
  return { draws: await listPublicDraws(db, assemblyId), drawable, finished: runs.length };
}

/** A draw as its organiser sees it: with the drawn people's records and the reserve list that follows. */
export interface StaffDrawView {
  context: DrawContext;
  /** The drawn panel's or reserve list's people by P-reference (empty until drawn). */
  people: Map<string, DrawnPerson>;
  /** A drawn panel's reserve-list draw, once announced. */
  reservesDraw: PublicDraw | null;
}

export async function staffDrawView(
  db: Executor,
  assemblyId: string,
  drawId: string,
): Promise<StaffDrawView | null> {
  const draw = await findPublicDraw(db, assemblyId, drawId);
  if (!draw) return null;
  const context = await contextOf(db, assemblyId, draw);
  const references = draw.panelTranscript?.members ?? draw.reservesTranscript?.order ?? [];
  return {
    context,
    people: await peopleByReference(db, assemblyId, references),
    reservesDraw: draw.panelTranscript ? ((await findDrawOfRun(db, draw.run_id, 'reserves')) ?? null) : null,
  };
}

/** The assembly of a public address (`/public/:slug/…`) and its draws; null for an unknown address. */
export async function publicDrawList(
  db: Executor,
  slug: string,
): Promise<{ assembly: Assembly; draws: PublicDrawSummary[] } | null> {
  const assembly = await findAssemblyBySlug(db, slug);
  if (!assembly) return null;
  return { assembly, draws: await listPublicDraws(db, assembly.id) };
}

/** One draw of a public address with what it refers to; null when either is unknown. */
export async function publicDrawView(
  db: Executor,
  slug: string,
  drawId: string,
): Promise<{ assembly: Assembly; context: DrawContext } | null> {
  const assembly = await findAssemblyBySlug(db, slug);
  if (!assembly) return null;
  const draw = await findPublicDraw(db, assembly.id, drawId);
  if (!draw) return null;
  return { assembly, context: await contextOf(db, assembly.id, draw) };
}
