/**
 * What the assembly pages show that comes from more than one place: the overview's figures (people
 * by status, invitations) and the team with what the viewer may do to it. Queries only read.
 */
import type { Database } from '../db/connect.ts';
import { type PersonStatus, personStatuses } from '../domain/person-status.ts';
import { can, covers, grantableRoles, isStaffRole, type Role, type StaffRole } from '../domain/roles.ts';
import { type Assembly, listAssembliesFor, listTeam, rolesOfAccount } from '../repositories/assemblies.ts';
import { countInvitations } from '../repositories/invitations.ts';
import { countByStatus } from '../repositories/people.ts';

export interface AssemblyOverview {
  /** How many people stand at each status, every status named (0 where nobody does). */
  peopleByStatus: Record<PersonStatus, number>;
  invitations: { total: number; used: number; unused: number };
}

export async function assemblyOverview(database: Database, assemblyId: string): Promise<AssemblyOverview> {
  const counts = await countByStatus(database.db, assemblyId);
  const invitations = await countInvitations(database.db, assemblyId);
  return {
    peopleByStatus: Object.fromEntries(personStatuses.map((s) => [s, counts[s] ?? 0])) as Record<
      PersonStatus,
      number
    >,
    invitations: { ...invitations, unused: invitations.total - invitations.used },
  };
}

export interface TeamMember {
  id: string;
  displayName: string;
  email: string;
  role: string;
  /** True when the viewer holds every right the member has, so may take them off the team. */
  removable: boolean;
}

export interface AssemblyTeam {
  members: TeamMember[];
  /** The roles the viewer may give to others. */
  grantableRoles: StaffRole[];
}

/** The assembly's team as `viewer` (her role in the assembly) sees it. */
export async function assemblyTeam(
  database: Database,
  assemblyId: string,
  viewer: Role | null,
): Promise<AssemblyTeam> {
  const rows = await listTeam(database.db, assemblyId);
  return {
    members: rows.map((m) => ({
      id: m.id,
      displayName: m.display_name,
      email: m.email,
      role: m.role,
      // An account that administers everything, or holds a role no longer known, counts as the top.
      removable: covers(
        viewer,
        m.is_admin ? 'administrator' : isStaffRole(m.role) ? m.role : 'administrator',
      ),
    })),
    grantableRoles: grantableRoles(viewer),
  };
}

/** An assembly in a staff member's list, with the page her role opens first. */
export interface StaffAssembly {
  assembly: Assembly;
  /** The overview; for a host, who may open the check-in pages only, the check-in; for a commissioner, the answers. */
  entry: string;
}

/** The assemblies a staff member works in (all for an administrator), each with where she enters. */
export async function staffAssemblies(
  database: Database,
  accountId: string,
  isAdmin: boolean,
): Promise<StaffAssembly[]> {
  const [assemblies, roles] = await Promise.all([
    listAssembliesFor(database.db, accountId, isAdmin),
    rolesOfAccount(database.db, accountId),
  ]);
  return assemblies.map((assembly) => {
    const held = roles.get(assembly.id) ?? '';
    const role: Role | null = isAdmin ? 'administrator' : isStaffRole(held) ? held : null;
    const base = `/a/${assembly.id}`;
    // Those who may not see the overview enter where their work is: a host at the door, a
    // commissioner (decision maker) at the answers.
    const overview = can(role, 'assembly:view');
    if (!overview && can(role, 'answers:view')) return { assembly, entry: `${base}/answers` };
    const doorOnly = !overview && can(role, 'attendance:check_in');
    return { assembly, entry: doorOnly ? `${base}/check-in` : base };
  });
}
