/** What the learning-material pages read: an assembly's evidence items and experts. */
import {
  type EvidenceItem,
  type Expert,
  findEvidence,
  findExpert,
  listEvidence,
  listExperts,
} from '../repositories/evidence.ts';
import type { Executor } from '../repositories/executor.ts';

export type { EvidenceItem, Expert };

export function evidenceLibrary(db: Executor, assemblyId: string): Promise<EvidenceItem[]> {
  return listEvidence(db, assemblyId);
}

export function evidenceItem(db: Executor, assemblyId: string, id: string): Promise<EvidenceItem | null> {
  return findEvidence(db, assemblyId, id);
}

export function expertList(db: Executor, assemblyId: string): Promise<Expert[]> {
  return listExperts(db, assemblyId);
}

export function expertRecord(db: Executor, assemblyId: string, id: string): Promise<Expert | null> {
  return findExpert(db, assemblyId, id);
}
