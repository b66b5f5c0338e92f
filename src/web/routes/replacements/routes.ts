/** The replacements area: one page and the button on it. It has no form fields, so no schema module. */
import { needs, type Route } from '../../routing.ts';
import { replacementsPage, startSubmit } from './handlers.tsx';

export const replacementRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/replacements',
    tab: { key: 'replacements', phase: 'recruitment' },
    access: needs('selection:run'),
    handler: replacementsPage,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/replacements',
    access: needs('selection:run'),
    handler: startSubmit,
  },
];
