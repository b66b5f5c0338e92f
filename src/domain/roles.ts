/**
 * Who may do what. Roles are granted per assembly; an account marked administrator holds the
 * administrator role in every assembly. Each route declares the permission it needs, and the access
 * test walks every route with every role against this table.
 */
import type { PersonStatus } from './person-status.ts';

/**
 * `commissioner` (beslutsfattare) is the decision maker who commissioned the assembly: she answers
 * its recommendations and reports on their implementation, and sees nothing else of the assembly.
 *
 * `host` (värd) stands at the door with a tablet: she checks confirmed members in and sees their names,
 * nothing else. Her rights are within a caller's and a facilitator's, so those may give the role too.
 */
export const staffRoles = [
  'administrator',
  'organiser',
  'caller',
  'facilitator',
  'evaluator',
  'host',
  'commissioner',
] as const;
export type StaffRole = (typeof staffRoles)[number];
/**
 * The roles of people who come in through their personal link, never reaching staff routes: a
 * confirmed member of the panel, or a volunteer (invited, registered, drawn but not yet confirmed, or
 * no longer taking part) who may only see and correct what is stored about her.
 */
export const memberRoles = ['member', 'volunteer'] as const;
export type MemberRole = (typeof memberRoles)[number];
export type Role = StaffRole | MemberRole;

