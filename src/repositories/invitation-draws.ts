/**
 * Register extracts, invitation draws, the letters' recipients (personal data from the register, kept
 * apart from the invitation) and the response counts per stratum. A register's column names, a
 * draw's settings and a recipient's register row are stored as JSON text; they are decoded here, so
 * callers get typed values, never the stored text.
 */
import type { Insertable, Selectable } from 'kysely';
import { z } from 'zod';
import type {
  InvitationDrawsTable,
  InvitationRecipientsTable,
  InvitationsTable,
  RegistersTable,
} from '../db/schema.ts';
import { type Language, languages } from '../i18n/i18n.ts';
import { type Executor, toCount } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

/** A register extract as pages and commands use it: its column names decoded. */
export interface RegisterRow extends Omit<Selectable<RegistersTable>, 'columns'> {
  /** The extract's column names, in file order. */
  columns: string[];
}

/** Something the organiser should know about a draw; `code` names the message, `params` fill it. */
export interface StoredDrawWarning {
  code: string;
  params: Record<string, string | number>;
}

/** What `invitation_draws.settings` holds. */
export interface StoredDrawSettings {
  householdColumns: string[];
  stratifyColumn: string | null;
  weights: Record<string, number> | null;
  languageColumn: string | null;
  letterLanguage: Language;
  /** Letters per stratum, in order of first appearance in the register; empty without strata. */
  allocation: { stratum: string; households: number; weight: number; letters: number }[];
  /** Codes with parameters; draws stored before warnings had codes hold English sentences. */
  warnings: (StoredDrawWarning | string)[];
  rowsRead: number;
  households: number;
  /** Codes that were already taken and were replaced by codes derived from the seed. */
  replacedCodes: number;
  /** Earlier draws from the same extract whose households this draw left out (second mail-outs). */
  excludedDraws?: string[];
  excludedRows?: number;
  registerSha256: string;
}

/** A stored draw as pages and commands use it: its settings decoded. */
export interface InvitationDrawRow extends Omit<Selectable<InvitationDrawsTable>, 'settings'> {
  settings: StoredDrawSettings;
}

const columnNames = z.array(z.string());
const params = z.record(z.string(), z.union([z.string(), z.number()]));
const storedDrawSettings: z.ZodType<StoredDrawSettings> = z.object({
  householdColumns: z.array(z.string()),
  stratifyColumn: z.string().nullable(),
  weights: z.record(z.string(), z.number()).nullable(),
  languageColumn: z.string().nullable(),
  letterLanguage: z.enum(languages),
  allocation: z.array(
    z.object({ stratum: z.string(), households: z.number(), weight: z.number(), letters: z.number() }),
  ),
  warnings: z.array(z.union([z.string(), z.object({ code: z.string(), params })])),
  rowsRead: z.number(),
  households: z.number(),
  replacedCodes: z.number(),
  excludedDraws: z.array(z.string()).optional(),
  excludedRows: z.number().optional(),
  registerSha256: z.string(),
});
/** A recipient's register row: every column by its name, as written in the file. */
const registerFields = z.record(z.string(), z.string());

function decodeRegister(row: Selectable<RegistersTable>): RegisterRow {
  return { ...row, columns: readStoredJson(columnNames, row.columns, 'register columns') };
}

function decodeDraw(row: Selectable<InvitationDrawsTable>): InvitationDrawRow {
  return { ...row, settings: readStoredJson(storedDrawSettings, row.settings, 'invitation draw settings') };
}

/** Rows per insert: well under SQLite's limit on bound parameters. */
const batch = 500;

/** A new extract; its column names are stored as JSON. */
export async function insertRegister(
  db: Executor,
  row: Omit<Insertable<RegistersTable>, 'columns'> & { columns: readonly string[] },
): Promise<void> {
  await db
    .insertInto('registers')
    .values({ ...row, columns: JSON.stringify(row.columns) })
    .execute();
}

export async function findRegister(
  db: Executor,
  assemblyId: string,
  id: string,
): Promise<RegisterRow | undefined> {
  const row = await db
    .selectFrom('registers')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? decodeRegister(row) : undefined;
}

export async function listRegisters(db: Executor, assemblyId: string): Promise<RegisterRow[]> {
  const rows = await db
    .selectFrom('registers')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(decodeRegister);
}

/** Forgets where the extract was kept, once the file is deleted. */
export async function markRegisterDeleted(db: Executor, id: string): Promise<void> {
  await db.updateTable('registers').set({ stored_as: null }).where('id', '=', id).execute();
}

/** A new draw; its settings are stored as JSON. */
export async function insertInvitationDraw(
  db: Executor,
  row: Omit<Insertable<InvitationDrawsTable>, 'settings'> & { settings: StoredDrawSettings },
): Promise<void> {
  await db
    .insertInto('invitation_draws')
    .values({ ...row, settings: JSON.stringify(row.settings) })
    .execute();
}

export async function findInvitationDraw(
  db: Executor,
  assemblyId: string,
  id: string,
): Promise<InvitationDrawRow | undefined> {
  const row = await db
    .selectFrom('invitation_draws')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? decodeDraw(row) : undefined;
}

export async function listInvitationDraws(db: Executor, assemblyId: string): Promise<InvitationDrawRow[]> {
  const rows = await db
    .selectFrom('invitation_draws')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(decodeDraw);
}

/** The id of the assembly's draw made with this seed, if there is one. */
export async function findDrawIdWithSeed(
  db: Executor,
  assemblyId: string,
  seed: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('invitation_draws')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .where('seed', '=', seed)
    .executeTakeFirst();
  return row?.id;
}

