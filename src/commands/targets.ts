/**
 * An assembly's targets: saving what the organiser entered (the quick feasibility check that reads
 * them against the pool is a read model, in queries/targets.ts).
 */
import type { Database } from '../db/connect.ts';
import type { Question } from '../domain/questions.ts';
import { checkTargets, emptyTargets, type TargetSettings } from '../domain/targets.ts';
import { listQuestions } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { findTargets, saveTargets } from '../repositories/targets.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

/** The statuses of the people a selection chooses from. */
export const poolStatuses = ['registered'] as const;

export function assemblyQuestions(db: Executor, assemblyId: string): Promise<Question[]> {
  return listQuestions(db, assemblyId);
}

/**
 * The saved targets, completed for questions added since (used, "prefer not to say" free), or empty
 * targets when none were saved yet.
 */
export async function loadTargetSettings(
  db: Executor,
  assemblyId: string,
  questions: Question[],
): Promise<{ settings: TargetSettings; saved: boolean; savedAt?: string; pointTolerance: number }> {
  const row = await findTargets(db, assemblyId);
  const fresh = emptyTargets(questions);
  if (!row) return { settings: fresh, saved: false, pointTolerance: 0 };
  return {
    settings: {
      kind: row.kind,
      definition: { questions: { ...fresh.definition.questions, ...row.definition.questions } },
      population: row.population,
    },
    saved: true,
    savedAt: row.updated_at,
    pointTolerance: row.point_tolerance,
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
      definition: settings.definition,
      population: settings.population,
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