export const permissions = [
  'assembly:view',
  'assembly:edit',
  'team:manage',
  'questions:edit',
  'people:list',
  'people:names',
  'people:contacts',
  // The home address is kept apart from phone and e-mail: callers phone people, they do not visit.
  'people:address',
  'people:answers',
  'people:needs',
  'people:status',
  'people:import',
  'people:erase',
  'people:export',
  'invitations:manage',
  'targets:edit',
  'selection:run',
  'draw:manage',
  'calls:make',
  'report:view',
  // The staff programme of sessions. Not `programme:view`: that is the members' own permission.
  'programme:read',
  'programme:edit',
  'audit:view',
  // The learning phase's evidence library and experts: reading them, and keeping them up to date.
  'evidence:view',
  'evidence:edit',
  // Attendance. Checking members in at the door shows confirmed members' names and nothing else.
  'attendance:check_in',
  // Marking a session afterwards: present, absent or excused, with late and early times.
  'attendance:mark',
  // Undoing a wrong door check-in (a mark someone else made at the door).
  'attendance:correct',
  // The attendance page without names: counts per session and the spread of hours attended.
  'attendance:summary',
  // Attendance member by member, with names: who is at risk of dropping out, and its CSV.
  'attendance:view',
  // Members' questions and requests for speakers: the log (no names), asking on a member's behalf,
  // answering or declining; and reviewing what the public sends in (which carries senders' names).
  'requests:read',
  'requests:ask_for',
  'requests:manage',
  'submissions:review',
  // Stipend and expense rules, members' claims and their receipts, payouts: money and personal
  // costs (childcare, a relative's care), so organisers only.
  'expenses:manage',
  // Tables for deliberation: seeing a session's tables (names with people:names), its printables and
  // projector view; asking for them, recomputing, locking rounds and moving people.
  'tables:view',
  'tables:edit',
  // Working groups and their recommendations: reading them (the whole team), and drafting them
  // (organisers, and facilitators typing for the members of their groups).
  'recommendations:view',
  'recommendations:edit',
  // Plenary votes: their results and the projector (the whole team); setting them up, opening and
  // closing them (organisers); typing in paper ballots (two people of the team, each once); running
  // the shared tablet at a table, where members vote with the code on their name card.
  'votes:view',
  'votes:run',
  'votes:paper',
  'votes:tablet',
  // Changing any working group's work, not only the groups one facilitates (organisers).
  'recommendations:all_groups',
  // After the handover (issue 13): reading the answers to the recommendations and their follow-up
  // (the team, evaluators, commissioners); writing answers and implementation updates
  // (commissioners, and organisers on their behalf); setting the handover, the deadline and who
  // answers (organisers).
  'answers:view',
  'answers:write',
  'answers:manage',
  // Publishing the assembly's public page and its open data (organisers).
  'public:publish',
  // Evaluation: setting up the questionnaires (organisers); reading their figures and writing the
  // evaluation report (evaluators, organisers).
  'evaluation:manage',
  'evaluation:view',
  'evaluation:report',
  // The retention schedule of the assembly's personal data: seeing it, holding a category (organisers).
  'retention:manage',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * What people do in their own assembly through their personal link. Kept apart from staff
 * permissions: no staff role holds one, and no member role holds a staff permission.
 */
export const memberPermissions = [
  // Her own page: what is stored about her, her consents.
  'own:view',
  'own:consents',
  'programme:view',
  'votes:cast',
  'amendments:propose',
  // Writing a minority statement to a recommendation, signing one or withdrawing her signature.
  'statements:sign',
  'expenses:claim',
  'questionnaires:answer',
  'requests:ask',
] as const;
export type MemberPermission = (typeof memberPermissions)[number];

const grants: Record<Role, readonly (Permission | MemberPermission)[]> = {
  administrator: permissions,
  organiser: permissions.filter((p) => p !== 'audit:view'),
  // Callers phone selected people: names, phone and e-mail, needs; no demographics, no address.
  caller: [
    'assembly:view',
    'people:list',
    'people:names',
    'people:contacts',
    'people:needs',
    'people:status',
    'calls:make',
    // Callers are asked when and where the panel meets, and what it will hear about.
    'programme:read',
    'evidence:view',
    // Callers phone members who have stopped coming; they may stand in at the door and mark a
    // session too, so that a facilitator's rights stay within a caller's.
    'attendance:check_in',
    'attendance:mark',
    'attendance:summary',
    'attendance:view',
    'requests:read',
    'requests:ask_for',
    // Callers stand in for a facilitator, so see the tables as they do.
    'tables:view',
    // ...and type a group's recommendation as they do, so a facilitator's rights stay within theirs.
    'recommendations:view',
    'recommendations:edit',
    // ...and help with votes as facilitators and hosts do.
    'votes:view',
    'votes:paper',
    'votes:tablet',
  ],
  // Facilitators seat people at tables: names and needs, no contacts or demographics.
  facilitator: [
    'assembly:view',
    'people:list',
    'people:names',
    'people:needs',
    'programme:read',
    'evidence:view',
    // Facilitators check members in and mark their sessions afterwards.
    'attendance:check_in',
    'attendance:mark',
    'attendance:summary',
    'attendance:view',
    'requests:read',
    'requests:ask_for',
    // Their own table for each round, the lists and the name cards.
    'tables:view',
    // They type their working group's recommendations for its members.
    'recommendations:view',
    'recommendations:edit',
    // In the plenary they type in paper ballots and hand their table's tablet round.
    'votes:view',
    'votes:paper',
    'votes:tablet',
  ],
  // Evaluators study representativeness: demographics and statuses under pseudonyms, read-only.
  evaluator: [
    'assembly:view',
    'people:list',
    'people:answers',
    'report:view',
    'programme:read',
    'evidence:view',
    // Attendance only in figures: no names, no member by member.
    'attendance:summary',
    'requests:read',
    'recommendations:view',
    // Vote results are figures; a named vote's names are part of its public record.
    'votes:view',
    // They judge how decision makers answered, and write the evaluation from the figures.
    'answers:view',
    'evaluation:view',
    'evaluation:report',
  ],
  // Decision makers answer the recommendations of the assembly they commissioned, nothing more.
  commissioner: ['answers:view', 'answers:write'],
  // Hosts stand at the door, and in the plenary may hold a table's tablet.
  host: ['attendance:check_in', 'votes:tablet'],
  member: memberPermissions,
  volunteer: ['own:view', 'own:consents'],
};

export function can(role: Role | null | undefined, permission: Permission | MemberPermission): boolean {
  return role ? grants[role].includes(permission) : false;
}

/** A person's role in her assembly, from where she stands in it: only the confirmed panel are members. */
export function memberRoleOf(status: PersonStatus): MemberRole {
  return status === 'confirmed' ? 'member' : 'volunteer';
}

export function isStaffRole(value: string): value is StaffRole {
  return (staffRoles as readonly string[]).includes(value);
}

export function permissionsOf(role: Role | null | undefined): readonly (Permission | MemberPermission)[] {
  return role ? grants[role] : [];
}

/** True when every right of `role` is also a right of `holder`: nobody hands out more than they have. */
export function covers(holder: Role | null | undefined, role: Role): boolean {
  const own = permissionsOf(holder);
  return grants[role].every((p) => own.includes(p));
}

/** The roles `holder` may give to others (or to themself) in an assembly. */
export function grantableRoles(holder: Role | null | undefined): StaffRole[] {
  return staffRoles.filter((r) => covers(holder, r));
}

/** Why a change to an assembly's team is refused: each is a message key under `errors.`. */
export type TeamChangeRefusal = 'forbidden' | 'role_above_own' | 'member_above_own' | 'last_team_manager';

export interface TeamChange {
  /** The acting account's role in the assembly (administrator for accounts that administer all). */
  actorRole: Role | null;
  /** The account whose role changes. */
  targetId: string;
  /** The target's role as it counts for access now (administrator for accounts that administer all). */
  targetRole: Role | null;
  /** The new role, or null to remove the account from the team. */
  newRole: StaffRole | null;
  /** The roles granted in the assembly now, by account. */
  team: readonly { accountId: string; role: string }[];
}

/**
 * Whether a team change may go ahead. Rights only flow downwards: the actor must hold every right of
 * the role they give, and of the role the target holds now (so an organiser can neither make anyone
 * administrator nor demote one). And a team that has someone who manages it keeps someone: the last
 * one cannot remove or demote themself (or be removed) and lock everybody out of the team page.
 */
export function teamChangeRefusal(change: TeamChange): TeamChangeRefusal | null {
  if (!can(change.actorRole, 'team:manage')) return 'forbidden';
  if (change.newRole && !covers(change.actorRole, change.newRole)) return 'role_above_own';
  if (change.targetRole && !covers(change.actorRole, change.targetRole)) return 'member_above_own';
  const manages = (role: string | null) => role !== null && isStaffRole(role) && can(role, 'team:manage');
  const before = change.team.filter((m) => manages(m.role)).length;
  const after =
    change.team.filter((m) => m.accountId !== change.targetId && manages(m.role)).length +
    (manages(change.newRole) ? 1 : 0);
  if (before > 0 && after === 0) return 'last_team_manager';
  return null;
}
