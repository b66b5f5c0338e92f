/**
 * Stipends and expenses: each assembly's rules (a stipend per session or per hour attended, or none;
 * which expenses are reimbursed, each with a limit per claim), members' claims with their receipts,
 * and the stipend payouts organisers record. Money is whole öre. A claim's receipt is a file in the
 * data folder (`receipts/<key>`); erasing the member deletes it and blanks the description, and the
 * amounts stay for the accounts.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('expense_rules')
    .addColumn('assembly_id', 'text', (c) => c.primaryKey().references('assemblies.id').onDelete('cascade'))
    // none, session or hour.
    .addColumn('stipend_basis', 'text', (c) => c.notNull())
    .addColumn('stipend_ore', 'integer', (c) => c.notNull())
    // The limit per claim of each kind; null when the kind is not reimbursed.
    .addColumn('travel_limit_ore', 'integer')
    .addColumn('overnight_limit_ore', 'integer')
    .addColumn('childcare_limit_ore', 'integer')
    .addColumn('care_limit_ore', 'integer')
    .addColumn('assistant_limit_ore', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('expense_claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    // The session the cost belongs to. No foreign key: a paid claim outlives any change to the programme.
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_ore', 'integer', (c) => c.notNull())
    // Blanked when the member is erased.
    .addColumn('description', 'text', (c) => c.notNull())
    // The receipt in the data folder; all four null once it has been deleted.
    .addColumn('receipt_key', 'text')
    .addColumn('receipt_name', 'text')
    .addColumn('receipt_type', 'text')
    .addColumn('receipt_size', 'integer')
    // submitted, approved, rejected or paid.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approved_ore', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    // 'self' when she claimed herself, else the staff account that claimed on her behalf.
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema
    .createIndex('expense_claims_person')
    .on('expense_claims')
    .columns(['assembly_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('stipend_payouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('amount_ore', 'integer', (c) => c.notNull())
    .addColumn('paid_at', 'text', (c) => c.notNull())
    .addColumn('paid_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stipend_payouts_person')
    .on('stipend_payouts')
    .columns(['assembly_id', 'person_id'])
    .execute();
}
