/** The member's own page and the personal link that opens it. */
import { memberNeeds, publicAccess, type Route } from '../../routing.ts';
import { openLink, showMember, withdrawSubmit } from './handlers.ts';

export const memberRoutes: Route[] = [
  { method: 'GET', path: '/m/:token', access: publicAccess, handler: openLink },
  { method: 'GET', path: '/member', access: memberNeeds('own:view'), handler: showMember },
  {
    method: 'POST',
    path: '/member/consents/:consentId/withdraw',
    access: memberNeeds('own:consents'),
    handler: withdrawSubmit,
  },
];
