/**
 * Submissions from the public: the form anyone may send to an assembly (addressed by its slug, as
 * the public draw pages are), and the organisers' review, which accepts a submission into the
 * evidence library or rejects it with a reason.
 */
import { needs, publicAccess, type Route } from '../../routing.ts';
import {
  acceptSubmit,
  publicSubmit,
  rejectSubmit,
  setFormOpen,
  showList,
  showPublicForm,
  showSubmission,
} from './handlers.tsx';

const review = needs('submissions:review');
const item = '/a/:assemblyId/submissions/:submissionId';

export const submissionRoutes: Route[] = [
  { method: 'GET', path: '/public/:slug/submissions/new', access: publicAccess, handler: showPublicForm },
  { method: 'POST', path: '/public/:slug/submissions/new', access: publicAccess, handler: publicSubmit },
  { method: 'GET', path: '/a/:assemblyId/submissions', access: review, handler: showList },
  { method: 'POST', path: '/a/:assemblyId/submissions/open', access: review, handler: setFormOpen(true) },
  { method: 'POST', path: '/a/:assemblyId/submissions/close', access: review, handler: setFormOpen(false) },
  { method: 'GET', path: item, access: review, handler: showSubmission },
  { method: 'POST', path: `${item}/accept`, access: review, handler: acceptSubmit },
  { method: 'POST', path: `${item}/reject`, access: review, handler: rejectSubmit },
];
