/**
 * What the submissions pages read: the assembly a public form belongs to (by its address), and the
 * submissions the organisers review.
 */
import { type Assembly, findAssemblyBySlug } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { findSubmission, listSubmissions, type PublicSubmission } from '../repositories/submissions.ts';

export type { PublicSubmission };

/** The assembly of a public form's address, or null when there is none by that name. */
export async function submissionAssembly(db: Executor, slug: string): Promise<Assembly | null> {
  return (await findAssemblyBySlug(db, slug)) ?? null;
}

export function submissionList(db: Executor, assemblyId: string): Promise<PublicSubmission[]> {
  return listSubmissions(db, assemblyId);
}

export function submissionRecord(
  db: Executor,
  assemblyId: string,
  id: string,
): Promise<PublicSubmission | null> {
  return findSubmission(db, assemblyId, id);
}
