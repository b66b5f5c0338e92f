/** The organiser's letter templates, one per assembly and letter language. */
import type { Insertable, Selectable } from 'kysely';
import type { LetterTemplatesTable } from '../db/schema.ts';
import { isLanguage, type Language } from '../i18n/i18n.ts';
import type { LetterTemplate } from '../letters/letter-template.ts';
import type { Executor } from './executor.ts';

export type LetterTemplateRow = Selectable<LetterTemplatesTable>;

/** The organiser's letter in each language she wrote one for. */
export async function findLetterTemplates(
  db: Executor,
  assemblyId: string,
): Promise<Partial<Record<Language, LetterTemplate>>> {
  const out: Partial<Record<Language, LetterTemplate>> = {};
  const rows = await db
    .selectFrom('letter_templates')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .execute();
  for (const row of rows) {
    if (!isLanguage(row.language)) continue;
    out[row.language] = {
      subject: row.subject,
      address: row.address,
      body: row.body,
      signature: row.signature,
    };
  }
  return out;
}

export async function saveLetterTemplateRow(
  db: Executor,
  row: Insertable<LetterTemplatesTable>,
): Promise<void> {
  const { assembly_id: _a, language: _l, ...changes } = row;
  await db
    .insertInto('letter_templates')
    .values(row)
    .onConflict((oc) => oc.columns(['assembly_id', 'language']).doUpdateSet(changes))
    .execute();
}
