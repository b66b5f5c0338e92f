/** The assemblies list, creating and editing an assembly, its phase, questions, team and audit log. */
import { needs, type Route, staffAccess } from '../../routing.ts';
import {
  removeTeamMember,
  showAssemblies,
  showAudit,
  showEditAssembly,
  showNewAssembly,
  showOverview,
  showQuestions,
  showTeam,
  submitEditAssembly,
  submitNewAssembly,
  submitPhase,
  submitQuestions,
  submitTeamMember,
} from './handlers.tsx';

export const assemblyRoutes: Route[] = [
  { method: 'GET', path: '/assemblies', access: staffAccess, handler: showAssemblies },
  { method: 'GET', path: '/assemblies/new', access: staffAccess, handler: showNewAssembly },
  { method: 'POST', path: '/assemblies/new', access: staffAccess, handler: submitNewAssembly },
  {
    method: 'GET',
    path: '/a/:assemblyId',
    tab: { key: 'overview', phase: 'assembly' },
    access: needs('assembly:view'),
    handler: showOverview,
  },
  { method: 'GET', path: '/a/:assemblyId/edit', access: needs('assembly:edit'), handler: showEditAssembly },
  {
    method: 'POST',
    path: '/a/:assemblyId/edit',
    access: needs('assembly:edit'),
    handler: submitEditAssembly,
  },
  { method: 'POST', path: '/a/:assemblyId/phase', access: needs('assembly:edit'), handler: submitPhase },
  {
    method: 'GET',
    path: '/a/:assemblyId/questions',
    tab: { key: 'questions', phase: 'assembly' },
    access: needs('questions:edit'),
    handler: showQuestions,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/questions',
    access: needs('questions:edit'),
    handler: submitQuestions,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/team',
    tab: { key: 'team', phase: 'assembly' },
    access: needs('team:manage'),
    handler: showTeam,
  },
  { method: 'POST', path: '/a/:assemblyId/team', access: needs('team:manage'), handler: submitTeamMember },
  {
    method: 'POST',
    path: '/a/:assemblyId/team/:accountId/remove',
    access: needs('team:manage'),
    handler: removeTeamMember,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/audit',
    tab: { key: 'audit', phase: 'assembly' },
    access: needs('audit:view'),
    handler: showAudit,
  },
];
