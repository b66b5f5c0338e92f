/**
 * The staff programme of an assembly: everyone on its team who works with the sessions reads it
 * (`programme:read`); organisers change it (`programme:edit`).
 */
import { needs, type Route } from '../../routing.ts';
import { memberProgrammePdf, showProgrammePrint, submitProgrammePrint } from './handlers/printing.tsx';
import { showWeek } from './handlers/week.tsx';
import {
  showCalendar,
  showEdit,
  showNew,
  showProgramme,
  submitEdit,
  submitNew,
  submitPlan,
  submitStep,
} from './handlers.tsx';

const base = '/a/:assemblyId/programme';
const session = `${base}/sessions/:sessionId`;

export const programmeRoutes: Route[] = [
  {
    method: 'GET',
    path: base,
    tab: { key: 'programme', phase: 'learning' },
    access: needs('programme:read'),
    handler: showProgramme,
  },
  { method: 'GET', path: `${base}/calendar`, access: needs('programme:read'), handler: showCalendar },
  { method: 'GET', path: `${base}/week`, access: needs('programme:read'), handler: showWeek },
  { method: 'POST', path: `${base}/plan`, access: needs('programme:edit'), handler: submitPlan },
  // The programme on paper: everyone's without e-mail (a job), and one member's from her page.
  { method: 'POST', path: `${base}/printed`, access: needs('programme:edit'), handler: submitProgrammePrint },
  {
    method: 'GET',
    path: `${base}/printed/:jobId`,
    access: needs('programme:edit'),
    handler: showProgrammePrint,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/people/:personId/programme.pdf',
    access: needs('people:names'),
    handler: memberProgrammePdf,
  },
  { method: 'GET', path: `${base}/new`, access: needs('programme:edit'), handler: showNew },
  { method: 'POST', path: `${base}/new`, access: needs('programme:edit'), handler: submitNew },
  { method: 'GET', path: session, access: needs('programme:edit'), handler: showEdit },
  { method: 'POST', path: session, access: needs('programme:edit'), handler: submitEdit },
  {
    method: 'POST',
    path: `${session}/publish`,
    access: needs('programme:edit'),
    handler: submitStep('publish'),
  },
  {
    method: 'POST',
    path: `${session}/cancel`,
    access: needs('programme:edit'),
    handler: submitStep('cancel'),
  },
  {
    method: 'POST',
    path: `${session}/delete`,
    access: needs('programme:edit'),
    handler: submitStep('delete'),
  },
];
