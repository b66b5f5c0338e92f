/**
 * Drafting recommendations: working groups (members are confirmed people of the panel, a facilitator
 * from the team), their recommendations, each save kept as a whole version, and status changes. Each
 * change and its audit event in one transaction; the audit keeps ids and statuses, not the wording.
 */
import type { Database } from '../db/connect.ts';
import {
  type AmendmentInput,
  amendedText,
  amendmentDecisions,
  amendmentRefusals,
  isManualStatus,
  mayChangeGroupWork,
  normaliseText,
  type RecommendationInput,
  type Refusal,
  recommendationRefusals,
  type WorkingGroupInput,
  workingGroupRefusals,
} from '../domain/recommendations.ts';
import { isStaffRole, type Role } from '../domain/roles.ts';
import { listTeam, roleIn } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { findPerson } from '../repositories/people.ts';
import {
  decideAmendment,
  findAmendment,
  findRecommendation,
  findWorkingGroup,
  insertAmendment,
  insertRecommendation,
  insertVersion,
  insertWorkingGroup,
  type Recommendation,
  replaceGroupMembers,
  updateRecommendation,
  updateWorkingGroup,
  type WorkingGroup,
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

/** The role a staff account holds in the assembly as access counts it (administrators hold all). */
async function staffRole(
  trx: Executor,
  assemblyId: string,
  accountId: string,
  isAdmin: boolean,
): Promise<Role | null> {
  if (isAdmin) return 'administrator';
  const held = await roleIn(trx, assemblyId, accountId);
  return held && isStaffRole(held) ? held : null;
}

/**
 * Refuses a staff member who may not change `group`'s work (see `mayChangeGroupWork`): a facilitator
 * changes her own group's recommendations, organisers any. The rule is checked here, in the
 * transaction, whatever page the request came from. Members acting for themselves and the system
 * (demo data) are checked by their own rules.
 */
export async function checkGroupWork(
  trx: Executor,
  actor: Actor,
  assemblyId: string,
  group: Pick<WorkingGroup, 'facilitator_id'>,
): Promise<void> {
  if (actor.kind !== 'staff') return;
  const role = await staffRole(trx, assemblyId, actor.accountId, actor.isAdmin);
  if (!mayChangeGroupWork(role, actor.accountId, group))
    throw new CommandError('recommendations_not_your_group');
}

/** The working group a recommendation belongs to, once the actor may change its work. */
async function checkRecommendationWork(trx: Executor, actor: Actor, current: Recommendation): Promise<void> {
  const group = await findWorkingGroup(trx, current.assembly_id, current.working_group_id);
  if (!group) throw new CommandError('not_found');
  await checkGroupWork(trx, actor, current.assembly_id, group);
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
      const existing = await findWorkingGroup(trx, assemblyId, groupId);
      if (!existing) throw new CommandError('not_found');
      // Else a facilitator could make herself another group's facilitator, and then change its work.
      await checkGroupWork(trx, actor, assemblyId, existing);
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
    const group = await findWorkingGroup(trx, assemblyId, groupId);
    if (!group) throw new CommandError('not_found', 'group');
    await checkGroupWork(trx, actor, assemblyId, group);
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

type Audit = Parameters<Parameters<typeof inTransaction>[1]>[1];

/** Closed recommendations (adopted, not adopted, withdrawn) are no longer changed. */
function checkOpen(current: Recommendation): void {
  if (current.status !== 'draft' && current.status !== 'plenary')
    throw new CommandError('recommendations_closed');
}

/** Stores `text` as the recommendation's next version, audited; the same text makes no version. */
export async function saveVersion(
  trx: Executor,
  audit: Audit,
  actor: Actor,
  current: Recommendation,
  text: RecommendationInput,
): Promise<number> {
  if (current.title === text.title && current.body === text.body && current.rationale === text.rationale)
    return current.version;
  const version = current.version + 1;
  const at = now();
  await updateRecommendation(trx, current.assembly_id, current.id, { ...text, version, updated_at: at });
  await insertVersion(trx, {
    recommendation_id: current.id,
    number: version,
    ...text,
    saved_by: actorId(actor),
    saved_at: at,
  });
  await audit({
    actorId: actorId(actor),
    assemblyId: current.assembly_id,
    action: 'recommendations.edit',
    subjectType: 'recommendation',
    subjectId: current.id,
    details: { version },
  });
  return version;
}

/**
 * Saves a change to a recommendation as its next version. A save that changes nothing makes no
 * version (the history would show a change that is not one).
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
    await checkRecommendationWork(trx, actor, current);
    checkOpen(current);
    return saveVersion(trx, audit, actor, current, text);
  });
}

/**
 * Records a member's amendment to a passage of the recommendation as it stands now (`actor` is the
 * facilitator typing it for her). Only confirmed members propose.
 */
export async function proposeAmendment(
  database: Database,
  actor: Actor,
  assemblyId: string,
  recommendationId: string,
  input: AmendmentInput,
): Promise<string> {
  const id = crypto.randomUUID();
  await inTransaction(database, async (trx, audit) => {
    const current = await findRecommendation(trx, assemblyId, recommendationId);
    if (!current) throw new CommandError('not_found');
    await checkRecommendationWork(trx, actor, current);
    checkOpen(current);
    refuseAll(amendmentRefusals(current.body, input));
    const person = await findPerson(trx, assemblyId, input.personId);
    if (!person || person.erased_at || person.status !== 'confirmed')
      throw new CommandError('recommendations_member_not_confirmed', 'person');
    await insertAmendment(trx, {
      id,
      recommendation_id: recommendationId,
      person_id: input.personId,
      proposed_by: actor.kind === 'staff' ? actor.accountId : null,
      passage: input.passage.replace(/\s+/g, ' ').trim(),
      replacement: input.replacement.replace(/\s+/g, ' ').trim(),
      reason: input.reason.trim(),
      base_version: current.version,
      status: 'open',
      created_at: now(),
      decided_at: null,
      decided_by: null,
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'recommendations.amendment_propose',
      subjectType: 'amendment',
      subjectId: id,
      details: { recommendation: recommendationId, version: current.version },
    });
  });
  return id;
}

/**
 * The working group's decision on an open amendment. Accepted, its replacement goes into the text as
 * a new version (refused when its passage is no longer there, e.g. after a conflicting amendment was
 * accepted); merged means the group worked it into the text by hand; plenary sends it to a vote.
 */
export async function decideOnAmendment(
  database: Database,
  actor: Actor,
  assemblyId: string,
  recommendationId: string,
  amendmentId: string,
  decision: string,
): Promise<void> {
  const chosen = amendmentDecisions.find((d) => d === decision);
  if (!chosen) throw new CommandError('recommendations_status_unknown');
  await inTransaction(database, async (trx, audit) => {
    const current = await findRecommendation(trx, assemblyId, recommendationId);
    const amendment = current ? await findAmendment(trx, recommendationId, amendmentId) : null;
    if (!current || !amendment) throw new CommandError('not_found');
    await checkRecommendationWork(trx, actor, current);
    checkOpen(current);
    if (amendment.status !== 'open') throw new CommandError('recommendations_amendment_decided');
    if (chosen === 'accepted') {
      const body = amendedText(current.body, amendment.passage, amendment.replacement);
      if (body === null) throw new CommandError('recommendations_passage_gone');
      const text = { title: current.title, body: normaliseText(body), rationale: current.rationale };
      await saveVersion(trx, audit, actor, current, text);
    }
    if (
      !(await decideAmendment(trx, amendmentId, {
        status: chosen,
        decided_at: now(),
        decided_by: actorId(actor),
      }))
    )
      throw new CommandError('recommendations_amendment_decided');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'recommendations.amendment_decide',
      subjectType: 'amendment',
      subjectId: amendmentId,
      details: { recommendation: recommendationId, decision: chosen },
    });
  });
}

/**
 * Moves a recommendation to another status by hand (back to draft, to the plenary, withdrawn),
 * audited with both. Adopted and not adopted are refused: closing the plenary vote sets them.
 */
export async function changeRecommendationStatus(
  database: Database,
  actor: Actor,
  assemblyId: string,
  id: string,
  status: string,
): Promise<void> {
  if (status === 'adopted' || status === 'not_adopted')
    throw new CommandError('recommendations_status_by_vote', 'status');
  if (!isManualStatus(status)) throw new CommandError('recommendations_status_unknown', 'status');
  await inTransaction(database, async (trx, audit) => {
    const current = await findRecommendation(trx, assemblyId, id);
    if (!current) throw new CommandError('not_found');
    await checkRecommendationWork(trx, actor, current);
    if (current.status === status) return;
    // Nor is the plenary's decision undone by hand.
    if (current.status === 'adopted' || current.status === 'not_adopted')
      throw new CommandError('recommendations_status_by_vote', 'status');
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
