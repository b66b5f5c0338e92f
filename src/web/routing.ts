/**
 * Every route declares who may use it. The app builder turns the declaration into the check, and the
 * access test walks the same list with every role, so a route cannot be added without a rule.
 */
import { type Phase, phases } from '../domain/phases.ts';
import type { MemberPermission, Permission } from '../domain/roles.ts';
import type { Ctx } from './env.ts';

export type Access =
  /** Anyone, logged in or not. */
  | { kind: 'public' }
  /** Any logged-in staff account. */
  | { kind: 'staff' }
  /** Staff accounts marked administrator. */
  | { kind: 'admin' }
  /** Staff holding a role in the assembly `:assemblyId` that grants the permission. */
  | { kind: 'assembly'; permission: Permission }
  /**
   * An assembly member logged in through their personal link, whose role in her assembly grants the
   * permission (see `memberRoleOf`). On a path with `:assemblyId` that must be her own assembly.
   */
  | { kind: 'member'; permission: MemberPermission };

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  access: Access;
  handler: (c: Ctx) => Response | Promise<Response>;
  /**
   * How much body a POST may send; the pipeline checks the access rule first and reads nothing from
   * someone who may not use the route. Ordinary forms (the default) get `formBodyBytes`.
   * - `upload`: a form with a file read in memory (an import, a weights file), up to `maxUploadBytes`.
   * - `stream`: the handler reads the body itself as a stream (a register extract of hundreds of
   *   megabytes, an evidence file, a receipt), counting it against `maxRegisterBytes` (or its own
   *   `uploadBytes`); the pipeline does not read it for the CSRF token (unless sent in the
   *   X-CSRF-Token header), so the handler must check the token in the fields before the file, before
   *   it keeps anything (`src/web/file-form.ts` does).
   */
  body?: 'upload' | 'stream';
  /**
   * An `upload` or `stream` route's own allowance in bytes, when its files may be larger (or must be
   * smaller) than the server's `maxUploadBytes` (or `maxRegisterBytes`), which every other upload
   * keeps: the evidence library takes PDFs of up to 20 MB while an import stays at the server's limit.
   */
  uploadBytes?: number;
  /**
   * Set on the GET route that opens one of an assembly's tabs: the frame lists it in its group, shown
   * to whoever holds the route's own permission (so a tab is never shown to someone its page refuses).
   */
  tab?: TabDeclaration;
}

/**
 * The groups of an assembly's tabs: the assembly itself (overview, team, messages, log), then its
 * phases in order. A new area declares its tabs in the phase its work belongs to.
 */
export const tabGroups = ['assembly', ...phases] as const;
export type TabGroup = 'assembly' | Phase;

/** Every tab an assembly page can have, in the order the frame lists them within their groups. */
export const tabKeys = [
  'overview',
  'questions',
  'team',
  'outbox',
  'audit',
  'invitations',
  'import',
  'people',
  'targets',
  'selection',
  'draw',
  'calls',
  'replacements',
  'report',
  'programme',
  'evidence',
  'experts',
  'attendance',
  'requests',
  'expenses',
  'tables',
  'recommendations',
  'votes',
  'final-report',
  'retention',
  'evaluation',
  'publication',
  'answers',
] as const;
export type TabKey = (typeof tabKeys)[number];

export interface TabDeclaration {
  key: TabKey;
  phase: TabGroup;
}

/** A tab as the frame shows it: where it leads and who may see it, both taken from its route. */
export interface AssemblyTab extends TabDeclaration {
  /** The route's path below `/a/:assemblyId`, e.g. `/people`. */
  path: string;
  permission: Permission;
}

const assemblyPrefix = '/a/:assemblyId';

/**
 * The tabs the routes declare, in `tabKeys` order. A tab must sit on a GET route of an assembly,
 * guarded by a permission in it, and be declared once: anything else is a programming error, thrown
 * when the app is built.
 */
export function assemblyTabs(routes: readonly Route[]): AssemblyTab[] {
  const tabs: AssemblyTab[] = [];
  for (const route of routes) {
    if (!route.tab) continue;
    const { key } = route.tab;
    if (route.method !== 'GET' || route.access.kind !== 'assembly' || !route.path.startsWith(assemblyPrefix))
      throw new Error(`tab ${key} must be on a GET route of an assembly with an assembly permission`);
    if (tabs.some((t) => t.key === key)) throw new Error(`tab ${key} is declared twice`);
    tabs.push({
      ...route.tab,
      path: route.path.slice(assemblyPrefix.length),
      permission: route.access.permission,
    });
  }
  return tabs.sort((a, b) => tabKeys.indexOf(a.key) - tabKeys.indexOf(b.key));
}

export const publicAccess: Access = { kind: 'public' };
export const staffAccess: Access = { kind: 'staff' };
export const adminAccess: Access = { kind: 'admin' };
export function memberNeeds(permission: MemberPermission): Access {
  return { kind: 'member', permission };
}
export function needs(permission: Permission): Access {
  return { kind: 'assembly', permission };
}
