/**
 * Stage 1 of recruitment: the invitation lottery draws the letters' recipients from a kept register
 * extract (register-extracts.ts) with a recorded seed, and each letter becomes an invitation with its
 * own code. The recipients' register rows (names, addresses) are personal data: they are stored apart
 * from the invitations and can be deleted after the mail-out, together with the extract itself.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { formatInviteCode, inviteAlphabet } from '../domain/invite-code.ts';
import { type Language, languages } from '../i18n/i18n.ts';
import { inputErrorInEachLanguage } from '../i18n/input-errors.ts';
import {
  type DrawnLetter,
  drawInvitations,
  type InvitationDrawResult,
} from '../invitations/draw-invitations.ts';
import { JobFailure, type JobKind } from '../jobs/job-kind.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { wakeJobRunner } from '../jobs/runner.ts';
import { letterLanguage } from '../letters/letter-template.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import { findAssembly } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  deleteUnusedRecipients,
  findDrawIdWithSeed,
  findInvitationDraw,
  findRegister,
  insertDrawnInvitations,
  insertInvitationDraw,
  invitedLinesOfRegister,
  markRegisterDeleted,
  type NewRecipient,
  type RegisterRow,
  type StoredDrawSettings,
} from '../repositories/invitation-draws.ts';
import { takenCodes } from '../repositories/invitations.ts';
import { findActiveJobOfKind, findJobOfKind } from '../repositories/jobs.ts';
import { InputError } from '../sortition/model.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';
import { checkInvitationRoom } from './invitation-room.ts';
import { deleteLetterPdfs } from './letter-pdfs.ts';
import { deleteWithTransaction } from './register-extracts.ts';

export interface InvitationDrawSettings {
  count: number;
  seed: string;
  householdColumns: string[];
  stratifyColumn: string | null;
  /** Oversampling weight per stratum; strata not named weigh 1. */
  weights: Record<string, number> | null;
  /** The register column that says which language a recipient's letter is in. */
  languageColumn: string | null;
}

/** What `invitation_draws.settings` holds; the repository decodes it. */
export type { StoredDrawSettings };

/**
 * The fingerprint of a draw's outcome: which register lines got which stratum and code, in order.
 * The same register and settings with the same seed give the same fingerprint.
 */
export function drawResultHash(letters: readonly DrawnLetter[]): string {
  const hash = createHash('sha256');
  for (const l of letters) hash.update(`${l.line}\t${l.stratum ?? ''}\t${l.inviteCode}\n`, 'utf8');
  return hash.digest('hex');
}

/** A replacement for a code someone already has, derived from the seed so a rerun gives it again. */
export function replacementCode(seed: string, line: number, attempt: number): string {
  for (let round = 0; ; round++) {
    const bytes = createHash('sha256')
      .update(`lotta-invite-replacement\u0000${seed}\u0000${line}\u0000${attempt}\u0000${round}`, 'utf8')
      .digest();
    let raw = '';
    // 240 = 10 × 24: bytes above it would favour the first letters of the alphabet.
    for (const b of bytes) if (b < 240 && raw.length < 10) raw += inviteAlphabet[b % inviteAlphabet.length];
    if (raw.length === 10) return formatInviteCode(raw);
  }
}

/** The assembly's first language Lotta has letters for: what letters are in unless the register says. */
export function assemblyLetterLanguage(assembly: Pick<Assembly, 'languages'>): Language {
  const languages = assembly.languages;
  return (languages.find((l) => l === 'sv' || l === 'en') as Language | undefined) ?? 'sv';
}

export interface InvitationDrawRequest {
  drawId: string;
  assembly: Assembly;
  register: RegisterRow;
  dataDir: string;
  settings: InvitationDrawSettings;
  onProgress?: (rowsRead: number) => void;
}

/** Refuses a seed this assembly has drawn with before: the same seed would draw the same letters. */
export async function checkSeedUnused(database: Database, assemblyId: string, seed: string): Promise<void> {
  const earlier = await findDrawIdWithSeed(database.db, assemblyId, seed);
  if (earlier) throw new CommandError('seed_used', 'seed', { id: earlier.slice(0, 8) });
}

