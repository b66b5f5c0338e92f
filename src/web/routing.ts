/**
 * Every route declares who may use it. The app builder turns the declaration into the check, and the
 * access test walks the same list with every role, so a route cannot be added without a rule.
 */
import type { Permission } from '../domain/roles.ts';
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
  /** An assembly member logged in through their personal link. */
  | { kind: 'member' };

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
   *   megabytes), counting it against `maxRegisterBytes`; the pipeline does not read it for the CSRF
   *   token (unless sent in the X-CSRF-Token header), so the handler must check the token in the
   *   fields before the file, before it keeps anything.
   */
  body?: 'upload' | 'stream';
}

export const publicAccess: Access = { kind: 'public' };
export const staffAccess: Access = { kind: 'staff' };
export const adminAccess: Access = { kind: 'admin' };
export const memberAccess: Access = { kind: 'member' };
export function needs(permission: Permission): Access {
  return { kind: 'assembly', permission };
}
