/** Importing respondents from a spreadsheet: upload, map the columns, check, import. */
import { needs, type Route } from '../../routing.ts';
import { commitImport, previewImport, receiveUpload, showImport } from './handlers.tsx';

const permission = needs('people:import');

export const importRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/import',
    tab: { key: 'import', phase: 'recruitment' },
    access: permission,
    handler: showImport,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/import',
    access: permission,
    handler: receiveUpload,
    body: 'upload',
  },
  { method: 'POST', path: '/a/:assemblyId/import/preview', access: permission, handler: previewImport },
  { method: 'POST', path: '/a/:assemblyId/import/commit', access: permission, handler: commitImport },
];
