/**
 * Members' requests for information or a speaker: the log (the whole team reads it, with no names
 * in it), asking on a member's behalf (facilitators and callers), handling a request (organisers),
 * and the member's own form, reached from her page.
 */
import { memberNeeds, needs, type Route } from '../../routing.ts';
import {
  answerSubmit,
  askForSubmit,
  declineSubmit,
  logCsv,
  memberAskSubmit,
  showAskFor,
  showCase,
  showLog,
  showMemberForm,
} from './handlers.tsx';

const base = '/a/:assemblyId/requests';
const manage = needs('requests:manage');

export const requestRoutes: Route[] = [
  {
    method: 'GET',
    path: base,
    tab: { key: 'requests', phase: 'learning' },
    access: needs('requests:read'),
    handler: showLog,
  },
  { method: 'GET', path: '/a/:assemblyId/requests.csv', access: needs('requests:read'), handler: logCsv },
  { method: 'GET', path: `${base}/new`, access: needs('requests:ask_for'), handler: showAskFor },
  { method: 'POST', path: `${base}/new`, access: needs('requests:ask_for'), handler: askForSubmit },
  { method: 'GET', path: `${base}/:requestId`, access: manage, handler: showCase },
  { method: 'POST', path: `${base}/:requestId/answer`, access: manage, handler: answerSubmit },
  { method: 'POST', path: `${base}/:requestId/decline`, access: manage, handler: declineSubmit },
  {
    method: 'GET',
    path: '/member/requests/new',
    access: memberNeeds('requests:ask'),
    handler: showMemberForm,
  },
  {
    method: 'POST',
    path: '/member/requests/new',
    access: memberNeeds('requests:ask'),
    handler: memberAskSubmit,
  },
];
