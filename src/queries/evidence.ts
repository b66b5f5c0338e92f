/** What the learning-material pages read: an assembly's evidence items and experts. */
import {
  type EvidenceItem,
  type Expert,
  findEvidence,
  findExpert,
  listEvidence,
  listExperts,
} from '../repositories/evidence.ts';
import { readEvidenceFile } from '../repositories/evidence-files.ts';
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

/** An item's file as it is downloaded: its name, the media type read from it, and its bytes. */
export interface EvidenceDownload {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** The file of an item of the assembly, or null when the item or its file is not there. */
export async function evidenceDownload(
  db: Executor,
  dataDir: string,
  assemblyId: string,
  id: string,
): Promise<EvidenceDownload | null> {
  const item = await findEvidence(db, assemblyId, id);
  if (!item?.file_key || !item.file_type) return null;
  const bytes = await readEvidenceFile(dataDir, item.file_key);
  return bytes ? { name: item.file_name ?? 'file', type: item.file_type, bytes } : null;
}
