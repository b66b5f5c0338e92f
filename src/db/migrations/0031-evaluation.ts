/**
 * Evaluation (issue 13): questionnaires opened for a session, for the end or for the team; the
 * one-time right to answer each; the answers, which cannot be traced to anyone; and the evaluator's
 * report.
 *
 * Anonymity is in the shape of the tables: an answer row has no person, no account, no token and no
 * time finer than the day, and its id is random. On SQLite the answer tables are WITHOUT ROWID, so
 * even the file's row order is the random id's order, not the order the answers came in.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const randomOrder = <T extends { modifyEnd: (s: ReturnType<typeof sql>) => T }>(builder: T): T =>
    dialect === 'sqlite' ? builder.modifyEnd(sql`without rowid`) : builder;
  await db.schema
    .createTable('questionnaires')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    // session, final or organiser (src/domain/evaluation.ts): the built-in statements it asks.
    .addColumn('kind', 'text', (c) => c.notNull())
    // The session asked about, for a session questionnaire.
    .addColumn('session_id', 'text', (c) => c.references('assembly_sessions.id').onDelete('set null'))
    // How many were given the right to answer when it opened.
    .addColumn('invited', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema.createIndex('questionnaires_assembly').on('questionnaires').column('assembly_id').execute();
  // The right to answer: one row per member (or team account) and questionnaire, keyed by the hash
  // of a random token; deleted in the transaction that stores the answer, so nothing links them.
  await db.schema
    .createTable('questionnaire_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('questionnaire_id', 'text', (c) =>
      c.notNull().references('questionnaires.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('questionnaire_tokens_person')
    .unique()
    .on('questionnaire_tokens')
    .columns(['questionnaire_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('questionnaire_tokens_account')
    .unique()
    .on('questionnaire_tokens')
    .columns(['questionnaire_id', 'account_id'])
    .execute();
  await randomOrder(
    db.schema
      .createTable('questionnaire_answers')
      // Random (a UUID), so that the order of ids says nothing about who answered when.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('questionnaire_id', 'text', (c) =>
        c.notNull().references('questionnaires.id').onDelete('cascade'),
      )
      // The Swedish calendar day only: an exact time could be matched with a member's login.
      .addColumn('answered_on', 'text', (c) => c.notNull())
      .addColumn('comment', 'text'),
  ).execute();
  await db.schema
    .createIndex('questionnaire_answers_questionnaire')
    .on('questionnaire_answers')
    .column('questionnaire_id')
    .execute();
  await randomOrder(
    db.schema
      .createTable('questionnaire_answer_levels')
      .addColumn('answer_id', 'text', (c) =>
        c.notNull().references('questionnaire_answers.id').onDelete('cascade'),
      )
      .addColumn('statement', 'text', (c) => c.notNull())
      // 1 (fully disagree) … 5 (fully agree); null: don't know.
      .addColumn('level', 'integer')
      .addPrimaryKeyConstraint('questionnaire_answer_levels_pk', ['answer_id', 'statement']),
  ).execute();
  await db.schema
    .createTable('evaluation_reports')
    .addColumn('assembly_id', 'text', (c) => c.primaryKey().references('assemblies.id').onDelete('cascade'))
    // JSON: the text of each section (src/domain/evaluation.ts `reportSections`).
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}
