/** Administration: staff accounts marked administrator only. */
import { adminAccess, type Route } from '../../routing.ts';
import { showAccounts, showAuditLog, submitDisableTotp, submitNewAccount, submitReset } from './handlers.tsx';

export const adminRoutes: Route[] = [
  { method: 'GET', path: '/admin/accounts', access: adminAccess, handler: showAccounts },
  { method: 'POST', path: '/admin/accounts', access: adminAccess, handler: submitNewAccount },
  { method: 'POST', path: '/admin/accounts/:accountId/reset', access: adminAccess, handler: submitReset },
  {
    method: 'POST',
    path: '/admin/accounts/:accountId/disable-totp',
    access: adminAccess,
    handler: submitDisableTotp,
  },
  { method: 'GET', path: '/admin/audit', access: adminAccess, handler: showAuditLog },
];