/**
 * Draws the letters from the stored extract and stores them. A file with broken rows or a column that
 * is not there throws the reader's InputError (located: file, line, column) and stores nothing.
 */
export async function runInvitationDraw(
  database: Database,
  actor: Actor,
  request: InvitationDrawRequest,
): Promise<{ drawId: string; drawn: number }> {
  const { assembly, register, settings } = request;
  await checkSeedUnused(database, assembly.id, settings.seed);
  if (!register.stored_as) throw new CommandError('register_deleted');
  // A second mail-out from the same extract never writes to a household that had a letter.
  const earlier = await invitedLinesOfRegister(database.db, assembly.id, register.id);
  const result = await drawInvitations(join(request.dataDir, register.stored_as), {
    count: settings.count,
    seed: settings.seed,
    householdColumns: settings.householdColumns.length > 0 ? settings.householdColumns : undefined,
    stratifyColumn: settings.stratifyColumn ?? undefined,
    weights: settings.weights ?? undefined,
    ...(earlier.lines.size > 0 ? { excludeLines: earlier.lines } : {}),
    onProgress: request.onProgress,
  });
  if (result.letters.length === 0) throw new CommandError('draw_empty', 'count');
  return storeInvitationDraw(database, actor, {
    ...request,
    result,
    excluded: earlier.lines.size > 0 ? { draws: earlier.drawIds, rows: result.excludedRows ?? 0 } : undefined,
  });
}

/** What a background draw's job carries: enough to run it in any process, and to refill its form. */
export interface InvitationDrawJobInput {
  drawId: string;
  assemblyId: string;
  registerId: string;
  settings: InvitationDrawSettings;
  actor: Actor;
  /** The form as it was sent, shown again (with the reason) if the draw fails. */
  values: Record<string, string | string[] | undefined>;
}

/**
 * Why a background draw failed, as its page shows it: which form field, which message (key and
 * parameters), and for a broken extract the reader's located explanation (file name, line, column).
 */
const drawFailureDetailsSchema = z.object({
  field: z.string(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /**
   * The reader's explanation in each language, made when the draw failed (the error itself is gone
   * by the time someone looks), so the page shows it in the language of whoever looks.
   */
  detail: z
    .partialRecord(z.enum(languages), z.object({ text: z.string(), translated: z.boolean() }))
    .optional(),
});
/** Why a draw failed, as its job stores it and its page explains it. */
export type DrawFailureDetails = z.output<typeof drawFailureDetailsSchema>;

/** What the draw's page shows of a running or failed draw's job: its register and the form as sent. */
const drawJobShown = z.object({
  registerId: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.array(z.string())]).optional()),
});

/** The form field a located error of the reader belongs next to. */
export function drawInputErrorField(error: InputError, settings: InvitationDrawSettings): string {
  const column = error.where.column;
  if (column && column === settings.stratifyColumn) return 'stratify';
  if (column && settings.householdColumns.includes(column)) return 'household';
  return '_form';
}

/** Why a draw could not read its extract, as the draw's form shows it. */
function drawInputFailure(
  error: InputError,
  settings: InvitationDrawSettings,
  register: RegisterRow,
  dataDir: string,
): DrawFailureDetails {
  return {
    field: drawInputErrorField(error, settings),
    key: 'lottery.draw_failed',
    detail: inputErrorInEachLanguage(
      error,
      register.stored_as ? { path: join(dataDir, register.stored_as), name: register.file_name } : undefined,
    ),
  };
}

/**
 * A draw from a large extract as a job: it reads the whole file (minutes for millions of rows), so it
 * runs in a worker and its page shows the rows read. The same seed draws the same letters and the draw
 * is stored in one transaction at the end, so running it again after a lost worker is safe.
 */
