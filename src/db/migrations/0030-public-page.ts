/**
 * The public assembly page (issue 13): whether an organiser has published it, under which open
 * licence, the public-only facts the assembly itself does not hold (funding amount, advisory board),
 * the sections left out, and a log of publication events from which each section's first
 * publication date is read (shown beside every item on the page).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_pages')
    .addColumn('assembly_id', 'text', (c) => c.primaryKey().references('assemblies.id').onDelete('cascade'))
    // Set while the page is public; null before it was published and after it is taken down.
    .addColumn('published_at', 'text')
    // cc-by-4.0, cc0-1.0 or cc-by-sa-4.0.
    .addColumn('licence', 'text', (c) => c.notNull())
    // Whole kronor; null when the organisers have not said.
    .addColumn('funding_amount', 'integer')
    // One member of the advisory board a line: "Name, affiliation".
    .addColumn('advisory_board', 'text', (c) => c.notNull().defaultTo(''))
    // How the members were selected, in the organisers' words; '' shows Lotta's standard description.
    .addColumn('selection_method', 'text', (c) => c.notNull().defaultTo(''))
    // JSON array of the section keys left out of the page.
    .addColumn('hidden_sections', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('public_page_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    // The section shown or taken off ('page' for the whole page).
    .addColumn('section', 'text', (c) => c.notNull())
    // 'published' or 'withdrawn'.
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('public_page_events_assembly')
    .on('public_page_events')
    .columns(['assembly_id', 'section', 'at'])
    .execute();
}
