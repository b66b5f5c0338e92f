/** Mail pages: an assembly's outbox, and choosing a password through a one-time link. */
import { needs, publicAccess, type Route } from '../../routing.ts';
import {
  showOutbox,
  showPrintJob,
  showSetPassword,
  submitPrint,
  submitRetry,
  submitSetPassword,
} from './handlers.tsx';

export const outboxRoutes: Route[] = [
  { method: 'GET', path: '/set-password/:token', access: publicAccess, handler: showSetPassword },
  { method: 'POST', path: '/set-password/:token', access: publicAccess, handler: submitSetPassword },
  {
    method: 'GET',
    path: '/a/:assemblyId/outbox',
    tab: { key: 'outbox', phase: 'assembly' },
    access: needs('assembly:edit'),
    handler: showOutbox,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/outbox/print',
    access: needs('assembly:edit'),
    handler: submitPrint,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/outbox/print/:jobId',
    access: needs('assembly:edit'),
    handler: (c) => showPrintJob(c),
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/outbox/:messageId/retry',
    access: needs('assembly:edit'),
    handler: submitRetry,
  },
];
