/** The assemblies list, creating and editing an assembly, its phase, questions, team and audit log. */
import { z } from 'zod';
import {
  type AssemblyFields,
  configureQuestions,
  createAssembly,
  grantRole,
  type QuestionInput,
  revokeRole,
  setPhase,
  updateAssembly,
} from '../../commands/assemblies.ts';
import { CommandError } from '../../commands/command.ts';
import { isCalendarDate } from '../../domain/dates.ts';
import { fieldLimits, hasControlCharacters } from '../../domain/field-limits.ts';
import { personStatuses } from '../../domain/person-status.ts';
import { phases } from '../../domain/phases.ts';
import {
  hasContact,
  type PrivacySettings,
  type PrivacyTextField,
  privacyLimits,
  privacyTextFields,
} from '../../domain/privacy-notice.ts';
import { isReservedName, labelIn, type Question } from '../../domain/questions.ts';
import { covers, grantableRoles, isStaffRole, staffRoles } from '../../domain/roles.ts';
import { languages, translator } from '../../i18n/i18n.ts';
import type { Assembly } from '../../repositories/assemblies.ts';
import { listAssembliesFor, listQuestions, listTeam } from '../../repositories/assemblies.ts';
import { listAudit } from '../../repositories/audit.ts';
import { countInvitations } from '../../repositories/invitations.ts';
import { countByStatus } from '../../repositories/people.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { needs, type Route, staffAccess } from '../routing.ts';
import { fieldErrors, noticeIn, pageNumber, textFields } from '../validation.ts';
import { assemblyTitle, renderAssemblyPage } from '../views/assembly-frame.tsx';
import { AuditTable } from '../views/audit-table.tsx';
import { BarChart } from '../views/charts.tsx';
import {
  ButtonLink,
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
import { render } from '../views/layout.tsx';
import { standardPrivacyText } from '../views/privacy-notice.tsx';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const privacyTextName = (field: PrivacyTextField, language: string) => `privacy_${field}_${language}`;

/** The privacy notice's fields on the assembly form; empty ones mean "use the standard text". */
/** A privacy setting: shown on public pages, so no control characters (line breaks where it has lines). */
const privacyText = (max: number, lines = false) =>
  z
    .string()
    .trim()
    .max(max, 'too_long')
    .refine((v) => !hasControlCharacters(v, lines), 'control_characters')
    .default('');

const privacySchema = z.object({
  privacy_controller: privacyText(privacyLimits.controller),
  privacy_email: privacyText(privacyLimits.email).refine(
    (v) => v === '' || emailPattern.test(v),
    'email_invalid',
  ),
  privacy_phone: privacyText(privacyLimits.phone),
  privacy_address: privacyText(privacyLimits.address, true),
  ...Object.fromEntries(
    privacyTextFields.flatMap((field) =>
      languages.map((language) => [privacyTextName(field, language), privacyText(privacyLimits.text, true)]),
    ),
  ),
});

/** The notices the assembly pages are sent back with after a change. */
const assemblyNotices = ['created', 'saved'] as const;

const isoDate = z.union([z.literal(''), z.string().refine(isCalendarDate, 'date_invalid')]);

/** Text of an assembly's description: no control characters, which PostgreSQL may not even store. */
const text = (max: number, lines = false) =>
  z
    .string()
    .trim()
    .max(max, 'too_long')
    .refine((v) => !hasControlCharacters(v, lines), 'control_characters');

const assemblySchema = z
  .object({
    title_sv: text(200).pipe(z.string().min(1, 'required')),
    title_en: text(200).default(''),
    remit_sv: text(2000, true).pipe(z.string().min(1, 'required')),
    remit_en: text(2000, true).default(''),
    commissioner: text(200).default(''),
    funding_source: text(200).default(''),
    coordinator: text(200).default(''),
    panel_size: z.coerce
      .number('number_invalid')
      .int('number_invalid')
      .min(2, 'number_range')
      .max(1000, 'number_range'),
    languages: z.array(z.enum(languages)).min(1, 'required'),
    starts_on: isoDate.default(''),
    ends_on: isoDate.default(''),
  })
  .extend(privacySchema.shape);

function privacyOf(v: Record<string, unknown>): AssemblyFields['privacy'] {
  const text = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : '');
  return {
    controller: text('privacy_controller'),
    email: text('privacy_email'),
    phone: text('privacy_phone'),
    address: text('privacy_address'),
    texts: Object.fromEntries(
      privacyTextFields.map((field) => [
        field,
        Object.fromEntries(
          languages
            .map((language) => [language, text(privacyTextName(field, language))])
            .filter(([, value]) => value !== ''),
        ),
      ]),
    ) as Record<PrivacyTextField, Record<string, string>>,
  };
}

