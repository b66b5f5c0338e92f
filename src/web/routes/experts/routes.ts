/**
 * The experts and speakers of an assembly with their declared interests: the list (read by
 * facilitators and evaluators too), an expert's page, and the organiser's forms.
 */
import { needs, type Route } from '../../routing.ts';
import { createSubmit, deleteSubmit, editSubmit, showExpert, showList, showNew } from './handlers.tsx';

const expertPath = '/a/:assemblyId/experts/:expertId';

export const expertRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/experts',
    tab: { key: 'experts', phase: 'learning' },
    access: needs('evidence:view'),
    handler: showList,
  },
  { method: 'POST', path: '/a/:assemblyId/experts', access: needs('evidence:edit'), handler: createSubmit },
  { method: 'GET', path: '/a/:assemblyId/experts/new', access: needs('evidence:edit'), handler: showNew },
  { method: 'GET', path: expertPath, access: needs('evidence:view'), handler: showExpert },
  { method: 'POST', path: expertPath, access: needs('evidence:edit'), handler: editSubmit },
  { method: 'POST', path: `${expertPath}/delete`, access: needs('evidence:edit'), handler: deleteSubmit },
];
