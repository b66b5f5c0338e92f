/**
 * Population register extracts, kept for the invitation draw: an upload is written to
 * `<dataDir>/registers/<id>.csv` (owner-only), checked by the draw's own reader and recorded, or
 * refused and removed. An extract holds personal data: deleting it removes the file once the
 * transaction that forgets it has committed.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/connect.ts';
import type { Language } from '../i18n/i18n.ts';
import { inputErrorInEachLanguage, type TranslatedInputError } from '../i18n/input-errors.ts';
import { drawInvitations } from '../invitations/draw-invitations.ts';
import { findRegister, insertRegister, markRegisterDeleted } from '../repositories/invitation-draws.ts';
import { InputError } from '../sortition/model.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

/** The extract's file inside the data folder; `stored_as` holds this relative name. */
export function registerFileName(registerId: string): string {
  return join('registers', `${registerId}.csv`);
}

export interface RegisterUpload {
  id: string;
  assemblyId: string;
  fileName: string;
  sha256: string;
  bytes: number;
  rows: number;
  columns: string[];
}

/** Records an extract already written to `registers/<id>.csv` and checked by the draw's reader. */
export async function recordRegister(
  database: Database,
  actor: Actor,
  upload: RegisterUpload,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    await insertRegister(trx, {
      id: upload.id,
      assembly_id: upload.assemblyId,
      file_name: upload.fileName,
      file_sha256: upload.sha256,
      stored_as: registerFileName(upload.id),
      rows: upload.rows,
      columns: upload.columns,
      created_at: now(),
      created_by: actorId(actor),
    });
    // Counts only: the file's name and contents stay out of the log.
    await audit({
      actorId: actorId(actor),
      assemblyId: upload.assemblyId,
      action: 'register.upload',
      subjectType: 'register',
      subjectId: upload.id,
      details: { rows: upload.rows, columns: upload.columns.length, bytes: upload.bytes },
    });
  });
}

/**
 * Where an uploaded extract is written while it is received: `registers/<id>.csv` in an owner-only
 * folder of the data directory (the folder is made here).
 */
export async function registerUploadTarget(dataDir: string, registerId: string): Promise<string> {
  await mkdir(join(dataDir, 'registers'), { recursive: true, mode: 0o700 });
  return join(dataDir, registerFileName(registerId));
}

/** Removes a received extract that is not kept (a refused form, a broken upload). */
export async function discardRegisterUpload(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** A received extract, as the upload wrote it to `registerUploadTarget`. */
export interface ReceivedRegister {
  id: string;
  assemblyId: string;
  /** The name it is shown by (already cleaned by the form). */
  fileName: string;
  /** Where it was written. */
  path: string;
  bytes: number;
  sha256: string;
  /** Its first bytes, to recognise a spreadsheet sent in place of a CSV file. */
  head: Buffer;
}

/** What became of an uploaded extract: kept, or refused (and removed) with the reason to show. */
export type RegisterAcceptance =
  | { kind: 'recorded' }
  | { kind: 'refused'; key: 'lottery.not_csv' | 'lottery.register_empty' }
  /** The reader's located explanation in each language (file name, line, column). */
  | { kind: 'unreadable'; detail: Record<Language, TranslatedInputError> };

/**
 * Checks a received extract with the draw's own reader (every row), so a broken extract is refused
 * before it is kept, and records it. A refused file is removed.
 */
export async function acceptRegister(
  database: Database,
  actor: Actor,
  upload: ReceivedRegister,
): Promise<RegisterAcceptance> {
  const refuse = async (answer: RegisterAcceptance) => {
    await discardRegisterUpload(upload.path);
    return answer;
  };
  const zip = upload.head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004';
  if (zip || /\.(xlsx|xlsm|xls|ods|numbers)$/i.test(upload.fileName))
    return refuse({ kind: 'refused', key: 'lottery.not_csv' });
  let check: Awaited<ReturnType<typeof drawInvitations>>;
  try {
    check = await drawInvitations(upload.path, { count: 1, seed: `check ${upload.id}` });
  } catch (error) {
    await discardRegisterUpload(upload.path);
    if (!(error instanceof InputError)) throw error;
    return {
      kind: 'unreadable',
      detail: inputErrorInEachLanguage(error, { path: upload.path, name: upload.fileName }),
    };
  }
  if (check.rowsRead === 0) return refuse({ kind: 'refused', key: 'lottery.register_empty' });
  try {
    await recordRegister(database, actor, {
      id: upload.id,
      assemblyId: upload.assemblyId,
      fileName: upload.fileName,
      sha256: upload.sha256,
      bytes: upload.bytes,
      rows: check.rowsRead,
      columns: check.columns,
    });
  } catch (error) {
    await discardRegisterUpload(upload.path);
    throw error;
  }
  return { kind: 'recorded' };
}

/**
 * Deletes a file after the transaction that forgets it has committed; until then it waits under
 * another name, and comes back if the transaction fails.
 */
export async function deleteWithTransaction<T>(
  path: string | null,
  transaction: () => Promise<T>,
): Promise<{ value: T; deleted: boolean }> {
  const parked = path ? `${path}.deleting` : null;
  let moved = false;
  if (path && parked) {
    try {
      await rename(path, parked);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  let value: T;
  try {
    value = await transaction();
  } catch (error) {
    if (moved && path && parked) await rename(parked, path);
    throw error;
  }
  if (parked) await rm(parked, { force: true });
  return { value, deleted: moved };
}

/** Deletes a stored register extract (the draws made from it stay, with their letters). */
export async function deleteRegisterFile(
  database: Database,
  actor: Actor,
  assemblyId: string,
  registerId: string,
  dataDir: string,
): Promise<void> {
  const register = await findRegister(database.db, assemblyId, registerId);
  if (!register) throw new CommandError('not_found');
  await deleteWithTransaction(register.stored_as ? join(dataDir, register.stored_as) : null, () =>
    inTransaction(database, async (trx, audit) => {
      await markRegisterDeleted(trx, register.id);
      await audit({
        actorId: actorId(actor),
        assemblyId,
        action: 'register.delete',
        subjectType: 'register',
        subjectId: register.id,
        details: {},
      });
    }),
  );
}
