/**
 * Minority statements: a member writes one to a recommendation before the plenary or decided by it
 * (a facilitator may type it for her, recorded as such), she signs it first, other confirmed
 * members sign it or withdraw their signature while it is open, and its author may withdraw it (kept,
 * marked withdrawn, no longer counted). Staff act only for their own working group's work, like
 * every change to it. Each change and its audit event in one transaction; the audit keeps ids, not
 * the wording.
 */
import type { Database } from '../db/connect.ts';
import { normaliseText, statementRefusals, takesStatements } from '../domain/recommendations.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  deleteSignature,
  findStatement,
  insertSignature,
  insertStatement,
  type MinorityStatementRow,
  withdrawStatement,
} from '../repositories/minority-statements.ts';
import { findPerson } from '../repositories/people.ts';
import { findRecommendation, findWorkingGroup } from '../repositories/recommendations.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';
import { checkGroupWork } from './recommendations.ts';

export interface StatementInput {
  /** The member who writes it (herself, or the one a facilitator types it for). */
  personId: string;
  text: string;
}

/** The staff account behind a change made for a member; null when she acts herself. */
function onBehalf(actor: Actor): string | null {
  return actor.kind === 'staff' ? actor.accountId : null;
}

/**
 * The recommendation, once it takes statements and the actor may act for `personId` on it: staff
 * for their own groups' work, a member only for herself.
 */
async function checkRecommendation(
  trx: Executor,
  actor: Actor,
  assemblyId: string,
  recommendationId: string,
  personId: string,
) {
  const recommendation = await findRecommendation(trx, assemblyId, recommendationId);
  if (!recommendation) throw new CommandError('not_found');
  const group = await findWorkingGroup(trx, assemblyId, recommendation.working_group_id);
  if (!group) throw new CommandError('not_found');
  await checkGroupWork(trx, actor, assemblyId, group);
  if (actor.kind === 'person' && actor.personId !== personId) throw new CommandError('forbidden');
  if (!takesStatements(recommendation.status)) throw new CommandError('statements_not_open');
  return recommendation;
}

/** Only a confirmed member of the assembly writes or signs. */
async function checkMember(trx: Executor, assemblyId: string, personId: string): Promise<void> {
  const person = personId ? await findPerson(trx, assemblyId, personId) : undefined;
  if (!person || person.erased_at || person.status !== 'confirmed')
    throw new CommandError('statements_member_not_confirmed', 'person');
}

/** An open statement of the recommendation: there, and not withdrawn. */
async function openStatement(
  trx: Executor,
  recommendationId: string,
  statementId: string,
): Promise<MinorityStatementRow> {
  const statement = await findStatement(trx, recommendationId, statementId);
  if (!statement) throw new CommandError('not_found');
  if (statement.withdrawn_at) throw new CommandError('statements_withdrawn');
  return statement;
}

/** Writes a member's minority statement, signed by her; returns its id. */
export async function writeMinorityStatement(
  database: Database,
  actor: Actor,
  assemblyId: string,
  recommendationId: string,
  input: StatementInput,
): Promise<string> {
  const [first, ...rest] = statementRefusals(input);
  if (first)
    throw new CommandError(
      first.code,
      first.field,
      first.params ?? {},
      rest.map((r) => ({ ...r, params: r.params ?? {} })),
    );
  const id = crypto.randomUUID();
  await inTransaction(database, async (trx, audit) => {
    await checkRecommendation(trx, actor, assemblyId, recommendationId, input.personId);
    await checkMember(trx, assemblyId, input.personId);
    const at = now();
    await insertStatement(trx, {
      id,
      assembly_id: assemblyId,
      recommendation_id: recommendationId,
      person_id: input.personId,
      text: normaliseText(input.text),
      written_by: onBehalf(actor),
      created_at: at,
      withdrawn_at: null,
      withdrawn_by: null,
    });
    await insertSignature(trx, {
      statement_id: id,
      person_id: input.personId,
      signed_at: at,
      recorded_by: onBehalf(actor),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'recommendations.statement_write',
      subjectType: 'minority_statement',
      subjectId: id,
      details: { recommendation: recommendationId, person: input.personId, onBehalf: actor.kind === 'staff' },
    });
  });
  return id;
}

/** Adds `personId`'s signature to an open statement; signing twice changes nothing. */
export async function signMinorityStatement(
  database: Database,
  actor: Actor,
  assemblyId: string,
  recommendationId: string,
  statementId: string,
  personId: string,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    await checkRecommendation(trx, actor, assemblyId, recommendationId, personId);
    await openStatement(trx, recommendationId, statementId);
    await checkMember(trx, assemblyId, personId);
    const signed = await insertSignature(trx, {
      statement_id: statementId,
      person_id: personId,
      signed_at: now(),
      recorded_by: onBehalf(actor),
    });
    if (!signed) return;
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'recommendations.statement_sign',
      subjectType: 'minority_statement',
      subjectId: statementId,
      details: { recommendation: recommendationId, person: personId, onBehalf: actor.kind === 'staff' },
    });
  });
}

/**
 * Takes `personId`'s signature off an open statement. Its author does not unsign her own statement:
 * she withdraws it.
 */
export async function withdrawSignature(
  database: Database,
  actor: Actor,
  assemblyId: string,
  recommendationId: string,
  statementId: string,
  personId: string,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    await checkRecommendation(trx, actor, assemblyId, recommendationId, personId);
    const statement = await openStatement(trx, recommendationId, statementId);
    if (statement.person_id === personId) throw new CommandError('statements_author_signature');
    if (!(await deleteSignature(trx, statementId, personId))) return;
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'recommendations.statement_unsign',
      subjectType: 'minority_statement',
      subjectId: statementId,
      details: { recommendation: recommendationId, person: personId, onBehalf: actor.kind === 'staff' },
    });
  });
}

/** Its author withdraws an open statement (staff may record that for her): kept, no longer counted. */
export async function withdrawMinorityStatement(
  database: Database,
  actor: Actor,
  assemblyId: string,
  recommendationId: string,
  statementId: string,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const statement = await findStatement(trx, recommendationId, statementId);
    if (!statement) throw new CommandError('not_found');
    // A member withdraws only her own statement; staff withdraw it for its author.
    await checkRecommendation(trx, actor, assemblyId, recommendationId, statement.person_id ?? '');
    await openStatement(trx, recommendationId, statementId);
    if (!(await withdrawStatement(trx, statementId, { withdrawn_at: now(), withdrawn_by: actorId(actor) })))
      throw new CommandError('statements_withdrawn');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'recommendations.statement_withdraw',
      subjectType: 'minority_statement',
      subjectId: statementId,
      details: { recommendation: recommendationId, onBehalf: actor.kind === 'staff' },
    });
  });
}