function toFields(v: z.infer<typeof assemblySchema>): AssemblyFields {
  return {
    title: { sv: v.title_sv, ...(v.title_en ? { en: v.title_en } : {}) },
    remit: { sv: v.remit_sv, ...(v.remit_en ? { en: v.remit_en } : {}) },
    commissioner: v.commissioner,
    fundingSource: v.funding_source,
    coordinator: v.coordinator,
    panelSize: v.panel_size,
    languages: v.languages,
    startsOn: v.starts_on || null,
    endsOn: v.ends_on || null,
    privacy: privacyOf(v),
  };
}

function valuesOf(a: Assembly): FormValues {
  const title = a.title;
  const remit = a.remit;
  return {
    title_sv: title.sv ?? '',
    title_en: title.en ?? '',
    remit_sv: remit.sv ?? '',
    remit_en: remit.en ?? '',
    commissioner: a.commissioner,
    funding_source: a.funding_source,
    coordinator: a.coordinator,
    panel_size: String(a.panel_size),
    languages: a.languages,
    starts_on: a.starts_on ?? '',
    ends_on: a.ends_on ?? '',
    ...privacyValues(a.privacy),
  };
}

function privacyValues(p: PrivacySettings): FormValues {
  const values: FormValues = {
    privacy_controller: p.controller,
    privacy_email: p.email,
    privacy_phone: p.phone,
    privacy_address: p.address,
  };
  for (const field of privacyTextFields) {
    for (const language of languages)
      values[privacyTextName(field, language)] = p.texts[field][language] ?? '';
  }
  return values;
}

/**
 * The privacy notice part of the assembly form. Each text field says what the notice shows when it
 * is left empty, worked out from what is typed above (title, end date).
 */
function PrivacyFields(props: { c: Ctx; values: FormValues; errors: FieldErrors }) {
  const { c, values, errors } = props;
  const t = c.var.t;
  const typed = {
    title: { sv: str(values, 'title_sv'), en: str(values, 'title_en') },
    ends_on: /^\d{4}-\d{2}-\d{2}$/.test(str(values, 'ends_on')) ? str(values, 'ends_on') : null,
  };
  return (
    <fieldset class="stack" id="privacy-settings">
      <legend>{t('privacy.settings.legend')}</legend>
      <p class="hint">{t('privacy.settings.lead')}</p>
      <TextField
        name="privacy_controller"
        label={t('privacy.settings.controller')}
        hint={t('privacy.settings.controller_hint')}
        value={str(values, 'privacy_controller')}
        error={errors.privacy_controller}
        autocomplete="organization"
      />
      <TextField
        name="privacy_email"
        type="email"
        label={t('privacy.settings.email')}
        value={str(values, 'privacy_email')}
        error={errors.privacy_email}
        autocomplete="off"
        inputmode="email"
      />
      <TextField
        name="privacy_phone"
        type="tel"
        label={t('privacy.settings.phone')}
        value={str(values, 'privacy_phone')}
        error={errors.privacy_phone}
        autocomplete="off"
        inputmode="tel"
      />
      <TextArea
        name="privacy_address"
        label={t('privacy.settings.address')}
        hint={t('privacy.settings.contact_hint')}
        value={str(values, 'privacy_address')}
        error={errors.privacy_address}
        rows={3}
      />
      {privacyTextFields.flatMap((field) =>
        languages.map((language) => {
          const standard = standardPrivacyText(translator(language), language, typed, field);
          const name = privacyTextName(field, language);
          return (
            <TextArea
              name={name}
              label={t(`privacy.settings.${field}_${language}`)}
              hint={
                standard
                  ? t('privacy.settings.standard_hint', { text: standard })
                  : t('privacy.settings.more_hint')
              }
              value={str(values, name)}
              error={errors[name]}
              rows={3}
              lang={language}
            />
          );
        }),
      )}
    </fieldset>
  );
}

async function readAssemblyForm(
  c: Ctx,
): Promise<{ values: FormValues; parsed: ReturnType<typeof assemblySchema.safeParse> }> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = textFields(body);
  const langs = body.languages;
  values.languages = (Array.isArray(langs) ? langs : langs ? [langs] : []).filter(
    (l): l is string => typeof l === 'string',
  );
  return { values, parsed: assemblySchema.safeParse({ ...values, languages: values.languages }) };
}

