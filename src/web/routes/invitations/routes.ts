/**
 * The invitations area: invite codes (made by hand, listed as CSV) and the invitation lottery — a
 * population register extract uploaded, letters drawn from it with a recorded seed, the letters as PDF
 * and CSV from editable templates, the responses per stratum, and the extract and unanswered
 * addresses erased after the mail-out. Everything here is the organiser's (`invitations:manage`).
 */
import { needs, type Route } from '../../routing.ts';
import { codesCreate, codesCsv, codesShow } from './handlers/codes.tsx';
import { checkSubmit, drawFormShow, drawShow, drawSubmit, eraseSubmit } from './handlers/draws.tsx';
import {
  csvDownload,
  lettersJobPage,
  pdfDownload,
  templateShow,
  templateSubmit,
} from './handlers/letters.tsx';
import { deleteRegisterSubmit, lotteryShow, uploadSubmit } from './handlers/registers.tsx';
import { responsesShow } from './handlers/responses.tsx';

const access = needs('invitations:manage');
const lottery = '/a/:assemblyId/invitations';

export const invitationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/invitations',
    tab: { key: 'invitations', phase: 'recruitment' },
    access,
    handler: codesShow,
  },
  { method: 'POST', path: '/a/:assemblyId/invitations', access, handler: codesCreate },
  { method: 'GET', path: '/a/:assemblyId/invitations.csv', access, handler: codesCsv },
  { method: 'GET', path: `${lottery}/lottery`, access, handler: lotteryShow },
  // The extract is streamed to disk by the handler, which checks the CSRF token before keeping it.
  { method: 'POST', path: `${lottery}/registers`, access, handler: uploadSubmit, body: 'stream' },
  { method: 'GET', path: `${lottery}/registers/:registerId`, access, handler: drawFormShow },
  // The draw form may carry a weights file.
  { method: 'POST', path: `${lottery}/registers/:registerId`, access, handler: drawSubmit, body: 'upload' },
  { method: 'POST', path: `${lottery}/registers/:registerId/delete`, access, handler: deleteRegisterSubmit },
  { method: 'GET', path: `${lottery}/draws/:drawId`, access, handler: drawShow },
  { method: 'POST', path: `${lottery}/draws/:drawId/check`, access, handler: checkSubmit },
  { method: 'GET', path: `${lottery}/draws/:drawId/letters.pdf`, access, handler: pdfDownload },
  { method: 'GET', path: `${lottery}/draws/:drawId/letters/:jobId`, access, handler: lettersJobPage },
  { method: 'GET', path: `${lottery}/draws/:drawId/letters.csv`, access, handler: csvDownload },
  { method: 'POST', path: `${lottery}/draws/:drawId/erase`, access, handler: eraseSubmit },
  { method: 'GET', path: `${lottery}/letters/:language`, access, handler: templateShow },
  { method: 'POST', path: `${lottery}/letters/:language`, access, handler: templateSubmit },
  { method: 'GET', path: `${lottery}/responses`, access, handler: responsesShow },
];
