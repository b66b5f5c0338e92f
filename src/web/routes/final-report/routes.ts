/**
 * The final report: the whole team reads it (the latest version, any earlier one, their PDFs and the
 * logo); organisers generate new versions through a job and upload the assembly's logo.
 */
import { needs, type Route } from '../../routing.ts';
import {
  cancelSubmit,
  generateSubmit,
  jobPage,
  logoImage,
  logoSubmit,
  pdfDownload,
  showLatest,
  showVersion,
} from './handlers.tsx';
import { logoUploadBytes } from './logo-form.ts';

const base = '/a/:assemblyId/final-report';
const read = needs('recommendations:view');
const manage = needs('assembly:edit');

export const finalReportRoutes: Route[] = [
  {
    method: 'GET',
    path: base,
    tab: { key: 'final-report', phase: 'handover' },
    access: read,
    handler: showLatest,
  },
  { method: 'GET', path: `${base}/versions/:number`, access: read, handler: showVersion },
  { method: 'GET', path: `${base}/versions/:number/pdf/:language`, access: read, handler: pdfDownload },
  { method: 'POST', path: `${base}/generate`, access: manage, handler: generateSubmit },
  { method: 'GET', path: `${base}/jobs/:jobId`, access: manage, handler: jobPage },
  { method: 'POST', path: `${base}/jobs/:jobId/cancel`, access: manage, handler: cancelSubmit },
  { method: 'GET', path: `${base}/logo`, access: read, handler: logoImage },
  // The logo (an image of up to 2 MB) is streamed to disk within its own allowance.
  {
    method: 'POST',
    path: `${base}/logo`,
    access: manage,
    body: 'stream',
    uploadBytes: logoUploadBytes,
    handler: logoSubmit,
  },
];