function AssemblyForm(props: {
  c: Ctx;
  action: string;
  values: FormValues;
  errors: FieldErrors;
  submit: string;
}) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <form method="post" action={props.action} class="stack" novalidate>
      <Csrf c={c} />
      <ErrorSummary
        title={t('errors.summary')}
        errors={errors}
        labels={{
          title_sv: t('assembly.title_sv'),
          title_en: t('assembly.title_en'),
          remit_sv: t('assembly.remit_sv'),
          remit_en: t('assembly.remit_en'),
          commissioner: t('assembly.commissioner'),
          funding_source: t('assembly.funding_source'),
          coordinator: t('assembly.coordinator'),
          panel_size: t('assembly.panel_size'),
          languages: t('assembly.languages'),
          starts_on: t('assembly.starts_on'),
          ends_on: t('assembly.ends_on'),
        }}
      />
      <TextField
        name="title_sv"
        label={t('assembly.title_sv')}
        value={str(values, 'title_sv')}
        error={errors.title_sv}
        required
        lang="sv"
      />
      <TextField
        name="title_en"
        label={t('assembly.title_en')}
        value={str(values, 'title_en')}
        error={errors.title_en}
        lang="en"
      />
      <TextArea
        name="remit_sv"
        label={t('assembly.remit_sv')}
        hint={t('assembly.remit_hint')}
        value={str(values, 'remit_sv')}
        error={errors.remit_sv}
        lang="sv"
      />
      <TextArea
        name="remit_en"
        label={t('assembly.remit_en')}
        value={str(values, 'remit_en')}
        error={errors.remit_en}
        lang="en"
      />
      <TextField
        name="commissioner"
        label={t('assembly.commissioner')}
        hint={t('assembly.commissioner_hint')}
        value={str(values, 'commissioner')}
        error={errors.commissioner}
      />
      <TextField
        name="funding_source"
        label={t('assembly.funding_source')}
        value={str(values, 'funding_source')}
        error={errors.funding_source}
      />
      <TextField
        name="coordinator"
        label={t('assembly.coordinator')}
        value={str(values, 'coordinator')}
        error={errors.coordinator}
      />
      <TextField
        name="panel_size"
        label={t('assembly.panel_size')}
        hint={t('assembly.panel_size_hint')}
        type="number"
        inputmode="numeric"
        min={2}
        max={1000}
        value={str(values, 'panel_size')}
        error={errors.panel_size}
        required
      />
      <ChoiceGroup
        name="languages"
        legend={t('assembly.languages')}
        type="checkbox"
        options={languages.map((l) => ({ value: l, label: t(`assembly.language_${l}`) }))}
        checked={(values.languages as string[] | undefined) ?? []}
        error={errors.languages}
      />
      <TextField
        name="starts_on"
        label={t('assembly.starts_on')}
        type="date"
        value={str(values, 'starts_on')}
        error={errors.starts_on}
      />
      <TextField
        name="ends_on"
        label={t('assembly.ends_on')}
        type="date"
        value={str(values, 'ends_on')}
        error={errors.ends_on}
      />
      <PrivacyFields c={c} values={values} errors={errors} />
      <SubmitButton label={props.submit} />
    </form>
  );
}

