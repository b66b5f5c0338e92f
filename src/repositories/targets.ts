/**
 * An assembly's targets: one row per assembly, the definition and population shares stored as JSON.
 * They are decoded here, so that commands and pages get a `TargetDefinition` and `PopulationShares`,
 * never the stored text.
 */
import type { Insertable, Selectable } from 'kysely';
import { z } from 'zod';
import type { TargetsTable } from '../db/schema.ts';
import {
  type PopulationShares,
  preferNotToSayModes,
  type TargetDefinition,
  type TargetKind,
  targetKinds,
} from '../domain/targets.ts';
import type { Executor } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

/** The saved targets of an assembly, decoded. */
export interface StoredTargets
  extends Omit<TargetsTable, 'kind' | 'definition' | 'population' | 'point_tolerance'> {
  kind: TargetKind;
  definition: TargetDefinition;
  population: PopulationShares;
}

/** As read: with the point targets' tolerance, which is chosen apart from the targets (setPointTolerance). */
export interface SavedTargets extends StoredTargets {
  point_tolerance: number;
}

const amount = z.number().finite().min(0);

/** What a target definition holds as stored (also inside a selection run's settings). */
export const targetDefinitionSchema = z.object({
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
}) satisfies z.ZodType<TargetDefinition>;

/** Population shares in percent per question and answer, as stored. */
export const populationSharesSchema = z.record(
  z.string(),
  z.record(z.string(), amount),
) satisfies z.ZodType<PopulationShares>;

function decodeTargets(row: Selectable<TargetsTable>): SavedTargets {
  return {
    ...row,
    // A kind this version does not know reads as counts, the way targets were first given.
    kind: targetKinds.find((k) => k === row.kind) ?? 'quotas',
    definition: readStoredJson(targetDefinitionSchema, row.definition, 'target definition'),
    population: readStoredJson(populationSharesSchema, row.population, 'population shares'),
  };
}

export async function findTargets(db: Executor, assemblyId: string): Promise<SavedTargets | undefined> {
  const row = await db
    .selectFrom('targets')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirst();
  return row ? decodeTargets(row) : undefined;
}

/** Saves the targets; the tolerance chosen for point targets stays as it was (0 for new targets). */
export async function saveTargets(db: Executor, targets: StoredTargets): Promise<void> {
  const row: Insertable<TargetsTable> = {
    assembly_id: targets.assembly_id,
    kind: targets.kind,
    updated_at: targets.updated_at,
    updated_by: targets.updated_by,
    definition: JSON.stringify(targets.definition),
    population: JSON.stringify(targets.population),
  };
  const { assembly_id: _, ...changes } = row;
  await db
    .insertInto('targets')
    .values(row)
    .onConflict((oc) => oc.column('assembly_id').doUpdateSet(changes))
    .execute();
}

/** Sets the tolerance of the assembly's saved targets; false when it has none saved. */
export async function setPointTolerance(
  db: Executor,
  assemblyId: string,
  tolerance: number,
): Promise<boolean> {
  const result = await db
    .updateTable('targets')
    .set({ point_tolerance: tolerance })
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
