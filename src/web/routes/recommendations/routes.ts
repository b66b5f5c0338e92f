/**
 * Working groups and their recommendations: the whole team reads them; organisers and facilitators
 * (typing for the members of their own groups) create and change them, each save kept as a version,
 * record members' amendments and the group's decisions on them, and members' minority statements
 * with their signatures. Members amend their groups' drafts and write and sign minority statements.
 */
import { memberNeeds, needs, type Route } from '../../routing.ts';
import {
  amendSubmit,
  createSubmit,
  decideSubmit,
  editSubmit,
  groupSubmit,
  showCompare,
  showCreate,
  showEdit,
  showGroup,
  showList,
  showPrint,
  showRecommendation,
  statusSubmit,
} from './handlers/drafting.tsx';
import {
  memberAmendSubmit,
  memberSignSubmit,
  memberStatementSubmit,
  memberUnsignSubmit,
  memberWithdrawSubmit,
  showMemberRecommendations,
} from './handlers/member.tsx';
import {
  signForSubmit,
  statementSubmit,
  unsignForSubmit,
  withdrawForSubmit,
} from './handlers/statements.tsx';

const base = '/a/:assemblyId/recommendations';
const view = needs('recommendations:view');
const edit = needs('recommendations:edit');
const sign = memberNeeds('statements:sign');
const statement = `${base}/:recommendationId/statements/:statementId`;
const own = '/member/recommendations/:recommendationId/statements';

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
  { method: 'POST', path: `${base}/:recommendationId/statements`, access: edit, handler: statementSubmit },
  { method: 'POST', path: `${statement}/signatures`, access: edit, handler: signForSubmit },
  { method: 'POST', path: `${statement}/signatures/remove`, access: edit, handler: unsignForSubmit },
  { method: 'POST', path: `${statement}/withdraw`, access: edit, handler: withdrawForSubmit },
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
  { method: 'POST', path: own, access: sign, handler: memberStatementSubmit },
  { method: 'POST', path: `${own}/:statementId/sign`, access: sign, handler: memberSignSubmit },
  { method: 'POST', path: `${own}/:statementId/unsign`, access: sign, handler: memberUnsignSubmit },
  { method: 'POST', path: `${own}/:statementId/withdraw`, access: sign, handler: memberWithdrawSubmit },
];