async function listPage(c: Ctx) {
  const t = c.var.t;
  const account = c.var.auth!.account!;
  const rows = await listAssembliesFor(c.var.config.database.db, account.id, account.is_admin === 1);
  return render(
    c,
    {
      title: t('assembly.list_title'),
      notice: noticeIn(c, 'assembly', assemblyNotices),
    },
    <>
      <h1>{t('assembly.list_title')}</h1>
      <p class="actions">
        <ButtonLink href="/assemblies/new">{t('assembly.new')}</ButtonLink>
      </p>
      {rows.length === 0 ? (
        <p>{t('assembly.none')}</p>
      ) : (
        <ul class="cards" aria-label={t('assembly.list_title')}>
          {rows.map((a) => (
            <li class="card">
              <h2>
                <a href={`/a/${a.id}`}>{assemblyTitle(a, c.var.lang)}</a>
              </h2>
              <p>
                {t('assembly.current_phase')}: {t(`phase.${a.current_phase}`)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}

function newPage(
  c: Ctx,
  values: FormValues = { languages: ['sv', 'en'], panel_size: '60' },
  errors: FieldErrors = {},
) {
  const t = c.var.t;
  return render(
    c,
    { title: t('assembly.new') },
    <>
      <h1>{t('assembly.new')}</h1>
      <AssemblyForm
        c={c}
        action="/assemblies/new"
        values={values}
        errors={errors}
        submit={t('assembly.create')}
      />
    </>,
    Object.keys(errors).length > 0 ? 422 : 200,
  );
}

async function newSubmit(c: Ctx) {
  const { values, parsed } = await readAssemblyForm(c);
  if (!parsed.success) return newPage(c, values, fieldErrors(parsed.error, c.var.t, { min: 2, max: 1000 }));
  try {
    const id = await createAssembly(c.var.config.database, staffActor(c), toFields(parsed.data));
    return c.redirect(`/a/${id}?notice=created`, 303);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return newPage(c, values, { [error.field ?? '_form']: c.var.t(`errors.${error.code}`, error.params) });
  }
}

async function overviewPage(c: Ctx) {
  const t = c.var.t;
  const a = c.var.assembly;
  const db = c.var.config.database.db;
  const counts = await countByStatus(db, a.id);
  const invitations = await countInvitations(db, a.id);
  const remit = a.remit;
  const canEdit = c.var.role === 'administrator' || c.var.role === 'organiser';
  const registerUrl = `${new URL(c.req.url).origin}/register`;
  return renderAssemblyPage(
    c,
    'overview',
    t('assembly.overview'),
    <>
      <section aria-labelledby="remit-heading">
        <h2 id="remit-heading">{t('assembly.remit')}</h2>
        <blockquote lang={remit[c.var.lang] ? c.var.lang : 'sv'}>{labelIn(remit, c.var.lang)}</blockquote>
      </section>
      <dl class="facts">
        <dt>{t('assembly.commissioner')}</dt>
        <dd>{a.commissioner || '–'}</dd>
        <dt>{t('assembly.funding_source')}</dt>
        <dd>{a.funding_source || '–'}</dd>
        <dt>{t('assembly.coordinator')}</dt>
        <dd>{a.coordinator || '–'}</dd>
        <dt>{t('assembly.panel_size')}</dt>
        <dd>{a.panel_size}</dd>
        <dt>{t('assembly.languages')}</dt>
        <dd>{a.languages.map((l) => t(`assembly.language_${l}`)).join(', ')}</dd>
        <dt>{t('assembly.dates')}</dt>
        <dd>
          {a.starts_on ?? '…'} – {a.ends_on ?? '…'}
        </dd>
        <dt>{t('assembly.registration')}</dt>
        <dd>
          {a.registration_open
            ? t('assembly.registration_open', { url: registerUrl })
            : t('assembly.registration_closed')}
        </dd>
        <dt>{t('assembly.invitations')}</dt>
        <dd>{t('assembly.invitations_count', { total: invitations.total, used: invitations.used })}</dd>
      </dl>
      <h2>{t('assembly.phases')}</h2>
      <ol class="phases">
        {phases.map((p) => (
          <li aria-current={p === a.current_phase ? 'step' : undefined}>{t(`phase.${p}`)}</li>
        ))}
      </ol>
      {canEdit ? (
        <form method="post" action={`/a/${a.id}/phase`} class="filters">
          <Csrf c={c} />
          <SelectField
            name="phase"
            label={t('assembly.change_phase')}
            value={a.current_phase}
            options={phases.map((p) => ({ value: p, label: t(`phase.${p}`) }))}
          />
          <SelectField
            name="registration_open"
            label={t('assembly.registration')}
            value={a.registration_open ? '1' : '0'}
            options={[
              { value: '1', label: t('assembly.registration_open_short') },
              { value: '0', label: t('assembly.registration_closed') },
            ]}
          />
          <SubmitButton label={t('assembly.save')} secondary />
        </form>
      ) : null}
      <div class="charts">
        <BarChart
          title={t('assembly.people_by_status')}
          data={personStatuses.map((status) => ({
            label: t(`status.${status}`),
            value: counts[status] ?? 0,
          }))}
        />
        <BarChart
          title={t('assembly.invitations')}
          data={[
            { label: t('assembly.invitations_used'), value: invitations.used },
            { label: t('assembly.invitations_unused'), value: invitations.total - invitations.used },
          ]}
        />
      </div>
      {canEdit && !hasContact(a.privacy) ? (
        <p class="warning" id="privacy-contact-missing">
          {t('privacy.settings.contact_missing')}{' '}
          <a href={`/a/${a.id}/edit#privacy-settings`}>{t('assembly.edit')}</a>
        </p>
      ) : null}
      {canEdit ? (
        <p class="actions">
          <ButtonLink href={`/a/${a.id}/edit`} secondary>
            {t('assembly.edit')}
          </ButtonLink>
        </p>
      ) : null}
    </>,
    { notice: noticeIn(c, 'assembly', assemblyNotices) },
  );
}

function editPage(c: Ctx, values: FormValues = valuesOf(c.var.assembly), errors: FieldErrors = {}) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'overview',
    t('assembly.edit'),
    <AssemblyForm
      c={c}
      action={`/a/${c.var.assembly.id}/edit`}
      values={values}
      errors={errors}
      submit={t('assembly.save')}
    />,
    { status: Object.keys(errors).length > 0 ? 422 : 200 },
  );
}

async function editSubmit(c: Ctx) {
  const { values, parsed } = await readAssemblyForm(c);
  if (!parsed.success) return editPage(c, values, fieldErrors(parsed.error, c.var.t, { min: 2, max: 1000 }));
  try {
    await updateAssembly(c.var.config.database, staffActor(c), c.var.assembly.id, toFields(parsed.data));
    return c.redirect(`/a/${c.var.assembly.id}?notice=saved`, 303);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return editPage(c, values, { [error.field ?? '_form']: c.var.t(`errors.${error.code}`, error.params) });
  }
}

const phaseSchema = z.object({ phase: z.enum(phases), registration_open: z.enum(['0', '1']).default('0') });

async function phaseSubmit(c: Ctx) {
  const parsed = phaseSchema.safeParse(textFields(await c.req.parseBody()));
  if (!parsed.success) return c.redirect(`/a/${c.var.assembly.id}`, 303);
  await setPhase(
    c.var.config.database,
    staffActor(c),
    c.var.assembly.id,
    parsed.data.phase,
    parsed.data.registration_open === '1',
  );
  return c.redirect(`/a/${c.var.assembly.id}?notice=saved`, 303);
}

// Questions: each is a block of key and labels with one row per answer option (value, Swedish
// label, English label). Rows are added and removed by submit buttons that show the form again with
// everything typed kept, so it works without JavaScript.

/** Limits on what one form may ask for, checked before anything is read into memory. */
const maxQuestions = 50;
const maxOptionRows = 100;
/** Empty option rows a question shows, so a few options can be typed without adding rows. */
const blankOptionRows = 2;
const newQuestionRows = 3;

const optionField = (i: number, j: number, part: 'value' | 'sv' | 'en') => `q${i}.o${j}.${part}`;
const rowsField = (i: number) => `q${i}.rows`;

/** What the error summary calls each field of the questions form, as the fields' own labels do. */
function questionLabels(c: Ctx, values: FormValues, questions: number): Record<string, string> {
  const t = c.var.t;
  const labels: Record<string, string> = {};
  for (let i = 0; i < questions; i++) {
    const question = t('questions.question_n', { n: i + 1 });
    const named = (field: string) => t('questions.summary_field', { question, field });
    labels[`q${i}.key`] = named(t('questions.key'));
    labels[`q${i}.label_sv`] = named(t('questions.label_sv'));
    labels[`q${i}.label_en`] = named(t('questions.label_en'));
    for (let j = 0; j < rowCount(values, i); j++) {
      labels[optionField(i, j, 'value')] = named(t('questions.option_value', { n: j + 1 }));
      labels[optionField(i, j, 'sv')] = named(t('questions.option_sv', { n: j + 1 }));
      labels[optionField(i, j, 'en')] = named(t('questions.option_en', { n: j + 1 }));
    }
  }
  return labels;
}

function count(value: string | undefined, fallback: number, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, max) : fallback;
}

function questionCount(values: FormValues): number {
  return Math.max(1, count(str(values, 'count'), 1, maxQuestions));
}

function rowCount(values: FormValues, i: number): number {
  return count(str(values, rowsField(i)), newQuestionRows, maxOptionRows);
}

/** The stored questions as form values, with a blank question and blank option rows to fill in. */
function questionValues(rows: readonly Question[]): FormValues {
  const values: FormValues = {};
  rows.forEach((q, i) => {
    const { label, options } = q;
    values[`q${i}.key`] = q.key;
    values[`q${i}.label_sv`] = label.sv ?? '';
    values[`q${i}.label_en`] = label.en ?? '';
    options.forEach((o, j) => {
      values[optionField(i, j, 'value')] = o.value;
      values[optionField(i, j, 'sv')] = o.label.sv ?? '';
      values[optionField(i, j, 'en')] = o.label.en ?? '';
    });
    values[rowsField(i)] = String(Math.min(options.length + blankOptionRows, maxOptionRows));
  });
  values[rowsField(rows.length)] = String(newQuestionRows);
  values.count = String(Math.min(rows.length + 1, maxQuestions));
  return values;
}

/** The form's values with option row `j` of question `i` taken out and the later rows moved up. */
function withoutOption(values: FormValues, i: number, j: number): FormValues {
  const out: FormValues = { ...values };
  const rows = rowCount(values, i);
  for (let k = j; k < rows - 1; k++) {
    for (const part of ['value', 'sv', 'en'] as const) {
      out[optionField(i, k, part)] = str(values, optionField(i, k + 1, part));
    }
  }
  for (const part of ['value', 'sv', 'en'] as const) delete out[optionField(i, rows - 1, part)];
  out[rowsField(i)] = String(Math.max(1, rows - 1));
  return out;
}

/** Problems found on the form, as message keys under `questions.` (`too_long` with its limit). */
type QuestionProblem =
  | 'key_required'
  | 'option_value_required'
  | 'option_value_duplicate'
  | 'needs_two_options'
  | 'too_long'
  | 'control_characters'
  | 'reserved';

/** Longest texts the editor takes: keys and values end up in files and quota tables. */
const questionLimits = { key: 40, label: 300, value: 100, optionLabel: 200 } as const;

interface QuestionError {
  problem: QuestionProblem;
  max?: number;
  /** The reserved name, for `reserved`. */
  name?: string;
}

function parseQuestions(values: FormValues): {
  questions: QuestionInput[];
  errors: Record<string, QuestionError>;
  /** For each question passed on, the number of its block on the form (empty blocks are skipped). */
  blocks: number[];
} {
  const questions: QuestionInput[] = [];
  const errors: Record<string, QuestionError> = {};
  const blocks: number[] = [];
  /**
   * The field's trimmed text, noting an error when it is longer than `max` or holds a control
   * character (labels are shown on the sign-up form, values end up in files and quota tables).
   */
  const read = (name: string, max: number) => {
    const text = str(values, name).trim();
    if (text.length > max) errors[name] = { problem: 'too_long', max };
    else if (hasControlCharacters(text)) errors[name] = { problem: 'control_characters' };
    return text;
  };
  for (let i = 0; i < questionCount(values); i++) {
    const key = read(`q${i}.key`, questionLimits.key);
    if (isReservedName(key)) errors[`q${i}.key`] ??= { problem: 'reserved', name: key };
    const labelSv = read(`q${i}.label_sv`, questionLimits.label);
    const labelEn = read(`q${i}.label_en`, questionLimits.label);
    const options: QuestionInput['options'] = [];
    const firstRow = new Map<string, number>();
    let firstEmpty = -1;
    for (let j = 0; j < rowCount(values, i); j++) {
      const value = read(optionField(i, j, 'value'), questionLimits.value);
      const sv = read(optionField(i, j, 'sv'), questionLimits.optionLabel);
      const en = read(optionField(i, j, 'en'), questionLimits.optionLabel);
      if (!value && !sv && !en) {
        if (firstEmpty < 0) firstEmpty = j;
        continue;
      }
      if (!value) {
        errors[optionField(i, j, 'value')] ??= { problem: 'option_value_required' };
        continue;
      }
      if (isReservedName(value)) {
        errors[optionField(i, j, 'value')] ??= { problem: 'reserved', name: value };
        continue;
      }
      if (firstRow.has(value)) {
        errors[optionField(i, j, 'value')] ??= { problem: 'option_value_duplicate' };
        continue;
      }
      firstRow.set(value, j);
      options.push({ value, label: { sv: sv || value, en: en || sv || value } });
    }
    // A block left entirely empty is no question: that is how one is removed.
    if (!key && !labelSv && !labelEn && options.length === 0) continue;
    if (!key) errors[`q${i}.key`] = { problem: 'key_required' };
    const hasRowError = Object.keys(errors).some((f) => f.startsWith(`q${i}.o`));
    if (options.length < 2 && !hasRowError) {
      errors[optionField(i, Math.max(firstEmpty, 0), 'value')] = { problem: 'needs_two_options' };
    }
    questions.push({ key, label: { sv: labelSv || key, en: labelEn || labelSv || key }, options });
    blocks.push(i);
  }
  return { questions, errors, blocks };
}

/**
 * The form field a command's complaint is about. The command counts only the questions passed on
 * and names a question's options as a whole; on the form that is the block's first option row.
 */
function commandField(field: string | undefined, blocks: number[]): string {
  const m = /^q(\d+)\.(key|options)$/.exec(field ?? '');
  if (!m) return field ?? '_form';
  const i = blocks[Number(m[1])] ?? Number(m[1]);
  return m[2] === 'key' ? `q${i}.key` : optionField(i, 0, 'value');
}

function OptionRow(props: { c: Ctx; values: FormValues; errors: FieldErrors; i: number; j: number }) {
  const { c, values, errors, i, j } = props;
  const t = c.var.t;
  return (
    <fieldset class="option-row">
      <legend>{t('questions.option_n', { n: j + 1 })}</legend>
      <TextField
        name={optionField(i, j, 'value')}
        label={t('questions.option_value', { n: j + 1 })}
        value={str(values, optionField(i, j, 'value'))}
        error={errors[optionField(i, j, 'value')]}
      />
      <TextField
        name={optionField(i, j, 'sv')}
        label={t('questions.option_sv', { n: j + 1 })}
        value={str(values, optionField(i, j, 'sv'))}
        error={errors[optionField(i, j, 'sv')]}
        lang="sv"
      />
      <TextField
        name={optionField(i, j, 'en')}
        label={t('questions.option_en', { n: j + 1 })}
        value={str(values, optionField(i, j, 'en'))}
        error={errors[optionField(i, j, 'en')]}
        lang="en"
      />
      <button type="submit" class="button secondary" name="remove_option" value={`${i}.${j}`}>
        {t('questions.remove')}
        <span class="visually-hidden">{` ${t('questions.remove_which', { n: j + 1, question: i + 1 })}`}</span>
      </button>
    </fieldset>
  );
}

function questionsPage(c: Ctx, values: FormValues, errors: FieldErrors = {}, notice: string | null = null) {
  const t = c.var.t;
  const questions = questionCount(values);
  return renderAssemblyPage(
    c,
    'questions',
    t('questions.title'),
    <>
      <p>{t('questions.lead')}</p>
      <form method="post" action={`/a/${c.var.assembly.id}/questions`} class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary
          title={t('errors.summary')}
          errors={errors}
          labels={questionLabels(c, values, questions)}
        />
        <input type="hidden" name="count" value={String(questions)} />
        {Array.from({ length: questions }, (_, i) => {
          const rows = rowCount(values, i);
          return (
            <fieldset class="card">
              <legend>{t('questions.question_n', { n: i + 1 })}</legend>
              <input type="hidden" name={rowsField(i)} value={String(rows)} />
              <TextField
                name={`q${i}.key`}
                label={t('questions.key')}
                hint={t('questions.key_hint')}
                value={str(values, `q${i}.key`)}
                error={errors[`q${i}.key`]}
              />
              <TextField
                name={`q${i}.label_sv`}
                label={t('questions.label_sv')}
                value={str(values, `q${i}.label_sv`)}
                error={errors[`q${i}.label_sv`]}
                lang="sv"
              />
              <TextField
                name={`q${i}.label_en`}
                label={t('questions.label_en')}
                value={str(values, `q${i}.label_en`)}
                error={errors[`q${i}.label_en`]}
                lang="en"
              />
              <h3>{t('questions.options')}</h3>
              <p class="hint">{t('questions.options_hint')}</p>
              {Array.from({ length: rows }, (_, j) => (
                <OptionRow c={c} values={values} errors={errors} i={i} j={j} />
              ))}
              {rows < maxOptionRows ? (
                <SubmitButton
                  label={t('questions.add_option', { n: i + 1 })}
                  name="add_option"
                  value={String(i)}
                  secondary
                />
              ) : null}
            </fieldset>
          );
        })}
        <p>{t('questions.prefer_not_note')}</p>
        <div class="actions">
          <SubmitButton label={t('questions.save')} />
          {questions < maxQuestions ? (
            <SubmitButton label={t('questions.add')} name="add" value="1" secondary />
          ) : null}
        </div>
      </form>
    </>,
    { notice, status: Object.keys(errors).length > 0 ? 422 : 200 },
  );
}

async function questionsGet(c: Ctx) {
  return questionsPage(c, questionValues(await listQuestions(c.var.config.database.db, c.var.assembly.id)));
}

async function questionsSubmit(c: Ctx) {
  const t = c.var.t;
  const values: FormValues = textFields(await c.req.parseBody());
  // The row and question buttons only change the form; nothing is saved until "Save".
  if (values.add) {
    const n = questionCount(values);
    if (n < maxQuestions) {
      values.count = String(n + 1);
      values[rowsField(n)] = String(newQuestionRows);
    }
    return questionsPage(c, values);
  }
  const addOption = str(values, 'add_option');
  if (/^\d+$/.test(addOption) && Number(addOption) < questionCount(values)) {
    const i = Number(addOption);
    values[rowsField(i)] = String(Math.min(rowCount(values, i) + 1, maxOptionRows));
    return questionsPage(c, values);
  }
  const remove = /^(\d+)\.(\d+)$/.exec(str(values, 'remove_option'));
  if (remove) {
    const [i, j] = [Number(remove[1]), Number(remove[2])];
    if (i < questionCount(values) && j < rowCount(values, i))
      return questionsPage(c, withoutOption(values, i, j));
    return questionsPage(c, values);
  }
  const { questions, errors, blocks } = parseQuestions(values);
  if (Object.keys(errors).length > 0) {
    return questionsPage(
      c,
      values,
      Object.fromEntries(
        Object.entries(errors).map(([field, { problem, max, name }]) => {
          const i = Number(/^q(\d+)/.exec(field)?.[1] ?? 0);
          return [
            field,
            problem === 'too_long' || problem === 'control_characters'
              ? t(`errors.${problem}`, { max })
              : t(`questions.error_${problem}`, { n: i + 1, name }),
          ];
        }),
      ),
    );
  }
  try {
    await configureQuestions(c.var.config.database, staffActor(c), c.var.assembly.id, questions);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return questionsPage(c, values, {
      [commandField(error.field, blocks)]: t(`errors.${error.code}`, error.params),
    });
  }
  const saved = questionValues(await listQuestions(c.var.config.database.db, c.var.assembly.id));
  return questionsPage(c, saved, {}, t('questions.saved'));
}

async function teamPage(
  c: Ctx,
  values: FormValues = {},
  errors: FieldErrors = {},
  notice: string | null = null,
) {
  const t = c.var.t;
  const team = await listTeam(c.var.config.database.db, c.var.assembly.id);
  return renderAssemblyPage(
    c,
    'team',
    t('team.title'),
    <>
      <p>{t('team.lead')}</p>
      {team.length === 0 ? (
        <p>{t('team.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('team.name')}</th>
                <th scope="col">{t('team.email')}</th>
                <th scope="col">{t('team.role')}</th>
                <th scope="col">{t('team.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {team.map((m) => (
                <tr>
                  <th scope="row">{m.display_name}</th>
                  <td>{m.email}</td>
                  <td>{t(`role.${m.role}`)}</td>
                  <td>
                    {/* Only members whose rights the viewer holds too can be removed by them. */}
                    {covers(
                      c.var.role,
                      m.is_admin ? 'administrator' : isStaffRole(m.role) ? m.role : 'administrator',
                    ) ? (
                      <form
                        method="post"
                        action={`/a/${c.var.assembly.id}/team/${m.id}/remove`}
                        class="inline"
                      >
                        <Csrf c={c} />
                        <button type="submit" class="button secondary">
                          {t('team.remove', { name: m.display_name })}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('team.add_title')}</h2>
      <form method="post" action={`/a/${c.var.assembly.id}/team`} class="stack narrow" novalidate>
        <Csrf c={c} />
        <ErrorSummary
          title={t('errors.summary')}
          errors={errors}
          labels={{ email: t('team.email'), role: t('team.role') }}
        />
        <TextField
          name="email"
          type="email"
          label={t('team.email')}
          hint={t('team.email_hint')}
          value={str(values, 'email')}
          error={errors.email}
          autocomplete="off"
          required
        />
        <SelectField
          name="role"
          label={t('team.role')}
          value={str(values, 'role') || 'organiser'}
          error={errors.role}
          options={grantableRoles(c.var.role).map((r) => ({
            value: r,
            label: `${t(`role.${r}`)}: ${t(`team.role_${r}`)}`,
          }))}
        />
        <SubmitButton label={t('team.add')} />
      </form>
    </>,
    { notice, status: Object.keys(errors).length > 0 ? 422 : 200 },
  );
}

const teamSchema = z.object({
  email: z.string().trim().max(fieldLimits.email, 'too_long').email('email_invalid'),
  role: z.enum(staffRoles, 'invalid_role'),
});

async function teamSubmit(c: Ctx) {
  const t = c.var.t;
  const values = textFields(await c.req.parseBody());
  const parsed = teamSchema.safeParse(values);
  if (!parsed.success) return teamPage(c, values, fieldErrors(parsed.error, t));
  try {
    await grantRole(
      c.var.config.database,
      staffActor(c),
      c.var.assembly.id,
      parsed.data.email,
      parsed.data.role,
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return teamPage(c, values, { [error.field ?? '_form']: t(`errors.${error.code}`, error.params) });
  }
  return teamPage(c, {}, {}, t('team.added'));
}

async function teamRemove(c: Ctx) {
  try {
    await revokeRole(c.var.config.database, staffActor(c), c.var.assembly.id, c.req.param('accountId') ?? '');
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return teamPage(c, {}, { _form: c.var.t(`errors.${error.code}`, error.params) });
  }
  return c.redirect(`/a/${c.var.assembly.id}/team`, 303);
}

async function auditPage(c: Ctx) {
  const t = c.var.t;
  const page = pageNumber(c.req.query('page'));
  const events = await listAudit(c.var.config.database.db, {
    assemblyId: c.var.assembly.id,
    limit: 100,
    offset: (page - 1) * 100,
  });
  return renderAssemblyPage(
    c,
    'audit',
    t('audit.title'),
    <AuditTable c={c} page={events} pageNumber={page} basePath={`/a/${c.var.assembly.id}/audit`} />,
  );
}

export const assemblyRoutes: Route[] = [
  { method: 'GET', path: '/assemblies', access: staffAccess, handler: listPage },
  { method: 'GET', path: '/assemblies/new', access: staffAccess, handler: (c) => newPage(c) },
  { method: 'POST', path: '/assemblies/new', access: staffAccess, handler: newSubmit },
  {
    method: 'GET',
    path: '/a/:assemblyId',
    tab: { key: 'overview', phase: 'assembly' },
    access: needs('assembly:view'),
    handler: overviewPage,
  },
  { method: 'GET', path: '/a/:assemblyId/edit', access: needs('assembly:edit'), handler: (c) => editPage(c) },
  { method: 'POST', path: '/a/:assemblyId/edit', access: needs('assembly:edit'), handler: editSubmit },
  { method: 'POST', path: '/a/:assemblyId/phase', access: needs('assembly:edit'), handler: phaseSubmit },
  {
    method: 'GET',
    path: '/a/:assemblyId/questions',
    tab: { key: 'questions', phase: 'assembly' },
    access: needs('questions:edit'),
    handler: questionsGet,
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/questions',
    access: needs('questions:edit'),
    handler: questionsSubmit,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/team',
    tab: { key: 'team', phase: 'assembly' },
    access: needs('team:manage'),
    handler: (c) => teamPage(c),
  },
  { method: 'POST', path: '/a/:assemblyId/team', access: needs('team:manage'), handler: teamSubmit },
  {
    method: 'POST',
    path: '/a/:assemblyId/team/:accountId/remove',
    access: needs('team:manage'),
    handler: teamRemove,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/audit',
    tab: { key: 'audit', phase: 'assembly' },
    access: needs('audit:view'),
    handler: auditPage,
  },
];
