/** The member's own page and the personal link that opens it. */
import { memberNeeds, publicAccess, type Route } from '../../routing.ts';
import {
  evidenceFileDownload,
  openLink,
  programmeCalendarFile,
  programmePrintout,
  programmeSubscription,
  publishNameSubmit,
  showMember,
  withdrawSubmit,
} from './handlers.ts';

export const memberRoutes: Route[] = [
  { method: 'GET', path: '/m/:token', access: publicAccess, handler: openLink },
  // A calendar app subscribes without a login: the handler checks the link's token.
  { method: 'GET', path: '/m/:token/programme.ics', access: publicAccess, handler: programmeSubscription },
  { method: 'GET', path: '/member', access: memberNeeds('own:view'), handler: showMember },
  {
    method: 'GET',
    path: '/member/programme.ics',
    access: memberNeeds('programme:view'),
    handler: programmeCalendarFile,
  },
  {
    method: 'GET',
    path: '/member/programme.pdf',
    access: memberNeeds('programme:view'),
    handler: programmePrintout,
  },
  {
    method: 'GET',
    path: '/member/evidence/:itemId/file',
    access: memberNeeds('programme:view'),
    handler: evidenceFileDownload,
  },
  {
    method: 'POST',
    path: '/member/consents/:consentId/withdraw',
    access: memberNeeds('own:consents'),
    handler: withdrawSubmit,
  },
  // She may let her name be published on the assembly's public page (issue 13).
  {
    method: 'POST',
    path: '/member/consents/publish-name',
    access: memberNeeds('own:consents'),
    handler: publishNameSubmit,
  },
];
