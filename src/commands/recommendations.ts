/**
 * Drafting recommendations: working groups (members are confirmed people of the panel, a facilitator
 * from the team), their recommendations, each save kept as a whole version, and status changes. Each
 * change and its audit event in one transaction; the audit keeps ids and statuses, not the wording.
 */
import type { Database } from '../db/connect.ts';
import {
  isRecommendationStatus,
  normaliseText,
  type RecommendationInput,
  type Refusal,
  recommendationRefusals,
  type WorkingGroupInput,
  workingGroupRefusals,
} from '../domain/recommendations.ts';
import { listTeam } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { findPerson } from '../repositories/people.ts';
import {
  findRecommendation,
  findWorkingGroup,
  insertRecommendation,
  insertVersion,
  insertWorkingGroup,
  replaceGroupMembers,
  updateRecommendation,
  updateWorkingGroup,
} from '../repositories/recommendations.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

function refuseAll(refusals: Refusal[]): void {
  const [first, ...rest] = refusals;
  if (first)
    throw new CommandError(
      first.code,
      first.field,
      first.params ?? {},
      rest.map((r) => ({ ...r, params: r.params ?? {} })),
    );
}

/** The facilitator must be on the assembly's team; every member a confirmed person of the panel. */
async function checkGroup(trx: Executor, assemblyId: string, input: WorkingGroupInput): Promise<void> {
  if (input.facilitatorId) {
    const team = await listTeam(trx, assemblyId);
    if (!team.some((m) => m.id === input.facilitatorId)) throw new CommandError('not_found', 'facilitator');
  }
  for (const personId of new Set(input.memberIds)) {
    const person = await findPerson(trx, assemblyId, personId);
    if (!person || person.erased_at || person.status !== 'confirmed')
      throw new CommandError('recommendations_member_not_confirmed', 'members');
  }
}

/** Creates a working group (`groupId` null) or changes one; returns its id. */
export async function saveWorkingGroup(
  database: Database,
  actor: Actor,
  assemblyId: string,
  groupId: string | null,
  input: WorkingGroupInput,
): Promise<string> {
  refuseAll(workingGroupRefusals(input));
  const id = groupId ?? crypto.randomUUID();
  await inTransaction(database, async (trx, audit) => {
    await checkGroup(trx, assemblyId, input);
    const fields = {
      name_sv: input.nameSv.trim(),
      name_en: input.nameEn.trim(),
      facilitator_id: input.facilitatorId || null,
    };
    if (groupId) {
      if (!(await findWorkingGroup(trx, assemblyId, groupId))) throw new CommandError('not_found');
      await updateWorkingGroup(trx, assemblyId, groupId, fields);
    } else await insertWorkingGroup(trx, { id, assembly_id: assemblyId, created_at: now(), ...fields });
    await replaceGroupMembers(trx, id, [...new Set(input.memberIds)]);
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: groupId ? 'recommendations.group_update' : 'recommendations.group_create',
      subjectType: 'working_group',
      subjectId: id,
      details: { members: new Set(input.memberIds).size },
    });
  });
  return id;
}

function cleaned(input: RecommendationInput): RecommendationInput {
  return {
    title: input.title.trim(),
    body: normaliseText(input.body),
    rationale: normaliseText(input.rationale),
  };
}

/** Starts a recommendation of a working group as a draft, its first version. */
export async function createRecommendation(
  database: Database,
  actor: Actor,
  assemblyId: string,
  groupId: string,
  input: RecommendationInput,
): Promise<string> {
  refuseAll(recommendationRefusals(input));
  const id = crypto.randomUUID();
  const text = cleaned(input);
  await inTransaction(database, async (trx, audit) => {
    if (!(await findWorkingGroup(trx, assemblyId, groupId))) throw new CommandError('not_found', 'group');
    const at = now();
    await insertRecommendation(trx, {
      id,
      assembly_id: assemblyId,
      working_group_id: groupId,
      ...text,
      status: 'draft',
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await insertVersion(trx, {
      recommendation_id: id,
      number: 1,
      ...text,
      saved_by: actorId(actor),
      saved_at: at,
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'recommendations.create',
      subjectType: 'recommendation',
      subjectId: id,
      details: { version: 1 },
    });
  });
  return id;
}

/**
 * Saves a change to a recommendation as its next version. A save that changes nothing makes no
 * version (the history would show a change that is not one). Closed recommendations (adopted, not
 * adopted, withdrawn) are no longer edited.
 */
export async function editRecommendation(
  database: Database,
  actor: Actor,
  assemblyId: string,
  id: string,
  input: RecommendationInput,
): Promise<number> {
  refuseAll(recommendationRefusals(input));
  const text = cleaned(input);
  return inTransaction(database, async (trx, audit) => {
    const current = await findRecommendation(trx, assemblyId, id);
    if (!current) throw new CommandError('not_found');
    if (current.status !== 'draft' && current.status !== 'plenary')
      throw new CommandError('recommendations_closed');
    if (current.title === text.title && current.body === text.body && current.rationale === text.rationale)
      return current.version;
    const version = current.version + 1;
    const at = now();
    await updateRecommendation(trx, assemblyId, id, { ...text, version, updated_at: at });
    await insertVersion(trx, {
      recommendation_id: id,
      number: version,
      ...text,
      saved_by: actorId(actor),
      saved_at: at,
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'recommendations.edit',
      subjectType: 'recommendation',
      subjectId: id,
      details: { version },
    });
    return version;
  });
}

/** Moves a recommendation to another status (to the plenary, adopted, …), audited with both. */
export async function changeRecommendationStatus(
  database: Database,
  actor: Actor,
  assemblyId: string,
  id: string,
  status: string,
): Promise<void> {
  if (!isRecommendationStatus(status)) throw new CommandError('recommendations_status_unknown', 'status');
  await inTransaction(database, async (trx, audit) => {
    const current = await findRecommendation(trx, assemblyId, id);
    if (!current) throw new CommandError('not_found');
    if (current.status === status) return;
    await updateRecommendation(trx, assemblyId, id, { status, updated_at: now() });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'recommendations.status',
      subjectType: 'recommendation',
      subjectId: id,
      details: { from: current.status, to: status },
    });
  });
}
