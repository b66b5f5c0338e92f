/**
 * Who may do what. Roles are granted per assembly; an account marked administrator holds the
 * administrator role in every assembly. Each route declares the permission it needs, and the access
 * test walks every route with every role against this table.
 */
export const staffRoles = ['administrator', 'organiser', 'caller', 'facilitator', 'evaluator'] as const;
export type StaffRole = (typeof staffRoles)[number];
/** An assembly member reaches only their own page through a personal link, never staff routes. */
export type Role = StaffRole | 'member';

export const permissions = [
  'assembly:view',
  'assembly:edit',
  'team:manage',
  'questions:edit',
  'people:list',
  'people:names',
  'people:contacts',
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
  'audit:view',
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
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
  ],
  // Facilitators seat people at tables: names and needs, no contacts or demographics.
  facilitator: ['assembly:view', 'people:list', 'people:names', 'people:needs'],
  // Evaluators study representativeness: demographics and statuses under pseudonyms, read-only.
  evaluator: ['assembly:view', 'people:list', 'people:answers', 'report:view'],
  member: [],
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role ? grants[role].includes(permission) : false;
}

export function isStaffRole(value: string): value is StaffRole {
  return (staffRoles as readonly string[]).includes(value);
}
