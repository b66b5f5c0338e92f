/**
 * Importing respondents from a spreadsheet, in steps that each show the organiser what will happen:
 * upload (the file is read at once, and a file that cannot be read is refused with the line and column
 * of the problem), choose which column holds what, check every row, then import all or nothing.
 *
 * Between the steps the uploaded bytes wait in `<dataDir>/uploads/<random id>`; the id travels in the
 * forms and is checked against a strict pattern before it is used in a path.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ImportRejected, importRespondents } from '../../commands/import-respondents.ts';
import { questionsOf } from '../../commands/register-volunteer.ts';
import { fieldLimits, previewOf } from '../../domain/field-limits.ts';
import { labelIn, matchOption, preferNotToSay, type Question } from '../../domain/questions.ts';
import {
  type ContactField,
  contactFields,
  type ImportMapping,
  mappableFields,
  type PlannedRow,
  planImport,
  type RowProblem,
  suggestMapping,
} from '../../domain/respondent-import.ts';
import { retentionPeriods } from '../../domain/retention.ts';
import { type TranslatedInputError, translateInputError } from '../../i18n/input-errors.ts';
import { type Table, tableFromBytes } from '../../io/table.ts';
import { listQuestions } from '../../repositories/assemblies.ts';
import { uploadIdPattern } from '../../repositories/data-folder.ts';
import { listImports } from '../../repositories/imports.ts';
import { findPersonByExternalKey } from '../../repositories/people.ts';
import { InputError } from '../../sortition/model.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { needs, type Route } from '../routing.ts';
import { renderAssemblyPage } from '../views/assembly-frame.tsx';
import { Csrf, ErrorSummary, type FormValues, SelectField, SubmitButton, str } from '../views/forms.tsx';
import { formatTime } from '../views/time.ts';

const permission = needs('people:import');
/** Uploads hold personal data: they are deleted after the import, or after this long at the latest. */
const keepMillis = retentionPeriods.stagedUploadMillis;
const previewRows = 10;
const shownProblems = 200;

const stepSchema = z.object({ upload: z.string().max(64).default('') });
const columnSchema = z.string().trim().max(300).catch('');
const doneSchema = z.object({
  added: z.coerce.number().int().min(0).optional().catch(undefined),
  unchanged: z.coerce.number().int().min(0).optional().catch(undefined),
});

// --- Uploads waiting between steps ---------------------------------------------------------------

interface Upload {
  id: string;
  fileName: string;
  bytes: Uint8Array;
  table: Table;
}

interface UploadMeta {
  assemblyId: string;
  fileName: string;
  uploadedAt: number;
}

function uploadDir(c: Ctx): string {
  return join(c.var.config.dataDir, 'uploads');
}

/** Only the last part of the name the browser sent, without control characters. */
function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(-200) || 'upload.csv';
}

async function removeUpload(dir: string, id: string): Promise<void> {
  if (!uploadIdPattern.test(id)) return;
  await rm(join(dir, id), { force: true });
  await rm(join(dir, `${id}.json`), { force: true });
}

async function storeUpload(c: Ctx, fileName: string, bytes: Uint8Array): Promise<string> {
  const dir = uploadDir(c);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Uploads left at any step are deleted after keepMillis by the hourly retention job.
  const id = randomBytes(18).toString('base64url');
  const meta: UploadMeta = { assemblyId: c.var.assembly.id, fileName, uploadedAt: Date.now() };
  await writeFile(join(dir, id), bytes, { mode: 0o600 });
  await writeFile(join(dir, `${id}.json`), JSON.stringify(meta), { mode: 0o600 });
  return id;
}

