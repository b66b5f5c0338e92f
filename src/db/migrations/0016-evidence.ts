/**
 * The learning phase's library: evidence items (a text with its source, perspective and easy-read
 * version, pointing to a web page or with a PDF or image attached) and the experts and speakers who present to the members, with
 * the interests they declared. Both belong to one assembly and go with it.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('evidence_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('perspective', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('easy_read', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    // The attached file (PDF or image), stored in the data folder under its key.
    .addColumn('file_key', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_type', 'text')
    .addColumn('file_size', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_items_assembly').on('evidence_items').column('assembly_id').execute();
  await db.schema
    .createTable('experts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('interests', 'text', (c) => c.notNull())
    .addColumn('none_declared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('experts_assembly').on('experts').column('assembly_id').execute();
}
