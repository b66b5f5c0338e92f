/** The targets area's routes: the targets editor and its form. */
import { needs, type Route } from '../../routing.ts';
import { targetsGet, targetsPost } from './handlers.tsx';

export const targetRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/targets',
    tab: { key: 'targets', phase: 'recruitment' },
    access: needs('targets:edit'),
    handler: targetsGet,
  },
  { method: 'POST', path: '/a/:assemblyId/targets', access: needs('targets:edit'), handler: targetsPost },
];
