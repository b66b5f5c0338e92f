/** The confirmation callers' list and the recording of a call. */
import { needs, type Route } from '../../routing.ts';
import { recordOutcome, showCalls } from './handlers.tsx';

export const callRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/calls',
    tab: { key: 'calls', phase: 'recruitment' },
    access: needs('calls:make'),
    handler: showCalls,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/calls/:personId',
    access: needs('calls:make'),
    handler: recordOutcome,
  },
];
