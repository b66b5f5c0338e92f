/**
 * What the invitation pages show, read from several repositories at once: the codes, the register
 * extracts and draws of the lottery, one draw with its extract and letters, the letter templates
 * (the organiser's, or the default letter until there is one) and the responses per draw and stratum.
 * Only reads: the changes are commands (`commands/invitation-draws.ts`, `letter-pdfs.ts`).
 */
import {
  assemblyLetterLanguage,
  type InvitationDrawJobState,
  invitationDrawJobState,
} from '../commands/invitation-draws.ts';
import type { Database } from '../db/connect.ts';
import { labelIn } from '../domain/questions.ts';
import { type Language, languages, translator } from '../i18n/i18n.ts';
import { type LetterTemplate, letterLanguage, suggestAddress } from '../letters/letter-template.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import {
  countRecipients,
  type DrawnLetterRow,
  drawLetters,
  drawLettersAfter,
  findInvitationDraw,
  findRegister,
  type InvitationDrawRow,
  listInvitationDraws,
  listRegisters,
  type RegisterRow,
  type ResponseCount,
  responseCounts,
} from '../repositories/invitation-draws.ts';
import { countInvitations, type InvitationListRow, invitationPage } from '../repositories/invitations.ts';
import { findLetterTemplates } from '../repositories/letter-templates.ts';

export type { InvitationListRow };

/** How many codes the assembly has, and how many were used to register. */
export function invitationCounts(
  database: Database,
  assemblyId: string,
): Promise<{ total: number; used: number }> {
  return countInvitations(database.db, assemblyId);
}

/** One page of the assembly's codes, after the last row of the page before (see `invitationPage`). */
export function invitationCodes(
  database: Database,
  assemblyId: string,
  after: InvitationListRow | null,
  limit: number,
): Promise<InvitationListRow[]> {
  return invitationPage(database.db, assemblyId, after, limit);
}

/** The lottery's overview: the extracts and the draws, newest first. */
export async function lotteryOverview(
  database: Database,
  assemblyId: string,
): Promise<{ registers: RegisterRow[]; draws: InvitationDrawRow[] }> {
  return {
    registers: await listRegisters(database.db, assemblyId),
    draws: await listInvitationDraws(database.db, assemblyId),
  };
}

/** An extract to draw from, and how many draws were made from it before (a second mail-out). */
export interface RegisterForDraw {
  register: RegisterRow;
  earlierDraws: number;
}

export async function registerForDraw(
  database: Database,
  assemblyId: string,
  registerId: string,
): Promise<RegisterForDraw | null> {
  const register = await findRegister(database.db, assemblyId, registerId);
  if (!register) return null;
  const draws = await listInvitationDraws(database.db, assemblyId);
  return { register, earlierDraws: draws.filter((d) => d.register_id === register.id).length };
}

/** A stored draw, the extract it came from (while it is known) and how many recipients are kept. */
export interface DrawResult {
  draw: InvitationDrawRow;
  register: RegisterRow | undefined;
  recipients: number;
}

export async function drawResult(
  database: Database,
  assemblyId: string,
  drawId: string,
): Promise<DrawResult | null> {
  const draw = await findInvitationDraw(database.db, assemblyId, drawId);
  if (!draw) return null;
  const register = draw.register_id
    ? await findRegister(database.db, assemblyId, draw.register_id)
    : undefined;
  return { draw, register, recipients: await countRecipients(database.db, draw.id) };
}

/**
 * What the address of a draw shows: the stored draw, or the background draw still running (or failed,
 * with the form it came from to show again), or nothing.
 */
export type DrawView =
  | ({ kind: 'draw' } & DrawResult)
  | { kind: 'job'; job: InvitationDrawJobState; form: RegisterForDraw | null };

export async function drawView(
  database: Database,
  assemblyId: string,
  drawId: string,
): Promise<DrawView | null> {
  const result = await drawResult(database, assemblyId, drawId);
  if (result) return { kind: 'draw', ...result };
  const job = await invitationDrawJobState(database, assemblyId, drawId);
  if (!job) return null;
  const form = job.state === 'failed' ? await registerForDraw(database, assemblyId, job.registerId) : null;
  return { kind: 'job', job, form };
}

/** The columns placeholders may name: those of the newest register extract; null before the first. */
export async function latestRegisterColumns(
  database: Database,
  assemblyId: string,
): Promise<string[] | null> {
  const [latest] = await listRegisters(database.db, assemblyId);
  return latest ? latest.columns : null;
}

/** The letter Lotta suggests until the organiser writes one, in the letter's language. */
function defaultTemplate(
  assembly: Assembly,
  language: Language,
  columns: readonly string[] | null,
): LetterTemplate {
  const t = translator(language);
  const title = labelIn(assembly.title, language);
  return {
    subject: t('letters.default_subject', { title }),
    address: suggestAddress(columns ?? []),
    body: t('letters.default_body', { title }),
    signature: t('letters.default_signature', { coordinator: assembly.coordinator || title }),
  };
}