export const invitationDrawJob: JobKind<InvitationDrawJobInput, { drawId: string; drawn: number }> = {
  name: 'invitation-draw',
  maxAttempts: 2,
  async handle(ctx) {
    const { drawId, assemblyId, registerId, settings, actor } = ctx.input;
    const database = ctx.database;
    const assembly = await findAssembly(database.db, assemblyId);
    const register = await findRegister(database.db, assemblyId, registerId);
    if (!assembly || !register)
      throw new JobFailure('command', 'not found', false, { field: '_form', key: 'errors.not_found' });
    try {
      return await runInvitationDraw(database, actor, {
        drawId,
        assembly,
        register,
        dataDir: ctx.dataDir,
        settings,
        onProgress: (rows) => ctx.reportProgress(register.rows > 0 ? rows / register.rows : 0, 'rows'),
      });
    } catch (error) {
      if (error instanceof InputError) {
        const details = drawInputFailure(error, settings, register, ctx.dataDir);
        throw new JobFailure('input', 'the extract could not be read', false, { ...details });
      }
      if (error instanceof CommandError) {
        const details: DrawFailureDetails = {
          field: error.field ?? '_form',
          key: `errors.${error.code}`,
          params: error.params,
        };
        throw new JobFailure('command', error.code, false, { ...details });
      }
      throw error;
    }
  },
};

/**
 * Queues a draw from a large extract, with its audit event; one such draw at a time per assembly.
 * Returns at once: the draw's page shows its progress and then its result.
 */
export async function startInvitationDrawJob(
  database: Database,
  actor: Actor,
  input: Omit<InvitationDrawJobInput, 'actor'>,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    if (await findActiveJobOfKind(trx, input.assemblyId, invitationDrawJob.name))
      throw new CommandError('draw_running');
    const at = now();
    await enqueueJob(trx, database, invitationDrawJob, {
      id: input.drawId,
      assemblyId: input.assemblyId,
      input: { ...input, actor },
      at,
    });
    await audit({
      actorId: actorId(actor),
      assemblyId: input.assemblyId,
      action: 'invitations.draw_queued',
      subjectType: 'invitation_draw',
      subjectId: input.drawId,
      details: { registerId: input.registerId, count: input.settings.count },
    });
  });
  wakeJobRunner(database);
}

/** Draws from registers up to this many rows run within the request; larger ones in the background. */
export const drawJobSettings = { backgroundRows: 500_000 };

/** A draw asked for on the form: drawn now, queued as a job, or refused because the extract is broken. */
export type DrawOutcome =
  | { kind: 'drawn'; drawId: string }
  | { kind: 'queued'; drawId: string }
  | { kind: 'unreadable'; failure: DrawFailureDetails };

/**
 * Draws the letters the form asks for: from a small extract at once, from a large one as a job (see
 * `drawJobSettings`). Refuses a used seed, a deleted extract or a second background draw with a
 * `CommandError`; an extract the reader cannot read is answered with where it went wrong.
 */
export async function drawInvitationLetters(
  database: Database,
  actor: Actor,
  request: Omit<InvitationDrawRequest, 'drawId' | 'onProgress'> & {
    values: InvitationDrawJobInput['values'];
  },
): Promise<DrawOutcome> {
  const { assembly, register, settings } = request;
  await checkSeedUnused(database, assembly.id, settings.seed);
  await checkInvitationRoom(database.db, assembly.id, settings.count);
  const drawId = crypto.randomUUID();
  if (register.rows > drawJobSettings.backgroundRows) {
    await startInvitationDrawJob(database, actor, {
      drawId,
      assemblyId: assembly.id,
      registerId: register.id,
      settings,
      values: request.values,
    });
    return { kind: 'queued', drawId };
  }
  try {
    await runInvitationDraw(database, actor, { ...request, drawId });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { kind: 'unreadable', failure: drawInputFailure(error, settings, register, request.dataDir) };
  }
  return { kind: 'drawn', drawId };
}

/** A background draw as its page shows it, read from its job (whichever process runs it). */
export interface InvitationDrawJobState {
  registerId: string;
  /** The form as it was sent, to show again if the draw failed. */
  values: InvitationDrawJobInput['values'];
  totalRows: number;
  rowsRead: number;
  state: 'running' | 'failed';
  failure: DrawFailureDetails | null;
}

/**
 * The state of the background draw with this id, or null when there is none or it is over (a draw
 * that ended well has stored its draw, which its page shows instead).
 */