/** The upload named in a form, or null when it is missing, expired or belongs to another assembly. */
async function loadUpload(c: Ctx, id: string): Promise<Upload | null> {
  if (!uploadIdPattern.test(id)) return null;
  const dir = uploadDir(c);
  let meta: UploadMeta;
  let bytes: Uint8Array;
  try {
    meta = JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as UploadMeta;
    bytes = new Uint8Array(await readFile(join(dir, id)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return null;
    throw error;
  }
  if (meta.assemblyId !== c.var.assembly.id || typeof meta.fileName !== 'string') return null;
  if (!(Date.now() - meta.uploadedAt < keepMillis)) {
    await removeUpload(dir, id);
    return null;
  }
  try {
    return { id, fileName: meta.fileName, bytes, table: await tableFromBytes(bytes, meta.fileName) };
  } catch (error) {
    // It was read when uploaded; a file that no longer reads is as good as gone.
    if (error instanceof InputError) return null;
    throw error;
  }
}

// --- Parsing the forms ---------------------------------------------------------------------------

function formValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[name] = first;
  }
  return out;
}

function mappingFrom(values: FormValues, questions: Question[]): ImportMapping {
  const column = (name: string) => columnSchema.parse(str(values, name)) || null;
  const contact: ImportMapping['contact'] = {};
  for (const field of mappableFields) {
    const chosen = column(`contact_${field}`);
    if (chosen) contact[field] = chosen;
  }
  const answers: Record<string, string> = {};
  for (const q of questions) {
    const chosen = column(`answer_${q.key}`);
    if (chosen) answers[q.key] = chosen;
  }
  return { id: column('id_column'), contact, answers };
}

/** The mapping as form fields, to carry it from one step to the next. */
function mappingFields(mapping: ImportMapping, questions: Question[]): [string, string][] {
  return [
    ['id_column', mapping.id ?? ''],
    ...mappableFields.map((f): [string, string] => [`contact_${f}`, mapping.contact[f] ?? '']),
    ...questions.map((q): [string, string] => [`answer_${q.key}`, mapping.answers[q.key] ?? '']),
  ];
}

async function assemblyQuestions(c: Ctx): Promise<Question[]> {
  return await listQuestions(c.var.config.database.db, c.var.assembly.id);
}

// --- Views ---------------------------------------------------------------------------------------

function answerText(c: Ctx, question: Question, value: string): string {
  if (value === preferNotToSay) return c.var.t('import.prefer_not_to_say');
  const option = question.options.find((o) => o.value === value);
  return option ? labelIn(option.label, c.var.lang) : value;
}

function UploadForm(props: { c: Ctx; error?: string; detail?: TranslatedInputError }) {
  const t = props.c.var.t;
  const { error, detail } = props;
  return (
    <form
      method="post"
      action={`/a/${props.c.var.assembly.id}/import`}
      enctype="multipart/form-data"
      class="stack"
    >
      <Csrf c={props.c} />
      <div class={error ? 'field has-error' : 'field'}>
        <label for="file">{t('import.file')}</label>
        <p class="hint" id="file-hint">
          {t('import.file_hint')}
        </p>
        {error ? (
          <div class="field-error" id="file-error">
            <p>{error}</p>
            {/* The reader's message names the file, line and column; untranslated ones stay English. */}
            {detail ? <p lang={detail.translated ? undefined : 'en'}>{detail.text}</p> : null}
          </div>
        ) : null}
        <input
          type="file"
          id="file"
          name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
        />
      </div>
      <p class="hint">{t('import.kept_hint')}</p>
      <SubmitButton label={t('import.upload')} />
    </form>
  );
}

