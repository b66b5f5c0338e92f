/**
 * Submissions from the public: anyone sends the assembly a text (and a link), optionally with a
 * name, organisation and e-mail; organisers accept it into the evidence library, marked as sent in
 * by the public, or reject it with a reason. The audit keeps ids only: the sender's data is personal
 * and is blanked by the retention rule, while the log outlives it.
 */
import type { Database } from '../db/connect.ts';
import { submissionFieldLimits } from '../domain/field-limits.ts';
import {
  type Refusal,
  reasonRefusals,
  type SubmissionInput,
  submissionRefusals,
} from '../domain/requests.ts';
import { findAssembly, updateAssembly } from '../repositories/assemblies.ts';
import { insertEvidence } from '../repositories/evidence.ts';
import { findSubmission, insertSubmission, reviewSubmission } from '../repositories/submissions.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

function refuseAll(refusals: Refusal[]): void {
  const [first, ...rest] = refusals;
  if (first) throw new CommandError(first.code, first.field, first.params, rest);
}

const orNull = (text: string) => text.trim() || null;

/** Keeps a submission from the public (the form's bot checks come first, in its handler). */
export async function sendSubmission(
  database: Database,
  assemblyId: string,
  input: SubmissionInput,
): Promise<string> {
  refuseAll(submissionRefusals(input));
  const id = crypto.randomUUID();
  await inTransaction(database, async (trx, audit) => {
    // Checked inside the transaction: a form shown before it closed is refused once it has.
    if (!(await findAssembly(trx, assemblyId))?.submissions_open)
      throw new CommandError('submissions_closed');
    await insertSubmission(trx, {
      id,
      assembly_id: assemblyId,
      title: input.title.trim(),
      body: input.body.trim(),
      link: orNull(input.link),
      sender_name: orNull(input.name),
      sender_organisation: orNull(input.organisation),
      sender_email: orNull(input.email),
      publish_name: input.publishName ? 1 : 0,
      status: 'pending',
      evidence_item_id: null,
      created_at: now(),
      reviewed_at: null,
      reviewed_by: null,
      sender_erased_at: null,
    });
    await audit({
      actorId: 'self',
      assemblyId,
      action: 'submissions.send',
      subjectType: 'submission',
      subjectId: id,
    });
  });
  return id;
}

/** Who the library names as the source: the sender, when she agreed to it, and never her e-mail. */
function sourceOf(s: {
  publish_name: boolean;
  sender_name: string | null;
  sender_organisation: string | null;
}) {
  if (!s.publish_name) return '';
  return [s.sender_name, s.sender_organisation].filter(Boolean).join(', ');
}

/** Accepts a pending submission into the evidence library, marked as sent in by the public. */
export async function acceptSubmission(
  database: Database,
  actor: Actor,
  assemblyId: string,
  submissionId: string,
): Promise<string> {
  return inTransaction(database, async (trx, audit) => {
    const submission = await findSubmission(trx, assemblyId, submissionId);
    if (!submission) throw new CommandError('not_found');
    if (submission.status !== 'pending') throw new CommandError('submission_reviewed');
    const itemId = crypto.randomUUID();
    const at = now();
    await insertEvidence(trx, {
      id: itemId,
      assembly_id: assemblyId,
      title: submission.title,
      summary: submission.body,
      source: sourceOf(submission),
      published_on: submission.created_at.slice(0, 10),
      perspective: '',
      language: '',
      easy_read: '',
      link: submission.link,
      file_key: null,
      file_name: null,
      file_type: null,
      file_size: null,
      created_at: at,
      updated_at: at,
      origin: 'public',
    });
    await reviewSubmission(trx, assemblyId, submissionId, {
      status: 'accepted',
      reason: '',
      evidence_item_id: itemId,
      reviewed_at: at,
      reviewed_by: actorId(actor),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'submissions.accept',
      subjectType: 'submission',
      subjectId: submissionId,
      details: { evidence_item: itemId },
    });
    return itemId;
  });
}

/** Rejects a pending submission; the reason is required. */
export async function rejectSubmission(
  database: Database,
  actor: Actor,
  assemblyId: string,
  submissionId: string,
  reason: string,
): Promise<void> {
  refuseAll(reasonRefusals(reason, submissionFieldLimits.reason));
  await inTransaction(database, async (trx, audit) => {
    const submission = await findSubmission(trx, assemblyId, submissionId);
    if (!submission) throw new CommandError('not_found');
    if (submission.status !== 'pending') throw new CommandError('submission_reviewed');
    await reviewSubmission(trx, assemblyId, submissionId, {
      status: 'rejected',
      reason: reason.trim(),
      evidence_item_id: null,
      reviewed_at: now(),
      reviewed_by: actorId(actor),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'submissions.reject',
      subjectType: 'submission',
      subjectId: submissionId,
    });
  });
}

/** Opens or closes the assembly's public form for submissions; audited. */
export async function setSubmissionsOpen(
  database: Database,
  actor: Actor,
  assemblyId: string,
  open: boolean,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    if (!(await findAssembly(trx, assemblyId))) throw new CommandError('not_found');
    await updateAssembly(trx, assemblyId, { submissions_open: open ? 1 : 0, updated_at: now() });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: open ? 'submissions.open' : 'submissions.close',
      subjectType: 'assembly',
      subjectId: assemblyId,
    });
  });
}
