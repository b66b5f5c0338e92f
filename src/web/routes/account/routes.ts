/** A staff member's own account: any logged-in staff account, for itself only. */
import { type Route, staffAccess } from '../../routing.ts';
import {
  showAccount,
  showPassword,
  showTotpSetup,
  submitPassword,
  submitTotpDisable,
  submitTotpSetup,
} from './handlers.tsx';

export const accountRoutes: Route[] = [
  { method: 'GET', path: '/account', access: staffAccess, handler: showAccount },
  { method: 'GET', path: '/account/password', access: staffAccess, handler: showPassword },
  { method: 'POST', path: '/account/password', access: staffAccess, handler: submitPassword },
  { method: 'GET', path: '/account/totp', access: staffAccess, handler: showTotpSetup },
  { method: 'POST', path: '/account/totp', access: staffAccess, handler: submitTotpSetup },
  { method: 'POST', path: '/account/totp/disable', access: staffAccess, handler: submitTotpDisable },
];
