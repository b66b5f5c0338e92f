/** The draw area: the organiser's draw tab and the public pages anyone can check a draw on. */
import { needs, publicAccess, type Route } from '../../routing.ts';
import {
  candidatesDownload,
  commitmentDownload,
  lotteryDownload,
  publicList,
  publicPage,
  transcriptDownload,
  verifyPage,
} from './handlers/public.tsx';
import { announceSubmit, drawsPage, reservesSubmit, seedSubmit, showDraw } from './handlers/staff.tsx';

const manage = needs('draw:manage');
const publicBase = '/public/:slug/draw';

export const drawRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/draw',
    tab: { key: 'draw', phase: 'recruitment' },
    access: manage,
    handler: drawsPage,
  },
  { method: 'POST', path: '/a/:assemblyId/draw', access: manage, handler: announceSubmit },
  { method: 'GET', path: '/a/:assemblyId/draw/:drawId', access: manage, handler: showDraw },
  { method: 'POST', path: '/a/:assemblyId/draw/:drawId/seed', access: manage, handler: seedSubmit },
  { method: 'POST', path: '/a/:assemblyId/draw/:drawId/reserves', access: manage, handler: reservesSubmit },
  { method: 'GET', path: publicBase, access: publicAccess, handler: publicList },
  { method: 'GET', path: `${publicBase}/:drawId`, access: publicAccess, handler: publicPage },
  {
    method: 'GET',
    path: `${publicBase}/:drawId/commitment.json`,
    access: publicAccess,
    handler: commitmentDownload,
  },
  {
    method: 'GET',
    path: `${publicBase}/:drawId/lottery.json`,
    access: publicAccess,
    handler: lotteryDownload,
  },
  {
    method: 'GET',
    path: `${publicBase}/:drawId/candidates.json`,
    access: publicAccess,
    handler: candidatesDownload,
  },
  {
    method: 'GET',
    path: `${publicBase}/:drawId/transcript.json`,
    access: publicAccess,
    handler: transcriptDownload,
  },
  { method: 'GET', path: `${publicBase}/:drawId/verify`, access: publicAccess, handler: verifyPage },
];
