/**
 * An assembly's targets: saving what the organiser entered, and the quick feasibility check that
 * explains, value by value, why no panel could meet them and what to change.
 */
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import type { AssemblyRow } from '../db/schema.ts';
import type { Question } from '../domain/questions.ts';
import { buildSelectionInput, type PoolMember, type UnknownAnswer } from '../domain/selection-input.ts';
import {
  checkTargets,
  emptyTargets,
  preferNotToSayModes,
  type TargetSettings,
  targetKinds,
} from '../domain/targets.ts';
import { listQuestions } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { loadPool } from '../repositories/selection-pool.ts';
import { findTargets, saveTargets } from '../repositories/targets.ts';
import { loadSolver } from '../solver/highs.ts';
import { checkFeasibility, type FeasibilityReport } from '../sortition/feasibility.ts';
import { InputError } from '../sortition/model.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

/** The statuses of the people a selection chooses from. */
export const poolStatuses = ['registered'] as const;

export async function assemblyQuestions(db: Executor, assemblyId: string): Promise<Question[]> {
  const rows = await listQuestions(db, assemblyId);
  return rows.map((r) => ({
    key: r.key,
    label: JSON.parse(r.label) as Record<string, string>,
    options: JSON.parse(r.options) as Question['options'],
  }));
}

const amount = z.number().finite().min(0);
const storedSchema = z.object({
  questions: z.record(
    z.string(),
    z.object({
      included: z.boolean(),
      preferNotToSay: z.enum(preferNotToSayModes),
      tolerance: amount.optional(),
      weight: amount.optional(),
      values: z.record(
        z.string(),
        z.object({
          min: amount.optional(),
          max: amount.optional(),
          minPercent: amount.optional(),
          maxPercent: amount.optional(),
          points: amount.optional(),
        }),
      ),
    }),
  ),
});
const populationSchema = z.record(z.string(), z.record(z.string(), amount));

/**
 * The saved targets, completed for questions added since (used, "prefer not to say" free), or empty
 * targets when none were saved yet.
 */
export async function loadTargetSettings(
  db: Executor,
  assemblyId: string,
  questions: Question[],
): Promise<{ settings: TargetSettings; saved: boolean }> {
  const row = await findTargets(db, assemblyId);
  const fresh = emptyTargets(questions);
  if (!row) return { settings: fresh, saved: false };
  const definition = storedSchema.parse(JSON.parse(row.definition));
  const population = populationSchema.parse(JSON.parse(row.population));
  const kind = targetKinds.find((k) => k === row.kind) ?? 'quotas';
  return {
    settings: {
      kind,
      definition: { questions: { ...fresh.definition.questions, ...definition.questions } },
      population,
    },
    saved: true,
  };
}

export async function saveTargetSettings(
  database: Database,
  actor: Actor,
  assemblyId: string,
  settings: TargetSettings,
): Promise<void> {
  const questions = await assemblyQuestions(database.db, assemblyId);
  const problem = checkTargets(settings, questions)[0];
  if (problem)
    throw new CommandError(`targets_${problem.code}`, problem.question, { value: problem.value ?? '' });
  await inTransaction(database, async (trx, audit) => {
    const at = now();
    await saveTargets(trx, {
      assembly_id: assemblyId,
      kind: settings.kind,
      definition: JSON.stringify(settings.definition),
      population: JSON.stringify(settings.population),
      updated_at: at,
      updated_by: actorId(actor),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'targets.save',
      subjectType: 'assembly',
      subjectId: assemblyId,
      details: {
        kind: settings.kind,
        questions: Object.values(settings.definition.questions).filter((q) => q.included).length,
      },
    });
  });
}

export interface TargetCheck {
  /** False when only the pool was read. */
  checked: boolean;
  /** The people a selection would choose from now. */
  pool: PoolMember[];
  unknownAnswers: UnknownAnswer[];
  /** Absent when the input itself is wrong (see inputError) or there is nobody to check. */
  report?: FeasibilityReport;
  /** The engine's refusal of the input, in English: the page explains the usual causes itself. */
  inputError?: { code: string; message: string };
}

/**
 * Runs the quick feasibility check of the targets on today's pool at the assembly's panel size; with
 * `feasibility: false` only reads the pool (for the charts, before there are targets to check).
 */
export async function checkTargetFeasibility(
  db: Executor,
  assembly: AssemblyRow,
  questions: Question[],
  settings: TargetSettings,
  options: { panelSize?: number; feasibility?: boolean } = {},
): Promise<TargetCheck> {
  const panelSize = options.panelSize ?? assembly.panel_size;
  const pool = await loadPool(db, assembly.id, { statuses: poolStatuses });
  const { input, unknownAnswers } = buildSelectionInput({ pool, questions, targets: settings, panelSize });
  if (options.feasibility === false) return { checked: false, pool, unknownAnswers };
  if (pool.length === 0 || pool.length < panelSize) return { checked: true, pool, unknownAnswers };
  const hasTargets =
    input.targets.kind === 'quotas' ? input.targets.quotas.length > 0 : input.targets.features.length > 0;
  if (!hasTargets) return { checked: true, pool, unknownAnswers };
  try {
    const report = checkFeasibility(await loadSolver(), input);
    return { checked: true, pool, unknownAnswers, report };
  } catch (error) {
    if (error instanceof InputError) {
      return {
        checked: true,
        pool,
        unknownAnswers,
        inputError: { code: error.code, message: error.message },
      };
    }
    throw error;
  }
}