async function uploadPage(
  c: Ctx,
  options: {
    error?: string;
    detail?: TranslatedInputError;
    notice?: string | null;
    status?: 200 | 404 | 422;
  } = {},
) {
  const t = c.var.t;
  const imports = await listImports(c.var.config.database.db, c.var.assembly.id);
  return renderAssemblyPage(
    c,
    'import',
    t('import.title'),
    <>
      <ErrorSummary
        title={t('errors.summary')}
        errors={options.error ? { file: options.error } : {}}
        labels={{ file: t('import.file') }}
      />
      <p>{t('import.lead')}</p>
      <UploadForm c={c} error={options.error} detail={options.detail} />
      <h2>{t('import.earlier')}</h2>
      {imports.length === 0 ? (
        <p>{t('import.none_yet')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('import.col_when')}</th>
                <th scope="col">{t('import.col_file')}</th>
                <th scope="col" class="number">
                  {t('import.col_added')}
                </th>
                <th scope="col" class="number">
                  {t('import.col_unchanged')}
                </th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr>
                  <td>
                    <time datetime={i.created_at}>{formatTime(c, i.created_at)}</time>
                  </td>
                  <td>{i.file_name}</td>
                  <td class="number">{i.rows_added}</td>
                  <td class="number">{i.rows_unchanged}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>,
    { notice: options.notice, status: options.status },
  );
}

function MappingForm(props: { c: Ctx; upload: Upload; questions: Question[]; mapping: ImportMapping }) {
  const { c, upload, questions, mapping } = props;
  const t = c.var.t;
  const options = upload.table.headers.map((h) => ({ value: h, label: h }));
  return (
    <form method="post" action={`/a/${c.var.assembly.id}/import/preview`} class="stack">
      <Csrf c={c} />
      <input type="hidden" name="upload" value={upload.id} />
      <SelectField
        name="id_column"
        label={t('import.id_column')}
        hint={t('import.id_hint')}
        options={options}
        value={mapping.id ?? ''}
        empty={t('import.not_in_file')}
      />
      <fieldset class="field">
        <legend>{t('import.contact_legend')}</legend>
        {mappableFields.map((f) => (
          <SelectField
            name={`contact_${f}`}
            label={t(`import.field.${f}`)}
            options={options}
            value={mapping.contact[f] ?? ''}
            empty={t('import.not_in_file')}
          />
        ))}
      </fieldset>
      <fieldset class="field">
        <legend>{t('import.answers_legend')}</legend>
        {questions.length === 0 ? <p>{t('import.no_questions')}</p> : null}
        {questions.map((q) => (
          <SelectField
            name={`answer_${q.key}`}
            label={labelIn(q.label, c.var.lang)}
            options={options}
            value={mapping.answers[q.key] ?? ''}
            empty={t('import.not_in_file')}
          />
        ))}
      </fieldset>
      <SubmitButton label={t('import.check')} />
    </form>
  );
}

function RowsTable(props: { caption: string; headers: string[]; rows: string[][] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.headers.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((cells) => (
            <tr>{cells.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The first rows of the file read through the mapping, as the organiser chose it so far. */
function mappedPreview(c: Ctx, upload: Upload, questions: Question[], mapping: ImportMapping) {
  const t = c.var.t;
  const { table } = upload;
  const index = (column: string | undefined) =>
    column ? table.headers.findIndex((h) => h.toLowerCase() === column.toLowerCase()) : -1;
  const fields = mappableFields.filter((f) => index(mapping.contact[f]) >= 0);
  const asked = questions.filter((q) => index(mapping.answers[q.key]) >= 0);
  const headers = [
    t('import.col_line'),
    ...fields.map((f) => t(`import.field.${f}`)),
    ...asked.map((q) => labelIn(q.label, c.var.lang)),
  ];
  const rows = table.rows.slice(0, previewRows).map((row) => {
    // Shortened and with control characters made visible: the file has not been checked yet.
    const cell = (column: string | undefined) => previewOf(row.cells[index(column)] ?? '', fieldLimits.email);
    return [
      String(row.line),
      ...fields.map((f) => cell(mapping.contact[f])),
      ...asked.map((q) => {
        const raw = cell(mapping.answers[q.key]);
        const value = matchOption(q, raw);
        return value === null ? t('import.not_recognised', { value: raw }) : answerText(c, q, value);
      }),
    ];
  });
  return (
    <RowsTable caption={t('import.preview_caption', { count: rows.length })} headers={headers} rows={rows} />
  );
}

function mappingPage(
  c: Ctx,
  upload: Upload,
  questions: Question[],
  mapping: ImportMapping,
  status: 200 | 422 = 200,
) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'import',
    t('import.mapping_title'),
    <>
      <p>{t('import.mapping_lead', { file: upload.fileName })}</p>
      <p>{t('import.rows_in_file', { count: upload.table.rows.length })}</p>
      <MappingForm c={c} upload={upload} questions={questions} mapping={mapping} />
      {mappedPreview(c, upload, questions, mapping)}
      <p>
        <a href={`/a/${c.var.assembly.id}/import`}>{t('import.start_again')}</a>
      </p>
    </>,
    { status },
  );
}

function problemAdvice(c: Ctx, problem: RowProblem, questions: Question[], mapping: ImportMapping): string {
  const t = c.var.t;
  let options = '';
  if (problem.code === 'answer_unknown') {
    const question = questions.find((q) => mapping.answers[q.key] === problem.column);
    options = (question?.options ?? []).map((o) => labelIn(o.label, c.var.lang)).join(', ');
  }
  return t(`import.problem.${problem.code}`, {
    ...problem.params,
    column: problem.column,
    value: problem.value,
    options,
  });
}

function problemsPage(
  c: Ctx,
  upload: Upload,
  questions: Question[],
  mapping: ImportMapping,
  problems: RowProblem[],
) {
  const t = c.var.t;
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const shown = sorted.slice(0, shownProblems);
  return renderAssemblyPage(
    c,
    'import',
    t('import.problems_title'),
    <>
      <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
        <h2>{t('errors.summary')}</h2>
        <p>{t('import.problems_lead')}</p>
      </div>
      <div class="table-wrap">
        <table>
          <caption>{t('import.problems_caption')}</caption>
          <thead>
            <tr>
              <th scope="col" class="number">
                {t('import.col_line')}
              </th>
              <th scope="col">{t('import.col_column')}</th>
              <th scope="col">{t('import.col_value')}</th>
              <th scope="col">{t('import.col_what_to_do')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr>
                <td class="number">{p.line}</td>
                <td>{p.column}</td>
                <td>{p.value}</td>
                <td>{problemAdvice(c, p, questions, mapping)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > shown.length ? (
        <p>{t('import.more_problems', { count: sorted.length - shown.length })}</p>
      ) : null}
      <h2>{t('import.change_mapping')}</h2>
      <MappingForm c={c} upload={upload} questions={questions} mapping={mapping} />
      <p>
        <a href={`/a/${c.var.assembly.id}/import`}>{t('import.start_again')}</a>
      </p>
    </>,
    { status: 422 },
  );
}

function readyPage(
  c: Ctx,
  upload: Upload,
  questions: Question[],
  mapping: ImportMapping,
  rows: { row: PlannedRow; existing: boolean }[],
) {
  const t = c.var.t;
  const added = rows.filter((r) => !r.existing).length;
  const unchanged = rows.length - added;
  // Planned rows hold the full name already joined from first and family name.
  const fields = contactFields.filter((f) => mapping.contact[f]);
  const asked = questions.filter((q) => mapping.answers[q.key]);
  const headers = [
    t('import.col_line'),
    t('import.col_state'),
    ...fields.map((f) => t(`import.field.${f}`)),
    ...asked.map((q) => labelIn(q.label, c.var.lang)),
  ];
  const preview = rows
    .slice(0, previewRows)
    .map(({ row, existing }) => [
      String(row.line),
      t(existing ? 'import.state_existing' : 'import.state_new'),
      ...fields.map((f: ContactField) => row.contact[f] ?? ''),
      ...asked.map((q) => answerText(c, q, row.answers[q.key] ?? preferNotToSay)),
    ]);
  return renderAssemblyPage(
    c,
    'import',
    t('import.ready_title'),
    <>
      <p>{t('import.counts', { count: rows.length, added, unchanged })}</p>
      <RowsTable
        caption={t('import.preview_caption', { count: preview.length })}
        headers={headers}
        rows={preview}
      />
      {added > 0 ? (
        <form method="post" action={`/a/${c.var.assembly.id}/import/commit`} class="actions">
          <Csrf c={c} />
          <input type="hidden" name="upload" value={upload.id} />
          {mappingFields(mapping, questions).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <SubmitButton label={t('import.import_button', { count: added })} />
        </form>
      ) : (
        <p class="warning">{t('import.nothing_new')}</p>
      )}
      <h2>{t('import.change_mapping')}</h2>
      <MappingForm c={c} upload={upload} questions={questions} mapping={mapping} />
      <p>
        <a href={`/a/${c.var.assembly.id}/import`}>{t('import.start_again')}</a>
      </p>
    </>,
  );
}

function uploadMissing(c: Ctx) {
  return uploadPage(c, { error: c.var.t('import.upload_missing'), status: 404 });
}

// --- Handlers ------------------------------------------------------------------------------------

async function showImport(c: Ctx) {
  const done = doneSchema.parse({ added: c.req.query('added'), unchanged: c.req.query('unchanged') });
  const notice =
    done.added !== undefined && done.unchanged !== undefined
      ? c.var.t('import.done', { added: done.added, unchanged: done.unchanged })
      : null;
  return uploadPage(c, { notice });
}

async function receiveUpload(c: Ctx) {
  const t = c.var.t;
  const body = await c.req.parseBody({ all: true });
  const sent = Array.isArray(body.file) ? body.file[0] : body.file;
  if (!sent || typeof sent === 'string' || sent.size === 0) {
    return uploadPage(c, { error: t('import.no_file'), status: 422 });
  }
  const fileName = cleanFileName(sent.name);
  const bytes = new Uint8Array(await sent.arrayBuffer());
  let table: Table;
  try {
    table = await tableFromBytes(bytes, fileName);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return uploadPage(c, {
      error: t('import.file_unreadable'),
      detail: translateInputError(t, error),
      status: 422,
    });
  }
  const id = await storeUpload(c, fileName, bytes);
  const questions = await assemblyQuestions(c);
  const upload: Upload = { id, fileName, bytes, table };
  return mappingPage(c, upload, questions, suggestMapping(table.headers, questions));
}

/** The posted upload and mapping, planned: what every following step starts from. */
async function plannedStep(c: Ctx) {
  const body = await c.req.parseBody({ all: true });
  const values = formValues(body);
  const { upload: uploadId } = stepSchema.parse(values);
  const upload = await loadUpload(c, uploadId);
  if (!upload) return null;
  const questions = await assemblyQuestions(c);
  const mapping = mappingFrom(values, questions);
  return { upload, questions, mapping };
}

async function previewImport(c: Ctx) {
  const step = await plannedStep(c);
  if (!step) return uploadMissing(c);
  const { upload, questions, mapping } = step;
  const plan = planImport(upload.table, mapping, questions, c.var.assembly.id);
  if (plan.problems.length > 0) return problemsPage(c, upload, questions, mapping, plan.problems);
  const db = c.var.config.database.db;
  const rows: { row: PlannedRow; existing: boolean }[] = [];
  for (const row of plan.rows) {
    const existing = await findPersonByExternalKey(db, c.var.assembly.id, row.externalKey);
    rows.push({ row, existing: existing !== undefined });
  }
  return readyPage(c, upload, questions, mapping, rows);
}

async function commitImport(c: Ctx) {
  const step = await plannedStep(c);
  if (!step) return uploadMissing(c);
  const { upload, questions, mapping } = step;
  try {
    const outcome = await importRespondents(c.var.config.database, staffActor(c), c.var.assembly.id, {
      fileName: upload.fileName,
      bytes: upload.bytes,
      table: upload.table,
      mapping,
    });
    await removeUpload(uploadDir(c), upload.id);
    return c.redirect(
      `/a/${c.var.assembly.id}/import?added=${outcome.added}&unchanged=${outcome.unchanged}`,
      303,
    );
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    return problemsPage(c, upload, questions, mapping, error.problems);
  }
}

export const importRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/import',
    tab: { key: 'import', phase: 'recruitment' },
    access: permission,
    handler: showImport,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/import',
    access: permission,
    handler: receiveUpload,
    body: 'upload',
  },
  { method: 'POST', path: '/a/:assemblyId/import/preview', access: permission, handler: previewImport },
  { method: 'POST', path: '/a/:assemblyId/import/commit', access: permission, handler: commitImport },
];
