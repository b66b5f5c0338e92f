/**
 * The letters: their template in Swedish and English (edited and previewed), and a draw's letters as a
 * print-ready PDF (made by a job into a file, then handed out) or as a CSV file for a print house.
 */

import { lettersPdfState, requestLettersPdf, waitForLettersPdf } from '../../../../commands/letter-pdfs.ts';
import { saveLetterTemplate } from '../../../../commands/letter-templates.ts';
import { labelIn } from '../../../../domain/questions.ts';
import { type Language, languages } from '../../../../i18n/i18n.ts';
import { csvDialectFor, csvStream } from '../../../../io/csv-writer.ts';
import {
  type LetterTemplate,
  type LetterTemplateError,
  mergeLetter,
  templateProblems,
} from '../../../../letters/letter-template.ts';
import { lettersCsvHeader, lettersCsvRow } from '../../../../letters/letters-csv.ts';
import {
  type DrawLetterSet,
  type DrawResult,
  drawLetterPages,
  drawLetterSet,
  type TemplatePage as TemplatePageData,
  templatePage as templatePageData,
} from '../../../../queries/invitations.ts';
import type { InvitationDrawRow } from '../../../../repositories/invitation-draws.ts';
import { staffActor } from '../../../actor.ts';
import type { Ctx } from '../../../env.ts';
import { runAction } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { errorPage } from '../../../views/errors.tsx';
import type { FieldErrors } from '../../../views/forms.tsx';
import { drawPath, invitationsPath } from '../paths.ts';
import {
  downloadSchema,
  idPattern,
  letterLanguageParam,
  parseRegistrationBase,
  templateActionSchema,
  templateFieldErrors,
  templateValues,
} from '../schema.ts';
import { LettersJobPage } from '../views/progress.tsx';
import { TemplatePage } from '../views/template.tsx';
import { drawOf, drawResultPage, registrationBaseDefault } from './draws.tsx';

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

function templateErrorText(c: Ctx, problem: LetterTemplateError, columns: readonly string[]): string {
  return c.var.t(problem.kind === 'unknown' ? 'errors.placeholder_unknown' : 'errors.placeholder_unclosed', {
    placeholder: problem.kind === 'unknown' ? `{{${problem.placeholder}}}` : problem.placeholder,
    columns: columns.join(', '),
  });
}

interface TemplateForm {
  values: LetterTemplate;
  errors: FieldErrors;
  preview?: boolean;
}

/** The template page, from what was read for it, with the form as typed (or the letter as stored). */
function templatePage(
  c: Ctx,
  language: Language,
  data: TemplatePageData,
  form: TemplateForm | null,
  status: 200 | 422 = 200,
) {
  const t = c.var.t;
  const { columns } = data;
  const values = form?.values ?? data.template;
  const errors = form?.errors ?? {};
  let preview: Parameters<typeof TemplatePage>[0]['preview'] = null;
  if (form?.preview && Object.keys(errors).length === 0) {
    const cols = columns ?? [];
    const first = data.previewRecipient;
    const sample = {
      fields: Object.fromEntries(cols.map((col) => [col, `[${col}]`])),
      code: 'ACDEF-GHJK3',
      language,
    };
    preview = {
      letter: mergeLetter(values, cols, first ?? sample, registrationBaseDefault(c)),
      sample: !first,
    };
  }
  const saved = c.req.query('done') === 'saved' && c.req.method === 'GET';
  return renderAssemblyPage(
    c,
    'invitations',
    t('lottery.template_title', { language: t(`lottery.language_${language}`) }),
    <TemplatePage
      c={c}
      language={language}
      columns={columns}
      values={values}
      errors={errors}
      preview={preview}
    />,
    { status, notice: saved ? t('lottery.template_saved') : null },
  );
}

export async function templateShow(c: Ctx) {
  const language = letterLanguageParam(c.req.param('language'));
  if (!language) return notFound(c);
  const data = await templatePageData(c.var.config.database, c.var.assembly, language, { preview: false });
  return templatePage(c, language, data, null);
}

export async function templateSubmit(c: Ctx) {
  const language = letterLanguageParam(c.req.param('language'));
  if (!language) return notFound(c);
  const body = await c.req.parseBody();
  const values = templateValues(body);
  const action = templateActionSchema.parse(body.action);
  const database = c.var.config.database;
  const data = await templatePageData(database, c.var.assembly, language, { preview: action === 'preview' });
  const { columns } = data;
  const errors = templateFieldErrors(c.var.t, values);
  for (const problem of columns ? templateProblems(values, columns) : [])
    errors[problem.part] ??= templateErrorText(c, problem, columns ?? []);
  if (Object.keys(errors).length > 0) return templatePage(c, language, data, { values, errors }, 422);
  if (action === 'preview') return templatePage(c, language, data, { values, errors, preview: true });
  const save = () =>
    saveLetterTemplate(database, staffActor(c), c.var.assembly.id, language, values, columns);
  return runAction(c, save, {
    done: () => c.redirect(`${invitationsPath(c)}/letters/${language}?done=saved`, 303),
    refused: (message, error) =>
      templatePage(c, language, data, { values, errors: { [error.field ?? '_form']: message } }, 422),
  });
}

