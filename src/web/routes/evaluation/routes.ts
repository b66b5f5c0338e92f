/**
 * Evaluation (issue 13): the questionnaires and their figures, the audit log in figures, and the
 * evaluation report (evaluators and organisers read them; organisers open and close questionnaires;
 * evaluators and organisers write the report). Members answer through their personal link, the
 * organising team on its own page.
 */
import { memberNeeds, needs, type Route } from '../../routing.ts';
import {
  closeSubmit,
  memberAnswerSubmit,
  openSubmit,
  reportPdf,
  reportSubmit,
  showMemberAnswer,
  showOverview,
  showReport,
  showResults,
  showTeamAnswer,
  teamAnswerSubmit,
} from './handlers.tsx';

const base = '/a/:assemblyId/evaluation';
const view = needs('evaluation:view');
const manage = needs('evaluation:manage');
const one = `${base}/questionnaires/:questionnaireId`;
const answer = memberNeeds('questionnaires:answer');

export const evaluationRoutes: Route[] = [
  {
    method: 'GET',
    path: base,
    tab: { key: 'evaluation', phase: 'follow_up' },
    access: view,
    handler: showOverview,
  },
  { method: 'POST', path: `${base}/questionnaires`, access: manage, handler: openSubmit },
  { method: 'GET', path: one, access: view, handler: showResults },
  { method: 'POST', path: `${one}/close`, access: manage, handler: closeSubmit },
  // The team's own questionnaire: whoever of the team was given a right to answer it when it opened.
  { method: 'GET', path: `${one}/answer`, access: needs('assembly:view'), handler: showTeamAnswer },
  { method: 'POST', path: `${one}/answer`, access: needs('assembly:view'), handler: teamAnswerSubmit },
  { method: 'GET', path: `${base}/report`, access: view, handler: showReport },
  { method: 'POST', path: `${base}/report`, access: needs('evaluation:report'), handler: reportSubmit },
  { method: 'GET', path: `${base}/report.pdf`, access: view, handler: reportPdf },
  {
    method: 'GET',
    path: '/member/questionnaires/:questionnaireId',
    access: answer,
    handler: showMemberAnswer,
  },
  {
    method: 'POST',
    path: '/member/questionnaires/:questionnaireId',
    access: answer,
    handler: memberAnswerSubmit,
  },
];
