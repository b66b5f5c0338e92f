/**
 * The follow-up after the handover: the answers page (the team, evaluators and commissioners read
 * it), the handover date, deadline and invitation of commissioners (organisers), and each adopted
 * recommendation's answer and implementation updates (commissioners, or organisers on their behalf).
 */
import { needs, type Route } from '../../routing.ts';
import {
  answerSubmit,
  deadlineSubmit,
  inviteSubmit,
  showAnswer,
  showAnswers,
  updateSubmit,
} from './handlers.tsx';

const base = '/a/:assemblyId/answers';
const manage = needs('answers:manage');
const write = needs('answers:write');

export const answerRoutes: Route[] = [
  {
    method: 'GET',
    path: base,
    tab: { key: 'answers', phase: 'follow_up' },
    access: needs('answers:view'),
    handler: showAnswers,
  },
  { method: 'POST', path: `${base}/deadline`, access: manage, handler: deadlineSubmit },
  { method: 'POST', path: `${base}/commissioners`, access: manage, handler: inviteSubmit },
  { method: 'GET', path: `${base}/:recommendationId`, access: needs('answers:view'), handler: showAnswer },
  { method: 'POST', path: `${base}/:recommendationId`, access: write, handler: answerSubmit },
  { method: 'POST', path: `${base}/:recommendationId/updates`, access: write, handler: updateSubmit },
];
