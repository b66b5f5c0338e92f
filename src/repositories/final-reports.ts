/**
 * The final report's versions and the assembly's logo. A version's languages, file keys and content
 * are JSON text, decoded here against their schemas, so pages and commands get typed values.
 */
import { z } from 'zod';
import { type Language, languages } from '../i18n/i18n.ts';
import { type FinalReport, finalReportSchema } from '../report/final-report-schema.ts';
import type { Executor } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

export interface FinalReportVersion {
  id: string;
  assemblyId: string;
  number: number;
  languages: Language[];
  createdAt: string;
  createdBy: string;
  /** The key of each language's PDF in the data folder's final-reports/. */
  files: Partial<Record<Language, string>>;
}

export interface FinalReportVersionWithContent extends FinalReportVersion {
  content: Partial<Record<Language, FinalReport>>;
}

const languageList = z.array(z.enum(languages));
const fileKeys = z.partialRecord(z.enum(languages), z.string());
const contents = z.partialRecord(z.enum(languages), finalReportSchema);

interface VersionRow {
  id: string;
  assembly_id: string;
  number: number;
  languages: string;
  created_at: string;
  created_by: string;
  files: string;
}

function decodeVersion(row: VersionRow): FinalReportVersion {
  return {
    id: row.id,
    assemblyId: row.assembly_id,
    number: Number(row.number),
    languages: readStoredJson(languageList, row.languages, 'final report languages'),
    createdAt: row.created_at,
    createdBy: row.created_by,
    files: readStoredJson(fileKeys, row.files, 'final report files'),
  };
}

const listed = ['id', 'assembly_id', 'number', 'languages', 'created_at', 'created_by', 'files'] as const;

export async function insertFinalReportVersion(
  db: Executor,
  version: FinalReportVersionWithContent,
): Promise<void> {
  await db
    .insertInto('final_report_versions')
    .values({
      id: version.id,
      assembly_id: version.assemblyId,
      number: version.number,
      languages: JSON.stringify(version.languages),
      created_at: version.createdAt,
      created_by: version.createdBy,
      files: JSON.stringify(version.files),
      content: JSON.stringify(version.content),
    })
    .execute();
}

/** The number the next version takes: one more than the highest so far. */
export async function nextFinalReportNumber(db: Executor, assemblyId: string): Promise<number> {
  const row = await db
    .selectFrom('final_report_versions')
    .select((eb) => eb.fn.max('number').as('highest'))
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirst();
  return Number(row?.highest ?? 0) + 1;
}

/** Every version of the assembly's report, newest first (without content). */
export async function listFinalReportVersions(
  db: Executor,
  assemblyId: string,
): Promise<FinalReportVersion[]> {
  const rows = await db
    .selectFrom('final_report_versions')
    .select(listed)
    .where('assembly_id', '=', assemblyId)
    .orderBy('number', 'desc')
    .execute();
  return rows.map(decodeVersion);
}

/** One version with its content; null when the assembly has no version of that number. */
export async function findFinalReportVersion(
  db: Executor,
  assemblyId: string,
  number: number,
): Promise<FinalReportVersionWithContent | null> {
  const row = await db
    .selectFrom('final_report_versions')
    .select([...listed, 'content'])
    .where('assembly_id', '=', assemblyId)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!row) return null;
  return { ...decodeVersion(row), content: readStoredJson(contents, row.content, 'final report content') };
}

/** One version without its content (to send its PDFs); null when the assembly has no version of that number. */
export async function findFinalReportVersionFiles(
  db: Executor,
  assemblyId: string,
  number: number,
): Promise<FinalReportVersion | null> {
  const row = await db
    .selectFrom('final_report_versions')
    .select(listed)
    .where('assembly_id', '=', assemblyId)
    .where('number', '=', number)
    .executeTakeFirst();
  return row ? decodeVersion(row) : null;
}

/** Which of these keys name a version's PDF (for the sweep of files nothing names). */
export async function namedFinalReportFiles(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('final_report_versions').select('files').execute();
  const named = new Set<string>();
  for (const row of rows) {
    for (const key of Object.values(readStoredJson(fileKeys, row.files, 'final report files')))
      if (key && keys.includes(key)) named.add(key);
  }
  return named;
}

export interface AssemblyLogo {
  assemblyId: string;
  key: string;
  type: string;
  size: number;
  description: string;
  uploadedAt: string;
  uploadedBy: string;
}

export async function findAssemblyLogo(db: Executor, assemblyId: string): Promise<AssemblyLogo | null> {
  const row = await db
    .selectFrom('assembly_logos')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    assemblyId: row.assembly_id,
    key: row.file_key,
    type: row.file_type,
    size: Number(row.file_size),
    description: row.description,
    uploadedAt: row.uploaded_at,
    uploadedBy: row.uploaded_by,
  };
}

/** Sets the assembly's logo, replacing the one it had. */
export async function saveAssemblyLogo(db: Executor, logo: AssemblyLogo): Promise<void> {
  const row = {
    assembly_id: logo.assemblyId,
    file_key: logo.key,
    file_type: logo.type,
    file_size: logo.size,
    description: logo.description,
    uploaded_at: logo.uploadedAt,
    uploaded_by: logo.uploadedBy,
  };
  await db.deleteFrom('assembly_logos').where('assembly_id', '=', logo.assemblyId).execute();
  await db.insertInto('assembly_logos').values(row).execute();
}

/** Which of these keys name a logo. */
export async function namedLogos(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('assembly_logos')
    .select('file_key')
    .where('file_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.file_key));
}
