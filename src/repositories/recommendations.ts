/**
 * Working groups, their members, recommendations and their versions: the rows as the pages and
 * commands use them, the status decoded.
 */
import type { Selectable } from 'kysely';
import type {
  AmendmentsTable,
  RecommendationsTable,
  RecommendationVersionsTable,
  WorkingGroupsTable,
} from '../db/schema.ts';
import {
  type AmendmentStatus,
  isAmendmentStatus,
  isRecommendationStatus,
  type RecommendationStatus,
} from '../domain/recommendations.ts';
import type { Executor } from './executor.ts';

export type WorkingGroup = Selectable<WorkingGroupsTable>;
export interface Recommendation extends Omit<Selectable<RecommendationsTable>, 'status'> {
  status: RecommendationStatus;
}
export interface RecommendationVersion extends Selectable<RecommendationVersionsTable> {
  /** The display name of the account that saved it, when the account is still there. */
  saved_by_name: string | null;
}

function decoded(row: Selectable<RecommendationsTable>): Recommendation {
  return { ...row, status: isRecommendationStatus(row.status) ? row.status : 'draft' };
}

export async function insertWorkingGroup(db: Executor, row: WorkingGroup): Promise<void> {
  await db.insertInto('working_groups').values(row).execute();
}

export async function updateWorkingGroup(
  db: Executor,
  assemblyId: string,
  id: string,
  change: Pick<WorkingGroup, 'name_sv' | 'name_en' | 'facilitator_id'>,
): Promise<void> {
  await db
    .updateTable('working_groups')
    .set(change)
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .execute();
}

/** Makes `personIds` the group's members, no more and no fewer. */
export async function replaceGroupMembers(db: Executor, groupId: string, personIds: readonly string[]) {
  await db.deleteFrom('working_group_members').where('working_group_id', '=', groupId).execute();
  if (personIds.length > 0)
    await db
      .insertInto('working_group_members')
      .values(personIds.map((person_id) => ({ working_group_id: groupId, person_id })))
      .execute();
}

export async function findWorkingGroup(
  db: Executor,
  assemblyId: string,
  id: string,
): Promise<WorkingGroup | null> {
  const row = await db
    .selectFrom('working_groups')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export function listWorkingGroups(db: Executor, assemblyId: string): Promise<WorkingGroup[]> {
  return db
    .selectFrom('working_groups')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every group member of the assembly, by group. */
export async function listGroupMembers(db: Executor, assemblyId: string) {
  return db
    .selectFrom('working_group_members')
    .innerJoin('working_groups', 'working_groups.id', 'working_group_members.working_group_id')
    .select([
      'working_group_members.working_group_id as groupId',
      'working_group_members.person_id as personId',
    ])
    .where('working_groups.assembly_id', '=', assemblyId)
    .execute();
}

export async function insertRecommendation(
  db: Executor,
  row: Selectable<RecommendationsTable>,
): Promise<void> {
  await db.insertInto('recommendations').values(row).execute();
}

export async function updateRecommendation(
  db: Executor,
  assemblyId: string,
  id: string,
  change: Partial<
    Pick<RecommendationsTable, 'title' | 'body' | 'rationale' | 'status' | 'version' | 'updated_at'>
  >,
): Promise<void> {
  await db
    .updateTable('recommendations')
    .set(change)
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .execute();
}

export async function findRecommendation(
  db: Executor,
  assemblyId: string,
  id: string,
): Promise<Recommendation | null> {
  const row = await db
    .selectFrom('recommendations')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? decoded(row) : null;
}

export async function listRecommendations(db: Executor, assemblyId: string): Promise<Recommendation[]> {
  const rows = await db
    .selectFrom('recommendations')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(decoded);
}

export async function insertVersion(
  db: Executor,
  row: Selectable<RecommendationVersionsTable>,
): Promise<void> {
  await db.insertInto('recommendation_versions').values(row).execute();
}

/** A recommendation's versions, oldest first. */
export function listVersions(db: Executor, recommendationId: string): Promise<RecommendationVersion[]> {
  return db
    .selectFrom('recommendation_versions')
    .leftJoin('accounts', 'accounts.id', 'recommendation_versions.saved_by')
    .selectAll('recommendation_versions')
    .select('accounts.display_name as saved_by_name')
    .where('recommendation_id', '=', recommendationId)
    .orderBy('number')
    .execute();
}

// --- Amendments ------------------------------------------------------------------------------------

export interface Amendment extends Omit<Selectable<AmendmentsTable>, 'status'> {
  status: AmendmentStatus;
}

function decodedAmendment(row: Selectable<AmendmentsTable>): Amendment {
  return { ...row, status: isAmendmentStatus(row.status) ? row.status : 'open' };
}

export async function insertAmendment(db: Executor, row: Selectable<AmendmentsTable>): Promise<void> {
  await db.insertInto('amendments').values(row).execute();
}

export async function findAmendment(
  db: Executor,
  recommendationId: string,
  id: string,
): Promise<Amendment | null> {
  const row = await db
    .selectFrom('amendments')
    .selectAll()
    .where('recommendation_id', '=', recommendationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? decodedAmendment(row) : null;
}

/** Decides an open amendment; false when it is no longer open (someone decided it first). */
export async function decideAmendment(
  db: Executor,
  id: string,
  change: { status: AmendmentStatus; decided_at: string; decided_by: string },
): Promise<boolean> {
  const result = await db
    .updateTable('amendments')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A recommendation's amendments, oldest first. */
export async function listAmendments(db: Executor, recommendationId: string): Promise<Amendment[]> {
  const rows = await db
    .selectFrom('amendments')
    .selectAll()
    .where('recommendation_id', '=', recommendationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(decodedAmendment);
}

/** The open (draft or plenary) recommendations of the working groups `personId` belongs to. */
export async function listOpenRecommendationsOfMember(
  db: Executor,
  personId: string,
): Promise<Recommendation[]> {
  const rows = await db
    .selectFrom('recommendations')
    .innerJoin(
      'working_group_members',
      'working_group_members.working_group_id',
      'recommendations.working_group_id',
    )
    .selectAll('recommendations')
    .where('working_group_members.person_id', '=', personId)
    .where('recommendations.status', 'in', ['draft', 'plenary'])
    .orderBy('recommendations.created_at')
    .orderBy('recommendations.id')
    .execute();
  return rows.map(decoded);
}
