/**
 * The retention schedule of the assembly's personal data: organisers see what will be erased when,
 * what was erased, and hold a category with a reason.
 */
import { needs, type Route } from '../../routing.ts';
import { holdSubmit, releaseSubmit, showSchedule } from './handlers.tsx';

const base = '/a/:assemblyId/retention';
const manage = needs('retention:manage');

export const retentionRoutes: Route[] = [
  {
    method: 'GET',
    path: base,
    tab: { key: 'retention', phase: 'assembly' },
    access: manage,
    handler: showSchedule,
  },
  { method: 'POST', path: `${base}/:category/hold`, access: manage, handler: holdSubmit },
  { method: 'POST', path: `${base}/:category/release`, access: manage, handler: releaseSubmit },
];
