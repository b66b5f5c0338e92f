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
   * A POST whose handler reads the body itself as a stream (a register extract of hundreds of
   * megabytes): the pipeline limits it to `maxRegisterBytes` instead of `maxUploadBytes` and does not
   * read it for the CSRF token, so the handler must check the token before it keeps anything.
   */
  streamsBody?: true;
}

export const publicAccess: Access = { kind: 'public' };
export const staffAccess: Access = { kind: 'staff' };
export const adminAccess: Access = { kind: 'admin' };
export const memberAccess: Access = { kind: 'member' };
export function needs(permission: Permission): Access {
  return { kind: 'assembly', permission };
}
