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
import type { AssemblyRow } from '../../db/schema.ts';
import { personStatuses } from '../../domain/person-status.ts';
import { phases } from '../../domain/phases.ts';
import { labelIn } from '../../domain/questions.ts';
import { staffRoles } from '../../domain/roles.ts';
import { languages } from '../../i18n/i18n.ts';
import { listAssembliesFor, listQuestions, listTeam } from '../../repositories/assemblies.ts';
import { listAudit } from '../../repositories/audit.ts';
import { countInvitations } from '../../repositories/invitations.ts';
import { countByStatus } from '../../repositories/people.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { needs, type Route, staffAccess } from '../routing.ts';
import { fieldErrors, textFields } from '../validation.ts';
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

const isoDate = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date_invalid')]);

const assemblySchema = z.object({
  title_sv: z.string().trim().min(1, 'required').max(200, 'too_long'),
  title_en: z.string().trim().max(200, 'too_long').default(''),
  remit_sv: z.string().trim().min(1, 'required').max(2000, 'too_long'),
  remit_en: z.string().trim().max(2000, 'too_long').default(''),
  commissioner: z.string().trim().max(200, 'too_long').default(''),
  funding_source: z.string().trim().max(200, 'too_long').default(''),
  coordinator: z.string().trim().max(200, 'too_long').default(''),
  panel_size: z.coerce
    .number('number_invalid')
    .int('number_invalid')
    .min(2, 'number_range')
    .max(1000, 'number_range'),
  languages: z.array(z.enum(languages)).min(1, 'required'),
  starts_on: isoDate.default(''),
  ends_on: isoDate.default(''),
});

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
  };
}

function valuesOf(a: AssemblyRow): FormValues {
  const title = JSON.parse(a.title) as Record<string, string>;
  const remit = JSON.parse(a.remit) as Record<string, string>;
  return {
    title_sv: title.sv ?? '',
    title_en: title.en ?? '',
    remit_sv: remit.sv ?? '',
    remit_en: remit.en ?? '',
    commissioner: a.commissioner,
    funding_source: a.funding_source,
    coordinator: a.coordinator,
    panel_size: String(a.panel_size),
    languages: JSON.parse(a.languages) as string[],
    starts_on: a.starts_on ?? '',
    ends_on: a.ends_on ?? '',
  };
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
      notice: c.req.query('notice') ? t(`assembly.notice_${c.req.query('notice')}`) : null,
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
  const remit = JSON.parse(a.remit) as Record<string, string>;
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
        <dd>{(JSON.parse(a.languages) as string[]).map((l) => t(`assembly.language_${l}`)).join(', ')}</dd>
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
      {canEdit ? (
        <p class="actions">
          <ButtonLink href={`/a/${a.id}/edit`} secondary>
            {t('assembly.edit')}
          </ButtonLink>
        </p>
      ) : null}
    </>,
    { notice: c.req.query('notice') ? t(`assembly.notice_${c.req.query('notice')}`) : null },
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

// Questions: each is a block of key, labels and options, one option per line as "value | svenska | English".
function questionValues(rows: { key: string; label: string; options: string }[]): FormValues {
  const values: FormValues = {};
  rows.forEach((q, i) => {
    const label = JSON.parse(q.label) as Record<string, string>;
    const options = JSON.parse(q.options) as QuestionInput['options'];
    values[`q${i}.key`] = q.key;
    values[`q${i}.label_sv`] = label.sv ?? '';
    values[`q${i}.label_en`] = label.en ?? '';
    values[`q${i}.options`] = options
      .map((o) => [o.value, o.label.sv ?? '', o.label.en ?? ''].join(' | '))
      .join('\n');
  });
  values.count = String(rows.length + 1);
  return values;
}

function parseQuestions(values: Record<string, string>): {
  questions: QuestionInput[];
  errors: FieldErrors;
  count: number;
} {
  const count = Math.min(Number(values.count) || 1, 50);
  const questions: QuestionInput[] = [];
  const errors: FieldErrors = {};
  for (let i = 0; i < count; i++) {
    const key = (values[`q${i}.key`] ?? '').trim();
    const optionsText = (values[`q${i}.options`] ?? '').trim();
    if (!key && !optionsText) continue;
    if (!key) errors[`q${i}.key`] = 'required';
    const options = optionsText
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [value, sv, en] = line.split('|').map((p) => p.trim());
        return { value, label: { sv: sv || value, en: en || sv || value } };
      });
    questions.push({
      key,
      label: {
        sv: (values[`q${i}.label_sv`] ?? '').trim() || key,
        en: (values[`q${i}.label_en`] ?? '').trim() || key,
      },
      options,
    });
  }
  return { questions, errors, count };
}

