/**
 * The public assembly pages, for anyone and without a login: the list of public assemblies, each
 * one's page, the same content as JSON, its CSV files and an Atom feed of its updates. An assembly
 * whose page is not published answers 404 on all of them.
 */
import { publicAccess, type Route } from '../../routing.ts';
import {
  answersCsv,
  feed,
  pageJson,
  publicIndex,
  publicPage,
  recommendationsCsv,
  representativenessCsv,
} from './handlers.tsx';

const base = '/public/:slug';

export const publicPageRoutes: Route[] = [
  { method: 'GET', path: '/public', access: publicAccess, handler: publicIndex },
  // Before the page: `/public/<slug>.json` would otherwise be read as a page whose slug ends in .json.
  { method: 'GET', path: '/public/:file{[^/]+\\.json}', access: publicAccess, handler: pageJson },
  { method: 'GET', path: base, access: publicAccess, handler: publicPage },
  { method: 'GET', path: `${base}/recommendations.csv`, access: publicAccess, handler: recommendationsCsv },
  { method: 'GET', path: `${base}/answers.csv`, access: publicAccess, handler: answersCsv },
  {
    method: 'GET',
    path: `${base}/representativeness.csv`,
    access: publicAccess,
    handler: representativenessCsv,
  },
  { method: 'GET', path: `${base}/feed.atom`, access: publicAccess, handler: feed },
];
