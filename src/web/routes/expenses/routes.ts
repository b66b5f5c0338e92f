/**
 * Stipends and expenses: the organisers' claims, rules, payout and receipts (`expenses:manage`), and
 * a member's own claim form and receipts through her personal link (`expenses:claim`).
 */
import { memberNeeds, needs, type Route } from '../../routing.ts';
import { memberClaimSubmit, memberReceiptDownload, showMemberNew } from './handlers/member.tsx';
import { payoutFile, showPayout, stipendPaidSubmit } from './handlers/payout.tsx';
import {
  approveSubmit,
  paidSubmit,
  receiptDownload,
  rejectSubmit,
  rulesSubmit,
  showClaim,
  showClaims,
  showRules,
  showStaffNew,
  staffClaimSubmit,
} from './handlers/staff.tsx';

const base = '/a/:assemblyId/expenses';
const claim = `${base}/claims/:claimId`;
const manage = needs('expenses:manage');
const claims = memberNeeds('expenses:claim');

export const expensesRoutes: Route[] = [
  {
    method: 'GET',
    path: base,
    tab: { key: 'expenses', phase: 'learning' },
    access: manage,
    handler: showClaims,
  },
  { method: 'GET', path: `${base}/rules`, access: manage, handler: showRules },
  { method: 'POST', path: `${base}/rules`, access: manage, handler: rulesSubmit },
  { method: 'GET', path: `${base}/claims/new`, access: manage, handler: showStaffNew },
  // Forms with a receipt (a photo or PDF), streamed to the data folder within the receipt's limit.
  { method: 'POST', path: `${base}/claims`, access: manage, body: 'stream', handler: staffClaimSubmit },
  { method: 'GET', path: claim, access: manage, handler: showClaim },
  { method: 'GET', path: `${claim}/receipt`, access: manage, handler: receiptDownload },
  { method: 'POST', path: `${claim}/approve`, access: manage, handler: approveSubmit },
  { method: 'POST', path: `${claim}/reject`, access: manage, handler: rejectSubmit },
  { method: 'POST', path: `${claim}/paid`, access: manage, handler: paidSubmit },
  { method: 'GET', path: `${base}/payout`, access: manage, handler: showPayout },
  { method: 'GET', path: `${base}/payout.csv`, access: manage, handler: payoutFile },
  { method: 'POST', path: `${base}/payout/:personId`, access: manage, handler: stipendPaidSubmit },
  { method: 'GET', path: '/member/claims/new', access: claims, handler: showMemberNew },
  { method: 'POST', path: '/member/claims', access: claims, body: 'stream', handler: memberClaimSubmit },
  // Her own receipts stay hers to download after she leaves the panel (she may still be owed).
  {
    method: 'GET',
    path: '/member/claims/:claimId/receipt',
    access: memberNeeds('own:view'),
    handler: memberReceiptDownload,
  },
];
