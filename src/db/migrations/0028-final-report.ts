/**
 * The final report (issue 12): every generated version kept, with its PDFs (one per language, kept in
 * the data folder's `final-reports/`) and the content it was set from, so an earlier version reads
 * and downloads exactly as it was handed over; and the assembly's logo, printed on it.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('final_report_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    // 1 for the first version generated, then 2, 3, …
    .addColumn('number', 'integer', (c) => c.notNull())
    // JSON array of the languages generated, e.g. ["sv","en"].
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The staff account that asked for it.
    .addColumn('created_by', 'text', (c) => c.notNull())
    // JSON: { [language]: key of the PDF in the data folder's final-reports/ }.
    .addColumn('files', 'text', (c) => c.notNull())
    // JSON: { [language]: the report's content as it was set }.
    .addColumn('content', 'text', (c) => c.notNull())
    .addUniqueConstraint('final_report_versions_number', ['assembly_id', 'number'])
    .execute();
  await db.schema
    .createTable('assembly_logos')
    .addColumn('assembly_id', 'text', (c) => c.primaryKey().references('assemblies.id').onDelete('cascade'))
    // The image's key in the data folder's logos/, its type read from its first bytes.
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('file_size', 'integer', (c) => c.notNull())
    // What the logo shows, in words, for screen readers (the PDF's figure and the page's image).
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .execute();
}
