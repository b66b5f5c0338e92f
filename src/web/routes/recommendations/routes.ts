/**
 * Working groups and their recommendations: the whole team reads them; organisers and facilitators
 * (typing for the members of their groups) create and change them, each save kept as a version,
 * and record members' amendments and the group's decisions on them.
 */
import { memberNeeds, needs, type Route } from '../../routing.ts';
import {
  amendSubmit,
  createSubmit,
  decideSubmit,
  editSubmit,
  groupSubmit,
  memberAmendSubmit,
  showCompare,
  showCreate,
  showEdit,
  showGroup,
  showList,
  showMemberRecommendations,
  showPrint,
  showRecommendation,
  statusSubmit,
} from './handlers.tsx';

const base = '/a/:assemblyId/recommendations';
const view = needs('recommendations:view');
const edit = needs('recommendations:edit');

export const recommendationRoutes: Route[] = [
  {
    method: 'GET',
    path: base,
    tab: { key: 'recommendations', phase: 'deliberation' },
    access: view,
    handler: showList,
  },
  { method: 'GET', path: `${base}/groups/new`, access: edit, handler: showGroup },
  { method: 'POST', path: `${base}/groups/new`, access: edit, handler: groupSubmit },
  { method: 'GET', path: `${base}/groups/:groupId`, access: edit, handler: showGroup },
  { method: 'POST', path: `${base}/groups/:groupId`, access: edit, handler: groupSubmit },
  { method: 'GET', path: `${base}/groups/:groupId/new`, access: edit, handler: showCreate },
  { method: 'POST', path: `${base}/groups/:groupId/new`, access: edit, handler: createSubmit },
  { method: 'GET', path: `${base}/:recommendationId`, access: view, handler: showRecommendation },
  { method: 'GET', path: `${base}/:recommendationId/edit`, access: edit, handler: showEdit },
  { method: 'POST', path: `${base}/:recommendationId/edit`, access: edit, handler: editSubmit },
  { method: 'POST', path: `${base}/:recommendationId/status`, access: edit, handler: statusSubmit },
  { method: 'POST', path: `${base}/:recommendationId/amendments`, access: edit, handler: amendSubmit },
  {
    method: 'POST',
    path: `${base}/:recommendationId/amendments/:amendmentId`,
    access: edit,
    handler: decideSubmit,
  },
  { method: 'GET', path: `${base}/:recommendationId/compare`, access: view, handler: showCompare },
  { method: 'GET', path: `${base}/:recommendationId/print`, access: view, handler: showPrint },
  {
    method: 'GET',
    path: '/member/recommendations',
    access: memberNeeds('amendments:propose'),
    handler: showMemberRecommendations,
  },
  {
    method: 'POST',
    path: '/member/recommendations/:recommendationId/amend',
    access: memberNeeds('amendments:propose'),
    handler: memberAmendSubmit,
  },
];