export async function invitationDrawJobState(
  database: Database,
  assemblyId: string,
  drawId: string,
): Promise<InvitationDrawJobState | null> {
  const job = await findJobOfKind(database.db, assemblyId, invitationDrawJob.name, drawId);
  if (!job || job.status === 'done' || job.status === 'cancelled') return null;
  const input = drawJobShown.parse(job.input);
  const register = await findRegister(database.db, assemblyId, input.registerId);
  const totalRows = register?.rows ?? 0;
  const failure = job.status === 'failed' ? drawFailureDetailsSchema.safeParse(job.error?.details) : null;
  return {
    registerId: input.registerId,
    values: input.values,
    totalRows,
    rowsRead: Math.round((job.progress?.fraction ?? 0) * totalRows),
    state: job.status === 'failed' ? 'failed' : 'running',
    failure: failure?.success ? failure.data : null,
  };
}

/**
 * The letters' codes, each free in every assembly: a code someone already has (or another letter of
 * this draw got) is replaced by one derived from the seed, so the same draw gives the same codes.
 */
async function freeCodes(
  trx: Executor,
  seed: string,
  letters: readonly DrawnLetter[],
): Promise<{ codes: string[]; replaced: number }> {
  const taken = await takenCodes(
    trx,
    letters.map((l) => l.inviteCode),
  );
  const used = new Set<string>();
  let replaced = 0;
  const codes: string[] = [];
  for (const letter of letters) {
    let code = letter.inviteCode;
    let attempt = 0;
    while (taken.has(code) || used.has(code)) {
      attempt++;
      code = replacementCode(seed, letter.line, attempt);
      // The replacement itself must be free too, which only the database knows.
      if (!taken.has(code) && !used.has(code) && (await takenCodes(trx, [code])).size > 0) taken.add(code);
    }
    if (attempt > 0) replaced++;
    used.add(code);
    codes.push(code);
  }
  return { codes, replaced };
}

/** What the draw keeps of how it was made, for its page and for drawing it again. */
function storedSettings(
  request: InvitationDrawRequest & {
    result: InvitationDrawResult;
    excluded?: { draws: string[]; rows: number };
  },
  letterLanguage: Language,
  replacedCodes: number,
): StoredDrawSettings {
  const { settings, result, excluded } = request;
  return {
    householdColumns: settings.householdColumns,
    stratifyColumn: settings.stratifyColumn,
    weights: settings.weights,
    languageColumn: settings.languageColumn,
    letterLanguage,
    allocation: result.allocation,
    warnings: result.warnings,
    rowsRead: result.rowsRead,
    households: result.households,
    replacedCodes,
    ...(excluded ? { excludedDraws: excluded.draws, excludedRows: excluded.rows } : {}),
    registerSha256: request.register.file_sha256,
  };
}

/** Stores a finished draw in one transaction: the draw, an invitation and a recipient per letter. */
export async function storeInvitationDraw(
  database: Database,
  actor: Actor,
  request: InvitationDrawRequest & {
    result: InvitationDrawResult;
    excluded?: { draws: string[]; rows: number };
  },
): Promise<{ drawId: string; drawn: number }> {
  const { assembly, register, settings, result, drawId } = request;
  const fallback = assemblyLetterLanguage(assembly);
  return inTransaction(database, async (trx, audit) => {
    // A second draw with this seed may have been stored while this one ran.
    if ((await findDrawIdWithSeed(trx, assembly.id, settings.seed)) !== undefined)
      throw new CommandError('seed_used', 'seed', { id: '' });
    await checkInvitationRoom(trx, assembly.id, result.letters.length);
    const at = now();
    const { codes, replaced } = await freeCodes(trx, settings.seed, result.letters);
    const invitations = [];
    const recipients: NewRecipient[] = [];
    for (const [i, letter] of result.letters.entries()) {
      const id = crypto.randomUUID();
      invitations.push({
        id,
        assembly_id: assembly.id,
        code: codes[i],
        created_at: at,
        used_at: null,
        draw_id: drawId,
        stratum: letter.stratum,
        register_row: letter.line,
      });
      recipients.push({
        invitation_id: id,
        fields: letter.fields,
        language: settings.languageColumn
          ? letterLanguage(letter.fields[settings.languageColumn], fallback)
          : fallback,
      });
    }
    const stored = storedSettings(request, fallback, replaced);
    await insertInvitationDraw(trx, {
      id: drawId,
      assembly_id: assembly.id,
      register_id: register.id,
      seed: settings.seed,
      requested: settings.count,
      drawn: result.letters.length,
      settings: stored,
      result_sha256: drawResultHash(result.letters),
      created_at: at,
      created_by: actorId(actor),
    });
    await insertDrawnInvitations(trx, invitations, recipients);
    await audit({
      actorId: actorId(actor),
      assemblyId: assembly.id,
      action: 'invitations.draw',
      subjectType: 'invitation_draw',
      subjectId: drawId,
      details: {
        register: register.id,
        requested: settings.count,
        drawn: result.letters.length,
        strata: result.allocation.length,
        rowsRead: result.rowsRead,
        replacedCodes: replaced,
      },
    });
    return { drawId, drawn: result.letters.length };
  });
}

