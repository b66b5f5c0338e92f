/**
 * Stage 1 of recruitment in the platform: the organiser uploads a population register extract, draws
 * the invitation letters from it with a recorded seed (at most one per household, optionally
 * stratified by area with oversampling weights), downloads the letters as a print-ready PDF and as a
 * CSV for a print house, edits the letter in Swedish and English, follows the responses per stratum,
 * and afterwards deletes the extract and the addresses of everyone who did not answer.
 *
 * An extract can be hundreds of megabytes: it is streamed to `<dataDir>/registers/<id>.csv`
 * (owner-only) and read by the draw engine from there. Large draws run in the background with a
 * progress page; their state is kept in memory, keyed by the draw's id, until the draw is stored.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { CommandError } from '../../commands/command.ts';
import {
  assemblyLetterLanguage,
  checkSeedUnused,
  type DrawFailureDetails,
  deleteRegisterFile,
  drawInputErrorField,
  eraseUnansweredRecipients,
  type InvitationDrawJobInput,
  type InvitationDrawSettings,
  invitationDrawJob,
  recordRegister,
  redrawForCheck,
  registerFileName,
  runInvitationDraw,
  type StoredDrawSettings,
  saveLetterTemplate,
  startInvitationDrawJob,
} from '../../commands/invitation-draws.ts';
import { jobFilePath, lettersPdfJob, requestLettersPdf } from '../../commands/letter-pdfs.ts';
import { hasControlCharacters } from '../../domain/field-limits.ts';
import { type Language, languages, translator } from '../../i18n/i18n.ts';
import { type TranslatedInputError, translateInputError } from '../../i18n/input-errors.ts';
import { drawInvitations } from '../../invitations/draw-invitations.ts';
import { isOversamplingWeight, parseWeights } from '../../invitations/weights.ts';
import { csvDialectFor } from '../../io/csv-writer.ts';
import {
  codePlaceholder,
  type LetterTemplate,
  type LetterTemplateError,
  letterLanguage,
  mergeLetter,
  suggestAddress,
  templateLimits,
  templateProblems,
  urlPlaceholder,
} from '../../letters/letter-template.ts';
import { lettersCsv } from '../../letters/letters-csv.ts';
import { log } from '../../log.ts';
import {
  countRecipients,
  type DrawnLetterRow,
  drawLetters,
  findInvitationDraw,
  findRegister,
  type InvitationDrawRow,
  listInvitationDraws,
  listRegisters,
  type RegisterRow,
  responseCounts,
} from '../../repositories/invitation-draws.ts';
import { findJobOfKind, type JobRow } from '../../repositories/jobs.ts';
import { listLetterTemplates } from '../../repositories/letter-templates.ts';
import { InputError } from '../../sortition/model.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { needs, type Route } from '../routing.ts';
import { safeEqual } from '../security.ts';
import { isMultipart, receiveUpload, UploadRefused } from '../streamed-upload.ts';
import { assemblyTitle, renderAssemblyPage } from '../views/assembly-frame.tsx';
import { BarChart } from '../views/charts.tsx';
import { errorPage } from '../views/errors.tsx';
import {
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../views/forms.tsx';
import { formatNumber, formatPercent, formatTime, localeOf } from '../views/time.ts';

const permission = needs('invitations:manage');
const maxLetters = 1_000_000;
const idPattern = /^[0-9a-f-]{36}$/;

/** Draws from registers up to this many rows run within the request; larger ones in the background. */
export const drawJobSettings = { backgroundRows: 500_000 };

// --- Draws running in the background ---------------------------------------------------------------

/** A background draw as its page shows it, read from its job (whichever process runs it). */
interface DrawJob {
  registerId: string;
  values: FormValues;
  totalRows: number;
  rowsRead: number;
  state: 'running' | 'failed';
  failure: DrawFailureDetails | null;
}

async function drawJobOf(c: Ctx, drawId: string): Promise<DrawJob | null> {
  const row: JobRow | undefined = await findJobOfKind(
    c.var.config.database.db,
    c.var.assembly.id,
    invitationDrawJob.name,
    drawId,
  );
  // A job that ended well has stored its draw, which the page shows instead.
  if (!row || row.status === 'done' || row.status === 'cancelled') return null;
  const input = JSON.parse(row.input) as InvitationDrawJobInput;
  const register = await findRegister(c.var.config.database.db, c.var.assembly.id, input.registerId);
  const totalRows = register?.rows ?? 0;
  const error = row.error ? (JSON.parse(row.error) as { details?: DrawFailureDetails }) : null;
  return {
    registerId: input.registerId,
    values: input.values,
    totalRows,
    rowsRead: Math.round((row.progress ?? 0) * totalRows),
    state: row.status === 'failed' ? 'failed' : 'running',
    failure: row.status === 'failed' ? (error?.details ?? null) : null,
  };
}

// --- Small helpers ---------------------------------------------------------------------------------

function base(c: Ctx): string {
  return `/a/${c.var.assembly.id}/invitations`;
}

function registerColumns(register: Pick<RegisterRow, 'columns'>): string[] {
  return JSON.parse(register.columns) as string[];
}

/** Only the last part of the name the browser sent, without control characters. */
function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(-200) || 'register.csv';
}

