/**
 * The organiser's view of her assembly's retention schedule: for each category of personal data, what
 * it covers now, the day it will be erased (or the rule that decides, for bookkeeping records), and
 * whether she holds it; and the log of what was erased when.
 */

import { addMonths } from '../domain/dates.ts';
import { retentionPeriods } from '../domain/retention.ts';
import { erasureDay, type RetentionCategory, retentionCategories } from '../domain/retention-schedule.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  countAnswers,
  countPaidRecords,
  countQuestionnaireTexts,
  countReceipts,
  earliestPaymentYear,
  listHolds,
  listLog,
  peopleWithContacts,
  type RetentionHold,
  type RetentionLogEntry,
} from '../repositories/retention-schedule.ts';

export interface ScheduledCategory {
  category: RetentionCategory;
  /** How many records the category covers now. */
  records: number;
  /** The day they will be erased; null when it is not known yet (no end date, nothing paid). */
  day: string | null;
  held: RetentionHold | null;
}

export interface RetentionSchedule {
  endsOn: string | null;
  categories: ScheduledCategory[];
  log: RetentionLogEntry[];
  /** How long rejected claims' receipts are kept, in days (the rule for paid ones is the law's). */
  rejectedReceiptDays: number;
}

async function recordsOf(db: Executor, assemblyId: string, category: RetentionCategory): Promise<number> {
  switch (category) {
    case 'volunteer_contacts':
      return (await peopleWithContacts(db, assemblyId, false)).length;
    case 'member_contacts':
      return (await peopleWithContacts(db, assemblyId, true)).length;
    case 'demographics':
      return countAnswers(db, assemblyId);
    case 'questionnaires':
      return countQuestionnaireTexts(db, assemblyId);
    case 'receipts':
      return countReceipts(db, assemblyId);
    case 'stipend_records':
      return countPaidRecords(db, assemblyId, '9999-12-31');
  }
}

/** The day the earliest bookkeeping record goes: the New Year eight years after its payment year. */
async function bookkeepingDay(db: Executor, assemblyId: string): Promise<string | null> {
  const year = await earliestPaymentYear(db, assemblyId);
  return year === null ? null : addMonths(`${year}-01-01`, 8 * 12);
}

export async function retentionSchedule(
  db: Executor,
  assemblyId: string,
  endsOn: string | null,
): Promise<RetentionSchedule> {
  const holds = await listHolds(db, assemblyId);
  const categories: ScheduledCategory[] = [];
  for (const category of retentionCategories) {
    const day =
      category === 'stipend_records' || category === 'receipts'
        ? await bookkeepingDay(db, assemblyId)
        : erasureDay(category, endsOn);
    categories.push({
      category,
      records: await recordsOf(db, assemblyId, category),
      day,
      held: holds.get(category) ?? null,
    });
  }
  return {
    endsOn,
    categories,
    log: await listLog(db, assemblyId),
    rejectedReceiptDays: retentionPeriods.rejectedReceiptMillis / 86_400_000,
  };
}
