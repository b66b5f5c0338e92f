/**
 * The evidence library of an assembly: the list (read by facilitators and evaluators too), an item's
 * page, and the organiser's forms to add, change and remove items.
 */
import { evidenceUploadBytes } from '../../../domain/evidence.ts';
import { needs, type Route } from '../../routing.ts';
import {
  createSubmit,
  deleteSubmit,
  downloadFile,
  editSubmit,
  showItem,
  showList,
  showNew,
} from './handlers.tsx';

const itemPath = '/a/:assemblyId/evidence/:itemId';

export const evidenceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/evidence',
    tab: { key: 'evidence', phase: 'learning' },
    access: needs('evidence:view'),
    handler: showList,
  },
  // Forms with a file (a PDF or image) of up to 20 MB, streamed to disk: their own allowance.
  {
    method: 'POST',
    path: '/a/:assemblyId/evidence',
    access: needs('evidence:edit'),
    body: 'stream',
    uploadBytes: evidenceUploadBytes,
    handler: createSubmit,
  },
  { method: 'GET', path: '/a/:assemblyId/evidence/new', access: needs('evidence:edit'), handler: showNew },
  { method: 'GET', path: itemPath, access: needs('evidence:view'), handler: showItem },
  {
    method: 'POST',
    path: itemPath,
    access: needs('evidence:edit'),
    body: 'stream',
    uploadBytes: evidenceUploadBytes,
    handler: editSubmit,
  },
  { method: 'GET', path: `${itemPath}/file`, access: needs('evidence:view'), handler: downloadFile },
  { method: 'POST', path: `${itemPath}/delete`, access: needs('evidence:edit'), handler: deleteSubmit },
];
