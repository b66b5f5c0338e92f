/** What the learning-material pages read: an assembly's evidence items and experts. */
import {
  type EvidenceItem,
  type Expert,
  findEvidence,
  findExpert,
  listEvidence,
  listExperts,
} from '../repositories/evidence.ts';
import { openEvidenceFile } from '../repositories/evidence-files.ts';
import type { Executor } from '../repositories/executor.ts';
import type { KeptFileContent } from '../repositories/kept-files.ts';
import { sessionsPresenting } from '../repositories/session-details.ts';
import { listSessions } from '../repositories/sessions.ts';

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

/**
 * An item's file as it is downloaded: its name, the media type read from it, its size, and its
 * bytes as a stream read from disk in pieces.
 */
export interface EvidenceDownload extends KeptFileContent {
  name: string;
  type: string;
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
  const content = await openEvidenceFile(dataDir, item.file_key);
  return content ? { name: item.file_name ?? 'file', type: item.file_type, ...content } : null;
}

/** A session an item or expert is presented at, as their pages list it. */
export interface PresentedAt {
  id: string;
  title: { sv: string; en: string };
  startsAt: string;
  status: string;
}

async function presentedAt(
  db: Executor,
  assemblyId: string,
  what: { evidenceId: string } | { expertId: string },
): Promise<PresentedAt[]> {
  const ids = new Set(await sessionsPresenting(db, assemblyId, what));
  if (ids.size === 0) return [];
  return (await listSessions(db, assemblyId))
    .filter((s) => ids.has(s.id))
    .map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt, status: s.status }));
}

/** An item of the assembly with the sessions presenting it, or null when there is no such item. */
export async function evidenceItemShown(
  db: Executor,
  assemblyId: string,
  id: string,
): Promise<{ item: EvidenceItem; presentedAt: PresentedAt[] } | null> {
  const item = await findEvidence(db, assemblyId, id);
  return item ? { item, presentedAt: await presentedAt(db, assemblyId, { evidenceId: id }) } : null;
}

/** An expert of the assembly with the sessions she presents at, or null when there is no such expert. */
export async function expertShown(
  db: Executor,
  assemblyId: string,
  id: string,
): Promise<{ expert: Expert; presentedAt: PresentedAt[] } | null> {
  const expert = await findExpert(db, assemblyId, id);
  return expert ? { expert, presentedAt: await presentedAt(db, assemblyId, { expertId: id }) } : null;
}
