/**
 * What the targets page shows: the assembly's questions, its saved targets, and the quick
 * feasibility check that explains, value by value, why no panel could meet them and what to change.
 * Only reads: the check runs the solver on the pool, it stores nothing.
 */
import { assemblyQuestions, loadTargetSettings, poolStatuses } from '../commands/targets.ts';
import { personStatuses } from '../domain/person-status.ts';
import type { Question } from '../domain/questions.ts';
import { buildSelectionInput, type PoolMember, type UnknownAnswer } from '../domain/selection-input.ts';
import type { TargetSettings } from '../domain/targets.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { loadPool } from '../repositories/selection-pool.ts';
import { findRunPool, listRuns } from '../repositories/selection-runs.ts';
import { loadSolver } from '../solver/highs.ts';
import { checkFeasibility, type FeasibilityReport } from '../sortition/feasibility.ts';
import { InputError } from '../sortition/model.ts';

/**
 * What the check compared the targets with. Usually today's pool: the registered volunteers not yet
 * selected. After a draw that pool has shrunk by the people selected, so saved targets that a
 * finished selection run used are checked against that run's pool instead (the people it chose
 * from, at its panel size); `left` and `joined` say how today's pool differs from it.
 */
export type CheckBasis =
  | { kind: 'pool'; lastRun?: { finishedAt: string; pool: number } }
  | {
      kind: 'run';
      runId: string;
      finishedAt: string;
      /** People of today's pool. */
      current: number;
      /** People of the run's pool who are no longer in today's pool (selected, withdrawn, erased). */
      left: number;
      /** People in today's pool who were not in the run's. */
      joined: number;
    };

export interface TargetCheck {
  /** False when only the pool was read. */
  checked: boolean;
  /** The people the targets were checked against (see basis). */
  pool: PoolMember[];
  /** The panel size the check used. */
  panelSize: number;
  basis: CheckBasis;
  unknownAnswers: UnknownAnswer[];
  /** Absent when the input itself is wrong (see inputError) or there is nobody to check. */
  report?: FeasibilityReport;
  /** The engine's refusal of the input, in English: the page explains the usual causes itself. */
  inputError?: { code: string; message: string; params?: Record<string, string | number> };
}

/** The newest finished selection run (not a replacement round): its id, end, pool and panel size. */
async function lastFinishedRun(db: Executor, assemblyId: string) {
  const last = (await listRuns(db, assemblyId)).find((r) => r.kind === 'selection' && r.status === 'done');
  if (!last?.finished_at) return undefined;
  const pool = await findRunPool(db, assemblyId, last.id);
  if (!pool) return undefined;
  return {
    id: last.id,
    createdAt: last.created_at,
    finishedAt: last.finished_at,
    people: pool.people,
    panelSize: pool.panelSize,
  };
}

/**
 * Runs the quick feasibility check of the targets at the assembly's panel size against today's
 * pool; with `feasibility: false` only reads the pool (for the charts, before there are targets to
 * check). With `savedAt` (the saved targets' time) and `against` not 'pool', targets that the last
 * finished selection run used are checked against that run's pool when today's differs.
 */
export async function checkTargetFeasibility(
  db: Executor,
  assembly: Assembly,
  questions: Question[],
  settings: TargetSettings,
  options: { panelSize?: number; feasibility?: boolean; savedAt?: string; against?: 'pool' | 'run' } = {},
): Promise<TargetCheck> {
  let panelSize = options.panelSize ?? assembly.panel_size;
  let pool = await loadPool(db, assembly.id, { statuses: poolStatuses });
  let basis: CheckBasis = { kind: 'pool' };
  const run = await lastFinishedRun(db, assembly.id);
  if (run) {
    basis = { kind: 'pool', lastRun: { finishedAt: run.finishedAt, pool: run.people.length } };
    const usedSaved = options.savedAt !== undefined && options.savedAt <= run.createdAt;
    if (usedSaved && options.against !== 'pool') {
      const inRun = new Set(run.people);
      const today = new Set(pool.map((p) => p.id));
      const left = run.people.filter((id) => !today.has(id)).length;
      const joined = pool.filter((p) => !inRun.has(p.id)).length;
      if (left > 0 || joined > 0) {
        const current = pool.length;
        // Everyone the run chose from, whatever has happened to them since (erased people are gone).
        const everyone = await loadPool(db, assembly.id, { statuses: personStatuses });
        pool = everyone.filter((p) => inRun.has(p.id));
        panelSize = run.panelSize;
        basis = { kind: 'run', runId: run.id, finishedAt: run.finishedAt, current, left, joined };
      }
    }
  }
  const { input, unknownAnswers } = buildSelectionInput({ pool, questions, targets: settings, panelSize });
  const base = { pool, panelSize, basis, unknownAnswers };
  if (options.feasibility === false) return { checked: false, ...base };
  if (pool.length === 0 || pool.length < panelSize) return { checked: true, ...base };
  const hasTargets =
    input.targets.kind === 'quotas' ? input.targets.quotas.length > 0 : input.targets.features.length > 0;
  if (!hasTargets) return { checked: true, ...base };
  try {
    const report = checkFeasibility(await loadSolver(), input);
    return { checked: true, ...base, report };
  } catch (error) {
    if (error instanceof InputError) {
      return {
        checked: true,
        ...base,
        inputError: { code: error.code, message: error.message, params: error.params },
      };
    }
    throw error;
  }
}

/** The questions and the saved targets (or empty ones), as the targets form starts from. */
export interface TargetsForm {
  questions: Question[];
  settings: TargetSettings;
  saved: boolean;
  savedAt?: string;
}

export async function targetsForm(db: Executor, assemblyId: string): Promise<TargetsForm> {
  const questions = await assemblyQuestions(db, assemblyId);
  return { questions, ...(await loadTargetSettings(db, assemblyId, questions)) };
}

/**
 * The targets page as it opens: without saved targets there is nothing to check yet (the pool still
 * fills the charts); saved targets a finished run used are checked against its pool unless today's
 * is asked for.
 */
export async function targetsOverview(
  db: Executor,
  assembly: Assembly,
  against: 'pool' | 'run',
): Promise<TargetsForm & { check: TargetCheck | null }> {
  const form = await targetsForm(db, assembly.id);
  const check =
    form.questions.length > 0
      ? await checkTargetFeasibility(db, assembly, form.questions, form.settings, {
          feasibility: form.saved,
          ...(form.savedAt === undefined ? {} : { savedAt: form.savedAt }),
          against,
        })
      : null;
  return { ...form, check };
}
