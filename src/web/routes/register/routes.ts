/** The public sign-up: the invite code, then the assembly's form. */
import { publicAccess, type Route } from '../../routing.ts';
import { showCode, showForm, submitCode, submitRegistration } from './handlers.ts';

export const registrationRoutes: Route[] = [
  { method: 'GET', path: '/register', access: publicAccess, handler: showCode },
  { method: 'POST', path: '/register', access: publicAccess, handler: submitCode },
  { method: 'GET', path: '/register/:slug', access: publicAccess, handler: showForm },
  { method: 'POST', path: '/register/:slug', access: publicAccess, handler: submitRegistration },
];
