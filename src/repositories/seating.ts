/**
 * Seating plans of deliberation sessions and their versions, handed out decoded: the rounds' tables
 * (pseudonymous person ids), the settings the engine was asked with, the engine's report.
 */
import { z } from 'zod';
import type { TablesReport } from '../grouping/model.ts';
import type { Executor } from './executor.ts';
import { readStoredJson, readStoredJsonOrNull } from './stored-json.ts';

const tablePlanSchema = z.object({ members: z.array(z.string()), facilitator: z.string().nullable() });
export const roundsSchema = z.array(z.object({ tables: z.array(tablePlanSchema) }));

export const seatingSettingsSchema = z.object({
  rounds: z.number().int().min(1),
  tables: z.number().int().min(1).optional(),
  tableSize: z.number().int().min(2).optional(),
  /** The questions whose answers each table mirrors. */
  diversify: z.array(z.string()),
  /**
   * Each question's mode (mix with a weight, keep together, ignore); absent in plans asked for before
   * modes could be chosen, which mix the `diversify` questions with equal weights.
   */
  fields: z
    .array(
      z.object({
        name: z.string(),
        mode: z.enum(['diversify', 'cluster', 'ignore']),
        weight: z.number().min(0).optional(),
      }),
    )
    .optional(),
  seed: z.string(),
  /** Staff account ids seated one per table as facilitators. */
  facilitators: z.array(z.string()),
});
export type SeatingSettings = z.output<typeof seatingSettingsSchema>;

const fieldDeviation = z.record(z.string(), z.number());
// The engine's report as it made it; its shape is checked where the pages read it.
const reportSchema = z.object({
  rounds: z.array(
    z.object({
      tables: z.array(
        z.object({
          deviation: fieldDeviation,
          weightedDeviation: z.number(),
          metBefore: z.array(z.object({ pair: z.tuple([z.string(), z.string()]), times: z.number() })),
        }),
      ),
    }),
  ),
  distinctPairs: z.number(),
  repeatedPairs: z.number(),
  maxMeetings: z.number(),
  clusterRepeatedPairs: z.number(),
  contacts: z.object({ lowest: z.number(), mean: z.number(), mostPossible: z.number() }),
  meanDeviation: z.number(),
  meanDeviationByField: fieldDeviation,
  bounds: z.array(
    z.object({ code: z.enum(['social-golfer', 'pigeonhole', 'clusters', 'contacts']), value: z.number() }),
  ),
}) satisfies z.ZodType<TablesReport>;

export type SeatingRounds = z.output<typeof roundsSchema>;

export interface SeatingPlan {
  sessionId: string;
  assemblyId: string;
  settings: SeatingSettings;
  rounds: SeatingRounds;
  report: TablesReport | null;
  /** Rounds 1 … lockedRounds have happened and stay as they were. */
  lockedRounds: number;
  pendingJobId: string | null;
  version: number;
  updatedAt: string;
}

export const seatingReasons = ['computed', 'recomputed', 'moved', 'late'] as const;
export type SeatingReason = (typeof seatingReasons)[number];

const detailsSchema = z.object({
  /** A move: who, in which round (0-based), from and to which table (0-based), with whom swapped. */
  person: z.string().optional(),
  round: z.number().optional(),
  from: z.number().optional(),
  to: z.number().optional(),
  swapWith: z.string().optional(),
  /** How many were seated (expected or checked in). */
  seated: z.number().optional(),
});
export type SeatingVersionDetails = z.output<typeof detailsSchema>;

export interface SeatingVersion {
  version: number;
  reason: SeatingReason;
  rounds: SeatingRounds;
  details: SeatingVersionDetails;
  madeBy: string;
  madeAt: string;
}

type PlanRow = {
  session_id: string;
  assembly_id: string;
  settings: string;
  rounds: string;
  report: string | null;
  locked_rounds: number;
  pending_job_id: string | null;
  version: number;
  updated_at: string;
};

function decodePlan(row: PlanRow): SeatingPlan {
  const what = `seating plan of ${row.session_id}`;
  return {
    sessionId: row.session_id,
    assemblyId: row.assembly_id,
    settings: readStoredJson(seatingSettingsSchema, row.settings, `${what}: settings`),
    rounds: readStoredJson(roundsSchema, row.rounds, `${what}: rounds`),
    report: readStoredJsonOrNull(reportSchema, row.report, `${what}: report`),
    lockedRounds: Number(row.locked_rounds),
    pendingJobId: row.pending_job_id,
    version: Number(row.version),
    updatedAt: row.updated_at,
  };
}

export async function findSeatingPlan(
  db: Executor,
  assemblyId: string,
  sessionId: string,
): Promise<SeatingPlan | null> {
  const row = await db
    .selectFrom('seating_plans')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return row ? decodePlan(row) : null;
}

export async function listSeatingPlans(db: Executor, assemblyId: string): Promise<SeatingPlan[]> {
  const rows = await db
    .selectFrom('seating_plans')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .execute();
  return rows.map(decodePlan);
}

/** Records that a new plan is being computed with these settings (creating the plan if need be). */
export async function savePendingSeating(
  db: Executor,
  plan: {
    assemblyId: string;
    sessionId: string;
    settings: SeatingSettings;
    jobId: string | null;
    at: string;
  },
): Promise<void> {
  const values = {
    settings: JSON.stringify(plan.settings),
    pending_job_id: plan.jobId,
    updated_at: plan.at,
  };
  await db
    .insertInto('seating_plans')
    .values({ session_id: plan.sessionId, assembly_id: plan.assemblyId, rounds: '[]', ...values })
    .onConflict((oc) => oc.column('session_id').doUpdateSet(values))
    .execute();
}

