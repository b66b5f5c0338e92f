/**
 * Votes (issue 12): a vote on a recommendation, an amendment or a question of procedure, its ballots
 * (one per member, whatever the channel: the primary key says so, so two web processes cannot both
 * count her), paper stacks typed in twice, and the codes on members' name cards that the shared
 * tablet at a table asks for. The rules themselves live in src/voting/; this only keeps their inputs.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('votes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    // recommendation, amendment or procedure.
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('recommendation_id', 'text', (c) => c.references('recommendations.id').onDelete('cascade'))
    .addColumn('amendment_id', 'text', (c) => c.references('amendments.id').onDelete('cascade'))
    // The question put to the members, as the projector and the ballot show it.
    .addColumn('question', 'text', (c) => c.notNull())
    // The session it is taken at: members present there vote. Null: every confirmed member (online).
    .addColumn('session_id', 'text', (c) => c.references('assembly_sessions.id').onDelete('set null'))
    // Whether members not present in the room may vote online (a hybrid session).
    .addColumn('online', 'integer', (c) => c.notNull())
    // JSON: rule, quorum, abstentions, secrecy, changesAllowed (src/voting/model.ts).
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    // Null while a draft; set when an organiser opens it.
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text')
    // When it was closed and its tally frozen; null while not yet.
    .addColumn('closed_at', 'text')
    .addColumn('eligible_count', 'integer')
    .addColumn('present_count', 'integer')
    // JSON: the tally frozen at closing (src/voting/tally.ts), and the hash of the ballots it counted.
    .addColumn('frozen_tally', 'text')
    .addColumn('ballots_hash', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('votes_assembly').on('votes').column('assembly_id').execute();
  await db.schema
    .createTable('ballots')
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    // yes, no, abstain, consent, objection or grade; with the objection's reason or the grade's level.
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('level', 'integer')
    // phone, tablet, paper or online.
    .addColumn('channel', 'text', (c) => c.notNull())
    // When it was cast, in milliseconds (for paper: when the stack was collected).
    .addColumn('cast_at', 'bigint', (c) => c.notNull())
    // The code on her receipt, so she can see her ballot was counted as cast.
    .addColumn('receipt', 'text', (c) => c.notNull())
    // The staff account that typed it (paper) or whose tablet took it; null from her own phone.
    .addColumn('recorded_by', 'text')
    .addColumn('changes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ballots_pk', ['vote_id', 'person_id'])
    .execute();
  await createPaperAndCodes(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
async function createPaperAndCodes(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('paper_stacks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    // When the stack was collected in the room: the time its ballots were cast.
    .addColumn('collected_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Set once its matching lines were counted.
    .addColumn('counted_at', 'text')
    .execute();
  await db.schema
    .createTable('paper_entries')
    .addColumn('stack_id', 'text', (c) => c.notNull().references('paper_stacks.id').onDelete('cascade'))
    // 1 or 2: the first or the second typing of the stack.
    .addColumn('round', 'integer', (c) => c.notNull())
    // JSON: the lines as typed (sheet, member, choice).
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('typed_by', 'text', (c) => c.notNull())
    .addColumn('typed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('paper_entries_pk', ['stack_id', 'round'])
    .execute();
  await db.schema
    .createTable('card_codes')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    // The short code printed on her name card; the table's tablet asks for it before her ballot.
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
