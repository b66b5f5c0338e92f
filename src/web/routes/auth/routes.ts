/** Logging in and out, and the front page: open to anyone (the handlers see who is logged in). */
import { publicAccess, type Route } from '../../routing.ts';
import { home, showLogin, showTotp, submitLogin, submitLogout, submitTotp } from './handlers.tsx';

export const authRoutes: Route[] = [
  { method: 'GET', path: '/', access: publicAccess, handler: home },
  { method: 'GET', path: '/login', access: publicAccess, handler: showLogin },
  { method: 'POST', path: '/login', access: publicAccess, handler: submitLogin },
  { method: 'GET', path: '/login/totp', access: publicAccess, handler: showTotp },
  { method: 'POST', path: '/login/totp', access: publicAccess, handler: submitTotp },
  { method: 'POST', path: '/logout', access: publicAccess, handler: submitLogout },
];
