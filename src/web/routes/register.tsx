/**
 * The public sign-up for people who got a letter: first the invite code, then one form with the
 * assembly's questions, contact details, support needs and consents. Written for people who rarely use
 * computers: one thing per field, plain words, every problem shown next to its field, nothing typed is
 * ever lost.
 *
 * Bots are kept out without third-party services: a field people do not see (a bot fills it in), a
 * signed timestamp of when the form was shown (a bot sends faster than anyone types), and a limit on
 * attempts per address (which also makes guessing invite codes hopeless).
 */
import { z } from 'zod';
import { CommandError } from '../../commands/command.ts';
import { checkInviteCode, questionsOf, registerVolunteer } from '../../commands/register-volunteer.ts';
import { accessNeeds, isAccessNeed } from '../../domain/access-needs.ts';
import { consentKinds, requiredConsents } from '../../domain/consents.ts';
import { fieldLimits, fieldProblem, type LimitedField } from '../../domain/field-limits.ts';
import { normaliseInviteCode } from '../../domain/invite-code.ts';
import { labelIn, matchOption, preferNotToSay, type Question } from '../../domain/questions.ts';
import { isLanguage, languages, translator } from '../../i18n/i18n.ts';
import type { Assembly } from '../../repositories/assemblies.ts';
import { findAssembly, findAssemblyBySlug, listQuestions } from '../../repositories/assemblies.ts';
import { findInvitationByCode } from '../../repositories/invitations.ts';
import type { Ctx } from '../env.ts';
import { appLimiter, clientAddress } from '../rate-limit.ts';
import { publicAccess, type Route } from '../routing.ts';
import { formAgeMillis, formTimeToken } from '../security.ts';
import { errorPage } from '../views/errors.tsx';
import {
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../views/forms.tsx';
import { render } from '../views/layout.tsx';
import { contactLine, OrganiserContact, PrivacyNotice } from '../views/privacy-notice.tsx';

/** Sign-up attempts (code look-ups and forms) per client address and window. */
const attemptLimit = 20;
const attemptWindowMillis = 10 * 60 * 1000;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The field people do not see; a bot filling in every field fills in this one too. */
const honeypotField = 'website';

const codeSchema = z.object({ code: z.string().trim().max(40, 'too_long').default('') });

/** A typed field within the limits every way into Lotta shares; control characters are refused too. */
function limited(field: LimitedField) {
  return z
    .string()
    .trim()
    .max(fieldLimits[field], 'too_long')
    .refine((v) => fieldProblem(field, v) === null, 'control_characters')
    .default('');
}

const registrationSchema = z.object({
  code: z.string().trim().max(40, 'too_long').default(''),
  full_name: limited('full_name'),
  email: limited('email'),
  phone: limited('phone'),
  address: limited('address'),
  postcode: limited('postcode'),
  city: limited('city'),
  preferred_language: z.string().max(fieldLimits.preferred_language).catch(''),
  needs: z.array(z.string().max(40)).max(50).catch([]),
  needs_details: limited('needs_details'),
  // Sent empty by every browser; anything in it, however long, is a bot's doing.
  [honeypotField]: z.string().max(1000).default('').catch('filled'),
  form_time: z.string().max(100).catch(''),
});

/** Counts this attempt; the seconds to wait when the client is over the limit, else null. */
async function attemptRefused(c: Ctx): Promise<number | null> {
  // Counted in the database: every web process on it shares the count.
  const limiter = appLimiter(c, 'register', attemptLimit, attemptWindowMillis);
  const client = clientAddress(c);
  if (await limiter.hit(client)) return null;
  const seconds = await limiter.retryAfterSeconds(client);
  c.header('Retry-After', String(seconds));
  return seconds;
}

function tooManyAttempts(c: Ctx, seconds: number): string {
  return c.var.t('register.rate_limited', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
}

/** The "too many attempts" page when the client is over the limit. */
async function overLimit(c: Ctx) {
  const seconds = await attemptRefused(c);
  return seconds === null ? null : errorPage(c, 429, tooManyAttempts(c, seconds));
}

/** Form fields as strings; the access-needs checkboxes, which share one name, as a list. */
function formValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    const all = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    out[name] = name === 'needs' ? all : all[0];
  }
  out.needs ??= [];
  return out;
}

