/**
 * Every migration, in order. Migrations are forward-only: a released one is never edited, a change
 * comes as a new file. Each receives the dialect for the few places where SQL differs.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import * as platform from './0001-platform.ts';
import * as recruitment from './0002-recruitment.ts';
import * as letterTemplates from './0003-letter-templates.ts';
import * as totpLastStep from './0004-totp-last-step.ts';
import * as privacyNotice from './0005-privacy-notice.ts';
import * as invitationListIndex from './0009-invitation-list-index.ts';
import * as jobs from './0010-jobs.ts';
import * as sharedLimits from './0011-shared-limits.ts';
import * as outbox from './0012-outbox.ts';
import * as jobKeys from './0013-job-keys.ts';
import * as logins from './0014-logins.ts';
import * as sessions from './0015-sessions.ts';
import * as evidence from './0016-evidence.ts';
import * as attendance from './0017-attendance.ts';
import * as expenses from './0018-expenses.ts';
import * as sessionDetails from './0019-session-details.ts';
import * as requests from './0020-requests.ts';
import * as seating from './0021-seating.ts';
import * as seatingRules from './0023-seating-rules.ts';
import * as submissionsOpen from './0024-submissions-open.ts';
import * as recommendations from './0025-recommendations.ts';
import * as votes from './0026-votes.ts';
import * as minorityStatements from './0027-minority-statements.ts';
import * as finalReport from './0028-final-report.ts';
import * as answers from './0029-answers.ts';
import * as publicPage from './0030-public-page.ts';
import * as evaluation from './0031-evaluation.ts';
import * as retentionSchedule from './0032-retention-schedule.ts';
import * as pointTolerance from './0033-point-tolerance.ts';

export interface Migration {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

export const migrations: Migration[] = [
  { name: '0001-platform', up: platform.up },
  { name: '0002-recruitment', up: recruitment.up },
  { name: '0003-letter-templates', up: letterTemplates.up },
  { name: '0004-totp-last-step', up: totpLastStep.up },
  { name: '0005-privacy-notice', up: privacyNotice.up },
  { name: '0009-invitation-list-index', up: invitationListIndex.up },
  { name: '0010-jobs', up: jobs.up },
  { name: '0011-shared-limits', up: sharedLimits.up },
  { name: '0012-outbox', up: outbox.up },
  { name: '0013-job-keys', up: jobKeys.up },
  { name: '0014-logins', up: logins.up },
  { name: '0015-sessions', up: sessions.up },
  { name: '0016-evidence', up: evidence.up },
  { name: '0017-attendance', up: attendance.up },
  { name: '0018-expenses', up: expenses.up },
  { name: '0019-session-details', up: sessionDetails.up },
  { name: '0020-requests', up: requests.up },
  { name: '0021-seating', up: seating.up },
  { name: '0023-seating-rules', up: seatingRules.up },
  { name: '0024-submissions-open', up: submissionsOpen.up },
  { name: '0025-recommendations', up: recommendations.up },
  { name: '0026-votes', up: votes.up },
  { name: '0027-minority-statements', up: minorityStatements.up },
  { name: '0028-final-report', up: finalReport.up },
  { name: '0029-answers', up: answers.up },
  { name: '0030-public-page', up: publicPage.up },
  { name: '0031-evaluation', up: evaluation.up },
  { name: '0032-retention-schedule', up: retentionSchedule.up },
  { name: '0033-point-tolerance', up: pointTolerance.up },
];