/** A seed to suggest: 20 characters of the invite-code alphabet from the system's random source. */
function suggestSeed(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 5)}-${out.slice(5, 10)}-${out.slice(10, 15)}-${out.slice(15)}`;
}

function errorText(c: Ctx, error: CommandError): string {
  return c.var.t(`errors.${error.code}`, error.params);
}

function InputErrorDetail(props: { detail?: TranslatedInputError }) {
  // The reader's messages name the file, line and column; those without a translation stay English.
  return props.detail ? (
    <pre class="field-error" lang={props.detail.translated ? undefined : 'en'} id="detail">
      {props.detail.text}
    </pre>
  ) : null;
}

// --- The lottery overview: registers, draws, templates --------------------------------------------

async function lotteryPage(
  c: Ctx,
  options: {
    error?: string;
    detail?: TranslatedInputError;
    notice?: string | null;
    status?: 200 | 400 | 413 | 422;
  } = {},
) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const registers = await listRegisters(db, c.var.assembly.id);
  const draws = await listInvitationDraws(db, c.var.assembly.id);
  const b = base(c);
  const done = c.req.query('done');
  const notice =
    options.notice ??
    (done && ['register_deleted', 'erased'].includes(done) && c.req.method === 'GET'
      ? t(`lottery.done_${done}`)
      : null);
  return renderAssemblyPage(
    c,
    'invitations',
    t('lottery.title'),
    <>
      <p>
        <a href={b}>{t('lottery.back_to_invitations')}</a>
      </p>
      <p>{t('lottery.lead')}</p>
      <ErrorSummary
        title={t('errors.summary')}
        errors={options.error ? { file: options.error } : {}}
        labels={{ file: t('lottery.file') }}
      />
      <section aria-labelledby="register-upload">
        <h2 id="register-upload">{t('lottery.upload_heading')}</h2>
        <form method="post" action={`${b}/registers`} enctype="multipart/form-data" class="stack">
          <Csrf c={c} />
          <div class={options.error ? 'field has-error' : 'field'}>
            <label for="file">{t('lottery.file')}</label>
            <p class="hint" id="file-hint">
              {t('lottery.file_hint', {
                mb: formatNumber(c, c.var.config.maxRegisterBytes / 1e6),
              })}
            </p>
            {options.error ? (
              <div class="field-error" id="file-error">
                <p>{options.error}</p>
                <InputErrorDetail detail={options.detail} />
              </div>
            ) : null}
            <input
              type="file"
              id="file"
              name="file"
              accept=".csv,.txt,text/csv"
              required
              aria-invalid={options.error ? 'true' : undefined}
              aria-describedby={options.error ? 'file-hint file-error' : 'file-hint'}
            />
          </div>
          <p class="hint">{t('lottery.kept_hint')}</p>
          <SubmitButton label={t('lottery.upload')} />
        </form>
      </section>

      <section aria-labelledby="registers-heading">
        <h2 id="registers-heading">{t('lottery.registers_heading')}</h2>
        {registers.length === 0 ? (
          <p>{t('lottery.no_registers')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('lottery.registers_heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lottery.register_file')}</th>
                  <th scope="col">{t('lottery.uploaded')}</th>
                  <th scope="col" class="number">
                    {t('lottery.rows')}
                  </th>
                  <th scope="col">{t('lottery.columns')}</th>
                  <th scope="col">{t('lottery.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {registers.map((r) => (
                  <tr>
                    <th scope="row">{r.file_name}</th>
                    <td>{formatTime(c, r.created_at)}</td>
                    <td class="number">{formatNumber(c, r.rows)}</td>
                    <td>{registerColumns(r).join(', ')}</td>
                    <td>
                      {r.stored_as ? (
                        <>
                          <a href={`${b}/registers/${r.id}`}>
                            {t('lottery.draw_from', { file: r.file_name })}
                          </a>
                          <form method="post" action={`${b}/registers/${r.id}/delete`} class="inline">
                            <Csrf c={c} />
                            <button type="submit" class="link">
                              {t('lottery.delete_register', { file: r.file_name })}
                            </button>
                          </form>
                        </>
                      ) : (
                        t('lottery.register_gone')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="draws-heading">
        <h2 id="draws-heading">{t('lottery.draws_heading')}</h2>
        {draws.length === 0 ? (
          <p>{t('lottery.no_draws')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('lottery.draws_heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lottery.drawn_at')}</th>
                  <th scope="col" class="number">
                    {t('lottery.letters')}
                  </th>
                  <th scope="col">{t('lottery.seed')}</th>
                </tr>
              </thead>
              <tbody>
                {draws.map((d) => (
                  <tr>
                    <th scope="row">
                      <a href={`${b}/draws/${d.id}`}>{formatTime(c, d.created_at)}</a>
                    </th>
                    <td class="number">{formatNumber(c, d.drawn)}</td>
                    <td>
                      <code>{d.seed}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <a href={`${b}/responses`}>{t('lottery.responses_link')}</a>
        </p>
      </section>

      <section aria-labelledby="templates-heading">
        <h2 id="templates-heading">{t('lottery.templates_heading')}</h2>
        <p>{t('lottery.templates_text')}</p>
        <ul>
          {languages.map((l) => (
            <li>
              <a href={`${b}/letters/${l}`}>{t(`lottery.template_${l}`)}</a>
            </li>
          ))}
        </ul>
      </section>
    </>,
    { notice, status: options.status ?? 200 },
  );
}

// --- Uploading a register extract ------------------------------------------------------------------

async function uploadSubmit(c: Ctx) {
  const t = c.var.t;
  const config = c.var.config;
  if (!isMultipart(c.req.raw)) {
    // A form without a file: small by nature; anything big here is not a browser's form.
    if (Number(c.req.header('content-length') ?? 0) > config.maxUploadBytes)
      return errorPage(
        c,
        413,
        t('errors.too_large', { mb: formatNumber(c, config.maxUploadBytes / 1e6, 3) }),
      );
    const body = await c.req.parseBody();
    if (!safeEqual(String(body._csrf ?? '').trim(), c.var.csrf) || !c.var.csrf)
      return errorPage(c, 403, t('errors.csrf'));
    return lotteryPage(c, { error: t('lottery.choose_file'), status: 422 });
  }
  const registerId = crypto.randomUUID();
  const dir = join(config.dataDir, 'registers');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const target = join(config.dataDir, registerFileName(registerId));
  let received: Awaited<ReturnType<typeof receiveUpload>>;
  try {
    received = await receiveUpload(c.req.raw, {
      maxBytes: config.maxRegisterBytes,
      target,
      acceptFields: (fields) => Boolean(c.var.csrf) && safeEqual((fields._csrf ?? '').trim(), c.var.csrf),
    });
  } catch (error) {
    if (!(error instanceof UploadRefused)) throw error;
    if (error.problem === 'refused') return errorPage(c, 403, t('errors.csrf'));
    if (error.problem === 'too_large')
      return errorPage(
        c,
        413,
        t('errors.too_large', { mb: formatNumber(c, config.maxRegisterBytes / 1e6, 3) }),
      );
    return lotteryPage(c, { error: t('lottery.upload_broken'), status: 400 });
  }
  if (!safeEqual((received.fields._csrf ?? '').trim(), c.var.csrf)) {
    await rm(target, { force: true });
    return errorPage(c, 403, t('errors.csrf'));
  }
  const file = received.file;
  const refuse = async (error: string, detail?: TranslatedInputError) => {
    await rm(target, { force: true });
    return lotteryPage(c, { error, detail, status: 422 });
  };
  if (!file || file.bytes === 0) return refuse(t('lottery.choose_file'));
  const fileName = cleanFileName(file.fileName);
  const zip = file.head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004';
  if (zip || /\.(xlsx|xlsm|xls|ods|numbers)$/i.test(fileName)) return refuse(t('lottery.not_csv'));

  // The draw's own reader checks every row now, so a broken extract is refused before it is kept.
  let check: Awaited<ReturnType<typeof drawInvitations>>;
  try {
    check = await drawInvitations(target, { count: 1, seed: `check ${registerId}` });
  } catch (error) {
    if (!(error instanceof InputError)) {
      await rm(target, { force: true });
      throw error;
    }
    return refuse(
      t('lottery.register_unreadable'),
      translateInputError(t, error, { path: target, name: fileName }),
    );
  }
  if (check.rowsRead === 0) return refuse(t('lottery.register_empty'));
  try {
    await recordRegister(config.database, staffActor(c), {
      id: registerId,
      assemblyId: c.var.assembly.id,
      fileName,
      sha256: file.sha256,
      bytes: file.bytes,
      rows: check.rowsRead,
      columns: check.columns,
    });
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
  return c.redirect(`${base(c)}/registers/${registerId}?uploaded=1`, 303);
}

async function deleteRegisterSubmit(c: Ctx) {
  const id = c.req.param('registerId') ?? '';
  try {
    await deleteRegisterFile(
      c.var.config.database,
      staffActor(c),
      c.var.assembly.id,
      id,
      c.var.config.dataDir,
    );
  } catch (error) {
    if (error instanceof CommandError && error.code === 'not_found')
      return errorPage(c, 404, c.var.t('errors.not_found'));
    throw error;
  }
  return c.redirect(`${base(c)}/lottery?done=register_deleted`, 303);
}

// --- The draw form ---------------------------------------------------------------------------------

const drawSchema = z.object({
  count: z.string().trim().max(20).catch(''),
  seed: z.string().trim().max(200).catch(''),
  household: z.array(z.string().max(300)).max(100).catch([]),
  stratify: z.string().max(300).catch(''),
  weights: z.string().max(100_000).catch(''),
  language_column: z.string().max(300).catch(''),
});

/** Form fields as strings; the household checkboxes, which share one name, as a list. */
function drawValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    const all = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    out[name] = name === 'household' ? all : all[0];
  }
  return out;
}

function list(values: FormValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

/** `stratum: weight` lines (also `=`, `;` or a tab); the last separator splits, so names may hold colons. */
export function parseWeightLines(text: string): { weights: Record<string, number>; badLine: number | null } {
  const weights: Record<string, number> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const m = /^(.*\S)\s*[:=;\t]\s*(\d+(?:[.,]\d+)?)$/.exec(line);
    const weight = m ? Number(m[2].replace(',', '.')) : Number.NaN;
    if (!m || !isOversamplingWeight(weight) || m[1] in weights) return { weights, badLine: i + 1 };
    weights[m[1]] = weight;
  }
  return { weights, badLine: null };
}

function DrawForm(props: {
  c: Ctx;
  register: RegisterRow;
  values: FormValues;
  errors: FieldErrors;
  detail?: TranslatedInputError;
}) {
  const { c, register, values, errors } = props;
  const t = c.var.t;
  const columns = registerColumns(register);
  const options = columns.map((col) => ({ value: col, label: col }));
  return (
    <form
      method="post"
      action={`${base(c)}/registers/${register.id}`}
      enctype="multipart/form-data"
      class="stack"
      novalidate
    >
      <Csrf c={c} />
      <ErrorSummary
        title={t('errors.summary')}
        errors={errors}
        labels={{
          count: t('lottery.count'),
          seed: t('lottery.seed'),
          household: t('lottery.household'),
          stratify: t('lottery.stratify'),
          weights: t('lottery.weights'),
          weights_file: t('lottery.weights'),
          language_column: t('lottery.language_column'),
        }}
      />
      <InputErrorDetail detail={props.detail} />
      <TextField
        name="count"
        type="number"
        inputmode="numeric"
        min={1}
        max={maxLetters}
        label={t('lottery.count')}
        hint={t('lottery.count_hint', { rows: formatNumber(c, register.rows) })}
        value={str(values, 'count')}
        error={errors.count}
        required
      />
      <TextField
        name="seed"
        label={t('lottery.seed')}
        hint={t('lottery.seed_hint')}
        value={str(values, 'seed')}
        error={errors.seed}
        autocomplete="off"
        required
      />
      <ChoiceGroup
        name="household"
        legend={t('lottery.household')}
        hint={t('lottery.household_hint')}
        type="checkbox"
        options={options}
        checked={list(values, 'household')}
        error={errors.household}
      />
      <SelectField
        name="stratify"
        label={t('lottery.stratify')}
        hint={t('lottery.stratify_hint')}
        options={options}
        value={str(values, 'stratify')}
        error={errors.stratify}
        empty={t('lottery.no_strata')}
      />
      <TextArea
        name="weights"
        label={t('lottery.weights')}
        hint={t('lottery.weights_hint')}
        value={str(values, 'weights')}
        error={errors.weights}
        rows={5}
      />
      <div class={errors.weights_file ? 'field has-error' : 'field'}>
        <label for="weights_file">{t('lottery.weights_file')}</label>
        <p class="hint" id="weights_file-hint">
          {t('lottery.weights_file_hint')}
        </p>
        {errors.weights_file ? (
          <p class="field-error" id="weights_file-error">
            {errors.weights_file}
          </p>
        ) : null}
        <input
          type="file"
          id="weights_file"
          name="weights_file"
          accept=".csv,.txt,.json,text/csv"
          aria-invalid={errors.weights_file ? 'true' : undefined}
          aria-describedby={
            errors.weights_file ? 'weights_file-hint weights_file-error' : 'weights_file-hint'
          }
        />
      </div>
      <SelectField
        name="language_column"
        label={t('lottery.language_column')}
        hint={t('lottery.language_column_hint', {
          language: t(`lottery.language_${assemblyLetterLanguage(c.var.assembly)}`),
        })}
        options={options}
        value={str(values, 'language_column')}
        error={errors.language_column}
        empty={t('lottery.no_language_column')}
      />
      <SubmitButton label={t('lottery.draw')} />
    </form>
  );
}

async function drawFormPage(
  c: Ctx,
  register: RegisterRow,
  form: { values: FormValues; errors: FieldErrors; detail?: TranslatedInputError },
  status: 200 | 409 | 422 = 200,
) {
  const t = c.var.t;
  const earlier = (await listInvitationDraws(c.var.config.database.db, c.var.assembly.id)).filter(
    (d) => d.register_id === register.id,
  );
  const uploaded = c.req.query('uploaded') === '1' && c.req.method === 'GET';
  return renderAssemblyPage(
    c,
    'invitations',
    t('lottery.draw_title'),
    <>
      <p>
        <a href={`${base(c)}/lottery`}>{t('lottery.back_to_lottery')}</a>
      </p>
      <dl class="facts">
        <dt>{t('lottery.register_file')}</dt>
        <dd>{register.file_name}</dd>
        <dt>{t('lottery.rows')}</dt>
        <dd>{formatNumber(c, register.rows)}</dd>
        <dt>{t('lottery.file_sha256')}</dt>
        <dd>
          <code>{register.file_sha256}</code>
        </dd>
      </dl>
      {earlier.length > 0 ? (
        <p class="warning" id="second-mailout">
          {t('lottery.second_mailout_note', { count: earlier.length })}
        </p>
      ) : null}
      {register.stored_as ? (
        <DrawForm c={c} register={register} values={form.values} errors={form.errors} detail={form.detail} />
      ) : (
        <p class="warning">{t('lottery.register_gone')}</p>
      )}
    </>,
    {
      status,
      notice: uploaded ? t('lottery.uploaded_notice', { rows: formatNumber(c, register.rows) }) : null,
    },
  );
}

async function registerOf(c: Ctx): Promise<RegisterRow | null> {
  const id = c.req.param('registerId') ?? '';
  if (!idPattern.test(id)) return null;
  return (await findRegister(c.var.config.database.db, c.var.assembly.id, id)) ?? null;
}

async function drawFormShow(c: Ctx) {
  const register = await registerOf(c);
  if (!register) return errorPage(c, 404, c.var.t('errors.not_found'));
  return drawFormPage(c, register, { values: { seed: suggestSeed() }, errors: {} });
}

/** The form's settings, or the errors to show next to its fields. */
async function parseDrawForm(
  c: Ctx,
  register: RegisterRow,
  body: Record<string, unknown>,
): Promise<{ settings: InvitationDrawSettings } | { errors: FieldErrors; detail?: TranslatedInputError }> {
  const t = c.var.t;
  const columns = registerColumns(register);
  const values = drawSchema.parse(drawValues(body));
  const errors: FieldErrors = {};
  let detail: TranslatedInputError | undefined;
  const count = /^\d+$/.test(values.count) ? Number.parseInt(values.count, 10) : Number.NaN;
  if (!values.count) errors.count = t('errors.required');
  else if (!(count >= 1 && count <= maxLetters))
    errors.count = t('errors.number_range', { min: 1, max: formatNumber(c, maxLetters) });
  if (!values.seed) errors.seed = t('errors.required');
  const household = values.household.filter((h) => h !== '');
  if (household.some((h) => !columns.includes(h))) errors.household = t('lottery.unknown_column');
  if (values.stratify && !columns.includes(values.stratify)) errors.stratify = t('lottery.unknown_column');
  if (values.language_column && !columns.includes(values.language_column))
    errors.language_column = t('lottery.unknown_column');

  let weights: Record<string, number> | null = null;
  const upload = body.weights_file;
  const weightsFile = upload instanceof File && upload.size > 0 ? upload : null;
  if (weightsFile && values.weights.trim()) errors.weights = t('lottery.weights_twice');
  else if (weightsFile) {
    try {
      weights = parseWeights(await weightsFile.text(), cleanFileName(weightsFile.name));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.weights_file = t('lottery.weights_file_unreadable');
      detail = translateInputError(t, error);
    }
  } else if (values.weights.trim()) {
    const parsed = parseWeightLines(values.weights);
    if (parsed.badLine !== null) errors.weights = t('lottery.weights_bad_line', { line: parsed.badLine });
    else weights = parsed.weights;
  }
  if (weights && !values.stratify) errors.stratify = t('lottery.weights_need_strata');
  if (Object.keys(errors).length > 0) return { errors, detail };
  return {
    settings: {
      count,
      seed: values.seed,
      householdColumns: household,
      stratifyColumn: values.stratify || null,
      weights,
      languageColumn: values.language_column || null,
    },
  };
}

/** Where a located error of the reader belongs on the form. */
function inputErrorField(error: InputError, settings: InvitationDrawSettings): string {
  return drawInputErrorField(error, settings);
}

async function drawSubmit(c: Ctx) {
  const t = c.var.t;
  const config = c.var.config;
  const register = await registerOf(c);
  if (!register) return errorPage(c, 404, t('errors.not_found'));
  const body = await c.req.parseBody({ all: true });
  const values = drawValues(body);
  delete values._csrf;
  if (!register.stored_as)
    return drawFormPage(c, register, { values, errors: { _form: t('errors.register_deleted') } }, 409);
  const parsed = await parseDrawForm(c, register, body);
  if ('errors' in parsed) return drawFormPage(c, register, { values, ...parsed }, 422);
  const settings = parsed.settings;
  try {
    await checkSeedUnused(config.database, c.var.assembly.id, settings.seed);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return drawFormPage(c, register, { values, errors: { seed: errorText(c, error) } }, 422);
  }
  const drawId = crypto.randomUUID();
  const request = {
    drawId,
    assembly: c.var.assembly,
    register,
    dataDir: config.dataDir,
    settings,
  };
  const actor = staffActor(c);

  if (register.rows > drawJobSettings.backgroundRows) {
    try {
      await startInvitationDrawJob(config.database, actor, {
        drawId,
        assemblyId: c.var.assembly.id,
        registerId: register.id,
        settings,
        values,
      });
    } catch (error) {
      if (error instanceof CommandError && error.code === 'draw_running')
        return drawFormPage(c, register, { values, errors: { _form: t('lottery.draw_running') } }, 409);
      throw error;
    }
    return c.redirect(`${base(c)}/draws/${drawId}`, 303);
  }

  try {
    await runInvitationDraw(config.database, actor, request);
  } catch (error) {
    if (error instanceof InputError) {
      return drawFormPage(
        c,
        register,
        {
          values,
          errors: { [inputErrorField(error, settings)]: t('lottery.draw_failed') },
          detail: translateInputError(t, error, {
            path: join(config.dataDir, register.stored_as),
            name: register.file_name,
          }),
        },
        422,
      );
    }
    if (error instanceof CommandError)
      return drawFormPage(
        c,
        register,
        { values, errors: { [error.field ?? '_form']: errorText(c, error) } },
        422,
      );
    throw error;
  }
  return c.redirect(`${base(c)}/draws/${drawId}?done=drawn`, 303);
}

// --- A draw: progress, result, downloads, erasure --------------------------------------------------

function ProgressBox(props: { c: Ctx; drawId: string; job: DrawJob }) {
  const { c, job } = props;
  const t = c.var.t;
  const percent = job.totalRows > 0 ? Math.min(100, Math.round((100 * job.rowsRead) / job.totalRows)) : 0;
  return (
    <div
      id="draw-progress"
      hx-get={`${base(c)}/draws/${props.drawId}`}
      hx-trigger="every 1s"
      hx-swap="outerHTML"
      role="status"
    >
      <label for="draw-progress-bar">{t('lottery.progress_label')}</label>
      <progress id="draw-progress-bar" max={100} value={percent}>
        {`${percent} %`}
      </progress>
      <p>
        {t('lottery.progress_rows', {
          rows: formatNumber(c, job.rowsRead),
          total: formatNumber(c, job.totalRows),
          percent,
        })}
      </p>
    </div>
  );
}

async function jobPage(c: Ctx, drawId: string, job: DrawJob) {
  const t = c.var.t;
  if (job.state === 'failed') {
    const register = await findRegister(c.var.config.database.db, c.var.assembly.id, job.registerId);
    if (!register) return errorPage(c, 404, t('errors.not_found'));
    if (c.req.header('hx-request') === 'true') {
      c.header('HX-Refresh', 'true');
      return c.body(null, 200);
    }
    // Translated now, in the language of whoever looks, from the keys the job stored.
    const failure = job.failure ?? { field: '_form', key: 'errors.unexpected' };
    const errors = { [failure.field]: t(failure.key, failure.params ?? {}) };
    return drawFormPage(
      c,
      register,
      { values: job.values, errors, detail: failure.detail?.[c.var.lang] },
      422,
    );
  }
  if (c.req.header('hx-request') === 'true') {
    c.header('Cache-Control', 'no-store');
    return c.html(<ProgressBox c={c} drawId={drawId} job={job} />);
  }
  // Without JavaScript the page reloads itself until the draw is done.
  c.header('Refresh', '3');
  return renderAssemblyPage(
    c,
    'invitations',
    t('lottery.drawing_title'),
    <>
      <p>{t('lottery.drawing_text')}</p>
      <ProgressBox c={c} drawId={drawId} job={job} />
    </>,
  );
}

function registrationBaseDefault(c: Ctx): string {
  return new URL(c.req.url).origin;
}

/** The address printed on the letters: an http(s) origin, perhaps with a path, nothing more. */
function parseRegistrationBase(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.search || url.hash || url.username || url.password) return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

interface DrawPageForm {
  base?: string;
  errors: FieldErrors;
}

async function drawResultPage(
  c: Ctx,
  draw: InvitationDrawRow,
  form: DrawPageForm = { errors: {} },
  status: 200 | 422 = 200,
) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const settings = JSON.parse(draw.settings) as StoredDrawSettings;
  const register = draw.register_id ? await findRegister(db, c.var.assembly.id, draw.register_id) : undefined;
  const recipients = await countRecipients(db, draw.id);
  const b = `${base(c)}/draws/${draw.id}`;
  const done = c.req.query('done');
  const notice =
    c.req.method === 'GET' && done && ['drawn', 'same', 'differs', 'erased'].includes(done)
      ? t(`lottery.done_${done}`)
      : null;
  return renderAssemblyPage(
    c,
    'invitations',
    t('lottery.draw_result_title', { date: formatTime(c, draw.created_at) }),
    <>
      <p>
        <a href={`${base(c)}/lottery`}>{t('lottery.back_to_lottery')}</a>
      </p>
      <ErrorSummary
        title={t('errors.summary')}
        errors={form.errors}
        labels={{ base: t('lottery.base'), confirm: t('lottery.erase_confirm') }}
      />
      <dl class="facts" id="draw-facts">
        <dt>{t('lottery.register_file')}</dt>
        <dd>{register?.file_name ?? t('lottery.register_gone')}</dd>
        <dt>{t('lottery.rows_read')}</dt>
        <dd>{formatNumber(c, settings.rowsRead)}</dd>
        <dt>{t('lottery.households')}</dt>
        <dd>{formatNumber(c, settings.households)}</dd>
        <dt>{t('lottery.requested')}</dt>
        <dd>{formatNumber(c, draw.requested)}</dd>
        <dt>{t('lottery.letters')}</dt>
        <dd id="drawn-count">{formatNumber(c, draw.drawn)}</dd>
        <dt>{t('lottery.household_columns')}</dt>
        <dd>
          {settings.householdColumns.length > 0 ? settings.householdColumns.join(', ') : t('lottery.none')}
        </dd>
        <dt>{t('lottery.stratify')}</dt>
        <dd>{settings.stratifyColumn ?? t('lottery.none')}</dd>
        <dt>{t('lottery.seed')}</dt>
        <dd>
          <code id="draw-seed">{draw.seed}</code>
        </dd>
        <dt>{t('lottery.result_sha256')}</dt>
        <dd>
          <code id="draw-hash">{draw.result_sha256}</code>
        </dd>
        <dt>{t('lottery.file_sha256')}</dt>
        <dd>
          <code>{settings.registerSha256}</code>
        </dd>
      </dl>
      <p>{t('lottery.reproducible_text')}</p>
      {register?.stored_as ? (
        <form method="post" action={`${b}/check`} class="inline">
          <Csrf c={c} />
          <SubmitButton label={t('lottery.check')} secondary />
        </form>
      ) : null}
      {settings.replacedCodes > 0 ? (
        <p class="warning">{t('lottery.replaced_codes', { count: settings.replacedCodes })}</p>
      ) : null}
      {settings.warnings.length > 0 ? (
        <section aria-labelledby="draw-warnings">
          <h2 id="draw-warnings">{t('lottery.warnings')}</h2>
          <ul>
            {settings.warnings.map((w) =>
              typeof w === 'string' ? (
                <li lang="en">{w}</li>
              ) : (
                <li>{t(`invitation_warnings.${w.code}`, w.params)}</li>
              ),
            )}
          </ul>
        </section>
      ) : null}
      {settings.allocation.length > 0 ? (
        <section aria-labelledby="draw-allocation">
          <h2 id="draw-allocation">{t('lottery.allocation')}</h2>
          <div class="table-wrap">
            <table id="allocation">
              <caption class="visually-hidden">{t('lottery.allocation')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lottery.stratum')}</th>
                  <th scope="col" class="number">
                    {t('lottery.households')}
                  </th>
                  <th scope="col" class="number">
                    {t('lottery.weight')}
                  </th>
                  <th scope="col" class="number">
                    {t('lottery.letters')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {settings.allocation.map((a) => (
                  <tr>
                    <th scope="row">{a.stratum || t('lottery.blank_stratum')}</th>
                    <td class="number">{formatNumber(c, a.households)}</td>
                    <td class="number">{formatNumber(c, a.weight, 3)}</td>
                    <td class="number">{formatNumber(c, a.letters)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="draw-letters">
        <h2 id="draw-letters">{t('lottery.letters_heading')}</h2>
        {recipients === 0 ? (
          <p>{t('lottery.no_recipients')}</p>
        ) : (
          <form method="get" action={`${b}/letters.pdf`} class="stack narrow" novalidate>
            <p>{t('lottery.letters_text', { count: recipients })}</p>
            <TextField
              name="base"
              label={t('lottery.base')}
              hint={t('lottery.base_hint')}
              value={form.base ?? registrationBaseDefault(c)}
              error={form.errors.base}
              autocomplete="url"
            />
            <SelectField
              name="language"
              label={t('lottery.pdf_language')}
              options={languages.map((l) => ({ value: l, label: t(`lottery.language_${l}`) }))}
              empty={t('lottery.all_languages')}
            />
            <div class="actions">
              <SubmitButton label={t('lottery.download_pdf')} />
              <button type="submit" class="button secondary" formaction={`${b}/letters.csv`}>
                {t('lottery.download_csv')}
              </button>
            </div>
            <p class="hint">
              {t('lottery.templates_text')}{' '}
              {languages.map((l) => (
                <>
                  <a href={`${base(c)}/letters/${l}`}>{t(`lottery.template_${l}`)}</a>{' '}
                </>
              ))}
            </p>
          </form>
        )}
      </section>

      <section aria-labelledby="draw-erase">
        <h2 id="draw-erase">{t('lottery.erase_heading')}</h2>
        <p>{t('lottery.erase_text')}</p>
        {recipients > 0 || register?.stored_as ? (
          <form method="post" action={`${b}/erase`} class="stack narrow" novalidate>
            <Csrf c={c} />
            <div class={form.errors.confirm ? 'field has-error' : 'field'}>
              {form.errors.confirm ? (
                <p class="field-error" id="confirm-error">
                  {form.errors.confirm}
                </p>
              ) : null}
              <div class="choice">
                <input
                  type="checkbox"
                  id="confirm"
                  name="confirm"
                  value="yes"
                  required
                  aria-invalid={form.errors.confirm ? 'true' : undefined}
                  aria-describedby={form.errors.confirm ? 'confirm-error' : undefined}
                />
                <label for="confirm">{t('lottery.erase_confirm')}</label>
              </div>
            </div>
            <button type="submit" class="button danger">
              {t('lottery.erase')}
            </button>
          </form>
        ) : (
          <p>{t('lottery.erased_already')}</p>
        )}
      </section>
    </>,
    { notice, status },
  );
}

async function drawOf(c: Ctx): Promise<InvitationDrawRow | null> {
  const id = c.req.param('drawId') ?? '';
  if (!idPattern.test(id)) return null;
  return (await findInvitationDraw(c.var.config.database.db, c.var.assembly.id, id)) ?? null;
}

async function drawShow(c: Ctx) {
  const id = c.req.param('drawId') ?? '';
  const draw = await drawOf(c);
  if (draw) {
    if (c.req.header('hx-request') === 'true') {
      // The progress box asked, and the draw is done: show the whole result page.
      c.header('HX-Refresh', 'true');
      return c.body(null, 200);
    }
    return drawResultPage(c, draw);
  }
  const job = idPattern.test(id) ? await drawJobOf(c, id) : null;
  if (job) return jobPage(c, id, job);
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

async function checkSubmit(c: Ctx) {
  const draw = await drawOf(c);
  if (!draw) return errorPage(c, 404, c.var.t('errors.not_found'));
  try {
    const check = await redrawForCheck(
      c.var.config.database,
      c.var.assembly.id,
      draw.id,
      c.var.config.dataDir,
    );
    return c.redirect(
      `${base(c)}/draws/${draw.id}?done=${check.now === check.recorded ? 'same' : 'differs'}`,
      303,
    );
  } catch (error) {
    if (error instanceof CommandError)
      return drawResultPage(c, draw, { errors: { _form: errorText(c, error) } }, 422);
    if (error instanceof InputError)
      return drawResultPage(c, draw, { errors: { _form: c.var.t('lottery.draw_failed') } }, 422);
    throw error;
  }
}

async function eraseSubmit(c: Ctx) {
  const draw = await drawOf(c);
  if (!draw) return errorPage(c, 404, c.var.t('errors.not_found'));
  const { confirm } = z.object({ confirm: z.string().max(10).catch('') }).parse(await c.req.parseBody());
  if (confirm !== 'yes')
    return drawResultPage(c, draw, { errors: { confirm: c.var.t('lottery.erase_confirm_needed') } }, 422);
  await eraseUnansweredRecipients(
    c.var.config.database,
    staffActor(c),
    c.var.assembly.id,
    draw.id,
    c.var.config.dataDir,
  );
  return c.redirect(`${base(c)}/draws/${draw.id}?done=erased`, 303);
}

// --- Templates -------------------------------------------------------------------------------------

/** The columns placeholders may name: those of the newest register extract. */
async function latestColumns(c: Ctx): Promise<string[] | null> {
  const [latest] = await listRegisters(c.var.config.database.db, c.var.assembly.id);
  return latest ? registerColumns(latest) : null;
}

function defaultTemplate(c: Ctx, language: Language, columns: readonly string[] | null): LetterTemplate {
  const t = translator(language);
  const assembly = c.var.assembly;
  const title = assemblyTitle(assembly, language);
  return {
    subject: t('letters.default_subject', { title }),
    address: suggestAddress(columns ?? []),
    body: t('letters.default_body', { title }),
    signature: t('letters.default_signature', { coordinator: assembly.coordinator || title }),
  };
}

async function templatesOf(
  c: Ctx,
  columns: readonly string[] | null,
): Promise<Record<Language, LetterTemplate>> {
  const rows = await listLetterTemplates(c.var.config.database.db, c.var.assembly.id);
  const out = {} as Record<Language, LetterTemplate>;
  for (const language of languages) {
    const row = rows.find((r) => r.language === language);
    out[language] = row
      ? { subject: row.subject, address: row.address, body: row.body, signature: row.signature }
      : defaultTemplate(c, language, columns);
  }
  return out;
}

function templateErrorText(c: Ctx, problem: LetterTemplateError, columns: readonly string[]): string {
  return c.var.t(problem.kind === 'unknown' ? 'errors.placeholder_unknown' : 'errors.placeholder_unclosed', {
    placeholder: problem.kind === 'unknown' ? `{{${problem.placeholder}}}` : problem.placeholder,
    columns: columns.join(', '),
  });
}

function LetterPreview(props: { c: Ctx; letter: ReturnType<typeof mergeLetter>; sample: boolean }) {
  const { c, letter } = props;
  const t = c.var.t;
  return (
    <section aria-labelledby="preview-heading" class="card" id="letter-preview" lang={letter.language}>
      <h2 id="preview-heading" lang={c.var.lang}>
        {t('lottery.preview_heading')}
      </h2>
      <p class="hint" lang={c.var.lang}>
        {props.sample ? t('lottery.preview_sample') : t('lottery.preview_first')}
      </p>
      <p>
        {letter.addressLines.map((line, i) => (
          <>
            {i > 0 ? <br /> : null}
            {line}
          </>
        ))}
      </p>
      <h3>{letter.subject}</h3>
      {letter.body.split(/\n\s*\n/).map((paragraph) => (
        <p>
          {paragraph.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
      <p>
        {letter.signature.split('\n').map((line, i) => (
          <>
            {i > 0 ? <br /> : null}
            {line}
          </>
        ))}
      </p>
      <p>
        {translator(letter.language)('letters.pdf_code_label')}: <strong>{letter.code}</strong>
      </p>
      <p>
        <code>{letter.url}</code>
      </p>
    </section>
  );
}

async function templatePage(
  c: Ctx,
  language: Language,
  form: { values: LetterTemplate; errors: FieldErrors; preview?: boolean } | null,
  status: 200 | 422 = 200,
) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const columns = await latestColumns(c);
  const values = form?.values ?? (await templatesOf(c, columns))[language];
  const errors = form?.errors ?? {};
  let preview: { letter: ReturnType<typeof mergeLetter>; sample: boolean } | null = null;
  if (form?.preview && Object.keys(errors).length === 0) {
    const [draw] = await listInvitationDraws(db, c.var.assembly.id);
    const letters = draw ? await drawLetters(db, draw.id, 200) : [];
    const first = letters.find((l) => (l.language ?? language) === language) ?? letters[0];
    const cols = columns ?? [];
    const recipient = first
      ? { fields: JSON.parse(first.fields) as Record<string, string>, code: first.code, language }
      : {
          fields: Object.fromEntries(cols.map((col) => [col, `[${col}]`])),
          code: 'ACDEF-GHJK3',
          language,
        };
    preview = {
      letter: mergeLetter(values, cols, recipient, registrationBaseDefault(c)),
      sample: !first,
    };
  }
  const saved = c.req.query('done') === 'saved' && c.req.method === 'GET';
  const placeholders = [...(columns ?? []), codePlaceholder, urlPlaceholder].map((p) => `{{${p}}}`).join(' ');
  return renderAssemblyPage(
    c,
    'invitations',
    t('lottery.template_title', { language: t(`lottery.language_${language}`) }),
    <>
      <p>
        <a href={`${base(c)}/lottery`}>{t('lottery.back_to_lottery')}</a>
      </p>
      <p>{t('lottery.template_lead')}</p>
      <p id="placeholders">
        {columns
          ? t('lottery.placeholders', { placeholders })
          : t('lottery.placeholders_no_register', { placeholders })}
      </p>
      <form method="post" action={`${base(c)}/letters/${language}`} class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary
          title={t('errors.summary')}
          errors={errors}
          labels={{
            subject: t('lottery.template_subject'),
            address: t('lottery.template_address'),
            body: t('lottery.template_body'),
            signature: t('lottery.template_signature'),
          }}
        />
        <TextField
          name="subject"
          label={t('lottery.template_subject')}
          value={values.subject}
          error={errors.subject}
          lang={language}
        />
        <TextArea
          name="address"
          label={t('lottery.template_address')}
          hint={t('lottery.template_address_hint')}
          value={values.address}
          error={errors.address}
          rows={5}
          lang={language}
        />
        <TextArea
          name="body"
          label={t('lottery.template_body')}
          hint={t('lottery.template_body_hint', { max: formatNumber(c, templateLimits.body) })}
          value={values.body}
          error={errors.body}
          rows={14}
          lang={language}
        />
        <TextArea
          name="signature"
          label={t('lottery.template_signature')}
          value={values.signature}
          error={errors.signature}
          rows={4}
          lang={language}
        />
        <div class="actions">
          <SubmitButton label={t('lottery.template_save')} name="action" value="save" />
          <SubmitButton label={t('lottery.template_preview')} name="action" value="preview" secondary />
        </div>
      </form>
      {preview ? <LetterPreview c={c} letter={preview.letter} sample={preview.sample} /> : null}
    </>,
    { status, notice: saved ? t('lottery.template_saved') : null },
  );
}

function languageOf(c: Ctx): Language | null {
  const l = c.req.param('language');
  return (languages as readonly string[]).includes(l ?? '') ? (l as Language) : null;
}

async function templateShow(c: Ctx) {
  const language = languageOf(c);
  if (!language) return errorPage(c, 404, c.var.t('errors.not_found'));
  return templatePage(c, language, null);
}

const templateSchema = z.object({
  subject: z.string().max(templateLimits.subject, 'too_long').catch(''),
  address: z.string().max(templateLimits.address, 'too_long').catch(''),
  body: z.string().max(templateLimits.body, 'too_long').catch(''),
  signature: z.string().max(templateLimits.signature, 'too_long').catch(''),
  action: z.enum(['save', 'preview']).catch('save'),
});

async function templateSubmit(c: Ctx) {
  const t = c.var.t;
  const language = languageOf(c);
  if (!language) return errorPage(c, 404, t('errors.not_found'));
  const raw = await c.req.parseBody();
  const text = (name: string) =>
    typeof raw[name] === 'string' ? (raw[name] as string).replace(/\r\n/g, '\n') : '';
  const values: LetterTemplate = {
    subject: text('subject').trim(),
    address: text('address').trim(),
    body: text('body').trim(),
    signature: text('signature').trim(),
  };
  const { action } = templateSchema.parse({ ...values, action: raw.action });
  const columns = await latestColumns(c);
  const errors: FieldErrors = {};
  for (const part of ['subject', 'address', 'body', 'signature'] as const) {
    if (values[part].length > templateLimits[part])
      errors[part] = t('errors.too_long', { max: templateLimits[part] });
    // PostgreSQL cannot store a NUL, and no control character belongs in a letter.
    else if (hasControlCharacters(values[part], part !== 'subject'))
      errors[part] = t('errors.control_characters');
  }
  for (const part of ['address', 'body'] as const) if (!values[part]) errors[part] ??= t('errors.required');
  if (columns) {
    for (const problem of templateProblems(values, columns))
      errors[problem.part] ??= templateErrorText(c, problem, columns);
  }
  if (Object.keys(errors).length > 0) return templatePage(c, language, { values, errors }, 422);
  if (action === 'preview') return templatePage(c, language, { values, errors, preview: true });
  try {
    await saveLetterTemplate(
      c.var.config.database,
      staffActor(c),
      c.var.assembly.id,
      language,
      values,
      columns,
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return templatePage(
      c,
      language,
      { values, errors: { [error.field ?? '_form']: errorText(c, error) } },
      422,
    );
  }
  return c.redirect(`${base(c)}/letters/${language}?done=saved`, 303);
}

// --- Letters: PDF and CSV --------------------------------------------------------------------------

const downloadSchema = z.object({
  base: z.string().max(500).catch(''),
  language: z.string().max(10).catch(''),
});

interface LetterDownload {
  draw: InvitationDrawRow;
  columns: string[];
  letters: { fields: Record<string, string>; code: string; language: Language }[];
  registrationBase: string;
}

/** The draw's letters and where they lead, or the draw page with the problem. */
async function prepareDownload(c: Ctx): Promise<LetterDownload | Response> {
  const t = c.var.t;
  const draw = await drawOf(c);
  if (!draw) return errorPage(c, 404, t('errors.not_found'));
  const query = downloadSchema.parse(c.req.query());
  const registrationBase = query.base ? parseRegistrationBase(query.base) : registrationBaseDefault(c);
  if (!registrationBase)
    return drawResultPage(c, draw, { base: query.base, errors: { base: t('lottery.base_invalid') } }, 422);
  const register = draw.register_id
    ? await findRegister(c.var.config.database.db, c.var.assembly.id, draw.register_id)
    : undefined;
  const rows: DrawnLetterRow[] = await drawLetters(c.var.config.database.db, draw.id);
  const fallback = assemblyLetterLanguage(c.var.assembly);
  const only = (languages as readonly string[]).includes(query.language)
    ? (query.language as Language)
    : null;
  const letters = rows
    .map((r) => ({
      fields: JSON.parse(r.fields) as Record<string, string>,
      code: r.code,
      language: letterLanguage(r.language ?? undefined, fallback),
    }))
    .filter((l) => !only || l.language === only);
  const columns = register ? registerColumns(register) : Object.keys(letters[0]?.fields ?? {});
  return { draw, columns, letters, registrationBase };
}

function downloadName(c: Ctx, draw: InvitationDrawRow, extension: string): string {
  const slug = c.var.assembly.slug.replace(/[^A-Za-z0-9-]/g, '-');
  return `letters-${slug}-${draw.created_at.slice(0, 10)}.${extension}`;
}

async function pdfDownload(c: Ctx) {
  const t = c.var.t;
  const prepared = await prepareDownload(c);
  if (prepared instanceof Response) return prepared;
  const { draw, columns, letters, registrationBase } = prepared;
  const templates = await templatesOf(c, columns);
  const used = new Set(letters.map((l) => l.language));
  for (const language of used) {
    const [problem] = templateProblems(templates[language], columns, language);
    if (problem) {
      return drawResultPage(
        c,
        draw,
        {
          base: registrationBase,
          errors: {
            _form: t('lottery.template_broken', {
              language: t(`lottery.language_${language}`),
              problem: templateErrorText(c, problem, columns),
            }),
          },
        },
        422,
      );
    }
  }
  const sender: Partial<Record<Language, string>> = {};
  for (const language of languages) sender[language] = assemblyTitle(c.var.assembly, language);
  const query = downloadSchema.parse(c.req.query());
  const only = (languages as readonly string[]).includes(query.language)
    ? (query.language as Language)
    : null;
  // Made by a job into a file (any worker may make it), then handed out from the file.
  const jobId = await requestLettersPdf(c.var.config.database, staffActor(c), c.var.config.dataDir, {
    drawId: draw.id,
    assemblyId: c.var.assembly.id,
    language: only,
    registrationBase,
    templates: Object.fromEntries([...used].map((l) => [l, templates[l]])),
    columns,
    sender,
    date: new Date().toISOString(),
  });
  // Most letter runs take seconds: the request waits for the file. A longer one gets a page that
  // follows the job and offers the file once it is there.
  const end = Date.now() + letterPdfSettings.waitMillis;
  for (;;) {
    const job = await findJobOfKind(c.var.config.database.db, c.var.assembly.id, lettersPdfJob.name, jobId);
    if (job?.status !== 'queued' && job?.status !== 'running') break;
    if (Date.now() >= end) return c.redirect(`${base(c)}/draws/${draw.id}/letters/${jobId}`, 303);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return lettersFileResponse(c, draw, jobId);
}

/** How long a download request waits for its PDF before showing the page that follows the job. */
export const letterPdfSettings = { waitMillis: 10_000 };

/** The finished PDF of a letters job; while it is being made, a page that follows it; its failure, explained. */
async function lettersFileResponse(c: Ctx, draw: InvitationDrawRow, jobId: string) {
  const t = c.var.t;
  const job = await findJobOfKind(c.var.config.database.db, c.var.assembly.id, lettersPdfJob.name, jobId);
  if (!job || (JSON.parse(job.input) as { drawId?: string }).drawId !== draw.id)
    return errorPage(c, 404, t('errors.not_found'));
  if (job.status === 'queued' || job.status === 'running') {
    c.header('Refresh', '2');
    c.header('Cache-Control', 'no-store');
    const percent = Math.round((job.progress ?? 0) * 100);
    return renderAssemblyPage(
      c,
      'invitations',
      t('lottery.letters_job_title'),
      <div role="status">
        <p>{t('lottery.letters_job_text')}</p>
        <progress id="letters-progress" max={100} value={percent}>{`${percent} %`}</progress>
      </div>,
    );
  }
  const result = job.status === 'done' && job.result ? (JSON.parse(job.result) as { file: string }) : null;
  const path = result ? jobFilePath(c.var.config.dataDir, job.id, result.file) : null;
  const size = path
    ? await stat(path).then(
        (s) => s.size,
        () => null,
      )
    : null;
  if (path === null || size === null) {
    if (job.status === 'failed') {
      const code = (JSON.parse(job.error ?? '{}') as { code?: string }).code ?? 'error';
      log.error({ job: job.id, code }, 'letters PDF failed');
    }
    return errorPage(c, 500, t('lottery.letters_job_failed'));
  }
  return c.body(Readable.toWeb(createReadStream(path)) as ReadableStream, 200, {
    'Content-Type': 'application/pdf',
    'Content-Length': String(size),
    'Content-Disposition': `attachment; filename="${downloadName(c, draw, 'pdf')}"`,
    'Cache-Control': 'no-store',
  });
}

async function lettersJobPage(c: Ctx) {
  const draw = await drawOf(c);
  const jobId = c.req.param('jobId') ?? '';
  if (!draw || !idPattern.test(jobId)) return errorPage(c, 404, c.var.t('errors.not_found'));
  return lettersFileResponse(c, draw, jobId);
}

async function csvDownload(c: Ctx) {
  const prepared = await prepareDownload(c);
  if (prepared instanceof Response) return prepared;
  const { draw, columns, letters, registrationBase } = prepared;
  return c.body(lettersCsv(columns, letters, registrationBase, csvDialectFor(c.var.lang)), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${downloadName(c, draw, 'csv')}"`,
    'Cache-Control': 'no-store',
  });
}

