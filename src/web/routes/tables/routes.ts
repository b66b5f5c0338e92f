/**
 * Tables for deliberation: organisers ask for a session's tables, recompute them from the day's
 * check-ins, lock rounds that have happened and move people (`tables:edit`); facilitators and callers
 * see the tables, their own table for each round, the printables and the projector view
 * (`tables:view`; names only with `people:names`).
 */
import { needs, type Route } from '../../routing.ts';
import {
  showSeating,
  showTables,
  submitLate,
  submitLock,
  submitMove,
  submitPreview,
  submitRecompute,
  submitRequest,
} from './handlers/plan.tsx';
import { downloadCards, downloadLists, showMine, showProjector } from './handlers/print.tsx';
import { submitApart, submitFixed, submitRemoveRule, submitUnlock } from './handlers/rules.tsx';

const base = '/a/:assemblyId/tables';
const session = `${base}/:sessionId`;
const view = needs('tables:view');
const edit = needs('tables:edit');

export const tablesRoutes: Route[] = [
  {
    method: 'GET',
    path: base,
    tab: { key: 'tables', phase: 'deliberation' },
    access: view,
    handler: showTables,
  },
  { method: 'GET', path: session, access: view, handler: showSeating },
  { method: 'POST', path: session, access: edit, handler: submitRequest },
  { method: 'POST', path: `${session}/recompute`, access: edit, handler: submitRecompute },
  { method: 'POST', path: `${session}/lock`, access: edit, handler: submitLock },
  { method: 'POST', path: `${session}/unlock`, access: edit, handler: submitUnlock },
  { method: 'POST', path: `${session}/apart`, access: edit, handler: submitApart },
  { method: 'POST', path: `${session}/fixed`, access: edit, handler: submitFixed },
  { method: 'POST', path: `${session}/rules/:ruleId/remove`, access: edit, handler: submitRemoveRule },
  { method: 'POST', path: `${session}/late`, access: edit, handler: submitLate },
  { method: 'POST', path: `${session}/move/preview`, access: edit, handler: submitPreview },
  { method: 'POST', path: `${session}/move`, access: edit, handler: submitMove },
  { method: 'GET', path: `${session}/cards.pdf`, access: view, handler: downloadCards },
  { method: 'GET', path: `${session}/lists.pdf`, access: view, handler: downloadLists },
  { method: 'GET', path: `${session}/mine`, access: view, handler: showMine },
  { method: 'GET', path: `${session}/projector`, access: view, handler: showProjector },
];