/** Stores a new version of the plan's rounds with its report, and the version in the history. */
export async function saveSeatingVersion(
  db: Executor,
  plan: SeatingPlan,
  change: {
    rounds: SeatingRounds;
    report: TablesReport;
    reason: SeatingReason;
    details: SeatingVersionDetails;
    by: string;
    at: string;
    /** Clears the pending job (a computed plan has arrived). */
    clearPending: boolean;
  },
): Promise<number> {
  const version = plan.version + 1;
  await db
    .updateTable('seating_plans')
    .set({
      rounds: JSON.stringify(change.rounds),
      report: JSON.stringify(change.report),
      version,
      updated_at: change.at,
      ...(change.clearPending ? { pending_job_id: null } : {}),
    })
    .where('session_id', '=', plan.sessionId)
    .execute();
  await db
    .insertInto('seating_versions')
    .values({
      session_id: plan.sessionId,
      version,
      assembly_id: plan.assemblyId,
      reason: change.reason,
      rounds: JSON.stringify(change.rounds),
      details: JSON.stringify(change.details),
      made_by: change.by,
      made_at: change.at,
    })
    .execute();
  return version;
}

export async function saveLockedRounds(
  db: Executor,
  sessionId: string,
  lockedRounds: number,
  at: string,
): Promise<void> {
  await db
    .updateTable('seating_plans')
    .set({ locked_rounds: lockedRounds, updated_at: at })
    .where('session_id', '=', sessionId)
    .execute();
}

/** The plan's versions, newest first. */
export async function listSeatingVersions(db: Executor, sessionId: string): Promise<SeatingVersion[]> {
  const rows = await db
    .selectFrom('seating_versions')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((row) => {
    if (!(seatingReasons as readonly string[]).includes(row.reason))
      throw new Error(`seating version ${row.version} of ${row.session_id} has an unknown reason`);
    const what = `seating version ${row.version} of ${row.session_id}`;
    return {
      version: Number(row.version),
      reason: row.reason as SeatingReason,
      rounds: readStoredJson(roundsSchema, row.rounds, `${what}: rounds`),
      details: readStoredJson(detailsSchema, row.details, `${what}: details`),
      madeBy: row.made_by,
      madeAt: row.made_at,
    };
  });
}

/** A seated person as the tables name her: her P-reference and her name (null once erased). */
export interface SeatedPerson {
  id: string;
  reference: string;
  name: string | null;
}

/** The seated people among `ids` (any status: a member may have left after an earlier round). */
export async function listSeatedPeople(
  db: Executor,
  assemblyId: string,
  ids: readonly string[],
): Promise<SeatedPerson[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('people')
    .leftJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .select(['people.id', 'people.reference', 'people.erased_at', 'person_contacts.full_name'])
    .where('people.assembly_id', '=', assemblyId)
    .where('people.id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    name: r.erased_at === null ? (r.full_name ?? null) : null,
  }));
}

const needsSchema = z.array(z.string());

/** The access needs (codes) of the people among `ids` who gave any; erased people have none. */
export async function listSeatingNeeds(db: Executor, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('person_needs')
    .select(['person_id', 'needs'])
    .where('person_id', 'in', [...ids])
    .execute();
  for (const r of rows) out.set(r.person_id, readStoredJson(needsSchema, r.needs, `needs of ${r.person_id}`));
  return out;
}

/** An organiser's hard rule: two members never at one table, or a member fixed to a table in a round. */
export type NewSeatingRule =
  | { kind: 'apart'; person: string; other: string }
  | { kind: 'fixed'; person: string; round: number; table: number };
export type SeatingRule = NewSeatingRule & { id: string };

/** The session's rules in the order they were made; rounds and tables 1-based. */
export async function listSeatingRules(db: Executor, sessionId: string): Promise<SeatingRule[]> {
  const rows = await db
    .selectFrom('seating_rules')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('made_at')
    .orderBy('id')
    .execute();
  return rows.map((r): SeatingRule => {
    if (r.kind === 'apart' && r.other_id !== null)
      return { id: r.id, kind: 'apart', person: r.person_id, other: r.other_id };
    if (r.kind === 'fixed' && r.round !== null && r.table_number !== null)
      return {
        id: r.id,
        kind: 'fixed',
        person: r.person_id,
        round: Number(r.round),
        table: Number(r.table_number),
      };
    throw new Error(`seating rule ${r.id} of ${r.session_id} is not a rule`);
  });
}

export async function insertSeatingRule(
  db: Executor,
  rule: { assemblyId: string; sessionId: string; rule: NewSeatingRule; by: string; at: string },
): Promise<string> {
  const id = crypto.randomUUID();
  const r = rule.rule;
  await db
    .insertInto('seating_rules')
    .values({
      id,
      session_id: rule.sessionId,
      assembly_id: rule.assemblyId,
      kind: r.kind,
      person_id: r.person,
      other_id: r.kind === 'apart' ? r.other : null,
      round: r.kind === 'fixed' ? r.round : null,
      table_number: r.kind === 'fixed' ? r.table : null,
      made_by: rule.by,
      made_at: rule.at,
    })
    .execute();
  return id;
}

/** Removes one rule of the session; false when it has no such rule. */
export async function deleteSeatingRule(db: Executor, sessionId: string, ruleId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('seating_rules')
    .where('session_id', '=', sessionId)
    .where('id', '=', ruleId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