// --- Responses -------------------------------------------------------------------------------------

interface ResponseLine {
  label: string;
  letters: number;
  registrations: number;
}

function rate(line: { letters: number; registrations: number }): number {
  return line.letters > 0 ? line.registrations / line.letters : 0;
}

function ResponseTable(props: { c: Ctx; id: string; caption: string; head: string; lines: ResponseLine[] }) {
  const { c, lines } = props;
  const t = c.var.t;
  const total = lines.reduce(
    (sum, l) => ({ letters: sum.letters + l.letters, registrations: sum.registrations + l.registrations }),
    { letters: 0, registrations: 0 },
  );
  const percent = (l: { letters: number; registrations: number }) => formatPercent(c, rate(l));
  return (
    <div class="table-wrap">
      <table id={props.id}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            <th scope="col" class="number">
              {t('lottery.letters_sent')}
            </th>
            <th scope="col" class="number">
              {t('lottery.registrations')}
            </th>
            <th scope="col" class="number">
              {t('lottery.response_rate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr>
              <th scope="row">{l.label}</th>
              <td class="number">{formatNumber(c, l.letters)}</td>
              <td class="number">{formatNumber(c, l.registrations)}</td>
              <td class="number">{percent(l)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('lottery.total')}</th>
            <td class="number">{formatNumber(c, total.letters)}</td>
            <td class="number">{formatNumber(c, total.registrations)}</td>
            <td class="number">{percent(total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

async function responsesPage(c: Ctx) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const counts = await responseCounts(db, c.var.assembly.id);
  const draws = await listInvitationDraws(db, c.var.assembly.id);
  const drawn = counts.filter((r) => r.drawId !== null);
  const byStratum = new Map<string, ResponseLine>();
  for (const r of drawn) {
    const label = r.stratum === null ? t('lottery.not_stratified') : r.stratum || t('lottery.blank_stratum');
    const line = byStratum.get(label) ?? { label, letters: 0, registrations: 0 };
    line.letters += r.letters;
    line.registrations += r.registrations;
    byStratum.set(label, line);
  }
  const strata = [...byStratum.values()].sort((a, b) => a.label.localeCompare(b.label, localeOf(c)));
  const perDraw: ResponseLine[] = draws
    .map((d) => {
      const rows = drawn.filter((r) => r.drawId === d.id);
      return {
        label: formatTime(c, d.created_at),
        letters: rows.reduce((s, r) => s + r.letters, 0),
        registrations: rows.reduce((s, r) => s + r.registrations, 0),
      };
    })
    .reverse();
  const byHand = counts.filter((r) => r.drawId === null);
  const handLine: ResponseLine = {
    label: t('lottery.codes_by_hand'),
    letters: byHand.reduce((s, r) => s + r.letters, 0),
    registrations: byHand.reduce((s, r) => s + r.registrations, 0),
  };
  return renderAssemblyPage(
    c,
    'invitations',
    t('lottery.responses_title'),
    <>
      <p>
        <a href={`${base(c)}/lottery`}>{t('lottery.back_to_lottery')}</a>
      </p>
      <p>{t('lottery.responses_lead')}</p>
      {strata.length === 0 ? (
        <p>{t('lottery.no_draws')}</p>
      ) : (
        <>
          <div class="charts">
            <BarChart
              id="response-chart"
              title={t('lottery.rate_chart')}
              data={strata.map((s) => ({ label: s.label, value: Math.round(rate(s) * 1000) / 10 }))}
            />
            <BarChart
              id="letters-chart"
              title={t('lottery.letters_chart')}
              data={strata.map((s) => ({ label: s.label, value: s.letters }))}
            />
            <BarChart
              id="registrations-chart"
              title={t('lottery.registrations_chart')}
              data={strata.map((s) => ({ label: s.label, value: s.registrations }))}
            />
          </div>
          <ResponseTable
            c={c}
            id="responses-by-stratum"
            caption={t('lottery.by_stratum')}
            head={t('lottery.stratum')}
            lines={strata}
          />
          <ResponseTable
            c={c}
            id="responses-by-draw"
            caption={t('lottery.by_draw')}
            head={t('lottery.drawn_at')}
            lines={perDraw}
          />
        </>
      )}
      {handLine.letters > 0 ? (
        <ResponseTable
          c={c}
          id="responses-by-hand"
          caption={t('lottery.codes_by_hand')}
          head={t('lottery.kind')}
          lines={[handLine]}
        />
      ) : null}
      <section aria-labelledby="second-mailout-heading">
        <h2 id="second-mailout-heading">{t('lottery.second_mailout_heading')}</h2>
        <p>{t('lottery.second_mailout_text')}</p>
      </section>
    </>,
  );
}

export const invitationDrawRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/invitations/lottery',
    access: permission,
    handler: (c) => lotteryPage(c),
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/invitations/registers',
    access: permission,
    handler: uploadSubmit,
    body: 'stream',
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/invitations/registers/:registerId',
    access: permission,
    handler: drawFormShow,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/invitations/registers/:registerId',
    access: permission,
    handler: drawSubmit,
    // The draw form may carry a weights file.
    body: 'upload',
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/invitations/registers/:registerId/delete',
    access: permission,
    handler: deleteRegisterSubmit,
  },
  { method: 'GET', path: '/a/:assemblyId/invitations/draws/:drawId', access: permission, handler: drawShow },
  {
    method: 'POST',
    path: '/a/:assemblyId/invitations/draws/:drawId/check',
    access: permission,
    handler: checkSubmit,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/invitations/draws/:drawId/letters.pdf',
    access: permission,
    handler: pdfDownload,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/invitations/draws/:drawId/letters/:jobId',
    access: permission,
    handler: lettersJobPage,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/invitations/draws/:drawId/letters.csv',
    access: permission,
    handler: csvDownload,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/invitations/draws/:drawId/erase',
    access: permission,
    handler: eraseSubmit,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/invitations/letters/:language',
    access: permission,
    handler: templateShow,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/invitations/letters/:language',
    access: permission,
    handler: templateSubmit,
  },
  { method: 'GET', path: '/a/:assemblyId/invitations/responses', access: permission, handler: responsesPage },
];
