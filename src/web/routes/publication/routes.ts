/** The organisers' publication tab: the public page's settings, publishing it and taking it down. */
import { needs, type Route } from '../../routing.ts';
import { publishSubmit, saveSubmit, showPublication, unpublishSubmit } from './handlers.tsx';

const publish = needs('public:publish');
const base = '/a/:assemblyId/publication';

export const publicationRoutes: Route[] = [
  {
    method: 'GET',
    path: base,
    tab: { key: 'publication', phase: 'follow_up' },
    access: publish,
    handler: showPublication,
  },
  { method: 'POST', path: base, access: publish, handler: saveSubmit },
  { method: 'POST', path: `${base}/publish`, access: publish, handler: publishSubmit },
  { method: 'POST', path: `${base}/unpublish`, access: publish, handler: unpublishSubmit },
];
