/**
 * Assemblies, their teams (roles per account) and the demographic questions they ask. Titles,
 * remits, languages, the privacy notice and the questions' labels are stored as JSON text; they are
 * decoded here, so callers get an `Assembly` and `Question`s, never the stored text.
 */
import type { Insertable } from 'kysely';
import { z } from 'zod';
import type { AssembliesTable, AssemblyRow, AssemblyUpdate } from '../db/schema.ts';
import { type PrivacySettings, privacySettingsFrom } from '../domain/privacy-notice.ts';
import type { Question } from '../domain/questions.ts';
import { type Language, languages } from '../i18n/i18n.ts';
import type { Executor } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

/** A text per language, e.g. { sv: 'Klimatrådet', en: 'The climate assembly' }. */
export type LocalText = Record<string, string>;

/** An assembly as pages and commands use it: its JSON columns decoded. */
export interface Assembly extends Omit<AssemblyRow, 'title' | 'remit' | 'languages' | 'privacy'> {
  title: LocalText;
  /** The question the assembly answers. */
  remit: LocalText;
  /** The languages it works in, in the organiser's order. */
  languages: Language[];
  privacy: PrivacySettings;
}

const localText = z.record(z.string(), z.string());
const languageList = z
  .array(z.string())
  .transform((list) => list.filter((l): l is Language => (languages as readonly string[]).includes(l)));
const questionOptions = z.array(z.object({ value: z.string(), label: localText }));

function decodeAssembly(row: AssemblyRow): Assembly {
  return {
    ...row,
    title: readStoredJson(localText, row.title, 'assembly title'),
    remit: readStoredJson(localText, row.remit, 'assembly remit'),
    languages: readStoredJson(languageList, row.languages, 'assembly languages'),
    privacy: privacySettingsFrom(readStoredJson(z.unknown(), row.privacy, 'privacy notice')),
  };
}

/** The stored form of the decoded columns, for inserts and updates (privacy only when given). */
export function encodeAssemblyFields(fields: {
  title: LocalText;
  remit: LocalText;
  languages: readonly string[];
  privacy?: PrivacySettings;
}): { title: string; remit: string; languages: string; privacy?: string } {
  return {
    title: JSON.stringify(fields.title),
    remit: JSON.stringify(fields.remit),
    languages: JSON.stringify(fields.languages),
    ...(fields.privacy ? { privacy: JSON.stringify(fields.privacy) } : {}),
  };
}

export async function insertAssembly(db: Executor, row: Insertable<AssembliesTable>): Promise<void> {
  await db.insertInto('assemblies').values(row).execute();
}

export async function updateAssembly(db: Executor, id: string, changes: AssemblyUpdate): Promise<void> {
  await db.updateTable('assemblies').set(changes).where('id', '=', id).execute();
}

export async function findAssembly(db: Executor, id: string): Promise<Assembly | undefined> {
  const row = await db.selectFrom('assemblies').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decodeAssembly(row) : undefined;
}

export async function findAssemblyBySlug(db: Executor, slug: string): Promise<Assembly | undefined> {
  const row = await db.selectFrom('assemblies').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? decodeAssembly(row) : undefined;
}

export async function slugTaken(db: Executor, slug: string): Promise<boolean> {
  return (await findAssemblyBySlug(db, slug)) !== undefined;
}

/** All assemblies for administrators; otherwise those where the account holds a role. */
export async function listAssembliesFor(
  db: Executor,
  accountId: string,
  isAdmin: boolean,
): Promise<Assembly[]> {
  let q = db.selectFrom('assemblies').selectAll('assemblies');
  if (!isAdmin) {
    q = q
      .innerJoin('assembly_roles', 'assembly_roles.assembly_id', 'assemblies.id')
      .where('assembly_roles.account_id', '=', accountId);
  }
  return (await q.orderBy('assemblies.created_at', 'desc').execute()).map(decodeAssembly);
}

/** The roles an account holds, by assembly id. */
export async function rolesOfAccount(db: Executor, accountId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('assembly_roles')
    .select(['assembly_id', 'role'])
    .where('account_id', '=', accountId)
    .execute();
  return new Map(rows.map((r) => [r.assembly_id, r.role]));
}

export async function roleIn(db: Executor, assemblyId: string, accountId: string): Promise<string | null> {
  const row = await db
    .selectFrom('assembly_roles')
    .select('role')
    .where('assembly_id', '=', assemblyId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.role ?? null;
}

export async function setRole(
  db: Executor,
  assemblyId: string,
  accountId: string,
  role: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('assembly_roles')
    .values({ assembly_id: assemblyId, account_id: accountId, role, granted_at: at })
    .onConflict((oc) => oc.columns(['assembly_id', 'account_id']).doUpdateSet({ role, granted_at: at }))
    .execute();
}

export async function removeRole(db: Executor, assemblyId: string, accountId: string): Promise<void> {
  await db
    .deleteFrom('assembly_roles')
    .where('assembly_id', '=', assemblyId)
    .where('account_id', '=', accountId)
    .execute();
}

export function listTeam(db: Executor, assemblyId: string) {
  return db
    .selectFrom('assembly_roles')
    .innerJoin('accounts', 'accounts.id', 'assembly_roles.account_id')
    .select([
      'accounts.id',
      'accounts.display_name',
      'accounts.email',
      'accounts.is_admin',
      'assembly_roles.role',
    ])
    .where('assembly_roles.assembly_id', '=', assemblyId)
    .orderBy('accounts.display_name')
    .execute();
}

/** The assembly's demographic questions in the order it asks them. */
export async function listQuestions(db: Executor, assemblyId: string): Promise<Question[]> {
  const rows = await db
    .selectFrom('questions')
    .select(['key', 'label', 'options'])
    .where('assembly_id', '=', assemblyId)
    .orderBy('position')
    .execute();
  return rows.map(questionFromRow);
}

/** A question as stored (label and options as JSON text), decoded. */
function questionFromRow(r: { key: string; label: string; options: string }): Question {
  return {
    key: r.key,
    label: readStoredJson(localText, r.label, 'question label'),
    options: readStoredJson(questionOptions, r.options, 'question options'),
  };
}

/** Replaces the assembly's questions by `questions`, kept in this order. */
export async function replaceQuestions(
  db: Executor,
  assemblyId: string,
  questions: readonly Question[],
): Promise<void> {
  await db.deleteFrom('questions').where('assembly_id', '=', assemblyId).execute();
  if (questions.length === 0) return;
  await db
    .insertInto('questions')
    .values(
      questions.map((q, position) => ({
        id: crypto.randomUUID(),
        assembly_id: assemblyId,
        key: q.key,
        label: JSON.stringify(q.label),
        options: JSON.stringify(q.options),
        position,
      })),
    )
    .execute();
}
