/** The organiser's letter templates, one per assembly and letter language. */
import type { Insertable, Selectable } from 'kysely';
import type { LetterTemplatesTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type LetterTemplateRow = Selectable<LetterTemplatesTable>;

export function listLetterTemplates(db: Executor, assemblyId: string): Promise<LetterTemplateRow[]> {
  return db.selectFrom('letter_templates').selectAll().where('assembly_id', '=', assemblyId).execute();
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
