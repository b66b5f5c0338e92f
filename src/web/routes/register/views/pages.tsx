/** The sign-up's pages: the invite code, the form, registration closed, and thanks. */
import { consentKinds } from '../../../../domain/consents.ts';
import { labelIn, type Question } from '../../../../domain/questions.ts';
import type { Assembly } from '../../../../repositories/assemblies.ts';
import type { Ctx } from '../../../env.ts';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SubmitButton,
  TextField,
} from '../../../views/forms.tsx';
import { render } from '../../../views/layout.tsx';
import { OrganiserContact } from '../../../views/privacy-notice.tsx';
import { RegistrationForm } from './form.tsx';

export function codePage(c: Ctx, code = '', error?: string, contactOf?: Assembly) {
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

export interface RegistrationPageProps {
  assembly: Assembly;
  questions: Question[];
  values: FormValues;
  errors: FieldErrors;
  formTime: string;
  /** The status when refused: 422, or 429 for too many attempts from the address. */
  status?: 422 | 429;
}

export function registrationPage(c: Ctx, props: RegistrationPageProps) {
  const t = c.var.t;
  const { assembly, errors } = props;
  const title = labelIn(assembly.title, c.var.lang);
  const failed = Object.keys(errors).length > 0;
  return render(
    c,
    { title: `${t('register.title')} – ${title}` },
    <>
      <h1>{title}</h1>
      <ErrorSummary title={t('errors.summary')} errors={errors} labels={fieldLabels(c, props.questions)} />
      <h2>{t('register.remit_heading')}</h2>
      <p>{labelIn(assembly.remit, c.var.lang)}</p>
      <p>{t('register.lead')}</p>
      <RegistrationForm
        c={c}
        assembly={assembly}
        questions={props.questions}
        values={props.values}
        errors={errors}
        formTime={props.formTime}
      />
    </>,
    failed ? (props.status ?? 422) : 200,
  );
}

export function closedPage(c: Ctx, assembly: Assembly, status: 200 | 409 = 200) {
  const t = c.var.t;
  return render(
    c,
    { title: t('register.closed_title') },
    <>
      <p class="assembly-name">{labelIn(assembly.title, c.var.lang)}</p>
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

export function thanksPage(c: Ctx, assembly: Assembly, reference: string) {
  const t = c.var.t;
  return render(
    c,
    { title: t('register.thanks_title') },
    <>
      <h1>{t('register.thanks_title')}</h1>
      <p class="notice" role="status">
        {t('register.thanks_received', { assembly: labelIn(assembly.title, c.var.lang) })}
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
