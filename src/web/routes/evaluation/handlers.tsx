/**
 * The evaluation pages' handlers: each reads the address or the form, calls one query or command, and
 * renders or redirects. A questionnaire of another assembly is not found.
 */
import {
  answerQuestionnaire,
  closeQuestionnaire,
  openQuestionnaire,
  saveEvaluationReport,
} from '../../../commands/evaluation.ts';
import { figureLines } from '../../../domain/evaluation-report.ts';
import { labelIn } from '../../../domain/questions.ts';
import {
  evaluationOverview,
  evaluationReport,
  type OpenQuestionnaire,
  questionnaireResults,
  questionnaireToAnswer,
} from '../../../queries/evaluation.ts';
import { evaluationReportPdf } from '../../../report/evaluation-pdf.ts';
import type { TokenHolder } from '../../../repositories/evaluation.ts';
import { staffActor } from '../../actor.ts';
import { attachment } from '../../attachment.ts';
import type { Ctx } from '../../env.ts';
import { type FormFailure, runAction, submitForm } from '../../form.ts';
import { noticeIn } from '../../validation.ts';
import { errorPage } from '../../views/errors.tsx';
import { answerSchema, evaluationNotices, openSchema, reportSchema } from './schema.ts';
import { answeredPage, answerPage } from './views/answer.tsx';
import { overviewPage, resultsPage } from './views/overview.tsx';
import { reportPage } from './views/report.tsx';

const noFailure: FormFailure = { values: {}, errors: {} };

function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/evaluation`;
}

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

function questionnaireId(c: Ctx) {
  return c.req.param('questionnaireId') ?? '';
}

async function overview(c: Ctx, form: FormFailure) {
  const data = await evaluationOverview(c.var.config.database.db, c.var.assembly.id);
  return overviewPage(c, data, form, noticeIn(c, 'evaluation', evaluationNotices));
}

export function showOverview(c: Ctx) {
  return overview(c, noFailure);
}

export async function openSubmit(c: Ctx) {
  return submitForm(c, {
    schema: openSchema,
    run: (input) => openQuestionnaire(c.var.config.database, staffActor(c), c.var.assembly.id, input),
    done: () => c.redirect(`${base(c)}?notice=opened`, 303),
    failed: (failure) => overview(c, failure),
  });
}

export async function showResults(c: Ctx) {
  const results = await questionnaireResults(c.var.config.database.db, c.var.assembly.id, questionnaireId(c));
  if (!results) return notFound(c);
  return resultsPage(c, results);
}

export async function closeSubmit(c: Ctx) {
  const run = () =>
    closeQuestionnaire(c.var.config.database, staffActor(c), c.var.assembly.id, questionnaireId(c));
  return runAction(c, run, {
    done: () => c.redirect(`${base(c)}?notice=closed`, 303),
    refused: (message, error) => errorPage(c, error.code === 'not_found' ? 404 : 409, message),
  });
}

async function reportView(c: Ctx) {
  return evaluationReport(c.var.config.database.db, c.var.assembly, c.var.lang);
}

export async function showReport(c: Ctx) {
  return reportPage(c, await reportView(c), noFailure, noticeIn(c, 'evaluation', evaluationNotices));
}

export async function reportSubmit(c: Ctx) {
  return submitForm(c, {
    schema: reportSchema,
    run: (texts) => saveEvaluationReport(c.var.config.database, staffActor(c), c.var.assembly.id, texts),
    done: () => c.redirect(`${base(c)}/report?notice=saved`, 303),
    failed: async (failure) => reportPage(c, await reportView(c), failure, null),
  });
}

export async function reportPdf(c: Ctx) {
  const view = await reportView(c);
  const bytes = await evaluationReportPdf({
    language: c.var.lang,
    assemblyTitle: labelIn(c.var.assembly.title, c.var.lang),
    texts: view.texts,
    figures: figureLines(view.figures, c.var.t, c.var.lang),
    savedAt: view.saved?.at ?? null,
  });
  return attachment(c, { name: `${c.var.assembly.slug}-evaluation.pdf`, type: 'application/pdf', bytes });
}

// --- Answering: a member through her personal link, the team on its own page ---------------------

export interface Answering {
  /** Her own page through the personal link, or the assembly's frame for the team. */
  frame: 'member' | 'team';
  holder: TokenHolder & { assemblyId: string };
  action: string;
  back: string;
  done: string;
}

function memberAnswering(c: Ctx): Answering {
  const { personId, assemblyId } = c.var.member;
  return {
    frame: 'member',
    holder: { personId, assemblyId },
    action: `/member/questionnaires/${questionnaireId(c)}`,
    back: '/member',
    done: '/member?notice=answered#questionnaires-heading',
  };
}

function teamAnswering(c: Ctx): Answering {
  const action = `${base(c)}/questionnaires/${questionnaireId(c)}/answer`;
  return {
    frame: 'team',
    holder: { accountId: c.var.auth!.account!.id, assemblyId: c.var.assembly.id },
    action,
    back: `/a/${c.var.assembly.id}`,
    done: `${action}?notice=answered`,
  };
}

function toAnswer(c: Ctx, a: Answering): Promise<OpenQuestionnaire | null> {
  return questionnaireToAnswer(c.var.config.database.db, a.holder.assemblyId, questionnaireId(c), a.holder);
}

async function showAnswer(c: Ctx, a: Answering) {
  const open = await toAnswer(c, a);
  if (!open) return answeredPage(c, a, noticeIn(c, 'evaluation', evaluationNotices));
  return answerPage(c, open, a, noFailure);
}

async function answerSubmit(c: Ctx, a: Answering) {
  return submitForm(c, {
    schema: answerSchema,
    run: (form, values) =>
      answerQuestionnaire(c.var.config.database, a.holder, questionnaireId(c), {
        comment: form.comment,
        levels: Object.fromEntries(
          Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'),
        ),
      }),
    done: () => c.redirect(a.done, 303),
    failed: async (failure) => {
      const open = await toAnswer(c, a);
      return open ? answerPage(c, open, a, failure) : answeredPage(c, a, null, failure);
    },
  });
}

export const showMemberAnswer = (c: Ctx) => showAnswer(c, memberAnswering(c));
export const memberAnswerSubmit = (c: Ctx) => answerSubmit(c, memberAnswering(c));
export const showTeamAnswer = (c: Ctx) => showAnswer(c, teamAnswering(c));
export const teamAnswerSubmit = (c: Ctx) => answerSubmit(c, teamAnswering(c));
