/** The registration form, in the parts a person fills in one after another. */
import { accessNeeds } from '../../../../domain/access-needs.ts';
import { consentKinds, requiredConsents } from '../../../../domain/consents.ts';
import { labelIn, preferNotToSay, type Question } from '../../../../domain/questions.ts';
import { languages } from '../../../../i18n/i18n.ts';
import type { Assembly } from '../../../../repositories/assemblies.ts';
import type { Ctx } from '../../../env.ts';
import {
  ChoiceGroup,
  Csrf,
  type FieldErrors,
  type FormValues,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../../../views/forms.tsx';
import { PrivacyNotice } from '../../../views/privacy-notice.tsx';
import { honeypotField } from '../schema.ts';

interface PartProps {
  c: Ctx;
  values: FormValues;
  errors: FieldErrors;
}

function list(values: FormValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

function CodePart(props: PartProps) {
  const t = props.c.var.t;
  return (
    <>
      <h2>{t('register.section_code')}</h2>
      <TextField
        name="code"
        label={t('register.code')}
        hint={t('register.code_hint')}
        value={str(props.values, 'code')}
        error={props.errors.code}
        autocomplete="off"
        required
      />
    </>
  );
}

function QuestionsPart(props: PartProps & { questions: Question[] }) {
  const { c, questions, values, errors } = props;
  const t = c.var.t;
  const lang = c.var.lang;
  if (questions.length === 0) return null;
  return (
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
          checked={[str(values, `answer_${q.key}`)]}
          error={errors[`answer_${q.key}`]}
        />
      ))}
    </>
  );
}

/** The contact fields: name, input type and autocomplete hint of each, in the order asked. */
const contactInputs = [
  { name: 'full_name', autocomplete: 'name', required: true },
  { name: 'email', type: 'email', autocomplete: 'email', inputmode: 'email' },
  { name: 'phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel' },
  { name: 'address', autocomplete: 'street-address' },
  { name: 'postcode', autocomplete: 'postal-code' },
  { name: 'city', autocomplete: 'address-level2' },
] as const;

function ContactPart(props: PartProps) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <>
      <h2>{t('register.section_contact')}</h2>
      <p class="hint">{t('register.contact_hint')}</p>
      {contactInputs.map((input) => (
        <TextField
          name={input.name}
          label={t(`register.${input.name}`)}
          type={'type' in input ? input.type : undefined}
          value={str(values, input.name)}
          error={errors[input.name]}
          autocomplete={input.autocomplete}
          inputmode={'inputmode' in input ? input.inputmode : undefined}
          required={'required' in input ? input.required : undefined}
        />
      ))}
      <ChoiceGroup
        name="preferred_language"
        legend={t('register.language')}
        type="radio"
        options={languages.map((l) => ({ value: l, label: t(`register.language_${l}`) }))}
        checked={[str(values, 'preferred_language')]}
        error={errors.preferred_language}
      />
    </>
  );
}

function NeedsPart(props: PartProps) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <>
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
        value={str(values, 'needs_details')}
        error={errors.needs_details}
        rows={3}
      />
    </>
  );
}

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

function ConsentPart(props: PartProps) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <>
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
            checked={str(values, `consent_${kind}`) !== ''}
            error={errors[`consent_${kind}`]}
          />
        ))}
      </fieldset>
    </>
  );
}

/** The field people do not see, hidden from screen readers and the keyboard too. */
export function Honeypot(props: { c: Ctx }) {
  return (
    <div class="honeypot" aria-hidden="true">
      <label for={honeypotField}>{props.c.var.t('register.honeypot')}</label>
      <input type="text" id={honeypotField} name={honeypotField} value="" tabindex={-1} autocomplete="off" />
    </div>
  );
}

export function RegistrationForm(
  props: PartProps & { assembly: Assembly; questions: Question[]; formTime: string },
) {
  const { c } = props;
  const t = c.var.t;
  return (
    <form method="post" action={`/register/${props.assembly.slug}`} class="stack" novalidate>
      <Csrf c={c} />
      <input type="hidden" name="form_time" value={props.formTime} />
      <p>{t('register.required_note')}</p>
      <CodePart {...props} />
      <QuestionsPart {...props} />
      <ContactPart {...props} />
      <NeedsPart {...props} />
      <PrivacyNotice c={c} assembly={props.assembly} />
      <ConsentPart {...props} />
      <Honeypot c={c} />
      <SubmitButton label={t('register.send')} />
    </form>
  );
}
