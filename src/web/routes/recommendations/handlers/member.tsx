/**
 * The member's own recommendations page: her working groups' open recommendations to amend, and the
 * assembly's recommendations before the plenary or decided by it, with their minority statements to
 * write, sign or withdraw her signature from. Only what her page shows takes her changes; anything
 * else (another assembly's, another group's draft) is not found.
 */
import type { Actor } from '../../../../commands/command.ts';
import {
  signMinorityStatement,
  withdrawMinorityStatement,
  withdrawSignature,
  writeMinorityStatement,
} from '../../../../commands/minority-statements.ts';
import { proposeAmendment } from '../../../../commands/recommendations.ts';
import { type MemberRecommendation, memberRecommendations } from '../../../../queries/recommendations.ts';
import type { Ctx } from '../../../env.ts';
import { runAction, submitForm } from '../../../form.ts';
import { noticeIn } from '../../../validation.ts';
import { memberAmendmentSchema, memberStatementSchema, recommendationNotices } from '../schema.ts';
import { memberPage } from '../views/member.tsx';
import { notFound } from './shared.ts';

function ownRecommendations(c: Ctx) {
  return memberRecommendations(c.var.config.database.db, c.var.member.personId);
}

function self(c: Ctx): Actor {
  return { kind: 'person', personId: c.var.member.personId };
}

function doneHref(notice: string, id: string) {
  return `/member/recommendations?notice=${notice}#recommendation-${id}`;
}

export async function showMemberRecommendations(c: Ctx) {
  return memberPage(c, await ownRecommendations(c), {
    notice: noticeIn(c, 'recommendations', recommendationNotices),
  });
}

/** The recommendation of the address, when her page shows it and `fits` it; else undefined. */
async function shown(c: Ctx, fits: (entry: MemberRecommendation) => boolean) {
  const own = await ownRecommendations(c);
  const entry = own.find((e) => e.recommendation.id === c.req.param('recommendationId'));
  return { own, entry: entry && fits(entry) ? entry : undefined };
}

/** Only a recommendation of her own working group, open for changes, takes her amendment. */
export async function memberAmendSubmit(c: Ctx) {
  const { personId, assemblyId } = c.var.member;
  const { own, entry } = await shown(c, (e) => e.amendable);
  if (!entry) return notFound(c);
  const id = entry.recommendation.id;
  return submitForm(c, {
    schema: memberAmendmentSchema,
    run: (input) => proposeAmendment(c.var.config.database, self(c), assemblyId, id, { ...input, personId }),
    done: () => c.redirect(doneHref('member_proposed', id), 303),
    failed: (form) => memberPage(c, own, { amend: { id, form } }),
  });
}

export async function memberStatementSubmit(c: Ctx) {
  const { personId, assemblyId } = c.var.member;
  const { own, entry } = await shown(c, (e) => e.takesStatements);
  if (!entry) return notFound(c);
  const id = entry.recommendation.id;
  return submitForm(c, {
    schema: memberStatementSchema,
    run: (input) =>
      writeMinorityStatement(c.var.config.database, self(c), assemblyId, id, { personId, text: input.text }),
    done: () => c.redirect(doneHref('member_statement_written', id), 303),
    failed: (form) => memberPage(c, own, { statement: { id, form } }),
  });
}

/** A button under one of the statements her page shows: sign, unsign or withdraw her own. */
async function statementButton(
  c: Ctx,
  notice: string,
  run: (recommendationId: string, statementId: string) => Promise<void>,
) {
  const statementId = c.req.param('statementId') ?? '';
  const { own, entry } = await shown(c, (e) => e.statements.some((s) => s.id === statementId));
  if (!entry) return notFound(c);
  const id = entry.recommendation.id;
  return runAction(c, () => run(id, statementId), {
    done: () => c.redirect(doneHref(notice, id), 303),
    refused: (message) => memberPage(c, own, { notice: message, status: 422 }),
  });
}

export function memberSignSubmit(c: Ctx) {
  const { personId, assemblyId } = c.var.member;
  return statementButton(c, 'member_signed', (id, statementId) =>
    signMinorityStatement(c.var.config.database, self(c), assemblyId, id, statementId, personId),
  );
}

export function memberUnsignSubmit(c: Ctx) {
  const { personId, assemblyId } = c.var.member;
  return statementButton(c, 'member_unsigned', (id, statementId) =>
    withdrawSignature(c.var.config.database, self(c), assemblyId, id, statementId, personId),
  );
}

export function memberWithdrawSubmit(c: Ctx) {
  const { assemblyId } = c.var.member;
  return statementButton(c, 'member_statement_withdrawn', (id, statementId) =>
    withdrawMinorityStatement(c.var.config.database, self(c), assemblyId, id, statementId),
  );
}
