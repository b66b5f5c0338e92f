/** The report area's routes: the page (the report tab), its CSV and PDF, and the page following a PDF job. */
import { needs, type Route } from '../../routing.ts';
import { csvDownload, pdfDownload, pdfJobPage, reportPage } from './handlers.tsx';

export const reportRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/report',
    tab: { key: 'report', phase: 'recruitment' },
    access: needs('report:view'),
    handler: reportPage,
  },
  { method: 'GET', path: '/a/:assemblyId/report.csv', access: needs('report:view'), handler: csvDownload },
  { method: 'GET', path: '/a/:assemblyId/report.pdf', access: needs('report:view'), handler: pdfDownload },
  {
    method: 'GET',
    path: '/a/:assemblyId/report/pdf/:jobId',
    access: needs('report:view'),
    handler: pdfJobPage,
  },
];