function list(values: FormValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

function localised(text: Record<string, string>, language: string): string {
  return labelIn(text, language);
}

// --- Step 1: the invite code ---------------------------------------------------------------------

function codePage(c: Ctx, code = '', error?: string, contactOf?: Assembly) {
  const t = c.var.t;
  return render(
    c,
    { title: t('register.title') },
    <>
      <h1>{t('register.title')}</h1>
      <ErrorSummary
        title={t('errors.summary')}
        errors={error ? { code: error } : {}}
        labels={{ code: t('register.code') }}
      />
      <p>{t('register.code_lead')}</p>
      <form method="post" action="/register" class="stack narrow" novalidate>
        <Csrf c={c} />
        <TextField
          name="code"
          label={t('register.code')}
          hint={t('register.code_hint')}
          value={code}
          error={error}
          autocomplete="off"
          required
        />
        <SubmitButton label={t('register.continue')} />
      </form>
      {contactOf ? <OrganiserContact c={c} assembly={contactOf} /> : null}
    </>,
    error ? 422 : 200,
  );
}

/** "Already used", with how to reach the organisers of the code's assembly. */
function codeUsedMessage(c: Ctx, assembly: Assembly): string {
  return c.var.t('privacy.code_used', { contact: contactLine(assembly) });
}

async function codeSubmit(c: Ctx) {
  const refused = await overLimit(c);
  if (refused) return refused;
  const t = c.var.t;
  const parsed = codeSchema.safeParse(formValues(await c.req.parseBody({ all: true })));
  if (!parsed.success) return codePage(c, '', t('errors.invite_code_malformed'));
  const typed = parsed.data.code;
  if (!typed) return codePage(c, typed, t('errors.required'));
  const code = normaliseInviteCode(typed);
  if (!code) return codePage(c, typed, t('errors.invite_code_malformed'));
  const db = c.var.config.database.db;
  const invitation = await findInvitationByCode(db, code);
  if (!invitation) return codePage(c, typed, t('errors.invite_code_unknown'));
  const assembly = await findAssembly(db, invitation.assembly_id);
  if (!assembly) return codePage(c, typed, t('errors.invite_code_unknown'));
  if (invitation.used_at) return codePage(c, typed, codeUsedMessage(c, assembly), assembly);
  return c.redirect(`/register/${encodeURIComponent(assembly.slug)}?code=${encodeURIComponent(code)}`, 303);
}

// --- Step 2: the form ----------------------------------------------------------------------------

function ConsentBox(props: { name: string; label: string; checked: boolean; error?: string }) {
  const { name, error } = props;
  return (
    <div class={error ? 'has-error' : undefined}>
      {error ? (
        <p class="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      <div class="choice">
        <input
          type="checkbox"
          id={name}
          name={name}
          value="on"
          checked={props.checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
        />
        <label for={name}>{props.label}</label>
      </div>
    </div>
  );
}

function RegistrationForm(props: {
  c: Ctx;
  assembly: Assembly;
  questions: Question[];
  values: FormValues;
  errors: FieldErrors;
  formTime: string;
}) {
  const { c, questions, values, errors } = props;
  const t = c.var.t;
  const lang = c.var.lang;
  const text = (name: string) => str(values, name);
  return (
    <form method="post" action={`/register/${props.assembly.slug}`} class="stack" novalidate>
      <Csrf c={c} />
      <input type="hidden" name="form_time" value={props.formTime} />
      <p>{t('register.required_note')}</p>

      <h2>{t('register.section_code')}</h2>
      <TextField
        name="code"
        label={t('register.code')}
        hint={t('register.code_hint')}
        value={text('code')}
        error={errors.code}
        autocomplete="off"
        required
      />

      {questions.length > 0 ? (
        <>
          <h2>{t('register.section_about')}</h2>
          <p class="hint">{t('register.about_hint')}</p>
          {questions.map((q) => (
            <ChoiceGroup
              name={`answer_${q.key}`}
              legend={labelIn(q.label, lang)}
              type="radio"
              options={[
                ...q.options.map((o) => ({ value: o.value, label: labelIn(o.label, lang) })),
                { value: preferNotToSay, label: t('register.prefer_not_to_say') },
              ]}
              checked={[text(`answer_${q.key}`)]}
              error={errors[`answer_${q.key}`]}
            />
          ))}
        </>
      ) : null}

      <h2>{t('register.section_contact')}</h2>
      <p class="hint">{t('register.contact_hint')}</p>
      <TextField
        name="full_name"
        label={t('register.full_name')}
        value={text('full_name')}
        error={errors.full_name}
        autocomplete="name"
        required
      />
      <TextField
        name="email"
        label={t('register.email')}
        type="email"
        value={text('email')}
        error={errors.email}
        autocomplete="email"
        inputmode="email"
      />
      <TextField
        name="phone"
        label={t('register.phone')}
        type="tel"
        value={text('phone')}
        error={errors.phone}
        autocomplete="tel"
        inputmode="tel"
      />
      <TextField
        name="address"
        label={t('register.address')}
        value={text('address')}
        error={errors.address}
        autocomplete="street-address"
      />
      <TextField
        name="postcode"
        label={t('register.postcode')}
        value={text('postcode')}
        error={errors.postcode}
        autocomplete="postal-code"
      />
      <TextField
        name="city"
        label={t('register.city')}
        value={text('city')}
        error={errors.city}
        autocomplete="address-level2"
      />
      <ChoiceGroup
        name="preferred_language"
        legend={t('register.language')}
        type="radio"
        options={languages.map((l) => ({ value: l, label: t(`register.language_${l}`) }))}
        checked={[text('preferred_language')]}
        error={errors.preferred_language}
      />

      <h2>{t('register.section_needs')}</h2>
      <ChoiceGroup
        name="needs"
        legend={t('register.needs')}
        hint={t('register.needs_hint')}
        type="checkbox"
        options={accessNeeds.map((n) => ({ value: n, label: t(`need.${n}`) }))}
        checked={list(values, 'needs')}
        error={errors.needs}
      />
      <TextArea
        name="needs_details"
        label={t('register.needs_details')}
        value={text('needs_details')}
        error={errors.needs_details}
        rows={3}
      />

      <PrivacyNotice c={c} assembly={props.assembly} />

      <h2>{t('register.section_consent')}</h2>
      <fieldset class="field" aria-describedby="consents-hint">
        <legend>{t('register.consent_legend')}</legend>
        <p class="hint" id="consents-hint">
          {t('register.consent_hint')}
        </p>
        {consentKinds.map((kind) => (
          <ConsentBox
            name={`consent_${kind}`}
            label={
              requiredConsents.includes(kind)
                ? `${t(`consent.${kind}`)} ${t('register.required_consent')}`
                : t(`consent.${kind}`)
            }
            checked={text(`consent_${kind}`) !== ''}
            error={errors[`consent_${kind}`]}
          />
        ))}
      </fieldset>

      <div class="honeypot" aria-hidden="true">
        <label for={honeypotField}>{t('register.honeypot')}</label>
        <input
          type="text"
          id={honeypotField}
          name={honeypotField}
          value=""
          tabindex={-1}
          autocomplete="off"
        />
      </div>

      <SubmitButton label={t('register.send')} />
    </form>
  );
}

/** What the error summary calls each field: its label, or for a question the question itself. */
function fieldLabels(c: Ctx, questions: Question[]): Record<string, string> {
  const t = c.var.t;
  return {
    code: t('register.code'),
    full_name: t('register.full_name'),
    email: t('register.email'),
    phone: t('register.phone'),
    address: t('register.address'),
    postcode: t('register.postcode'),
    city: t('register.city'),
    preferred_language: t('register.language'),
    needs: t('register.needs'),
    needs_details: t('register.needs_details'),
    ...Object.fromEntries(questions.map((q) => [`answer_${q.key}`, labelIn(q.label, c.var.lang)])),
    ...Object.fromEntries(consentKinds.map((kind) => [`consent_${kind}`, t(`consent.${kind}`)])),
  };
}

function registrationPage(
  c: Ctx,
  assembly: Assembly,
  questions: Question[],
  values: FormValues,
  errors: FieldErrors,
  formTime: string,
  status: 422 | 429 = 422,
) {
  const t = c.var.t;
  const title = localised(assembly.title, c.var.lang);
  const failed = Object.keys(errors).length > 0;
  return render(
    c,
    { title: `${t('register.title')} – ${title}` },
    <>
      <h1>{title}</h1>
      <ErrorSummary title={t('errors.summary')} errors={errors} labels={fieldLabels(c, questions)} />
      <h2>{t('register.remit_heading')}</h2>
      <p>{localised(assembly.remit, c.var.lang)}</p>
      <p>{t('register.lead')}</p>
      <RegistrationForm
        c={c}
        assembly={assembly}
        questions={questions}
        values={values}
        errors={errors}
        formTime={formTime}
      />
    </>,
    failed ? status : 200,
  );
}

function closedPage(c: Ctx, assembly: Assembly, status: 200 | 409 = 200) {
  const t = c.var.t;
  return render(
    c,
    { title: t('register.closed_title') },
    <>
      <p class="assembly-name">{localised(assembly.title, c.var.lang)}</p>
      <h1>{t('register.closed_title')}</h1>
      <p>{t('register.closed_text')}</p>
      <OrganiserContact c={c} assembly={assembly} />
      <p>
        <a href="/">{t('errors.home')}</a>
      </p>
    </>,
    status,
  );
}

function thanksPage(c: Ctx, assembly: Assembly, reference: string) {
  const t = c.var.t;
  return render(
    c,
    { title: t('register.thanks_title') },
    <>
      <h1>{t('register.thanks_title')}</h1>
      <p class="notice" role="status">
        {t('register.thanks_received', { assembly: localised(assembly.title, c.var.lang) })}
      </p>
      <dl class="facts">
        <dt>{t('register.thanks_reference')}</dt>
        <dd>
          <code class="secret">{reference}</code>
        </dd>
      </dl>
      <p>{t('register.thanks_reference_hint')}</p>
      <h2>{t('register.next_title')}</h2>
      <ul>
        <li>{t('register.next_draw')}</li>
        <li>{t('register.next_contact')}</li>
        <li>{t('register.next_questions')}</li>
      </ul>
      <OrganiserContact c={c} assembly={assembly} />
    </>,
  );
}

async function openAssembly(c: Ctx) {
  const db = c.var.config.database.db;
  const assembly = await findAssemblyBySlug(db, c.req.param('slug') ?? '');
  if (!assembly) return null;
  return { assembly, questions: await listQuestions(db, assembly.id) };
}

async function showForm(c: Ctx) {
  const found = await openAssembly(c);
  if (!found) return errorPage(c, 404, c.var.t('errors.not_found'));
  const { assembly, questions } = found;
  if (!assembly.registration_open) return closedPage(c, assembly);
  const code = codeSchema.catch({ code: '' }).parse({ code: c.req.query('code') }).code;
  const values: FormValues = { code, preferred_language: c.var.lang, needs: [] };
  return registrationPage(c, assembly, questions, values, {}, formTimeToken(c.var.config.secret));
}

async function submitForm(c: Ctx) {
  const refusedFor = await attemptRefused(c);
  const t = c.var.t;
  const { config } = c.var;
  const found = await openAssembly(c);
  if (!found) return errorPage(c, 404, t('errors.not_found'));
  const { assembly, questions } = found;
  if (!assembly.registration_open) return closedPage(c, assembly, 409);

  // The body is already read within the form limit; reading it costs nothing more.
  const values = formValues(await c.req.parseBody({ all: true }));
  const again = (errors: FieldErrors, formTime: string) =>
    registrationPage(c, assembly, questions, values, errors, formTime);

  // The time the form was first shown stays with it, so waiting after a refusal is enough.
  const age = formAgeMillis(config.secret, str(values, 'form_time'));
  const formTime = age === null ? formTimeToken(config.secret) : str(values, 'form_time');
  // Many people can share an address: one refused for others' attempts keeps what they typed.
  if (refusedFor !== null)
    return registrationPage(
      c,
      assembly,
      questions,
      values,
      { _form: tooManyAttempts(c, refusedFor) },
      formTime,
      429,
    );
  const parsed = registrationSchema.safeParse(values);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      const max = 'maximum' in issue ? Number(issue.maximum) : 0;
      const known = issue.message === 'too_long' || issue.message === 'control_characters';
      errors[field] ??= t(`errors.${known ? issue.message : 'required'}`, { max });
    }
    return again(errors, formTime);
  }
  const form = parsed.data;
  if (form[honeypotField] !== '') return again({ _form: t('register.bot_suspected') }, formTime);
  if (age === null || age < config.minimumFormMillis)
    return again({ _form: t('register.too_fast') }, formTime);

  // Every problem at once, in the order of the form.
  const errors: FieldErrors = {};
  if (!form.code) errors.code = t('errors.required');
  else {
    try {
      await checkInviteCode(config.database, assembly.id, form.code);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      errors[error.field ?? 'code'] =
        error.code === 'invite_code_used'
          ? codeUsedMessage(c, assembly)
          : t(`errors.${error.code}`, error.params);
    }
  }
  const answers: Record<string, string> = {};
  for (const q of questions) {
    const raw = str(values, `answer_${q.key}`).trim();
    if (!raw) errors[`answer_${q.key}`] = t('errors.answer_required');
    else if (matchOption(q, raw) === null) errors[`answer_${q.key}`] = t('errors.answer_invalid');
    else answers[q.key] = raw;
  }
  if (!form.full_name) errors.full_name = t('register.error_name');
  if (!form.email && !form.phone) errors.email = t('register.error_email_or_phone');
  else if (form.email && !emailPattern.test(form.email)) errors.email = t('errors.email_invalid');
  const consents = consentKinds.filter((kind) => str(values, `consent_${kind}`) !== '');
  for (const kind of requiredConsents) {
    if (!consents.includes(kind)) errors[`consent_${kind}`] = t('errors.consent_required');
  }
  if (Object.keys(errors).length > 0) return again(errors, formTime);

  const language = isLanguage(form.preferred_language) ? form.preferred_language : c.var.lang;
  try {
    const { reference } = await registerVolunteer(config.database, {
      assemblyId: assembly.id,
      code: form.code,
      answers,
      contact: {
        full_name: form.full_name,
        email: form.email || null,
        phone: form.phone || null,
        address: form.address || null,
        postcode: form.postcode || null,
        city: form.city || null,
        preferred_language: language,
      },
      needs: [...new Set(form.needs.filter(isAccessNeed))],
      needsDetails: form.needs_details || null,
      consents,
    });
    // The thank-you page speaks the language the person chose.
    c.set('lang', language);
    c.set('t', translator(language));
    return thanksPage(c, assembly, reference);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.code === 'registration_closed') return closedPage(c, assembly, 409);
    const message =
      error.code === 'invite_code_used'
        ? codeUsedMessage(c, assembly)
        : t(`errors.${error.code}`, error.params);
    return again({ [error.field ?? '_form']: message }, formTime);
  }
}

export const registrationRoutes: Route[] = [
  // The QR code on a letter opens /register?code=…: the code is filled in, ready to send.
  {
    method: 'GET',
    path: '/register',
    access: publicAccess,
    handler: (c) => codePage(c, (c.req.query('code') ?? '').trim().slice(0, 40)),
  },
  { method: 'POST', path: '/register', access: publicAccess, handler: codeSubmit },
  { method: 'GET', path: '/register/:slug', access: publicAccess, handler: showForm },
  { method: 'POST', path: '/register/:slug', access: publicAccess, handler: submitForm },
];