/**
 * Draws again from the stored extract with the recorded seed and settings, without storing anything:
 * whether the outcome has the fingerprint recorded at the time.
 */
export async function redrawForCheck(
  database: Database,
  assemblyId: string,
  drawId: string,
  dataDir: string,
): Promise<{ recorded: string; now: string }> {
  const draw = await findInvitationDraw(database.db, assemblyId, drawId);
  if (!draw) throw new CommandError('not_found');
  const register = draw.register_id
    ? await findRegister(database.db, assemblyId, draw.register_id)
    : undefined;
  if (!register?.stored_as) throw new CommandError('register_deleted');
  const settings = draw.settings;
  const earlier = settings.excludedDraws
    ? await invitedLinesOfRegister(database.db, assemblyId, register.id, settings.excludedDraws)
    : null;
  const result = await drawInvitations(join(dataDir, register.stored_as), {
    count: draw.requested,
    seed: draw.seed,
    householdColumns: settings.householdColumns.length > 0 ? settings.householdColumns : undefined,
    stratifyColumn: settings.stratifyColumn ?? undefined,
    weights: settings.weights ?? undefined,
    ...(earlier ? { excludeLines: earlier.lines } : {}),
  });
  return { recorded: draw.result_sha256, now: drawResultHash(result.letters) };
}

/**
 * Whether drawing again from the stored extract gives the recorded outcome: 'same' or 'differs', or
 * 'unreadable' when the extract can no longer be read as it was. Refuses a draw that is not there or
 * whose extract was deleted with a `CommandError`.
 */
export async function checkInvitationDraw(
  database: Database,
  assemblyId: string,
  drawId: string,
  dataDir: string,
): Promise<'same' | 'differs' | 'unreadable'> {
  try {
    const check = await redrawForCheck(database, assemblyId, drawId, dataDir);
    return check.now === check.recorded ? 'same' : 'differs';
  } catch (error) {
    if (error instanceof InputError) return 'unreadable';
    throw error;
  }
}

/**
 * After the mail-out: deletes the register extract the draw came from and the names and addresses of
 * everyone whose letter has not been answered. Answered letters keep their recipient until the person
 * is erased; the invitations themselves stay, so the response counts do too.
 */
export async function eraseUnansweredRecipients(
  database: Database,
  actor: Actor,
  assemblyId: string,
  drawId: string,
  dataDir: string,
): Promise<{ recipients: number; registerDeleted: boolean }> {
  const draw = await findInvitationDraw(database.db, assemblyId, drawId);
  if (!draw) throw new CommandError('not_found');
  const register = draw.register_id
    ? await findRegister(database.db, assemblyId, draw.register_id)
    : undefined;
  const path = register?.stored_as ? join(dataDir, register.stored_as) : null;
  const { value } = await deleteWithTransaction(path, () =>
    inTransaction(database, async (trx, audit) => {
      const recipients = await deleteUnusedRecipients(trx, draw.id);
      if (register?.stored_as) await markRegisterDeleted(trx, register.id);
      await audit({
        actorId: actorId(actor),
        assemblyId,
        action: 'invitations.erase_unanswered',
        subjectType: 'invitation_draw',
        subjectId: draw.id,
        details: { recipients, registerDeleted: Boolean(register?.stored_as) },
      });
      return recipients;
    }),
  );
  // The letter PDFs made from the draw hold the same names and addresses.
  await deleteLetterPdfs(database, dataDir, assemblyId, draw.id);
  return { recipients: value, registerDeleted: Boolean(register?.stored_as) };
}
