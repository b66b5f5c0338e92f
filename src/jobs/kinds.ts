/**
 * Every kind of job Lotta runs. Adding a kind is one entry in `lottaJobKinds` (its definition sits
 * beside the command that enqueues it). Built on first use: the kinds' modules import the job runner,
 * which imports this list.
 */

import { answerRemindersJob } from '../commands/answers.ts';
import { deviationTradeOffJob } from '../commands/deviation-trade-offs.ts';
import { finalReportJob } from '../commands/final-reports.ts';
import { invitationDrawJob } from '../commands/invitation-draws.ts';
import { lettersPdfJob } from '../commands/letter-pdfs.ts';
import { outboxPrintJob } from '../commands/outbox-print.ts';
import { programmePrintJob } from '../commands/programme-print.ts';
import { reportPdfJob } from '../commands/report-pdfs.ts';
import { retentionJob } from '../commands/retention.ts';
import { selectionJob } from '../commands/selection-runs.ts';
import { tableAllocationJob } from '../commands/table-allocations.ts';
import { sendMailJob } from '../mail/send-job.ts';
import type { AnyJobKind } from './job-kind.ts';

const lottaJobKinds = (): AnyJobKind[] => [
  selectionJob,
  invitationDrawJob,
  lettersPdfJob,
  sendMailJob,
  retentionJob,
  reportPdfJob,
  outboxPrintJob,
  tableAllocationJob,
  programmePrintJob,
  finalReportJob,
  answerRemindersJob,
  deviationTradeOffJob,
];

let byName: Map<string, AnyJobKind> | null = null;

export function findJobKind(name: string): AnyJobKind | undefined {
  byName ??= new Map(lottaJobKinds().map((kind): [string, AnyJobKind] => [kind.name, kind]));
  return byName.get(name);
}

/** Adds a kind at run time (tests' own kinds); Lotta's kinds are listed above. */
export function registerJobKind(kind: AnyJobKind): void {
  findJobKind(kind.name);
  byName?.set(kind.name, kind);
}
