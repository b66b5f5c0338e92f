/**
 * Minority statements to recommendations and their signatures: the rows as the pages, the commands
 * and the final report use them, with the members' names read beside them (none for a member whose
 * data was erased: her signature still counts, her name is no longer known).
 */
import type { Selectable } from 'kysely';
import type { MinorityStatementSignaturesTable, MinorityStatementsTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type MinorityStatementRow = Selectable<MinorityStatementsTable>;

export interface StatementSignature {
  personId: string;
  /** Her name; null when it is not known (erased). */
  name: string | null;
  reference: string;
  signedAt: string;
  /** The staff account that recorded it for her (on paper); null when she signed herself. */
  recordedBy: string | null;
}

export interface MinorityStatement extends MinorityStatementRow {
  authorName: string | null;
  authorReference: string | null;
  /** Everyone who signs it now, in signing order (the author first). */
  signatures: StatementSignature[];
}

export async function insertStatement(db: Executor, row: MinorityStatementRow): Promise<void> {
  await db.insertInto('minority_statements').values(row).execute();
}

export async function findStatement(
  db: Executor,
  recommendationId: string,
  id: string,
): Promise<MinorityStatementRow | null> {
  const row = await db
    .selectFrom('minority_statements')
    .selectAll()
    .where('recommendation_id', '=', recommendationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/** Marks a statement withdrawn; false when it already was (someone withdrew it first). */
export async function withdrawStatement(
  db: Executor,
  id: string,
  change: { withdrawn_at: string; withdrawn_by: string },
): Promise<boolean> {
  const result = await db
    .updateTable('minority_statements')
    .set(change)
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Adds a signature; false when she had already signed (nothing changes). */
export async function insertSignature(
  db: Executor,
  row: Selectable<MinorityStatementSignaturesTable>,
): Promise<boolean> {
  const result = await db
    .insertInto('minority_statement_signatures')
    .values(row)
    .onConflict((oc) => oc.columns(['statement_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Takes a signature away; false when she had not signed. */
export async function deleteSignature(db: Executor, statementId: string, personId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('minority_statement_signatures')
    .where('statement_id', '=', statementId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function nameOf(row: { full_name: string | null; erased_at: string | null }): string | null {
  return row.erased_at ? null : row.full_name || null;
}

async function signaturesOf(db: Executor, statementIds: readonly string[]) {
  if (statementIds.length === 0) return new Map<string, StatementSignature[]>();
  const rows = await db
    .selectFrom('minority_statement_signatures')
    .innerJoin('people', 'people.id', 'minority_statement_signatures.person_id')
    .leftJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .select([
      'minority_statement_signatures.statement_id',
      'minority_statement_signatures.person_id',
      'minority_statement_signatures.signed_at',
      'minority_statement_signatures.recorded_by',
      'people.reference',
      'people.erased_at',
      'person_contacts.full_name',
    ])
    .where('minority_statement_signatures.statement_id', 'in', statementIds)
    .orderBy('minority_statement_signatures.signed_at')
    .orderBy('minority_statement_signatures.person_id')
    .execute();
  const byStatement = new Map<string, StatementSignature[]>();
  for (const row of rows)
    byStatement.set(row.statement_id, [
      ...(byStatement.get(row.statement_id) ?? []),
      {
        personId: row.person_id,
        name: nameOf(row),
        reference: row.reference,
        signedAt: row.signed_at,
        recordedBy: row.recorded_by,
      },
    ]);
  return byStatement;
}

/**
 * The signatures in signing order, its author's first: she signs as she writes it, and another
 * signature given within the same millisecond (demo data, a quick tap) must not come before hers.
 */
function authorFirst(signatures: StatementSignature[], authorId: string | null): StatementSignature[] {
  return [
    ...signatures.filter((g) => g.personId === authorId),
    ...signatures.filter((g) => g.personId !== authorId),
  ];
}

/**
 * The minority statements of the assembly (of `recommendationIds` only, when given), withdrawn ones
 * too, oldest first, each with its author's name and its signatures.
 */
export async function listStatements(
  db: Executor,
  assemblyId: string,
  recommendationIds?: readonly string[],
): Promise<MinorityStatement[]> {
  if (recommendationIds && recommendationIds.length === 0) return [];
  let query = db
    .selectFrom('minority_statements')
    .leftJoin('people', 'people.id', 'minority_statements.person_id')
    .leftJoin('person_contacts', 'person_contacts.person_id', 'minority_statements.person_id')
    .selectAll('minority_statements')
    .select(['people.reference', 'people.erased_at', 'person_contacts.full_name'])
    .where('minority_statements.assembly_id', '=', assemblyId);
  if (recommendationIds)
    query = query.where('minority_statements.recommendation_id', 'in', recommendationIds);
  const rows = await query
    .orderBy('minority_statements.created_at')
    .orderBy('minority_statements.id')
    .execute();
  const signatures = await signaturesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map(({ reference, erased_at, full_name, ...row }) => ({
    ...row,
    authorName: nameOf({ full_name, erased_at }),
    authorReference: reference,
    signatures: authorFirst(signatures.get(row.id) ?? [], row.person_id),
  }));
}

/** A minority statement as the final report publishes it. */
export interface ReportedMinorityStatement {
  id: string;
  /** Plain paragraphs separated by blank lines (see `paragraphsOf`). */
  text: string;
  createdAt: string;
  /** The author's name; null when it is no longer known (her data was erased). */
  author: string | null;
  /** The names of those who sign it, in signing order, the author first; erased members left out. */
  signatories: string[];
  /** How many sign it, erased members included. */
  signatureCount: number;
}

/**
 * The final report's minority statements: by recommendation id, its statements that were not
 * withdrawn, oldest first. A recommendation without any has no entry.
 */
export async function minorityStatementsOfAssembly(
  db: Executor,
  assemblyId: string,
): Promise<Map<string, ReportedMinorityStatement[]>> {
  const byRecommendation = new Map<string, ReportedMinorityStatement[]>();
  for (const s of await listStatements(db, assemblyId)) {
    if (s.withdrawn_at) continue;
    byRecommendation.set(s.recommendation_id, [
      ...(byRecommendation.get(s.recommendation_id) ?? []),
      {
        id: s.id,
        text: s.text,
        createdAt: s.created_at,
        author: s.authorName,
        signatories: s.signatures.flatMap((g) => (g.name ? [g.name] : [])),
        signatureCount: s.signatures.length,
      },
    ]);
  }
  return byRecommendation;
}
