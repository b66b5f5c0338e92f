/** The selection area's routes: the runs of an assembly, one run, its selection file, cancelling. */
import { needs, type Route } from '../../routing.ts';
import {
  cancelSubmit,
  resultDownload,
  runPage,
  selectionList,
  startSubmit,
  toleranceSubmit,
  tradeOffCancelSubmit,
  tradeOffSubmit,
} from './handlers.tsx';

export const selectionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/selection',
    tab: { key: 'selection', phase: 'recruitment' },
    access: needs('selection:run'),
    handler: selectionList,
  },
  { method: 'POST', path: '/a/:assemblyId/selection', access: needs('selection:run'), handler: startSubmit },
  // Point targets: the trade-off between deviation and chances, and the tolerance the next run allows.
  {
    method: 'POST',
    path: '/a/:assemblyId/selection/trade-off',
    access: needs('selection:run'),
    handler: tradeOffSubmit,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/selection/trade-off/:jobId/cancel',
    access: needs('selection:run'),
    handler: tradeOffCancelSubmit,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/selection/tolerance',
    access: needs('selection:run'),
    handler: toleranceSubmit,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/selection/:runId',
    access: needs('selection:run'),
    handler: runPage,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/selection/:runId/result.json',
    access: needs('selection:run'),
    handler: resultDownload,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/selection/:runId/cancel',
    access: needs('selection:run'),
    handler: cancelSubmit,
  },
];