/** A draw's letters and where they lead, or the draw's page with the problem. */
/** The draw and the address the letters point to, or the page saying what is wrong. */
async function downloadRequest(c: Ctx) {
  const result = await drawOf(c);
  if (!result) return notFound(c);
  const query = downloadSchema.parse(c.req.query());
  const registrationBase = query.base ? parseRegistrationBase(query.base) : registrationBaseDefault(c);
  if (!registrationBase)
    return drawResultPage(
      c,
      result,
      { base: query.base, errors: { base: c.var.t('lottery.base_invalid') } },
      422,
    );
  return { result, language: query.language, registrationBase };
}

async function prepareDownload(
  c: Ctx,
): Promise<(DrawLetterSet & { registrationBase: string; result: DrawResult }) | Response> {
  const request = await downloadRequest(c);
  if (request instanceof Response) return request;
  const { result, language, registrationBase } = request;
  const set = await drawLetterSet(
    c.var.config.database,
    c.var.assembly,
    result.draw,
    result.register,
    language,
  );
  return { ...set, registrationBase, result };
}

function downloadName(c: Ctx, draw: InvitationDrawRow, extension: string): string {
  const slug = c.var.assembly.slug.replace(/[^A-Za-z0-9-]/g, '-');
  return `letters-${slug}-${draw.created_at.slice(0, 10)}.${extension}`;
}

/** The first template a letter of the draw needs that names something the extract does not have. */
function brokenTemplate(c: Ctx, set: DrawLetterSet, used: ReadonlySet<Language>): string | null {
  const t = c.var.t;
  for (const language of used) {
    const [problem] = templateProblems(set.templates[language], set.columns, language);
    if (problem)
      return t('lottery.template_broken', {
        language: t(`lottery.language_${language}`),
        problem: templateErrorText(c, problem, set.columns),
      });
  }
  return null;
}

export async function pdfDownload(c: Ctx) {
  const prepared = await prepareDownload(c);
  if (prepared instanceof Response) return prepared;
  const { draw, columns, letters, registrationBase, templates } = prepared;
  const used = new Set(letters.map((l) => l.language));
  const broken = brokenTemplate(c, prepared, used);
  if (broken)
    return drawResultPage(c, prepared.result, { base: registrationBase, errors: { _form: broken } }, 422);
  const sender = Object.fromEntries(languages.map((l) => [l, labelIn(c.var.assembly.title, l)]));
  const config = c.var.config;
  // Made by a job into a file (any worker may make it), then handed out from the file.
  const jobId = await requestLettersPdf(config.database, staffActor(c), config.dataDir, {
    drawId: draw.id,
    assemblyId: c.var.assembly.id,
    language: downloadSchema.parse(c.req.query()).language,
    registrationBase,
    templates: Object.fromEntries([...used].map((l) => [l, templates[l]])),
    columns,
    sender,
    date: new Date().toISOString(),
  });
  // Most letter runs take seconds: the request waits for the file. A longer one gets a page that
  // follows the job and offers the file once it is there.
  if (!(await waitForLettersPdf(config.database, c.var.assembly.id, jobId)))
    return c.redirect(`${drawPath(c, draw.id)}/letters/${jobId}`, 303);
  return lettersFileResponse(c, draw, jobId);
}

/** The finished PDF of a letters job; while it is being made, a page that follows it; its failure, explained. */
async function lettersFileResponse(c: Ctx, draw: InvitationDrawRow, jobId: string) {
  const t = c.var.t;
  const config = c.var.config;
  const state = await lettersPdfState(config.database, config.dataDir, c.var.assembly.id, draw.id, jobId);
  if (!state) return notFound(c);
  if (state.kind === 'pending') {
    c.header('Refresh', '2');
    c.header('Cache-Control', 'no-store');
    return renderAssemblyPage(
      c,
      'invitations',
      t('lottery.letters_job_title'),
      <LettersJobPage c={c} progress={state.progress} />,
    );
  }
  if (state.kind === 'failed') return errorPage(c, 500, t('lottery.letters_job_failed'));
  return c.body(state.body, 200, {
    'Content-Type': 'application/pdf',
    'Content-Length': String(state.size),
    'Content-Disposition': `attachment; filename="${downloadName(c, draw, 'pdf')}"`,
    'Cache-Control': 'no-store',
  });
}

export async function lettersJobPage(c: Ctx) {
  const result = await drawOf(c);
  const jobId = c.req.param('jobId') ?? '';
  if (!result || !idPattern.test(jobId)) return notFound(c);
  return lettersFileResponse(c, result.draw, jobId);
}

/** Letters read and sent at a time: a draw can hold a million letters, memory holds one page. */
const csvPageSize = 5_000;

export async function csvDownload(c: Ctx) {
  const request = await downloadRequest(c);
  if (request instanceof Response) return request;
  const { result, language, registrationBase } = request;
  const { columns, next } = await drawLetterPages(
    c.var.config.database,
    c.var.assembly,
    result.draw,
    result.register,
    language,
    csvPageSize,
  );
  const nextRows = async () =>
    (await next())?.map((l) => lettersCsvRow(columns, l, registrationBase)) ?? null;
  return c.body(csvStream(lettersCsvHeader(columns), nextRows, csvDialectFor(c.var.lang)), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${downloadName(c, result.draw, 'csv')}"`,
    'Cache-Control': 'no-store',
  });
}
