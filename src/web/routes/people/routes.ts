/**
 * The people of an assembly: the list with search, filters, paging and counts; one person's record
 * with the status history; status changes, consent withdrawal, personal links, erasure and export.
 */
import { needs, type Route } from '../../routing.ts';
import {
  changeStatus,
  eraseSubmit,
  exportDownload,
  memberLinkSubmit,
  showErase,
  showList,
  showPerson,
  withdrawConsentSubmit,
} from './handlers.tsx';

const personPath = '/a/:assemblyId/people/:personId';

export const peopleRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/people',
    tab: { key: 'people', phase: 'recruitment' },
    access: needs('people:list'),
    handler: showList,
  },
  { method: 'GET', path: personPath, access: needs('people:list'), handler: showPerson },
  { method: 'POST', path: `${personPath}/status`, access: needs('people:status'), handler: changeStatus },
  {
    method: 'POST',
    path: `${personPath}/consents/:consentId/withdraw`,
    access: needs('people:export'),
    handler: withdrawConsentSubmit,
  },
  {
    method: 'POST',
    path: `${personPath}/member-link`,
    access: needs('people:export'),
    handler: memberLinkSubmit,
  },
  { method: 'GET', path: `${personPath}/erase`, access: needs('people:erase'), handler: showErase },
  { method: 'POST', path: `${personPath}/erase`, access: needs('people:erase'), handler: eraseSubmit },
  { method: 'GET', path: `${personPath}/export`, access: needs('people:export'), handler: exportDownload },
];
