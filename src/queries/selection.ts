/**
 * What the selection pages show: the list of an assembly's runs, and one run with its result, the
 * questions it speaks of, the people's P-references and the public draw made of it. Only reads.
 */

import { latestTradeOff, type TradeOffState } from '../commands/deviation-trade-offs.ts';
import type { Question } from '../domain/questions.ts';
import { listQuestions } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { findDrawOfRun, type PublicDrawRow } from '../repositories/public-draws.ts';
import { referencesById } from '../repositories/selection-pool.ts';
import {
  activeRunStatuses,
  findRun,
  findRunResult,
  findRunResultText,
  listRunsWithSettings,
  type RunListItem,
  type RunSettings,
  type SelectionRun,
} from '../repositories/selection-runs.ts';
import { findTargets } from '../repositories/targets.ts';
import type { SelectionFile } from '../sortition/selection-file.ts';

/** A run in the list of runs. */
export type RunSummary = RunListItem & { settings: RunSettings };

export interface SelectionOverview {
  runs: RunSummary[];
  /** Whether targets are saved (a run needs them). */
  hasTargets: boolean;
  /** The queued or running run, if any. */
  active: RunSummary | undefined;
  /** Point targets only: the tolerance the next run allows, and the latest trade-off to choose it by. */
  points?: { tolerance: number; tradeOff: TradeOffState | undefined; targetsSavedAt: string };
}

export async function selectionOverview(db: Executor, assemblyId: string): Promise<SelectionOverview> {
  const runs = await listRunsWithSettings(db, assemblyId);
  const targets = await findTargets(db, assemblyId);
  return {
    runs,
    hasTargets: targets !== undefined,
    active: runs.find((r) => (activeRunStatuses as readonly string[]).includes(r.status)),
    ...(targets?.kind === 'points'
      ? {
          points: {
            tolerance: targets.point_tolerance,
            tradeOff: await latestTradeOff(db, assemblyId),
            targetsSavedAt: targets.updated_at,
          },
        }
      : {}),
  };
}

/** A run without its result: what its status region, polled every second while it runs, shows. */
export function selectionRunStatus(db: Executor, assemblyId: string, runId: string) {
  return findRun(db, assemblyId, runId);
}

export interface SelectionRunDetails {
  run: SelectionRun;
  /** The selection file of a run that ended with one (done or infeasible). */
  file: SelectionFile | null;
  questions: Question[];
  /** P-reference by person id. */
  references: Map<string, string>;
  /** The public draw of a finished run's panel, once announced. */
  draw: PublicDrawRow | undefined;
}

export async function selectionRunDetails(
  db: Executor,
  assemblyId: string,
  runId: string,
): Promise<SelectionRunDetails | undefined> {
  const run = await findRun(db, assemblyId, runId);
  if (!run) return undefined;
  return {
    run,
    file: run.hasResult ? ((await findRunResult(db, assemblyId, runId))?.result ?? null) : null,
    questions: await listQuestions(db, assemblyId),
    references: await referencesById(db, assemblyId),
    draw: run.status === 'done' ? await findDrawOfRun(db, run.id, 'panel') : undefined,
  };
}

/** The stored selection file as text, for the download (see findRunResultText). */
export function selectionResultText(db: Executor, assemblyId: string, runId: string): Promise<string | null> {
  return findRunResultText(db, assemblyId, runId);
}
