/**
 * Plenary votes: the whole team sees them and their results; organisers set them up, open and close
 * them; two people of the team type in each stack of paper ballots. The projector shows turnout while
 * a vote is open and the result once it is closed. Members' own channels (phone, online, the table's
 * tablet) are in the ballots area.
 */
import { needs, type Route } from '../../routing.ts';
import {
  closeSubmit,
  createSubmit,
  deleteSubmit,
  openSubmit,
  showList,
  showNew,
  showProjector,
  showTyping,
  showVote,
  stackSubmit,
  typingSubmit,
} from './handlers.tsx';

const base = '/a/:assemblyId/votes';
const view = needs('votes:view');
const run = needs('votes:run');
const paper = needs('votes:paper');

export const voteRoutes: Route[] = [
  {
    method: 'GET',
    path: base,
    tab: { key: 'votes', phase: 'deliberation' },
    access: view,
    handler: showList,
  },
  { method: 'GET', path: `${base}/new`, access: run, handler: showNew },
  { method: 'POST', path: `${base}/new`, access: run, handler: createSubmit },
  { method: 'GET', path: `${base}/:voteId`, access: view, handler: showVote },
  { method: 'GET', path: `${base}/:voteId/projector`, access: view, handler: showProjector },
  { method: 'POST', path: `${base}/:voteId/open`, access: run, handler: openSubmit },
  { method: 'POST', path: `${base}/:voteId/close`, access: run, handler: closeSubmit },
  { method: 'POST', path: `${base}/:voteId/delete`, access: run, handler: deleteSubmit },
  { method: 'POST', path: `${base}/:voteId/paper`, access: paper, handler: stackSubmit },
  { method: 'GET', path: `${base}/:voteId/paper/:stackId/:round`, access: paper, handler: showTyping },
  { method: 'POST', path: `${base}/:voteId/paper/:stackId/:round`, access: paper, handler: typingSubmit },
];