/** A letter's recipient as stored: the register row's columns by name (kept as JSON). */
export type NewRecipient = Omit<Insertable<InvitationRecipientsTable>, 'fields'> & {
  fields: Record<string, string>;
};

export async function insertDrawnInvitations(
  db: Executor,
  invitations: Insertable<InvitationsTable>[],
  recipients: NewRecipient[],
): Promise<void> {
  for (let i = 0; i < invitations.length; i += batch)
    await db
      .insertInto('invitations')
      .values(invitations.slice(i, i + batch))
      .execute();
  for (let i = 0; i < recipients.length; i += batch)
    await db
      .insertInto('invitation_recipients')
      .values(recipients.slice(i, i + batch).map((r) => ({ ...r, fields: JSON.stringify(r.fields) })))
      .execute();
}

export interface DrawnLetterRow {
  invitation_id: string;
  code: string;
  stratum: string | null;
  register_row: number | null;
  used_at: string | null;
  /** The recipient's register row; the letter is gone from this list once its recipient is deleted. */
  fields: Record<string, string>;
  language: string | null;
}

function lettersQuery(db: Executor, drawId: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('invitation_recipients', 'invitation_recipients.invitation_id', 'invitations.id')
    .select([
      'invitations.id as invitation_id',
      'invitations.code',
      'invitations.stratum',
      'invitations.register_row',
      'invitations.used_at',
      'invitation_recipients.fields',
      'invitation_recipients.language',
    ])
    .where('invitations.draw_id', '=', drawId)
    .orderBy('invitations.register_row')
    .orderBy('invitations.code');
}

type StoredLetter = Omit<DrawnLetterRow, 'fields'> & { fields: string };

function decodeLetters(rows: StoredLetter[]): DrawnLetterRow[] {
  return rows.map((r) => ({ ...r, fields: readStoredJson(registerFields, r.fields, 'letter recipient') }));
}

/** The letters of a draw whose recipients are still known, in the register's order. */
export async function drawLetters(db: Executor, drawId: string, limit?: number): Promise<DrawnLetterRow[]> {
  let query = lettersQuery(db, drawId);
  if (limit !== undefined) query = query.limit(limit);
  return decodeLetters(await query.execute());
}

/**
 * One page of a draw's letters, in the register's order, after the letter `after` (its register row
 * and code): how a file of a million letters is sent without holding them all.
 */
export async function drawLettersAfter(
  db: Executor,
  drawId: string,
  after: Pick<DrawnLetterRow, 'register_row' | 'code'> | null,
  limit: number,
): Promise<DrawnLetterRow[]> {
  let query = lettersQuery(db, drawId);
  // Drawn letters always have their register row; a code made by hand has no draw.
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('invitations.register_row', '>', after.register_row),
        eb.and([
          eb('invitations.register_row', '=', after.register_row),
          eb('invitations.code', '>', after.code),
        ]),
      ]),
    );
  return decodeLetters(await query.limit(limit).execute());
}

export async function countRecipients(db: Executor, drawId: string): Promise<number> {
  const row = await db
    .selectFrom('invitation_recipients')
    .innerJoin('invitations', 'invitations.id', 'invitation_recipients.invitation_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('invitations.draw_id', '=', drawId)
    .executeTakeFirstOrThrow();
  return toCount(row.n as string | number);
}

/** Deletes the recipients of a draw's letters that were never used to register; returns how many. */
export async function deleteUnusedRecipients(db: Executor, drawId: string): Promise<number> {
  const r = await db
    .deleteFrom('invitation_recipients')
    .where('invitation_id', 'in', (eb) =>
      eb.selectFrom('invitations').select('id').where('draw_id', '=', drawId).where('used_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export interface ResponseCount {
  drawId: string | null;
  stratum: string | null;
  letters: number;
  registrations: number;
}

/** Letters sent and codes used, per draw and stratum (codes made by hand: draw and stratum null). */
export async function responseCounts(db: Executor, assemblyId: string): Promise<ResponseCount[]> {
  const rows = await db
    .selectFrom('invitations')
    .select((eb) => [
      'draw_id',
      'stratum',
      eb.fn.countAll().as('letters'),
      eb.fn.count('used_at').as('registrations'),
    ])
    .where('assembly_id', '=', assemblyId)
    .groupBy(['draw_id', 'stratum'])
    .execute();
  return rows.map((r) => ({
    drawId: r.draw_id,
    stratum: r.stratum,
    letters: toCount(r.letters as string | number),
    registrations: toCount(r.registrations as string | number),
  }));
}

/**
 * The register lines earlier draws from this extract sent letters to, with those draws' ids: a
 * second mail-out leaves their households out. `onlyDraws` limits it to the given draws (a redraw
 * must see exactly what the original saw).
 */
export async function invitedLinesOfRegister(
  db: Executor,
  assemblyId: string,
  registerId: string,
  onlyDraws?: readonly string[],
): Promise<{ drawIds: string[]; lines: Set<number> }> {
  let q = db
    .selectFrom('invitations')
    .innerJoin('invitation_draws', 'invitation_draws.id', 'invitations.draw_id')
    .select(['invitations.register_row', 'invitation_draws.id as draw_id'])
    .where('invitation_draws.assembly_id', '=', assemblyId)
    .where('invitation_draws.register_id', '=', registerId);
  if (onlyDraws) q = q.where('invitation_draws.id', 'in', onlyDraws.length > 0 ? [...onlyDraws] : ['']);
  const rows = await q.execute();
  const lines = new Set<number>();
  const drawIds = new Set<string>();
  for (const row of rows) {
    if (row.register_row !== null) lines.add(row.register_row);
    drawIds.add(row.draw_id);
  }
  return { drawIds: [...drawIds].sort(), lines };
}
