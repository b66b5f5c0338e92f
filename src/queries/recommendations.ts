/**
 * What the recommendations pages read: the working groups with their members and recommendations,
 * a group's form (its choices: the confirmed panel and the team), a recommendation with its history,
 * and two of its versions to compare.
 */
import {
  amendedText,
  conflictingAmendments,
  mayChangeGroupWork,
  takesStatements,
} from '../domain/recommendations.ts';
import { can, isStaffRole, type Role } from '../domain/roles.ts';
import { listTeam } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { listStatements, type MinorityStatement } from '../repositories/minority-statements.ts';
import { findPersonById, listPeople } from '../repositories/people.ts';
import {
  type Amendment,
  findRecommendation,
  findWorkingGroup,
  listAmendments,
  listGroupMembers,
  listOpenRecommendationsOfMember,
  listRecommendations,
  listVersions,
  listWorkingGroups,
  type Recommendation,
  type RecommendationVersion,
  type WorkingGroup,
} from '../repositories/recommendations.ts';

export type { MinorityStatement, Recommendation, RecommendationVersion, WorkingGroup };

/** Who looks at a staff page: what she may change depends on her role and the groups she leads. */
export interface Viewer {
  role: Role | null;
  accountId: string;
}

export interface Choice {
  id: string;
  name: string;
}

export interface GroupOverview {
  group: WorkingGroup;
  facilitator: string | null;
  members: Choice[];
  recommendations: Recommendation[];
  /** Whether the viewer may change this group's work (see `mayChangeGroupWork`). */
  mayChange: boolean;
}

/**
 * The confirmed panel by name (reference when none): at most `panelMax` (1000), one page. Without
 * `withNames` (a viewer without `people:names`, e.g. an evaluator) by pseudonymous reference only.
 */