/** The assembly's letter in each language: the organiser's, or the default letter. */
export async function letterTemplates(
  database: Database,
  assembly: Assembly,
  columns: readonly string[] | null,
): Promise<Record<Language, LetterTemplate>> {
  const stored = await findLetterTemplates(database.db, assembly.id);
  const out = {} as Record<Language, LetterTemplate>;
  for (const language of languages)
    out[language] = stored[language] ?? defaultTemplate(assembly, language, columns);
  return out;
}

/** A letter's recipient as letters are merged: the register row, the code and the letter's language. */
export interface LetterRecipient {
  fields: Record<string, string>;
  code: string;
  language: Language;
}

/**
 * The template page of one language: the columns placeholders may name (null before the first
 * extract), the letter as it is, and for a preview the recipient to show it with (see below).
 */
export interface TemplatePage {
  columns: string[] | null;
  template: LetterTemplate;
  previewRecipient: LetterRecipient | null;
}

export async function templatePage(
  database: Database,
  assembly: Assembly,
  language: Language,
  options: { preview: boolean },
): Promise<TemplatePage> {
  const columns = await latestRegisterColumns(database, assembly.id);
  return {
    columns,
    template: (await letterTemplates(database, assembly, columns))[language],
    previewRecipient: options.preview ? await previewRecipient(database, assembly.id, language) : null,
  };
}

/**
 * A recipient to preview a letter with: the first of the newest draw's letters in that language (or
 * its first letter), null when no letters are kept.
 */
async function previewRecipient(
  database: Database,
  assemblyId: string,
  language: Language,
): Promise<LetterRecipient | null> {
  const [draw] = await listInvitationDraws(database.db, assemblyId);
  const letters = draw ? await drawLetters(database.db, draw.id, 200) : [];
  const first = letters.find((l) => (l.language ?? language) === language) ?? letters[0];
  return first ? { fields: first.fields, code: first.code, language } : null;
}

/** A draw's letters to print: their recipients, the columns, and the letter in each language. */
export interface DrawLetterSet {
  draw: InvitationDrawRow;
  columns: string[];
  letters: LetterRecipient[];
  templates: Record<Language, LetterTemplate>;
}

/** The letters of a draw whose recipients are kept, only those in `only` when given. */
export async function drawLetterSet(
  database: Database,
  assembly: Assembly,
  draw: InvitationDrawRow,
  register: RegisterRow | undefined,
  only: Language | null,
): Promise<DrawLetterSet> {
  const fallback = assemblyLetterLanguage(assembly);
  const letters = (await drawLetters(database.db, draw.id))
    .map((r) => ({
      fields: r.fields,
      code: r.code,
      language: letterLanguage(r.language ?? undefined, fallback),
    }))
    .filter((l) => !only || l.language === only);
  const columns = register ? register.columns : Object.keys(letters[0]?.fields ?? {});
  return { draw, columns, letters, templates: await letterTemplates(database, assembly, columns) };
}

/**
 * A draw's letters page by page for a file sent as it is read: its columns, and a function handing
 * out the next page (only letters in `only` when given; perhaps none of a page), then null at the end.
 */
export async function drawLetterPages(
  database: Database,
  assembly: Assembly,
  draw: InvitationDrawRow,
  register: RegisterRow | undefined,
  only: Language | null,
  pageSize: number,
): Promise<{ columns: string[]; next: () => Promise<LetterRecipient[] | null> }> {
  const fallback = assemblyLetterLanguage(assembly);
  const columns = register
    ? register.columns
    : Object.keys((await drawLetters(database.db, draw.id, 1))[0]?.fields ?? {});
  let after: DrawnLetterRow | null = null;
  let done = false;
  const next = async (): Promise<LetterRecipient[] | null> => {
    if (done) return null;
    const rows = await drawLettersAfter(database.db, draw.id, after, pageSize);
    done = rows.length < pageSize;
    after = rows.at(-1) ?? after;
    return rows
      .map((r) => ({
        fields: r.fields,
        code: r.code,
        language: letterLanguage(r.language ?? undefined, fallback),
      }))
      .filter((l) => !only || l.language === only);
  };
  return { columns, next };
}

/** Letters sent and codes used per draw and stratum, and the draws, newest first. */
export async function responseOverview(
  database: Database,
  assemblyId: string,
): Promise<{ counts: ResponseCount[]; draws: InvitationDrawRow[] }> {
  return {
    counts: await responseCounts(database.db, assemblyId),
    draws: await listInvitationDraws(database.db, assemblyId),
  };
}