function questionsPage(c: Ctx, values: FormValues, errors: FieldErrors = {}, notice: string | null = null) {
  const t = c.var.t;
  const count = Number(values.count) || 1;
  return renderAssemblyPage(
    c,
    'questions',
    t('questions.title'),
    <>
      <p>{t('questions.lead')}</p>
      <form method="post" action={`/a/${c.var.assembly.id}/questions`} class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={errors} />
        <input type="hidden" name="count" value={String(count)} />
        {Array.from({ length: count }, (_, i) => (
          <fieldset class="card">
            <legend>{t('questions.question_n', { n: i + 1 })}</legend>
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
              lang="sv"
            />
            <TextField
              name={`q${i}.label_en`}
              label={t('questions.label_en')}
              value={str(values, `q${i}.label_en`)}
              lang="en"
            />
            <TextArea
              name={`q${i}.options`}
              label={t('questions.options')}
              hint={t('questions.options_hint')}
              value={str(values, `q${i}.options`)}
              error={errors[`q${i}.options`]}
              rows={5}
            />
          </fieldset>
        ))}
        <p>{t('questions.prefer_not_note')}</p>
        <div class="actions">
          <SubmitButton label={t('questions.save')} />
          <SubmitButton label={t('questions.add')} name="add" value="1" secondary />
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
  const values = textFields(await c.req.parseBody());
  if (values.add) return questionsPage(c, { ...values, count: String((Number(values.count) || 1) + 1) });
  const { questions, errors } = parseQuestions(values);
  if (Object.keys(errors).length > 0) {
    return questionsPage(
      c,
      values,
      Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(`errors.${v}`)])),
    );
  }
  try {
    await configureQuestions(c.var.config.database, staffActor(c), c.var.assembly.id, questions);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return questionsPage(c, values, { [error.field ?? '_form']: t(`errors.${error.code}`, error.params) });
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
                    <form method="post" action={`/a/${c.var.assembly.id}/team/${m.id}/remove`} class="inline">
                      <Csrf c={c} />
                      <button type="submit" class="button secondary">
                        {t('team.remove', { name: m.display_name })}
                      </button>
                    </form>
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
        <ErrorSummary title={t('errors.summary')} errors={errors} />
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
          options={staffRoles.map((r) => ({ value: r, label: `${t(`role.${r}`)}: ${t(`team.role_${r}`)}` }))}
        />
        <SubmitButton label={t('team.add')} />
      </form>
    </>,
    { notice, status: Object.keys(errors).length > 0 ? 422 : 200 },
  );
}

const teamSchema = z.object({
  email: z.string().trim().email('email_invalid'),
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
  await revokeRole(c.var.config.database, staffActor(c), c.var.assembly.id, c.req.param('accountId') ?? '');
  return c.redirect(`/a/${c.var.assembly.id}/team`, 303);
}

async function auditPage(c: Ctx) {
  const t = c.var.t;
  const page = Math.max(1, Number(c.req.query('page')) || 1);
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
  { method: 'GET', path: '/a/:assemblyId', access: needs('assembly:view'), handler: overviewPage },
  { method: 'GET', path: '/a/:assemblyId/edit', access: needs('assembly:edit'), handler: (c) => editPage(c) },
  { method: 'POST', path: '/a/:assemblyId/edit', access: needs('assembly:edit'), handler: editSubmit },
  { method: 'POST', path: '/a/:assemblyId/phase', access: needs('assembly:edit'), handler: phaseSubmit },
  { method: 'GET', path: '/a/:assemblyId/questions', access: needs('questions:edit'), handler: questionsGet },
  {
    method: 'POST',
    path: '/a/:assemblyId/questions',
    access: needs('questions:edit'),
    handler: questionsSubmit,
  },
  { method: 'GET', path: '/a/:assemblyId/team', access: needs('team:manage'), handler: (c) => teamPage(c) },
  { method: 'POST', path: '/a/:assemblyId/team', access: needs('team:manage'), handler: teamSubmit },
  {
    method: 'POST',
    path: '/a/:assemblyId/team/:accountId/remove',
    access: needs('team:manage'),
    handler: teamRemove,
  },
  { method: 'GET', path: '/a/:assemblyId/audit', access: needs('audit:view'), handler: auditPage },
];