async function confirmedMembers(db: Executor, assemblyId: string, withNames = true): Promise<Choice[]> {
  const { items } = await listPeople(db, {
    assemblyId,
    status: 'confirmed',
    searchContacts: false,
    limit: 1000,
    offset: 0,
  });
  return items
    .filter((p) => !p.erased_at)
    .map((p) => ({
      id: p.id,
      name: withNames && p.full_name ? `${p.full_name} (${p.reference})` : p.reference,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** The team by name; `editors` keeps those who may draft (a group's facilitator types for it). */
async function teamChoices(db: Executor, assemblyId: string, editors = false): Promise<Choice[]> {
  return (await listTeam(db, assemblyId))
    .filter((m) => !editors || (isStaffRole(m.role) && can(m.role, 'recommendations:edit')))
    .map((m) => ({ id: m.id, name: m.display_name || m.email }));
}

/** Every working group of the assembly with its facilitator, members and recommendations. */
export async function recommendationsOverview(
  db: Executor,
  assemblyId: string,
  viewer: Viewer,
): Promise<GroupOverview[]> {
  const [groups, memberships, recommendations, team, panel] = await Promise.all([
    listWorkingGroups(db, assemblyId),
    listGroupMembers(db, assemblyId),
    listRecommendations(db, assemblyId),
    teamChoices(db, assemblyId),
    confirmedMembers(db, assemblyId, can(viewer.role, 'people:names')),
  ]);
  const names = new Map(panel.map((p) => [p.id, p.name]));
  return groups.map((group) => ({
    group,
    facilitator: team.find((m) => m.id === group.facilitator_id)?.name ?? null,
    members: memberships
      .filter((m) => m.groupId === group.id && names.has(m.personId))
      .map((m) => ({ id: m.personId, name: names.get(m.personId) ?? '' })),
    recommendations: recommendations.filter((r) => r.working_group_id === group.id),
    mayChange: mayChangeGroupWork(viewer.role, viewer.accountId, group),
  }));
}

export interface GroupForm {
  group: WorkingGroup | null;
  memberIds: string[];
  panel: Choice[];
  team: Choice[];
  /** Whether the viewer may change the group (anyone who drafts may start a new one). */
  mayChange: boolean;
}

/** A group's form: the group (null for a new one, undefined when not found) and its choices. */
export async function groupForm(
  db: Executor,
  assemblyId: string,
  groupId: string | null,
  viewer: Viewer,
): Promise<GroupForm | undefined> {
  const group = groupId ? await findWorkingGroup(db, assemblyId, groupId) : null;
  if (groupId && !group) return undefined;
  const memberships = group ? await listGroupMembers(db, assemblyId) : [];
  return {
    group,
    memberIds: memberships.filter((m) => m.groupId === group?.id).map((m) => m.personId),
    panel: await confirmedMembers(db, assemblyId),
    team: await teamChoices(db, assemblyId, true),
    mayChange: group ? mayChangeGroupWork(viewer.role, viewer.accountId, group) : true,
  };
}

export interface AmendmentEntry extends Amendment {
  /** The proposing member's name (reference when none), when she is still on the panel. */
  proposer: string | null;
  /** The whole text as it would read with the amendment, or null when its passage is gone. */
  result: string | null;
  /** The other open amendments that change an overlapping passage. */
  conflictsWith: string[];
}

export interface RecommendationView {
  recommendation: Recommendation;
  group: WorkingGroup;
  versions: RecommendationVersion[];
  amendments: AmendmentEntry[];
  /** The confirmed members an amendment may be proposed for. */
  panel: Choice[];
  /** Its minority statements, withdrawn ones too, oldest first. */
  statements: MinorityStatement[];
  /** Whether the viewer may change this group's work (see `mayChangeGroupWork`). */
  mayChange: boolean;
}

async function amendmentEntries(db: Executor, recommendation: Recommendation, panel: Choice[]) {
  const amendments = await listAmendments(db, recommendation.id);
  const conflicts = conflictingAmendments(recommendation.body, amendments);
  const names = new Map(panel.map((p) => [p.id, p.name]));
  return amendments.map((a) => ({
    ...a,
    proposer: a.person_id ? (names.get(a.person_id) ?? null) : null,
    result: amendedText(recommendation.body, a.passage, a.replacement),
    conflictsWith: conflicts.get(a.id) ?? [],
  }));
}

/** A recommendation of the assembly with its group and every version, oldest first. */
export async function recommendationView(
  db: Executor,
  assemblyId: string,
  id: string,
  viewer: Viewer,
): Promise<RecommendationView | undefined> {
  const recommendation = await findRecommendation(db, assemblyId, id);
  if (!recommendation) return undefined;
  const group = await findWorkingGroup(db, assemblyId, recommendation.working_group_id);
  if (!group) return undefined;
  const panel = await confirmedMembers(db, assemblyId, can(viewer.role, 'people:names'));
  return {
    recommendation,
    group,
    versions: await listVersions(db, id),
    amendments: await amendmentEntries(db, recommendation, panel),
    panel,
    statements: await listStatements(db, assemblyId, [id]),
    mayChange: mayChangeGroupWork(viewer.role, viewer.accountId, group),
  };
}

/** A working group of the assembly and whether the viewer may change its work. */
export async function groupOf(
  db: Executor,
  assemblyId: string,
  id: string,
  viewer: Viewer,
): Promise<{ group: WorkingGroup; mayChange: boolean } | null> {
  const group = await findWorkingGroup(db, assemblyId, id);
  return group ? { group, mayChange: mayChangeGroupWork(viewer.role, viewer.accountId, group) } : null;
}

export interface MemberStatement extends MinorityStatement {
  /** She wrote it (she withdraws it rather than her signature). */
  mine: boolean;
  /** She signs it now. */
  signed: boolean;
}

export interface MemberRecommendation {
  recommendation: Recommendation;
  /** One of her own working group's, open for changes: she may propose an amendment. */
  amendable: boolean;
  /** Before the plenary or decided by it: she may write and sign minority statements. */
  takesStatements: boolean;
  /** Its minority statements that were not withdrawn, oldest first. */
  statements: MemberStatement[];
}

/**
 * What a member works on: the open recommendations of her own working groups (to amend), and every
 * recommendation of her assembly before the plenary or decided by it (for minority statements).
 * None when she is not, or no longer, a confirmed member.
 */
export async function memberRecommendations(db: Executor, personId: string): Promise<MemberRecommendation[]> {
  const person = await findPersonById(db, personId);
  if (!person || person.erased_at || person.status !== 'confirmed') return [];
  const own = new Set((await listOpenRecommendationsOfMember(db, personId)).map((r) => r.id));
  const shown = (await listRecommendations(db, person.assembly_id)).filter(
    (r) => own.has(r.id) || takesStatements(r.status),
  );
  const statements = await listStatements(
    db,
    person.assembly_id,
    shown.map((r) => r.id),
  );
  return shown.map((recommendation) => ({
    recommendation,
    amendable: own.has(recommendation.id),
    takesStatements: takesStatements(recommendation.status),
    statements: statements
      .filter((s) => s.recommendation_id === recommendation.id && !s.withdrawn_at)
      .map((s) => ({
        ...s,
        mine: s.person_id === personId,
        signed: s.signatures.some((g) => g.personId === personId),
      })),
  }));
}
