/**
 * The members' channels into a vote: her own phone (or online, from outside the room) through her
 * personal link, and the shared tablet at a table, opened by a staff member logged in on it. Setting
 * votes up, the projector and paper ballots are the staff's votes area (src/web/routes/votes/).
 */
import { memberNeeds, needs, type Route } from '../../routing.ts';
import { showTablet, showVote, showVotes, tabletSubmit, voteSubmit } from './handlers.tsx';

const tablet = '/a/:assemblyId/votes/:voteId/tablet';

export const ballotRoutes: Route[] = [
  { method: 'GET', path: '/member/votes', access: memberNeeds('votes:cast'), handler: showVotes },
  { method: 'GET', path: '/member/votes/:voteId', access: memberNeeds('votes:cast'), handler: showVote },
  { method: 'POST', path: '/member/votes/:voteId', access: memberNeeds('votes:cast'), handler: voteSubmit },
  { method: 'GET', path: tablet, access: needs('votes:tablet'), handler: showTablet },
  { method: 'POST', path: tablet, access: needs('votes:tablet'), handler: tabletSubmit },
];
